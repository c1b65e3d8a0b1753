import type { AlertMessage } from './alert-message';
import { type Channel, channelOf } from './channel';
import type { Subscriber } from './subscribers';

/**
 * SNS subscription filter policies (attribute scope), built from a subscriber's filter, and a local
 * evaluator of the SNS policy language, so the local outbox routes exactly as SNS does. The evaluator is
 * tested against the policies read from the synthesized template.
 *
 * SNS allows at most five keys per policy, so who-gets-it and how-often share one key, `delivery`:
 *   instant               every instant subscriber whose filter matches (the first copy of a story)
 *   instant:<id>          only that subscriber (a later copy, for someone the earlier copies missed)
 *   daily:<id>            that daily subscriber's digest
 *
 * An instant SMS subscriber matches only `instant:<id>`: the sweep names each one it may text (under the
 * monthly SMS cap), so SNS never sends a message the cap has not allowed.
 */
export type PolicyCondition =
  | string
  | number
  | { numeric: (string | number)[] }
  | { 'anything-but': string | number | (string | number)[] }
  | { exists: boolean }
  | { prefix: string };

export type FilterPolicy = Record<string, PolicyCondition[]>;

export const MAX_POLICY_KEYS = 5;
export const MAX_POLICY_COMBINATIONS = 150;

export function filterPolicyFor(subscriber: Subscriber): FilterPolicy {
  const policy: FilterPolicy = {
    delivery:
      subscriber.delivery === 'daily'
        ? [`daily:${subscriber.id}`]
        : subscriber.phone
          ? [`instant:${subscriber.id}`]
          : ['instant', `instant:${subscriber.id}`],
    categories: [...subscriber.categories],
  };
  if (subscriber.topics?.length) policy.topics = [...subscriber.topics];
  if (subscriber.languages?.length) policy.language = [...subscriber.languages];
  if (subscriber.minScore > 0) policy.score = [{ numeric: ['>=', subscriber.minScore] }];
  const keys = Object.keys(policy).length;
  const combinations = Object.values(policy).reduce((n, v) => n * v.length, 1);
  if (keys > MAX_POLICY_KEYS || combinations > MAX_POLICY_COMBINATIONS) {
    throw new Error(
      `subscriber ${subscriber.id}: filter policy exceeds SNS limits (${keys} keys, ${combinations} combinations)`,
    );
  }
  return policy;
}

export interface SubscriberPolicy {
  id: string;
  delivery: 'instant' | 'daily';
  policy: FilterPolicy;
  /** Absent in policies built before channels existed: treated as email. */
  channel?: Channel;
  /** An SMS subscriber whose alerts over the monthly cap go to a digest email. */
  hasDigestEmail?: boolean;
}

/** What the sweep and the digest need to know about subscribers: ids and policies, never addresses. */
export function subscriberPolicies(subscribers: Subscriber[]): SubscriberPolicy[] {
  return subscribers.map((s) => ({
    id: s.id,
    delivery: s.delivery,
    policy: filterPolicyFor(s),
    channel: channelOf(s),
    ...(s.digestEmail ? { hasDigestEmail: true } : {}),
  }));
}

type AttributeValue = AlertMessage['attributes'][string];

function numericMatches(ops: (string | number)[], v: number): boolean {
  for (let i = 0; i + 1 < ops.length; i += 2) {
    const op = ops[i];
    const n = Number(ops[i + 1]);
    const ok =
      op === '='
        ? v === n
        : op === '<'
          ? v < n
          : op === '<='
            ? v <= n
            : op === '>'
              ? v > n
              : op === '>='
                ? v >= n
                : false;
    if (!ok) return false;
  }
  return true;
}

function conditionMatches(cond: PolicyCondition, value: AttributeValue | undefined): boolean {
  if (typeof cond === 'object' && 'exists' in cond) return cond.exists === (value !== undefined);
  if (value === undefined) return false;
  // A String.Array attribute matches when any of its elements matches.
  const values = Array.isArray(value) ? value : [value];
  if (typeof cond === 'string') return values.some((v) => v === cond);
  if (typeof cond === 'number') return values.some((v) => typeof v === 'number' && v === cond);
  if ('numeric' in cond) return values.some((v) => typeof v === 'number' && numericMatches(cond.numeric, v));
  if ('prefix' in cond) return values.some((v) => typeof v === 'string' && v.startsWith(cond.prefix));
  const excluded = Array.isArray(cond['anything-but']) ? cond['anything-but'] : [cond['anything-but']];
  return values.some((v) => !excluded.includes(v as string | number));
}

/** SNS semantics: every key of the policy must match (AND); within a key, any condition (OR). */
export function policyMatches(policy: FilterPolicy, attributes: AlertMessage['attributes']): boolean {
  return Object.entries(policy).every(([key, conditions]) =>
    conditions.some((c) => conditionMatches(c, attributes[key])),
  );
}
