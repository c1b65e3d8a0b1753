/**
 * Where a sentence ends: the text is split at a terminator followed by white space and a capital or
 * digit, unless the part ends in an abbreviation ("U.S.", "Mr.", "т.е.").
 */

// A part ending in an abbreviation does not end a sentence: "U.S.", "Mr.", "т.е.", "гг." — what
// `/(?:^|[^\p{L}])(?:(?:\p{Lu}\.)+|(?:Mr|Mrs|…|вв)\.)$/u` matches, tested without a regex (it ran
// over every sentence from its first character).
const ABBREVIATIONS = [
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'St',
  'Jr',
  'Gen',
  'Sen',
  'Rep',
  'Amb',
  'No',
  'г',
  'гг',
  'им',
  'т.е',
  'ул',
  'вв',
];
const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;

/** The code point that ends just before `i`, and where it starts (a surrogate pair is one). */
function codePointBefore(text: string, i: number): { cp: number; at: number } {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return { cp: (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000, at: i - 2 };
  }
  return { cp: c, at: i - 1 };
}

/** `(?:^|[^\p{L}])` before `i`. */
function boundaryBefore(text: string, i: number): boolean {
  if (i === 0) return true;
  const { cp } = codePointBefore(text, i);
  if (cp < 128) return !((cp | 32) >= 97 && (cp | 32) <= 122);
  return !LETTER.test(String.fromCodePoint(cp));
}

function endsWithAbbreviation(acc: string): boolean {
  const n = acc.length;
  if (n < 2 || acc.charCodeAt(n - 1) !== 0x2e) return false; // every alternative ends in "."
  // (?:\p{Lu}\.)+ : one capital and its dot is enough; a longer chain needs a dot before the
  // capital, which is itself a boundary
  const { cp, at } = codePointBefore(acc, n - 1);
  if (UPPER.test(String.fromCodePoint(cp)) && boundaryBefore(acc, at)) return true;
  for (const a of ABBREVIATIONS) {
    const q = n - 1 - a.length;
    if (q >= 0 && acc.startsWith(a, q) && boundaryBefore(acc, q)) return true;
  }
  return false;
}

/** The units before a sentence break (`(?<=[.!?…»"”])`) and the openers it may skip (`["«“(]?`). */
const TERMINATORS = '.!?…»"”';
const OPENERS = '"«“(';
/** TERMINATORS by UTF-16 unit (all of them are below U+2027). */
const IS_TERMINATOR = new Uint8Array(0x2027);
for (const ch of TERMINATORS) IS_TERMINATOR[ch.charCodeAt(0)] = 1;

/** `\s`: ECMAScript white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True when a sentence may start at `i`: `[\p{Lu}\d]` read as a code point. */
function startsSentence(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  if (c < 128) return c >= 65 && c <= 90;
  const cp = text.codePointAt(i)!;
  return UPPER.test(String.fromCodePoint(cp));
}

/**
 * `block.split(/(?<=[.!?…»"”])\s+(?=["«“(]?[\p{Lu}\d])/u)` without the regex: a break is a whole run of
 * white space after a terminator and before a capital or digit (an opening quote or bracket may come
 * first). No shorter run can match, since the look-ahead would then see white space.
 */
function splitBlock(block: string): string[] {
  const parts: string[] = [];
  let from = 0;
  const n = block.length;
  for (let q = 1; q < n; q++) {
    // a terminator is rarer than a space: test it first
    const t = block.charCodeAt(q - 1);
    if (t >= 0x2027 || IS_TERMINATOR[t] === 0 || !isSpace(block.charCodeAt(q))) continue;
    let r = q + 1;
    while (r < n && isSpace(block.charCodeAt(r))) r++;
    const next =
      r < n && OPENERS.includes(block[r])
        ? startsSentence(block, r + 1) || startsSentence(block, r)
        : startsSentence(block, r);
    if (next) {
      parts.push(block.slice(from, q));
      from = r;
    }
    q = r - 1;
  }
  parts.push(block.slice(from));
  return parts;
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n+/)) {
    const parts = splitBlock(block);
    let acc = '';
    for (const part of parts) {
      acc = acc ? `${acc} ${part}` : part;
      if (endsWithAbbreviation(acc)) continue;
      const t = acc.trim();
      if (t) out.push(t);
      acc = '';
    }
    if (acc.trim()) out.push(acc.trim());
  }
  return out;
}
