/**
 * The document the rules read: title and body as sentences (the title first), folded once, with every
 * lexicon's candidate positions found in one pass; and the hits of a lexicon, sentence by sentence.
 */
import { foldText, lowerSameLength } from './fold';
import { CURRENCY_RE, LEX } from './lexicons';
import type { Scan } from './matcher';
import { splitSentences } from './sentences';

export interface Doc {
  /** Original sentences; index 0 is the title when there is one. */
  sentences: string[];
  /** Folded sentences joined by "\n"; starts[i] is the offset of sentence i. */
  folded: string;
  /** `folded` lower-cased, same offsets. */
  lower: string;
  starts: number[];
  hasTitle: boolean;
  /** Candidate positions of every lexicon, found in one pass over `lower` and `folded`. */
  scan: Scan;
}

export function buildDoc(title: string | null, body: string): Doc {
  const sentences: string[] = [];
  const hasTitle = !!title && title.trim().length > 0;
  if (hasTitle) sentences.push(title!.replace(/\s+/g, ' ').trim());
  sentences.push(...splitSentences(body));
  // fold() changes no line break and works within a line, so the joined sentences fold at once
  let folded = sentences.length > 0 ? foldText(`${sentences.join('\n')}\n`) : '';
  const starts: number[] = sentences.length > 0 ? [0] : [];
  for (let i = folded.indexOf('\n'); i >= 0 && i < folded.length - 1; i = folded.indexOf('\n', i + 1))
    starts.push(i + 1);
  // Currency units are not the US as an actor: blank them, keeping offsets.
  let lower = lowerSameLength(folded);
  CURRENCY_RE.lastIndex = 0;
  if (CURRENCY_RE.test(lower)) {
    const ranges: Array<[number, number]> = [];
    lower = lower.replace(CURRENCY_RE, (m, offset: number) => {
      ranges.push([offset, offset + m.length]);
      return ' '.repeat(m.length);
    });
    let out = '';
    let at = 0;
    for (const [from, to] of ranges) {
      out += folded.slice(at, from) + ' '.repeat(to - from);
      at = to;
    }
    folded = out + folded.slice(at);
  }
  return { sentences, folded, lower, starts, hasTitle, scan: LEX.scan(lower, folded) };
}

export function sentenceOf(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Hit {
  s: number;
  start: number;
  end: number;
  /** Which pattern of the lexicon matched. */
  group: number;
}

/** The matches of lexicon `id` over the whole text. */
export function hits(doc: Doc, id: number): Hit[] {
  return doc.scan
    .matches(id)
    .map((m) => ({ s: sentenceOf(doc, m.start), start: m.start, end: m.end, group: m.pattern }));
}

/** Like hits(), but only inside the given sentences, each matched on its own. */
export function hitsIn(doc: Doc, id: number, sentences: Set<number>): Hit[] {
  const order = [...sentences].sort((a, b) => a - b);
  const ranges = order.map((s): [number, number] => [
    doc.starts[s],
    s + 1 < doc.starts.length ? doc.starts[s + 1] : doc.lower.length,
  ]);
  const out: Hit[] = [];
  let k = 0;
  for (const m of doc.scan.matches(id, ranges)) {
    while (ranges[k][1] <= m.start) k++;
    out.push({ s: order[k], start: m.start, end: m.end, group: m.pattern });
  }
  return out;
}

/** The unbounded regex scan, sentence by sentence, for the one rule kept as a regex. */
export function regexHitsIn(doc: Doc, re: RegExp, sentences: Set<number>): Hit[] {
  const out: Hit[] = [];
  const text = doc.lower;
  for (const s of [...sentences].sort((a, b) => a - b)) {
    const from = doc.starts[s];
    const to = s + 1 < doc.starts.length ? doc.starts[s + 1] : text.length;
    const slice = text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ s, start: from + m.index, end: from + m.index + m[0].length, group: -1 });
    }
  }
  return out;
}

export function bySentence(list: Hit[]): Map<number, Hit[]> {
  const map = new Map<number, Hit[]>();
  for (const h of list) {
    const arr = map.get(h.s);
    if (arr) arr.push(h);
    else map.set(h.s, [h]);
  }
  return map;
}
