/**
 * What each sentence says, as far as the kz-us and c5plus1 decisions need it: which lexicons match in
 * it. The costly lexicons run only on candidate sentences — those naming the US or a US official, and
 * the title — since every kz-us and c5plus1 rule needs the US; an unrelated story costs a few passes.
 */
import { bySentence, type Doc, type Hit, hits, hitsIn, regexHitsIn } from './document';
import { C5_AMBIGUOUS_RE, RE } from './lexicons';
import type { Officials } from './officials';

type BySentence = Map<number, Hit[]>;

export interface Signals {
  officials: Officials;
  kz: BySentence;
  us: BySentence;
  /** The sentences the costly lexicons were matched on. */
  candidates: Set<number>;
  compound: BySentence;
  nonRelation: BySentence;
  office: BySentence;
  /** Words naming the two countries as such ("bilateral", "двусторонн…", "екіжақты"). */
  bilateral: BySentence;
  interaction: BySentence;
  negCurrency: BySentence;
  negSport: BySentence;
  third: BySentence;
  /** Matched on every sentence: naming the format is evidence without the US. */
  c5Name: BySentence;
  /** Matched where the format is named: what it does (a meeting, a summit). */
  c5Activity: BySentence;
  /** Matched where the format is named: someone's completed part in an event ("took part in"). */
  pastPart: BySentence;
  /** A visit to Kazakhstan ("visit Kazakhstan", "посетит Казахстан"). */
  visit: BySentence;
  c5Ambiguous: BySentence;
  caGroup: BySentence;
  /** The group counted as five ("the leaders of five Central Asian countries"). */
  caFive: BySentence;
  /** One map per Central Asian state. */
  c5States: BySentence[];
  otherFormat: BySentence;
  otherPartner: BySentence;
}

export function gatherSignals(doc: Doc, officials: Officials): Signals {
  const kz = bySentence([...hits(doc, RE.kz), ...hits(doc, RE.kzCs)]);
  const us = bySentence([...hits(doc, RE.us), ...hits(doc, RE.usCs)]);
  const candidates = new Set<number>([...us.keys(), ...officials.us]);
  if (doc.hasTitle) candidates.add(0);
  const on = (id: number) => bySentence(hitsIn(doc, id, candidates));
  const c5Name = bySentence(hits(doc, RE.c5Name));
  // where the format is named without the US, whether it is another partner's and what it does
  const c5Sentences = new Set([...candidates, ...c5Name.keys()]);
  const onC5 = (id: number) => bySentence(hitsIn(doc, id, c5Sentences));
  return {
    officials,
    kz,
    us,
    candidates,
    compound: on(RE.compound),
    nonRelation: on(RE.nonRelation),
    office: on(RE.office),
    bilateral: on(RE.bilateral),
    interaction: on(RE.interaction),
    negCurrency: on(RE.negCurrency),
    negSport: on(RE.negSport),
    third: on(RE.third),
    c5Name,
    c5Activity: onC5(RE.c5Activity),
    pastPart: onC5(RE.pastPart),
    visit: on(RE.visit),
    c5Ambiguous: bySentence(regexHitsIn(doc, C5_AMBIGUOUS_RE, candidates)),
    caGroup: on(RE.caGroup),
    caFive: on(RE.caFive),
    c5States: RE.c5States.map((id) => on(id)),
    otherFormat: onC5(RE.otherFormat),
    otherPartner: onC5(RE.otherPartner),
  };
}

/** The facts of one sentence both decisions read. */
export interface SentenceFacts {
  s: number;
  hasKz: boolean;
  hasUs: boolean;
  hasInteraction: boolean;
  /** About currency or sport. */
  negative: boolean;
  /** Of the five Central Asian states, how many are named. */
  statesNamed: number;
  /** About the Central Asian group as a whole (the format by name, the group, or three states). */
  multilateralC5: boolean;
}

export function factsOf(sig: Signals, s: number): SentenceFacts {
  const statesNamed = sig.c5States.filter((m) => m.has(s)).length;
  return {
    s,
    hasKz: sig.kz.has(s) || sig.officials.kz.has(s),
    hasUs: (sig.us.get(s)?.length ?? 0) > 0 || sig.officials.us.has(s),
    hasInteraction: sig.interaction.has(s),
    negative: sig.negCurrency.has(s) || sig.negSport.has(s),
    statesNamed,
    multilateralC5: sig.c5Name.has(s) || sig.caGroup.has(s) || statesNamed >= 3,
  };
}
