import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { FeedEntry } from '../../functions/domain/model';
import type { Log, MonitorStore } from '../../functions/domain/ports';
import { processEntry } from '../../functions/domain/process-entry';
import type { HttpPort } from '../../functions/domain/sources/http-port';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Log;
const noHttp = {
  request: () => Promise.reject(new Error('the feed carries the body; no page is fetched')),
} as unknown as HttpPort;

const FIRST =
  'Minister of Foreign Affairs of Kazakhstan Murat Nurtleu held talks with U.S. Secretary of State Antony Blinken in Washington.';
// gov.kz sends the first paragraph again as the summary: the feed's lead repeats the body
const entry: FeedEntry = {
  sourceId: 'mfa-en',
  itemId: 'c0ffee0000000001',
  url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2001',
  canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2001',
  language: 'en',
  title: 'Murat Nurtleu and Antony Blinken discuss strategic partnership',
  publishedAt: '2026-11-24T20:30:00Z',
  summary: FIRST,
  bodyHtml: `<p>${FIRST}</p><p>The sides discussed trade, investment and critical minerals.</p>`,
};

let dynamo: LocalDynamo;
let store: MonitorStore;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
});
afterAll(() => dynamo?.close());

describe('an item whose lead repeats its first paragraph', () => {
  it('is stored with each evidence sentence weighed once', async () => {
    expect(
      await processEntry(entry, {
        http: noHttp,
        store,
        log: quiet,
        now: () => new Date('2026-11-25T00:00:00Z'),
      }),
    ).toBe('relevant');
    const item = await store.getItem(entry.itemId);
    const kzUs = item!.classification.evidence.filter((e) => e.label === 'kz-us');
    expect(kzUs.map((e) => e.text)).toEqual([...new Set(kzUs.map((e) => e.text))]);
    expect(kzUs.filter((e) => e.text === FIRST)).toHaveLength(1);
  });

  it('is stored with the lead once: the body does not open with it again', async () => {
    const item = await store.getItem(entry.itemId);
    expect(item!.lead).toBe(FIRST);
    expect(item!.body).toBe('The sides discussed trade, investment and critical minerals.');
  });

  it('is stored with its English gist, which its alert carries', async () => {
    const item = await store.getItem(entry.itemId);
    expect((await store.getAlert(entry.itemId))!.message.card?.gist).toBe(item!.gist);
    // published 20:30 UTC on the 24th: the 25th in Astana
    expect(item!.gist).toBe(
      'Meeting: Murat Nurtleu and Antony Blinken on Kazakhstan–US relations (trade and investment, critical minerals), 25 Nov 2026 (Astana).',
    );
  });
});

describe('a Russian item', () => {
  it('is stored with an English gist that its alert shows under the title', async () => {
    const ru: FeedEntry = {
      ...entry,
      sourceId: 'mfa-ru',
      itemId: 'c0ffee0000000002',
      url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2002?lang=ru',
      canonicalUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/2002?lang=ru',
      language: 'ru',
      title: 'Мурат Нуртлеу провел телефонный разговор с Энтони Блинкеном',
      summary: null,
      bodyHtml:
        '<p>Министр иностранных дел Казахстана Мурат Нуртлеу провел телефонный разговор с Государственным секретарем США Энтони Блинкеном.</p>' +
        '<p>Стороны обсудили казахстанско-американское сотрудничество.</p>',
    };
    expect(
      await processEntry(ru, {
        http: noHttp,
        store,
        log: quiet,
        now: () => new Date('2026-11-25T00:00:00Z'),
      }),
    ).toBe('relevant');
    const item = await store.getItem(ru.itemId);
    expect(item!.gist).toBe(
      'Call: Murat Nurtleu and Antony Blinken on Kazakhstan–US relations, 25 Nov 2026 (Astana).',
    );
    const alert = await store.getAlert(ru.itemId);
    const lines = alert!.message.email.split('\n');
    expect(lines.slice(0, 2)).toEqual([ru.title, `In English: ${item!.gist}`]);
    // the story member the daily digest reads carries it too
    const members = await store.listStoryMembers(item!.storyId);
    expect(members.find((m) => m.itemId === ru.itemId)?.gist).toBe(item!.gist);
  });
});
