import { randomUUID } from 'node:crypto';
import { filterPolicyFor, policyMatches } from '../alerts/filter-policy';
import { channelOf } from '../alerts/channel';
import type { StoredSubscriber } from '../alerts/subscribers';
import type {
  AlertMessage,
  DeliveryLedger,
  DeliveryRecord,
  Log,
  TelegramTransport,
  WebhookTransport,
} from '../ports';
import {
  DEFAULT_RETRY_POLICY,
  MAX_DELIVERY_CLAIMS,
  type RetryPolicy,
  isPermanent,
  withRetries,
} from './retry-policy';
import { telegramSendMessage } from './telegram-message';
import { webhookBody, webhookHeaders } from './webhook-payload';

/**
 * Delivers one published alert to the Telegram and webhook subscribers whose filter matches it (SNS
 * delivers email and SMS itself). Each (alert, subscriber) pair is claimed in the ledger first, so a
 * redelivered message, a second worker or a rerun of the sweep never posts it twice; a pair that keeps
 * failing becomes a dead letter after MAX_DELIVERY_CLAIMS windows. One subscriber's failure never
 * holds up the others.
 */

export const DELIVERY_LEASE_MS = 2 * 60_000;

export type ChannelOutcomeKind = 'delivered' | 'already-delivered' | 'in-progress' | 'failed' | 'dead-letter';

export interface ChannelOutcome {
  subscriberId: string;
  channel: 'telegram' | 'webhook';
  outcome: ChannelOutcomeKind;
  receipt?: string;
  error?: string;
  /** What was sent (the Telegram text or the webhook body), for the local outbox. */
  sent?: string;
}

export interface ChannelDeliveryDeps {
  subscribers: readonly StoredSubscriber[];
  ledger: DeliveryLedger;
  /** Absent when no bot token is configured: Telegram subscribers fail with that reason. */
  telegram?: TelegramTransport;
  webhooks: WebhookTransport;
  log: Log;
  now?: () => Date;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  leaseMs?: number;
}

export interface ChannelDeliveryResult {
  outcomes: ChannelOutcome[];
  /** Failed deliveries that will be tried again (the caller should report the message as failed). */
  retryable: number;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The Telegram and webhook subscribers this alert's attributes select. */
export function channelAudience(
  subscribers: readonly StoredSubscriber[],
  attributes: AlertMessage['attributes'],
): StoredSubscriber[] {
  return subscribers.filter((s) => {
    const channel = channelOf(s);
    return (channel === 'telegram' || channel === 'webhook') && policyMatches(filterPolicyFor(s), attributes);
  });
}

export async function deliverToChannels(
  deps: ChannelDeliveryDeps,
  alertId: string,
  message: AlertMessage,
): Promise<ChannelDeliveryResult> {
  const audience = channelAudience(deps.subscribers, message.attributes);
  const outcomes = await Promise.all(audience.map((s) => deliverOne(deps, alertId, message, s)));
  return { outcomes, retryable: outcomes.filter((o) => o.outcome === 'failed').length };
}

async function deliverOne(
  deps: ChannelDeliveryDeps,
  alertId: string,
  message: AlertMessage,
  subscriber: StoredSubscriber,
): Promise<ChannelOutcome> {
  const channel = channelOf(subscriber) as 'telegram' | 'webhook';
  const base = { subscriberId: subscriber.id, channel };
  const ctx = { alertId, subscriberId: subscriber.id, channel };
  if (channel === 'telegram' && !deps.telegram) {
    // Not claimed: nothing was attempted, and the alert goes out once the operator sets the token.
    const error =
      'no Telegram bot token is configured (KZMON_TELEGRAM_BOT_TOKEN locally, the SSM parameter on AWS)';
    deps.log.error('delivery not attempted', { ...ctx, error });
    return { ...base, outcome: 'failed', error };
  }
  const now = deps.now?.() ?? new Date();
  const token = randomUUID();
  const { claimed, record } = await deps.ledger.claimDelivery(
    alertId,
    subscriber.id,
    token,
    now,
    deps.leaseMs ?? DELIVERY_LEASE_MS,
  );
  if (!claimed)
    return { ...base, outcome: unclaimedOutcome(record), receipt: record.receipt, error: record.lastError };
  let sent: string | undefined;
  try {
    const { receipt, body } = await withRetries(
      () => sendOnce(deps, alertId, message, subscriber, channel),
      deps.retry ?? DEFAULT_RETRY_POLICY,
      { sleep: deps.sleep ?? wait, random: deps.random },
    );
    sent = body;
    await deps.ledger.markDelivered(alertId, subscriber.id, receipt, deps.now?.() ?? new Date());
    deps.log.info('alert delivered', { ...ctx, receipt });
    return { ...base, outcome: 'delivered', receipt, sent };
  } catch (err) {
    const error = (err as Error).message;
    const dead = await recordFailedDelivery(deps, alertId, subscriber, token, record, err, ctx);
    return { ...base, outcome: dead ? 'dead-letter' : 'failed', error };
  }
}

/** Why another worker's claim stands: delivered already, given up, or still being tried. */
function unclaimedOutcome(record: DeliveryRecord): ChannelOutcomeKind {
  return record.status === 'delivered'
    ? 'already-delivered'
    : record.status === 'dead'
      ? 'dead-letter'
      : 'in-progress';
}

/**
 * Releases a failed claim, as a dead letter when the failure is permanent or the claims are used up,
 * and tells the operator what to check; returns whether it is dead.
 */
async function recordFailedDelivery(
  deps: ChannelDeliveryDeps,
  alertId: string,
  subscriber: StoredSubscriber,
  token: string,
  record: DeliveryRecord,
  err: unknown,
  ctx: { alertId: string; subscriberId: string; channel: 'telegram' | 'webhook' },
): Promise<boolean> {
  const { channel } = ctx;
  const error = (err as Error).message;
  const dead = isPermanent(err) || record.attempts >= MAX_DELIVERY_CLAIMS;
  await deps.ledger.releaseDelivery(alertId, subscriber.id, token, error, dead).catch((e: Error) =>
    deps.log.error('could not record the failed delivery; it is tried again when its claim ends', {
      ...ctx,
      error: e.message,
    }),
  );
  deps.log.error(
    dead
      ? `delivery given up (dead letter): check the subscriber's ${channel === 'telegram' ? 'chat id and that the bot may post there' : 'webhook URL and receiver'}, then \`kzmon subscribers test ${subscriber.id}\``
      : 'delivery failed; it is tried again with the next attempt window',
    { ...ctx, attempts: record.attempts, error },
  );
  return dead;
}

async function sendOnce(
  deps: ChannelDeliveryDeps,
  alertId: string,
  message: AlertMessage,
  subscriber: StoredSubscriber,
  channel: 'telegram' | 'webhook',
): Promise<{ receipt: string; body: string }> {
  if (channel === 'telegram') {
    const body = telegramSendMessage(subscriber.telegram as string, message);
    const { messageId } = await (deps.telegram as TelegramTransport).sendMessage(body);
    return { receipt: `telegram message ${messageId}`, body: body.text };
  }
  const body = webhookBody(alertId, message, subscriber.id);
  const { status } = await deps.webhooks.post(
    subscriber.webhook as string,
    body,
    webhookHeaders(alertId, body, subscriber.secret as string),
  );
  return { receipt: `HTTP ${status}`, body };
}
