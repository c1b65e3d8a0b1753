import { itemGist } from '../domain/classification/gist';
import type { StoredItem } from '../domain/model';
import type { AlertRecord } from '../domain/ports';
import { formatAstana } from './astana-time';
import { highlight } from './highlight';
import { type SafeHtml, html, safeHref } from './html';
import { categoryName, languageName, topicName } from './labels';
import { type PageChrome, page } from './layout';

/** Another copy of the same story, as the item page lists it. */
export interface StoryCopy {
  itemId: string;
  sourceId: string;
  language: string;
  title: string;
  url: string;
  publishedAt: string;
}

export interface ItemView {
  item: StoredItem;
  /** `unavailable`: the store has no alert records to show (one reached through the API). */
  alert: AlertRecord | null | 'unavailable';
  copies: StoryCopy[];
  /** Set when the copies could not be looked up; the page says so instead of listing none. */
  copiesError?: string;
  chrome?: PageChrome;
}

function alertPanel(alert: AlertRecord | null | 'unavailable'): SafeHtml {
  let status: SafeHtml;
  if (alert === 'unavailable')
    status = html`<p><span class="status">Unknown here.</span> The query API does not expose alert records.</p>`;
  else if (!alert)
    status = html`<p><span class="status">Not alerted.</span> No alert record exists for this item.</p>`;
  else if (alert.status === 'sent')
    status = html`<p><span class="status ok">✓ Alerted</span> at <time datetime="${alert.sentAt ?? ''}">${formatAstana(alert.sentAt)}</time>.</p>${
      alert.messageId ? html`<p class="summary">Message ${alert.messageId}</p>` : ''
    }`;
  else if (alert.status === 'suppressed')
    status = html`<p><span class="status">Not sent</span>: every subscriber it matched had already been told about this story.</p>`;
  else
    status = html`<p><span class="status wait">Alert ${alert.status}</span> since <time datetime="${alert.createdAt}">${formatAstana(alert.createdAt)}</time>.</p>`;
  const copy =
    alert !== 'unavailable' && alert?.storySeq && alert.storySeq > 1
      ? html`<p class="summary">Copy ${alert.storySeq} of its story: alerted only to subscribers not told by an earlier copy.</p>`
      : '';
  return html`<section class="panel" aria-labelledby="h-alert"><h2 id="h-alert">Alert</h2>${status}${copy}</section>`;
}

function scoresPanel(item: StoredItem): SafeHtml {
  const c = item.classification;
  return html`<section class="panel" aria-labelledby="h-scores"><h2 id="h-scores">Scores</h2>
${Object.entries(c.scores).map(
  ([cat, score]) =>
    html`<div class="score"><span>${categoryName(cat)}</span><meter min="0" max="1" low="0.34" high="0.66" optimum="1" value="${score}" aria-label="${categoryName(cat)} score">${score}</meter><b>${score.toFixed(2)}</b></div>`,
)}
<p class="summary">${c.relevant ? 'Judged relevant' : 'Judged not relevant'}; event: ${c.eventType}.</p></section>`;
}

function copiesPanel(view: ItemView): SafeHtml {
  const body = view.copiesError
    ? html`<p class="notice error">Other copies could not be looked up: ${view.copiesError}</p>`
    : view.copies.length === 0
      ? html`<p class="summary">No other copies of this story are stored.</p>`
      : html`<ul class="copies">${view.copies.map(
          (c) =>
            html`<li><a href="/items/${encodeURIComponent(c.itemId)}" lang="${c.language}">${c.title}</a><div class="meta"><span>${c.sourceId}</span><span class="lang" title="${languageName(c.language)}">${c.language.toUpperCase()}</span><time datetime="${c.publishedAt}">${formatAstana(c.publishedAt)}</time><a href="${safeHref(c.url)}" rel="noopener noreferrer">source ↗</a></div></li>`,
        )}</ul>`;
  return html`<section class="panel" aria-labelledby="h-copies"><h2 id="h-copies">Same story elsewhere</h2>${body}</section>`;
}

function evidencePanel(item: StoredItem): SafeHtml {
  const ev = item.classification.evidence;
  return html`<section class="panel" aria-labelledby="h-evidence"><h2 id="h-evidence">Evidence</h2>${
    ev.length === 0
      ? html`<p class="summary">No evidence recorded.</p>`
      : html`<ul class="evidence">${ev.map(
          (e) =>
            html`<li><span class="evlabel">${e.label} · weight ${e.weight}</span><span lang="${item.language}">${e.text}</span></li>`,
        )}</ul>`
  }</section>`;
}

export function renderItemPage(view: ItemView): string {
  const { item } = view;
  const c = item.classification;
  const evidence = c.evidence.map((e) => e.text);
  const paragraphs = item.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const lead = item.lead && !paragraphs[0]?.startsWith(item.lead.slice(0, 40)) ? item.lead : null;
  const text = [
    ...(lead ? [html`<p class="lead">${highlight(lead, evidence).markup}</p>`] : []),
    ...paragraphs.map((p) => html`<p>${highlight(p, evidence).markup}</p>`),
  ];
  const body = html`<p><a href="/">← All items</a></p>
<h1 lang="${item.language}">${item.title}</h1>
<p class="summary gist" lang="en">${itemGist(item)}</p>
<div class="meta"><span>${item.sourceId}</span><span class="lang" title="${languageName(item.language)}">${item.language.toUpperCase()}</span>
<span>Published <time datetime="${item.publishedAt}">${formatAstana(item.publishedAt)}</time></span>
<span>Fetched <time datetime="${item.fetchedAt}">${formatAstana(item.fetchedAt)}</time></span>
${item.author ? html`<span>By ${item.author}</span>` : ''}<a href="${safeHref(item.url)}" rel="noopener noreferrer">Read at the source ↗</a></div>
<ul class="chips" aria-label="Categories, topics and officials">${c.categories.map(
    (x) => html`<li class="chip cat-${x}">${categoryName(x)}</li>`,
  )}${c.topics.map((t) => html`<li class="chip">${topicName(t)}</li>`)}${c.people.map(
    (p) => html`<li class="chip person" title="Official">${p}</li>`,
  )}</ul>
<div class="cols">
<section aria-labelledby="h-text"><h2 id="h-text">Extracted text <span class="summary">— evidence <mark>highlighted</mark></span></h2>
<div class="article" lang="${item.language}">${text.length ? text : html`<p class="summary">No text was extracted.</p>`}</div></section>
<div>${scoresPanel(item)}${alertPanel(view.alert)}${copiesPanel(view)}${evidencePanel(item)}</div>
</div>`;
  return page({ title: item.title, section: 'none', body, chrome: view.chrome });
}
