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

const B_END = '(?![\\p{L}\\p{N}])';
const WORD_CP = /^[\p{L}\p{N}]$/u;
const LETTER_CP = /^\p{L}$/u;

/** Per UTF-16 unit: 1 = letter, 2 = digit (not a letter), 3 = neither; 0 = not computed yet. */
const unitKind = new Uint8Array(65536);
function kindOf(cp: number): number {
  if (cp < 65536) {
    let k = unitKind[cp];
    if (k === 0) {
      const ch = String.fromCharCode(cp);
      k = LETTER_CP.test(ch) ? 1 : WORD_CP.test(ch) ? 2 : 3;
      unitKind[cp] = k;
    }
    return k;
  }
  const ch = String.fromCodePoint(cp);
  return LETTER_CP.test(ch) ? 1 : WORD_CP.test(ch) ? 2 : 3;
}

/** The code point starting at `i` as the `u`-flag regex engine reads it (a pair is one code point). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** True when the unit before `i` is a letter or digit (the start-boundary test of the old scan). */
function wordUnit(c: number): boolean {
  return kindOf(c) !== 3;
}

// ---------------------------------------------------------------------------------------------
// Literal prefixes of a regex source
// ---------------------------------------------------------------------------------------------

const MAX_PREFIXES = 256;

interface Seq {
  prefixes: string[];
  /** Every alternative was literal to its end, so what follows may extend the prefixes. */
  complete: boolean;
  end: number;
}

const LITERAL_ESCAPES = new Set([...'.+*?()[]{}|^$\\/-\'"«»:,#&!=<> ']);

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_PREFIXES) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

/** Index just past the `)` closing the group that opens at `i` (escapes and classes respected). */
function skipGroup(src: string, i: number): number {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const ch = src[k];
    if (ch === '\\') k++;
    else if (ch === '[') k = skipClass(src, k) - 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return k + 1;
  }
  throw new Error(`unbalanced group in rule pattern: ${src}`);
}

function skipClass(src: string, i: number): number {
  for (let k = i + 1; k < src.length; k++) {
    if (src[k] === '\\') k++;
    else if (src[k] === ']' && k > i + 1) return k + 1;
  }
  throw new Error(`unclosed class in rule pattern: ${src}`);
}

/** The characters of a simple class (`[cсbв]`, `[- ]`), or null for ranges, negations, escapes. */
function classChars(body: string): string[] | null {
  if (body.startsWith('^') || body.includes('\\')) return null;
  const chars = [...body];
  for (let k = 1; k < chars.length - 1; k++) if (chars[k] === '-') return null;
  return [...new Set(chars)];
}

/** Reads a quantifier at `i`: its minimum count and the index after it; min -1 when there is none. */
function quantifier(src: string, i: number): { min: number; end: number } {
  const ch = src[i];
  let min = -1;
  let end = i;
  if (ch === '?' || ch === '*') {
    min = 0;
    end = i + 1;
  } else if (ch === '+') {
    min = 1;
    end = i + 1;
  } else if (ch === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(src.slice(i));
    if (m) {
      min = Number(m[1]);
      end = i + m[0].length;
    }
  }
  if (min >= 0 && src[end] === '?') end++; // lazy
  return { min, end };
}

/** Parses alternatives from `i` to the closing `)` (or the end) into their literal prefixes. */
function alternation(src: string, i: number): Seq {
  const prefixes: string[] = [];
  let complete = true;
  let k = i;
  for (;;) {
    const seq = sequence(src, k);
    prefixes.push(...seq.prefixes);
    complete &&= seq.complete;
    k = seq.end;
    if (src[k] === '|') {
      k++;
      continue;
    }
    return { prefixes: [...new Set(prefixes)], complete, end: k };
  }
}

