/**
 * Load: 10,000 items across four Kazinform-shaped RSS feeds and two gov.kz-shaped APIs in one cycle,
 * then the same sources again. All stored once, every relevant one alerted once, the second cycle
 * stores and alerts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { HttpClient } from '../../functions/adapters/http-client';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type BuiltFeeds, buildFeeds } from './harness/feeds';
import { recordRow } from './harness/outcome-table';
import { type SourceServer, startSourceServer } from './harness/source-server';
import { RecordingPublisher, captureLog, rowFrom, tally } from './harness/world';

// The figure: 10,000 items in one cycle (about a minute here since the local engine moved to a
// worker thread). FAULTS_LOAD_ITEMS sets another size for a quick run.
const TOTAL = Number(process.env.FAULTS_LOAD_ITEMS ?? 10_000);
const NOW = new Date();

describe(`load: ${TOTAL} items in one cycle, then again`, () => {
  let server: SourceServer;
  let dynamo: LocalDynamo;
  let store: MonitorStore;
  let feeds: BuiltFeeds;
  const publisher = new RecordingPublisher();
  const log = captureLog();

  beforeAll(async () => {
    server = await startSourceServer();
    dynamo = await startLocalDynamo();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    const rss = Math.round((TOTAL * 0.8) / 4);
    const api = Math.round((TOTAL - rss * 4) / 2);
    feeds = buildFeeds(
      server,
      [
        { id: 'load-rss-en-a', kind: 'rss', lang: 'en', count: rss, relevantShare: 0.15, seed: 1 },
        { id: 'load-rss-en-b', kind: 'rss', lang: 'en', count: rss, relevantShare: 0.1, seed: 2 },
        { id: 'load-rss-ru-a', kind: 'rss', lang: 'ru', count: rss, relevantShare: 0.15, seed: 3 },
        { id: 'load-rss-ru-b', kind: 'rss', lang: 'ru', count: rss, relevantShare: 0.05, seed: 4 },
        { id: 'load-mfa-en', kind: 'govkz-news', lang: 'en', count: api, relevantShare: 0.2, seed: 5 },
        {
          id: 'load-mfa-ru',
          kind: 'govkz-news',
          lang: 'ru',
          count: TOTAL - rss * 4 - api,
          relevantShare: 0.2,
          seed: 6,
        },
      ],
      NOW,
    );
  });
  afterAll(async () => {
    await server?.close();
    await dynamo?.close();
  });

  const cycle = () =>
    runLocalCycle({
      sources: feeds.sources,
      http: new HttpClient({
        allowedHosts: allowedHostsFor(feeds.sources),
        allowInsecureLocal: true,
        timeoutMs: 10_000,
      }),
      store,
      publisher,
      log,
      concurrency: 16,
    });

  it('stores every item once and alerts every relevant one once; a second cycle adds nothing', async () => {
    expect(feeds.expected).toHaveLength(TOTAL);
    const t0 = Date.now();
    const first = await cycle();
    const firstSeconds = (Date.now() - t0) / 1000;
    const after1 = await tally(store, feeds.expected, publisher.accepted);
    recordRow(
      rowFrom(
        `load: cycle 1 (${TOTAL} items)`,
        after1,
        log.errors().length,
        firstSeconds,
        `${Math.round(TOTAL / firstSeconds)} items/s`,
      ),
    );

    const t1 = Date.now();
    const second = await cycle();
    const secondSeconds = (Date.now() - t1) / 1000;
    const after2 = await tally(store, feeds.expected, publisher.accepted);
    recordRow(
      rowFrom(
        'load: cycle 2 (same sources)',
        { ...after2, alertsSent: after2.alertsSent - after1.alertsSent },
        log.errors().length,
        secondSeconds,
        `queued ${second.fetch.queued}`,
      ),
    );

    expect(first.fetch.sources.filter((s) => !s.ok)).toEqual([]);
    expect(first.items.filter((i) => i.outcome === 'failed').map((i) => i.error)).toEqual([]);
    expect(after1.lostUrls).toEqual([]);
    expect(after1.duplicatedUrls).toEqual([]);
    expect(after1.misjudged).toBe(0);
    expect(after1.stored).toBe(TOTAL);
    expect(after1.alertsSent).toBe(feeds.expected.filter((e) => e.relevant).length);

    expect(second.fetch.queued).toBe(0);
    expect(second.items).toHaveLength(0);
    expect(second.alerts.sent).toBe(0);
    expect(after2.alertsSent).toBe(after1.alertsSent);
    expect(log.errors()).toEqual([]);
  });
});
