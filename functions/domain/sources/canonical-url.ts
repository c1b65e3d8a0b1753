import { createHash } from 'node:crypto';

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|from|_ga)$/i;

/**
 * The one address an article is known by, so that the same article reached through a feed, a list page,
 * an AMP copy or another host alias is stored once.
 */
export function canonicalizeUrl(raw: string): string {
  const url = new URL(raw);
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase();
  url.hash = '';
  url.port = url.port === '443' || url.port === '80' ? '' : url.port;
  // Local sample and test servers get a new port every run; their items must keep one identity.
  if (/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
    url.hostname = 'localhost';
    url.port = '';
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  let path = url.pathname.replace(/\/{2,}/g, '/');
  path = path.replace(/\/amp\/?$/, '/').replace(/^\/amp\//, '/news/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  url.pathname = path;
  return url.toString();
}

export function itemIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 24);
}
