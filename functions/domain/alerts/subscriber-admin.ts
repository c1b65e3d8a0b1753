import { type ChannelDeliveryDeps, deliverToChannels } from '../delivery/deliver-to-channels';
import type { AlertPublisher, Log, SubscriberStore, SubscriptionManager } from '../ports';
import {
  type StoredSubscriber,
  type Subscriber,
  channelOf,
  isSnsChannel,
  parseSubscriber,
} from './subscribers';
import { testAlert } from './test-message';

/**
 * Adding, listing, removing and testing subscribers: the same rules for the local store and for the
 * deployed one (through the IAM-authorized API), so a subscriber the CLI accepts locally is one the
 * API accepts.
 */

export interface SubscriberAdminDeps {
  store: SubscriberStore;
  /** On AWS: SNS subscriptions for email and SMS subscribers. Locally there is no SNS. */
  subscriptions?: SubscriptionManager;
  /** Refuses a webhook address the delivery would refuse (throws with the reason). */
  checkWebhook?: (url: string) => void;
  log: Log;
  now?: () => Date;
}

export type AddResult =
  | { status: 'created'; subscriber: StoredSubscriber }
  | { status: 'exists'; id: string };

export async function addSubscriber(deps: SubscriberAdminDeps, input: unknown): Promise<AddResult> {
  const subscriber = parseSubscriber(input);
  if (subscriber.webhook) deps.checkWebhook?.(subscriber.webhook);
  if (await deps.store.getSubscriber(subscriber.id)) return { status: 'exists', id: subscriber.id };
  const snsSubscriptions =
    deps.subscriptions && isSnsChannel(channelOf(subscriber))
      ? await deps.subscriptions.subscribe(subscriber)
      : [];
  const stored: StoredSubscriber = {
    ...subscriber,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    ...(snsSubscriptions.length ? { snsSubscriptions } : {}),
  };
  if ((await deps.store.addSubscriber(stored)) === 'exists') {
    // Lost a race with another add of the same id: undo our subscriptions, keep theirs.
    if (snsSubscriptions.length) await deps.subscriptions?.unsubscribe(snsSubscriptions);
    return { status: 'exists', id: subscriber.id };
  }
  deps.log.info('subscriber added', {
    subscriberId: stored.id,
    channel: channelOf(stored),
    snsSubscriptions: snsSubscriptions.length,
  });
  return { status: 'created', subscriber: stored };
}

export async function removeSubscriber(
  deps: SubscriberAdminDeps,
  id: string,
): Promise<StoredSubscriber | null> {
  const removed = await deps.store.removeSubscriber(id);
  if (removed?.snsSubscriptions?.length && deps.subscriptions) {
    await deps.subscriptions.unsubscribe(removed.snsSubscriptions);
  }
  if (removed) deps.log.info('subscriber removed', { subscriberId: id, channel: channelOf(removed) });
  return removed;
}

/** A subscriber as listed: the webhook secret never leaves the store. */
export function publicView(s: StoredSubscriber): Omit<StoredSubscriber, 'secret'> & { secret?: string } {
  const { secret, ...rest } = s;
  return secret ? { ...rest, secret: '(set)' } : rest;
}

export interface TestDeps {
  /** The topic (SNS on AWS, the outbox locally) for email and SMS. */
  topic: AlertPublisher;
  channels: Omit<ChannelDeliveryDeps, 'subscribers'>;
  now?: () => Date;
}

/** Sends a test alert through the subscriber's real channel; says what happened. */
export async function sendTestAlert(
  deps: TestDeps,
  subscriber: StoredSubscriber | Subscriber,
): Promise<{ ok: boolean; detail: string }> {
  const now = deps.now?.() ?? new Date();
  const { alertId, message } = testAlert(subscriber, now);
  const channel = channelOf(subscriber);
  if (isSnsChannel(channel)) {
    const { messageId } = await deps.topic.publish(message);
    return {
      ok: true,
      detail: `published to the topic as ${messageId}; its ${channel} subscription delivers it${channel === 'email' ? ' once the address has confirmed' : ''}`,
    };
  }
  const stored = { createdAt: now.toISOString(), ...subscriber } as StoredSubscriber;
  const { outcomes } = await deliverToChannels({ ...deps.channels, subscribers: [stored] }, alertId, message);
  const o = outcomes[0];
  if (!o)
    return {
      ok: false,
      detail: 'the test alert did not match the subscriber filter (a bug: please report it)',
    };
  return o.outcome === 'delivered'
    ? { ok: true, detail: `${channel}: ${o.receipt}` }
    : { ok: false, detail: `${channel} ${o.outcome}: ${o.error}` };
}
