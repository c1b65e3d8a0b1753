/**
 * The lead (standfirst): text shown between the headline and the story, apart from the body. When a
 * page has none, the story's first paragraph is the lead and leaves the body, so that what is stored
 * (lead + body) never holds it twice.
 */
import type { Selection } from './content';
import { isBoilerplateParagraph } from './text';
import { type Unit, linkDensity } from './units';

const MAX_GAP_UNITS = 12;

function isHeadline(u: Unit, title: string | null): boolean {
  return (u.heading && (u.block as { name?: string }).name === 'h1') || (title != null && u.text === title);
}

/** Sentence-like units between the headline and the story's first paragraph, or null. */
export function standfirst(units: Unit[], story: Selection, title: string | null): string | null {
  let headline = -1;
  for (let i = story.first - 1; i >= Math.max(0, story.first - MAX_GAP_UNITS); i--) {
    if (isHeadline(units[i]!, title)) {
      headline = i;
      break;
    }
  }
  if (headline < 0) return null;
  const parts: string[] = [];
  for (let i = headline + 1; i < story.first; i++) {
    const u = units[i]!;
    if (u.boiler || u.classNegative || u.heading || linkDensity(u) >= 0.2) continue;
    if (u.len < 40 || u.text.split(' ').length < 6) continue;
    // a caption under the picture, or a credit line, is not the lead
    if ((u.afterImage && u.text.split(' ').length < 15) || isBoilerplateParagraph(u.text)) continue;
    parts.push(u.text);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Lead and body with the lead never repeated as the body's first paragraph. */
export function splitLead(
  lead: string | null,
  paragraphs: string[],
): { lead: string | null; paragraphs: string[] } {
  const body = lead ? paragraphs.filter((p) => p !== lead) : [...paragraphs];
  if (lead) {
    // a lead also printed as the opening of the first paragraph (or the other way round) is stored once
    const first = body[0];
    if (first && (first.startsWith(lead) || lead.startsWith(first))) {
      if (first.length > lead.length) body[0] = first.slice(lead.length).trim();
      else body.shift();
      if (body[0] === '') body.shift();
    }
    return { lead, paragraphs: body };
  }
  return { lead: body.shift() ?? null, paragraphs: body };
}
