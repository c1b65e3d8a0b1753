/** Token-level recall and precision of extracted text against a page's known body. */
import type { ExtractedArticle } from '../../functions/domain/model';

export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function counts(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

export interface Overlap {
  /** Share of the known body's tokens found in the extracted text (multiset). */
  recall: number;
  /** Share of the extracted tokens that belong to the known body (1 − noise). */
  precision: number;
}

export function overlap(known: string, extracted: string): Overlap {
  const k = counts(tokens(known));
  const e = counts(tokens(extracted));
  let hit = 0;
  let kTotal = 0;
  let eTotal = 0;
  for (const [w, n] of k) {
    kTotal += n;
    hit += Math.min(n, e.get(w) ?? 0);
  }
  for (const n of e.values()) eTotal += n;
  return { recall: kTotal === 0 ? 1 : hit / kTotal, precision: eTotal === 0 ? 0 : hit / eTotal };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** What the monitor stores and classifies: the lead, then every paragraph, nothing taken out. */
export function storedText(a: ExtractedArticle): string {
  return [a.lead, ...a.paragraphs].filter(Boolean).join('\n');
}

/** True when the lead and the body's first paragraph say the same thing (the lead stored twice). */
export function leadRepeatsBody(a: ExtractedArticle): boolean {
  const first = a.paragraphs[0];
  if (!a.lead || !first) return false;
  const lead = tokens(a.lead).join(' ');
  const head = tokens(first).join(' ');
  return lead.length > 0 && (head.startsWith(lead) || lead.startsWith(head));
}
