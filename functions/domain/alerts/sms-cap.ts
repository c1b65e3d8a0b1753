import type { AlertMessage, AlertRecord, HeldAlert, Log, SmsQuota, StoryMember } from '../ports';
import { type SubscriberPolicy, policyMatches } from './filter-policy';
import { almatyDay } from './local-time';

/**
 * SMS without surprises: an instant SMS subscriber's filter policy matches only `instant:<id>`, so SNS
 * texts them only when the sweep names them, and the sweep names them only while their month's count
 * (in the table) is under the cap. Over the cap the alert waits for their next digest by email when
 * they gave one, else it is skipped, logged with the reason, and counted.
 */

export interface SmsCapSettings {
  quota: SmsQuota;
  /** SMS per subscriber per (Almaty) calendar month. */
  monthlyCap: number;
}

export const DEFAULT_SMS_MONTHLY_CAP = 100;

export function smsMonth(now: Date): string {
  return almatyDay(now).slice(0, 7);
}

function deliveryValues(attributes: AlertMessage['attributes']): string[] {
  const d = attributes.delivery;
  return d === undefined ? [] : (Array.isArray(d) ? d : [d]).map(String);
}

/**
 * Whether SNS reaches this subscriber only when the sweep names them: an instant SMS subscriber, told
 * apart by the policy itself (no broadcast `instant`), so policies built by any caller route alike.
 */
export function namedOnly(s: SubscriberPolicy): boolean {
  return s.delivery === 'instant' && !(s.policy.delivery ?? []).includes('instant');
}

/** The instant SMS subscribers this alert reaches, before the cap. */
export function smsAudience(
  subscribers: readonly SubscriberPolicy[],
  message: AlertMessage,
): SubscriberPolicy[] {
  const delivery = deliveryValues(message.attributes);
  return subscribers.filter((s) => {
    if (!namedOnly(s)) return false;
    // The first copy goes to everyone it matches; a narrowed later copy only to the ids it names.
    if (!delivery.includes('instant') && !delivery.includes(`instant:${s.id}`)) return false;
    return policyMatches(s.policy, { ...message.attributes, delivery: `instant:${s.id}` });
  });
}

/** The copy of the story an over-cap alert shows in the digest. */
function heldMember(alert: AlertRecord): StoryMember {
  const card = alert.message.card;
  const { delivery: _d, alertId: _a, ...attributes } = alert.message.attributes;
  return {
    storyId: alert.storyId,
    itemId: alert.itemId,
    seq: alert.storySeq ?? 1,
    sourceId: card?.sourceId ?? String(attributes.sourceId ?? ''),
    language: card?.language ?? String(attributes.language ?? ''),
    title: card?.title ?? alert.message.emailSubject,
    url: card?.url ?? '',
    publishedAt: card?.publishedAt ?? alert.createdAt,
    joinedAt: alert.createdAt,
    attributes,
  };
}

/**
 * Names the SMS subscribers under their cap in the message's `delivery` attribute (and takes one SMS
 * from each one's month); holds the alert back for the others.
 */
export async function applySmsCap(
  alert: AlertRecord,
  message: AlertMessage,
  subscribers: readonly SubscriberPolicy[],
  cap: SmsCapSettings | undefined,
  log: Log,
  now: Date,
): Promise<AlertMessage> {
  const audience = smsAudience(subscribers, message);
  if (audience.length === 0) return message;
  const month = smsMonth(now);
  const allowed: string[] = [];
  for (const s of audience) {
    if (!cap || (await cap.quota.takeSms(s.id, month, alert.alertId, cap.monthlyCap))) {
      allowed.push(s.id);
      continue;
    }
    const outcome: HeldAlert['outcome'] = s.hasDigestEmail ? 'queued' : 'skipped';
    await cap.quota.recordOverCap(s.id, month, {
      alertId: alert.alertId,
      heldAt: now.toISOString(),
      outcome,
      member: heldMember(alert),
    });
    log.warn(
      outcome === 'queued'
        ? 'SMS not sent: the subscriber reached the monthly SMS cap; the alert goes into their next digest email'
        : 'SMS not sent: the subscriber reached the monthly SMS cap and gave no digest email; alert skipped',
      { alertId: alert.alertId, subscriberId: s.id, month, cap: cap.monthlyCap },
    );
  }
  const named = new Set(audience.map((s) => `instant:${s.id}`));
  const kept = deliveryValues(message.attributes).filter((v) => !named.has(v));
  return {
    ...message,
    attributes: { ...message.attributes, delivery: [...kept, ...allowed.map((id) => `instant:${id}`)] },
  };
}
