/**
 * How soon alerts go out on the local engine: N new items (30% written to be relevant) in a feed on
 * 127.0.0.1, one cycle per run on a fresh in-memory store, timing each item's store and its alert's
 * publish (functions/local/alert-latency.ts). Prints per run and min / median / max over the runs.
 *
 *   npx tsx scripts/alert-latency.ts [--runs 5] [--items 300] [--sweep-only] [--json]
 *
 * `--sweep-only` is the old behaviour for comparison: no dispatch after the store, alerts wait for the
 * sweep at the end of the cycle.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { HttpClient } from '../functions/adapters/http-client';
import { createMonitorStore } from '../functions/adapters/monitor-store';
import { parseSubscribers } from '../functions/domain/alerts/subscribers';
import type { Log } from '../functions/domain/ports';
import { allowedHostsFor } from '../functions/domain/sources/allowlist';
import { parseSources } from '../functions/domain/sources/definitions';
import { type AlertLatency, probeAlertLatency } from '../functions/local/alert-latency';
import { runLocalCycle } from '../functions/local/local-cycle';
import { startLocalDynamo } from '../functions/local/local-dynamodb';
import { generatePage, rng } from './bench/corpus';

const quiet: Log = { info() {}, warn() {}, error() {} };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** One cycle over `items` new items; the latency figures of its alerts. */
export async function measureAlertLatencyRun(
  items: number,
  seed: number,
  sweepOnly = false,
): Promise<AlertLatency> {
  const r = rng(seed);
  const pages = new Map<string, string>();
  let feed = '';
  const server = createServer((req, res) => {
    if (req.url === '/rss/en.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(feed);
    }
    const page = pages.get(req.url ?? '');
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entries: string[] = [];
  for (let id = 0; entries.length < items; id++) {
    const p = generatePage('kazinform-new-en', id, r, origin);
    const path = new URL(p.url).pathname;
    if (pages.has(path)) continue;
    pages.set(path, p.html);
    entries.push(
      `<item><title>${esc(p.title)}</title><link>${p.url}</link><guid>${p.url}</guid><pubDate>${new Date(p.publishedAt).toUTCString()}</pubDate></item>`,
    );
  }
  feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><link>${origin}/</link><description>latency</description>${entries.join('')}</channel></rss>`;
  const sources = parseSources([
    { id: 'kazinform-en', kind: 'rss', language: 'en', url: `${origin}/rss/en.xml` },
  ]);
  const dynamo = await startLocalDynamo();
  try {
    const base = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    // The old behaviour: the alert is not found right after the store, so only the final sweep sends it.
    const store = sweepOnly ? { ...base, getAlert: async () => null } : base;
    const { OutboxPublisher } = await import('../functions/local/outbox-publisher');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const outbox = mkdtempSync(join(tmpdir(), 'kzmon-latency-'));
    const topic = new OutboxPublisher(outbox, parseSubscribers([{ id: 'desk', email: 'desk@example.org' }]));
    const probe = probeAlertLatency(store, topic);
    probe.start();
    await runLocalCycle({
      sources,
      http: new HttpClient({ allowedHosts: allowedHostsFor(sources), allowInsecureLocal: true }),
      store: probe.store,
      publisher: probe.publisher,
      log: quiet,
    });
    rmSync(outbox, { recursive: true, force: true });
    return probe.figures();
  } finally {
    await dynamo.close();
    server.close();
  }
}

async function main() {
  const runs = arg('--runs', 5);
  const items = arg('--items', 300);
  const sweepOnly = process.argv.includes('--sweep-only');
  const results: (AlertLatency & { load: number })[] = [];
  for (let i = 0; i < runs; i++) {
    const load = loadavg()[0]!;
    results.push({ ...(await measureAlertLatencyRun(items, 20261130 + i, sweepOnly)), load });
  }
  const spread = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
  };
  const summary = {
    command: `npx tsx scripts/alert-latency.ts --runs ${runs} --items ${items}${sweepOnly ? ' --sweep-only' : ''}`,
    mode: sweepOnly ? 'sweep only (old)' : 'dispatch right after the store (+ sweep backstop)',
    runs: results,
    p50: spread(results.map((r) => r.storedToPublishMs.p50)),
    p95: spread(results.map((r) => r.storedToPublishMs.p95)),
    firstAlert: spread(results.map((r) => r.cycleStartToFirstAlertMs)),
    noisy: Math.max(...results.map((r) => r.load)) > availableParallelism(),
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stdout.write(`${summary.command}  (${summary.mode})\n`);
  for (const [i, r] of results.entries()) {
    process.stdout.write(
      `run ${i + 1}: ${r.alerts} alerts; stored→publish p50 ${r.storedToPublishMs.p50} ms, p95 ${r.storedToPublishMs.p95} ms; cycle start→first alert ${r.cycleStartToFirstAlertMs} ms; load ${r.load.toFixed(2)}\n`,
    );
  }
  const line = (name: string, s: { min?: number; median?: number; max?: number }) =>
    `${name}: min ${s.min} / median ${s.median} / max ${s.max} ms`;
  process.stdout.write(
    `${line('stored→publish p50', summary.p50)}\n${line('stored→publish p95', summary.p95)}\n${line('cycle start→first alert', summary.firstAlert)}\n${summary.noisy ? 'noisy: the load average exceeded the cores\n' : ''}`,
  );
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`alert-latency: ${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}
