import type { AnyNode, Element } from 'domhandler';
import { findAll, indexPage, parseHtml } from './dom';
import { isBoilerplateParagraph, normalizeText } from './text';
import { BLOCK, SKIP } from './units';

/** Block boundaries and never-story elements are the generic extractor's; a known body also drops forms. */
const DROP = new Set([...SKIP, 'form']);

/** Class/id fragments of widgets: share bars, "read also" and related-links blocks, captions, ads. */
const WIDGET_RE =
  /(?:^|[\s_-])(?:share|sharing|social|socials|soc-|read-?also|readalso|also-read|related|frame_news_article_adapt|caption|photo-?desc|banner|advert|ads?|subscribe|tags|keywords_bl|comments?|breadcrumbs?|print|telegram-widget|twitter-tweet|instagram-media|tiktok-embed|fb-post)(?:$|[\s_-])/i;

export function isWidget(el: Element): boolean {
  const attribs = el.attribs ?? {};
  const cls = attribs.class ?? '';
  const id = attribs.id ?? '';
  if (cls && WIDGET_RE.test(cls)) return true;
  if (id && WIDGET_RE.test(id)) return true;
  return false;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Walks the nodes and cuts text at every block boundary, dropping scripts, styles, captions and
 * widgets. Paragraphs are normalised; empty ones and "read also"/caption lines are dropped.
 */
export function paragraphsFromNodes(nodes: AnyNode[]): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    const t = normalizeText(buf);
    buf = '';
    if (t && /[\p{L}\p{N}]/u.test(t) && !isBoilerplateParagraph(t)) out.push(t);
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      buf += (node as unknown as { data: string }).data;
      return;
    }
    if (!isElement(node)) return; // comments, directives, cdata
    const name = node.name.toLowerCase();
    if (DROP.has(name) || node.type !== 'tag') return;
    if (isWidget(node)) return;
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === 'br') return; // a <br> ends a paragraph (gov.kz bodies separate paragraphs with them)
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  for (const n of nodes) walk(n);
  flush();
  return out;
}

/**
 * A paragraph this long that recurs is the same block rendered twice (a pull quote, a mobile copy);
 * a shorter line that recurs apart from itself is the story's structure (the same subheading or label
 * over two sections) and is kept each time.
 */
const REPEATED_BLOCK_CHARS = 80;

/** The paragraphs with every repeat of a text block dropped and recurring short lines kept. */
export function dropRepeats(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paragraphs) {
    const repeat = out[out.length - 1] === p || (p.length >= REPEATED_BLOCK_CHARS && seen.has(p));
    seen.add(p);
    if (!repeat) out.push(p);
  }
  return out;
}

/** Turns an HTML fragment or document (e.g. a gov.kz API `body`) into clean paragraphs, each text block once. */
export function htmlToParagraphs(html: string): string[] {
  if (!html) return [];
  const doc = indexPage(parseHtml(html)).doc; // indexing also bounds the depth the walk below recurses to
  const bodies: Element[] = [];
  for (const c of doc.children) findAll(c, (el) => el.name === 'body', bodies);
  const root = bodies.length > 0 ? [bodies[0]!] : (doc.children as AnyNode[]);
  return dropRepeats(paragraphsFromNodes(root));
}
