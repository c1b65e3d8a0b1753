/**
 * The shared vocabulary of the monitor. Every module speaks in these types; nothing here knows AWS.
 */

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATEGORIES = ['kz-us', 'c5plus1'] as const;
export type Category = (typeof CATEGORIES)[number];

export const TOPICS = [
  'trade-investment',
  'energy',
  'security-afghanistan',
  'climate',
  'critical-minerals',
  'humanitarian-aid',
  'governance-reforms',
  'nuclear-nonproliferation',
  'education-culture',
  'visas-consular',
] as const;
export type Topic = (typeof TOPICS)[number];

export const EVENT_TYPES = ['call', 'meeting', 'visit', 'summit', 'agreement', 'statement', 'other'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One item a source listed: enough to decide whether it is new and to fetch it. Also the queue message. */
export interface FeedEntry {
  sourceId: string;
  /** Stable id: hash of the canonical URL. */
  itemId: string;
  /** The address the item was found at (absolute). */
  url: string;
  canonicalUrl: string;
  language: Language;
  title: string | null;
  /** ISO instant, a hint from the feed; the article page's own time wins. */
  publishedAt?: string | null;
  summary?: string | null;
  /** Sources whose API returns the body (gov.kz) carry it here, so no page fetch is needed. */
  bodyHtml?: string | null;
  /** Found by `kzmon backfill`: stored and queryable, but no alert is recorded for it. */
  backfill?: boolean;
}

/** What extraction reads off an article page or an API body. */
export interface ExtractedArticle {
  title: string | null;
  /** ISO 8601 instant (UTC) */
  publishedAt: string | null;
  author: string | null;
  language: Language | null;
  lead: string | null;
  paragraphs: string[];
  canonicalUrl: string | null;
  tags: string[];
}

export interface Evidence {
  /** A category (`kz-us`, `c5plus1`), `topic:<topic>`, `person:<name>` or `event:<type>`. */
  label: string;
  text: string;
  weight: number;
}

export interface Classification {
  relevant: boolean;
  categories: Category[];
  scores: Record<Category, number>;
  topics: Topic[];
  people: string[];
  eventType: EventType;
  language: Language;
  evidence: Evidence[];
}

export interface ClassifierInput {
  title: string | null;
  body: string;
  language?: Language;
  url?: string;
}

/** A relevant item as stored and as the query API returns it. */
export interface StoredItem {
  itemId: string;
  sourceId: string;
  url: string;
  canonicalUrl: string;
  language: Language;
  title: string;
  lead: string | null;
  /** Paragraphs joined by blank lines, bounded in length. */
  body: string;
  author: string | null;
  publishedAt: string;
  fetchedAt: string;
  classification: Classification;
  storyId: string;
  /**
   * One English sentence (at most 200 characters) of what the classifier found: event, officials,
   * relationship or format, Astana date (classification/gist.ts). Set on every item the monitor stores;
   * records stored before it existed lack it (itemGist() then builds it from the classification).
   */
  gist?: string;
}

export type SourceKind = 'rss' | 'kazinform-list' | 'sitemap' | 'govkz-news';

export interface SourceHealth {
  sourceId: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  itemsLastSeen?: number;
  /** Conditional-GET validators of the last successful fetch. */
  etag?: string;
  lastModified?: string;
  /** The address the validators belong to (a feed, or the list page read when the feed failed). */
  validatorUrl?: string;
  /** How the last successful read went when it was not the plain way, e.g. the feed failed and the list page was read. */
  note?: string;
  /** The discovery path that last yielded articles, e.g. `list https://www.inform.kz/ru/lenta` or `gov.kz v1 ticket`. */
  pathUsed?: string;
  /** Set while the source answers with a challenge page instead of content ("blocked by a Cloudflare challenge"). */
  blockedBy?: 'cloudflare' | 'gov.kz';
  blockedSince?: string;
  /** Cycles in a row that met the challenge; the wait before the next try doubles with each. */
  blockedStreak?: number;
  /** A blocked source is not read again before this instant, so the monitor does not hammer the challenge. */
  nextAttemptAfter?: string;
}
