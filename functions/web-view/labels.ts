import type { Category, Language, Topic } from '../domain/model';

/** Human names for the fixed vocabularies; unknown values show as they are. */
export const CATEGORY_NAMES: Record<Category, string> = { 'kz-us': 'Kazakhstan–US', c5plus1: 'C5+1' };

export const TOPIC_NAMES: Record<Topic, string> = {
  'trade-investment': 'Trade & investment',
  energy: 'Energy',
  'security-afghanistan': 'Security & Afghanistan',
  climate: 'Climate',
  'critical-minerals': 'Critical minerals',
  'humanitarian-aid': 'Humanitarian aid',
  'governance-reforms': 'Governance & reforms',
  'nuclear-nonproliferation': 'Nuclear non-proliferation',
  'education-culture': 'Education & culture',
  'visas-consular': 'Visas & consular',
};

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

export const categoryName = (c: string) => CATEGORY_NAMES[c as Category] ?? c;
export const topicName = (t: string) => TOPIC_NAMES[t as Topic] ?? t;
export const languageName = (l: string) => LANGUAGE_NAMES[l as Language] ?? l;
