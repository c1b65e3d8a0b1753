/**
 * Blocks that are on the article page but not the article: a box headed "Related", "Other news" or
 * "Comments", and lists of teasers (repeated items that each lead with a headline link). Found by the
 * shape of the page, so that they also go on templates whose class names say nothing.
 */
import { type Parent, type Unit, linkDensity, within } from './units';

/** Headings of boxes that follow or surround stories (en, ru, kk Cyrillic and Latin). */
const BOX_HEADING = new RegExp(
  '^(?:' +
    [
      'related(?: (?:news|articles|posts|stories|content))?',
      'read (?:also|more|next)',
      'see also',
      'also read',
      'more (?:news|stories|from \\p{L}+|on this(?: topic)?|in \\p{L}+)',
      'other news',
      'latest(?: news)?',
      'most (?:read|popular|viewed|shared)',
      'popular(?: news)?',
      'trending(?: now)?',
      'recommended(?: for you)?',
      'you (?:may|might) (?:also )?like',
      "editor'?s picks?",
      'top stories',
      '\\d* ?comments?',
      'leave a (?:reply|comment)',
      'news feed',
      'похожие (?:новости|материалы|статьи|публикации)',
      'читайте (?:также|ещё|еще|по теме)',
      'смотрите также',
      'другие новости',
      '(?:ещё|еще) (?:новости|по теме)',
      'последние новости',
      'самое (?:читаемое|популярное|обсуждаемое)',
      'популярное',
      'популярные новости',
      'материалы по теме',
      'новости по теме',
      'по теме',
      'рекомендуем',
      'лента новостей',
      'комментари[ий]\\p{L}*',
      'ұқсас жаңалықтар',
      'сондай-ақ оқыңыз',
      'оқи отырыңыз',
      'басқа жаңалықтар',
      'тағы жаңалықтар',
      'соңғы жаңалықтар',
      'көп оқылған(?:дар)?',
      'тақырыпқа қатысты',
      'пікірлер',
      'uqsas jańalyqtar',
      'sondaı-aq oqyńyz',
      'basqa jańalyqtar',
      'sońǵy jańalyqtar',
      'kóp oqylǵan',
      'pikirler',
    ].join('|') +
    ')\\s*(?:\\(\\d+\\)|\\d+)?\\s*[:.…»›→]?$',
  'iu',
);

/** "5 comments on …", "3 responses to “…”", "12 комментариев к …": a comment thread's heading names the story. */
const THREAD_HEADING =
  /^\d+\s+(?:comments?|responses?|replies|thoughts?|reactions?|комментари\p{L}*|ответ\p{L}*|отзыв\p{L}*|мнени\p{L}*|пікір\p{L}*)(?:\s|:|$)/iu;

export const isBoxHeading = (text: string) =>
  (text.length <= 48 && BOX_HEADING.test(text)) || (text.length <= 240 && THREAD_HEADING.test(text));

/** Marks every unit inside `root` from `from` on (document order) as boilerplate. */
function markFrom(units: Unit[], from: number, root: Parent): void {
  for (let j = from; j < units.length; j++) {
    const u = units[j]!;
    if (!within(u.block, root)) break;
    u.boiler = true;
  }
}

/**
 * A box heading ends the story's part of its container: the heading and everything after it inside the
 * smallest element that holds more than the heading are boilerplate. `keep` (the headline's ancestors)
 * bounds it, so a heading in the story's own column never takes the story with it.
 */
export function markHeadedBoxes(units: Unit[], keep: Set<unknown>, textLen: (p: Parent) => number): void {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.boiler || u.linkLen > u.len / 2 || !isBoxHeading(u.text)) continue;
    if (textLen(u.block) > u.len + 2) {
      u.boiler = true; // an inline label inside a larger block: only the label goes
      continue;
    }
    let child: Parent = u.block;
    let box = child.parent as Parent | null;
    while (box && textLen(box) <= u.len + 2) {
      child = box;
      box = box.parent as Parent | null;
    }
    if (!box || keep.has(box) || box.type === 'root' || box.name === 'body') {
      // Directly in the story's column: the heading and the units of its own block, plus a list that follows it.
      u.boiler = true;
      continue;
    }
    markFrom(units, i, box);
  }
}

/** An item of a teaser list holds a headline link: a unit mostly of link text (a date may precede it), not a bare "more" link. */
const MAX_TEASER_LETTERS = 700;

const isHeadlineLink = (u: Unit) => u.linkLen >= 15 && linkDensity(u) >= 0.6;

/**
 * Lists of teasers: an element with at least three children that hold text, most of which hold a
 * headline link. Their excerpts read like the story, so only the shape tells them apart.
 */
export function markTeaserLists(units: Unit[]): void {
  const childOf = new Map<Parent, Map<Parent, { headline: boolean; len: number }>>();
  for (const u of units) {
    const headline = isHeadlineLink(u);
    let child: Parent = u.block;
    for (
      let p = u.block.parent as Parent | null, depth = 0;
      p && depth < 6;
      p = p.parent as Parent | null, depth++
    ) {
      let kids = childOf.get(p);
      if (!kids) {
        kids = new Map();
        childOf.set(p, kids);
      }
      const k = kids.get(child);
      if (k) {
        k.headline ||= headline;
        k.len += u.len;
      } else kids.set(child, { headline, len: u.len });
      child = p;
    }
  }
  const lists = new Set<Parent>();
  for (const [p, kids] of childOf) {
    if (kids.size < 3) continue;
    let withHeadline = 0;
    let large = false;
    for (const k of kids.values()) {
      if (k.headline) withHeadline++;
      // a teaser is small: a child holding a story's worth of text makes this a column, not a list
      if (k.len > MAX_TEASER_LETTERS) large = true;
    }
    if (!large && withHeadline >= 3 && withHeadline >= kids.size * 0.6) lists.add(p);
  }
  if (lists.size === 0) return;
  for (const u of units) {
    for (
      let p = u.block as Parent | null, depth = 0;
      p && depth < 8;
      p = p.parent as Parent | null, depth++
    ) {
      if (lists.has(p)) {
        u.boiler = true;
        break;
      }
    }
  }
}
