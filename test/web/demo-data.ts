import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type {
  Category,
  Classification,
  Evidence,
  Language,
  StoredItem,
  Topic,
} from '../../functions/domain/model';
import type { MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { HttpClient } from '../../functions/adapters/http-client';
import { consoleLog } from '../../functions/local/console-log';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { startSampleServer } from '../../functions/local/sample-sources';

export const HOSTILE_TITLE = '<script>window.__pwned=1</script><b>Bold</b> Kazakhstan–US talks';

const id = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

interface Spec {
  key: string;
  sourceId: string;
  language: Language;
  title: string;
  lead?: string;
  paragraphs: string[];
  publishedAt: string;
  categories: Category[];
  topics?: Topic[];
  people?: string[];
  eventType?: Classification['eventType'];
  /** Sentences of the paragraphs that carry the evidence, with their labels. */
  evidence: [string, string][];
  story?: string;
}

function toItem(s: Spec): StoredItem {
  const url = `https://example.kz/${s.sourceId}/${s.key}`;
  const evidence: Evidence[] = s.evidence.map(([label, text]) => ({ label, text, weight: 0.45 }));
  return {
    itemId: id(url),
    sourceId: s.sourceId,
    url,
    canonicalUrl: url,
    language: s.language,
    title: s.title,
    lead: s.lead ?? null,
    body: s.paragraphs.join('\n\n'),
    author: null,
    publishedAt: s.publishedAt,
    fetchedAt: new Date(Date.parse(s.publishedAt) + 7 * 60_000).toISOString(),
    classification: {
      relevant: true,
      categories: s.categories,
      scores: {
        'kz-us': s.categories.includes('kz-us') ? 0.91 : 0.12,
        c5plus1: s.categories.includes('c5plus1') ? 0.86 : 0.05,
      },
      topics: s.topics ?? [],
      people: s.people ?? [],
      eventType: s.eventType ?? 'meeting',
      language: s.language,
      evidence,
    },
    storyId: s.story ? id(`story:${s.story}`) : id(url),
  };
}

const MINERALS_EN =
  'Foreign Minister Murat Nurtleu and US Secretary of State discussed cooperation on critical minerals at the C5+1 ministerial meeting in Astana.';
const MINERALS_RU =
  'Министр иностранных дел Мурат Нуртлеу и государственный секретарь США обсудили сотрудничество в сфере критически важных минералов на министерской встрече C5+1 в Астане.';
const MINERALS_KK =
  'Сыртқы істер министрі Мұрат Нұртілеу мен АҚШ Мемлекеттік хатшысы Астанада өткен С5+1 министрлік кездесуінде сирек кездесетін пайдалы қазбалар саласындағы ынтымақтастықты талқылады.';
const CONSULAR =
  'Kazakhstan and the United States held consular consultations in Astana on visa facilitation for business travellers.';
const ENERGY_RU =
  'Страны Центральной Азии и США в формате C5+1 договорились расширить сотрудничество в области возобновляемой энергетики.';

/** Hand-written relevant items in three languages: a story told in all three, and a hostile title. */
export const DEMO_ITEMS: StoredItem[] = [
  toItem({
    key: 'c5-minerals-en',
    sourceId: 'kazinform-en',
    language: 'en',
    title: 'Kazakhstan and US discuss critical minerals at C5+1 ministerial in Astana',
    lead: 'Central Asian ministers met the US Secretary of State in Astana.',
    paragraphs: [
      MINERALS_EN,
      'The sides noted the growing volume of American investment in Kazakhstan’s mining sector and agreed to hold the next round of the dialogue in Washington.',
      'The C5+1 format brings together Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and the United States.',
    ],
    publishedAt: '2026-11-18T06:30:00.000Z',
    categories: ['kz-us', 'c5plus1'],
    topics: ['critical-minerals', 'trade-investment'],
    people: ['Murat Nurtleu'],
    evidence: [
      ['kz-us', MINERALS_EN],
      [
        'topic:trade-investment',
        'The sides noted the growing volume of American investment in Kazakhstan’s mining sector',
      ],
    ],
    story: 'minerals',
  }),
  toItem({
    key: 'c5-minerals-ru',
    sourceId: 'kazinform-ru',
    language: 'ru',
    title: 'Казахстан и США обсудили критически важные минералы на встрече C5+1 в Астане',
    paragraphs: [MINERALS_RU, 'Стороны договорились провести следующий раунд диалога в Вашингтоне.'],
    publishedAt: '2026-11-18T07:05:00.000Z',
    categories: ['kz-us', 'c5plus1'],
    topics: ['critical-minerals'],
    people: ['Мурат Нуртлеу'],
    evidence: [['c5plus1', MINERALS_RU]],
    story: 'minerals',
  }),
  toItem({
    key: 'c5-minerals-kk',
    sourceId: 'kazinform-kk',
    language: 'kk',
    title: 'Қазақстан мен АҚШ С5+1 кездесуінде сирек металдар саласындағы ынтымақтастықты талқылады',
    paragraphs: [MINERALS_KK, 'Тараптар диалогтың келесі раундын Вашингтонда өткізуге келісті.'],
    publishedAt: '2026-11-18T08:10:00.000Z',
    categories: ['kz-us', 'c5plus1'],
    topics: ['critical-minerals'],
    people: ['Мұрат Нұртілеу'],
    evidence: [['c5plus1', MINERALS_KK]],
    story: 'minerals',
  }),
  toItem({
    key: 'consular-en',
    sourceId: 'mfa-en',
    language: 'en',
    title: 'Kazakhstan and US agree to simplify visas for business travellers',
    paragraphs: [
      CONSULAR,
      'The delegations also discussed the work of the consulates general in Almaty and New York.',
    ],
    publishedAt: '2026-11-15T10:00:00.000Z',
    categories: ['kz-us'],
    topics: ['visas-consular'],
    eventType: 'meeting',
    evidence: [['kz-us', CONSULAR]],
  }),
  toItem({
    key: 'c5-energy-ru',
    sourceId: 'mfa-ru',
    language: 'ru',
    title: 'C5+1: страны Центральной Азии и США расширят сотрудничество в энергетике',
    paragraphs: [ENERGY_RU, 'Следующее заседание рабочей группы пройдёт в Ташкенте.'],
    publishedAt: '2026-11-12T09:20:00.000Z',
    categories: ['c5plus1'],
    topics: ['energy', 'climate'],
    eventType: 'agreement',
    evidence: [['c5plus1', ENERGY_RU]],
  }),
  toItem({
    key: 'hostile',
    sourceId: 'kazinform-en',
    language: 'en',
    title: HOSTILE_TITLE,
    paragraphs: [
      'Kazakhstan and the US held talks on <img src=x onerror="window.__pwned=2"> regional security in Washington.',
      'A paragraph that only describes the weather.',
    ],
    publishedAt: '2026-11-10T04:00:00.000Z',
    categories: ['kz-us'],
    topics: ['security-afghanistan'],
    evidence: [
      [
        'kz-us',
        'Kazakhstan and the US held talks on <img src=x onerror="window.__pwned=2"> regional security in Washington.',
      ],
    ],
  }),
];

export const byKey = (title: string) => DEMO_ITEMS.find((i) => i.title === title)!;

export interface DemoData {
  dynamo: LocalDynamo;
  store: MonitorStore;
  close(): Promise<void>;
}

/**
 * The demo cycle over the bundled sample sources (real extraction, classification and alert records),
 * then, unless `sampleOnly`, the hand-written items on top, all in an in-memory store.
 */
export async function loadDemoData(options: { sampleOnly?: boolean } = {}): Promise<DemoData> {
  const dynamo = await startLocalDynamo();
  const store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  const outbox = mkdtempSync(join(tmpdir(), 'kzmon-web-outbox-'));
  const sample = await startSampleServer();
  try {
    const subscribers = parseSubscribers(
      JSON.parse(readFileSync(join(__dirname, '../../functions/local/sample/subscribers.json'), 'utf8')),
    );
    // The first copy of the minerals story is alerted the way the pipeline does it: a pending record
    // that the cycle's alert sweep then sends to the outbox.
    if (!options.sampleOnly) await store.recordPendingAlert(prepareAlert(DEMO_ITEMS[0]!, new Date()));
    await runLocalCycle({
      sources: sample.sources,
      http: new HttpClient({ allowedHosts: allowedHostsFor(sample.sources), allowInsecureLocal: true }),
      store,
      publisher: new OutboxPublisher(outbox, subscribers),
      log: consoleLog(false),
    });
    if (!options.sampleOnly) for (const item of DEMO_ITEMS) await store.saveRelevantItem(item);
  } finally {
    await sample.close();
    rmSync(outbox, { recursive: true, force: true });
  }
  return { dynamo, store, close: () => dynamo.close() };
}
