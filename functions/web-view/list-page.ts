import { CATEGORIES, LANGUAGES, TOPICS } from '../domain/model';
import type { ItemPage, ItemSummary } from '../domain/ports';
import { formatAstana } from './astana-time';
import { type SafeHtml, html, safeHref } from './html';
import { categoryName, languageName, topicName } from './labels';
import { type PageChrome, page } from './layout';
import { renderWeekChart, type WeekChartData } from './week-chart';

/** The list's query-string parameters, in the order they appear in links. */
export const LIST_PARAMS = [
  'category',
  'topic',
  'source',
  'lang',
  'since',
  'until',
  'q',
  'limit',
  'cursor',
] as const;
export type ListParams = Partial<Record<(typeof LIST_PARAMS)[number], string>>;

/** A link to the list with these filters; empty values are left out so the URL stays readable. */
export function listHref(params: ListParams): string {
  const qs = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    const v = params[key];
    if (v) qs.set(key, v);
  }
  const s = qs.toString();
  return s ? `/?${s}` : '/';
}

function select(
  name: string,
  label: string,
  current: string | undefined,
  options: [string, string][],
): SafeHtml {
  return html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">
<option value="">Any</option>${options.map(
    ([value, text]) =>
      html`<option value="${value}"${current === value ? html` selected` : ''}>${text}</option>`,
  )}</select></div>`;
}

function filterForm(params: ListParams, sourceIds: string[]): SafeHtml {
  const sources = [...new Set([...sourceIds, ...(params.source ? [params.source] : [])])].sort();
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Filter items">
<div class="wide"><label for="f-q">Text anywhere in the item (title, lead or body, any case)</label><input id="f-q" name="q" type="search" value="${params.q ?? ''}" placeholder="e.g. Blinken, C5+1, минерал"></div>
${select(
  'category',
  'Category',
  params.category,
  CATEGORIES.map((c) => [c, categoryName(c)]),
)}
${select(
  'topic',
  'Topic',
  params.topic,
  TOPICS.map((t) => [t, topicName(t)]),
)}
${select(
  'source',
  'Source',
  params.source,
  sources.map((s) => [s, s]),
)}
${select(
  'lang',
  'Language',
  params.lang,
  LANGUAGES.map((l) => [l, languageName(l)]),
)}
<div><label for="f-since">From (Astana date)</label><input id="f-since" name="since" type="date" value="${params.since ?? ''}"></div>
<div><label for="f-until">To (Astana date)</label><input id="f-until" name="until" type="date" value="${params.until ?? ''}"></div>
${params.limit ? html`<input type="hidden" name="limit" value="${params.limit}">` : ''}
<div class="actions"><button type="submit">Filter</button><a class="reset" href="/">Clear</a></div>
</form>`;
}

export function itemCard(item: ItemSummary): SafeHtml {
  return html`<li class="item" data-item-id="${item.itemId}"><article>
<h2 lang="${item.language}"><a href="${safeHref(item.url)}" rel="noopener noreferrer">${item.title}</a></h2>
${item.gist ? html`<p class="summary gist" lang="en">${item.gist}</p>` : ''}
<div class="meta"><span>${item.sourceId}</span><span class="lang" title="${languageName(item.language)}">${item.language.toUpperCase()}</span><time datetime="${item.publishedAt}">${formatAstana(item.publishedAt)}</time></div>
<ul class="chips" aria-label="Categories and topics">${item.categories.map(
    (c) => html`<li class="chip cat-${c}">${categoryName(c)}</li>`,
  )}${item.topics.map((t) => html`<li class="chip">${topicName(t)}</li>`)}${item.people.map(
    (p) => html`<li class="chip person" title="Official">${p}</li>`,
  )}</ul>
<a class="why" href="/items/${encodeURIComponent(item.itemId)}">Why it was flagged →</a>
</article></li>`;
}

function describeFilters(params: ListParams): string {
  const parts: string[] = [];
  if (params.category) parts.push(categoryName(params.category));
  if (params.topic) parts.push(topicName(params.topic));
  if (params.source) parts.push(`from ${params.source}`);
  if (params.lang) parts.push(`in ${languageName(params.lang)}`);
  if (params.since) parts.push(`since ${params.since}`);
  if (params.until) parts.push(`until ${params.until}`);
  if (params.q) parts.push(`containing “${params.q}”`);
  return parts.join(', ');
}

/** What the list says when nothing is listed: an empty store is not the same as filters that match nothing. */
function emptyNotice(params: ListParams, result: ItemPage): SafeHtml {
  if (result.cursor) return html`<div class="notice empty">Nothing matches on this page of the listing; try the next page.</div>`;
  if (!describeFilters(params) && !params.cursor)
    return html`<div class="notice empty" data-empty="store"><strong>The store is empty.</strong> No items yet: run <code>npm run demo</code> or <code>npx kzmon run</code> to fill it.</div>`;
  return html`<div class="notice empty" data-empty="filters">No items match these filters. <a href="/">Clear all filters</a></div>`;
}

export function renderListPage(input: {
  params: ListParams;
  sourceIds: string[];
  page?: ItemPage;
  error?: string;
  chart?: WeekChartData | null;
  chrome?: PageChrome;
}): string {
  const { params, page: result, error } = input;
  const filtered = describeFilters(params);
  const first = { ...params, cursor: undefined };
  const body = html`<h1>Relevant items</h1>
${filterForm(params, input.sourceIds)}
${input.chart && !params.cursor ? renderWeekChart(input.chart) : ''}
${error ? html`<div class="notice error" role="alert"><strong>Those filters can’t be used.</strong> ${error}. <a href="${listHref(first)}">Back to the first page</a> · <a href="/">Clear all filters</a></div>` : ''}
${
  result
    ? html`<p class="summary" aria-live="polite">${result.items.length} item${result.items.length === 1 ? '' : 's'} on this page${filtered ? `, ${filtered}` : ''}${params.cursor ? ' (a later page)' : ''}. Newest first.</p>
${
  result.items.length > 0
    ? html`<ol class="items">${result.items.map(itemCard)}</ol>`
    : emptyNotice(params, result)
}
<nav class="pager" aria-label="Pages">${params.cursor ? html`<a href="${listHref(first)}" rel="first">← First page</a>` : html`<span></span>`}${result.cursor ? html`<a href="${listHref({ ...params, cursor: result.cursor })}" rel="next">Next page →</a>` : ''}</nav>`
    : ''
}`;
  return page({ title: filtered ? `Items: ${filtered}` : 'Items', section: 'items', body, chrome: input.chrome });
}
