/**
 * The kz-us decision, sentence by sentence: does this sentence report a Kazakhstan–US bilateral
 * interaction or agenda, and how strongly. See README.md ("How a decision is made", step 2).
 */
import type { Doc, Hit } from './document';
import { MEETING_JOINER, PAIR_JOINER, PAIR_PHRASE } from './lexicons';
import { RULES } from './rules';
import { factsOf, type SentenceFacts, type Signals } from './signals';

/** The kz-us weight of one sentence, before the title boost. */
export function kzUsWeight(doc: Doc, sig: Signals, f: SentenceFacts): number {
  const s = f.s;
  if (f.negative) return 0;
  const compoundCount = (sig.compound.get(s)?.length ?? 0) - (sig.nonRelation.get(s)?.length ?? 0);
  if (compoundCount > 0) return 0.6;
  if (sig.office.has(s)) return f.hasKz || !sig.third.has(s) ? 0.5 : 0.5 * RULES.thirdPartyFactor;
  if (!(f.hasKz && f.hasUs)) return 0;
  const blockers = [...(sig.third.get(s) ?? []), ...(sig.caGroup.get(s) ?? []), ...(sig.c5Name.get(s) ?? [])];
  const pair =
    isPair(doc, sig.kz.get(s) ?? [], sig.us.get(s) ?? [], blockers, f.statesNamed < 2) ||
    visitsKazakhstan(sig, f);
  const officials = sig.officials.kz.has(s) && sig.officials.us.has(s);
  let w = pair ? 0.45 : 0.1;
  if (f.hasInteraction) w += officials ? 0.4 : 0.25;
  if (!pair && sig.third.has(s)) w *= RULES.thirdPartyFactor;
  if (!pair && f.multilateralC5) w *= 0.3;
  return w;
}

/**
 * True when the sentence names the two countries as such: a bilateral compound, an office of one in
 * the other, a direct pairing, or a word like "bilateral". Such a sentence keeps its full weight in an
 * item that reports the C5+1 (category-evidence.ts).
 */
export function kzUsExplicit(doc: Doc, sig: Signals, s: number): boolean {
  const compoundCount = (sig.compound.get(s)?.length ?? 0) - (sig.nonRelation.get(s)?.length ?? 0);
  if (compoundCount > 0 || sig.office.has(s) || sig.bilateral.has(s)) return true;
  const blockers = [...(sig.third.get(s) ?? []), ...(sig.caGroup.get(s) ?? []), ...(sig.c5Name.get(s) ?? [])];
  const f = factsOf(sig, s);
  return (
    isPair(doc, sig.kz.get(s) ?? [], sig.us.get(s) ?? [], blockers, f.statesNamed < 2) ||
    visitsKazakhstan(sig, f)
  );
}

/** A visit to Kazakhstan in a sentence naming the US side and no third country or list of states. */
function visitsKazakhstan(sig: Signals, f: SentenceFacts): boolean {
  return sig.visit.has(f.s) && f.hasUs && !sig.third.has(f.s) && f.statesNamed < 2;
}

/** The item names the Kazakh side somewhere (the country, its capital, an abbreviation or an official). */
export function namesKazakhstan(sig: Signals): boolean {
  return sig.kz.size > 0 || sig.officials.kz.size > 0;
}

/** A sports or currency headline scales the whole item down, unless it names the relationship. */
export function kzUsTitleFactor(doc: Doc, sig: Signals): number {
  if (!doc.hasTitle) return 1;
  const titleCompound = sig.compound.has(0) && !sig.nonRelation.has(0);
  return (sig.negSport.has(0) || sig.negCurrency.has(0)) && !titleCompound ? RULES.titleVetoFactor : 1;
}

/**
 * True when a Kazakhstan mention and a US mention are joined directly ("Kazakhstan and the US"), or,
 * with `meetings` (the sentence lists no other Central Asian state), as the two parties of a meeting.
 */
function isPair(doc: Doc, kz: Hit[], us: Hit[], blockers: Hit[], meetings: boolean): boolean {
  for (const a of kz) {
    for (const b of us) {
      const [first, second] = a.start < b.start ? [a, b] : [b, a];
      const between = doc.folded.slice(first.end, second.start);
      if (between.length <= 12 && PAIR_JOINER.test(between)) return true;
      const clear = !blockers.some((t) => t.start >= first.end && t.end <= second.start);
      // "USAID's administrator met with Kazakhstan's KazAID": the two sides as the parties of one meeting
      if (meetings && clear && between.length <= RULES.meetingJoinerMaxChars && MEETING_JOINER.test(between))
        return true;
      // "Kazakhstan's Geology Committee and the US Geological Survey": two bodies, one of each side,
      // joined in one phrase with nothing (no third country, no list) between them
      if (
        between.length <= RULES.pairPhraseMaxChars &&
        PAIR_PHRASE.test(between) &&
        !blockers.some((t) => t.start >= first.end && t.end <= second.start)
      )
        return true;
    }
  }
  return false;
}
