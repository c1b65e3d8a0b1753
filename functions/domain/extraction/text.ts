/** Text normalisation shared by the extractors. */

const LEFTOVER_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bdquo: '„',
};

const ENTITY_RE = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const SPACE_RE = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** Decodes entities left over after parsing (double-escaped bodies such as `&amp;quot;`). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return LEFTOVER_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Decodes leftover entities, turns every kind of space into one ASCII space, trims. */
export function normalizeText(text: string): string {
  return decodeEntities(text).replace(SPACE_RE, ' ').trim();
}

/**
 * The agency dateline at the start of a story: `ASTANA. KAZINFORM –`, `NUR-SULTAN. KAZINFORM -`,
 * `ASTANA. July 10. KAZINFORM —`, `НҰР-СҰЛТАН. ҚазАқпарат -`, `АСТАНА. КАЗИНФОРМ —`, `Qazinform -`.
 */
const DATELINE_RE = new RegExp(
  '^\\s*' +
    // optional city: upper-case words, hyphens, spaces, ending with a full stop
    "(?:[\\p{Lu}][\\p{Lu}\\-–' ]{1,40}\\.\\s*)?" +
    // optional date: "July 10." or "10 июля."
    '(?:(?:\\p{L}+\\s+\\d{1,2}|\\d{1,2}\\s+\\p{L}+)\\.?\\s*)?' +
    '(?:KAZINFORM|QAZINFORM|КАЗИНФОРМ|ҚАЗАҚПАРАТ|QAZAQPARAT|KAZAKPARAT|ҚАЗИНФОРМ)' +
    '(?:\\s*(?:correspondent|корреспондент\\p{L}*|тілшісі))?' +
    '\\s*[-–—:]+\\s*',
  'iu',
);

/** Removes a leading agency dateline; returns the text unchanged when there is none. */
export function stripDateline(text: string): string {
  const m = DATELINE_RE.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  return rest.length > 0 ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
}

const READ_ALSO_RE =
  /^(?:read also|also read|see also|related:|read more:|читайте также|читайте еще|читайте ещё|смотрите также|также читайте|оқи отырыңыз|оқыңыз|толығырақ:|oqı otyryńyz|oqi otyrynyz|tolyǵyraq:)/iu;
const CAPTION_RE = /^(?:photo|фото|сурет|foto|suret|video|видео)\s*(?:[:©]|by\b|credit)/iu;

/** Calls to follow the site: "Subscribe to our Telegram channel…", "Подписывайтесь на наш…". */
const PROMO_RE =
  /^(?:subscribe to|follow us|join (?:us|our)|sign up for|подписывайтесь|подпишитесь|присоединяйтесь|следите за нами|читайте нас|жазылыңыз|жазылып|біздің (?:telegram|инстаграм|instagram)|jazylyńyz)/iu;
/** Credit lines: "Author: …", "Source: …", "Текст: …", "Дереккөз: …" (a few words after the label). */
const CREDIT_RE =
  /^(?:author|by|source|text|photo|editor|автор|авторы|источник|текст|фото|редактор|дереккөз|автор\p{L}*|avtor|derekkóz)\s*:\s*\S/iu;

/** True for paragraphs that are widgets rather than story text. */
export function isBoilerplateParagraph(text: string): boolean {
  if (READ_ALSO_RE.test(text) || CAPTION_RE.test(text) || PROMO_RE.test(text)) return true;
  return CREDIT_RE.test(text) && text.split(' ').length <= 8;
}

/** A date stamp printed inline before the story's first words (`14.05.2026 В Астане…`). */
const DATE_STAMP_RE = /^\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,?\s+\d{1,2}:\d{2})?\s+(?=\p{Lu})/u;

/** Removes a leading date stamp followed by a capitalised sentence; other text is left alone. */
export function stripDateStamp(text: string): string {
  return text.replace(DATE_STAMP_RE, '');
}
