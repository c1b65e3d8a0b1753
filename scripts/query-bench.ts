/**
 * Query benchmark: median time per page and consumed read capacity per page for the questions users ask,
 * through the same routes the API and `kzmon query` use, on a local store of seeded items.
 *
 *   npx tsx scripts/query-bench.ts [--dir .kzmon/db | --seed 10000] [--pages 5] [--runs 5] [--json]
 *
 * --dir reads a store seeded with `npm run seed:local`; --seed N seeds N items into an in-memory store
 * first. RCU are DynamoDB's ReturnConsumedCapacity (dynalite computes them the same way: item bytes
 * read, rounded up to 4 KB per Query call, half a unit each for the GSI's eventually consistent reads).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoStore } from '../functions/adapters/dynamo-store';
import type { ItemPage } from '../functions/domain/ports';
import { routeQuery } from '../functions/domain/query/query-routes';
import { startLocalDynamo } from '../functions/local/local-dynamodb';
import { generateItems, seedItems } from './seed-local';

export interface ScenarioResult {
  name: string;
  params: Record<string, string>;
  pages: number;
  items: number;
  medianMsPerPage: number;
  medianRcuPerPage: number;
  maxRcuPerPage: number;
  /** Listing entries read per item returned, over all pages (1 would be perfect). */
  readPerReturned: number;
  medianItemsPerPage: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

export function scenarios(): { name: string; params: Record<string, string> }[] {
  return [
    { name: 'category c5plus1', params: { category: 'c5plus1', limit: '50' } },
    { name: `topic energy since ${isoDay(180)}`, params: { topic: 'energy', since: isoDay(180), limit: '50' } },
    { name: 'category c5plus1 + lang ru', params: { category: 'c5plus1', lang: 'ru', limit: '50' } },
    { name: `source mfa-ru since ${isoDay(30)}`, params: { source: 'mfa-ru', since: isoDay(30), limit: '50' } },
    { name: 'c5plus1 + energy + en (3 filters)', params: { category: 'c5plus1', topic: 'energy', lang: 'en', limit: '50' } },
    { name: 'kz-us, text "minerals"', params: { category: 'kz-us', q: 'minerals', limit: '50' } },
    { name: 'everything, text "samarkand"', params: { q: 'samarkand', limit: '50' } },
  ];
}

export async function runBench(
  store: DynamoStore,
  options: { pages: number; runs: number },
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const { name, params } of scenarios()) {
    const ms: number[] = [];
    const rcu: number[] = [];
    const sizes: number[] = [];
    let evaluated = 0;
    let returned = 0;
    let pagesPerRun = 0;
    for (let run = 0; run < options.runs; run++) {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const started = process.hrtime.bigint();
        const res = await routeQuery(store, '/items', { ...params, cursor });
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        const page = res.body as ItemPage;
        ms.push(elapsed);
        rcu.push(page.consumedCapacity ?? 0);
        sizes.push(page.items.length);
        evaluated += page.evaluated ?? 0;
        returned += page.items.length;
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < options.pages);
      pagesPerRun = pages;
    }
    results.push({
      name,
      params,
      pages: pagesPerRun,
      items: returned / options.runs,
      medianMsPerPage: median(ms),
      medianRcuPerPage: median(rcu),
      maxRcuPerPage: Math.max(...rcu),
      readPerReturned: returned ? evaluated / returned : evaluated,
      medianItemsPerPage: median(sizes),
    });
  }
  return results;
}

export function formatResults(results: ScenarioResult[]): string {
  const header = ['query (limit 50)', 'pages', 'items/page', 'ms/page (median)', 'RCU/page (median)', 'RCU/page (max)', 'read/returned'];
  const rows = results.map((r) => [
    r.name,
    String(r.pages),
    String(r.medianItemsPerPage),
    r.medianMsPerPage.toFixed(1),
    r.medianRcuPerPage.toFixed(1),
    r.maxRcuPerPage.toFixed(1),
    r.readPerReturned.toFixed(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      seed: { type: 'string' },
      pages: { type: 'string', default: '5' },
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
    },
  });
  const dir = values.seed ? undefined : (values.dir ?? join(process.env.KZMON_HOME ?? '.kzmon', 'db'));
  const dynamo = await startLocalDynamo({ dir });
  try {
    const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
    if (values.seed) {
      const count = Number(values.seed);
      process.stderr.write(`seeding ${count} items in memory...\n`);
      await seedItems(store, generateItems(count), { empty: true });
    } else if ((await store.queryItems({ limit: 1 })).items.length === 0) {
      throw new Error(`no items in ${dir}; run \`npm run seed:local\` first, or pass --seed 10000`);
    }
    const results = await runBench(store, { pages: Number(values.pages), runs: Number(values.runs) });
    process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : `${formatResults(results)}\n`);
  } finally {
    await dynamo.close();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`query-bench: ${err.message}\n`);
    process.exitCode = 1;
  });
}
