/**
 * The c5plus1 decision, sentence by sentence: does this sentence report the C5+1 format (by name, as
 * a bare "5+1" beside the US, or as the five states as a group with the US). See README.md, step 3.
 */
import type { Doc } from './document';
import { kzUsExplicit } from './kz-us';
import { RULES } from './rules';
import type { SentenceFacts, Signals } from './signals';

/** The c5plus1 weight of one sentence, before the title boost. */
export function c5Weight(doc: Doc, sig: Signals, f: SentenceFacts): number {
  const s = f.s;
  const otherFormatHere = sig.otherFormat.has(s);
  // "a C5+1 summit" hosted by Japan, with no US in the sentence, is that partner's format
  const partnerOnly = sig.otherPartner.has(s) && !f.hasUs;
  if (sig.c5Name.has(s)) {
    if (otherFormatHere || partnerOnly) return 0.15;
    return sig.c5Activity.has(s) ? 0.6 : RULES.c5NameAloneWeight;
  }
  const usWithoutOthers = f.hasUs && !sig.otherPartner.has(s) && !otherFormatHere;
  if (sig.c5Ambiguous.has(s) && usWithoutOthers) return 0.4;
  // all five named with the US and an interaction is the format by its description ("a dinner with the
  // leaders of Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan and Turkmenistan at the White House")
  const group = sig.caGroup.has(s) || sig.caFive.has(s) || f.statesNamed >= 4;
  // "Kazakhstan and the US team up to assist Central Asian countries": the region is what the two
  // sides act on, not a group meeting the US
  if (group && kzUsExplicit(doc, sig, s)) return 0;
  if (f.statesNamed >= 5 && usWithoutOthers && f.hasInteraction) return 0.5;
  if (group && usWithoutOthers) return f.hasInteraction ? 0.45 : 0.2;
  return 0;
}

/** Another "Central Asia +" format in the headline scales the whole item down. */
export function c5TitleFactor(doc: Doc, sig: Signals): number {
  if (!doc.hasTitle) return 1;
  return sig.otherFormat.has(0) && !sig.c5Name.has(0) ? RULES.otherFormatTitleFactor : 1;
}
