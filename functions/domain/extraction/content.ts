/**
 * The generic article extractor: the story is the container whose paragraphs carry the most text with
 * the fewest links (scored paragraph by paragraph and passed up to ancestors, as Readability does),
 * plus sibling paragraphs that belong with it; boxes of teasers, related links and comments are taken
 * out before scoring. Used for every page that is not in a layout the monitor knows.
 */
import type { AnyNode } from './dom';
import { markHeadedBoxes, markTeaserLists } from './boilerplate';
import { isBoilerplateParagraph } from './text';
import { type Parent, type Unit, linkDensity, within } from './units';

interface Agg {
  len: number;
  link: number;
  commas: number;
}

/** Elements whose text is one paragraph: their parent is the container that gets the score. */
const PARAGRAPH = new Set([
  'p',
  'pre',
  'li',
  'dd',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'td',
  'th',
]);
const BLOCK_CHILD = new Set([
  'p',
  'div',
  'section',
  'article',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
  'h2',
  'h3',
  'h4',
  'figure',
  'dl',
  'main',
]);
const LIST_LIKE = new Set(['div', 'section', 'ul', 'ol', 'table', 'dl', 'aside', 'form', 'nav']);
const POSITIVE =
  /(?:^|[-_\s])(?:article|body|content|entry|hentry|main|page|post|text|blog|story|news-?detail|full-?story)(?:$|[-_\s])/i;
const NEGATIVE =
  /(?:^|[-_\s])(?:hidden|banner|combx|comment|contact|footer|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget)(?:$|[-_\s])/i;

function hasBlockChild(el: Parent): boolean {
  for (const c of el.children) if (c.type === 'tag' && BLOCK_CHILD.has(c.name)) return true;
  return false;
}

/**
 * The element that collects a paragraph's score: the paragraph's parent. A div or cell holding one run
 * of bare text is a paragraph too; one holding several runs (split by `<br>`) is their container.
 */
function scoringParent(block: Parent, runs: Map<Parent, number>): Parent | null {
  if (block.type === 'root') return block;
  const paragraph = PARAGRAPH.has(block.name) && block.name !== 'td' && block.name !== 'th';
  if (!paragraph && (hasBlockChild(block) || (runs.get(block) ?? 0) > 1)) return block;
  const parent = (block.parent as Parent | null) ?? block;
  // a table row of one cell is a paragraph of a table laid out row by row: the table collects it
  if (
    parent.type !== 'root' &&
    parent.name === 'tr' &&
    parent.children.filter((c) => c.type === 'tag').length === 1
  ) {
    return (parent.parent as Parent | null) ?? parent;
  }
  return parent;
}

/** Utility classes (`text-sm`, `max-w-none`, `md:flex`) style a box and say nothing of what it holds. */
const UTILITY =
  /^(?:[a-z0-9-]+:)*-?(?:text|bg|border|font|leading|tracking|rounded|shadow|max-w|min-w|max-h|min-h|w|h|[mp][xytblrse]?|gap|space-[xy]|grid-cols|col-span|row-span|col|row|items|justify|self|place|z|top|left|right|bottom|inset|order|opacity|overflow|decoration|ring|divide|flex|grid|block|inline|hidden|container|prose|antialiased)(?:-|$)/;

function meaningful(v: string): string {
  if (!v.includes('-') && !v.includes(':')) return v;
  return v
    .split(/\s+/)
    .filter((t) => !UTILITY.test(t))
    .join(' ');
}

