/**
 * What a page says about its article besides the text: title, publication instant, author, canonical
 * address and tags. Machine-readable statements (meta, JSON-LD, `time[datetime]`) win over what is
 * printed for readers; printed times are Astana time unless they carry an offset.
 */
import { parseLocalDate } from './dates';
import { type Element, type PageIndex, attr, rawText } from './dom';
import { paragraphsFromNodes } from './paragraphs';
import { normalizeText } from './text';

export interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  articleBody?: string;
  inLanguage?: string;
  description?: string;
}

function authorName(a: unknown): string | undefined {
  const first = Array.isArray(a) ? a[0] : a;
  if (typeof first === 'string') return normalizeText(first);
  if (first && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string') {
    return normalizeText((first as { name: string }).name);
  }
  return undefined;
}

function mergeArticle(o: Record<string, unknown>, out: JsonLdArticle): void {
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  out.headline ??= str('headline') && normalizeText(str('headline')!);
  out.datePublished ??= str('datePublished');
  out.articleBody ??= str('articleBody');
  out.inLanguage ??= str('inLanguage');
  out.description ??= str('description') && normalizeText(str('description')!);
  out.author ??= authorName(o.author);
}

export function readJsonLd(index: PageIndex): JsonLdArticle {
  const out: JsonLdArticle = {};
  for (const raw of index.jsonLd) {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue; // a broken JSON-LD block says nothing; the page may still carry the rest
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      const o = item as Record<string, unknown>;
      if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
      if (/Article|BlogPosting|Report/i.test(String(o['@type'] ?? ''))) mergeArticle(o, out);
    }
  }
  return out;
}

export function meta(index: PageIndex, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = index.meta.get(k);
    const t = v ? normalizeText(v) : '';
    if (t) return t;
  }
  return null;
}

/** Text of an element with block boundaries kept as spaces. */
export function elementText(el: Element | null | undefined): string | null {
  if (!el) return null;
  return normalizeText(paragraphsFromNodes([el]).join(' ')) || null;
}

const SUFFIX_SEPARATORS = /\s+(?:[|│»·]|::|[-–—])\s+/g;

/**
 * A page title without the site's name and section after `|`, `::`, `»`, `—` or ` - `
 * ("Story - Other news - Region News" is "Story"): short trailing parts go while the rest stays longer.
 */
export function withoutSiteName(title: string): string {
  let t = normalizeText(title);
  for (;;) {
    let cut = -1;
    for (const m of t.matchAll(SUFFIX_SEPARATORS)) cut = m.index ?? -1;
    if (cut <= 0) return t;
    const rest = t.slice(cut).replace(SUFFIX_SEPARATORS, '');
    if (rest.length > 40 || rest.length * 2 > cut) return t;
    t = t.slice(0, cut).trim();
  }
}

/** A time inside a link or a side box belongs to another story's teaser, not to this article. */
function inTeaser(el: Element): boolean {
  for (let p = el.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (p.name === 'a' || p.name === 'aside' || p.name === 'nav' || p.name === 'footer') return true;
  }
  return false;
}

/** Printed date lines such as `21:38, 18 Августа 2026` or `19 September 2022, 16:14`. */
const PRINTED_DATE_RE =
  /\d{1,2}\s+\p{L}+\s+\d{4},?\s+\d{1,2}:\d{2}|\d{1,2}:\d{2},\s+\d{1,2}\s+\p{L}+\s+\d{4}/u;

/** The publication instant: machine-readable first, then the printed time (Astana unless an offset is shown). */
export function publishedAt(
  index: PageIndex,
  jsonLd: JsonLdArticle,
  printedNear: () => string,
): string | null {
  const itemprop = index.byItemprop.get('datePublished');
  const own = index.byClass.get('article__time');
  const timeWithDatetime =
    (own && attr(own, 'datetime') ? own : null) ??
    index.time.find((t) => attr(t, 'datetime') && !inTeaser(t));
  const machine = [
    meta(index, 'article:published_time', 'datepublished', 'pubdate', 'publishdate', 'date'),
    jsonLd.datePublished ?? null,
    itemprop ? (attr(itemprop, 'content') ?? attr(itemprop, 'datetime') ?? null) : null,
    timeWithDatetime ? attr(timeWithDatetime, 'datetime')! : null,
  ];
  for (const c of machine) {
    const t = c ? parseLocalDate(c) : null;
    if (t) return t;
  }
  const printed = [
    index.byClass.get('article__time'),
    index.byClass.get('time_article_bl'),
    index.byClass.get('article__date'),
    index.byClass.get('article-date'),
    index.time.find((t) => !inTeaser(t)),
    index.byClass.get('date'),
    index.byClass.get('time'),
  ];
  for (const el of printed) {
    const t = el ? parseLocalDate(normalizeText(rawText(el))) : null;
    if (t) return t;
  }
  const m = PRINTED_DATE_RE.exec(printedNear());
  return m ? parseLocalDate(m[0]) : null;
}

export function tagsOf(index: PageIndex): string[] {
  const holders = ['keywords_bl', 'article__tags', 'tags']
    .map((c) => index.byClass.get(c))
    .filter((e): e is Element => !!e);
  const links: Element[] = [...index.relTag];
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== 'tag') continue;
      if (c.name === 'a') links.push(c);
      else collect(c);
    }
  };
  for (const h of holders) collect(h);
  const seen = new Set<string>();
  for (const a of links) {
    const t = normalizeText(rawText(a)).replace(/^#/, '');
    if (t) seen.add(t);
  }
  return [...seen];
}

export function canonicalOf(index: PageIndex, url: string): string | null {
  const raw = index.canonical ?? meta(index, 'og:url');
  if (!raw) return null;
  try {
    return new URL(raw, url || undefined).toString();
  } catch {
    return null;
  }
}
