import { CATEGORIES } from '../model';
import type { AlertMessage, AlertRecord, AlertStore, StoryMember, StoryStore } from '../ports';
import { type DispatchDeps, type DispatchResult, dispatchAlerts } from './dispatch-alerts';
import { type SubscriberPolicy, policyMatches } from './filter-policy';
import { namedOnly } from './sms-cap';
import { categoryTag, emailSubject, formatTimes, smsCapacity, smsLength } from './format-alert';
import { almatyDay, previousAlmatyDay } from './local-time';

/**
 * The daily digest: for each subscriber who chose `daily`, one message listing the stories that began
 * on an Almaty day and match their filter, grouped by category; nothing when there were none. Each
 * digest is an alert record `digest#<day>#<subscriber>`, so it goes through the same exactly-once path
 * as instant alerts (a rerun of the same day finds the record and sends nothing new).
 */

export interface DigestStory {
  storyId: string;
  /** The copy this subscriber sees: the first one their filter matches. */
  copy: StoryMember;
  /** Other copies of the story (other sources or languages). */
  others: number;
}

export interface DigestDeps extends Omit<DispatchDeps, 'store'> {
  store: AlertStore & StoryStore;
}

export interface DigestResult {
  day: string;
  stories: number;
  digests: number;
  dispatch: DispatchResult;
}

/** Stories whose first copy joined on `day`, each with all its copies in sequence order. */
export async function storiesOfDay(store: StoryStore, day: string): Promise<StoryMember[][]> {
  const ofDay = await store.listMembersOfDay(day);
  const ids = [...new Set(ofDay.map((m) => m.storyId))];
  const stories: StoryMember[][] = [];
  for (const id of ids) {
    const members = await store.listStoryMembers(id);
    if (members.length > 0 && almatyDay(members[0]!.joinedAt) === day) stories.push(members);
  }
  return stories.sort((a, b) => a[0]!.publishedAt.localeCompare(b[0]!.publishedAt));
}

export function digestFor(subscriber: SubscriberPolicy, stories: StoryMember[][]): DigestStory[] {
  const out: DigestStory[] = [];
  for (const members of stories) {
    const copy = members.find((m) =>
      policyMatches(subscriber.policy, { ...m.attributes, delivery: `daily:${subscriber.id}` }),
    );
    if (copy) out.push({ storyId: copy.storyId, copy, others: members.length - 1 });
  }
  return out;
}

