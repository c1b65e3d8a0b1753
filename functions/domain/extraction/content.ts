/**
 * The generic article extractor: the story is the container whose paragraphs carry the most text with
 * the fewest links (scored paragraph by paragraph and passed up to ancestors, as Readability does),
 * plus sibling paragraphs that belong with it; boxes of teasers, related links and comments are taken
 * out before scoring. Used for every page that is not in a layout the monitor knows.
 */
import type { AnyNode } from './dom';
import { markHeadedBoxes, markTeaserLists } from './boilerplate';
import { isBoilerplateParagraph } from './text';
import { type Parent, type Unit, linkDensity } from './units';

interface Agg {
  len: number;
  link: number;
}

/** Elements whose text is one paragraph: their parent is the container that gets the score. */
const PARAGRAPH = new Set(['p', 'pre', 'li', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'td', 'th']);
const BLOCK_CHILD = new Set(['p', 'div', 'section', 'article', 'ul', 'ol', 'table', 'blockquote', 'pre', 'h2', 'h3', 'h4', 'figure', 'dl', 'main']);
const LIST_LIKE = new Set(['div', 'section', 'ul', 'ol', 'table', 'dl', 'aside', 'form', 'nav']);
const POSITIVE = /(?:^|[-_\s])(?:article|body|content|entry|hentry|main|page|post|text|blog|story|news-?detail|full-?story)(?:$|[-_\s])/i;
const NEGATIVE = /(?:^|[-_\s])(?:hidden|banner|combx|comment|contact|footer|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget)(?:$|[-_\s])/i;

function hasBlockChild(el: Parent): boolean {
  for (const c of el.children) if (c.type === 'tag' && BLOCK_CHILD.has(c.name)) return true;
  return false;
}

/** The element that collects a paragraph's score: the paragraph's parent (a div of bare text is a paragraph too). */
function scoringParent(block: Parent): Parent | null {
  if (block.type === 'root') return block;
  if (PARAGRAPH.has(block.name) || !hasBlockChild(block)) return (block.parent as Parent | null) ?? block;
  return block;
}

function classWeight(el: Parent): number {
  if (el.type === 'root') return 0;
  let w = 0;
  for (const v of [el.attribs.class, el.attribs.id]) {
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
  if (n === 'ol' || n === 'ul' || n === 'dl' || n === 'dd' || n === 'dt' || n === 'li' || n === 'form' || n === 'address') return -3;
  if (/^h[1-6]$/.test(n) || n === 'th') return -5;
  return 0;
}

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
      } else agg.set(p, { len: u.len, link: u.linkLen });
    }
  }
  return agg;
}

