/**
 * The classifier's knowledge, as data. Every pattern is a regular-expression *source* (no flags, no
 * slashes) matched case-insensitively (unless listed under a `caseSensitive` key) against text that
 * has been folded: Latin diacritics removed (á→a, ý→u, ı→i, ǵ→g, ń→n; Cyrillic letters kept, ё→е,
 * й→и). So write Kazakh Latin in plain ASCII (`qazaqstan`, `aqsh`, `ortalyq aziia`) and Russian with
 * `е` for `ё` and `и` for `й`. Word stems take inflection: `казахстан\p{L}*` covers Казахстана,
 * Казахстаном; `блинкен\p{L}*` covers Блинкенмен. Every pattern is wrapped in letter boundaries.
 * See README.md in this folder for how the rules combine.
 *
 * The rules are kept in ./rules/, one file per thing they decide; this index gathers them into the
 * one RULES object the classifier reads.
 */
import type { Topic } from '../model';
import { C5PLUS1_FORMAT } from './rules/c5plus1-format';
import { EVENTS } from './rules/events';
import { INTERACTION } from './rules/interaction';
import { KZ_US_PAIRING } from './rules/kz-us-pairing';
import { NEGATIVES } from './rules/negatives';
import { OTHER_PARTNERS } from './rules/other-partners';
import type { WeightedPattern } from './rules/pattern';
import { SIDES } from './rules/sides';
import { THRESHOLDS } from './rules/thresholds';
import { ECONOMY_TOPICS } from './rules/topics-economy';
import { SECURITY_TOPICS } from './rules/topics-security';
import { SOCIETY_TOPICS } from './rules/topics-society';

export type { PersonRule, WeightedPattern } from './rules/pattern';

export const RULES = {
  ...SIDES,
  ...KZ_US_PAIRING,
  ...INTERACTION,
  ...C5PLUS1_FORMAT,
  ...NEGATIVES,
  ...OTHER_PARTNERS,
  ...THRESHOLDS,
  // listed in the order of TOPICS in model.ts, the order topics are tried and reported in
  topics: {
    'trade-investment': ECONOMY_TOPICS['trade-investment'],
    energy: ECONOMY_TOPICS.energy,
    'security-afghanistan': SECURITY_TOPICS['security-afghanistan'],
    climate: ECONOMY_TOPICS.climate,
    'critical-minerals': ECONOMY_TOPICS['critical-minerals'],
    'humanitarian-aid': SECURITY_TOPICS['humanitarian-aid'],
    'governance-reforms': SOCIETY_TOPICS['governance-reforms'],
    'nuclear-nonproliferation': SECURITY_TOPICS['nuclear-nonproliferation'],
    'education-culture': SOCIETY_TOPICS['education-culture'],
    'visas-consular': SOCIETY_TOPICS['visas-consular'],
  } satisfies Record<Topic, WeightedPattern[]>,
  events: EVENTS,
} as const;
