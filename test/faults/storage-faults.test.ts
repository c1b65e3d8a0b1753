/**
 * Storage faults: a proxy in front of the local DynamoDB engine throttles, answers 500 and drops
 * connections (before the request reached the table, and after the table applied it) on a share of all
 * requests. The SDK's retries must recover; nothing may be lost or doubled. A connection dropped after
 * a conditional put was applied makes the retry fail its condition: the store must take that as done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { HttpClient } from '../../functions/adapters/http-client';
import { thisCycleAndTheNext } from './harness/two-cycles';
import { type LocalDynamo, localClient, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type FaultProxy, startFaultProxy } from './harness/dynamo-fault-proxy';
import { type BuiltFeeds, buildFeeds } from './harness/feeds';
import { recordRow } from './harness/outcome-table';
import { type SourceServer, startSourceServer } from './harness/source-server';
import { RecordingPublisher, captureLog, idFor, rowFrom, tally } from './harness/world';

const RATE = 0.1;
const NOW = new Date();

describe(`storage faults: ${RATE * 100}% of DynamoDB requests throttled, failed or dropped`, () => {
  let server: SourceServer;
  let dynamo: LocalDynamo;
  let proxy: FaultProxy;
  let store: MonitorStore;
  let feeds: BuiltFeeds;
  let client: ReturnType<typeof localClient>;

  beforeAll(async () => {
    server = await startSourceServer();
    dynamo = await startLocalDynamo();
    proxy = await startFaultProxy({
      target: dynamo.endpoint,
      rate: RATE,
      kinds: ['throttle', 'throttling', 'server-error', 'drop-before', 'drop-after'],
      seed: 7,
    });
    client = localClient(proxy.endpoint);
    store = createMonitorStore(client, { tableName: dynamo.tableName });
    feeds = buildFeeds(
      server,
      [
        { id: 'sf-rss-en', kind: 'rss', lang: 'en', count: 150, relevantShare: 0.3, seed: 11 },
        { id: 'sf-mfa-ru', kind: 'govkz-news', lang: 'ru', count: 150, relevantShare: 0.3, seed: 12 },
      ],
      NOW,
    );
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.close();
    await dynamo?.close();
  });

  it('recovers through retries: every item stored once, every relevant one alerted once', async () => {
    const publisher = new RecordingPublisher();
    const log = captureLog();
    const http = new HttpClient({
      allowedHosts: allowedHostsFor(feeds.sources),
      allowInsecureLocal: true,
      timeoutMs: 10_000,
    });
    const t0 = Date.now();
    const [first, second] = await thisCycleAndTheNext(
      { sources: feeds.sources, http, store, publisher, log, concurrency: 8 },
      NOW,
    );
    const seconds = (Date.now() - t0) / 1000;

    proxy.setRate(0);
    const t = await tally(store, feeds.expected, publisher.accepted);
    const faults = Object.entries(proxy.injected)
      .filter(([k]) => !k.includes(':'))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    recordRow(
      rowFrom(
        `storage faults (${RATE * 100}% of requests)`,
        t,
        log.errors().length,
        seconds,
        `injected: ${faults}`,
      ),
    );

    if (t.lostUrls.length > 0) {
      const alerts = await Promise.all(t.lostUrls.map((u) => store.getAlert(idFor(u))));
      console.error(
        'lost:',
        JSON.stringify(
          alerts.map((a) => a && { ...a, message: undefined }),
          null,
          1,
        ),
      );
      console.error(
        log
          .text()
          .split('\n')
          .filter((l) => !l.startsWith('info'))
          .join('\n'),
      );
    }
    // The faults really happened, including a put applied whose answer was lost.
    expect(proxy.injected.throttle ?? 0).toBeGreaterThan(0);
    expect(proxy.injected['drop-after'] ?? 0).toBeGreaterThan(0);
    expect(
      (proxy.injected['drop-after:PutItem'] ?? 0) + (proxy.injected['drop-after:UpdateItem'] ?? 0),
    ).toBeGreaterThan(0);

    const failedItems = [...first.items, ...second.items].filter((i) => i.outcome === 'failed');
    expect(failedItems.map((i) => i.error)).toEqual([]);
    expect(t.lostUrls).toEqual([]);
    expect(t.duplicatedUrls).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    expect(t.alertsSent).toBe(feeds.expected.filter((e) => e.relevant).length);
  });
});
