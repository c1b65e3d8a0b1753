import { describe, expect, it } from 'vitest';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { canonicalizeUrl, itemIdFor } from '../../functions/domain/sources/canonical-url';
import { DEFAULT_SOURCES, discoveryPaths } from '../../functions/domain/sources/definitions';

const id = (u: string) => itemIdFor(canonicalizeUrl(u));

describe('canonical URLs and item identity', () => {
  it('folds the old English hosts of one article together, AMP included', () => {
    const slug =
      'active-cooperation-with-washington-to-continue-in-areas-of-mutual-interest-for-ca-countries-and-us-aibek-smadiyarov_a3781891';
    const forms = [
      `https://en.inform.kz/news/${slug}/`,
      `http://www.inform.kz/en/${slug}`,
      `https://inform.kz/en/${slug}#comments`,
      `https://en.inform.kz/news/${slug}/amp`,
      `https://qazinform.com/news/${slug}?utm_source=tg&fbclid=abc`,
    ];
    expect(new Set(forms.map(canonicalizeUrl))).toEqual(new Set([`https://www.inform.kz/en/${slug}`]));
  });

  it('folds the new English platform: qazinform.com, www., its AMP copy and www.inform.kz/en', () => {
    const forms = [
      'https://qazinform.com/news/kazakhstan-and-us-discuss-critical-minerals-e8f1a2',
      'https://www.qazinform.com/news/kazakhstan-and-us-discuss-critical-minerals-e8f1a2/',
      'https://qazinform.com/amp/kazakhstan-and-us-discuss-critical-minerals-e8f1a2/',
      'https://www.inform.kz/en/kazakhstan-and-us-discuss-critical-minerals-e8f1a2?amp=1',
    ];
    expect(new Set(forms.map(canonicalizeUrl))).toEqual(
      new Set(['https://qazinform.com/news/kazakhstan-and-us-discuss-critical-minerals-e8f1a2']),
    );
  });

  it('keys Kazinform articles on their id, so a changed slug is the same item', () => {
    expect(id('https://www.inform.kz/ru/kazahstan-i-ssha-4b7c9d')).toBe(
      id('https://www.inform.kz/ru/kazahstan-i-ssha-obsudili-4b7c9d'),
    );
    expect(id('https://www.inform.kz/ru/kazahstan-i-ssha-4b7c9d')).not.toBe(
      id('https://qz.inform.kz/news/kazahstan-i-ssha-4b7c9d'),
    );
    expect(id('https://www.inform.kz/ru/x-4b7c9d')).not.toBe(id('https://www.inform.kz/ru/x-4b7c9e'));
  });

  it('keeps the parameters that matter and drops tracking ones and fragments', () => {
    expect(
      canonicalizeUrl(
        'https://WWW.GOV.KZ/memleket/entities/mfa/press/news/details/1051234?utm_campaign=x&lang=en#top',
      ),
    ).toBe('https://www.gov.kz/memleket/entities/mfa/press/news/details/1051234?lang=en');
    expect(id('https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=en')).not.toBe(
      id('https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=ru'),
    );
  });

  it('gives local test servers one identity whatever their port', () => {
    expect(canonicalizeUrl('http://127.0.0.1:41234/news/a-abcdef')).toBe(
      canonicalizeUrl('http://127.0.0.1:5555/news/a-abcdef'),
    );
  });
});

describe('default sources and allowlist', () => {
  it('reads Kazinform from its list pages first, with sitemaps and RSS as later candidates, and the MFA in en/ru/kk', () => {
    const byId = new Map(DEFAULT_SOURCES.map((s) => [s.id, s]));
    const paths = (id: string) => discoveryPaths(byId.get(id)!).map((p) => `${p.kind} ${p.url}`);
    expect(paths('kazinform-ru')[0]).toBe('kazinform-list https://www.inform.kz/ru/lenta');
    expect(paths('kazinform-kk')[0]).toBe('kazinform-list https://kaz.inform.kz/lenta/');
    expect(paths('kazinform-kk-latn').every((p) => p.includes('://qz.inform.kz/'))).toBe(true);
    expect(paths('kazinform-en').slice(0, 3)).toEqual([
      'kazinform-list https://qazinform.com/lenta',
      'kazinform-list https://qazinform.com/latest-news',
      'kazinform-list https://qazinform.com/',
    ]);
    for (const id of ['kazinform-en', 'kazinform-ru', 'kazinform-kk', 'kazinform-kk-latn']) {
      const kinds = paths(id).map((p) => p.split(' ')[0]);
      // Lists before sitemaps before RSS: the evidence says lists work, the others are unconfirmed.
      expect(kinds, id).toEqual(
        [...kinds].sort(
          (a, b) =>
            ['kazinform-list', 'sitemap', 'rss'].indexOf(a!) -
            ['kazinform-list', 'sitemap', 'rss'].indexOf(b!),
        ),
      );
      expect(kinds[0], id).toBe('kazinform-list');
    }
    expect(
      DEFAULT_SOURCES.filter((s) => s.kind === 'govkz-news')
        .map((s) => s.language)
        .sort(),
    ).toEqual(['en', 'kk', 'ru']);
    for (const s of DEFAULT_SOURCES)
      for (const p of discoveryPaths(s)) expect(p.url, s.id).toMatch(/^https:\/\//);
  });

  it('allows the sources hosts and the known aliases, nothing else', () => {
    const hosts = allowedHostsFor(DEFAULT_SOURCES);
    for (const h of ['qazinform.com', 'www.inform.kz', 'en.inform.kz', 'qz.inform.kz', 'www.gov.kz'])
      expect(hosts.has(h), h).toBe(true);
    expect(hosts.has('169.254.169.254')).toBe(false);
    expect(hosts.has('evil.example')).toBe(false);
  });
});
