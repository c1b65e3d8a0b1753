/**
 * What a rule pattern (a regex source) must start with, and what every match of it must contain: read
 * from the source itself, so the matcher can look for literals before it runs any regex.
 */

const MAX_PREFIXES = 256;

interface Seq {
  prefixes: string[];
  /** Every alternative was literal to its end, so what follows may extend the prefixes. */
  complete: boolean;
  end: number;
}

export const LITERAL_ESCAPES = new Set([...'.+*?()[]{}|^$\\/-\'"«»:,#&!=<> ']);

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_PREFIXES) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

/** Index just past the `)` closing the group that opens at `i` (escapes and classes respected). */
export function skipGroup(src: string, i: number): number {
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

export function skipClass(src: string, i: number): number {
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
export function quantifier(src: string, i: number): { min: number; end: number } {
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

interface Atom {
  /** The literal strings the atom can be; null when it is not literal. */
  strings: string[] | null;
  /** Whether the atom is literal to its end (a group whose alternatives all are). */
  complete: boolean;
  end: number;
  lookaround: boolean;
}

/** Reads one atom (a group, a class, an escape, a wildcard or a character) at `k`. */
function atomAt(src: string, k: number): Atom {
  const ch = src[k];
  if (ch === '(') {
    const end = skipGroup(src, k);
    if (/^\(\?<?[=!]/.test(src.slice(k, k + 4)))
      return { strings: null, complete: true, end, lookaround: true };
    const innerStart = src.startsWith('(?:', k)
      ? k + 3
      : src.startsWith('(?<', k)
        ? src.indexOf('>', k) + 1
        : k + 1;
    const inner = alternation(src, innerStart);
    return { strings: inner.prefixes, complete: inner.complete, end, lookaround: false };
  }
  if (ch === '[') {
    const end = skipClass(src, k);
    return { strings: classChars(src.slice(k + 1, end - 1)), complete: true, end, lookaround: false };
  }
  if (ch === '\\') {
    const next = src[k + 1];
    if ((next === 'p' || next === 'P') && src[k + 2] === '{') {
      return { strings: null, complete: true, end: src.indexOf('}', k) + 1, lookaround: false };
    }
    return {
      strings: LITERAL_ESCAPES.has(next) ? [next] : null,
      complete: true,
      end: k + 2,
      lookaround: false,
    };
  }
  if (ch === '.' || ch === '^' || ch === '$')
    return { strings: null, complete: true, end: k + 1, lookaround: false };
  const s = String.fromCodePoint(src.codePointAt(k)!);
  return { strings: [s], complete: true, end: k + s.length, lookaround: false };
}

function sequence(src: string, i: number): Seq {
  let cur: string[] = [''];
  let open = true;
  let k = i;
  while (k < src.length && src[k] !== '|' && src[k] !== ')') {
    const read = atomAt(src, k);
    k = read.end;
    // a look-around takes no characters; ignoring it only widens the candidates
    if (read.lookaround) continue;
    const atom = read.strings;
    const atomComplete = read.complete;
    const q = quantifier(src, k);
    k = q.end;
    if (!open) continue;
    if (atom !== null && q.min === 0) {
      // an optional literal (`(?:x )?word`): a match starts with it or with what follows it
      const rest = sequence(src, k);
      const branches = cross(cur, [...new Set([...atom, ...rest.prefixes])]);
      return branches === null
        ? { prefixes: cur, complete: false, end: rest.end }
        : { prefixes: branches, complete: false, end: rest.end };
    }
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
