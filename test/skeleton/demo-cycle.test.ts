import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { HttpClient } from '../../functions/adapters/http-client';
import { consoleLog } from '../../functions/local/console-log';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { type SampleServer, startSampleServer } from '../../functions/local/sample-sources';

const SEED_TITLE = /^Active cooperation with Washington to continue in areas of mutual interest/;

describe('one local monitoring cycle over the bundled sample sources', () => {
  let dynamo: LocalDynamo;
  let sample: SampleServer;
  let store: MonitorStore;
  let outbox: string;
  const subscribers = parseSubscribers(
    JSON.parse(readFileSync(join(__dirname, '../../functions/local/sample/subscribers.json'), 'utf8')),
  );

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    sample = await startSampleServer();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    outbox = mkdtempSync(join(tmpdir(), 'kzmon-outbox-'));
  });
  afterAll(async () => {
    await sample.close();
    await dynamo.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const cycle = (publisher: OutboxPublisher) =>
    runLocalCycle({
      sources: sample.sources,
      http: new HttpClient({ allowedHosts: allowedHostsFor(sample.sources), allowInsecureLocal: true }),
      store,
      publisher,
      log: consoleLog(false),
    });

  it('stores the seed article as kz-us and c5plus1 and alerts it exactly once, in email and SMS form', async () => {
    const publisher = new OutboxPublisher(outbox, subscribers);
    const result = await cycle(publisher);

    expect(result.fetch.sources.every((s) => s.ok)).toBe(true);
    expect(result.items.filter((i) => i.outcome === 'failed')).toEqual([]);
    const seedEntry = result.items.find((i) => SEED_TITLE.test(i.entry.title ?? ''));
    expect(seedEntry?.outcome).toBe('relevant');

    const seed = await store.getItem(seedEntry!.entry.itemId);
    expect(seed?.classification.categories).toEqual(expect.arrayContaining(['kz-us', 'c5plus1']));
    expect(seed?.publishedAt).toBe('2021-04-28T09:47:00.000Z');

    const seedAlerts = readdirSync(join(outbox, 'topic')).filter((f) => f.includes(seed!.storyId));
    expect(seedAlerts).toHaveLength(1);
    const email = readdirSync(join(outbox, 'analyst-email')).filter((f) => f.includes(seed!.storyId));
    const sms = readdirSync(join(outbox, 'c5-desk-sms')).filter((f) => f.includes(seed!.storyId));
    expect(email).toHaveLength(1);
    expect(sms).toHaveLength(1);
    const emailText = readFileSync(join(outbox, 'analyst-email', email[0]!), 'utf8');
    expect(emailText).toMatch(/^To: analyst@example.org\nSubject: .*Active cooperation with Washington/);
    expect(emailText).toContain('unsubscribe');

    // The negatives in the sample stay out: exchange rates, hockey, China trade, a Hungarian meeting.
    const relevantTitles = result.items.filter((i) => i.outcome === 'relevant').map((i) => i.entry.title ?? '');
    for (const t of relevantTitles) expect(t).not.toMatch(/tenge|Tenge|тенге|Barys|China|Hungary/);
  });

  it('shows the three languages, one story told in all of them, and sources of its own', async () => {
    const page = await store.queryItems({ limit: 50 });
    expect(new Set(page.items.map((i) => i.language))).toEqual(new Set(['en', 'ru', 'kk']));
    // The ministers' call, told by Kazinform in English, Russian and Kazakh and by the MFA in Russian.
    const call = page.items.filter((i) => /Rubio|Рубио/.test(i.title));
    expect(call.length).toBeGreaterThanOrEqual(4);
    expect(new Set(call.map((i) => i.storyId)).size).toBe(1);
    expect(new Set(call.map((i) => i.language))).toEqual(new Set(['en', 'ru', 'kk']));
    // The story is alerted once to a subscriber of every language, and the Russian desk gets its Russian copy.
    expect(readdirSync(join(outbox, 'russian-desk')).length).toBeGreaterThan(0);
    for (const s of sample.sources) expect(s.id).toMatch(/^demo-/);
    const kinds = new Set(sample.sources.map((s) => s.kind));
    expect(kinds).toEqual(new Set(['kazinform-list', 'rss', 'govkz-news']));
  });

  it('serves list pages in the 2026 Kazinform card markup', async () => {
    const list = await (await fetch(`${sample.origin}/kz/lenta/`)).text();
    expect(list).toMatch(/<a href="\/kz\/news\/[^"]+-[0-9a-f]{6}\/" class="news-card">/);
    expect(list).toMatch(/<time class="meta-date">\d{2}:\d{2}, \d{1,2} қараша 2026<\/time><h3 class="card-title">/);
  });

  it('stores nothing and alerts nothing when run again over the same sources', async () => {
    const publisher = new OutboxPublisher(outbox, subscribers);
    const result = await cycle(publisher);
    expect(result.fetch.queued).toBe(0);
    expect(result.items).toHaveLength(0);
    expect(result.alerts.sent).toBe(0);
    expect(publisher.deliveries).toHaveLength(0);
  });
});
