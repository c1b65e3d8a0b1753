/**
 * Topics of a relevant item: weighted keywords per topic (a title hit counts double); a topic holds at
 * RULES.topicThreshold, with its strongest sentence as evidence.
 */
import type { Evidence, Topic } from '../model';
import { type Doc, type Hit, hits } from './document';
import { TOPIC_LEX } from './lexicons';
import { RULES } from './rules';
import { clip, round } from './scoring';

export function detectTopics(doc: Doc): { topics: Topic[]; evidence: Evidence[] } {
  const topics: Topic[] = [];
  const evidence: Evidence[] = [];
  const titleIdx = doc.hasTitle ? 0 : -1;
  for (const { topic, id, weights } of TOPIC_LEX) {
    let sum = 0;
    let best: Hit | null = null;
    let bestW = 0;
    for (const h of hits(doc, id)) {
      const wt = weights[h.group] * (h.s === titleIdx ? 2 : 1);
      sum += wt;
      if (wt > bestW) {
        bestW = wt;
        best = h;
      }
    }
    if (sum >= RULES.topicThreshold && best) {
      topics.push(topic);
      evidence.push({ label: `topic:${topic}`, text: clip(doc.sentences[best.s]), weight: round(sum) });
    }
  }
  return { topics, evidence };
}
