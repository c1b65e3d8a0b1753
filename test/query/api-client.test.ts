import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, regionFromUrl } from '../../bin/commands/api-client';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
let server: Server;
let base: string;
const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url!, headers: req.headers });
    const status = req.url!.startsWith('/items/') ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { items: [] } : { message: 'no item' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Re-signs the request as the server received it: the signatures match only if what was sent was signed. */
async function expectedAuthorization(received: (typeof seen)[number]): Promise<string> {
  const url = new URL(received.url, base);
  const amzDate = received.headers['x-amz-date'] as string;
  const signer = new SignatureV4({ service: 'execute-api', region: 'eu-central-1', credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: received.headers.host!, accept: received.headers.accept as string },
    },
    {
      signingDate: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      ),
    },
  );
  return signed.headers.authorization as string;
}

describe('SigV4 API client', () => {
  it('signs GET requests for execute-api, including awkward query text', async () => {
    const client = createApiClient({ baseUrl: base, region: 'eu-central-1', credentials: async () => credentials });
    const res = await client.get('/items', { category: 'c5plus1', q: "energy & oil (it's) 100% *", since: undefined });
    expect(res).toEqual({ status: 200, body: { items: [] } });
    const received = seen.at(-1)!;
    expect(received.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/execute-api\/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(received.headers.authorization).toBe(await expectedAuthorization(received));
    expect(new URL(received.url, base).searchParams.get('q')).toBe("energy & oil (it's) 100% *");
  });

  it('returns error statuses with the body for the caller to report', async () => {
    const client = createApiClient({ baseUrl: base, region: 'eu-central-1', credentials: async () => credentials });
    expect(await client.get('/items/abcdef123456')).toEqual({ status: 404, body: { message: 'no item' } });
  });

  it('takes the region from an execute-api URL and refuses a URL it cannot use', () => {
    expect(regionFromUrl('https://abc123.execute-api.eu-central-1.amazonaws.com')).toBe('eu-central-1');
    expect(regionFromUrl('https://example.com')).toBeUndefined();
    expect(() => createApiClient({ baseUrl: 'not a url' })).toThrow(/--api needs a URL/);
  });
});

describe('an API that cannot be reached or named', () => {
  it('says which API could not be reached and why, not just "fetch failed"', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const client = createApiClient({ baseUrl: url, region: 'eu-central-1', credentials: async () => credentials });
    await expect(client.get('/items')).rejects.toThrow(
      new RegExp(`^could not reach the API at ${url.replace(/\./g, '\\.')}: ECONNREFUSED`),
    );
  });

  it('takes a malformed --api value as the command used wrongly (exit 2)', () => {
    expect(() => createApiClient({ baseUrl: 'not-a-url', region: 'eu-central-1' })).toThrow(
      expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(/^--api needs a URL/) }),
    );
  });
});
