/**
 * Who is named: the officials of people.ts by any spelling (one canonical name each, with the first
 * sentence naming them), and the sentences where an official of each side appears, by name or office.
 */
import type { Evidence } from '../model';
import { type Doc, hits } from './document';
import { PEOPLE_LEX, RE } from './lexicons';
import { PEOPLE } from './people';
import type { PersonRule } from './rules';
import { clip } from './scoring';

export interface Officials {
  /** Sentences naming an official of Kazakhstan (by name or by office). */
  kz: Set<number>;
  /** Sentences naming an official of the US (by name or by office). */
  us: Set<number>;
  /** Sentences naming an official of another Central Asian state. */
  c5: Set<number>;
  /** The people named, in order of first mention. */
  people: PersonRule[];
  /** The first sentence naming each person. */
  evidence: Evidence[];
}

export function findOfficials(doc: Doc): Officials {
  const found: Officials = { kz: new Set(), us: new Set(), c5: new Set(), people: [], evidence: [] };
  for (const h of hits(doc, PEOPLE_LEX.id)) {
    const person = PEOPLE[PEOPLE_LEX.owners[h.group]];
    if (person.country === 'KZ') found.kz.add(h.s);
    else if (person.country === 'US') found.us.add(h.s);
    else if (person.country === 'C5') found.c5.add(h.s);
    if (!found.people.some((p) => p.canonical === person.canonical)) {
      found.people.push(person);
      found.evidence.push({ label: `person:${person.canonical}`, text: clip(doc.sentences[h.s]), weight: 1 });
    }
  }
  // Officials named by office ("the US President") count as officials of their side.
  for (const h of hits(doc, RE.usOfficial)) found.us.add(h.s);
  for (const h of hits(doc, RE.kzOfficial)) found.kz.add(h.s);
  return found;
}
