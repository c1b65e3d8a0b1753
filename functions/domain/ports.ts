/**
 * What the domain needs from the outside world. Adapters (DynamoDB, SQS, SNS, the local outbox)
 * implement these; the domain never sees an AWS client.
 */
import type { AlertMessage } from './alerts/alert-message';
import type { SubscriberPolicy } from './alerts/filter-policy';
import type { StoredSubscriber, Subscriber } from './alerts/subscribers';
import type { FeedEntry, SourceHealth, StoredItem } from './model';

// The message shape lives with the alerts that build it; re-exported here for the adapters that carry it.
export type { AlertCard, AlertMessage } from './alerts/alert-message';

export interface AlertRecord {
  alertId: string;
  itemId: string;
  storyId: string;
  /**
   * pending → sending (claimed, with a lease) → sent; or suppressed when a later copy of a story has
   * nobody left to tell. A `sending` alert whose lease ran out is claimable again.
   */
  status: 'pending' | 'sending' | 'sent' | 'suppressed';
  createdAt: string;
  sentAt?: string;
  messageId?: string;
  message: AlertMessage;
  /** `instant` (one item; a later copy of a story is narrowed to its new audience) or a ready `digest`. */
  type?: 'instant' | 'digest';
  /** The item's place in its story (1 = first copy); absent on digests. */
  storySeq?: number;
  /** Publish attempts so far (claims). */
  attempts?: number;
  leaseUntil?: string;
  claimToken?: string;
}

/** One copy of a story: enough to decide who has already been told, and to list it. */
export interface StoryMember {
  storyId: string;
  itemId: string;
  seq: number;
  sourceId: string;
  language: string;
  title: string;
  url: string;
  publishedAt: string;
  joinedAt: string;
  /** The copy's English gist (classification/gist.ts); absent on members recorded before gists existed. */
  gist?: string;
  /** The instant alert's routing attributes for this copy (without delivery/audience). */
  attributes: AlertMessage['attributes'];
}

/** A story key (title fingerprint band or event signature) and the story it points at. */
export interface StoryKeyRecord {
  key: string;
  storyId: string;
  /** MinHash signature of the claimant's text, to verify a near-duplicate candidate. */
  signature?: number[];
  language?: string;
}

/** Story grouping: key records looked up by exact key (no Scan), members per story, a per-day digest index. */
export interface StoryStore {
  getStoryKeys(keys: string[]): Promise<StoryKeyRecord[]>;
  /** Conditional create; returns the record that holds the key afterwards (ours or the earlier one). */
  claimStoryKey(record: StoryKeyRecord): Promise<StoryKeyRecord>;
  /** Unconditional (re-points a key this item claimed before it learnt of an earlier story). */
  putStoryKey(record: StoryKeyRecord): Promise<void>;
  /** Adds the member if absent (taking the next sequence number) and returns the stored member. */
  joinStory(member: Omit<StoryMember, 'seq'>): Promise<StoryMember>;
  listStoryMembers(storyId: string): Promise<StoryMember[]>;
  /** Members that joined on a local (Asia/Almaty) day, yyyy-mm-dd. */
  listMembersOfDay(day: string): Promise<StoryMember[]>;
}

