import { createHash } from 'node:crypto';

const TRACKING_PARAM =
  /^(utm_[a-z_]+|utm|fbclid|gclid|dclid|yclid|ysclid|igshid|msclkid|mc_cid|mc_eid|_ga|_gl|_openstat|ref|ref_src|from|spm|amp)$/i;

/**
 * An article id on either Kazinform platform: `_a3781891` (old) or `-e8f1a2` / `-4b7c9d1e` (new, 6 or 8
 * hex digits, after one dash or, on a truncated slug, two). A hex id is only taken as one when it holds a
 * digit: a slug ending in an English word made of the letters a–f (`…-decade`, `…-facade`) is not an id,
 * and two different articles ending in the same such word must not become one item. The price: the rare
 * real id with no digit (under 0.3% of 6-digit ids) is keyed on its whole address instead.
 */
export const KAZINFORM_ID = /(_a\d+|-(?=[0-9a-f]{0,7}\d)[0-9a-f]{6,8})$/i;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The one address an article is known by, so that the same article reached through a feed, a list page,
 * an AMP copy or another host alias is stored once. The result is still a real address of the article.
 *
 * Kazinform aliases folded (from sources.md): `inform.kz` → `www.inform.kz`; `www.qazinform.com` →
 * `qazinform.com`; the old English site `en.inform.kz/news/X` is `www.inform.kz/en/X`; a new-platform
 * English id (hex) under `www.inform.kz/en/` or `en.inform.kz` is `qazinform.com/news/X`; an old id
 * (`_aN`) under `qazinform.com/news/` is `www.inform.kz/en/X`. AMP copies (`/amp` suffix, `/amp/`
 * prefix, `?amp`) fold into the article.
 */
export function canonicalizeUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  url.hash = '';
  url.username = '';
  url.password = '';
  url.port = url.port === '443' || url.port === '80' ? '' : url.port;
  // Local sample and test servers get a new port every run; their items must keep one identity.
  if (LOOPBACK.test(url.hostname)) {
    url.hostname = 'localhost';
    url.port = '';
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();

  let segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => safeDecode(s));
  const isKazinform = /(^|\.)inform\.kz$|(^|\.)qazinform\.com$/.test(url.hostname);
  if (isKazinform) {
    segments = segments.filter((s) => s.toLowerCase() !== 'amp');
    const folded = foldKazinform(url.hostname, segments);
    url.hostname = folded.host;
    segments = folded.segments;
  } else if (segments.at(-1)?.toLowerCase() === 'amp') {
    segments.pop();
  }
  url.pathname = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  return url.toString();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function foldKazinform(host: string, segments: string[]): { host: string; segments: string[] } {
  const last = segments.at(-1) ?? '';
  const id = KAZINFORM_ID.exec(last)?.[1];
  const oldId = id?.startsWith('_a');
  if (host === 'inform.kz') host = 'www.inform.kz';
  if (host === 'www.qazinform.com') host = 'qazinform.com';
  if (!id) return { host, segments };
  const slug = last;
  if (host === 'en.inform.kz' || (host === 'www.inform.kz' && segments[0]?.toLowerCase() === 'en')) {
    return oldId
      ? { host: 'www.inform.kz', segments: ['en', slug] }
      : { host: 'qazinform.com', segments: ['news', slug] };
  }
  if (host === 'qazinform.com') {
    return oldId ? { host: 'www.inform.kz', segments: ['en', slug] } : { host, segments: ['news', slug] };
  }
  return { host, segments };
}

/**
 * The identity of an item: a hash of its canonical URL. On Kazinform the slug of one article differs
 * between list pages, feeds and the article itself, so there the id after the slug is the identity.
 */
export function itemIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(identityKey(canonicalUrl)).digest('hex').slice(0, 24);
}

export function identityKey(canonicalUrl: string): string {
  try {
    const url = new URL(canonicalUrl);
    // Local sample and test servers stand in for Kazinform, so its id rule holds there too.
    if (/(^|\.)inform\.kz$|(^|\.)qazinform\.com$|^localhost$/.test(url.hostname)) {
      const segments = url.pathname.split('/').filter(Boolean);
      const id = KAZINFORM_ID.exec(segments.at(-1) ?? '')?.[1];
      if (id) return `kazinform:${url.hostname}/${segments.slice(0, -1).join('/')}:${id.toLowerCase()}`;
    }
  } catch {
    // Not a URL: hash it as given.
  }
  return canonicalUrl;
}
