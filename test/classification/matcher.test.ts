import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold, ruleSource, splitSentences } from '../../functions/domain/classification/classify';
import {
  LexiconSet,
  literalPrefixes,
  type RawMatch,
  requiredLiteral,
} from '../../functions/domain/classification/matcher';
import { PEOPLE } from '../../functions/domain/classification/people';
import { RULES } from '../../functions/domain/classification/rules';

// The single-pass matcher must find exactly what the plain regex alternation finds.

/** The old scan: one regex per lexicon, a match kept where no letter or digit precedes it. */
function regexScan(sources: string[], text: string, ranges?: Array<[number, number]>): RawMatch[] {
  const re = new RegExp(`(?:${sources.map((s) => `(${s})`).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const out: RawMatch[] = [];
  for (const [from, to] of ranges ?? [[0, text.length]]) {
    const slice = text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0 || (m.index > 0 && /[\p{L}\p{N}]/u.test(slice[m.index - 1]))) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({
        start: from + m.index,
        end: from + m.index + m[0].length,
        pattern: m.findIndex((g, i) => i > 0 && g !== undefined) - 1,
      });
    }
  }
  return out;
}

const LEXICONS: Array<{ name: string; patterns: readonly string[]; caseSensitive?: boolean }> = [
  { name: 'kazakhstan', patterns: RULES.kazakhstan },
  { name: 'usa', patterns: RULES.usa },
  { name: 'usaCaseSensitive', patterns: RULES.usaCaseSensitive, caseSensitive: true },
  { name: 'officialTitles.US', patterns: RULES.officialTitles.US },
  { name: 'officialTitles.KZ', patterns: RULES.officialTitles.KZ },
  { name: 'bilateralCompounds', patterns: RULES.bilateralCompounds },
  { name: 'bilateralOffices', patterns: RULES.bilateralOffices },
  { name: 'interaction', patterns: RULES.interaction },
  { name: 'thirdParties', patterns: RULES.thirdParties },
  { name: 'c5Names', patterns: RULES.c5Names },
  { name: 'centralAsiaGroup', patterns: RULES.centralAsiaGroup },
  { name: 'otherFormats', patterns: RULES.otherFormats },
  { name: 'otherPartners', patterns: RULES.otherPartners },
  { name: 'people', patterns: PEOPLE.flatMap((p) => p.patterns.map((x) => `${x}\\p{L}*`)) },
  ...Object.entries(RULES.topics).map(([name, list]) => ({
    name: `topic ${name}`,
    patterns: list.map((w) => w.pattern),
  })),
  ...RULES.events.map(([name, patterns]) => ({ name: `event ${name}`, patterns })),
];

const fixtures = path.resolve(__dirname, '../fixtures/classification');
const items = ['dev-set.jsonl', 'team-tuned.jsonl'].flatMap((f) =>
  readFileSync(path.join(fixtures, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title: string | null; body: string }),
);
// the texts as classify() sees them (sentences folded, one a line), also in capitals and lower case
const texts = items.flatMap((it) => {
  const folded = `${fold([it.title ?? '', ...splitSentences(it.body)].join('\n'))}\n`;
  return [folded, folded.toUpperCase().length === folded.length ? folded.toUpperCase() : folded];
});

describe('the single-pass matcher', () => {
  const set = new LexiconSet();
  const built = LEXICONS.map((l) => {
    const sources = l.patterns.map((p) => ruleSource(p, l.caseSensitive));
    return { ...l, sources, id: set.add(sources, l.caseSensitive) };
  });

  it('finds the same matches as one regex per lexicon, whole text and sentence by sentence', () => {
    let compared = 0;
    for (const folded of texts) {
      const lower = folded.toLowerCase().length === folded.length ? folded.toLowerCase() : folded;
      const scan = set.scan(lower, folded);
      const starts = [0, ...[...folded.matchAll(/\n/g)].map((m) => m.index + 1)].filter(
        (i) => i < folded.length,
      );
      const ranges = starts
        .filter((_, i) => i % 2 === 0)
        .map((s): [number, number] => [s, folded.indexOf('\n', s) + 1]);
      for (const l of built) {
        const text = l.caseSensitive ? folded : lower;
        const expected = regexScan(l.sources, text);
        expect(scan.matches(l.id), l.name).toEqual(expected);
        expect(scan.matches(l.id, ranges), `${l.name} in sentences`).toEqual(
          regexScan(l.sources, text, ranges),
        );
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('derives literal prefixes that every match starts with', () => {
    expect(literalPrefixes('блинкен\\p{L}*')).toEqual(['блинкен']);
    expect(literalPrefixes('(?:u\\.?s\\.?|american) (?:ambassador|embassy)')?.sort()).toEqual([
      'american',
      'u.',
      'us',
    ]);
    expect(literalPrefixes('[cсbв]\\s*5')?.sort()).toEqual(['b', 'c', 'в', 'с']);
    expect(literalPrefixes('(?<!(?:nuclear|energy) )security')).toEqual(['security']);
    expect(literalPrefixes('rare[- ]earth\\p{L}*')?.sort()).toEqual(['rare earth', 'rare-earth']);
    // a pattern that may start with anything cannot be prefiltered
    expect(literalPrefixes('\\s*[-–—]\\s*')).toBeNull();
    expect(literalPrefixes('(?:the )?\\p{L}+')).toBeNull();
  });

  it('starts a pattern with an optional group at either branch (the group, or what follows it)', () => {
    expect(literalPrefixes('(?:the )?us')?.sort()).toEqual(['the ', 'us']);
    expect(literalPrefixes('(?:рынок |рынка )?энерги\\p{L}*')?.sort()).toEqual([
      'рынка ',
      'рынок ',
      'энерги',
    ]);
    expect(literalPrefixes('a(?:b|c)?d')?.sort()).toEqual(['ab', 'ac', 'ad']);
  });

  it('names the pattern of every match, also for an optional start or a lexicon scanned by its regex', () => {
    // a topic list weighs each match by its pattern: a match with no pattern loses the whole topic
    const lists = [
      ['trade\\p{L}*', '(?:foreign |direct )?investment\\p{L}*', 'market access'],
      ['(?:the )?energy', '[a-z]+power', 'oil'],
      ['(?:uranium )?\\p{L}*nuclear', 'non-?proliferation'],
    ];
    const own = new LexiconSet();
    const ids = lists.map((l) => own.add(l));
    const text =
      'foreign investment and trade; the energy of windpower, oil and uranium nuclear non-proliferation\ninvestments in energy, thermonuclear\n';
    const scan = own.scan(text, text);
    lists.forEach((l, i) => {
      const got = scan.matches(ids[i]);
      expect(got).toEqual(regexScan(l, text));
      expect(got.length).toBeGreaterThan(1);
      expect(got.every((m) => m.pattern >= 0 && m.pattern < l.length)).toBe(true);
    });
    expect(scan.matches(ids[1]).map((m) => text.slice(m.start, m.end))).toEqual([
      'the energy',
      'windpower',
      'oil',
      'energy',
    ]);
  });

  it('finds a literal every match must contain, to skip patterns the text cannot match', () => {
    expect(requiredLiteral('[cсbв]\\s*5\\s*\\+\\s*1(?!\\d)')).toBe('+');
    expect(requiredLiteral('j\\.? ?d\\.? vance\\p{L}*')).toBe(' vance');
    expect(requiredLiteral('minerals?')).toBe('mineral');
    expect(requiredLiteral('(?:министерств|министр)\\p{L}* энергетики|минэнерго')).toBeNull();
  });
});
