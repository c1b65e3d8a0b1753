/**
 * What every rule file is written in: pattern sources, weighted patterns and person rules. Kept apart
 * so the rule files and the index that gathers them share these without importing each other.
 */

/** A weighted pattern: when it matches a sentence, `weight` is added to the label's evidence. */
export interface WeightedPattern {
  pattern: string;
  weight: number;
  note?: string;
}

export interface PersonRule {
  canonical: string;
  country: 'KZ' | 'US' | 'C5' | 'OTHER';
  /** Name stems in every script; inflectional endings are allowed after each. */
  patterns: string[];
}

/** Any inflectional ending, appended to a stem. */
export const L = '\\p{L}*';
