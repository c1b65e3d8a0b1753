import { type SafeHtml, html } from './html';

interface Range {
  start: number;
  end: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a piece of evidence occurs in the text; whitespace may differ, a clipped "..." tail is dropped. */
export function findEvidence(text: string, evidence: string): Range[] {
  const needle = evidence.replace(/(\.\.\.|…)$/, '').trim();
  if (needle.length < 3) return [];
  const words = needle.split(/\s+/).map(escapeRegExp);
  const re = new RegExp(words.join('\\s+'), 'gu');
  const out: Range[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The text, escaped, with each evidence sentence wrapped in <mark>. */
export function highlight(text: string, evidence: string[]): { markup: SafeHtml; marks: number } {
  const ranges = merge(evidence.flatMap((e) => findEvidence(text, e)));
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const r of ranges) {
    parts.push(html`${text.slice(at, r.start)}<mark>${text.slice(r.start, r.end)}</mark>`);
    at = r.end;
  }
  parts.push(html`${text.slice(at)}`);
  return { markup: html`${parts}`, marks: ranges.length };
}
