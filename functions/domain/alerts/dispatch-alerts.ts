import { randomUUID } from 'node:crypto';
import type { AlertMessage, AlertPublisher, AlertRecord, AlertStore, Log, StoryStore } from '../ports';
import { type SubscriberPolicy, policyMatches } from './filter-policy';
import { type SmsCapSettings, applySmsCap } from './sms-cap';

/**
 * Exactly-once delivery, as far as the platform allows:
 *  1. the alert is recorded `pending` before anything is sent (process-entry / digest);
 *  2. a sweep claims it with a conditional pending→sending transition carrying a lease, a token and an
 *     attempt counter, so two sweeps never publish the same alert at the same time;
 *  3. it publishes (the message carries the alert id, so an idempotent consumer such as the local
 *     outbox collapses repeats);
 *  4. it marks the alert sent, retrying the mark, because a failed mark is the one way to a duplicate;
 *  5. a rejected publish releases the claim (pending again); a worker that dies leaves `sending`, and
 *     once the lease (longer than the function timeout, so its owner is surely dead) runs out the next
 *     sweep claims it again. Nothing is ever lost; the only duplicate left is a worker dying between
 *     the publisher's acceptance and the mark.
 */

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** How long a later copy waits for an earlier copy whose member record is still being written. */
export const STORY_SETTLE_MS = 2 * 60_000;
/** Stop claiming when less time than this is left in the invocation. */
const SAFETY_MARGIN_MS = 15_000;

export interface DispatchResult {
  pending: number;
  sent: number;
  failed: number;
  /** Later copies of a story that every matching subscriber had already received. */
  suppressed: number;
  /** Later copies waiting for earlier copies to be recorded. */
  deferred: number;
  /** Claimed by another sweep, or already sent. */
  skipped: number;
  /** Claimed again after a lease ran out: the earlier attempt may have been delivered. */
  reclaimed: number;
  /** Published but not marked sent even after retries: will be resent after the lease. */
  unmarked: number;
}

export interface DispatchDeps {
  store: AlertStore & Pick<StoryStore, 'listStoryMembers'>;
  publisher: AlertPublisher;
  log: Log;
  now?: () => Date;
  /** Subscribers (ids and policies); defaults to the publisher's. */
  subscribers?: readonly SubscriberPolicy[];
  leaseMs?: number;
  settleMs?: number;
  /** Alerts published at once. */
  concurrency?: number;
  /** Milliseconds left in this invocation (Lambda's getRemainingTimeInMillis). */
  remainingMs?: () => number;
  /** Pause before retrying a failed mark; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** The monthly SMS cap and its counts; without it every matching SMS subscriber is texted. */
  sms?: SmsCapSettings;
}

