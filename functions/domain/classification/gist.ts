/**
 * The English gist of an item: one sentence of at most GIST_MAX characters built only from what the
 * classifier found — the event type, the officials by their canonical Latin names, the relationship or
 * the format, the topics, and the Astana date of publication. No translation: a Russian or Kazakh item
 * gets the same English sentence its facts give, so a reader without the language knows what it is.
 *   "Call: Mukhtar Tileuberdi and Antony Blinken on Kazakhstan–US relations, 27 Apr 2021 (Astana)."
 */
import { almatyDay } from '../alerts/local-time';
import type { Category, Classification, EventType, Topic } from '../model';
import { PEOPLE } from './people';
import type { PersonRule } from './rules';

export const GIST_MAX = 200;

const EVENT: Record<EventType, string> = {
  call: 'Call',
  meeting: 'Meeting',
  visit: 'Visit',
  summit: 'Summit',
  agreement: 'Agreement',
  statement: 'Statement',
  other: 'News',
};

const TOPIC: Record<Topic, string> = {
  'trade-investment': 'trade and investment',
  energy: 'energy',
  'security-afghanistan': 'security and Afghanistan',
  climate: 'climate',
  'critical-minerals': 'critical minerals',
  'humanitarian-aid': 'humanitarian aid',
  'governance-reforms': 'governance reforms',
  'nuclear-nonproliferation': 'nuclear non-proliferation',
  'education-culture': 'education and culture',
  'visas-consular': 'visas and consular services',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Officials of Kazakhstan first, then of the US, of the other Central Asian states, then anyone else. */
const SIDE_ORDER: Record<PersonRule['country'], number> = { KZ: 0, US: 1, C5: 2, OTHER: 3 };
const SIDE = new Map(PEOPLE.map((p) => [p.canonical, SIDE_ORDER[p.country]]));

function subject(categories: readonly Category[]): string {
  const kzUs = categories.includes('kz-us');
  const c5 = categories.includes('c5plus1');
  if (kzUs && c5) return 'Kazakhstan–US relations and the C5+1 format';
  if (c5) return 'the Central Asia–US C5+1 format';
  if (kzUs) return 'Kazakhstan–US relations';
  return 'Kazakhstan';
}

function list(names: readonly string[], more: boolean): string {
  if (more) return `${names.join(', ')} and others`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "27 Apr 2021" for the Astana day of an instant; null when there is no usable instant. */
export function astanaDate(iso: string | null | undefined): string | null {
  if (!iso || Number.isNaN(Date.parse(iso))) return null;
  const [y, m, d] = almatyDay(iso).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** One wording of the gist, with at most `people` names and `topics` topics. */
function compose(c: GistFacts, people: number, topics: number, date: string | null): string {
  const sorted = [...c.people].sort((a, b) => (SIDE.get(a) ?? 3) - (SIDE.get(b) ?? 3));
  const who = people > 0 ? list(sorted.slice(0, people), sorted.length > people) : '';
  const about = c.topics.slice(0, topics).map((t) => TOPIC[t] ?? t);
  const head = who ? `${EVENT[c.eventType] ?? 'News'}: ${who} on` : `${EVENT[c.eventType] ?? 'News'} on`;
  const topicPart = about.length > 0 ? ` (${about.join(', ')})` : '';
  return `${head} ${subject(c.categories)}${topicPart}${date ? `, ${date} (Astana)` : ''}.`;
}

export type GistFacts = Pick<Classification, 'categories' | 'topics' | 'people' | 'eventType'>;

/**
 * The gist, at most GIST_MAX characters: the richest wording that fits (up to three officials and two
 * topics, then fewer), cut at a word only when even the plainest does not fit.
 */
export function buildGist(c: GistFacts, publishedAt?: string | null): string {
  const date = astanaDate(publishedAt);
  const tries: Array<[number, number]> = [
    [3, 2],
    [3, 1],
    [3, 0],
    [2, 0],
    [1, 0],
    [0, 0],
  ];
  for (const [people, topics] of tries) {
    const text = compose(c, people, topics, date);
    if (text.length <= GIST_MAX) return text;
  }
  const plain = compose(c, 0, 0, date);
  return `${plain.slice(0, GIST_MAX - 1).replace(/\s+\S*$/, '')}…`;
}

/** The stored gist of an item, or the one its classification gives (items stored before gists existed). */
export function itemGist(item: {
  gist?: string | null;
  classification: GistFacts;
  publishedAt?: string | null;
}): string {
  return item.gist?.trim() || buildGist(item.classification, item.publishedAt);
}