export interface ItemQuery {
  category?: string;
  topic?: string;
  source?: string;
  lang?: string;
  since?: string;
  until?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface ItemSummary {
  itemId: string;
  sourceId: string;
  url: string;
  language: string;
  title: string;
  publishedAt: string;
  categories: string[];
  topics: string[];
  people: string[];
  storyId: string;
  /** The item's English gist (classification/gist.ts); absent on listing entries written before it existed. */
  gist?: string;
}

export interface ItemPage {
  items: ItemSummary[];
  cursor?: string;
  consumedCapacity?: number;
  /** Listing entries the page read (DynamoDB ScannedCount), to show a page reads about what it returns. */
  evaluated?: number;
  /** DynamoDB Query calls the page took. */
  queries?: number;
}

/** Items, listings and source state. */
/**
 * An entry whose processing failed in a local cycle, kept to be tried again next cycle: the local
 * stand-in for SQS redelivery, with the same limit before it counts as a dead letter.
 */
export interface Redelivery {
  entry: FeedEntry;
  attempts: number;
  lastError: string;
  lastAttemptAt: string;
  deadLetter: boolean;
}

export interface ItemStore {
  listRedeliveries(): Promise<Redelivery[]>;
  saveRedelivery(redelivery: Redelivery): Promise<void>;
  clearRedelivery(itemId: string): Promise<void>;
  getSourceStates(sourceIds: string[]): Promise<Map<string, SourceHealth>>;
  putSourceState(state: SourceHealth): Promise<void>;
  listSourceStates(): Promise<SourceHealth[]>;
  /** The ids among these that the store has never seen (or whose seen mark has expired). */
  findUnseen(itemIds: string[], now: Date): Promise<Set<string>>;
  /** Conditional: a second save of the same item changes nothing and says `exists`. */
  saveRelevantItem(item: StoredItem): Promise<'created' | 'exists'>;
  saveSeenMark(itemId: string, sourceId: string, now: Date): Promise<'created' | 'exists'>;
  getItem(itemId: string): Promise<StoredItem | null>;
  queryItems(query: ItemQuery): Promise<ItemPage>;
}

/** Alert records: pending until the publisher accepted them, then sent. */
export interface AlertStore {
  recordPendingAlert(alert: AlertRecord): Promise<'created' | 'exists'>;
  /** Pending alerts created before the time, and `sending` ones whose lease ran out. */
  listPendingAlerts(createdBefore: Date): Promise<AlertRecord[]>;
  /**
   * Conditional pending→sending (or expired sending→sending): the caller owns the alert until the lease
   * ends. Null when another sweep holds it or it is already sent.
   */
  claimAlert(alertId: string, token: string, now: Date, leaseMs: number): Promise<AlertRecord | null>;
  /** Back to pending after a publish the publisher rejected (only if the caller still holds it). */
  releaseAlert(alertId: string, token: string): Promise<void>;
  /** →sent, and out of the pending index; marking an alert that is already sent changes nothing. */
  markAlertSent(alertId: string, messageId: string, sentAt: Date): Promise<void>;
  /** A later copy whose every matching subscriber was already told: final, never published. */
  markAlertSuppressed(alertId: string, token: string, at: Date): Promise<void>;
  getAlert(alertId: string): Promise<AlertRecord | null>;
}

export type MonitorStore = ItemStore & AlertStore & StoryStore;

export interface ItemQueue {
  send(entries: FeedEntry[]): Promise<void>;
}

export interface AlertPublisher {
  publish(message: AlertMessage): Promise<{ messageId: string }>;
  /**
   * The subscribers this publisher routes to (ids and filter policies, no addresses): the sweep needs
   * them to narrow a later copy of a story to the subscribers the earlier copies did not reach.
   */
  readonly subscribers?: readonly SubscriberPolicy[];
}

/** Subscribers as data, in the monitor's table. */
export interface SubscriberStore {
  /** Conditional: `exists` when the id is taken (nothing is changed). */
  addSubscriber(subscriber: StoredSubscriber): Promise<'created' | 'exists'>;
  getSubscriber(id: string): Promise<StoredSubscriber | null>;
  listSubscribers(): Promise<StoredSubscriber[]>;
  /** The removed record, or null when there was none. */
  removeSubscriber(id: string): Promise<StoredSubscriber | null>;
}

/**
 * One alert to one Telegram or webhook subscriber: claimed before sending (so two workers never post
 * it at once and a delivered one is never posted again), then delivered, or released with the error,
 * or dead-lettered after too many attempts.
 */
export interface DeliveryRecord {
  alertId: string;
  subscriberId: string;
  status: 'sending' | 'delivered' | 'failed' | 'dead';
  attempts: number;
  leaseUntil?: string;
  claimToken?: string;
  lastError?: string;
  deliveredAt?: string;
  /** What the channel answered: a Telegram message id, a webhook status. */
  receipt?: string;
}

export interface DeliveryLedger {
  /** The claimed record, or the existing one when it is delivered, dead or held by someone else. */
  claimDelivery(
    alertId: string,
    subscriberId: string,
    token: string,
    now: Date,
    leaseMs: number,
  ): Promise<{ claimed: boolean; record: DeliveryRecord }>;
  markDelivered(alertId: string, subscriberId: string, receipt: string, at: Date): Promise<void>;
  /** Back to `failed` (claimable again), or `dead` when no further attempt should be made. */
  releaseDelivery(
    alertId: string,
    subscriberId: string,
    token: string,
    error: string,
    dead: boolean,
  ): Promise<void>;
  listDeliveries(alertId: string): Promise<DeliveryRecord[]>;
  /**
   * Alerts with channel deliveries left to retry: the local stand-in for the delivery queue's
   * redelivery (on AWS, SQS redelivers the message).
   */
  queueChannelRetry(alertId: string, message: AlertMessage): Promise<void>;
  listChannelRetries(): Promise<{ alertId: string; message: AlertMessage }[]>;
  clearChannelRetry(alertId: string): Promise<void>;
}

/** Monthly SMS counts per subscriber. */
export interface SmsQuota {
  /**
   * Counts one SMS of this alert against the subscriber's month unless the cap is reached; counting
   * the same alert again changes nothing and is allowed.
   */
  takeSms(subscriberId: string, month: string, alertId: string, cap: number): Promise<boolean>;
  /** Counts an alert held back by the cap; `queued` when it waits for the subscriber's digest email. */
  recordOverCap(subscriberId: string, month: string, held: HeldAlert): Promise<void>;
  /** Alerts held back for a subscriber's digest, recorded on the Almaty day given. */
  listHeldAlerts(subscriberId: string, day: string): Promise<HeldAlert[]>;
  getSmsCount(
    subscriberId: string,
    month: string,
  ): Promise<{ sent: number; overCap: number; skipped: number }>;
}

/** An alert the SMS cap held back: what the subscriber's digest email lists. */
export interface HeldAlert {
  alertId: string;
  heldAt: string;
  /** Goes into the next digest by email, or was skipped (no digest email given). */
  outcome: 'queued' | 'skipped';
  member: StoryMember;
}

/**
 * SNS subscriptions of email and SMS subscribers, each with its filter policy: made when a subscriber
 * is added (an email address confirms as SNS asks), deleted when it is removed.
 */
export interface SubscriptionManager {
  /** The subscription ARNs made (pending confirmation ones included). */
  subscribe(subscriber: Subscriber): Promise<string[]>;
  unsubscribe(subscriptionArns: string[]): Promise<void>;
  /** Whether each subscription is confirmed (an email address must click SNS's link first). */
  pendingConfirmation?(subscriptionArns: string[]): Promise<boolean>;
}

/** The Bot API, as the delivery needs it; failures are DeliveryErrors (retryable or not). */
export interface TelegramTransport {
  sendMessage(body: {
    chat_id: number | string;
    text: string;
    parse_mode: 'HTML';
    link_preview_options?: { is_disabled: boolean };
  }): Promise<{ messageId: string }>;
}

/** POSTs to a subscriber's webhook under the fetcher's address rules; failures are DeliveryErrors. */
export interface WebhookTransport {
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>;
}

/** Structured logging, satisfied by the Powertools Logger and by the CLI's console logger. */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
  debug?(message: string, ...extra: Record<string, unknown>[]): void;
}
