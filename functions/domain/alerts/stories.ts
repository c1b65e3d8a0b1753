import { createHash } from 'node:crypto';
import type { StoredItem } from '../model';
import type { StoryKeyRecord, StoryMember, StoryStore } from '../ports';
import { almatyDay } from './local-time';

/**
 * Groups copies of one story without a Scan. Two kinds of exact-lookup keys point at a story:
 *  - FP#<lang>#<band>#<hash>: MinHash LSH bands of the title+lead in one language. A band hit is only a
 *    candidate; it joins when the estimated Jaccard similarity of the signatures is at least
 *    NEAR_DUPLICATE_SIMILARITY.
 *  - EV#<day>#<eventType>#<people>: the same officials, the same kind of event, the same (Almaty) day
 *    ±1. An item holds the keys of its day and the next, so two items at most one day apart always
 *    share a key and two days apart never do; this is what joins copies across languages.
 * Keys are claimed in one global (sorted) order and a claimant stops at its first conflict and joins the
 * holder, so two copies processed at the same time still end in one story.
 */

export const SIGNATURE_SIZE = 32;
export const BAND_ROWS = 2;
export const NEAR_DUPLICATE_SIMILARITY = 0.5;
const SHINGLE = 5;
const TEXT_CHARS = 400;

export interface StoryAssignment {
  storyId: string;
  seq: number;
  matchedBy: 'new' | 'fingerprint' | 'event';
  member: StoryMember;
}

/** Lower-case letters and digits only, single spaces; enough to see through punctuation and case. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function hash32(text: string, seed: number): number {
  // FNV-1a with a seeded offset, then a murmur finaliser to spread the bits.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function shingles(text: string): Set<string> {
  const t = normalizeText(text).slice(0, TEXT_CHARS);
  const out = new Set<string>();
  if (t.length <= SHINGLE) {
    if (t) out.add(t);
    return out;
  }
  for (let i = 0; i + SHINGLE <= t.length; i++) out.add(t.slice(i, i + SHINGLE));
  return out;
}

export function minhash(text: string): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles(text)) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const h = hash32(s, k * 0x9e3779b1);
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

export function signatureSimilarity(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

export function fingerprintKeys(language: string, signature: number[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band * BAND_ROWS < signature.length; band++) {
    const rows = signature.slice(band * BAND_ROWS, (band + 1) * BAND_ROWS);
    keys.push(`FP#${language}#${String(band).padStart(2, '0')}#${rows.map((r) => r.toString(16)).join('.')}`);
  }
  return keys;
}

/**
 * The event signature, or null when it would group unrelated items: an `other` event, no officials, or
 * a `statement` by a single official (one minister makes several statements a day).
 */
