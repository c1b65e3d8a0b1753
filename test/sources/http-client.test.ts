import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FetchRefusedError,
  HttpClient,
  HttpStatusError,
  USER_AGENT,
  userAgentFor,
  decodeBody,
  isPrivateAddress,
} from '../../functions/adapters/http-client';
import {
  type FixtureServer,
  encodeWindows1251,
  startFixtureServer,
} from '../fixtures/sources/fixture-server';
import { testClient } from './helpers';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('HttpClient against the fixture server', () => {
  it('sends an honest User-Agent naming the project, and the operator\'s contact when one is set', async () => {
    const { http } = testClient();
    await http.request({ url: server.url('/rss/en.xml') });
    const ua = server.requests[0]!.headers['user-agent'];
    expect(ua).toBe(USER_AGENT);
    expect(ua).toMatch(/^kz-news-monitor\/\S+ \(news monitoring/);
    expect(userAgentFor(undefined)).not.toMatch(/https?:|@/);
    expect(userAgentFor('mailto:desk@example.org')).toBe(
      'kz-news-monitor/0.1 (news monitoring for Kazakhstan-US relations; +mailto:desk@example.org)',
    );
  });

  it('answers 304 as not modified when the stored ETag matches, with an empty body', async () => {
    const { http } = testClient();
    const first = await http.request({ url: server.url('/rss/en.xml') });
    const etag = first.headers.get('etag')!;
    const second = await http.request({ url: server.url('/rss/en.xml'), etag });
    expect(server.requests[1]!.headers['if-none-match']).toBe(etag);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    const byDate = await http.request({
      url: server.url('/rss/en.xml'),
      lastModified: first.headers.get('last-modified')!,
    });
    expect(byDate.notModified).toBe(true);
  });

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    const { http, sleeps } = testClient();
    const res = await http.request({ url: server.url('/fault/429') });
    expect(res.status).toBe(200);
    expect(server.hits('/fault/429')).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it('refuses to wait for a Retry-After longer than its limit, and says so', async () => {
    const { http, sleeps } = testClient({ maxRetryAfterMs: 1000 });
    await expect(http.request({ url: server.url('/fault/429') })).rejects.toThrow(/429.*retry after 2 s/);
    expect(sleeps).toEqual([]);
  });

  it('retries a 500 with jittered exponential backoff and gets the 200', async () => {
    const { http, sleeps } = testClient({ backoffBaseMs: 400, random: () => 0.5 });
    const res = await http.request({ url: server.url('/fault/500-then-200') });
    expect(res.status).toBe(200);
    expect(server.hits('/fault/500-then-200')).toBe(2);
    expect(sleeps).toEqual([200]);
  });

  it('makes a bounded number of attempts when the server keeps failing', async () => {
    server.route('/always-500', (_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { http, sleeps } = testClient({ maxAttempts: 3, backoffBaseMs: 100, random: () => 1 });
    await expect(http.request({ url: server.url('/always-500') })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.hits('/always-500')).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('spends no more retries than its budget across requests', async () => {
    server.route('/always-500b', (_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const { http } = testClient({ maxAttempts: 5, retryBudget: 2 });
    await expect(http.request({ url: server.url('/always-500b') })).rejects.toThrow(/HTTP 500/);
    await expect(http.request({ url: server.url('/always-500b') })).rejects.toThrow(/HTTP 500/);
    expect(server.hits('/always-500b')).toBe(4);
  });

  it('does not retry a 404', async () => {
    const { http } = testClient();
    await expect(http.request({ url: server.url('/fault/404') })).rejects.toThrow(/HTTP 404/);
    expect(server.hits('/fault/404')).toBe(1);
  });

  it('gives up on a response slower than the timeout (headers late, or body trickling)', async () => {
    const { http } = testClient({ timeoutMs: 300, maxAttempts: 1 });
    await expect(http.request({ url: server.url('/fault/slow') })).rejects.toThrow(/timed out after 300 ms/);
    await expect(http.request({ url: server.url('/fault/slow-body') })).rejects.toThrow(
      /timed out after 300 ms/,
    );
  });

  it('stops reading a response over the size cap, also when it is gzipped small', async () => {
    const { http } = testClient({ maxBytes: 256 * 1024 });
    await expect(http.request({ url: server.url('/fault/huge') })).rejects.toThrow(/262144-byte cap/);
    await expect(http.request({ url: server.url('/fault/huge-gzip') })).rejects.toThrow(/262144-byte cap/);
    expect(server.hits('/fault/huge')).toBe(2); // huge + huge-gzip, neither retried
    const { http: roomy } = testClient({ maxBytes: 4 * 1024 * 1024 });
    const res = await roomy.request({ url: server.url('/fault/huge-gzip') });
    expect(res.body.length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('refuses a redirect to the cloud metadata address without contacting it', async () => {
    const { http } = testClient();
    const err = await http.request({ url: server.url('/fault/redirect-metadata') }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toMatch(/redirect .* refused: .*169\.254\.169\.254/);
  });

  it('refuses a redirect to a host that is not on the allowlist, though it would answer', async () => {
    const { http } = testClient();
    await expect(http.request({ url: server.url('/fault/redirect-host') })).rejects.toThrow(
      /host localhost is not on the allowlist/,
    );
    expect(server.hits('/rss/en.xml')).toBe(0);
  });

  it('follows a redirect that stays on the allowlist', async () => {
    const { http } = testClient();
    const res = await http.request({ url: server.url('/fault/redirect-ok') });
    expect(res.url).toBe(server.url('/rss/en.xml'));
  });

  it('keeps at most maxPerHost requests in flight to one host', async () => {
    const { http } = testClient({ maxPerHost: 2 });
    await Promise.all(Array.from({ length: 6 }, () => http.request({ url: server.url('/fault/hold') })));
    expect(server.hits('/fault/hold')).toBe(6);
    expect(server.maxInFlight).toBe(2);
  });
});

describe('address checks', () => {
  const strict = new HttpClient({
    allowedHosts: ['www.inform.kz', '169.254.169.254', '10.0.0.5', '127.0.0.1'],
  });

  it('refuses private and link-local addresses even when listed, and plain http', () => {
    expect(() => strict.assertAllowed('https://169.254.169.254/latest/meta-data/')).toThrow(
      /private address/,
    );
    expect(() => strict.assertAllowed('https://10.0.0.5/')).toThrow(/private address/);
    expect(() => strict.assertAllowed('https://127.0.0.1/')).toThrow(/private address/);
    expect(() => strict.assertAllowed('http://www.inform.kz/rss/rus.xml')).toThrow(/https only/);
    expect(() => strict.assertAllowed('https://evil.example/')).toThrow(/not on the allowlist/);
    expect(() => strict.assertAllowed('https://user:pw@www.inform.kz/')).toThrow(/credentials/);
    expect(strict.assertAllowed('https://www.inform.kz/ru/lenta').hostname).toBe('www.inform.kz');
  });

  it('allows plain http only to loopback, and only with allowInsecureLocal', () => {
    const local = new HttpClient({ allowedHosts: ['127.0.0.1', 'www.inform.kz'], allowInsecureLocal: true });
    expect(local.isAllowed('http://127.0.0.1:8080/x')).toBe(true);
    expect(local.isAllowed('http://www.inform.kz/x')).toBe(false);
  });

  it('knows the private ranges, including numeric and mapped forms', () => {
    for (const h of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '[::1]',
      '::ffff:169.254.169.254',
      'fd00::1',
      'metadata.google.internal',
    ]) {
      expect(isPrivateAddress(h), h).toBe(true);
    }
    for (const h of ['8.8.8.8', 'www.gov.kz', '172.32.0.1']) expect(isPrivateAddress(h), h).toBe(false);
    // The URL parser turns the decimal form into dotted form, so it is caught too.
    expect(isPrivateAddress(new URL('http://2852039166/').hostname)).toBe(true);
  });
});

describe('decodeBody', () => {
  const ru = 'Казахстан и США — Ёлка';
  it('reads windows-1251 from the header, the XML prolog and the meta tag', () => {
    expect(decodeBody(encodeWindows1251(ru), 'text/plain; charset=windows-1251')).toBe(ru);
    expect(
      decodeBody(encodeWindows1251(`<?xml version="1.0" encoding="windows-1251"?><t>${ru}</t>`), null),
    ).toContain(ru);
    expect(
      decodeBody(encodeWindows1251(`<html><head><meta charset="cp1251"></head>${ru}</html>`), 'text/html'),
    ).toContain(ru);
    expect(
      decodeBody(
        encodeWindows1251(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">${ru}`),
        'text/html',
      ),
    ).toContain(ru);
  });
  it('keeps Kazakh Cyrillic and Latin intact in UTF-8, with or without a BOM', () => {
    const kk = 'Қазақстан мен АҚШ · Qazaqstan men AQŞ, Qańtar, Astanaǵa';
    expect(decodeBody(Buffer.from(kk, 'utf8'), 'text/html; charset=utf-8')).toBe(kk);
    expect(
      decodeBody(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(kk)]),
        'text/html; charset=windows-1251',
      ),
    ).toBe(`\ufeff${kk}`.slice(1));
  });
});
