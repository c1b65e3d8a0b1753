/**
 * Evidence as a reader checks it: the sentences that decided the categories first (strongest first),
 * then those of the topics, the event type and the people; each sentence once, with every label it
 * supports. Works on any stored classification, also one recorded before a repeated lead was read once
 * (a label found twice on one sentence shows the weight it added in all).
 */
import type { Evidence } from '../model';
import { round } from './scoring';

export interface EvidenceSentence {
  text: string;
  /** In the order they were first met; a label appears once. */
  labels: Array<{ label: string; weight: number }>;
}

/** 0 for a category, 1 for a topic, 2 for the event type, 3 for a person, 4 for anything else. */
function rank(label: string): number {
  if (label === 'kz-us' || label === 'c5plus1') return 0;
  if (label.startsWith('topic:')) return 1;
  if (label.startsWith('event:')) return 2;
  if (label.startsWith('person:')) return 3;
  return 4;
}

export function evidenceBySentence(evidence: readonly Evidence[]): EvidenceSentence[] {
  const ordered = evidence
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        rank(a.e.label) - rank(b.e.label) ||
        (rank(a.e.label) === 0 ? b.e.weight - a.e.weight : 0) ||
        a.i - b.i,
    )
    .map((x) => x.e);
  const bySentence = new Map<string, EvidenceSentence>();
  for (const e of ordered) {
    const key = e.text.replace(/\s+/g, ' ').trim();
    let entry = bySentence.get(key);
    if (!entry) {
      entry = { text: e.text, labels: [] };
      bySentence.set(key, entry);
    }
    const same = entry.labels.find((l) => l.label === e.label);
    if (same) same.weight = round(same.weight + e.weight);
    else entry.labels.push({ label: e.label, weight: e.weight });
  }
  return [...bySentence.values()];
}
