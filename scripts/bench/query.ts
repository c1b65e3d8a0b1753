/**
 * Query: pages of 50 at 10,000 stored items, on dynalite, through the store the query Lambda uses.
 * Items come from scripts/seed-local.ts (the storage engineer's seeder), loaded by its bulk path.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { ItemQuery } from '../../functions/domain/ports';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
import { generateItems, seedItems } from '../seed-local';
import { median, quantile } from './recall';

export interface QueryResult {
  items: number;
  seedMs: number;
  /** The seeded store was reused from an earlier run (same seeder, same storage code). */
  cached: boolean;
  pageSize: number;
  pagesTimed: number;
  medianMs: number;
  p90Ms: number;
  byQuery: { label: string; pages: number; medianMs: number; itemsPerPage: number }[];
}

export async function benchQuery(count: number, pagesPerQuery: number, log: (s: string) => void): Promise<QueryResult> {
  // Seeding 10,000 items takes longer than the rest of the bench, so the seeded store is kept on disk,
  // keyed by the code that wrote it: a change to the seeder or the storage adapter seeds afresh.
  const root = join(__dirname, '..', '..');
  const key = createHash('sha1')
    .update(readFileSync(join(root, 'scripts', 'seed-local.ts')))
    .update(readFileSync(join(root, 'functions', 'adapters', 'dynamo-store.ts')))
    .update(readFileSync(join(root, 'functions', 'adapters', 'table-definition.ts')))
    .digest('hex')
    .slice(0, 12);
  const dir = join(tmpdir(), `kzmon-bench-query-${count}-${key}`);
  const marker = join(dir, 'bench-seeded.json');
  const cached = existsSync(marker);
  const dynamo = await startLocalDynamo({ dir, fresh: !cached });
  try {
    const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
    let seedMs = cached ? (JSON.parse(readFileSync(marker, 'utf8')) as { seedMs: number }).seedMs : 0;
    if (!cached) {
      const items = generateItems(count, { seed: 7 });
      const t0 = performance.now();
      await seedItems(store, items, { empty: true });
      seedMs = performance.now() - t0;
      writeFileSync(marker, JSON.stringify({ seedMs, count }));
    }
    log(`  ${cached ? 'reused' : 'seeded'} ${count} items (seeding took ${(seedMs / 1000).toFixed(1)} s)`);
    const queries: { label: string; q: Omit<ItemQuery, 'limit'> }[] = [
      { label: 'newest (all)', q: {} },
      { label: 'category kz-us', q: { category: 'kz-us' } },
      { label: 'category c5plus1', q: { category: 'c5plus1' } },
      { label: 'language ru', q: { lang: 'ru' } },
      { label: 'topic energy', q: { topic: 'energy' } },
      { label: 'source mfa-en', q: { source: 'mfa-en' } },
    ];
    // One untimed page first: connection set-up and JIT are not what a user waits for on a warm API.
    await store.queryItems({ limit: 50 });
    const all: number[] = [];
    const byQuery: QueryResult['byQuery'] = [];
    for (const { label, q } of queries) {
      const times: number[] = [];
      let cursor: string | undefined;
      let got = 0;
      for (let p = 0; p < pagesPerQuery; p++) {
        const t = performance.now();
        const page = await store.queryItems({ ...q, limit: 50, cursor });
        times.push(performance.now() - t);
        got += page.items.length;
        cursor = page.cursor;
        if (!cursor) break;
      }
      all.push(...times);
      byQuery.push({ label, pages: times.length, medianMs: median(times), itemsPerPage: got / times.length });
    }
    return { items: count, seedMs, cached, pageSize: 50, pagesTimed: all.length, medianMs: median(all), p90Ms: quantile(all, 0.9), byQuery };
  } finally {
    await dynamo.close();
  }
}
