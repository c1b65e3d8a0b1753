/** The shape of one language's sentence material for generated news pages. */

export type Lang = 'en' | 'ru' | 'kk' | 'kk-latn';

export interface Bank {
  subjects: string[];
  verbs: string[];
  objects: string[];
  tails: string[];
  relevant: string[];
  dateline: string;
  readAlso: string;
  comments: string;
  latest: string;
  nav: string[];
  footer: string[];
  months: string[];
}