function scoreCandidates(units: Unit[], live: (u: Unit) => boolean, agg: Map<Parent, Agg>): Map<Parent, number> {
  const raw = new Map<Parent, number>();
  for (const u of units) {
    if (!live(u) || u.heading || u.len < 25 || linkDensity(u) >= 0.5) continue;
    const score = 1 + commas(u.text) + Math.min(3, Math.floor(u.len / 100));
    let level = 0;
    for (let p = scoringParent(u.block); p && level < 5; p = p.parent as Parent | null, level++) {
      if (!raw.has(p)) raw.set(p, tagWeight(p) + classWeight(p));
      raw.set(p, raw.get(p)! + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  const final = new Map<Parent, number>();
  for (const [p, s] of raw) {
    const a = agg.get(p);
    final.set(p, s * (1 - (a && a.len > 0 ? a.link / a.len : 0)));
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

/** Readability's walk up: a parent that scores higher than the best child holds more of the story. */
function climb(top: Parent, scores: Map<Parent, number>): Parent {
  let last = scores.get(top) ?? 0;
  const threshold = last / 3;
  for (let p = top.parent as Parent | null; p && p.type !== 'root' && p.name !== 'body'; p = p.parent as Parent | null) {
    const s = scores.get(p);
    if (s == null) continue;
    if (s < threshold) break;
    if (s > last) return p;
    last = s;
  }
  return top;
}

function siblingsWith(top: Parent, scores: Map<Parent, number>, agg: Map<Parent, Agg>): Set<AnyNode> {
  const chosen = new Set<AnyNode>([top as AnyNode]);
  const parent = top.parent as Parent | null;
  if (!parent || top.type === 'root') return chosen;
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  for (const s of parent.children) {
    if (s === top || s.type !== 'tag') continue;
    const a = agg.get(s);
    if (!a || a.len === 0) continue;
    const bonus = topClass && s.attribs.class === topClass ? topScore * 0.2 : 0;
    const ld = a.link / a.len;
    const paragraphLike = s.name === 'p' || !hasBlockChild(s);
    if ((scores.get(s) ?? 0) + bonus >= threshold) chosen.add(s);
    else if (paragraphLike && a.len > 80 && ld < 0.25) chosen.add(s);
  }
  return chosen;
}

/** A box inside the story with many links (tags, a list of links, an embedded teaser) is not story text. */
function inLinkBox(u: Unit, stop: Set<AnyNode>, agg: Map<Parent, Agg>): boolean {
  for (let p: Parent | null = u.block; p && !stop.has(p as AnyNode); p = p.parent as Parent | null) {
    if (p.type === 'root' || !LIST_LIKE.has(p.name)) continue;
    const a = agg.get(p);
    if (a && a.len > 0 && a.link / a.len > 0.33) return true;
  }
  return false;
}

function insideChosen(u: Unit, chosen: Set<AnyNode>): boolean {
  for (let p: Parent | null = u.block; p; p = p.parent as Parent | null) if (chosen.has(p as AnyNode)) return true;
  return false;
}

const words = (t: string) => t.split(' ').length;
const isCaption = (u: Unit) => u.afterImage && words(u.text) < 15 && !/[.!?…]["»”]?$/.test(u.text);

function keepUnit(u: Unit, title: string | null): boolean {
  if (linkDensity(u) > 0.5 || isCaption(u) || isBoilerplateParagraph(u.text)) return false;
  if (u.heading && (u.block as { name?: string }).name === 'h1') return false;
  return !(title && u.text === title);
}

/** Short lines before the first sentence (rubric, date, byline) and after the last (source, tags) are page furniture. */
function trim(units: Unit[]): Unit[] {
  let from = 0;
  while (from < units.length && units[from]!.len < 40 && words(units[from]!.text) < 6) from++;
  let to = units.length;
  while (to > from && words(units[to - 1]!.text) < 5 && !/[.!?…]["»”]?$/.test(units[to - 1]!.text)) to--;
  return units.slice(from, to);
}

/** One pass: `classes` says whether class names that mean "comments", "related"… exclude blocks. */
export function selectStory(units: Unit[], title: string | null, classes: boolean): Selection | null {
  const live = (u: Unit) => !u.boiler && !(classes && u.classNegative);
  const agg = aggregate(units, live);
  const scores = scoreCandidates(units, live, agg);
  const top0 = best(scores);
  if (!top0) return null;
  let top = climb(top0, scores);
  while (top.type !== 'root' && top.parent && (top.parent as Parent).children.filter((c) => c.type === 'tag').length === 1 && (top.parent as Parent).type !== 'root') {
    top = top.parent as Parent;
  }
  const chosen = siblingsWith(top, scores, agg);
  const picked: Unit[] = [];
  let first = -1;
  units.forEach((u, i) => {
    if (!live(u) || !insideChosen(u, chosen) || !keepUnit(u, title) || inLinkBox(u, chosen, agg)) return;
    picked.push(u);
    if (first < 0) first = i;
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
  const withClasses = selectStory(units, title, true);
  if (withClasses && letters(withClasses.units) >= 250) return withClasses;
  const without = selectStory(units, title, false);
  if (!withClasses) return without;
  return without && letters(without.units) > letters(withClasses.units) ? without : withClasses;
}
