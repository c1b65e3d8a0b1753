/**
 * The rules of rules.ts and people.ts compiled once, at module load, into lexicons of one matcher set
 * (every lexicon is then found in a single pass over a text) and the few rules that stay regexes.
 */
import { TOPICS } from '../model';
import { fold, lowerSource } from './fold';
import { LexiconSet } from './matcher';
import { PEOPLE } from './people';
import { RULES } from './rules';

const B_END = '(?![\\p{L}\\p{N}])';

// Every lexicon goes into one set matched in a single pass (matcher.ts); a lexicon id stands for
// the alternation `(?:p1|p2|...)` of its patterns with a letter boundary on both sides.
export const LEX = new LexiconSet();
/** A rule pattern as the matcher takes it: folded, and lower-cased unless matched case-sensitively. */
export function ruleSource(pattern: string, caseSensitive = false): string {
  return caseSensitive ? fold(pattern) : lowerSource(fold(pattern));
}
const lexicon = (patterns: readonly string[], caseSensitive = false) =>
  LEX.add(
    patterns.map((p) => ruleSource(p, caseSensitive)),
    caseSensitive,
  );

export const RE = {
  kz: lexicon(RULES.kazakhstan),
  kzCs: lexicon(RULES.kazakhstanCaseSensitive, true),
  us: lexicon(RULES.usa),
  usCs: lexicon(RULES.usaCaseSensitive, true),
  compound: lexicon(RULES.bilateralCompounds),
  nonRelation: lexicon(RULES.bilateralNonRelations),
  office: lexicon(RULES.bilateralOffices),
  bilateral: lexicon(RULES.bilateralWords),
  interaction: lexicon(RULES.interaction),
  negCurrency: lexicon(RULES.negativeContexts.currency),
  negSport: lexicon(RULES.negativeContexts.sport),
  third: lexicon(RULES.thirdParties),
  c5Name: lexicon(RULES.c5Names),
  c5Activity: lexicon(RULES.c5Activity),
  pastPart: lexicon(RULES.pastParticipation),
  visit: lexicon(RULES.visitToKazakhstan),
  caGroup: lexicon(RULES.centralAsiaGroup),
  caFive: lexicon(RULES.centralAsiaFive),
  c5States: RULES.c5States.map((names) => lexicon(names.map((n) => `${n}\\p{L}*`))),
  otherFormat: lexicon(RULES.otherFormats),
  otherPartner: lexicon(RULES.otherPartners),
  usOfficial: lexicon(RULES.officialTitles.US),
  kzOfficial: lexicon(RULES.officialTitles.KZ),
};
// Two small regexes stay regexes: currency masks apply anywhere (no start boundary), and a bare
// "5+1" may follow a letter or digit check of its own (its look-behind).
export const CURRENCY_RE = new RegExp(
  lowerSource(`(?:${RULES.currencyMasks.map(fold).join('|')})${B_END}`),
  'gu',
);
export const C5_AMBIGUOUS_RE = new RegExp(lowerSource(`(?:${RULES.c5Ambiguous.map(fold).join('|')})`), 'gu');
// Words joining the two sides as the parties of one meeting or call, with anything short between.
export const MEETING_JOINER = new RegExp(`(?:${RULES.meetingJoiners.map(fold).join('|')})(?![\\p{L}])`, 'iu');
export const PAIR_JOINER = new RegExp(`^(?:${RULES.pairJoiners.join('|')})$`, 'iu');
// At most three words of the first body, the joiner, then the second side's mention ("the" allowed,
// or one word naming what the second body is: "между авиакомпанией Air Astana и компанией Boeing").
export const PAIR_PHRASE = new RegExp(
  `^(?:'s)?(?:\\s+(?!(?:${RULES.pairPhraseStopWords.join('|')})(?![\\p{L}]))[\\p{L}\\p{N}-]+){0,3}\\s+(?:${RULES.pairPhraseJoiners.join('|')})\\s+(?:the\\s+|(?:${RULES.pairPhraseBodyWords.join('|')})\\s+)?$`,
  'iu',
);

/** People: one lexicon of every spelling, each pattern owned by its person. */
export const PEOPLE_LEX = (() => {
  const alternatives: string[] = [];
  const owners: number[] = [];
  PEOPLE.forEach((person, i) => {
    for (const p of person.patterns) {
      alternatives.push(`${p}\\p{L}*`);
      owners.push(i);
    }
  });
  return { id: lexicon(alternatives), owners };
})();

export const TOPIC_LEX = TOPICS.map((topic) => {
  const list = RULES.topics[topic];
  return { topic, id: lexicon(list.map((w) => w.pattern)), weights: list.map((w) => w.weight) };
});

export const EVENT_LEX = RULES.events.map(([type, patterns]) => ({ type, id: lexicon(patterns) }));

// ---------------------------------------------------------------------------------------------
