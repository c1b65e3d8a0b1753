/**
 * The relevance classifier: pure, synchronous, rules from ./rules.ts and ./people.ts compiled once at
 * module load. See README.md for how the evidence adds up.
 */
import type { Category, Classification, ClassifierInput, Evidence, EventType, Language, Topic } from '../model';
import { TOPICS } from '../model';
import { detectLanguage, languageFromUrl } from '../extraction/language';
import { PEOPLE } from './people';
import { LexiconSet, type Scan } from './matcher';
import { RULES } from './rules';

// ---------------------------------------------------------------------------------------------
// Folding and compilation
// ---------------------------------------------------------------------------------------------

/** Removes combining marks (Latin diacritics, й→и, ё→е), maps Kazakh Latin ý→u and ı→i. */
export function fold(text: string): string {
  return text
    .replace(/ý/g, 'u') // Kazakh Latin ý is the letter у: saýda -> sauda, Aýǵanstan -> auganstan
    .replace(/Ý/g, 'U')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[’`ʼ]/g, "'")
    .normalize('NFC')
    // Kazakh Latin spells ия both "ıa" and "iia" (Azıa, Aziia): one spelling for both
    .replace(/([iI])[iI]/g, '$1');
}

/**
 * Per UTF-16 unit, what fold() makes of it when no neighbour can change that: FOLD_KIND 1 = itself,
 * 2 = FOLD_TO (one unit), 3 = nothing (a stripped mark), 4 = unsafe (a neighbour may compose with it, or
 * it grows), 0 = not known yet. Only Latin, Cyrillic, general punctuation and the marks fold() strips
 * are safe: elsewhere (Greek, Indic, Hangul, surrogates) the whole text goes through fold().
 */
const FOLD_KIND = new Uint8Array(65536);
const FOLD_TO = new Uint16Array(65536);
const MARK = /^\p{M}$/u;
function foldKind(c: number): number {
  let k = FOLD_KIND[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    const f = fold(ch);
    if (c >= 0x300 && c <= 0x36f) k = 3;
    else if (!(c < 0x300 || (c >= 0x400 && c < 0x500) || (c >= 0x2000 && c < 0x3000)) || MARK.test(ch)) k = 4;
    else if (f === ch) k = 1;
    else if (f.length === 1 && f.charCodeAt(0) < 0x500 && !MARK.test(f)) {
      k = 2;
      FOLD_TO[c] = f.charCodeAt(0);
    } else k = 4;
    FOLD_KIND[c] = k;
  }
  return k;
}

const isI = (c: number) => c === 0x69 || c === 0x49;

/**
 * fold() in one pass over the text, unit by unit, for text made of safe units only (each folds on
 * its own, and what is left has no mark for a neighbour to compose with); anything else goes through
 * fold() itself. The "ii" collapse reads the folded units as fold()'s last regex does, left to right.
 */
export function foldText(text: string): string {
  let out = '';
  let at = 0; // text[at..i) still to copy as is
  let pairOpen = false; // the last unit kept is an i or I that may swallow the next
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let r = c;
    if (c >= 0x80 || c === 0x60) {
      const k = foldKind(c);
      if (k === 4) return fold(text);
      if (k !== 1) {
        out += text.slice(at, i);
        at = i + 1;
        if (k === 3) continue;
        r = FOLD_TO[c];
        out += String.fromCharCode(r);
      }
    }
    if (isI(r)) {
      if (pairOpen) {
        // drop this unit: copy what precedes it, unless it was just written as a fold
        if (at <= i) out += text.slice(at, i);
        else out = out.slice(0, -1);
        at = i + 1;
        pairOpen = false;
      } else pairOpen = true;
    } else pairOpen = false;
  }
  return at === 0 ? text : out + text.slice(at);
}

const B_END = '(?![\\p{L}\\p{N}])';

/**
 * Case-insensitive rules are matched on a lower-cased copy of the folded text (same offsets), so
 * their sources are lower-cased here, escapes (`\\p{L}`, `\\d`, `\\S`) left alone. Case-sensitive
 * rules are matched on the folded text itself.
 */
function lowerSource(source: string): string {
  return source.replace(/\\[pP]\{[^}]*\}|\\.|[^\\]+/g, (m) => (m.startsWith('\\') ? m : m.toLowerCase()));
}

/** Lower-cases without changing the length (a few letters, like İ, grow when lower-cased). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/\p{Lu}/gu, (c) => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  });
}

// Every lexicon goes into one set matched in a single pass (matcher.ts); a lexicon id stands for
// the alternation `(?:p1|p2|...)` of its patterns with a letter boundary on both sides.
const LEX = new LexiconSet();
/** A rule pattern as the matcher takes it: folded, and lower-cased unless matched case-sensitively. */
export function ruleSource(pattern: string, caseSensitive = false): string {
  return caseSensitive ? fold(pattern) : lowerSource(fold(pattern));
}
const lexicon = (patterns: readonly string[], caseSensitive = false) =>
  LEX.add(patterns.map((p) => ruleSource(p, caseSensitive)), caseSensitive);

const RE = {
  kz: lexicon(RULES.kazakhstan),
  us: lexicon(RULES.usa),
  usCs: lexicon(RULES.usaCaseSensitive, true),
  compound: lexicon(RULES.bilateralCompounds),
  nonRelation: lexicon(RULES.bilateralNonRelations),
  office: lexicon(RULES.bilateralOffices),
  interaction: lexicon(RULES.interaction),
  negCurrency: lexicon(RULES.negativeContexts.currency),
  negSport: lexicon(RULES.negativeContexts.sport),
  third: lexicon(RULES.thirdParties),
  c5Name: lexicon(RULES.c5Names),
  caGroup: lexicon(RULES.centralAsiaGroup),
  c5States: RULES.c5States.map((names) => lexicon(names.map((n) => `${n}\\p{L}*`))),
  otherFormat: lexicon(RULES.otherFormats),
  otherPartner: lexicon(RULES.otherPartners),
  usOfficial: lexicon(RULES.officialTitles.US),
  kzOfficial: lexicon(RULES.officialTitles.KZ),
};
// Two small regexes stay regexes: currency masks apply anywhere (no start boundary), and a bare
// "5+1" may follow a letter or digit check of its own (its look-behind).
const CURRENCY_RE = new RegExp(lowerSource(`(?:${RULES.currencyMasks.map(fold).join('|')})${B_END}`), 'gu');
const C5_AMBIGUOUS_RE = new RegExp(lowerSource(`(?:${RULES.c5Ambiguous.map(fold).join('|')})`), 'gu');
const PAIR_JOINER = new RegExp(`^(?:${RULES.pairJoiners.join('|')})$`, 'iu');
// At most three words of the first body, the joiner, then the second side's mention ("the" allowed).
const PAIR_PHRASE = new RegExp(
  `^(?:'s)?(?:\\s+(?!(?:${RULES.pairPhraseStopWords.join('|')})(?![\\p{L}]))[\\p{L}\\p{N}-]+){0,3}\\s+(?:${RULES.pairPhraseJoiners.join('|')})\\s+(?:the\\s+)?$`,
  'iu',
);

/** People: one lexicon of every spelling, each pattern owned by its person. */
const PEOPLE_LEX = (() => {
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

const TOPIC_LEX = TOPICS.map((topic) => {
  const list = RULES.topics[topic];
  return { topic, id: lexicon(list.map((w) => w.pattern)), weights: list.map((w) => w.weight) };
});

const EVENT_LEX = RULES.events.map(([type, patterns]) => ({ type, id: lexicon(patterns) }));

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

interface Doc {
  /** Original sentences; index 0 is the title when there is one. */
  sentences: string[];
  /** Folded sentences joined by "\n"; starts[i] is the offset of sentence i. */
  folded: string;
  /** `folded` lower-cased, same offsets. */
  lower: string;
  starts: number[];
  hasTitle: boolean;
  /** Candidate positions of every lexicon, found in one pass over `lower` and `folded`. */
  scan: Scan;
}

// A part ending in an abbreviation does not end a sentence: "U.S.", "Mr.", "т.е.", "гг." — what
// `/(?:^|[^\p{L}])(?:(?:\p{Lu}\.)+|(?:Mr|Mrs|…|вв)\.)$/u` matches, tested without a regex (it ran
// over every sentence from its first character).
const ABBREVIATIONS = ['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Gen', 'Sen', 'Rep', 'Amb', 'No', 'г', 'гг', 'им', 'т.е', 'ул', 'вв'];
const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;

/** The code point that ends just before `i`, and where it starts (a surrogate pair is one). */
function codePointBefore(text: string, i: number): { cp: number; at: number } {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return { cp: (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000, at: i - 2 };
  }
  return { cp: c, at: i - 1 };
}

/** `(?:^|[^\p{L}])` before `i`. */
function boundaryBefore(text: string, i: number): boolean {
  if (i === 0) return true;
  const { cp } = codePointBefore(text, i);
  if (cp < 128) return !((cp | 32) >= 97 && (cp | 32) <= 122);
  return !LETTER.test(String.fromCodePoint(cp));
}

function endsWithAbbreviation(acc: string): boolean {
  const n = acc.length;
  if (n < 2 || acc.charCodeAt(n - 1) !== 0x2e) return false; // every alternative ends in "."
  // (?:\p{Lu}\.)+ : one capital and its dot is enough; a longer chain needs a dot before the
  // capital, which is itself a boundary
  const { cp, at } = codePointBefore(acc, n - 1);
  if (UPPER.test(String.fromCodePoint(cp)) && boundaryBefore(acc, at)) return true;
  for (const a of ABBREVIATIONS) {
    const q = n - 1 - a.length;
    if (q >= 0 && acc.startsWith(a, q) && boundaryBefore(acc, q)) return true;
  }
  return false;
}

/** The units before a sentence break (`(?<=[.!?…»"”])`) and the openers it may skip (`["«“(]?`). */
const TERMINATORS = '.!?…»"”';
const OPENERS = '"«“(';
/** TERMINATORS by UTF-16 unit (all of them are below U+2027). */
const IS_TERMINATOR = new Uint8Array(0x2027);
for (const ch of TERMINATORS) IS_TERMINATOR[ch.charCodeAt(0)] = 1;

/** `\s`: ECMAScript white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True when a sentence may start at `i`: `[\p{Lu}\d]` read as a code point. */
function startsSentence(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  if (c < 128) return c >= 65 && c <= 90;
  const cp = text.codePointAt(i)!;
  return UPPER.test(String.fromCodePoint(cp));
}

/**
 * `block.split(/(?<=[.!?…»"”])\s+(?=["«“(]?[\p{Lu}\d])/u)` without the regex: a break is a whole run of
 * white space after a terminator and before a capital or digit (an opening quote or bracket may come
 * first). No shorter run can match, since the look-ahead would then see white space.
 */
function splitBlock(block: string): string[] {
  const parts: string[] = [];
  let from = 0;
  const n = block.length;
  for (let q = 1; q < n; q++) {
    // a terminator is rarer than a space: test it first
    const t = block.charCodeAt(q - 1);
    if (t >= 0x2027 || IS_TERMINATOR[t] === 0 || !isSpace(block.charCodeAt(q))) continue;
    let r = q + 1;
    while (r < n && isSpace(block.charCodeAt(r))) r++;
    const next = r < n && OPENERS.includes(block[r]) ? startsSentence(block, r + 1) || startsSentence(block, r) : startsSentence(block, r);
    if (next) {
      parts.push(block.slice(from, q));
      from = r;
    }
    q = r - 1;
  }
  parts.push(block.slice(from));
  return parts;
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n+/)) {
    const parts = splitBlock(block);
    let acc = '';
    for (const part of parts) {
      acc = acc ? `${acc} ${part}` : part;
      if (endsWithAbbreviation(acc)) continue;
      const t = acc.trim();
      if (t) out.push(t);
      acc = '';
    }
    if (acc.trim()) out.push(acc.trim());
  }
  return out;
}

function buildDoc(title: string | null, body: string): Doc {
  const sentences: string[] = [];
  const hasTitle = !!title && title.trim().length > 0;
  if (hasTitle) sentences.push(title!.replace(/\s+/g, ' ').trim());
  sentences.push(...splitSentences(body));
  // fold() changes no line break and works within a line, so the joined sentences fold at once
  let folded = sentences.length > 0 ? foldText(`${sentences.join('\n')}\n`) : '';
  const starts: number[] = sentences.length > 0 ? [0] : [];
  for (let i = folded.indexOf('\n'); i >= 0 && i < folded.length - 1; i = folded.indexOf('\n', i + 1)) starts.push(i + 1);
  // Currency units are not the US as an actor: blank them, keeping offsets.
  let lower = lowerSameLength(folded);
  CURRENCY_RE.lastIndex = 0;
  if (CURRENCY_RE.test(lower)) {
    const ranges: Array<[number, number]> = [];
    lower = lower.replace(CURRENCY_RE, (m, offset: number) => {
      ranges.push([offset, offset + m.length]);
      return ' '.repeat(m.length);
    });
    let out = '';
    let at = 0;
    for (const [from, to] of ranges) {
      out += folded.slice(at, from) + ' '.repeat(to - from);
      at = to;
    }
    folded = out + folded.slice(at);
  }
  return { sentences, folded, lower, starts, hasTitle, scan: LEX.scan(lower, folded) };
}

function sentenceOf(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Hit {
  s: number;
  start: number;
  end: number;
  /** Which pattern of the lexicon matched. */
  group: number;
}

/** The matches of lexicon `id` over the whole text. */
function hits(doc: Doc, id: number): Hit[] {
  return doc.scan.matches(id).map((m) => ({ s: sentenceOf(doc, m.start), start: m.start, end: m.end, group: m.pattern }));
}

/** Like hits(), but only inside the given sentences, each matched on its own. */
function hitsIn(doc: Doc, id: number, sentences: Set<number>): Hit[] {
  const order = [...sentences].sort((a, b) => a - b);
  const ranges = order.map((s): [number, number] => [doc.starts[s], s + 1 < doc.starts.length ? doc.starts[s + 1] : doc.lower.length]);
  const out: Hit[] = [];
  let k = 0;
  for (const m of doc.scan.matches(id, ranges)) {
    while (ranges[k][1] <= m.start) k++;
    out.push({ s: order[k], start: m.start, end: m.end, group: m.pattern });
  }
  return out;
}

/** The unbounded regex scan, sentence by sentence, for the one rule kept as a regex. */
function regexHitsIn(doc: Doc, re: RegExp, sentences: Set<number>): Hit[] {
  const out: Hit[] = [];
  const text = doc.lower;
  for (const s of [...sentences].sort((a, b) => a - b)) {
    const from = doc.starts[s];
    const to = s + 1 < doc.starts.length ? doc.starts[s + 1] : text.length;
    const slice = text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ s, start: from + m.index, end: from + m.index + m[0].length, group: -1 });
    }
  }
  return out;
}

