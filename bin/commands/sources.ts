import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { extractArticle, htmlToParagraphs } from '../../functions/domain/extraction/extract-article';
import type { FeedEntry, SourceHealth } from '../../functions/domain/model';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { DEFAULT_SOURCES, type SourceDefinition, parseSources } from '../../functions/domain/sources/definitions';
import { HttpClient, decodeBody, isLoopback } from '../../functions/adapters/http-client';
import { readSource } from '../../functions/domain/sources/source-reader';
import { consoleLog } from '../../functions/local/console-log';
import { openLocalStore } from './local-env';

export function loadSourcesOption(file?: string): SourceDefinition[] {
  if (!file) return DEFAULT_SOURCES;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`could not read sources file ${file}: ${(err as Error).message}`);
  }
  return parseSources(raw);
}

/** Sample and test servers live on 127.0.0.1 over plain http; only then is plain http allowed. */
export function isLocalSourceSet(sources: SourceDefinition[]): boolean {
  return sources.some((s) => isLoopback(new URL(s.url).hostname));
}

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description('List every source with its stored health (from the local store in .kzmon/)')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--json', 'print JSON')
    .action(async (opts: { sources?: string; json?: boolean }) => {
      const defs = loadSourcesOption(opts.sources);
      const local = await openLocalStore();
      try {
        const states = await local.store.getSourceStates(defs.map((s) => s.id));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(defs.map((d) => ({ ...d, health: states.get(d.id) ?? null })), null, 2)}\n`);
        } else {
          process.stdout.write(`${formatSourceList(defs, states)}\n`);
        }
      } finally {
        await local.close();
      }
    });

  sources
    .command('check <id>')
    .description('Fetch one source live and print what it found: items, dates and extracted text of a few articles. Exit code 0 when it worked.')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--articles <n>', 'how many articles to fetch and extract', '3')
    .option('-v, --verbose', 'log every step')
    .action(async (id: string, opts: { sources?: string; articles: string; verbose?: boolean }, cmd: Command) => {
      const file = opts.sources ?? (cmd.parent?.opts() as { sources?: string } | undefined)?.sources;
      const defs = loadSourcesOption(file);
      const source = defs.find((s) => s.id === id);
      if (!source) {
        process.stderr.write(`kzmon: no source "${id}"; known: ${defs.map((s) => s.id).join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const report = await checkSource(source, defs, {
        articles: Math.max(0, Number(opts.articles) || 0),
        verbose: opts.verbose,
      });
      process.stdout.write(`${report.lines.join('\n')}\n`);
      process.exitCode = report.ok ? 0 : 1;
    });
}

export function formatSourceList(defs: SourceDefinition[], states: Map<string, SourceHealth>): string {
  const lines: string[] = [];
  for (const d of defs) {
    const h = states.get(d.id);
    const status = !d.enabled
      ? 'disabled'
      : !h
        ? 'never fetched'
        : h.consecutiveFailures > 0
          ? `FAILING (${h.consecutiveFailures} in a row)`
          : 'ok';
    lines.push(`${d.id.padEnd(16)} ${d.kind.padEnd(15)} ${d.language}  ${status}`);
    lines.push(`  url            ${d.url}`);
    if (d.kind === 'rss' && d.fallbackListUrl) lines.push(`  fallback list  ${d.fallbackListUrl}`);
    if (d.kind === 'govkz-news') lines.push(`  project        ${d.project}, section ${d.section}`);
    if (h) {
      lines.push(`  last success   ${h.lastSuccessAt ?? 'never'}`);
      if (h.lastError) lines.push(`  last error     ${h.lastErrorAt ?? '?'}: ${h.lastError}`);
      if (h.itemsLastSeen !== undefined) lines.push(`  items seen     ${h.itemsLastSeen}`);
      if (h.note) lines.push(`  note           ${h.note}`);
    }
  }
  return lines.join('\n');
}

interface CheckReport {
  ok: boolean;
  lines: string[];
}

/** Reads one source unconditionally (no stored validators) and extracts a few of its articles. */
export async function checkSource(
  source: SourceDefinition,
  all: SourceDefinition[],
  options: { articles: number; verbose?: boolean },
): Promise<CheckReport> {
  const log = consoleLog(options.verbose);
  const http = new HttpClient({
    allowedHosts: allowedHostsFor(all),
    allowInsecureLocal: isLocalSourceSet([source]),
    maxAttempts: 2,
  });
  const lines = [`Source ${source.id} (${source.kind}, ${source.language}): ${source.url}`];
  let entries: FeedEntry[];
  try {
    const read = await readSource(source, { http, log });
    entries = read.entries;
    lines.push(`Read via ${read.via}: ${entries.length} item(s)${read.etag ? `, ETag ${read.etag}` : ''}`);
    if (read.note) lines.push(`Note: ${read.note}`);
    if (read.refusedLinks.length > 0) lines.push(`Refused ${read.refusedLinks.length} link(s) off the allowlist: ${read.refusedLinks.join(', ')}`);
  } catch (err) {
    lines.push(`FAILED: ${(err as Error).message}`);
    return { ok: false, lines };
  }
  for (const e of entries) lines.push(`  ${(e.publishedAt ?? 'no date').padEnd(24)} ${e.title ?? '(no title)'}  ${e.url}`);
  let ok = entries.length > 0;
  if (!ok) lines.push('FAILED: the source listed no items');
  const sample = entries.slice(0, options.articles);
  if (sample.length > 0) lines.push(`Articles (first ${sample.length}):`);
  for (const e of sample) {
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
        const article = extractArticle(decodeBody(res.body, res.headers.get('content-type')), res.url, { language: e.language });
        paragraphs = article.paragraphs.length;
        chars = article.paragraphs.join('\n\n').length;
        date = article.publishedAt ?? date;
      }
      const good = chars > 0;
      ok &&= good;
      lines.push(`  ${good ? 'ok   ' : 'EMPTY'} ${chars} chars in ${paragraphs} paragraph(s), dated ${date ?? 'unknown'}  ${e.url}`);
    } catch (err) {
      ok = false;
      lines.push(`  FAIL  ${e.url}: ${(err as Error).message}`);
    }
  }
  lines.push(ok ? 'Result: OK' : 'Result: FAILED');
  return { ok, lines };
}
