import type { Command } from 'commander';
import type { SourceHealth } from '../../functions/domain/model';
import type { ItemPage, ItemSummary } from '../../functions/domain/ports';
import { MAX_LIMIT } from '../../functions/domain/query/query-params';
import { routeQuery } from '../../functions/domain/query/query-routes';
import { DEFAULT_SOURCES } from '../../functions/domain/sources/definitions';
import { createApiClient } from './api-client';
import { DATES_HELP, EXIT, EXIT_CODES_HELP, UsageError } from './cli-support';
import { DEMO_FALLBACK_NOTE, EMPTY_STORE_HINT, openStoreForReading } from './local-env';
import { LiveBlock, interactive } from './progress';

interface QueryOptions {
  category?: string;
  topic?: string;
  source?: string;
  lang?: string;
  since?: string;
  until?: string;
  text?: string;
  q?: string;
  limit?: string;
  cursor?: string;
  all?: boolean;
  json?: boolean;
  csv?: boolean;
  api?: string;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
}

/** Where the CLI's questions go: the local store (through the API's own routes) or the deployed API. */
export interface QueryTarget {
  get(path: string, params: Record<string, string | undefined>): Promise<RouteAnswer>;
  close(): Promise<void>;
  /** Which store answers, for people: the deployed API, the live local store or the demo's. */
  label: string;
  demo?: boolean;
}

export async function openTarget(api: string | undefined): Promise<QueryTarget> {
  if (api) {
    const client = createApiClient({ baseUrl: api });
    return { get: (path, params) => client.get(path, params), close: async () => {}, label: api };
  }
  const local = await openStoreForReading();
  if (local.fellBackToDemo) process.stderr.write(`kzmon: ${DEMO_FALLBACK_NOTE}\n`);
  return {
    get: (path, params) => routeQuery(local.store, path, params),
    close: () => local.close(),
    label: local.kind === 'demo' ? 'the demo store' : 'the local store',
    demo: local.kind === 'demo',
  };
}

/**
 * A source filter must name a source this store knows (the built-in ones and every source it has
 * fetched), else a typo would quietly list nothing.
 */
export async function checkSourceName(target: QueryTarget, source: string | undefined): Promise<void> {
  if (!source) return;
  const res = await target.get('/sources', {});
  if (res.status !== 200) return;
  const fetched = (res.body as { sources: SourceHealth[] }).sources.map((s) => s.sourceId);
  // The demo reads only its sample sources; elsewhere the built-in sources count even before a fetch.
  const known = [...new Set([...(target.demo ? [] : DEFAULT_SOURCES.map((s) => s.id)), ...fetched])];
  if (known.length > 0 && !known.includes(source.trim().toLowerCase())) {
    throw new UsageError(`no source "${source}" in ${target.label}; known: ${known.sort().join(', ')}`);
  }
}

