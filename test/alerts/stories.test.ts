import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { dispatchPendingAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { recordStoryAndAlert } from '../../functions/domain/alerts/prepare-alert';
import {
  NEAR_DUPLICATE_SIMILARITY,
  eventKey,
  minhash,
  signatureSimilarity,
} from '../../functions/domain/alerts/stories';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { Log, MonitorStore } from '../../functions/domain/ports';
import { ensureTable, type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { classification, item } from './fixtures';

const log: Log = { info() {}, warn() {}, error() {} };
let dynamo: LocalDynamo;
let store: MonitorStore;
let table = 0;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
beforeEach(async () => {
  const tableName = `stories-${++table}`;
  await ensureTable(dynamo.client, tableName);
  store = createMonitorStore(dynamo.client, { tableName });
});

const EN_A = item({ itemId: 'en-kazinform' });
const EN_B = item({
  itemId: 'en-mfa',
  sourceId: 'mfa-en',
  url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1',
  title: 'Tokayev and Trump discussed trade and investment in phone call',
  lead: 'President Kassym-Jomart Tokayev held a phone conversation with U.S. President Donald Trump on Tuesday.',
});
const RU = item({
  itemId: 'ru-kazinform',
  sourceId: 'kazinform-ru',
  language: 'ru',
  title: 'Токаев и Трамп обсудили торговлю и инвестиции в ходе телефонного разговора',
  lead: 'Президент Касым-Жомарт Токаев провёл телефонный разговор с Президентом США Дональдом Трампом.',
  publishedAt: '2026-11-24T20:10:00Z', // the next day in Astana: still the same event
  classification: classification({ language: 'ru' }),
});
const OTHER = item({
  itemId: 'en-other',
  title: 'Kazakhstan and the United States sign an agreement on critical minerals exploration',
  lead: 'The foreign ministers of the two countries signed a memorandum in Washington.',
  classification: classification({ eventType: 'agreement', people: ['Murat Nurtleu', 'Marco Rubio'] }),
});

describe('story keys', () => {
  it('sees near-duplicate English copies as one story and unrelated text as another', () => {
    const sim = signatureSimilarity(
      minhash(`${EN_A.title} ${EN_A.lead}`),
      minhash(`${EN_B.title} ${EN_B.lead}`),
    );
    expect(sim).toBeGreaterThanOrEqual(NEAR_DUPLICATE_SIMILARITY);
    const other = signatureSimilarity(
      minhash(`${EN_A.title} ${EN_A.lead}`),
      minhash(`${OTHER.title} ${OTHER.lead}`),
    );
    expect(other).toBeLessThan(0.2);
  });

  it('signs an event by its officials, type and day, and refuses too-vague signatures', () => {
    expect(eventKey(EN_A, '2026-11-24')).toBe(eventKey(RU, '2026-11-24'));
    expect(
      eventKey(item({ itemId: 'x', classification: classification({ eventType: 'other' }) }), '2026-11-24'),
    ).toBeNull();
    expect(
      eventKey(item({ itemId: 'x', classification: classification({ people: [] }) }), '2026-11-24'),
    ).toBeNull();
    expect(
      eventKey(
        item({
          itemId: 'x',
          classification: classification({ eventType: 'statement', people: ['Murat Nurtleu'] }),
        }),
        '2026-11-24',
      ),
    ).toBeNull();
  });
});

describe('one alert per story', () => {
  it('groups copies across sources and languages; the first alerts, later copies join the story', async () => {
    const a = await recordStoryAndAlert({ ...EN_A }, store, at('2026-11-24T09:40:00Z'));
    const b = await recordStoryAndAlert({ ...EN_B }, store, at('2026-11-24T09:45:00Z'));
    const r = await recordStoryAndAlert({ ...RU }, store, at('2026-11-24T20:15:00Z'));
    const o = await recordStoryAndAlert({ ...OTHER }, store, at('2026-11-24T21:00:00Z'));
    expect(a).toEqual({ storyId: 'en-kazinform', seq: 1, matchedBy: 'new' });
    expect(b).toEqual({ storyId: 'en-kazinform', seq: 2, matchedBy: 'fingerprint' });
    expect(r).toEqual({ storyId: 'en-kazinform', seq: 3, matchedBy: 'event' });
    expect(o).toEqual({ storyId: 'en-other', seq: 1, matchedBy: 'new' });
    const members = await store.listStoryMembers('en-kazinform');
    expect(members.map((m) => [m.seq, m.itemId, m.sourceId, m.language])).toEqual([
      [1, 'en-kazinform', 'kazinform-en', 'en'],
      [2, 'en-mfa', 'mfa-en', 'en'],
      [3, 'ru-kazinform', 'kazinform-ru', 'ru'],
    ]);
  });

  it('is the same story when a copy is processed again (a redelivered message)', async () => {
    await recordStoryAndAlert({ ...EN_A }, store, at('2026-11-24T09:40:00Z'));
    await recordStoryAndAlert({ ...RU }, store, at('2026-11-24T20:15:00Z'));
    const again = await recordStoryAndAlert({ ...RU }, store, at('2026-11-24T20:20:00Z'));
    expect(again).toMatchObject({ storyId: 'en-kazinform', seq: 2 });
    expect(await store.listStoryMembers('en-kazinform')).toHaveLength(2);
  });

  it('ends in one story when two copies are processed at the same moment', async () => {
    const pairs = [
      [EN_A, RU],
      [EN_A, EN_B],
      [EN_B, { ...RU, publishedAt: '2026-11-23T22:00:00Z' }],
    ];
    for (const [round, pair] of pairs.entries()) {
      // A table per round, so rounds do not join each other.
      await ensureTable(dynamo.client, `stories-${table}-${round}`);
      store = createMonitorStore(dynamo.client, { tableName: `stories-${table}-${round}` });
      const copies = pair.map((x, i) => ({ ...x, itemId: `${x.itemId}-${i}`, storyId: `${x.itemId}-${i}` }));
      const results = await Promise.all(
        copies.map((c) => recordStoryAndAlert(c, store, at('2026-11-24T09:40:00Z'))),
      );
      expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
      expect(results.map((r) => r.seq).sort()).toEqual([1, 2]);
    }
  });

  it('alerts each subscriber once per story: later copies only reach subscribers no earlier copy matched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-stories-'));
    try {
      const subscribers = parseSubscribers([
        { id: 'analyst', email: 'analyst@example.org' },
        { id: 'ru-desk', email: 'ru@example.org', languages: ['ru'] },
        { id: 'c5-sms', phone: '+15555550100', categories: ['c5plus1'] },
      ]);
      const outbox = new OutboxPublisher(dir, subscribers);
      await recordStoryAndAlert({ ...EN_A }, store, at('2026-11-24T09:40:00Z'));
      await recordStoryAndAlert({ ...EN_B }, store, at('2026-11-24T09:45:00Z'));
      await recordStoryAndAlert({ ...RU }, store, at('2026-11-24T20:15:00Z'));
      const r = await dispatchPendingAlerts({
        store,
        publisher: outbox,
        log,
        now: () => at('2026-11-24T21:00:00Z'),
      });
      expect(r).toMatchObject({ sent: 2, suppressed: 1, failed: 0 });
      expect(outbox.deliveries.map((d) => [d.subscriberId, d.alertId]).sort()).toEqual([
        ['analyst', 'en-kazinform'],
        ['ru-desk', 'ru-kazinform'],
      ]);
      expect((await store.getAlert('en-mfa'))?.status).toBe('suppressed');
      const ru = await store.getAlert('ru-kazinform');
      expect(ru?.status).toBe('sent');
      expect(ru?.message.email).toMatch(/Other sources reported this story earlier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds a later copy back while an earlier copy is still being recorded', async () => {
    // seq 2 exists but seq 1's member record is missing (its writer is mid-way): defer, then give up waiting.
    await store.joinStory({
      storyId: 's',
      itemId: 'phantom',
      sourceId: 'x',
      language: 'en',
      title: 't',
      url: 'u',
      publishedAt: '2026-11-24T09:00:00Z',
      joinedAt: '2026-11-24T09:00:00Z',
      attributes: {},
    });
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-stories-'));
    try {
      const outbox = new OutboxPublisher(
        dir,
        parseSubscribers([{ id: 'analyst', email: 'analyst@example.org' }]),
      );
      const members = await store.listStoryMembers('s');
      expect(members).toHaveLength(1);
      const later = { ...EN_A, itemId: 'late', storyId: 's' };
      const { prepareAlert } = await import('../../functions/domain/alerts/prepare-alert');
      // Pretend the phantom took seq 1 and this copy got seq 3 (seq 2's writer died before writing).
      await store.recordPendingAlert({ ...prepareAlert(later, at('2026-11-24T09:40:00Z'), 3) });
      const soon = await dispatchPendingAlerts({
        store,
        publisher: outbox,
        log,
        now: () => at('2026-11-24T09:41:00Z'),
      });
      expect(soon).toMatchObject({ deferred: 1, sent: 0 });
      const later2 = await dispatchPendingAlerts({
        store,
        publisher: outbox,
        log,
        now: () => at('2026-11-24T09:50:00Z'),
      });
      expect(later2).toMatchObject({ sent: 1 });
      expect(outbox.deliveries).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