function classWeight(el: Parent): number {
  if (el.type === 'root') return 0;
  let w = 0;
  for (const raw of [el.attribs.class, el.attribs.id]) {
    const v = raw ? meaningful(raw) : '';
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  if (el.attribs.itemprop === 'articleBody') w += 25;
  return w;
}

function tagWeight(el: Parent): number {
  if (el.type === 'root') return 0;
  const n = el.name;
  if (n === 'div' || n === 'article' || n === 'main') return 5;
  if (n === 'pre' || n === 'td' || n === 'blockquote') return 3;
  if (
    n === 'ol' ||
    n === 'ul' ||
    n === 'dl' ||
    n === 'dd' ||
    n === 'dt' ||
    n === 'li' ||
    n === 'form' ||
    n === 'address'
  )
    return -3;
  if (/^h[1-6]$/.test(n) || n === 'th') return -5;
  return 0;
}

/** A candidate scoring less than this is one short paragraph: never a reason to widen the story. */
const MIN_SCORE = 10;

const commas = (t: string) => (t.match(/[,،、，]/g) ?? []).length;

export interface Selection {
  units: Unit[];
  /** Index (in the page's units) of the first unit of the story. */
  first: number;
}

function aggregate(units: Unit[], live: (u: Unit) => boolean): Map<Parent, Agg> {
  const agg = new Map<Parent, Agg>();
  for (const u of units) {
    if (!live(u)) continue;
    for (let p: Parent | null = u.block; p; p = p.parent as Parent | null) {
      const a = agg.get(p);
      if (a) {
        a.len += u.len;
        a.link += u.linkLen;
        a.commas += u.commas;
      } else agg.set(p, { len: u.len, link: u.linkLen, commas: u.commas });
    }
  }
  return agg;
}

/** How many units after the headline a story may begin (meta line, picture, caption, lead, share bar…). */
const STORY_START_WINDOW = 15;
/** The weight of a candidate that starts far from the headline (a footer, a sidebar, comments). */
const FAR_FROM_HEADLINE = 0.5;

function scoreCandidates(
  units: Unit[],
  live: (u: Unit) => boolean,
  agg: Map<Parent, Agg>,
  headline: number,
): Map<Parent, number> {
  const raw = new Map<Parent, number>();
  const firstUnit = new Map<Parent, number>();
  const runs = new Map<Parent, number>();
  for (const u of units) if (live(u) && u.len >= 25) runs.set(u.block, (runs.get(u.block) ?? 0) + 1);
  units.forEach((u, i) => {
    if (!live(u) || u.heading || u.len < 25 || linkDensity(u) >= 0.5) return;
    const score = 1 + commas(u.text) + Math.min(3, Math.floor(u.len / 100));
    let level = 0;
    for (let p = scoringParent(u.block, runs); p && level < 5; p = p.parent as Parent | null, level++) {
      if (!raw.has(p)) {
        raw.set(p, tagWeight(p) + classWeight(p));
        firstUnit.set(p, i);
      }
      raw.set(p, raw.get(p)! + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  });
  const final = new Map<Parent, number>();
  for (const [p, s] of raw) {
    const a = agg.get(p);
    const start = firstUnit.get(p)! - headline;
    // A story follows its headline: a candidate that starts far from it, or before it, is weighed down.
    const near =
      headline < 0 || (start >= -1 && start <= STORY_START_WINDOW) || within(units[headline]!.block, p);
    final.set(p, s * (1 - (a && a.len > 0 ? a.link / a.len : 0)) * (near ? 1 : FAR_FROM_HEADLINE));
  }
  return final;
}

function best(scores: Map<Parent, number>): Parent | null {
  let top: Parent | null = null;
  let topScore = Number.NEGATIVE_INFINITY;
  for (const [p, s] of scores) {
    if (s > topScore) {
      top = p;
      topScore = s;
    }
  }
  return top;
}

/**
 * Several near-best candidates under one ancestor mean the story is split across them (by an inline
 * box, a picture, a subheading block): the ancestor is the story's container.
 */
function unify(top: Parent, scores: Map<Parent, number>): Parent {
  const threshold = Math.max(MIN_SCORE, (scores.get(top) ?? 0) * 0.75);
  const near = [...scores].filter(([p, s]) => p !== top && s >= threshold && !within(top, p)).map(([p]) => p);
  if (near.length < 3) return top;
  for (
    let a = top.parent as Parent | null;
    a && a.type !== 'root' && a.name !== 'body';
    a = a.parent as Parent | null
  ) {
    let inside = 0;
    for (const n of near) if (within(n, a)) inside++;
    if (inside >= 3) return a;
  }
  return top;
}

/** A wrapper whose only element is the candidate says nothing more; stop below the page's body. */
function unwrap(top: Parent): Parent {
  let t = top;
  for (;;) {
    const p = t.parent as Parent | null;
    if (!p || p.type === 'root' || p.name === 'body' || p.name === 'html') return t;
    if (p.children.filter((c) => c.type === 'tag').length !== 1) return t;
    t = p;
  }
}

function siblingsWith(top: Parent, scores: Map<Parent, number>, agg: Map<Parent, Agg>): Set<AnyNode> {
  const chosen = new Set<AnyNode>([top as AnyNode]);
  const parent = top.parent as Parent | null;
  if (!parent || top.type === 'root') return chosen;
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(MIN_SCORE, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  for (const s of parent.children) {
    if (s === top || s.type !== 'tag') continue;
    const a = agg.get(s);
    if (!a || a.len === 0) continue;
    const bonus = topClass && s.attribs.class === topClass ? topScore * 0.2 : 0;
    const ld = a.link / a.len;
    const paragraphLike = s.name === 'p' || !hasBlockChild(s);
    // the story split by an inline box continues in a block of the same markup as its first part
    const continuation =
      s.name === top.name && (s.attribs.class ?? '') === topClass && (scores.get(s) ?? 0) > 0;
    if ((scores.get(s) ?? 0) + bonus >= threshold) chosen.add(s);
    else if ((paragraphLike || continuation) && a.len > 80 && ld < 0.25) chosen.add(s);
  }
  return chosen;
}

/**
 * A box inside the story with many links (tags, a list of links, teasers with excerpts) is not story
 * text: link density above a half, or above a fifth in a box of few commas (Readability's rule), unless
 * the box holds most of the story.
 */
function inLinkBox(u: Unit, stop: Set<AnyNode>, agg: Map<Parent, Agg>, storyLetters: number): boolean {
  for (let p: Parent | null = u.block; p && !stop.has(p as AnyNode); p = p.parent as Parent | null) {
    if (p.type === 'root' || !LIST_LIKE.has(p.name)) continue;
    const a = agg.get(p);
    if (!a || a.len === 0 || a.len * 2 > storyLetters) continue;
    const ld = a.link / a.len;
    if (ld > 0.5 || (ld > 0.2 && a.commas < 10 && classWeight(p) < 25)) return true;
  }
  return false;
}

function insideChosen(u: Unit, chosen: Set<AnyNode>): boolean {
  for (let p: Parent | null = u.block; p; p = p.parent as Parent | null)
    if (chosen.has(p as AnyNode)) return true;
  return false;
}

const ENDS_SENTENCE = /[.!?…]["»”)]?$/;
const words = (t: string) => t.split(' ').length;
const isCaption = (u: Unit) =>
  u.afterImage && !u.heading && words(u.text) < 15 && !ENDS_SENTENCE.test(u.text);

/** A date or a time of day: `19:50`, `10.04.2023`, `2023-04-10`. */
const DATE_OR_TIME = /(?<!\d)(?:\d{1,2}:\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?!\d)/;
/** A byline or date line: a few words, or fields between bars, with a date or time and no sentence ending. */
const FIELD_SEPARATORS = /\s[|·•]\s.*\s[|·•]\s/;
const isMetaLine = (u: Unit) =>
  !ENDS_SENTENCE.test(u.text) &&
  DATE_OR_TIME.test(u.text) &&
  (words(u.text) < 8 || (words(u.text) < 20 && FIELD_SEPARATORS.test(u.text)));

function keepUnit(u: Unit, title: string | null): boolean {
  if (linkDensity(u) > 0.5 || isCaption(u) || isMetaLine(u) || isBoilerplateParagraph(u.text)) return false;
  if (u.heading && (u.block as { name?: string }).name === 'h1') return false;
  return !(title && u.text === title);
}

/** Short lines before the first sentence (rubric, date, byline) and after the last (source, tags) are page furniture. */
function trim(units: Unit[]): Unit[] {
  let from = 0;
  while (from < units.length && units[from]!.len < 40 && words(units[from]!.text) < 6) from++;
  let to = units.length;
  while (to > from && words(units[to - 1]!.text) < 5 && !ENDS_SENTENCE.test(units[to - 1]!.text)) to--;
  return units.slice(from, to);
}

/** One pass: `classes` says whether class names that mean "comments", "related"… exclude blocks. */
export function selectStory(
  units: Unit[],
  keep: Set<unknown>,
  title: string | null,
  classes: boolean,
): Selection | null {
  const live = (u: Unit) => !u.boiler && !(classes && u.classNegative);
  const agg = aggregate(units, live);
  const headline = units.findIndex(
    (u) => (u.heading && keep.has(u.block)) || (title != null && u.text === title),
  );
  const scores = scoreCandidates(units, live, agg, headline);
  const top0 = best(scores);
  if (!top0) return null;
  const top = unwrap(unify(top0, scores));
  const chosen = siblingsWith(top, scores, agg);
  let storyLetters = 0;
  for (const c of chosen) storyLetters += agg.get(c as Parent)?.len ?? 0;
  const picked: Unit[] = [];
  // The story starts at its headline: breadcrumbs and rubrics above it in the same container are not story.
  const from = headline >= 0 && insideChosen(units[headline]!, chosen) ? headline : 0;
  units.forEach((u, i) => {
    if (
      i < from ||
      !live(u) ||
      !insideChosen(u, chosen) ||
      !keepUnit(u, title) ||
      inLinkBox(u, chosen, agg, storyLetters)
    )
      return;
    picked.push(u);
  });
  const story = trim(picked);
  return story.length > 0 ? { units: story, first: units.indexOf(story[0]!) } : null;
}

export const letters = (units: Unit[]) => units.reduce((n, u) => n + u.len, 0);

/** Runs the boilerplate marks, then selects with class signals, and without them when that finds too little. */
export function genericStory(units: Unit[], keep: Set<unknown>, title: string | null): Selection | null {
  const textLen = aggregate(units, () => true);
  markTeaserLists(units);
  markHeadedBoxes(units, keep, (p) => textLen.get(p)?.len ?? 0);
  const withClasses = selectStory(units, keep, title, true);
  if (withClasses && letters(withClasses.units) >= 250) return withClasses;
  const without = selectStory(units, keep, title, false);
  if (!withClasses) return without;
  return without && letters(without.units) > letters(withClasses.units) ? without : withClasses;
}
