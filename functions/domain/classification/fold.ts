/**
 * Folding: the one spelling every rule and every text is matched in (Latin diacritics removed, й→и,
 * ё→е, Kazakh Latin ý→u, ı→i, "ii"→"i"), and the lower-casing that keeps offsets.
 */

/** Removes combining marks (Latin diacritics, й→и, ё→е), maps Kazakh Latin ý→u and ı→i. */
export function fold(text: string): string {
  return (
    text
      .replace(/ý/g, 'u') // Kazakh Latin ý is the letter у: saýda -> sauda, Aýǵanstan -> auganstan
      .replace(/Ý/g, 'U')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .replace(/[’`ʼ]/g, "'")
      .normalize('NFC')
      // Kazakh Latin spells ия both "ıa" and "iia" (Azıa, Aziia): one spelling for both
      .replace(/([iI])[iI]/g, '$1')
  );
}

/**
 * Per UTF-16 unit, what fold() makes of it when no neighbour can change that: FOLD_KIND 1 = itself,
 * 2 = FOLD_TO (one unit), 3 = nothing (a stripped mark), 4 = unsafe (a neighbour may compose with it, or
 * it grows), 0 = not known yet. Only Latin, Cyrillic, general punctuation and the marks fold() strips
 * are safe: elsewhere (Greek, Indic, Hangul, surrogates) the whole text goes through fold().
 */
const FOLD_KIND = new Uint8Array(65536);
const FOLD_TO = new Uint16Array(65536);
const MARK = /^\p{M}$/u;
function foldKind(c: number): number {
  let k = FOLD_KIND[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    const f = fold(ch);
    if (c >= 0x300 && c <= 0x36f) k = 3;
    else if (!(c < 0x300 || (c >= 0x400 && c < 0x500) || (c >= 0x2000 && c < 0x3000)) || MARK.test(ch)) k = 4;
    else if (f === ch) k = 1;
    else if (f.length === 1 && f.charCodeAt(0) < 0x500 && !MARK.test(f)) {
      k = 2;
      FOLD_TO[c] = f.charCodeAt(0);
    } else k = 4;
    FOLD_KIND[c] = k;
  }
  return k;
}

const isI = (c: number) => c === 0x69 || c === 0x49;

/**
 * fold() in one pass over the text, unit by unit, for text made of safe units only (each folds on
 * its own, and what is left has no mark for a neighbour to compose with); anything else goes through
 * fold() itself. The "ii" collapse reads the folded units as fold()'s last regex does, left to right.
 */
export function foldText(text: string): string {
  let out = '';
  let at = 0; // text[at..i) still to copy as is
  let pairOpen = false; // the last unit kept is an i or I that may swallow the next
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let r = c;
    if (c >= 0x80 || c === 0x60) {
      const k = foldKind(c);
      if (k === 4) return fold(text);
      if (k !== 1) {
        out += text.slice(at, i);
        at = i + 1;
        if (k === 3) continue;
        r = FOLD_TO[c];
        out += String.fromCharCode(r);
      }
    }
    if (isI(r)) {
      if (pairOpen) {
        // drop this unit: copy what precedes it, unless it was just written as a fold
        if (at <= i) out += text.slice(at, i);
        else out = out.slice(0, -1);
        at = i + 1;
        pairOpen = false;
      } else pairOpen = true;
    } else pairOpen = false;
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * Case-insensitive rules are matched on a lower-cased copy of the folded text (same offsets), so
 * their sources are lower-cased here, escapes (`\\p{L}`, `\\d`, `\\S`) left alone. Case-sensitive
 * rules are matched on the folded text itself.
 */
export function lowerSource(source: string): string {
  return source.replace(/\\[pP]\{[^}]*\}|\\.|[^\\]+/g, (m) => (m.startsWith('\\') ? m : m.toLowerCase()));
}

/** Lower-cases without changing the length (a few letters, like İ, grow when lower-cased). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/\p{Lu}/gu, (c) => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  });
}
