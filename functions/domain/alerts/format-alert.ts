import type { StoredItem } from '../model';
import type { AlertMessage } from '../ports';

const SUBJECT_MAX = 100;
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

function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > max * 0.6 ? atWord : cut}…`;
}

export function formatSms(item: Pick<StoredItem, 'title' | 'url' | 'classification'>): string {
  const tag = `[${item.classification.categories.map((c) => CATEGORY_TAG[c] ?? c).join('/')}]`;
  const title = item.title.replace(/\s+/g, ' ').trim();
  const full = `${tag} ${title} ${item.url}`;
  const { units, gsm7 } = smsLength(full);
  // One part if it fits, else at most two; the title is what gets shortened, never the link.
  if (units <= smsCapacity(gsm7, 1)) return full;
  const ascii = isGsm7(`${tag}  ${item.url}`) && isGsm7(title);
  const budget = smsCapacity(ascii, 2) - smsLength(`${tag}  ${item.url}`).units;
  return `${tag} ${truncate(title, Math.max(10, budget))} ${item.url}`;
}

const ASTANA_OFFSET_MS = 5 * 3_600_000;

export function formatTimes(iso: string): { local: string; utc: string } {
  const t = Date.parse(iso);
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return { local: `${fmt(t + ASTANA_OFFSET_MS)} Astana (UTC+5)`, utc: `${fmt(t)} UTC` };
}

export function formatAlertMessage(item: StoredItem): AlertMessage {
  const c = item.classification;
  const tags = c.categories.map((x) => CATEGORY_TAG[x] ?? x).join(', ');
  const subject = truncate(`[${tags}] ${item.title.replace(/\s+/g, ' ')}`, SUBJECT_MAX);
  const times = formatTimes(item.publishedAt);
  const evidence = c.evidence
    .filter((e) => (c.categories as string[]).includes(e.label))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((e) => `  • ${e.text}`);
  const email = [
    item.title,
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
    '',
    '—',
    'You receive this because you subscribed to kz-news-monitor alerts. To unsubscribe, use the',
    'unsubscribe link below this message, or ask the monitor operator to remove your address.',
  ].join('\n');
  const sms = formatSms(item);
  return {
    default: `${subject}\n${item.url}`,
    email,
    emailSubject: subject,
    sms,
    attributes: {
      categories: c.categories,
      topics: c.topics,
      language: item.language,
      score: Math.max(...c.categories.map((x) => c.scores[x] ?? 0), 0),
      sourceId: item.sourceId,
      storyId: item.storyId,
    },
  };
}