function asArray(v: AlertMessage['attributes'][string] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function formatDigest(subscriberId: string, day: string, stories: DigestStory[]): AlertMessage {
  const byCategory = new Map<string, DigestStory[]>();
  for (const s of stories) {
    for (const c of asArray(s.copy.attributes.categories)) {
      byCategory.set(c, [...(byCategory.get(c) ?? []), s]);
    }
  }
  const order = [
    ...CATEGORIES,
    ...[...byCategory.keys()].filter((c) => !(CATEGORIES as readonly string[]).includes(c)),
  ];
  const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
  const subject = emailSubject('[KZ news monitor]', `Daily digest ${day}: ${count}`);
  const email = digestEmail(day, order, byCategory);
  const counts = order
    .filter((c) => byCategory.get(c)?.length)
    .map((c) => `${categoryTag([c]).slice(1, -1)} ${byCategory.get(c)!.length}`)
    .join(', ');
  let sms = `[KZmon] ${day}: ${count} (${counts}). Top: ${stories[0]?.copy.url ?? ''}`.trim();
  const fits = (t: string) => smsLength(t).units <= smsCapacity(smsLength(t).gsm7, 2);
  if (!fits(sms)) sms = `[KZmon] ${day}: ${count} (${counts}).`;
  const categories = order.filter((c) => byCategory.get(c)?.length);
  return {
    default: `${subject}\n${email}`,
    email,
    emailSubject: subject,
    sms,
    attributes: {
      delivery: [`daily:${subscriberId}`],
      categories,
      topics: [...new Set(stories.flatMap((s) => asArray(s.copy.attributes.topics)))],
      language: [...new Set(stories.map((s) => s.copy.language))],
      score: Math.max(0, ...stories.map((s) => Number(s.copy.attributes.score ?? 0))),
      alertId: digestAlertId(day, subscriberId),
    },
  };
}

/** The digest email's body: one section per category, in the fixed order, then the unsubscribe note. */
function digestEmail(day: string, order: string[], byCategory: Map<string, DigestStory[]>): string {
  const sections: string[] = [];
  for (const category of order) {
    const list = byCategory.get(category);
    if (!list?.length) continue;
    sections.push(`${categoryTag([category])} ${list.length} ${list.length === 1 ? 'story' : 'stories'}`);
    for (const s of list) sections.push(...storyLines(s));
    sections.push('');
  }
  return [
    `Kazakhstan–US and C5+1 stories that began on ${day} (Astana time), by category.`,
    '',
    ...sections,
    '—',
    'You receive this daily digest because you subscribed to kz-news-monitor. To unsubscribe, use the',
    'unsubscribe link below this message (SMS: reply STOP), or ask the monitor operator to remove you.',
  ].join('\n');
}

/** One story in the digest: title, English gist of a Russian or Kazakh copy, where and when, its link. */
function storyLines(s: DigestStory): string[] {
  const t = formatTimes(s.copy.publishedAt);
  const topics = asArray(s.copy.attributes.topics);
  return [
    `  • ${s.copy.title}`,
    // a Russian or Kazakh copy carries its English gist, as its instant alert does
    ...(s.copy.gist && (s.copy.language === 'ru' || s.copy.language === 'kk')
      ? [`    In English: ${s.copy.gist}`]
      : []),
    `    ${s.copy.sourceId} (${s.copy.language}), ${t.local} / ${t.utc}${topics.length ? `; ${topics.join(', ')}` : ''}`,
    ...(s.others > 0 ? [`    also reported by ${s.others} other ${s.others === 1 ? 'copy' : 'copies'}`] : []),
    `    ${s.copy.url}`,
  ];
}

export function digestAlertId(day: string, subscriberId: string): string {
  return `digest#${day}#${subscriberId}`;
}

/** Builds, records and sends the digests of `day` (default: the Almaty day before now). */
export async function runDailyDigest(deps: DigestDeps, day?: string): Promise<DigestResult> {
  const now = deps.now?.() ?? new Date();
  const theDay = day ?? previousAlmatyDay(now);
  const allSubscribers = deps.subscribers ?? deps.publisher.subscribers ?? [];
  const subscribers = allSubscribers.filter((s) => s.delivery === 'daily');
  const stories = await storiesOfDay(deps.store, theDay);
  const lists = new Map<string, DigestStory[]>();
  for (const subscriber of subscribers) lists.set(subscriber.id, digestFor(subscriber, stories));
  // SMS subscribers over their monthly cap: what the cap held back that day, by their digest email.
  const quota = deps.sms?.quota;
  for (const s of quota ? allSubscribers.filter((x) => namedOnly(x) && x.hasDigestEmail) : []) {
    const held = (await quota!.listHeldAlerts(s.id, theDay)).filter((h) => h.outcome === 'queued');
    if (held.length)
      lists.set(
        s.id,
        held.map((h) => ({ storyId: h.member.storyId, copy: h.member, others: 0 })),
      );
  }
  const records: AlertRecord[] = [];
  for (const [subscriberId, list] of lists) {
    if (list.length === 0) continue;
    const alertId = digestAlertId(theDay, subscriberId);
    const record: AlertRecord = {
      alertId,
      itemId: alertId,
      storyId: alertId,
      status: 'pending',
      createdAt: now.toISOString(),
      type: 'digest',
      attempts: 0,
      message: formatDigest(subscriberId, theDay, list),
    };
    const created = await deps.store.recordPendingAlert(record);
    // An existing record is either sent (nothing to do) or pending (the dispatch below claims it).
    records.push(created === 'created' ? record : ((await deps.store.getAlert(alertId)) ?? record));
  }
  const pending = records.filter((r) => r.status === 'pending' || r.status === 'sending');
  const dispatch = await dispatchAlerts(deps, pending);
  deps.log.info('daily digest', {
    day: theDay,
    stories: stories.length,
    digests: records.length,
    sent: dispatch.sent,
  });
  return { day: theDay, stories: stories.length, digests: records.length, dispatch };
}
