/**
 * Dates as the sources print them, read as ISO instants. Local times on Kazinform and gov.kz are
 * Astana time (UTC+5) unless the text gives an offset.
 */

export const ASTANA_OFFSET_MINUTES = 5 * 60;

/** Month-name prefixes, longest first so that `maýsym` (June) is not read as English `may`. */
const MONTH_PREFIXES: Array<[string, number]> = (
  [
    // Kazakh Latin (after diacritics are removed: Naýryz -> nayryz, Qyrkúiek -> qyrkuiek)
    ['qantar', 1],
    ['kantar', 1],
    ['aqpan', 2],
    ['akpan', 2],
    ['nauryz', 3],
    ['nayryz', 3],
    ['nawryz', 3],
    ['sauir', 4],
    ['sayir', 4],
    ['sawir', 4],
    ['mamyr', 5],
    ['mausym', 6],
    ['maysym', 6],
    ['mawsym', 6],
    ['shilde', 7],
    ['tamyz', 8],
    ['qyrkuiek', 9],
    ['qyrkyiek', 9],
    ['qyrkuyek', 9],
    ['kyrkuiek', 9],
    ['qazan', 10],
    ['kazan', 10],
    ['qarasha', 11],
    ['karasha', 11],
    ['jeltoqsan', 12],
    ['zheltoqsan', 12],
    ['zheltoksan', 12],
    // Kazakh Cyrillic
    ['қаңтар', 1],
    ['ақпан', 2],
    ['наурыз', 3],
    ['сәуір', 4],
    ['мамыр', 5],
    ['маусым', 6],
    ['шілде', 7],
    ['тамыз', 8],
    ['қыркүйек', 9],
    ['қазан', 10],
    ['қараша', 11],
    ['желтоқсан', 12],
    // Russian, nominative and genitive
    ['январ', 1],
    ['феврал', 2],
    ['март', 3],
    ['апрел', 4],
    ['май', 5],
    ['мая', 5],
    ['июн', 6],
    ['июл', 7],
    ['август', 8],
    ['сентябр', 9],
    ['октябр', 10],
    ['ноябр', 11],
    ['декабр', 12],
    // English
    ['jan', 1],
    ['feb', 2],
    ['mar', 3],
    ['apr', 4],
    ['may', 5],
    ['jun', 6],
    ['jul', 7],
    ['aug', 8],
    ['sep', 9],
    ['oct', 10],
    ['nov', 11],
    ['dec', 12],
  ] as Array<[string, number]>
).sort((a, b) => b[0].length - a[0].length);

/** Lower-cases and removes Latin combining marks (á -> a, ý -> y, ı -> i) but keeps Cyrillic letters. */
function foldMonth(word: string): string {
  const lower = word.toLowerCase().replace(/ı/g, 'i').replace(/ǵ/g, 'g').replace(/ń/g, 'n');
  // Only fold Latin words: NFD would also turn Cyrillic й into и.
  if (/[a-z\u00c0-\u024f]/.test(lower)) return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return lower;
}

export function monthFromName(word: string): number | null {
  const w = foldMonth(word);
  if (w.length < 3) return null;
  for (const [prefix, month] of MONTH_PREFIXES) if (w.startsWith(prefix)) return month;
  return null;
}

const ISO_RE =
  /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;
const OFFSET_RE = /(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;
const TIME_RE = /(?<!\d)(\d{1,2}):(\d{2})(?!\d)/;
const DMY_NUMERIC_RE = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/;
const WORD_RE = /[\p{L}]+/gu;

function toIso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMin: number,
): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || y < 1990 || y > 2100) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  // reject 31 February and the like
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCDate() !== d) return null;
  return date.toISOString();
}

function parseOffset(text: string): number | null {
  const m = OFFSET_RE.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * Reads a date as printed on the sources and returns an ISO instant (UTC), or null.
 * Accepts ISO 8601 (an explicit offset wins; none means Astana time), `HH:MM, DD <Month> YYYY`,
 * `DD <Month> YYYY, HH:MM`, `<Month> DD, YYYY`, `YYYY жылғы DD <month>`, `DD.MM.YYYY HH:MM`,
 * month names in English, Russian (nominative and genitive), Kazakh Cyrillic and Kazakh Latin.
 */
export function parseLocalDate(text: string): string | null {
  if (!text) return null;
  const iso = ISO_RE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, off] = iso;
    let offset = ASTANA_OFFSET_MINUTES;
    if (off) {
      if (off.toUpperCase() === 'Z') offset = 0;
      else {
        const digits = off.replace(':', '');
        offset =
          (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
      }
    }
    return toIso(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), offset);
  }
  const offset = parseOffset(text) ?? ASTANA_OFFSET_MINUTES;
  const withoutOffset = text.replace(OFFSET_RE, ' ');
  const time = TIME_RE.exec(withoutOffset);
  const h = time ? Number(time[1]) : 0;
  const mi = time ? Number(time[2]) : 0;
  const rest = time ? withoutOffset.replace(time[0], ' ') : withoutOffset;

  const numeric = DMY_NUMERIC_RE.exec(rest);
  if (numeric) return toIso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]), h, mi, 0, offset);

  let month: number | null = null;
  let monthIndex = -1;
  for (const m of rest.matchAll(WORD_RE)) {
    const found = monthFromName(m[0]);
    if (found) {
      month = found;
      monthIndex = m.index ?? 0;
      break;
    }
  }
  if (!month) return null;
  const yearMatch = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/.exec(rest);
  if (!yearMatch) return null;
  const year = Number(yearMatch[1]);
  // the day: a 1-2 digit number nearest to the month name, other than the year
  let day: number | null = null;
  let best = Number.POSITIVE_INFINITY;
  for (const m of rest.matchAll(/(?<!\d)(\d{1,2})(?!\d)/g)) {
    const dist = Math.abs((m.index ?? 0) - monthIndex);
    if (dist < best) {
      best = dist;
      day = Number(m[1]);
    }
  }
  if (day === null) return null;
  return toIso(year, month, day, h, mi, 0, offset);
}
