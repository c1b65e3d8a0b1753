import type { Language } from '../model';

const KK_LATIN_WORDS =
  /(?<![\p{L}])(?:jáne|jane|men|ben|pen|bolyp|boıynsha|boiynsha|turaly|Qazaqstan\p{L}*|Qazaqstannyń|respýblıka\p{L}*|memlekettik|halyqaralyq|elshi\p{L}*|saparmen|kezdesý\p{L}*|aıtty|atap|ótti|bıyl|jyly|jylǵy)(?![\p{L}])/giu;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

/** Kazakh-only Cyrillic letters, as a table over U+0400–U+04FF. */
const KK_CYRILLIC_TABLE = (() => {
  const t = new Uint8Array(0x100);
  for (const ch of 'әғқңөұүһіӘҒҚҢӨҰҮҺІ') t[ch.charCodeAt(0) - 0x400] = 1;
  return t;
})();
const KK_LATIN_SET = new Set('áǵńóúýıÁǴŃÓÚÝ');

interface Letters {
  cyr: number;
  lat: number;
  kkCyr: number;
  kkLat: number;
}

/** One pass over the text's letters (a regex match per script would allocate an array per letter). */
function letters(text: string): Letters {
  const out = { cyr: 0, lat: 0, kkCyr: 0, kkLat: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) {
      out.cyr++;
      out.kkCyr += KK_CYRILLIC_TABLE[c - 0x400]!;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) {
      out.lat++;
      if (c >= 0xc0 && KK_LATIN_SET.has(text[i]!)) out.kkLat++;
    }
  }
  return out;
}

/** Detects en / ru / kk from the letters of the text. Returns null for text with no letters. */
export function detectLanguage(text: string): Language | null {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  const { cyr, lat, kkCyr, kkLat } = letters(sample);
  if (cyr === 0 && lat === 0) return null;
  if (cyr >= lat) return kkCyr >= Math.max(1, cyr * 0.005) ? 'kk' : 'ru';
  if (kkLat >= Math.max(2, lat * 0.004)) return 'kk';
  const words = count(sample, KK_LATIN_WORDS);
  const wordCount = sample.split(/\s+/).length;
  if (words >= 2 && words >= wordCount * 0.02) return 'kk';
  return 'en';
}

/** Maps a declared code (`en`, `en-US`, `ru_RU`, `kk`, `kz`, `qq`) to a Language. */
export function languageFromCode(code: string | null | undefined): Language | null {
  if (!code) return null;
  const c = code.trim().toLowerCase().slice(0, 2);
  if (c === 'en') return 'en';
  if (c === 'ru') return 'ru';
  if (c === 'kk' || c === 'kz' || c === 'qq' || c === 'qz') return 'kk';
  return null;
}

/** The language a URL implies: /ru/, /kz/, qz.inform.kz, kaz.inform.kz, en.inform.kz, qazinform.com, ?lang=. */
export function languageFromUrl(url: string | null | undefined): Language | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  const lang = languageFromCode(u.searchParams.get('lang'));
  if (lang) return lang;
  if (host.startsWith('qz.') || host.startsWith('kaz.') || host.startsWith('kz.')) return 'kk';
  if (host.startsWith('en.') || host === 'qazinform.com' || host.endsWith('.qazinform.com')) return 'en';
  if (host.startsWith('ru.')) return 'ru';
  const first = u.pathname.split('/').filter(Boolean)[0]?.toLowerCase();
  if (first === 'ru' || first === 'rus') return 'ru';
  if (first === 'kz' || first === 'kk' || first === 'kaz' || first === 'qz') return 'kk';
  if (first === 'en' || first === 'eng') return 'en';
  return null;
}

/** Script family check: a declared language is trusted unless the text plainly is in another script. */
export function reconcileLanguage(declared: Language | null, text: string): Language | null {
  const detected = detectLanguage(text);
  if (!declared) return detected;
  if (!detected || text.length < 80) return declared;
  const declaredCyrillic = declared !== 'en';
  const { cyr, lat } = letters(text.slice(0, 4000));
  const textCyrillic = cyr >= lat;
  if (declared === 'kk') return detected === 'ru' ? 'ru' : 'kk'; // Kazakh may be in either script
  if (declaredCyrillic !== textCyrillic) return detected;
  // ru declared but Kazakh letters throughout
  if (declared === 'ru' && detected === 'kk') return 'kk';
  return declared;
}