export function eventKey(item: Pick<StoredItem, 'classification'>, day: string): string | null {
  const c = item.classification;
  if (c.eventType === 'other' || c.people.length === 0) return null;
  if (c.eventType === 'statement' && c.people.length < 2) return null;
  const people = [...new Set(c.people.map((p) => p.trim().toLowerCase()))].sort().join('|');
  const digest = createHash('sha256').update(people).digest('hex').slice(0, 16);
  return `EV#${day}#${c.eventType}#${digest}`;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function storyText(item: Pick<StoredItem, 'title' | 'lead'>): string {
  return `${item.title} ${item.lead ?? ''}`;
}

/**
 * Finds the story this item belongs to (or starts one) and adds it as a member. Safe to repeat for the
 * same item: its member record and its key claims are found again.
 */
export async function assignStory(
  item: StoredItem,
  attributes: StoryMember['attributes'],
  store: StoryStore,
  now: Date,
): Promise<StoryAssignment> {
  const signature = minhash(storyText(item));
  const fpKeys = fingerprintKeys(item.language, signature);
  const day = almatyDay(item.publishedAt);
  const eventKeys = eventKey(item, day) ? [0, 1].map((d) => eventKey(item, shiftDay(day, d)) as string) : [];

  const hits = await store.getStoryKeys([...fpKeys, ...eventKeys]);
  const found = matchStory(item, signature, hits);
  const { storyId, matchedBy } = await claimStoryKeys(
    item,
    signature,
    [...fpKeys, ...eventKeys].sort(),
    hits,
    found,
    store,
  );

  const member = await store.joinStory({
    storyId,
    itemId: item.itemId,
    sourceId: item.sourceId,
    language: item.language,
    title: item.title,
    url: item.url,
    publishedAt: item.publishedAt,
    joinedAt: now.toISOString(),
    ...(item.gist ? { gist: item.gist } : {}),
    attributes,
  });
  return { storyId: member.storyId, seq: member.seq, matchedBy, member };
}

type StoryMatch = { storyId: string | null; matchedBy: StoryAssignment['matchedBy'] };

/**
 * The story the looked-up keys point to, if any. Our own earlier claims win (a redelivered item finds
 * its story again); then the most similar text; then the event.
 */
function matchStory(item: StoredItem, signature: number[], hits: StoryKeyRecord[]): StoryMatch {
  const own = hits.find((h) => h.storyId === item.itemId);
  if (own) return { storyId: own.storyId, matchedBy: 'new' };
  let storyId: string | null = null;
  let matchedBy: StoryAssignment['matchedBy'] = 'new';
  let best = 0;
  for (const h of hits) {
    if (!h.key.startsWith('FP#') || !h.signature) continue;
    const sim = signatureSimilarity(signature, h.signature);
    if (sim >= NEAR_DUPLICATE_SIMILARITY && sim > best) {
      best = sim;
      storyId = h.storyId;
      matchedBy = 'fingerprint';
    }
  }
  if (!storyId) {
    const ev = hits
      .filter((h) => h.key.startsWith('EV#'))
      .sort((a, b) => a.storyId.localeCompare(b.storyId))[0];
    if (ev) {
      storyId = ev.storyId;
      matchedBy = 'event';
    }
  }
  return { storyId, matchedBy };
}

/**
 * Claims the item's keys for its story. A copy that claimed a key first wins: while the item is still
 * its own story, a real match on a held key makes it join that story, and what it claimed so far is
 * re-pointed there.
 */
async function claimStoryKeys(
  item: StoredItem,
  signature: number[],
  ownKeys: string[],
  hits: StoryKeyRecord[],
  found: StoryMatch,
  store: StoryStore,
): Promise<{ storyId: string; matchedBy: StoryAssignment['matchedBy'] }> {
  let matchedBy = found.matchedBy;
  // A key the lookup found held needs no claim: the conditional put would fail and re-read the same
  // holder (the lookup was a consistent read). Only keys that were free are claimed, conditionally.
  const held = new Map(hits.map((h) => [h.key, h]));
  const claimed: string[] = [];
  let current = found.storyId ?? item.itemId;
  for (const key of ownKeys) {
    const record: StoryKeyRecord = { key, storyId: current, language: item.language };
    if (key.startsWith('FP#')) record.signature = signature;
    const holder = held.get(key) ?? (await store.claimStoryKey(record));
    if (holder.storyId === current) {
      claimed.push(key);
      continue;
    }
    // Someone holds this key. While we are still our own story, a real match (event, or similar text)
    // means a copy got there first: join it and re-point what we claimed so far.
    const real =
      key.startsWith('EV#') ||
      (holder.signature !== undefined &&
        signatureSimilarity(signature, holder.signature) >= NEAR_DUPLICATE_SIMILARITY);
    if (current === item.itemId && real) {
      current = holder.storyId;
      matchedBy = key.startsWith('EV#') ? 'event' : 'fingerprint';
      for (const k of claimed) {
        await store.putStoryKey({
          key: k,
          storyId: current,
          language: item.language,
          ...(k.startsWith('FP#') ? { signature } : {}),
        });
      }
    }
  }
  return { storyId: current, matchedBy };
}
