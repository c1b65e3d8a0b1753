/**
 * The event type of a relevant item (call, summit, agreement, visit, meeting, statement): the first
 * rule of RULES.events found in the title, else in the first two body sentences, else anywhere.
 */
import type { Evidence, EventType } from '../model';
import { type Doc, hits } from './document';
import { EVENT_LEX } from './lexicons';
import { clip } from './scoring';

export function detectEvent(doc: Doc): { type: EventType; s: number } {
  const ranges: Array<[number, number]> = [];
  if (doc.hasTitle) ranges.push([0, 1]);
  const bodyStart = doc.hasTitle ? 1 : 0;
  ranges.push([bodyStart, Math.min(doc.sentences.length, bodyStart + 2)]);
  ranges.push([bodyStart, doc.sentences.length]);
  const all = EVENT_LEX.map(({ type, id }) => ({ type, hits: hits(doc, id) }));
  for (const [from, to] of ranges) {
    for (const { type, hits: list } of all) {
      const h = list.find((x) => x.s >= from && x.s < to);
      if (h) return { type, s: h.s };
    }
  }
  return { type: 'other', s: -1 };
}

/** The sentence the event type was read from, as evidence (none for "other"). */
export function eventEvidence(doc: Doc, event: { type: EventType; s: number }): Evidence[] {
  return event.s >= 0
    ? [{ label: `event:${event.type}`, text: clip(doc.sentences[event.s]), weight: 1 }]
    : [];
}
