/**
 * One monitoring cycle in a child process, for the crash/restart driver: the local DynamoDB persisted
 * in a directory, sources served by the parent, every publish the "topic" accepts appended to a file
 * before the publisher answers (so a kill right after acceptance still shows the delivery).
 *
 * With CRASH_KILL_AT=<phase>:<k> the child stops dead at the k-th event of that phase: it writes one
 * `halt {…}` line and blocks its main thread (nothing more of the cycle runs) until the parent's
 * SIGKILL to the process group arrives. Phases are named in crash-driver.ts.
 *
 * env: CRASH_DIR (dynalite dir), CRASH_SOURCES (JSON file of source definitions), CRASH_PUBLISH_LOG,
 *      CRASH_OUTBOX (the outbox directory, whose deliveries.jsonl keeps every delivery across runs),
 *      CRASH_NOW (ISO instant the cycle's clock reads), CRASH_KILL_AT
 */
import { appendFileSync, readFileSync, writeSync } from 'node:fs';
import { HttpClient } from '../../../functions/adapters/http-client';
import { createMonitorStore } from '../../../functions/adapters/monitor-store';
import type { AlertMessage, AlertPublisher, MonitorStore } from '../../../functions/domain/ports';
import { allowedHostsFor } from '../../../functions/domain/sources/allowlist';
import { parseSources } from '../../../functions/domain/sources/definitions';
import { runLocalCycle } from '../../../functions/local/local-cycle';
import { startLocalDynamo } from '../../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../../functions/local/outbox-publisher';
import { CATCH_ALL_SUBSCRIBER, captureLog } from './world';

const STORE_PHASE: Record<string, string> = {
  findUnseen: 'fetch',
  getSourceStates: 'fetch',
  putSourceState: 'fetch',
  saveSeenMark: 'classify',
  getStoryKeys: 'alert-record',
  claimStoryKey: 'alert-record',
  putStoryKey: 'alert-record',
  joinStory: 'alert-record',
  recordPendingAlert: 'alert-record',
  saveRelevantItem: 'store',
};

const [killPhase, killAt] = (process.env.CRASH_KILL_AT ?? ':').split(':');
const seen = new Map<string, number>();
/** Alerts SNS has accepted whose mark has not been written: the duplicate window. */
const inWindow = new Set<string>();

/** Counts an event of a phase; at the kill point, stops this process where it stands. */
function event(phase: string, what: string): void {
  const n = (seen.get(phase) ?? 0) + 1;
  seen.set(phase, n);
  if (phase !== killPhase || n !== Number(killAt)) return;
  writeSync(1, `halt ${JSON.stringify({ phase, occurrence: n, event: what, inWindow: [...inWindow] })}\n`);
  // Block the main thread: no callback, timer or promise of the cycle runs again. The parent kills the
  // process group within milliseconds; the timeout only guards against a parent that never does.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  process.stderr.write('crash-child: still alive 60 s after its kill point\n');
  process.exit(4);
}

async function main() {
  const dir = process.env.CRASH_DIR!;
  const sources = parseSources(JSON.parse(readFileSync(process.env.CRASH_SOURCES!, 'utf8')));
  const publishLog = process.env.CRASH_PUBLISH_LOG!;
  const now = new Date(process.env.CRASH_NOW ?? Date.now());
  const dynamo = await startLocalDynamo({ dir });
  const base = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  const store = Object.fromEntries(
    Object.entries(base).map(([k, f]) => [
      k,
      async (...a: unknown[]) => {
        // The mark: killed before it is written, with SNS's acceptance already behind it.
        if (k === 'markAlertSent') event('mark', `markAlertSent ${String(a[0])}`);
        const out = await (f as (...x: unknown[]) => Promise<unknown>)(...a);
        if (k === 'markAlertSent') inWindow.delete(String(a[0]));
        const phase = STORE_PHASE[k];
        if (phase) event(phase, k);
        return out;
      },
    ]),
  ) as unknown as MonitorStore;
  // The topic: the local outbox, which logs every delivery (repeats included) before it answers.
  const outbox = new OutboxPublisher(process.env.CRASH_OUTBOX!, [CATCH_ALL_SUBSCRIBER]);
  const publisher: AlertPublisher = {
    subscribers: outbox.subscribers,
    async publish(message: AlertMessage) {
      appendFileSync(publishLog, `${JSON.stringify({ message })}\n`);
      const res = await outbox.publish(message);
      inWindow.add(String(message.attributes.alertId));
      // Accepted and delivered; the answer has not reached the sweep yet.
      event('publish', `publish ${String(message.attributes.alertId)}`);
      await new Promise((r) => setTimeout(r, 2));
      return res;
    },
  };
  const http = new HttpClient({
    allowedHosts: allowedHostsFor(sources),
    allowInsecureLocal: true,
    timeoutMs: 10_000,
  });
  const feedUrls = new Set(sources.map((s) => new URL(s.url).pathname));
  const request = http.request.bind(http);
  http.request = async (req) => {
    const res = await request(req);
    const path = new URL(req.url).pathname;
    // Feed and list reads belong to the fetch step; article pages to the classify step.
    event(feedUrls.has(path) || path.startsWith('/api/') ? 'fetch' : 'classify', `GET ${path}`);
    return res;
  };
  const log = captureLog();
  process.stdout.write('ready\n');
  const result = await runLocalCycle({
    sources,
    http,
    store,
    publisher,
    log,
    concurrency: 4,
    now: () => now,
  });
  const failed = result.items.filter((i) => i.outcome === 'failed').length;
  process.stdout.write(
    `done ${JSON.stringify({ queued: result.fetch.queued, items: result.items.length, failed, alerts: result.alerts, errors: log.errors().map((e) => e.message) })}\n`,
  );
  await dynamo.close();
  process.exit(failed === 0 && result.alerts.failed === 0 ? 0 : 3);
}

main().catch((err) => {
  process.stderr.write(`crash-child failed: ${(err as Error).stack}\n`);
  process.exit(2);
});
