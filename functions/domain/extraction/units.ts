/**
 * A page as a list of text units: every run of text between block boundaries (or `<br>`), with how much
 * of it is link text and which block holds it. The generic extractor scores and filters these units;
 * it never needs the page's class names to do so, though it uses them when they say "comments" or
 * "related" (a signal, not a requirement).
 */
import { type AnyNode, type Element, isTag } from './dom';
import { normalizeText } from './text';

export type Parent = Element | { type: 'root'; parent: null; children: AnyNode[] };

export interface Unit {
  text: string;
  /** Letters and digits of the text, and of its link text: densities compare like with like. */
  len: number;
  linkLen: number;
  commas: number;
  /** The innermost block element holding the text. */
  block: Parent;
  /** Inside h1–h6. */
  heading: boolean;
  /** Directly after an image with no text between: a caption when short. */
  afterImage: boolean;
  /** Inside an element whose class or id names it comments, related links, a sidebar… */
  classNegative: boolean;
  /** Set later: part of a boilerplate block (related list, teaser list, comments). */
  boiler: boolean;
}

/** Elements that end a run of text. */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  'center',
  'details',
  'summary',
  'body',
  'html',
  'caption',
]);

/** Elements whose text is never story text. */
export const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'label',
  'nav',
  'aside',
  'footer',
  'figcaption',
  'head',
  'title',
  'meta',
  'link',
  'dialog',
  'menu',
  'amp-sidebar',
  'amp-ad',
  'amp-social-share',
  'amp-analytics',
  'amp-iframe',
  'amp-twitter',
  'amp-instagram',
  'amp-facebook',
  'amp-embed',
  'amp-sticky-ad',
  'amp-consent',
  'amp-user-notification',
]);

const NON_SPACE = /[^\s\u200b\ufeff]/;
const IMAGE = new Set(['img', 'picture', 'amp-img', 'amp-carousel']);
const SKIP_ROLES =
  /^(?:navigation|complementary|banner|contentinfo|search|dialog|menu|menubar|alertdialog)$/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const HIDDEN_CLASS =
  /(?:^|\s)(?:hidden|d-none|is-hidden|invisible|visually-hidden|sr-only|screen-reader-text|skip-link)(?:\s|$)/i;

/** Class/id words of blocks that are never the story, whatever else the name says. */
const NEGATIVE =
  /(?:^|[-_\s])(?:comments?|commentlist|disqus|related|relatedposts|share|sharing|sharedaddy|social|sidebar|widgets?|breadcrumbs?|promo|sponsored|advert\w*|ads?|banner|popup|modal|cookies?|gdpr|subscribe|subscription|newsletter|pagination|pager|outbrain|taboola|caption|tags|tag-?list|keywords|recommended|popular|trending|most-?read|read-?also|also-?read|more-?news|other-?news|author-?(?:bio|box|info)|post-?navigation|nav-?links|masthead|menu|navbar|topbar|footer|twitter-tweet|instagram-media|tiktok-embed|fb-post)(?:$|[-_\s\d])/i;

/** Class strings repeat on a page and across a site's pages: each is tested once (bounded). */
const classVerdicts = new Map<string, number>();
const HIDDEN_BIT = 1;
const NEGATIVE_BIT = 2;

function classVerdict(cls: string): number {
  let v = classVerdicts.get(cls);
  if (v === undefined) {
    v = (HIDDEN_CLASS.test(cls) ? HIDDEN_BIT : 0) | (NEGATIVE.test(cls) ? NEGATIVE_BIT : 0);
    if (classVerdicts.size > 20_000) classVerdicts.clear();
    classVerdicts.set(cls, v);
  }
  return v;
}

function hidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden != null || a['aria-hidden'] === 'true') return true;
  if (a.role && SKIP_ROLES.test(a.role)) return true;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  return a.class != null && (classVerdict(a.class) & HIDDEN_BIT) !== 0;
}

function classNegative(el: Element): boolean {
  const a = el.attribs;
  return (
    (a.class != null && (classVerdict(a.class) & NEGATIVE_BIT) !== 0) || (a.id != null && NEGATIVE.test(a.id))
  );
}

const countCommas = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 44) n++;
  return n;
};

const countLetters = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
};

/**
 * Walks `root` and returns its text units in document order. `keep` holds the headline's ancestors:
 * they are never skipped, whatever their tag or class says (a page-wide `<header>` or `has-sidebar`).
 */
export function collectUnits(root: Parent, keep: Set<AnyNode>): Unit[] {
  const units: Unit[] = [];
  let buf = '';
  let linkLen = 0;
  let afterImage = false;
  const flush = (block: Parent, heading: boolean, negative: boolean) => {
    if (buf.length === 0) return;
    if (!NON_SPACE.test(buf)) {
      buf = '';
      linkLen = 0;
      return;
    }
    const text = normalizeText(buf);
    const len = countLetters(text);
    buf = '';
    const lk = linkLen;
    linkLen = 0;
    if (len === 0) return;
    units.push({
      text,
      len,
      commas: countCommas(text),
      linkLen: Math.min(lk, len),
      block,
      heading,
      afterImage,
      classNegative: negative,
      boiler: false,
    });
    afterImage = false;
  };
  const walk = (node: AnyNode, block: Parent, inLink: boolean, heading: boolean, negative: boolean) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      buf += data;
      if (inLink) linkLen += countLetters(data);
      return;
    }
    if (!isTag(node)) return;
    const name = node.name;
    if (IMAGE.has(name)) afterImage = buf.trim() === '' ? true : afterImage;
    const kept = keep.has(node);
    if (!kept && (SKIP.has(name) || (name === 'header' && keep.size > 0) || hidden(node))) return;
    const isBlock = BLOCK.has(name);
    if (isBlock) flush(block, heading, negative);
    if (name === 'br' || name === 'hr') return;
    const inner: Parent = isBlock ? node : block;
    const innerHeading =
      heading || (name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6');
    const innerNegative = negative || (!kept && classNegative(node));
    const innerLink = inLink || name === 'a';
    for (const c of node.children) walk(c, inner, innerLink, innerHeading, innerNegative);
    if (isBlock) flush(inner, innerHeading, innerNegative);
    if (name === 'figure') afterImage = false; // a figure's caption was inside it
  };
  for (const c of root.children) walk(c, root, false, false, false);
  flush(root, false, false);
  return units;
}

export const linkDensity = (u: Pick<Unit, 'len' | 'linkLen'>) => (u.len === 0 ? 0 : u.linkLen / u.len);

export function ancestorsOf(node: Parent, max = 64): Parent[] {
  const out: Parent[] = [];
  for (let n = node.parent as Parent | null; n && out.length < max; n = n.parent as Parent | null)
    out.push(n);
  return out;
}

/** Whether `node` is `ancestor` or lies inside it. */
export function within(node: Parent | null, ancestor: Parent): boolean {
  for (let n = node; n; n = n.parent as Parent | null) if (n === ancestor) return true;
  return false;
}
