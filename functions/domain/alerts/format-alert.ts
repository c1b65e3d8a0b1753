import { itemGist } from '../classification/gist';
import type { StoredItem } from '../model';
import type { AlertMessage } from '../ports';
import { ASTANA_OFFSET_MS } from './local-time';

/** SNS: email subjects under 100 characters, no line breaks or control characters. */
export const SUBJECT_MAX = 99;
const CATEGORY_TAG: Record<string, string> = { 'kz-us': 'KZ-US', c5plus1: 'C5+1' };

/** GSM 03.38 basic set and its extension table: anything outside forces UCS-2 (70 chars per part). */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXT = new Set('^{}\\[~]|€');

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7.has(ch) && !GSM7_EXT.has(ch)) return false;
  return true;
}

/** Length in encoding units: GSM-7 extension characters cost two septets. */
export function smsLength(text: string): { units: number; gsm7: boolean } {
  const gsm7 = isGsm7(text);
  if (!gsm7) return { units: [...text].length, gsm7 };
  let units = 0;
  for (const ch of text) units += GSM7_EXT.has(ch) ? 2 : 1;
  return { units, gsm7 };
}

/** Capacity for at most two concatenated parts (the header costs 7 septets or 3 UCS-2 chars per part). */
export function smsCapacity(gsm7: boolean, parts: 1 | 2): number {
  if (gsm7) return parts === 1 ? 160 : 306;
  return parts === 1 ? 70 : 134;
}

