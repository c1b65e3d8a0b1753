/**
 * What every scenario needs: a capturing log, a publisher that records every accepted publish (what
 * SNS would fan out), and the outcome accounting: given the items a scenario fed in and which of them
 * are relevant, how many the store holds, how many were alerted, lost or duplicated.
 */
import { type SubscriberPolicy, filterPolicyFor } from '../../../functions/domain/alerts/filter-policy';
import type { Subscriber } from '../../../functions/domain/alerts/subscribers';
import type { AlertMessage, AlertPublisher, Log, MonitorStore } from '../../../functions/domain/ports';
import { canonicalizeUrl, itemIdFor } from '../../../functions/domain/sources/canonical-url';
import type { OutcomeRow } from './outcome-table';

export interface LogEntry {
  level: 'info' | 'warn' | 'error' | 'debug';
  message: string;
  extra: Record<string, unknown>;
}

export function captureLog(): Log & { entries: LogEntry[]; errors: () => LogEntry[]; text: () => string } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      entries.push({ level, message, extra: Object.assign({}, ...extra) });
    };
  return {
    entries,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    errors: () => entries.filter((e) => e.level === 'error' || e.level === 'warn'),
    text: () => entries.map((e) => `${e.level} ${e.message} ${JSON.stringify(e.extra)}`).join('\n'),
  };
}

/** One instant subscriber to everything: every first copy of a story reaches it. */
/** The one subscriber of the suite: instant email for everything relevant. */
export const CATCH_ALL_SUBSCRIBER: Subscriber = {
  id: 'all-email',
  email: 'all@example.org',
  categories: ['kz-us', 'c5plus1'],
  minScore: 0,
  delivery: 'instant',
};

export const CATCH_ALL: SubscriberPolicy[] = [filterPolicyEntry(CATCH_ALL_SUBSCRIBER)];

function filterPolicyEntry(s: Subscriber): SubscriberPolicy {
  return { id: s.id, delivery: s.delivery, policy: filterPolicyFor(s) };
}

/**
 * Records every publish the "topic" accepted (what SNS would fan out, repeats included), optionally
 * passing it on (e.g. to the local outbox, whose subscribers it then routes to).
 */
export class RecordingPublisher implements AlertPublisher {
  readonly accepted: AlertMessage[] = [];
  readonly subscribers: readonly SubscriberPolicy[];
  private n = 0;

  constructor(private readonly next?: AlertPublisher & { subscribers?: readonly SubscriberPolicy[] }) {
    this.subscribers = next?.subscribers ?? CATCH_ALL;
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const res = this.next ? await this.next.publish(message) : { messageId: `msg-${++this.n}` };
    this.accepted.push(message);
    return res;
  }
}

const URL_RE = /https?:\/\/[^\s<>"]+/g;

/** The item URLs an alert message points at (instant alerts carry one; digests several). */
export function urlsIn(message: AlertMessage): string[] {
  return [...new Set([...`${message.default}\n${message.sms}`.matchAll(URL_RE)].map((m) => m[0]))];
}

export interface Expected {
  /** Absolute item URL as the feed lists it. */
  url: string;
  relevant: boolean;
}

export const idFor = (url: string) => itemIdFor(canonicalizeUrl(url));

export interface Tally {
  itemsIn: number;
  stored: number;
  relevant: number;
  alertsSent: number;
  lost: number;
  duplicated: number;
  /** Relevant-by-design items the store did not keep as relevant, and the reverse. */
  misjudged: number;
  lostUrls: string[];
  duplicatedUrls: string[];
}

/**
 * Compares the store and the recorded publishes with what was fed in. Lost: an item the store never saw,
 * a relevant item not stored as relevant, or a relevant item never alerted. Duplicated: every alert for
 * an item beyond the first.
 */
export async function tally(
  store: MonitorStore,
  expected: Expected[],
  published: AlertMessage[],
): Promise<Tally> {
  const ids = expected.map((e) => idFor(e.url));
  const unseen = await store.findUnseen(ids, new Date());
  const alertsPerUrl = new Map<string, number>();
  const wanted = new Set(expected.map((e) => e.url));
  let alertsSent = 0;
  for (const m of published) {
    if (m.attributes.delivery === 'digest' || m.attributes.kind === 'digest') continue;
    const urls = urlsIn(m).filter((u) => wanted.has(u));
    if (urls.length > 0) alertsSent++;
    for (const u of urls) alertsPerUrl.set(u, (alertsPerUrl.get(u) ?? 0) + 1);
  }
  const t: Tally = {
    itemsIn: expected.length,
    stored: 0,
    relevant: 0,
    alertsSent,
    lost: 0,
    duplicated: 0,
    misjudged: 0,
    lostUrls: [],
    duplicatedUrls: [],
  };
  // Only relevant-by-design items are read back (in parallel); an irrelevant one that was stored as
  // relevant shows up as an alert for it.
  const items = new Map<string, boolean>();
  const toRead = expected.flatMap((e, i) => (e.relevant && !unseen.has(ids[i]!) ? [ids[i]!] : []));
  for (let i = 0; i < toRead.length; i += 32) {
    const chunk = toRead.slice(i, i + 32);
    const got = await Promise.all(chunk.map((id) => store.getItem(id)));
    for (const [j, id] of chunk.entries()) items.set(id, got[j] != null);
  }
  for (const [i, e] of expected.entries()) {
    const id = ids[i]!;
    const known = !unseen.has(id);
    if (known) t.stored++;
    const alerts = alertsPerUrl.get(e.url) ?? 0;
    const isItem = e.relevant ? items.get(id) === true : alerts > 0;
    if (isItem) t.relevant++;
    if (!known || (e.relevant && (!isItem || alerts === 0))) {
      t.lost++;
      t.lostUrls.push(e.url);
    }
    if (alerts > 1) {
      t.duplicated += alerts - 1;
      t.duplicatedUrls.push(e.url);
    }
    if (known && isItem !== e.relevant) t.misjudged++;
  }
  return t;
}

export function rowFrom(
  scenario: string,
  t: Tally,
  errorsReported: number,
  seconds: number,
  note?: string,
  extra: Pick<OutcomeRow, 'path'> & Partial<Pick<OutcomeRow, 'refused' | 'refusedReason'>> = {},
): OutcomeRow {
  return {
    scenario,
    path: extra.path ?? 'local',
    itemsIn: t.itemsIn,
    stored: t.stored,
    relevant: t.relevant,
    alertsSent: t.alertsSent,
    lost: t.lost,
    refused: extra.refused ?? 0,
    refusedReason: extra.refusedReason,
    duplicated: t.duplicated,
    errorsReported,
    seconds,
    note: [t.misjudged ? `${t.misjudged} misjudged` : '', note ?? ''].filter(Boolean).join('; ') || undefined,
  };
}
