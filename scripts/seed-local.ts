/**
 * Seeds the local store with realistic relevant items through the store's own write path
 * (listing entries, then the conditional put), so queries and benchmarks run against the same records
 * the monitor writes.
 *
 *   npm run seed:local -- [--count 10000] [--dir .kzmon/db] [--fresh]
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoStore, itemRecords } from '../functions/adapters/dynamo-store';
import type { Category, EventType, Language, StoredItem, Topic } from '../functions/domain/model';
import { startLocalDynamo } from '../functions/local/local-dynamodb';
import { seededRandom } from '../test/support/seeded-random';

/** Deterministic: the same seed gives the same sequence. */
export const random = seededRandom;

const SOURCES: { id: string; language: Language; host: string; weight: number }[] = [
  { id: 'kazinform-en', language: 'en', host: 'https://en.inform.kz', weight: 3 },
  { id: 'kazinform-ru', language: 'ru', host: 'https://www.inform.kz/ru', weight: 4 },
  { id: 'kazinform-kk', language: 'kk', host: 'https://www.inform.kz/kz', weight: 2 },
  { id: 'mfa-en', language: 'en', host: 'https://www.gov.kz/memleket/entities/mfa/press/news', weight: 1 },
  { id: 'mfa-ru', language: 'ru', host: 'https://www.gov.kz/memleket/entities/mfa/press/news', weight: 1 },
  { id: 'mfa-kk', language: 'kk', host: 'https://www.gov.kz/memleket/entities/mfa/press/news', weight: 1 },
];

/** Roughly how often each topic comes up among relevant items. */
const TOPIC_WEIGHTS: [Topic, number][] = [
  ['trade-investment', 30],
  ['energy', 15],
  ['security-afghanistan', 10],
  ['climate', 8],
  ['critical-minerals', 10],
  ['humanitarian-aid', 4],
  ['governance-reforms', 6],
  ['nuclear-nonproliferation', 5],
  ['education-culture', 8],
  ['visas-consular', 4],
];
const EVENTS: EventType[] = ['call', 'meeting', 'visit', 'summit', 'agreement', 'statement', 'other'];
const PEOPLE = ['Kassym-Jomart Tokayev', 'Murat Nurtleu', 'Antony Blinken', 'Daniel Rosenblum', 'Joe Biden', 'Erlan Karin'];

