/**
 * The c5plus1 decision, sentence by sentence: does this sentence report the C5+1 format (by name, as
 * a bare "5+1" beside the US, or as the five states as a group with the US). See README.md, step 3.
 */
import type { Doc } from './document';
import { kzUsExplicit } from './kz-us';
import { RULES } from './rules';
import { factsOf, type SentenceFacts, type Signals } from './signals';

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

/**
 * What the whole item is about scales its c5plus1 evidence: another "Central Asia +" format in the
 * headline, or a lead about the US and one other Central Asian state.
 */
export function c5ItemFactor(doc: Doc, sig: Signals): number {
  if (doc.hasTitle && sig.otherFormat.has(0) && !sig.c5Name.has(0)) return RULES.otherFormatTitleFactor;
  return isOtherStateStory(doc, sig) ? RULES.otherStateLeadFactor : 1;
}

/**
 * The lead (headline and first body sentences) pairs the US with one Central Asian state other than
 * Kazakhstan and names neither Kazakhstan, nor the group, nor the format with what it does: a report of
 * US ties with that state, where a C5+1 line is the pair's channel or backdrop ("the Kyrgyz Republic and
 * the United States emphasized the C5+1 format's positive impact", "Uzbekistan's leadership in the
 * C5+1"), not the format's own news.
 */
function isOtherStateStory(doc: Doc, sig: Signals): boolean {
  const lead = Array.from(
    { length: Math.min(doc.sentences.length, RULES.leadSentences + (doc.hasTitle ? 1 : 0)) },
    (_, i) => i,
  );
  const states = new Set<number>();
  let usWithState = false;
  for (const s of lead) {
    // the format with what it does in the lead ("the C5+1 ministers met in Tashkent") is the story
    const formatNews = sig.c5Name.has(s) && sig.c5Activity.has(s);
    if (sig.kz.has(s) || formatNews || sig.caGroup.has(s) || sig.caFive.has(s)) return false;
    const named = sig.c5States.flatMap((m, k) => (m.has(s) ? [k] : []));
    for (const k of named) states.add(k);
    if (named.length > 0 && factsOf(sig, s).hasUs) usWithState = true;
  }
  // index 0 of c5States is Kazakhstan
  return usWithState && states.size === 1 && !states.has(0);
}

/**
 * The format told as background: when one sentence outside the lead is all an item says of the format,
 * and in it a Kazakh official took part in the event ("В рамках этой поездки Токаев ... принял участие в
 * саммите С5+1"), it is Kazakhstan's part in a past event, not the format's news; it weighs as a passing
 * mention. Returns the weight of that sentence, or `w` unchanged.
 */
export function c5BackgroundWeight(
  doc: Doc,
  sig: Signals,
  f: SentenceFacts,
  w: number,
  c5Sentences: number,
): number {
  const leadEnd = RULES.leadSentences + (doc.hasTitle ? 1 : 0);
  if (c5Sentences !== 1 || f.s < leadEnd || !f.hasKz || !sig.pastPart.has(f.s)) return w;
  return Math.min(w, RULES.c5NameAloneWeight);
}
