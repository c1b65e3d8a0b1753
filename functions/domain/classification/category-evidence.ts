/**
 * The evidence for both categories, gathered sentence by sentence (the title weighs 1.5x), then the
 * headline factors applied to the sums.
 */
import type { Evidence } from '../model';
import { c5TitleFactor, c5Weight } from './c5plus1';
import type { Doc } from './document';
import { kzUsTitleFactor, kzUsWeight } from './kz-us';
import { type CategoryWeights, clip, round } from './scoring';
import { factsOf, type Signals } from './signals';

export function weighCategories(doc: Doc, sig: Signals): CategoryWeights {
  const kzUsEvidence: Evidence[] = [];
  const c5Evidence: Evidence[] = [];
  let kzUsSum = 0;
  let c5Sum = 0;
  // Only a candidate sentence (or one naming the C5+1) can weigh anything: every other rule needs a
  // lexicon matched on candidates only, or the US.
  const active = [...new Set([...sig.candidates, ...sig.c5Name.keys()])].sort((a, b) => a - b);
  for (const s of active) {
    const f = factsOf(sig, s);
    const titleBoost = doc.hasTitle && s === 0 ? 1.5 : 1;
    const w = kzUsWeight(doc, sig, f);
    if (w > 0) {
      const weight = round(w * titleBoost);
      kzUsSum += weight;
      kzUsEvidence.push({ label: 'kz-us', text: clip(doc.sentences[s]), weight });
    }
    const c = c5Weight(sig, f);
    if (c > 0) {
      const weight = round(c * titleBoost);
      c5Sum += weight;
      c5Evidence.push({ label: 'c5plus1', text: clip(doc.sentences[s]), weight });
    }
  }
  kzUsSum *= kzUsTitleFactor(doc, sig);
  c5Sum *= c5TitleFactor(doc, sig);
  return { kzUsSum, c5Sum, kzUsEvidence, c5Evidence };
}
