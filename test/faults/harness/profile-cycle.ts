/**
 * Measures where a local cycle spends its time: wall time, and per store method the call count and the
 * summed latency (calls overlap under concurrency, so sums exceed wall time).
 *   npx tsx test/faults/harness/profile-cycle.ts [items per source=500] [concurrency=16]
 */
import { createMonitorStore } from '../../../functions/adapters/monitor-store';
import type { MonitorStore } from '../../../functions/domain/ports';
import { allowedHostsFor } from '../../../functions/domain/sources/allowlist';
import { HttpClient } from '../../../functions/adapters/http-client';
import { runLocalCycle } from '../../../functions/local/local-cycle';
import { startLocalDynamo } from '../../../functions/local/local-dynamodb';
import { buildFeeds } from './feeds';
import { startSourceServer } from './source-server';
import { RecordingPublisher, captureLog } from './world';

async function main() {
  const n = Number(process.argv[2] ?? 500);
  const concurrency = Number(process.argv[3] ?? 16);
  const server = await startSourceServer();
  const dynamo = await startLocalDynamo();
  const store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  const stats: Record<string, { calls: number; ms: number }> = {};
  const timed = store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const k of Object.keys(timed)) {
    const f = timed[k]!;
    timed[k] = async (...a: unknown[]) => {
      const t = performance.now();
      try {
        return await f(...a);
      } finally {
        stats[k] ??= { calls: 0, ms: 0 };
        const s = stats[k];
        s.calls++;
        s.ms += performance.now() - t;
      }
    };
  }
  const feeds = buildFeeds(
    server,
    [
      { id: 'p-en', kind: 'rss', lang: 'en', count: n, relevantShare: 0.15, seed: 1 },
      { id: 'p-mfa', kind: 'govkz-news', lang: 'en', count: n, relevantShare: 0.15, seed: 2 },
    ],
    new Date(),
  );
  const http = new HttpClient({ allowedHosts: allowedHostsFor(feeds.sources), allowInsecureLocal: true });
  const t = performance.now();
  const cpu = process.cpuUsage();
  const res = await runLocalCycle({
    sources: feeds.sources,
    http,
    store: timed as unknown as MonitorStore,
    publisher: new RecordingPublisher(),
    log: captureLog(),
    concurrency,
  });
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${res.items.length} items in ${wall.toFixed(1)} s (${(res.items.length / wall).toFixed(0)} items/s), this process's CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, http requests ${http.counters.requests}`,
  );
  for (const [k, s] of Object.entries(stats).sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `${k.padEnd(22)} ${String(s.calls).padStart(6)} calls ${(s.ms / s.calls).toFixed(1).padStart(8)} ms avg`,
    );
  }
  await server.close();
  await dynamo.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
