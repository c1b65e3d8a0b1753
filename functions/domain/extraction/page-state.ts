/**
 * Stories carried in a page's JSON state (`__NEXT_DATA__` and the like): a client-rendered page shows
 * its text only there. The story is the longest text field that reads as an article body; a short
 * text next to it named like a lead is its lead.
 */
import { htmlToParagraphs } from './paragraphs';
import { normalizeText } from './text';

const LEAD_KEYS =
  /^(?:lead|leadText|description|summary|subtitle|subTitle|excerpt|standfirst|announce|intro|anons)$/i;
const MIN_BODY_LETTERS = 300;

interface Found {
  paragraphs: string[];
  letters: number;
  lead: string | null;
}

function bodyParagraphs(value: string): string[] {
  if (/<(?:p|br|div|h[2-6])[\s/>]/i.test(value)) return htmlToParagraphs(value);
  return value
    .split(/\n\s*\n|\r?\n/)
    .map(normalizeText)
    .filter(Boolean);
}

function leadOf(o: Record<string, unknown>, bodyKey: string): string | null {
  for (const [k, v] of Object.entries(o)) {
    if (k === bodyKey || typeof v !== 'string' || !LEAD_KEYS.test(k)) continue;
    const t = normalizeText(v.replace(/<[^>]+>/g, ' '));
    if (t.length >= 30) return t;
  }
  return null;
}

function visit(node: unknown, best: Found | null, depth: number): Found | null {
  if (depth > 12 || !node || typeof node !== 'object') return best;
  if (Array.isArray(node)) {
    for (const item of node) best = visit(item, best, depth + 1);
    return best;
  }
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') {
      if (v.length < MIN_BODY_LETTERS || (best && v.length <= best.letters)) continue;
      const paragraphs = bodyParagraphs(v);
      const letters = paragraphs.reduce((n, p) => n + p.length, 0);
      // one long line with no sentence breaks is an id list or a style sheet, not a story
      if (letters >= MIN_BODY_LETTERS && (paragraphs.length > 1 || /[.!?]\s/.test(v))) {
        if (!best || letters > best.letters) best = { paragraphs, letters, lead: leadOf(o, k) };
      }
    } else best = visit(v, best, depth + 1);
  }
  return best;
}

export function storyFromState(states: string[]): { lead: string | null; paragraphs: string[] } | null {
  let best: Found | null = null;
  for (const raw of states) {
    try {
      best = visit(JSON.parse(raw), best, 0);
    } catch {
      // a state script that is not JSON carries nothing we can read
    }
  }
  return best ? { lead: best.lead, paragraphs: best.paragraphs } : null;
}
