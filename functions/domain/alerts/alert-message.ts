/**
 * The alert as published: what every channel receives. It sits apart from ports.ts because both the
 * ports (which carry it) and the filter policy (which matches its attributes) need it, and neither
 * may import the other's module to get it.
 */
export interface AlertMessage {
  /** Plain-text forms, as published with MessageStructure "json". */
  default: string;
  email: string;
  emailSubject: string;
  sms: string;
  /** SNS message attributes that subscription filter policies match on. */
  attributes: Record<string, string | string[] | number>;
  /** The alert's facts for channels that format their own message (Telegram, webhooks). */
  card?: AlertCard;
}

/** What a Telegram message or a webhook payload says about an item. */
export interface AlertCard {
  title: string;
  url: string;
  sourceId: string;
  language: string;
  publishedAt: string;
  categories: string[];
  topics: string[];
  people: string[];
  /** A one-line summary, when the classifier gave one. */
  gist?: string;
  /** A later copy of a story, sent because no earlier copy matched this subscriber. */
  laterCopy?: boolean;
}
