import type { SourceHealth } from '../domain/model';
import { formatAstana } from './astana-time';
import { type SafeHtml, html } from './html';
import { type PageChrome, page } from './layout';

function health(s: SourceHealth): SafeHtml {
  if (s.consecutiveFailures > 0) return html`<span class="status bad">✗ Failing</span>`;
  if (s.lastSuccessAt) return html`<span class="status ok">✓ Healthy</span>`;
  return html`<span class="status wait">Not fetched yet</span>`;
}

export function renderSourcesPage(sources: SourceHealth[], chrome?: PageChrome): string {
  const rows = [...sources].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  const body = html`<h1>Sources</h1>
${
  rows.length === 0
    ? html`<div class="notice empty">No source has been fetched yet. Run <code>kzmon demo</code> or <code>kzmon run</code> first.</div>`
    : html`<table><caption class="summary">Health of each watched source, from the last fetch cycles.</caption>
<thead><tr><th scope="col">Source</th><th scope="col">Health</th><th scope="col">Last success</th><th scope="col">Last error</th><th scope="col">Consecutive failures</th><th scope="col">Items last seen</th></tr></thead>
<tbody>${rows.map(
        (
          s,
        ) => html`<tr data-source-id="${s.sourceId}"><th scope="row">${s.sourceId}</th><td data-label="Health">${health(s)}</td>
<td data-label="Last success">${s.lastSuccessAt ? html`<time datetime="${s.lastSuccessAt}">${formatAstana(s.lastSuccessAt)}</time>` : 'never'}</td>
<td data-label="Last error">${s.lastError ? html`<time datetime="${s.lastErrorAt ?? ''}">${formatAstana(s.lastErrorAt)}</time><div class="why-error">${s.lastError}</div>` : 'none'}</td>
<td data-label="Consecutive failures" class="num">${s.consecutiveFailures}</td>
<td data-label="Items last seen" class="num">${s.itemsLastSeen ?? '—'}</td></tr>`,
      )}</tbody></table>`
}`;
  return page({ title: 'Sources', section: 'sources', body, chrome });
}

export function renderErrorPage(status: number, message: string, chrome?: PageChrome): string {
  const heading = status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Something went wrong';
  return page({
    title: heading,
    section: 'none',
    body: html`<h1>${heading}</h1><div class="notice error" role="alert">${message}</div><p><a href="/">← All items</a></p>`,
    chrome,
  });
}
