/**
 * Matches many lexicons (lists of regular-expression sources) against one text in a single pass.
 *
 * Each lexicon behaves exactly like the one regex `(?:p1|p2|...)(?![\p{L}\p{N}])` (flags `gu`) scanned
 * over the text, with a match kept only where it is not preceded by a letter or digit: the same matches,
 * in the same order, and for each the index of the pattern that matched. It gets there without running
 * that large alternation, which costs more than extracting the page (issue 9):
 *  - every pattern's literal prefixes (`блинкен` of `блинкен\p{L}*`, `u`/`american`/`united states` of
 *    `(?:U\.?S\.?|American|United States) ambassador`) go into one character trie, built once, on first use;
 *  - one walk over the text from every position not preceded by a letter or digit collects, per lexicon,
 *    the positions where some pattern's prefix occurs — a match can start nowhere else;
 *  - only there is the pattern itself tried, in pattern order, as a small sticky regex compiled on first
 *    need — or, for the common shapes `literal` and `literal\p{L}*`, by a few character tests.
 * A lexicon with a pattern that has no literal prefix falls back to the plain regex scan.
 */
import { codePointAt, kindOf, wordUnit } from './characters';
import { literalPrefixes, requiredLiteral } from './regex-literals';
import { newNode, PAT_BITS, type Trie, toTrie, walk } from './trie';

export { literalPrefixes, requiredLiteral } from './regex-literals';

const B_END = '(?![\\p{L}\\p{N}])';

const LITERAL = /^[^\\^$.|?*+()[\]{}]*$/;
const STEM_SUFFIX = '\\p{L}*';

/** How one pattern is tried at a candidate position: by characters (literal, stem) or by its regex. */
interface Pattern {
  source: string;
  /** `literal` or the stem of `stem\p{L}*`; null for other shapes. */
  literal: string | null;
  stem: boolean;
  sticky: RegExp | null;
  /** A literal every match contains (regex shapes only): where the text lacks it, no candidate is tried. */
  required: string | null;
  /** The text `required` was last looked up in, and whether it was there. */
  gateText: string | null;
  gatePassed: boolean;
}

interface Lexicon {
  patterns: Pattern[];
  caseSensitive: boolean;
  /** The whole lexicon as one regex, for lexicons that cannot be prefiltered. */
  fallback: RegExp | null;
}

/** A match: where it starts and ends in the text, and which pattern of the lexicon it was. */
export interface RawMatch {
  start: number;
  end: number;
  pattern: number;
}

function matchPattern(p: Pattern, text: string, at: number): number {
  if (p.literal !== null) {
    let j = at + p.literal.length;
    if (p.stem) {
      while (j < text.length) {
        const cp = codePointAt(text, j);
        if (kindOf(cp) !== 1) break;
        j += cp > 0xffff ? 2 : 1;
      }
    }
    // the end boundary; after a stem only a digit can still fail it, and no shorter stem helps then
    if (j < text.length && kindOf(codePointAt(text, j)) !== 3) return -1;
    return j;
  }
  p.sticky ??= new RegExp(`(?:${p.source})${B_END}`, 'uy');
  p.sticky.lastIndex = at;
  const m = p.sticky.exec(text);
  return m ? at + m[0].length : -1;
}

/**
 * A set of lexicons matched together. Add every lexicon first (`add` returns its id); the trie is built
 * on the first `scan`.
 */
export class LexiconSet {
  private readonly lexicons: Lexicon[] = [];
  private tries: { lower: Trie; cased: Trie } | null = null;

  /** `sources` are ready regex sources (folded; lower-cased unless `caseSensitive`). */
  add(sources: readonly string[], caseSensitive = false): number {
    if (sources.length >= PAT_BITS) throw new Error('a lexicon holds at most 4095 patterns');
    const patterns = sources.map((source): Pattern => {
      const p: Pattern = {
        source,
        literal: null,
        stem: false,
        sticky: null,
        required: null,
        gateText: null,
        gatePassed: false,
      };
      if (LITERAL.test(source)) p.literal = source;
      else if (source.endsWith(STEM_SUFFIX) && LITERAL.test(source.slice(0, -STEM_SUFFIX.length))) {
        p.literal = source.slice(0, -STEM_SUFFIX.length);
        p.stem = true;
      } else p.required = requiredLiteral(source);
      return p;
    });
    this.lexicons.push({ patterns, caseSensitive, fallback: null });
    this.tries = null;
    return this.lexicons.length - 1;
  }

  private build(): { lower: Trie; cased: Trie } {
    const lower = newNode();
    const cased = newNode();
    this.lexicons.forEach((lex, id) => {
      const all = lex.patterns.map((p) =>
        p.literal !== null && p.literal.length > 0 ? [p.literal] : literalPrefixes(p.source),
      );
      if (all.some((x) => x === null)) {
        lex.fallback = new RegExp(`(?:${lex.patterns.map((p) => p.source).join('|')})${B_END}`, 'gu');
        return;
      }
      all.forEach((prefixes, pi) => {
        for (const prefix of prefixes!) {
          let node = lex.caseSensitive ? cased : lower;
          for (let k = 0; k < prefix.length; k++) {
            const c = prefix.charCodeAt(k);
            let child = node.next.get(c);
            if (!child) {
              child = newNode();
              node.next.set(c, child);
            }
            node = child;
          }
          node.out ??= [];
          node.out.push(id * PAT_BITS + pi);
        }
      });
    });
    return { lower: toTrie(lower), cased: toTrie(cased) };
  }