/** Exit code 2 for a request the API judged bad (it names the parameter), 1 for anything else. */
export function reportFailure(res: RouteAnswer, api: string | undefined): void {
  const message = (res.body as { message?: string })?.message ?? JSON.stringify(res.body);
  if (res.status === 400) {
    // The API names its parameter (`lang`, `q`); the user typed the option (`--lang`, `--text`).
    const asOption = message.replace(/^bad parameter (\w+):/, (_, p: string) => `--${p === 'q' ? 'text' : p}:`);
    process.stderr.write(`kzmon: ${asOption}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  if (api && (res.status === 403 || res.status === 401)) {
    process.stderr.write(
      `kzmon: the API refused the request (HTTP ${res.status}: ${message}); it needs SigV4-signed requests from AWS credentials allowed execute-api:Invoke\n`,
    );
  } else {
    process.stderr.write(`kzmon: HTTP ${res.status}: ${message}\n`);
  }
  process.exitCode = EXIT.failure;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('List stored relevant items, newest first, from the local store or a deployed API (--api)')
    .option('--category <category>', 'kz-us or c5plus1 (any case; KZ-US and C5+1 work too)')
    .option('--topic <topic>', 'one of the fixed topics, e.g. energy')
    .option('--source <id>', 'a source id, e.g. mfa-ru (see `kzmon sources`)')
    .option('--lang <lang>', 'en, ru or kk')
    .option(
      '--since <date>',
      'Astana day or time, inclusive (2026-11-01, 2026-11-01T09:00; Z or +hh:mm for another zone)',
    )
    .option('--until <date>', 'Astana day or time, inclusive (a day covers the whole Astana day)')
    .option(
      '--text <q>',
      "only items whose stored text (title, lead or body) contains this, any case (the API's and web view's q)",
    )
    .option('--q <q>', 'the same as --text')
    .option('--limit <n>', `items to show (1-${MAX_LIMIT}), or the page size with --all`, '50')
    .option('--all', 'page through every matching item')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .option('--json', 'JSON Lines output')
    .option('--csv', 'CSV output')
    .option(
      '--api <url>',
      'query a deployed API (SigV4-signed with your AWS credentials) instead of the local store',
    )
    .addHelpText('after', `\n${DATES_HELP}\n${EXIT_CODES_HELP}`)
    .action(runQuery);
}

/** Prints the matching items in the chosen format, paging until enough are shown. */
async function runQuery(opts: QueryOptions): Promise<void> {
  if (opts.json && opts.csv) throw new UsageError('choose one of --json and --csv');
  if (opts.text && opts.q && opts.text !== opts.q)
    throw new UsageError('--q is another name for --text: give one');
  const target = await openTarget(opts.api);
  try {
    await checkSourceName(target, opts.source);
    const base = {
      category: opts.category,
      topic: opts.topic,
      source: opts.source,
      lang: opts.lang,
      since: opts.since,
      until: opts.until,
      q: opts.text ?? opts.q,
    };
    const filtered = Object.values(base).some((v) => v !== undefined);
    const out: OutputFormat = opts.json ? 'json' : opts.csv ? 'csv' : 'table';
    if (out === 'csv') process.stdout.write(`${CSV_HEADER.join(',')}\n`);
    const read = await readPages(target, base, opts, out);
    if (!read) return;
    const { items, cursor } = read;
    if (out === 'table') {
      const empty = items.length === 0 && !filtered && !opts.api ? EMPTY_STORE_HINT : undefined;
      process.stdout.write(`${empty ?? formatTable(items)}\n`);
    }
    if (cursor && !opts.all) process.stderr.write(`more items: add --all, or --cursor ${cursor}\n`);
  } finally {
    await target.close();
  }
}

type OutputFormat = 'json' | 'csv' | 'table';

/**
 * Reads pages until the requested number of items is shown, or everything with --all: a filtered
 * page may come back short (the API bounds what one page reads). JSON and CSV rows stream as they
 * come. Null when a page failed (the failure is reported).
 */
async function readPages(
  target: QueryTarget,
  base: Record<string, string | undefined>,
  opts: QueryOptions,
  out: OutputFormat,
): Promise<{ items: ItemSummary[]; cursor: string | undefined } | null> {
  const want = Number(opts.limit);
  const items: ItemSummary[] = [];
  let cursor = opts.cursor;
  // Paging a large store takes a while: say how far it got, on a terminal only, unless the items
  // themselves are streaming to that terminal.
  let pages = 0;
  const progress =
    interactive() && (out === 'table' || !process.stdout.isTTY)
      ? new LiveBlock(
          () => [`Reading items: ${items.length} so far, page ${pages}…`],
          process.stderr,
          1000,
        ).start()
      : undefined;
  do {
    pages++;
    const pageSize = opts.all || !Number.isInteger(want) ? opts.limit : String(want - items.length);
    const res = await target.get('/items', { ...base, limit: pageSize, cursor });
    if (res.status !== 200) {
      progress?.stop();
      reportFailure(res, opts.api);
      return null;
    }
    const page = res.body as ItemPage;
    items.push(...page.items);
    if (out === 'json') for (const i of page.items) process.stdout.write(`${JSON.stringify(i)}\n`);
    if (out === 'csv') for (const i of page.items) process.stdout.write(`${csvRow(i)}\n`);
    cursor = page.cursor;
  } while (cursor && (opts.all || items.length < want));
  progress?.stop();
  return { items, cursor };
}

export function formatTable(items: ItemSummary[]): string {
  if (items.length === 0) return 'No items match these filters.';
  const rows = items.map((i) => [
    astanaMinute(i.publishedAt),
    i.categories.join(','),
    i.sourceId,
    i.language,
    i.title.length > 70 ? `${i.title.slice(0, 69)}…` : i.title,
    i.itemId,
  ]);
  const header = ['published (Astana)', 'categories', 'source', 'lang', 'title', 'id'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...r[c]!].length)));
  const fmt = (r: string[]) =>
    r
      .map((v, c) => v + ' '.repeat(widths[c]! - [...v].length))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

/** 2026-11-30 14:05 in Astana time, as the dates the options take. */
function astanaMinute(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 5 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const CSV_HEADER = [
  'publishedAt',
  'itemId',
  'sourceId',
  'language',
  'categories',
  'topics',
  'people',
  'title',
  'url',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(i: ItemSummary): string {
  return [
    i.publishedAt,
    i.itemId,
    i.sourceId,
    i.language,
    i.categories.join(';'),
    i.topics.join(';'),
    i.people.join(';'),
    i.title,
    i.url,
  ]
    .map(csvField)
    .join(',');
}
