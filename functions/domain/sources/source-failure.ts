/**
 * Why a source could not be read, in the three kinds a person acts on differently: the site put a
 * challenge in front of us (blocked: wait, or run from another network), this machine has no network
 * (fix the network, the site is not to blame), or the site itself failed.
 */
import { type NetworkError, isHttpStatusError, isNetworkError } from './http-port';

export type Blocker = 'cloudflare' | 'gov.kz';

/** The words health, the CLI and the alarm use, so a user searching for one finds the others. */
export const BLOCKED_WORDING: Record<Blocker, string> = {
  cloudflare: 'blocked by a Cloudflare challenge',
  'gov.kz': 'blocked by gov.kz',
};

export class SourceBlockedError extends Error {
  constructor(
    readonly blocker: Blocker,
    detail: string,
  ) {
    super(`${BLOCKED_WORDING[blocker]}: ${detail}`);
    this.name = 'SourceBlockedError';
  }
}

/** Errors that mean this machine cannot reach any network, or cannot resolve names. */
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EAI_FAIL',
  'EAI_NONAME',
]);

export function isOfflineError(err: unknown): err is NetworkError {
  return isNetworkError(err) && err.code !== undefined && OFFLINE_CODES.has(err.code);
}

/** The sentence a person reads for a network failure that is this machine's, not the site's. */
export function offlineMessage(err: NetworkError): string {
  let host = err.url;
  try {
    host = new URL(err.url).host;
  } catch {
    // keep the address as given
  }
  const what =
    err.code === 'ENOTFOUND' || err.code?.startsWith('EAI_')
      ? `could not resolve ${host} (DNS ${err.code})`
      : `could not reach ${host} (${err.code})`;
  return `${what}: no network? Check this machine's connection; the site is not known to be at fault`;
}

/**
 * Cloudflare's interstitial: the `cf-mitigated: challenge` header on a 403/503, or its page ("Just a
 * moment…", the challenge-platform script) when the header was stripped by a proxy.
 */
export function isCloudflareChallenge(status: number, headers: Headers | undefined, body: string): boolean {
  if (headers?.get('cf-mitigated')?.toLowerCase() === 'challenge') return true;
  const head = body.slice(0, 20_000);
  // The challenge script is the mark that cannot be a news text; a "Just a moment..." title alone is
  // enough only on the refusal statuses a challenge comes with (a feed item may well be titled so).
  if (/\/cdn-cgi\/challenge-platform\/|cf-chl-|cf_chl_/i.test(head))
    return status === 200 || status === 403 || status === 503 || status === 429;
  if (status !== 403 && status !== 503 && status !== 429) return false;
  return /<title>\s*Just a moment(\.{3}|…)|Attention Required! \| Cloudflare/i.test(head);
}

/** The HTTP failure as a blocked source when it is a challenge; otherwise unchanged. */
export function asBlocked(err: unknown): unknown {
  if (isHttpStatusError(err) && isCloudflareChallenge(err.status, err.headers, err.bodyText)) {
    return new SourceBlockedError(
      'cloudflare',
      `HTTP ${err.status} challenge page from ${err.url}. The site asks for a browser check this monitor cannot pass; the monitor backs off and tries again later. If it persists, run from another network (kzmon sources check --all shows which sources are affected)`,
    );
  }
  return err;
}

/** A failure in words: offline failures say so instead of blaming the site. */
export function describeFailure(err: unknown): string {
  if (isOfflineError(err)) return offlineMessage(err);
  return err instanceof Error ? err.message : String(err);
}
