/**
 * The relevance classifier: pure, synchronous, rules from ./rules.ts and ./people.ts compiled once at
 * module load (lexicons.ts). See README.md for how the evidence adds up. Each step lives in the file
 * named for what it decides:
 *   document.ts / sentences.ts / fold.ts  the sentences and their folded text, matched in one pass
 *   officials.ts                          who is named, and which sentences name an official of a side
 *   signals.ts                            which lexicons match in each candidate sentence
 *   kz-us.ts, c5plus1.ts                  each category's weight per sentence and headline factor
 *   category-evidence.ts, scoring.ts      the sums, the decision and the scores
 *   topics.ts, event-type.ts              what a relevant item is about, and what kind of event
 */
import { detectLanguage, languageFromUrl } from '../extraction/language';
import type { Classification, ClassifierInput, Language } from '../model';
import { weighCategories } from './category-evidence';
import { buildDoc } from './document';
import { detectEvent, eventEvidence } from './event-type';
import { findOfficials } from './officials';
import { decideCategories } from './scoring';
import { gatherSignals } from './signals';
import { detectTopics } from './topics';

export { fold, foldText } from './fold';
export { ruleSource } from './lexicons';
export { splitSentences } from './sentences';

export function classify(input: ClassifierInput): Classification {
  const title = input.title ?? null;
  const body = typeof input.body === 'string' ? input.body : '';
  const doc = buildDoc(title, body);
  const officials = findOfficials(doc);
  const decision = decideCategories(weighCategories(doc, gatherSignals(doc, officials)));
  const relevant = decision.categories.length > 0;
  const topics = relevant ? detectTopics(doc) : { topics: [], evidence: [] };
  const event = relevant ? detectEvent(doc) : { type: 'other' as const, s: -1 };
  const language: Language =
    input.language ??
    languageFromUrl(input.url) ??
    detectLanguage(`${title ?? ''} ${body.slice(0, 4000)}`) ??
    'en';
  return {
    relevant,
    categories: decision.categories,
    scores: decision.scores,
    topics: topics.topics,
    people: officials.people.map((p) => p.canonical),
    eventType: event.type,
    language,
    evidence: [
      ...decision.evidence,
      ...topics.evidence,
      ...eventEvidence(doc, event),
      ...(relevant ? officials.evidence : []),
    ],
  };
}
