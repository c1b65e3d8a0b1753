/**
 * The parsed page and one pass over it. Selectors would walk the whole tree once per question; a page
 * is asked a few dozen questions, so everything the extractor looks up is collected in a single walk.
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Document, Element } from 'domhandler';

export type { AnyNode, Element } from 'domhandler';

export function parseHtml(html: string): Document {
  return load(html ?? '').root()[0] as unknown as Document;
}

export const isTag = (n: AnyNode | null | undefined): n is Element => n?.type === 'tag';

export function attr(el: Element, name: string): string | undefined {
  return el.attribs?.[name];
}

/** Class and id of an element, for the class-name signals. */
export function classAndId(el: Element): string {
  const a = el.attribs;
  if (!a) return '';
  const c = a.class ?? '';
  const id = a.id ?? '';
  return id ? `${c} ${id}` : c;
}

/** Raw text of a subtree (no block separation): for short elements such as titles and dates. */
export function rawText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isTag(node)) return '';
  let out = '';
  for (const c of node.children) out += rawText(c);
  return out;
}

/** Raw text of a subtree, stopping once `limit` characters are collected. */
export function rawTextUpTo(node: AnyNode, limit: number): string {
  const parts: string[] = [];
  let n = 0;
  const walk = (x: AnyNode): void => {
    if (n >= limit) return;
    if (x.type === 'text') {
      const d = (x as unknown as { data: string }).data;
      parts.push(d);
      n += d.length;
    } else if (isTag(x)) for (const c of x.children) walk(c);
  };
  walk(node);
  return parts.join('').slice(0, limit);
}

/** Deeper elements are dropped (a real page is a few dozen levels deep; ten thousand unclosed tags are not a page). */
export const MAX_DEPTH = 800;

export interface PageIndex {
  doc: Document;
  /** `meta` content by lower-cased name, property and itemprop (first wins). */
  meta: Map<string, string>;
  /** First element carrying each class token. */
  byClass: Map<string, Element>;
  /** First element with each itemprop. */
  byItemprop: Map<string, Element>;
  /** Elements of a few tag names, in document order. */
  h1: Element[];
  time: Element[];
  relTag: Element[];
  relAuthor: Element | null;
  htmlLang: string | null;
  titleText: string | null;
  canonical: string | null;
  jsonLd: string[];
  /** The text of a `__NEXT_DATA__` (or similar) JSON state script. */
  stateJson: string[];
  body: Element | null;
}

/** The text inside a `<script>` (rawText leaves scripts out). */
function scriptText(el: Element): string {
  let out = '';
  for (const c of el.children) if (c.type === 'text') out += (c as unknown as { data: string }).data;
  return out;
}

function indexScript(el: Element, index: PageIndex): void {
  const type = (attr(el, 'type') ?? '').toLowerCase();
  if (type === 'application/ld+json') index.jsonLd.push(scriptText(el));
  else if (
    type === 'application/json' &&
    (attr(el, 'id') === '__NEXT_DATA__' || attr(el, 'id') === '__NUXT_DATA__')
  ) {
    index.stateJson.push(scriptText(el));
  }
}

/** The class names the extractor asks for (Kazinform layouts, dates, authors, tags): others are not indexed. */
const INDEXED_CLASS = /article__|article_body|article-date|_bl(?:$|\s)|amp-|date|time|author|tags/;

function indexElement(el: Element, index: PageIndex): void {
  const name = el.name;
  const a = el.attribs;
  if (name === 'meta') {
    const key = (a.name ?? a.property ?? a.itemprop)?.toLowerCase();
    if (key && a.content != null && !index.meta.has(key)) index.meta.set(key, a.content);
  } else if (name === 'h1') index.h1.push(el);
  else if (name === 'time') index.time.push(el);
  else if (name === 'title' && index.titleText == null) index.titleText = rawText(el);
  else if (name === 'link' && a.rel?.toLowerCase() === 'canonical' && index.canonical == null)
    index.canonical = a.href ?? null;
  else if (name === 'html' && index.htmlLang == null) index.htmlLang = a.lang ?? null;
  else if (name === 'body' && !index.body) index.body = el;
  if (a.rel === 'tag' && name === 'a') index.relTag.push(el);
  else if (a.rel === 'author' && !index.relAuthor) index.relAuthor = el;
  if (a.itemprop && !index.byItemprop.has(a.itemprop)) index.byItemprop.set(a.itemprop, el);
  const cls = a.class;
  if (cls && INDEXED_CLASS.test(cls)) {
    for (const token of cls.split(/\s+/))
      if (INDEXED_CLASS.test(token) && !index.byClass.has(token)) index.byClass.set(token, el);
  }
}

export function indexPage(doc: Document): PageIndex {
  const index: PageIndex = {
    doc,
    meta: new Map(),
    byClass: new Map(),
    byItemprop: new Map(),
    h1: [],
    time: [],
    relTag: [],
    relAuthor: null,
    htmlLang: null,
    titleText: null,
    canonical: null,
    jsonLd: [],
    stateJson: [],
    body: null,
  };
  const stack: AnyNode[] = [...doc.children].reverse();
  const depth: number[] = stack.map(() => 0);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const d = depth.pop()!;
    if (node.type === 'script') {
      indexScript(node as Element, index);
      continue;
    }
    if (!isTag(node)) continue;
    indexElement(node, index);
    if (d >= MAX_DEPTH) {
      // No page nests this deep; cutting here keeps every recursive walk within the stack.
      node.children = [];
      continue;
    }
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push(kids[i]!);
      depth.push(d + 1);
    }
  }
  return index;
}

/** Every element under `root` (inclusive) that satisfies `test`, in document order. */
export function findAll(root: AnyNode, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  if (!isTag(root)) return out;
  if (test(root)) out.push(root);
  for (const c of root.children) findAll(c, test, out);
  return out;
}

export function contains(ancestor: AnyNode, node: AnyNode | null): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent as AnyNode | null) if (n === ancestor) return true;
  return false;
}