function sequence(src: string, i: number): Seq {
  let cur: string[] = [''];
  let open = true;
  let k = i;
  while (k < src.length && src[k] !== '|' && src[k] !== ')') {
    // one atom: a set of literal strings it can be (null: not literal), and whether it is literal to its end
    let atom: string[] | null = null;
    let atomComplete = true;
    const ch = src[k];
    if (ch === '(') {
      const end = skipGroup(src, k);
      if (/^\(\?<?[=!]/.test(src.slice(k, k + 4))) {
        k = end; // a look-around takes no characters; ignoring it only widens the candidates
        continue;
      }
      const innerStart = src.startsWith('(?:', k) ? k + 3 : src.startsWith('(?<', k) ? src.indexOf('>', k) + 1 : k + 1;
      const inner = alternation(src, innerStart);
      atom = inner.prefixes;
      atomComplete = inner.complete;
      k = end;
    } else if (ch === '[') {
      const end = skipClass(src, k);
      atom = classChars(src.slice(k + 1, end - 1));
      k = end;
    } else if (ch === '\\') {
      const next = src[k + 1];
      if ((next === 'p' || next === 'P') && src[k + 2] === '{') k = src.indexOf('}', k) + 1;
      else {
        if (LITERAL_ESCAPES.has(next)) atom = [next];
        k += 2;
      }
    } else if (ch === '.' || ch === '^' || ch === '$') {
      k++;
    } else {
      const cp = src.codePointAt(k)!;
      const s = String.fromCodePoint(cp);
      atom = [s];
      k += s.length;
    }
    const q = quantifier(src, k);
    k = q.end;
    if (!open) continue;
    if (atom === null || q.min === 0) {
      open = false;
      continue;
    }
    const next = cross(cur, atom);
    if (next === null) {
      open = false;
      continue;
    }
    cur = next;
    if (!atomComplete || q.min !== -1) open = false;
  }
  return { prefixes: cur, complete: open, end: k };
}

/**
 * Literal strings, one of which every match of `source` starts with; null when some alternative can
 * start with anything (then the caller must scan with the regex).
 */
export function literalPrefixes(source: string): string[] | null {
  const seq = alternation(source, 0);
  if (seq.end !== source.length) throw new Error(`unbalanced ) in rule pattern: ${source}`);
  if (seq.prefixes.some((p) => p.length === 0)) return null;
  // keep the shortest: a prefix that extends another adds no candidates
  const sorted = [...seq.prefixes].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((q) => p.startsWith(q))) kept.push(p);
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Lexicons
// ---------------------------------------------------------------------------------------------

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

/**
 * The longest run of plain characters that every match of `source` contains, or null (a top-level
 * alternation, or no such run). `[cсbв]\s*5\s*\+\s*1` gives "+" — rare in news, common "в " is not.
 */
export function requiredLiteral(source: string): string | null {
  const runs: string[] = [];
  let run = '';
  const close = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let k = 0; k < source.length; ) {
    const ch = source[k];
    let lit: string | null = null;
    if (ch === '|') return null;
    if (ch === '(') k = skipGroup(source, k);
    else if (ch === '[') k = skipClass(source, k);
    else if (ch === '\\') {
      const next = source[k + 1];
      if ((next === 'p' || next === 'P') && source[k + 2] === '{') k = source.indexOf('}', k) + 1;
      else {
        if (LITERAL_ESCAPES.has(next)) lit = next;
        k += 2;
      }
    } else if (ch === '.' || ch === '^' || ch === '$') k++;
    else {
      lit = String.fromCodePoint(source.codePointAt(k)!);
      k += lit.length;
    }
    const q = quantifier(source, k);
    k = q.end;
    if (lit !== null && q.min !== 0) {
      run += lit;
      if (q.min > 0) close(); // repeated: what follows need not come next
    } else close();
  }
  close();
  if (runs.length === 0) return null;
  // the longest; between equals, punctuation before digits before letters (rarer in prose first)
  const rarity = (r: string) => (/\p{L}/u.test(r) ? 0 : /\d/.test(r) ? 1 : 2);
  return runs.reduce((best, r) =>
    r.length > best.length || (r.length === best.length && rarity(r) > rarity(best)) ? r : best,
  );
}

interface Lexicon {
  patterns: Pattern[];
  caseSensitive: boolean;
  /** The whole lexicon as one regex, for lexicons that cannot be prefiltered. */
  fallback: RegExp | null;
}

interface TrieNode {
  /** Children while building; the built trie is flat (Trie). */
  next: Map<number, TrieNode>;
  /** lexicon * 4096 + pattern, for prefixes ending here */
  out: number[] | null;
}

/**
 * The trie in flat typed arrays: a step is two array reads, no map and no object (the walk makes one
 * from every word start of every text).
 */