function subscribersOf(deps: DispatchDeps): readonly SubscriberPolicy[] {
  return deps.subscribers ?? deps.publisher.subscribers ?? [];
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends every pending alert recorded before now - olderThanMs (and every expired claim). */
export async function dispatchPendingAlerts(deps: DispatchDeps, olderThanMs = 0): Promise<DispatchResult> {
  const now = deps.now?.() ?? new Date();
  const pending = await deps.store.listPendingAlerts(new Date(now.getTime() - olderThanMs));
  return dispatchAlerts(deps, pending);
}

export async function dispatchAlerts(deps: DispatchDeps, alerts: AlertRecord[]): Promise<DispatchResult> {
  const result: DispatchResult = {
    pending: alerts.length,
    sent: 0,
    failed: 0,
    suppressed: 0,
    deferred: 0,
    skipped: 0,
    reclaimed: 0,
    unmarked: 0,
  };
  // Oldest first, and earlier copies of a story before later ones.
  const queue = [...alerts].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || (a.storySeq ?? 1) - (b.storySeq ?? 1),
  );
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      if (deps.remainingMs && deps.remainingMs() < SAFETY_MARGIN_MS) return;
      const alert = queue[next++]!;
      try {
        const { outcome, reclaimed } = await dispatchOne(deps, alert);
        result[outcome]++;
        // An unmarked alert was delivered all the same.
        if (outcome === 'unmarked') result.sent++;
        if (reclaimed) result.reclaimed++;
      } catch (err) {
        result.failed++;
        deps.log.error('alert dispatch failed; it stays pending', {
          alertId: alert.alertId,
          itemId: alert.itemId,
          storyId: alert.storyId,
          error: (err as Error).message,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));
  return result;
}

type Outcome = 'sent' | 'failed' | 'suppressed' | 'deferred' | 'skipped' | 'unmarked';

async function dispatchOne(
  deps: DispatchDeps,
  listed: AlertRecord,
): Promise<{ outcome: Outcome; reclaimed: boolean }> {
  const now = deps.now?.() ?? new Date();
  const token = randomUUID();
  const alert = await deps.store.claimAlert(listed.alertId, token, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (!alert) return { outcome: 'skipped', reclaimed: false };
  const reclaimed = listed.status === 'sending';
  const ctx = {
    alertId: alert.alertId,
    itemId: alert.itemId,
    storyId: alert.storyId,
    attempt: alert.attempts,
  };
  if (reclaimed) {
    deps.log.warn(
      'alert claimed again after a lease ran out; the earlier attempt may have been delivered',
      ctx,
    );
  }
  const outcome = await sendClaimed(deps, alert, token, now, ctx);
  return { outcome, reclaimed };
}

async function sendClaimed(
  deps: DispatchDeps,
  alert: AlertRecord,
  token: string,
  now: Date,
  ctx: Record<string, unknown>,
): Promise<Outcome> {
  const message = await addressMessage(deps, alert, token, now, ctx);
  if (message === 'deferred' || message === 'suppressed') return message;
  const messageId = await publishOrRelease(deps, alert, token, message, ctx);
  if (messageId === null) return 'failed';
  return markSent(deps, alert, messageId, ctx);
}

/**
 * The message as this alert goes out: a later copy of a story narrowed to the subscribers no earlier
 * copy reached (deferred while an earlier copy is unsent, suppressed when nobody is left), then the
 * SMS cap applied. A digest goes as it was built.
 */
async function addressMessage(
  deps: DispatchDeps,
  alert: AlertRecord,
  token: string,
  now: Date,
  ctx: Record<string, unknown>,
): Promise<AlertMessage | 'deferred' | 'suppressed'> {
  let message: AlertMessage = alert.message;
  if (alert.type !== 'digest' && (alert.storySeq ?? 1) > 1) {
    const narrowed = await narrowLaterCopy(deps, alert, now);
    if (narrowed === 'defer') {
      await deps.store.releaseAlert(alert.alertId, token);
      return 'deferred';
    }
    if (narrowed.length === 0) {
      await deps.store.markAlertSuppressed(alert.alertId, token, now);
      deps.log.info('later copy of a story suppressed: every matching subscriber already has it', ctx);
      return 'suppressed';
    }
    message = {
      ...message,
      attributes: { ...message.attributes, delivery: narrowed.map((id) => `instant:${id}`) },
    };
  }

  if (alert.type !== 'digest') {
    message = await applySmsCap(alert, message, subscribersOf(deps), deps.sms, deps.log, now);
  }
  return message;
}

/** Publishes the message; on failure the alert goes back to pending (null) for the next sweep. */
async function publishOrRelease(
  deps: DispatchDeps,
  alert: AlertRecord,
  token: string,
  message: AlertMessage,
  ctx: Record<string, unknown>,
): Promise<string | null> {
  try {
    return (await deps.publisher.publish(message)).messageId;
  } catch (err) {
    deps.log.error('publish failed; the alert goes back to pending', {
      ...ctx,
      error: (err as Error).message,
    });
    await deps.store.releaseAlert(alert.alertId, token).catch((e: Error) =>
      deps.log.error('could not release the alert; it is retried when its lease ends', {
        ...ctx,
        error: e.message,
      }),
    );
    return null;
  }
}

/**
 * Records a published alert as sent, retrying a few times: an alert left unmarked is resent when its
 * lease ends, so each retry here saves a subscriber a duplicate.
 */
async function markSent(
  deps: DispatchDeps,
  alert: AlertRecord,
  messageId: string,
  ctx: Record<string, unknown>,
): Promise<'sent' | 'unmarked'> {
  const sleep = deps.sleep ?? wait;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await deps.store.markAlertSent(alert.alertId, messageId, deps.now?.() ?? new Date());
      return 'sent';
    } catch (err) {
      deps.log.warn('could not mark the alert sent; retrying', {
        ...ctx,
        messageId,
        error: (err as Error).message,
      });
      await sleep(100 * 2 ** attempt);
    }
  }
  deps.log.error('alert published but not marked sent; it will be resent when its lease ends', {
    ...ctx,
    messageId,
  });
  return 'unmarked';
}

/**
 * A subscriber receives a story once: the copy with the lowest sequence number that its filter
 * matches. For a later copy that leaves the subscribers it matches and no earlier copy matched.
 */
async function narrowLaterCopy(
  deps: DispatchDeps,
  alert: AlertRecord,
  now: Date,
): Promise<string[] | 'defer'> {
  const seq = alert.storySeq ?? 1;
  const members = await deps.store.listStoryMembers(alert.storyId);
  const earlier = members.filter((m) => m.seq < seq);
  if (
    earlier.length < seq - 1 &&
    now.getTime() - Date.parse(alert.createdAt) < (deps.settleMs ?? STORY_SETTLE_MS)
  ) {
    return 'defer';
  }
  const subscribers = subscribersOf(deps).filter((s) => s.delivery === 'instant');
  const attributes = alert.message.attributes;
  // An earlier copy reached a subscriber when it matched their filter, by the broadcast value or (an SMS
  // subscriber, named one by one) by their own.
  return subscribers
    .filter((s) => policyMatches(s.policy, { ...attributes, delivery: `instant:${s.id}` }))
    .filter(
      (s) => !earlier.some((m) => policyMatches(s.policy, { ...m.attributes, delivery: `instant:${s.id}` })),
    )
    .map((s) => s.id);
}

/**
 * Sends one alert the moment its item is stored, as the table's stream triggers the alert function on
 * AWS (and the local cycle right after the store); the sweep stays the backstop for anything this
 * misses. Never throws: whatever fails here, the alert stays pending for the sweep.
 */
export async function dispatchStoredAlert(
  deps: DispatchDeps,
  alertId: string,
): Promise<DispatchResult | null> {
  try {
    const alert = await deps.store.getAlert(alertId);
    if (alert?.status !== 'pending') return null;
    return await dispatchAlerts(deps, [alert]);
  } catch (err) {
    deps.log.error('immediate dispatch failed; the sweep sends the alert', {
      alertId,
      error: (err as Error).message,
    });
    return null;
  }
}