/** Cuts at a word boundary when that keeps most of the text; `...` where `…` would cost GSM-7. */
function truncate(text: string, max: number, ellipsis = '…'): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const room = max - [...ellipsis].length;
  if (room <= 0) return chars.slice(0, Math.max(0, max)).join('');
  const cut = chars.slice(0, room).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > room * 0.6 ? atWord : cut}${ellipsis}`;
}

/** Typographic punctuation has GSM-7 equivalents; keeping an English SMS in GSM-7 doubles its room. */
export function gsmFriendly(text: string): string {
  return text
    .replace(/[‘’‚′`]/g, "'")
    .replace(/[“”„«»″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '...')
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SmsShape {
  units: number;
  gsm7: boolean;
  parts: 1 | 2;
}

/** How a text travels: encoding, length in encoding units, and parts (throws past two). */
export function smsShape(text: string): SmsShape {
  const { units, gsm7 } = smsLength(text);
  if (units <= smsCapacity(gsm7, 1)) return { units, gsm7, parts: 1 };
  if (units <= smsCapacity(gsm7, 2)) return { units, gsm7, parts: 2 };
  throw new Error(`SMS of ${units} ${gsm7 ? 'GSM-7' : 'UCS-2'} units needs more than two parts`);
}

export function categoryTag(categories: readonly string[]): string {
  return `[${categories.map((c) => CATEGORY_TAG[c] ?? c).join('/')}]`;
}

/**
 * `[TAG] title link`, in one part when it fits, else two; the title is shortened, never the link. The
 * shorter of the item URL and its canonical URL is used. Cyrillic (Russian, Kazakh) forces UCS-2.
 */
export function formatSms(
  item: Pick<StoredItem, 'title' | 'url' | 'classification'> & {
    canonicalUrl?: string;
    language?: StoredItem['language'];
    gist?: string;
    publishedAt?: string;
  },
): string {
  const tag = categoryTag(item.classification.categories);
  // A local server's canonical form (https://localhost/…) is an identity key, not an address anyone can open.
  const linkable = item.canonicalUrl && !item.canonicalUrl.startsWith('https://localhost/');
  const link = linkable && item.canonicalUrl!.length < item.url.length ? item.canonicalUrl! : item.url;
  const title = gsmFriendly(item.title);
  const compose = (t: string) => (t ? `${tag} ${t} ${link}` : `${tag} ${link}`);
  const full = compose(title);
  const { units, gsm7 } = smsLength(full);
  // A Russian or Kazakh alert adds the English gist after the whole title where both fit in the
  // two parts an SMS may take; the title is never shortened to make room for it.
  if (item.language === 'ru' || item.language === 'kk') {
    const withGist = compose(`${title} — ${gsmFriendly(itemGist(item))}`);
    const shape = smsLength(withGist);
    if (shape.units <= smsCapacity(shape.gsm7, 2)) return withGist;
  }
  if (units <= smsCapacity(gsm7, 1)) return full;
  const capacity = smsCapacity(gsm7, 2);
  const ellipsis = gsm7 ? '...' : '…';
  let budget = capacity - smsLength(compose('')).units - 1;
  let text = compose(truncate(title, Math.max(0, budget), ellipsis));
  // GSM-7 extension characters cost two units each: shorten until it really fits.
  while (smsLength(text).units > capacity && budget > 0) {
    budget--;
    text = compose(truncate(title, budget, ellipsis));
  }
  return text;
}

export function formatTimes(iso: string): { local: string; utc: string } {
  const t = Date.parse(iso);
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return { local: `${fmt(t + ASTANA_OFFSET_MS)} Astana (UTC+5)`, utc: `${fmt(t)} UTC` };
}

/** Subject text: one line, no control characters, at most SUBJECT_MAX characters. */
export function emailSubject(prefix: string, title: string): string {
  return truncate(`${prefix} ${title}`.replace(/[\p{Cc}\s]+/gu, ' ').trim(), SUBJECT_MAX);
}

/** The strongest two or three distinct evidence sentences, category evidence first. */
export function pickEvidence(c: StoredItem['classification'], max = 3): string[] {
  const isCategory = (label: string) => (c.categories as string[]).includes(label);
  const ordered = [...c.evidence].sort(
    (a, b) => Number(isCategory(b.label)) - Number(isCategory(a.label)) || b.weight - a.weight,
  );
  const out: string[] = [];
  for (const e of ordered) {
    const text = e.text.replace(/\s+/g, ' ').trim();
    if (text && !out.includes(text)) out.push(text);
    if (out.length === max) break;
  }
  return out;
}

export function topScore(c: StoredItem['classification']): number {
  return Math.round(Math.max(0, ...c.categories.map((x) => c.scores[x] ?? 0)) * 1000) / 1000;
}

/** The routing attributes of an item's alert, before `delivery` (who gets it) is decided. */
export function routingAttributes(item: StoredItem): AlertMessage['attributes'] {
  const c = item.classification;
  return {
    categories: [...c.categories],
    topics: [...c.topics],
    language: item.language,
    score: topScore(c),
    sourceId: item.sourceId,
    storyId: item.storyId,
  };
}

export function formatAlertMessage(
  item: StoredItem,
  options: { alertId?: string; laterCopy?: boolean } = {},
): AlertMessage {
  const c = item.classification;
  const tags = c.categories.map((x) => CATEGORY_TAG[x] ?? x).join(', ');
  const subject = emailSubject(`[${tags}]`, item.title);
  const times = formatTimes(item.publishedAt);
  const evidence = pickEvidence(c).map((e) => `  • ${e}`);
  // Russian and Kazakh alerts carry the English gist under the title, for readers of neither.
  const gist = item.language === 'ru' || item.language === 'kk' ? [`In English: ${itemGist(item)}`] : [];
  const email = [
    item.title,
    ...gist,
    '',
    `Source:     ${item.sourceId} (${item.language})`,
    `Published:  ${times.local} / ${times.utc}`,
    `Categories: ${tags}`,
    `Topics:     ${c.topics.join(', ') || '—'}`,
    `Officials:  ${c.people.join(', ') || '—'}`,
    '',
    'Why it was flagged:',
    ...(evidence.length ? evidence : ['  • (no evidence recorded)']),
    '',
    `Read it: ${item.url}`,
    ...(options.laterCopy
      ? [
          '',
          'Other sources reported this story earlier; you get this copy because it is the first that matches your filter.',
        ]
      : []),
    '',
    '—',
    'You receive this because you subscribed to kz-news-monitor alerts. To unsubscribe, use the',
    'unsubscribe link below this message (SMS: reply STOP), or ask the monitor operator to remove you.',
  ].join('\n');
  return {
    default: `${subject}\n${item.url}`,
    email,
    emailSubject: subject,
    sms: formatSms(item),
    attributes: {
      ...routingAttributes(item),
      delivery: 'instant',
      ...(options.alertId ? { alertId: options.alertId } : {}),
    },
  };
}
