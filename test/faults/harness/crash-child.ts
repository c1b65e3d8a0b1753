/**
 * One monitoring cycle in a child process, for the crash/restart driver: the local DynamoDB persisted
 * in a directory, sources served by the parent, every publish the "topic" accepts appended to a file
 * before the publisher answers (so a kill right after acceptance still shows the delivery), and one
 * progress line on stdout per store call, so the parent can kill it at a random point of the cycle.
 *
 * env: CRASH_DIR (dynalite dir), CRASH_SOURCES (JSON file of source definitions), CRASH_PUBLISH_LOG,
 *      CRASH_NOW (ISO instant the cycle's clock reads)
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createMonitorStore } from '../../../functions/adapters/monitor-store';
import type { AlertMessage, AlertPublisher, MonitorStore } from '../../../functions/domain/ports';
import { allowedHostsFor } from '../../../functions/domain/sources/allowlist';
import { parseSources } from '../../../functions/domain/sources/definitions';
import { HttpClient } from '../../../functions/adapters/http-client';
import { runLocalCycle } from '../../../functions/local/local-cycle';
import { startLocalDynamo } from '../../../functions/local/local-dynamodb';
import { CATCH_ALL, captureLog } from './world';

async function main() {
  const dir = process.env.CRASH_DIR!;
  const sources = parseSources(JSON.parse(readFileSync(process.env.CRASH_SOURCES!, 'utf8')));
  const publishLog = process.env.CRASH_PUBLISH_LOG!;
  const now = new Date(process.env.CRASH_NOW ?? Date.now());
  const dynamo = await startLocalDynamo({ dir });
  const base = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  let step = 0;
  const store = Object.fromEntries(
    Object.entries(base).map(([k, f]) => [
      k,
      async (...a: unknown[]) => {
        const out = await (f as (...x: unknown[]) => Promise<unknown>)(...a);
        process.stdout.write(`step ${++step} ${k}\n`);
        return out;
      },
    ]),
  ) as unknown as MonitorStore;
  let n = 0;
  const publisher: AlertPublisher = {
    subscribers: CATCH_ALL,
    async publish(message: AlertMessage) {
      const messageId = `crash-${process.pid}-${++n}`;
      appendFileSync(publishLog, `${JSON.stringify({ messageId, message })}\n`);
      process.stdout.write(`step ${++step} publish\n`);
      // SNS's answer takes a moment to come back: a kill now loses the answer, not the delivery.
      await new Promise((r) => setTimeout(r, 5));
      return { messageId };
    },
  };
  const log = captureLog();
  process.stdout.write('ready\n');
  const result = await runLocalCycle({
    sources,
    http: new HttpClient({ allowedHosts: allowedHostsFor(sources), allowInsecureLocal: true, timeoutMs: 10_000 }),
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
