/**
 * What the domain needs from the outside world. Adapters (DynamoDB, SQS, SNS, the local outbox)
 * implement these; the domain never sees an AWS client.
 */
import type { FeedEntry, SourceHealth, StoredItem } from './model';

export interface AlertMessage {
  /** Plain-text forms, as published with MessageStructure "json". */
  default: string;
  email: string;
  emailSubject: string;
  sms: string;
  /** SNS message attributes that subscription filter policies match on. */
  attributes: Record<string, string | string[] | number>;
}

export interface AlertRecord {
  alertId: string;
  itemId: string;
  storyId: string;
  status: 'pending' | 'sent';
  createdAt: string;
  sentAt?: string;
  messageId?: string;
  message: AlertMessage;
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
}

export interface ItemPage {
  items: ItemSummary[];
  cursor?: string;
  consumedCapacity?: number;
}

/** Items, listings and source state. */
export interface ItemStore {
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
  listPendingAlerts(createdBefore: Date): Promise<AlertRecord[]>;
  markAlertSent(alertId: string, messageId: string, sentAt: Date): Promise<void>;
}

export type MonitorStore = ItemStore & AlertStore;

export interface ItemQueue {
  send(entries: FeedEntry[]): Promise<void>;
}

export interface AlertPublisher {
  publish(message: AlertMessage): Promise<{ messageId: string }>;
}

/** Structured logging, satisfied by the Powertools Logger and by the CLI's console logger. */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
  debug?(message: string, ...extra: Record<string, unknown>[]): void;
}
