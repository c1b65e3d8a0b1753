/** What the matcher asks of a character: letter, digit or neither, read as the `u`-flag regex engine reads it. */

const WORD_CP = /^[\p{L}\p{N}]$/u;
const LETTER_CP = /^\p{L}$/u;

/** Per UTF-16 unit: 1 = letter, 2 = digit (not a letter), 3 = neither; 0 = not computed yet. */
const unitKind = new Uint8Array(65536);
export function kindOf(cp: number): number {
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
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** True when the unit before `i` is a letter or digit (the start-boundary test of the old scan). */
export function wordUnit(c: number): boolean {
  return kindOf(c) !== 3;
}

export const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