function bySentence(list: Hit[]): Map<number, Hit[]> {
  const map = new Map<number, Hit[]>();
  for (const h of list) {
    const arr = map.get(h.s);
    if (arr) arr.push(h);
    else map.set(h.s, [h]);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

function toScore(sum: number, threshold: number): number {
  if (sum <= 0) return 0;
  return Math.round((1 - 0.5 ** (sum / threshold)) * 1000) / 1000;
}

function clip(text: string): string {
  return text.length > 320 ? `${text.slice(0, 317)}...` : text;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function classify(input: ClassifierInput): Classification {
  const title = input.title ?? null;
  const body = typeof input.body === 'string' ? input.body : '';
  const doc = buildDoc(title, body);
  const titleIdx = doc.hasTitle ? 0 : -1;

  const people = hits(doc, PEOPLE_LEX.id);
  const kzPersonS = new Set<number>();
  const usPersonS = new Set<number>();
  const c5PersonS = new Set<number>();
  const peopleNames: string[] = [];
  const personEvidence: Evidence[] = [];
  for (const h of people) {
    const person = PEOPLE[PEOPLE_LEX.owners[h.group]];
    if (person.country === 'KZ') kzPersonS.add(h.s);
    else if (person.country === 'US') usPersonS.add(h.s);
    else if (person.country === 'C5') c5PersonS.add(h.s);
    if (!peopleNames.includes(person.canonical)) {
      peopleNames.push(person.canonical);
      personEvidence.push({ label: `person:${person.canonical}`, text: clip(doc.sentences[h.s]), weight: 1 });
    }
  }

  // Officials named by office ("the US President") count as officials of their side.
  for (const h of hits(doc, RE.usOfficial)) usPersonS.add(h.s);
  for (const h of hits(doc, RE.kzOfficial)) kzPersonS.add(h.s);

  const kzHits = bySentence(hits(doc, RE.kz));
  const usHitsList = [...hits(doc, RE.us), ...hits(doc, RE.usCs)];
  const usHits = bySentence(usHitsList);
  // The costly lexicons only run on sentences that name the US (every kz-us and c5plus1 rule needs
  // one) plus the title, so an unrelated story costs a few passes.
  const candidates = new Set<number>([...usHits.keys(), ...usPersonS]);
  if (titleIdx === 0) candidates.add(0);
  const on = (id: number) => bySentence(hitsIn(doc, id, candidates));
  const compound = on(RE.compound);
  const nonRelation = on(RE.nonRelation);
  const office = on(RE.office);
  const interaction = on(RE.interaction);
  const negCurrency = on(RE.negCurrency);
  const negSport = on(RE.negSport);
  const third = on(RE.third);
  const c5Name = bySentence(hits(doc, RE.c5Name));
  const c5Ambiguous = bySentence(regexHitsIn(doc, C5_AMBIGUOUS_RE, candidates));
  const caGroup = on(RE.caGroup);
  const c5States = RE.c5States.map((id) => on(id));
  const otherFormat = on(RE.otherFormat);
  const otherPartner = on(RE.otherPartner);

  const evidence: Evidence[] = [];
  let kzUsSum = 0;
  let c5Sum = 0;

  // Only a candidate sentence (or one naming the C5+1) can weigh anything: every other rule needs a
  // lexicon matched on candidates only, or the US.
  const active = [...new Set([...candidates, ...c5Name.keys()])].sort((a, b) => a - b);
  for (const s of active) {
    const text = doc.sentences[s];
    const titleBoost = s === titleIdx ? 1.5 : 1;
    const hasKz = kzHits.has(s) || kzPersonS.has(s);
    const usList = usHits.get(s) ?? [];
    const hasUs = usList.length > 0 || usPersonS.has(s);
    const hasInteraction = interaction.has(s);
    const negative = negCurrency.has(s) || negSport.has(s);
    const statesNamed = c5States.filter((m) => m.has(s)).length;
    const multilateralC5 = c5Name.has(s) || caGroup.has(s) || statesNamed >= 3;

    // ---- kz-us ----
    let w = 0;
    if (!negative) {
      const compoundCount = (compound.get(s)?.length ?? 0) - (nonRelation.get(s)?.length ?? 0);
      if (compoundCount > 0) {
        w = 0.6;
      } else if (office.has(s)) {
        w = hasKz || !third.has(s) ? 0.5 : 0.5 * RULES.thirdPartyFactor;
      } else if (hasKz && hasUs) {
        const blockers = [...(third.get(s) ?? []), ...(caGroup.get(s) ?? []), ...(c5Name.get(s) ?? [])];
        const pair = isPair(doc, kzHits.get(s) ?? [], usList, blockers);
        const officials = kzPersonS.has(s) && usPersonS.has(s);
        w = pair ? 0.45 : 0.1;
        if (hasInteraction) w += officials ? 0.4 : 0.25;
        if (!pair && third.has(s)) w *= RULES.thirdPartyFactor;
        if (!pair && multilateralC5) w *= 0.3;
      }
    }
    if (w > 0) {
      w = round(w * titleBoost);
      kzUsSum += w;
      evidence.push({ label: 'kz-us', text: clip(text), weight: w });
    }

    // ---- c5plus1 ----
    let c = 0;
    const otherFormatHere = otherFormat.has(s);
    const usHere = hasUs;
    if (c5Name.has(s)) {
      c = otherFormatHere ? 0.15 : 0.6;
    } else if (c5Ambiguous.has(s) && usHere && !otherPartner.has(s) && !otherFormatHere) {
      c = 0.4;
    } else if ((caGroup.has(s) || statesNamed >= 4) && usHere && !otherPartner.has(s) && !otherFormatHere) {
      c = hasInteraction ? 0.45 : 0.2;
    }
    if (c > 0) {
      c = round(c * titleBoost);
      c5Sum += c;
      evidence.push({ label: 'c5plus1', text: clip(text), weight: c });
    }
  }

  // Title-level vetoes: a sports or currency headline, another "Central Asia +" format in the headline.
  if (titleIdx === 0) {
    const titleCompound = compound.has(0) && !nonRelation.has(0);
    if ((negSport.has(0) || negCurrency.has(0)) && !titleCompound) kzUsSum *= RULES.titleVetoFactor;
    if (otherFormat.has(0) && !c5Name.has(0)) c5Sum *= RULES.otherFormatTitleFactor;
  }

  const scores: Record<Category, number> = {
    'kz-us': toScore(kzUsSum, RULES.kzUsThreshold),
    c5plus1: toScore(c5Sum, RULES.c5Threshold),
  };
  const categories: Category[] = [];
  if (kzUsSum >= RULES.kzUsThreshold) categories.push('kz-us');
  if (c5Sum >= RULES.c5Threshold) categories.push('c5plus1');
  const relevant = categories.length > 0;

  // keep the strongest category evidence first, at most 6 per category
  const catEvidence = (['kz-us', 'c5plus1'] as const).flatMap((label) =>
    evidence
      .filter((e) => e.label === label)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 6),
  );

  // ---- topics ----
  const topics: Topic[] = [];
  const topicEvidence: Evidence[] = [];
  if (relevant) {
    for (const { topic, id, weights } of TOPIC_LEX) {
      let sum = 0;
      let best: Hit | null = null;
      let bestW = 0;
      for (const h of hits(doc, id)) {
        const wt = weights[h.group] * (h.s === titleIdx ? 2 : 1);
        sum += wt;
        if (wt > bestW) {
          bestW = wt;
          best = h;
        }
      }
      if (sum >= RULES.topicThreshold && best) {
        topics.push(topic);
        topicEvidence.push({ label: `topic:${topic}`, text: clip(doc.sentences[best.s]), weight: round(sum) });
      }
    }
  }

  // ---- event type ----
  const eventType = relevant ? detectEvent(doc) : { type: 'other' as EventType, s: -1 };
  const eventEvidence: Evidence[] =
    eventType.s >= 0 ? [{ label: `event:${eventType.type}`, text: clip(doc.sentences[eventType.s]), weight: 1 }] : [];

  const language: Language =
    input.language ?? languageFromUrl(input.url) ?? detectLanguage(`${title ?? ''} ${body.slice(0, 4000)}`) ?? 'en';

  return {
    relevant,
    categories,
    scores,
    topics,
    people: peopleNames,
    eventType: eventType.type,
    language,
    evidence: [...catEvidence, ...topicEvidence, ...eventEvidence, ...(relevant ? personEvidence : [])],
  };
}

/** True when a Kazakhstan mention and a US mention are joined directly ("Kazakhstan and the US"). */
function isPair(doc: Doc, kz: Hit[], us: Hit[], blockers: Hit[]): boolean {
  for (const a of kz) {
    for (const b of us) {
      const [first, second] = a.start < b.start ? [a, b] : [b, a];
      const between = doc.folded.slice(first.end, second.start);
      if (between.length <= 12 && PAIR_JOINER.test(between)) return true;
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

function detectEvent(doc: Doc): { type: EventType; s: number } {
  const ranges: Array<[number, number]> = [];
  if (doc.hasTitle) ranges.push([0, 1]);
  const bodyStart = doc.hasTitle ? 1 : 0;
  ranges.push([bodyStart, Math.min(doc.sentences.length, bodyStart + 2)]);
  ranges.push([bodyStart, doc.sentences.length]);
  const all = EVENT_LEX.map(({ type, id }) => ({ type, hits: hits(doc, id) }));
  for (const [from, to] of ranges) {
    for (const { type, hits: list } of all) {
      const h = list.find((x) => x.s >= from && x.s < to);
      if (h) return { type, s: h.s };
    }
  }
  return { type: 'other', s: -1 };
}