  /**
   * Finds the candidate positions of every lexicon in `lower` (lower-cased text, for case-insensitive
   * lexicons) and `cased` (same offsets, for case-sensitive ones).
   */
  scan(lower: string, cased: string): Scan {
    this.tries ??= this.build();
    const cands: number[][] = this.lexicons.map(() => []);
    walk(lower, cased, this.tries.lower, this.tries.cased, cands);
    return new Scan(this.lexicons, cands, lower, cased);
  }
}

/** The candidates of one text; `matches` confirms them for one lexicon. */
export class Scan {
  constructor(
    private readonly lexicons: Lexicon[],
    private readonly cands: number[][],
    private readonly lower: string,
    private readonly cased: string,
  ) {}

  /**
   * The matches of lexicon `id`, in text order. With `within` (sorted, disjoint [from, to) ranges,
   * one per sentence), each range is matched on its own, as if it were the whole text.
   */
  matches(id: number, within?: Array<[number, number]>): RawMatch[] {
    const lex = this.lexicons[id];
    const text = lex.caseSensitive ? this.cased : this.lower;
    if (lex.fallback) return fallbackMatches(lex, text, within);
    const cand = this.cands[id];
    // group the candidates of a position and sort their patterns: the alternation tries them in order
    if (!within) return confirm(lex, text, cand, 0, cand.length, 0, text.length);
    const out: RawMatch[] = [];
    let i = 0;
    for (const [from, to] of within) {
      while (i < cand.length && cand[i] / PAT_BITS < from) i++;
      let j = i;
      while (j < cand.length && cand[j] / PAT_BITS < to) j++;
      if (j > i) out.push(...confirm(lex, text, cand, i, j, from, to));
      i = j;
    }
    return out;
  }
}

function confirm(
  lex: Lexicon,
  text: string,
  cand: number[],
  i0: number,
  i1: number,
  from: number,
  to: number,
): RawMatch[] {
  const out: RawMatch[] = [];
  // a range narrower than the text is matched as its own string (look-arounds stop at its edges)
  let slice: string | null = from === 0 && to === text.length ? text : null;
  let lastEnd = from;
  let pats: number[] = [];
  for (let i = i0; i < i1; ) {
    const pos = Math.floor(cand[i] / PAT_BITS);
    let j = i;
    pats = [];
    while (j < i1 && Math.floor(cand[j] / PAT_BITS) === pos) pats.push(cand[j++] % PAT_BITS);
    i = j;
    if (pos < lastEnd) continue;
    if (pats.length > 1) pats.sort((a, b) => a - b);
    for (let k = 0; k < pats.length; k++) {
      if (k > 0 && pats[k] === pats[k - 1]) continue;
      const p = lex.patterns[pats[k]];
      let end: number;
      if (p.literal !== null) {
        // literal and stem shapes stop at the sentence's closing "\n", so the whole text serves
        end = matchPattern(p, text, pos);
      } else if (p.required !== null && !gate(p, text)) {
        end = -1;
      } else {
        slice ??= text.slice(from, to);
        const e = matchPattern(p, slice, pos - from);
        end = e < 0 ? -1 : e + from;
      }
      if (end < 0) continue;
      if (end > pos) {
        out.push({ start: pos, end, pattern: pats[k] });
        lastEnd = end;
      }
      break;
    }
  }
  return out;
}

function gate(p: Pattern, text: string): boolean {
  if (p.gateText !== text) {
    p.gateText = text;
    p.gatePassed = text.includes(p.required!);
  }
  return p.gatePassed;
}

function fallbackMatches(lex: Lexicon, text: string, within?: Array<[number, number]>): RawMatch[] {
  const re = lex.fallback!;
  const out: RawMatch[] = [];
  for (const [from, to] of within ?? [[0, text.length]]) {
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0 || (m.index > 0 && wordUnit(slice.charCodeAt(m.index - 1)))) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({
        start: from + m.index,
        end: from + m.index + m[0].length,
        pattern: patternAt(lex, slice, m.index),
      });
    }
  }
  return out;
}

/**
 * Which pattern the alternation took at `at`: the first, in order, that matches there. Callers weigh a
 * match by its pattern (topic weights), so a fallback scan must name it as the trie path does.
 */
function patternAt(lex: Lexicon, text: string, at: number): number {
  for (let i = 0; i < lex.patterns.length; i++) if (matchPattern(lex.patterns[i], text, at) >= 0) return i;
  throw new Error(`no pattern of the lexicon matches at ${at}: the fallback scan and the patterns disagree`);
}
