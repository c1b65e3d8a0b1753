/**
 * The evidence for both categories, gathered sentence by sentence (the title weighs 1.5x), then the
 * item factors (headline, lead) applied to the sums.
 */
import type { Evidence } from '../model';
import { c5BackgroundWeight, c5ItemFactor, c5Weight } from './c5plus1';
import type { Doc } from './document';
import { kzUsExplicit, kzUsTitleFactor, kzUsWeight, namesKazakhstan } from './kz-us';
import { RULES } from './rules';
import { type CategoryWeights, clip, round } from './scoring';
import { factsOf, type SentenceFacts, type Signals } from './signals';

export function weighCategories(doc: Doc, sig: Signals): CategoryWeights {
  const kzUs: Array<{ s: number; w: number; explicit: boolean }> = [];
  const c5Evidence: Evidence[] = [];
  let c5Sum = 0;
  // Only a candidate sentence (or one naming the C5+1) can weigh anything: every other rule needs a
  // lexicon matched on candidates only, or the US.
  const active = [...new Set([...sig.candidates, ...sig.c5Name.keys()])].sort((a, b) => a - b);
  // kz-us is about Kazakhstan: an item that never names the Kazakh side (a US envoy in Bishkek) has none
  const kazakh = namesKazakhstan(sig);
  const c5: Array<{ f: SentenceFacts; w: number }> = [];
  for (const s of active) {
    const f = factsOf(sig, s);
    const titleBoost = doc.hasTitle && s === 0 ? 1.5 : 1;
    const w = kazakh ? kzUsWeight(doc, sig, f) : 0;
    if (w > 0) kzUs.push({ s, w: w * titleBoost, explicit: kzUsExplicit(doc, sig, s) });
    const c = c5Weight(doc, sig, f);
    if (c > 0) c5.push({ f, w: c * titleBoost });
  }
  for (const { f, w } of c5) {
    const weight = round(c5BackgroundWeight(doc, sig, f, w, c5.length));
    c5Sum += weight;
    c5Evidence.push({ label: 'c5plus1', text: clip(doc.sentences[f.s]), weight });
  }
  c5Sum *= c5ItemFactor(doc, sig);
  // In a report of the C5+1, a sentence that does not name the two countries as such is most often
  // Kazakhstan's part in the group meeting; a bilateral paragraph keeps its full weight.
  const inC5Report = c5Sum >= RULES.c5Threshold;
  const kzUsEvidence: Evidence[] = [];
  let kzUsSum = 0;
  for (const k of kzUs) {
    const weight = round(inC5Report && !k.explicit ? k.w * RULES.multilateralKzUsFactor : k.w);
    kzUsSum += weight;
    kzUsEvidence.push({ label: 'kz-us', text: clip(doc.sentences[k.s]), weight });
  }
  kzUsSum *= kzUsTitleFactor(doc, sig);
  return { kzUsSum, c5Sum, kzUsEvidence, c5Evidence };
}
