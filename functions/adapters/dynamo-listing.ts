/**
 * What a listing page asks DynamoDB for and what it returns: the key a cursor position stands for, the
 * filter expression for the filters the listing partition does not cover (and the text search), and
 * the summary a listing entry becomes.
 */
import type { ItemSummary } from '../domain/ports';
import type { ListingPlan } from '../domain/query/listing-plan';
import type { Row } from './dynamo-item-records';

/** The table key of the listing entry at a position, rebuilt so clients never supply raw keys. */
export function listingKey(partition: string, position: string): Row {
  const itemId = position.slice(position.indexOf('#') + 1);
  return { pk: `ITEM#${itemId}`, sk: `IDX#${partition}`, gsi1pk: partition, gsi1sk: position };
}

export function filterExpression(
  plan: ListingPlan,
): { expression: string; names: Record<string, string>; values: Record<string, string> } | undefined {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const { category, topic, source, lang } = plan.filters;
  if (category) {
    parts.push('contains(#cats, :fc)');
    names['#cats'] = 'categories';
    values[':fc'] = category;
  }
  if (topic) {
    parts.push('contains(#topics, :ft)');
    names['#topics'] = 'topics';
    values[':ft'] = topic;
  }
  if (source) {
    parts.push('#src = :fs');
    names['#src'] = 'sourceId';
    values[':fs'] = source;
  }
  if (lang) {
    parts.push('#lang = :fl');
    names['#lang'] = 'language';
    values[':fl'] = lang;
  }
  if (plan.text) {
    parts.push('contains(#text, :fq)');
    names['#text'] = 'searchText';
    values[':fq'] = plan.text;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

export function toSummary(r: Row): ItemSummary {
  return {
    itemId: r.itemId as string,
    sourceId: r.sourceId as string,
    url: r.url as string,
    language: r.language as string,
    title: r.title as string,
    publishedAt: r.publishedAt as string,
    categories: (r.categories as string[]) ?? [],
    topics: (r.topics as string[]) ?? [],
    people: (r.people as string[]) ?? [],
    storyId: r.storyId as string,
    ...(typeof r.gist === 'string' ? { gist: r.gist } : {}),
  };
}