const TITLES: Record<Language, string[]> = {
  en: [
    'Kazakhstan and US discuss {topic} cooperation',
    'C5+1 ministers meet in {city} on {topic}',
    'Tokayev receives US delegation to talk {topic}',
    'Kazakh FM holds phone call with US Secretary of State',
    'US and Central Asia agree new {topic} initiative',
  ],
  ru: [
    'Казахстан и США обсудили сотрудничество: {topic}',
    'Министры С5+1 встретились в {city}',
    'Токаев принял делегацию США',
    'Глава МИД РК провел телефонный разговор с госсекретарем США',
  ],
  kk: [
    'Қазақстан мен АҚШ ынтымақтастықты талқылады: {topic}',
    'С5+1 министрлері {city} қаласында кездесті',
    'Тоқаев АҚШ делегациясын қабылдады',
  ],
};
const CITIES = ['Astana', 'Washington', 'New York', 'Almaty', 'Samarkand'];

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [v, w] of weighted) {
    r -= w;
    if (r < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

/**
 * `count` items published over the `days` before `end`, newest first: ~60% kz-us only, ~28% C5+1 only,
 * ~12% both; one to three topics (energy in about a quarter of items); bodies of 1-3 kB.
 */
export function generateItems(count: number, options: { end?: Date; days?: number; seed?: number } = {}): StoredItem[] {
  const rnd = random(options.seed ?? 42);
  const end = (options.end ?? new Date()).getTime();
  const span = (options.days ?? 730) * 86_400_000;
  const out: StoredItem[] = [];
  for (let n = 0; n < count; n++) {
    const source = pick(rnd, SOURCES.map((s) => [s, s.weight] as [typeof s, number]));
    const r = rnd();
    const categories: Category[] = r < 0.6 ? ['kz-us'] : r < 0.88 ? ['c5plus1'] : ['kz-us', 'c5plus1'];
    const topics = new Set<Topic>();
    const topicCount = 1 + Math.floor(rnd() * 2.4);
    while (topics.size < topicCount) topics.add(pick(rnd, TOPIC_WEIGHTS));
    const topicList = [...topics];
    const people = PEOPLE.filter(() => rnd() < 0.2);
    const publishedAt = new Date(end - Math.floor((n / count) * span + rnd() * 3_600_000)).toISOString();
    const canonicalUrl = `${source.host}/item-${n}`;
    const itemId = createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 24);
    const templates = TITLES[source.language];
    const title = templates[Math.floor(rnd() * templates.length)]!
      .replace('{topic}', topicList[0]!.replace('-', ' '))
      .replace('{city}', CITIES[Math.floor(rnd() * CITIES.length)]!);
    const sentence = `${title}. The sides discussed ${topicList.join(', ')} and the agenda of the C5+1 format. `;
    const body = sentence.repeat(8 + Math.floor(rnd() * 20)).trim();
    const eventType = EVENTS[Math.floor(rnd() * EVENTS.length)]!;
    out.push({
      itemId,
      sourceId: source.id,
      url: canonicalUrl,
      canonicalUrl,
      language: source.language,
      title,
      lead: sentence.trim(),
      body,
      author: null,
      publishedAt,
      fetchedAt: publishedAt,
      classification: {
        relevant: true,
        categories,
        scores: { 'kz-us': categories.includes('kz-us') ? 4 : 0.5, c5plus1: categories.includes('c5plus1') ? 4 : 0 },
        topics: topicList,
        people,
        eventType,
        language: source.language,
        evidence: [
          ...categories.map((c) => ({ label: c, text: sentence.trim(), weight: 3 })),
          ...topicList.map((t) => ({ label: `topic:${t}`, text: sentence.trim(), weight: 1 })),
          { label: `event:${eventType}`, text: title, weight: 1 },
        ],
      },
      storyId: itemId,
    });
  }
  return out;
}

/**
 * Loads the items into an empty store: the same records saveRelevantItem writes, but batched 25 at a
 * time across items with a few batches in flight (one conditional put per item would take minutes).
 * Into a store that already holds items, each goes through saveRelevantItem so nothing is overwritten.
 */
export async function seedItems(
  store: DynamoStore,
  items: StoredItem[],
  options: { empty: boolean; onProgress?: (done: number) => void },
): Promise<number> {
  let next = 0;
  let created = 0;
  let done = 0;
  const step = options.empty ? 20 : 1;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + step);
      next += step;
      if (options.empty) {
        await store.loadRecords(chunk.flatMap(itemRecords));
        created += chunk.length;
      } else {
        for (const item of chunk) if ((await store.saveRelevantItem(item)) === 'created') created++;
      }
      const before = done;
      done += chunk.length;
      if (Math.floor(done / 500) !== Math.floor(before / 500)) options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return created;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      dir: { type: 'string', default: join(process.env.KZMON_HOME ?? '.kzmon', 'db') },
      fresh: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number (got ${values.count})`);
  const dynamo = await startLocalDynamo({ dir: values.dir, fresh: values.fresh });
  try {
    const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
    const started = Date.now();
    const empty = (await store.queryItems({ limit: 1 })).items.length === 0;
    const created = await seedItems(store, generateItems(count), {
      empty,
      onProgress: (done) => process.stderr.write(`\r${done}/${count}`),
    });
    process.stderr.write('\n');
    process.stdout.write(
      `Seeded ${created} new items (${count - created} already there) into ${values.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await dynamo.close();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`seed-local: ${err.message}\n`);
    process.exitCode = 1;
  });
}
