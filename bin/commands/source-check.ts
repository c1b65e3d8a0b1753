/** `kzmon sources check`: one source read live and a few of its articles extracted, or every source as a table. */
import { HttpClient, decodeBody, isLoopback } from '../../functions/adapters/http-client';
import { extractArticle, htmlToParagraphs } from '../../functions/domain/extraction/extract-article';
import type { FeedEntry } from '../../functions/domain/model';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import type { HttpPort } from '../../functions/domain/sources/http-port';
import { describeFailure, isOfflineError } from '../../functions/domain/sources/source-failure';
import { readSource } from '../../functions/domain/sources/source-reader';
import { consoleLog } from '../../functions/local/console-log';
import { astanaTime } from './cli-support';

export interface CheckReport {
  ok: boolean;
  lines: string[];
  /** For the --all table. */
  row: { source: string; path: string; items: number; newest: string; firstLength: string; verdict: string };
}

function clientFor(source: SourceDefinition, all: SourceDefinition[]): HttpClient {
  return new HttpClient({
    allowedHosts: allowedHostsFor(all),
    allowInsecureLocal: isLoopback(new URL(source.url).hostname),
    maxAttempts: 2,
  });
}

/** Reads one source unconditionally (no stored validators) and extracts a few of its articles. */
export async function checkSource(
  source: SourceDefinition,
  all: SourceDefinition[],
  options: { articles: number; verbose?: boolean },
): Promise<CheckReport> {
  const log = consoleLog(options.verbose);
  const http = clientFor(source, all);
  const lines = [`Source ${source.id} (${source.kind}, ${source.language}): ${source.url}`];
  const row = { source: source.id, path: '-', items: 0, newest: '-', firstLength: '-', verdict: 'FAILED' };
  let entries: FeedEntry[];
  try {
    const read = await readSource(source, { http, log });
    entries = read.entries;
    row.path = read.pathUsed ?? read.via;
    row.items = entries.length;
    const newest = newestTime(entries);
    // Astana time, as the sites print it: a wrongly read date shows up against the page at a glance.
    row.newest = newest ? astanaTime(newest) : 'no dates';
    lines.push(`Read via ${read.via}: ${entries.length} item(s)${read.etag ? `, ETag ${read.etag}` : ''}`);
    if (read.pathUsed) lines.push(`Path used: ${read.pathUsed}`);
    if (read.note) lines.push(`Note: ${read.note}`);
    if (read.refusedLinks.length > 0)
      lines.push(
        `Refused ${read.refusedLinks.length} link(s) off the allowlist: ${read.refusedLinks.join(', ')}`,
      );
  } catch (err) {
    const reason = describeFailure(err);
    lines.push(`FAILED: ${reason}`);
    row.verdict = isOfflineError(err)
      ? 'no network?'
      : /^blocked by/.test(reason)
        ? reason.split(':')[0]!
        : 'FAILED';
    return { ok: false, lines, row };
  }
  for (const e of entries)
    lines.push(`  ${(e.publishedAt ? astanaTime(e.publishedAt) : 'no date').padEnd(31)} ${e.title ?? '(no title)'}  ${e.url}`);
  let ok = entries.length > 0;
  if (!ok) lines.push('FAILED: the source listed no items');
  const sample = entries.slice(0, Math.max(options.articles, 1));
  if (sample.length > 0 && options.articles > 0)
    lines.push(`Articles (first ${Math.min(sample.length, options.articles)}):`);
  for (const [i, e] of sample.entries()) {
    const line = await checkArticle(e, http);
    if (i === 0) row.firstLength = line.ok ? `${line.chars} chars` : line.chars === 0 ? 'empty' : 'failed';
    if (i < options.articles) {
      ok &&= line.ok;
      lines.push(line.text);
    } else ok &&= line.ok;
  }
  lines.push(ok ? 'Result: OK' : 'Result: FAILED');
  row.verdict = ok ? 'ok' : 'FAILED';
  return { ok, lines, row };
}

async function checkArticle(
  e: FeedEntry,
  http: HttpPort,
): Promise<{ ok: boolean; chars: number; text: string }> {
  try {
    let chars: number;
    let paragraphs: number;
    let date: string | null = e.publishedAt ?? null;
    if (e.bodyHtml != null) {
      const p = htmlToParagraphs(e.bodyHtml);
      paragraphs = p.length;
      chars = p.join('\n\n').length;
    } else {
      const res = await http.request({ url: e.url, headers: { accept: 'text/html,application/xhtml+xml' } });
      const article = extractArticle(decodeBody(res.body, res.headers.get('content-type')), res.url, {
        language: e.language,
      });
      // the lead is the story's first paragraph when the page shows no separate one: count it too
      const stored = [article.lead, ...article.paragraphs].filter((p): p is string => Boolean(p));
      paragraphs = stored.length;
      chars = stored.join('\n\n').length;
      date = article.publishedAt ?? date;
    }
    const good = chars > 0;
    return {
      ok: good,
      chars,
      text: `  ${good ? 'ok   ' : 'EMPTY'} ${chars} chars in ${paragraphs} paragraph(s), dated ${date ? astanaTime(date) : 'unknown'}  ${e.url}`,
    };
  } catch (err) {
    return { ok: false, chars: -1, text: `  FAIL  ${e.url}: ${describeFailure(err)}` };
  }
}

function newestTime(entries: FeedEntry[]): string | null {
  const times = entries.map((e) => e.publishedAt).filter((t): t is string => Boolean(t));
  // ISO instants in UTC sort as text.
  return times.sort().at(-1) ?? null;
}

/** Every source, one line each: what a person deploying checks from the network they deploy to. */
export async function checkAllSources(
  sources: SourceDefinition[],
  options: { verbose?: boolean },
): Promise<{ ok: boolean; table: string }> {
  const reports = await Promise.all(
    sources
      .filter((s) => s.enabled)
      .map((s) => checkSource(s, sources, { articles: 0, verbose: options.verbose })),
  );
  const header = {
    source: 'SOURCE',
    path: 'PATH USED',
    items: 'ITEMS',
    newest: 'NEWEST ITEM',
    firstLength: 'FIRST ARTICLE',
    verdict: 'VERDICT',
  };
  const rows = [header, ...reports.map((r) => ({ ...r.row, items: String(r.row.items) }))];
  const cols = Object.keys(header) as (keyof typeof header)[];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...rows.map((r) => String(r[c]).length))]));
  const table = rows
    .map((r) =>
      cols.map((c, i) => (i === cols.length - 1 ? String(r[c]) : String(r[c]).padEnd(width[c]!))).join('  '),
    )
    .join('\n');
  const failed = reports.filter((r) => !r.ok);
  // An offline machine fails every source the same way: one line says so instead of one per source.
  const offline = failed.filter((r) => r.row.verdict === 'no network?');
  const notes = failed
    .filter((r) => r.row.verdict !== 'no network?')
    .map((r) => `${r.row.source}: ${r.lines.find((l) => l.startsWith('FAILED')) ?? 'FAILED'}`);
  if (offline.length > 0) {
    notes.push(
      `No network? ${offline.length === reports.length ? 'No source' : `${offline.map((r) => r.row.source).join(', ')}: no`} name could be resolved or connection made; check this machine's connection and run again.`,
    );
  }
  return { ok: failed.length === 0, table: [table, ...(notes.length ? ['', ...notes] : [])].join('\n') };
}
