/**
 * The literal prefixes of every pattern of every lexicon in one character trie, and the walk that finds,
 * from each word start of a text, every position where some prefix occurs (a match can start nowhere else).
 */
import { ASCII_WORD, wordUnit } from './characters';

export interface TrieNode {
  /** Children while building; the built trie is flat (Trie). */
  next: Map<number, TrieNode>;
  /** lexicon * 4096 + pattern, for prefixes ending here */
  out: number[] | null;
}

/**
 * The trie in flat typed arrays: a step is two array reads, no map and no object (the walk makes one
 * from every word start of every text).
 */
export interface Trie {
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

export function toTrie(root: TrieNode): Trie {
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

export const PAT_BITS = 4096;

export function newNode(): TrieNode {
  return { next: new Map(), out: null };
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
export function walk(lower: string, cased: string, tl: Trie, tc: Trie, cands: number[][]): void {
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
