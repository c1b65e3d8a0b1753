/**
 * The real-text corpus of issue 14: the committed index (addresses, labels, openings) and the
 * gitignored cache of texts. Read by `npm run eval:real` and by the corpus test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CATEGORIES,
  type Category,
  LANGUAGES,
  type Language,
  TOPICS,
  type Topic,
} from '../functions/domain/model';

export const CORPUS_PATH = path.resolve(__dirname, '../test/fixtures/classification/real/corpus.jsonl');
export const CACHE_PATH = path.resolve(__dirname, '../.cache/real-corpus/texts.jsonl');
/** Committed openings stay this short: an address and a few words, never the publisher's text. */
export const MAX_OPENING_WORDS = 8;

export type Split = 'dev' | 'heldout';

export interface RealItem {
  id: string;
  url: string;
  language: Language;
  script?: 'cyrl' | 'latn';
  source: string;
  split: Split;
  expected: { categories: Category[]; topics: Topic[] };
  officials: string[];
  /** The kind of hard negative (`kz-china`, `ca-format`, `currency`…), null for the others. */
  hardNegative: string | null;
  note: string;
  opening: string;
  /** Set when a rule change fixed this held-out item's miss and it moved to development. */
  movedFrom?: Split;
  moveNote?: string;
  /**
   * The round of rule work an item was added in (absent: the first corpus). Items added later were
   * read while rules were being written, so they join development, never held-out.
   */
  addedRound?: number;
}

export interface CachedText {
  url: string;
  title: string | null;
  body: string;
  /** Where the text came from: a stored copy, or the live page fetched on a given date. */
  origin: string;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Why a corpus line is not a valid item, or null when it is. */
export function itemProblem(v: Record<string, unknown>): string | null {
  const exp = v.expected as { categories?: unknown; topics?: unknown } | undefined;
  if (typeof v.id !== 'string' || typeof v.url !== 'string' || !/^https?:\/\//.test(v.url))
    return 'id and an http(s) url are required';
  if (!LANGUAGES.includes(v.language as Language)) return `language must be one of ${LANGUAGES.join(', ')}`;
  if (v.split !== 'dev' && v.split !== 'heldout') return 'split must be dev or heldout';
  if (!exp || !isStringArray(exp.categories) || !isStringArray(exp.topics))
    return 'expected.categories and expected.topics must be lists';
  if (!exp.categories.every((c) => CATEGORIES.includes(c as Category)))
    return `unknown category in ${exp.categories}`;
  if (!exp.topics.every((t) => TOPICS.includes(t as Topic))) return `unknown topic in ${exp.topics}`;
  if (exp.categories.length === 0 && exp.topics.length > 0) return 'an item with no category has no topics';
  if (!isStringArray(v.officials) || typeof v.note !== 'string' || typeof v.opening !== 'string')
    return 'officials, note and opening are required';
  if (v.opening.split(/\s+/).length > MAX_OPENING_WORDS)
    return `opening longer than ${MAX_OPENING_WORDS} words`;
  if (v.hardNegative !== null && typeof v.hardNegative !== 'string')
    return 'hardNegative must be a kind or null';
  if (v.hardNegative && exp.categories.length > 0) return 'a hard negative has no category';
  if (v.addedRound !== undefined) {
    if (!Number.isInteger(v.addedRound) || (v.addedRound as number) < 2)
      return 'addedRound must be a round number of 2 or more';
    if (v.split !== 'dev') return 'an item added in a later round was seen while writing rules: split dev';
  }
  return null;
}

/** The corpus index; a bad line is an error naming its line number. */
export function loadRealCorpus(file = CORPUS_PATH): RealItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: RealItem[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const problem = itemProblem(v);
    if (problem) throw new Error(`${file}:${i + 1}: ${problem}`);
    items.push(v as unknown as RealItem);
  });
  return items;
}

/** Cached texts by address; an absent cache is empty, a bad line is skipped with a warning. */
export function loadCache(file = CACHE_PATH): Map<string, CachedText> {
  const out = new Map<string, CachedText>();
  if (!existsSync(file)) return out;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const t = JSON.parse(line) as CachedText;
        if (typeof t.url === 'string' && typeof t.body === 'string') out.set(t.url, t);
        else console.warn(`${file}:${i + 1}: no url or body, skipped`);
      } catch {
        console.warn(`${file}:${i + 1}: not JSON, skipped (rebuild with npm run eval:real -- --fetch)`);
      }
    });
  return out;
}