interface Trie {
  /** UTF-16 unit -> its column in `next`; 0 when no prefix has it. */
  column: Uint16Array;
  width: number;
  /** next[node * width + column]: the child, 0 for none (node 0 is the root, no one's child). */
  next: Int32Array;
  /** The prefixes ending at node k are outLex/outPat[outStart[k] .. outStart[k + 1]). */
  outStart: Int32Array;
  outLex: Int32Array;
  outPat: Int32Array;
  empty: boolean;
}

function toTrie(root: TrieNode): Trie {
  const column = new Uint16Array(65536);
  let width = 1;
  // breadth first: a node's id is its place in the queue
  const queue: TrieNode[] = [root];
  for (let q = 0; q < queue.length; q++) {
    for (const [c, kid] of queue[q].next) {
      if (column[c] === 0) column[c] = width++;
      queue.push(kid);
    }
  }
  const ids = new Map<TrieNode, number>(queue.map((node, id) => [node, id]));
  const next = new Int32Array(queue.length * width);
  const outStart = new Int32Array(queue.length + 1);
  const outLex: number[] = [];
  const outPat: number[] = [];
  queue.forEach((node, id) => {
    for (const [c, kid] of node.next) next[id * width + column[c]] = ids.get(kid)!;
    outStart[id] = outLex.length;
    for (const o of node.out ?? []) {
      outLex.push((o / PAT_BITS) | 0);
      outPat.push(o % PAT_BITS);
    }
  });
  outStart[queue.length] = outLex.length;
  return {
    column,
    width,
    next,
    outStart,
    outLex: Int32Array.from(outLex),
    outPat: Int32Array.from(outPat),
    empty: root.next.size === 0,
  };
}

/** A match: where it starts and ends in the text, and which pattern of the lexicon it was. */
export interface RawMatch {
  start: number;
  end: number;
  pattern: number;
}

const PAT_BITS = 4096;

function newNode(): TrieNode {
  return { next: new Map(), out: null };
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
      const p: Pattern = { source, literal: null, stem: false, sticky: null, required: null, gateText: null, gatePassed: false };
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
      const all = lex.patterns.map((p) => (p.literal !== null && p.literal.length > 0 ? [p.literal] : literalPrefixes(p.source)));
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

/** Follows the trie from `p` as far as the text matches, noting every prefix that ends on the way. */
function descend(text: string, p: number, t: Trie, cands: number[][]): void {
  const { column, width, next, outStart, outLex, outPat } = t;
  const n = text.length;
  let node = 0;
  for (let i = p; i < n; i++) {
    const col = column[text.charCodeAt(i)];
    if (col === 0) return;
    node = next[node * width + col];
    if (node === 0) return;
    const end = outStart[node + 1];
    for (let k = outStart[node]; k < end; k++) cands[outLex[k]].push(p * PAT_BITS + outPat[k]);
  }
}

/**
 * One pass over the text: from every position not preceded by a letter or digit, follow the trie as
 * far as the text matches. `lower` and `cased` have the same length and the same letters and digits.
 */
function walk(lower: string, cased: string, tl: Trie, tc: Trie, cands: number[][]): void {
  const n = lower.length;
  const withCased = !tc.empty;
  const lowerCol = tl.column;
  const lowerNext = tl.next;
  const casedCol = tc.column;
  const casedNext = tc.next;
  let prevWord = false;
  for (let p = 0; p < n; p++) {
    const c = lower.charCodeAt(p);
    if (!prevWord) {
      // the root is node 0, so its children are next[column]
      const col = lowerCol[c];
      if (col !== 0 && lowerNext[col] !== 0) descend(lower, p, tl, cands);
      if (withCased) {
        const cc = casedCol[cased.charCodeAt(p)];
        if (cc !== 0 && casedNext[cc] !== 0) descend(cased, p, tc, cands);
      }
    }
    prevWord = c < 128 ? ASCII_WORD[c] === 1 : wordUnit(c);
  }
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

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
    if (lex.fallback) return fallbackMatches(lex.fallback, text, within);
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

function confirm(lex: Lexicon, text: string, cand: number[], i0: number, i1: number, from: number, to: number): RawMatch[] {
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

function fallbackMatches(re: RegExp, text: string, within?: Array<[number, number]>): RawMatch[] {
  const out: RawMatch[] = [];
  for (const [from, to] of within ?? [[0, text.length]]) {
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0 || (m.index > 0 && wordUnit(slice.charCodeAt(m.index - 1)))) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ start: from + m.index, end: from + m.index + m[0].length, pattern: -1 });
    }
  }
  return out;
}
