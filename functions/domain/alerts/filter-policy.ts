import type { AlertMessage } from '../ports';
import type { Subscriber } from './subscribers';

/**
 * SNS subscription filter policies, built from a subscriber's filter, and a local evaluator for the
 * operators used here (exact string match on string and string-array attributes, numeric >=), so the
 * local outbox routes exactly as SNS does.
 */
export type FilterPolicy = Record<string, (string | { numeric: ['>=', number] })[]>;

export function filterPolicyFor(subscriber: Subscriber): FilterPolicy {
  const policy: FilterPolicy = { delivery: [subscriber.delivery], categories: [...subscriber.categories] };
  if (subscriber.topics?.length) policy.topics = [...subscriber.topics];
  if (subscriber.languages?.length) policy.language = [...subscriber.languages];
  if (subscriber.minScore > 0) policy.score = [{ numeric: ['>=', subscriber.minScore] }];
  return policy;
}

export function policyMatches(policy: FilterPolicy, attributes: AlertMessage['attributes']): boolean {
  return Object.entries(policy).every(([key, conditions]) => {
    const value = attributes[key];
    if (value === undefined) return false;
    const values = Array.isArray(value) ? value : [value];
    return conditions.some((cond) =>
      typeof cond === 'string'
        ? values.some((v) => v === cond)
        : values.some((v) => typeof v === 'number' && v >= cond.numeric[1]),
    );
  });
}
