import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeQuery } from '../../functions/domain/query/query-routes';
import { DEMO_ITEMS, type DemoData, loadDemoData } from './demo-data';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin/kzmon.cjs');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'eu-central-1';

/** Re-signs the request as received: only a request signed with these credentials passes, as at API Gateway. */
async function signedCorrectly(req: IncomingMessage, base: string): Promise<boolean> {
  const given = req.headers.authorization;
  const amzDate = req.headers['x-amz-date'];
  if (typeof given !== 'string' || typeof amzDate !== 'string') return false;
  const url = new URL(req.url!, base);
  const signer = new SignatureV4({ service: 'execute-api', region: REGION, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: req.headers.host!, accept: req.headers.accept as string },
    },
    {
      signingDate: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      ),
    },
  );
  return signed.headers.authorization === given;
}

describe('kzmon serve --api: the deployed store through the signed query API', () => {
  let demo: DemoData;
  let api: Server;
  let base: string;
  let child: ChildProcess | undefined;
  let url: string;
  const refused: string[] = [];

  beforeAll(async () => {
    demo = await loadDemoData();
    // The deployed API's routes over a store, behind IAM authorization.
    api = createServer(async (req, res) => {
      const ok = await signedCorrectly(req, base);
      const target = new URL(req.url!, base);
      const answer = ok
        ? await routeQuery(demo.store, target.pathname, Object.fromEntries(target.searchParams))
        : { status: 403, body: { message: 'Missing Authentication Token' } };
      if (!ok) refused.push(req.url!);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    child = spawn(process.execPath, [CLI, 'serve', '--api', base, '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_REGION: REGION,
        AWS_PROFILE: '',
      },
    });
    let out = '';
    url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.stderr!.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child!.once('exit', (code) => reject(new Error(`kzmon serve --api exited with ${code}: ${out}`)));
    });
    expect(out).toContain(`the deployed store at ${base}`);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await new Promise<void>((r) => api?.close(() => r()));
    await demo?.close();
  });

  it('lists, charts and filters the deployed items, every request signed', async () => {
    const body = await (await fetch(`${url}/?category=c5plus1`)).text();
    expect(body).toContain(DEMO_ITEMS[0]!.title);
    expect(body).not.toContain('Kazakhstan and US agree to simplify visas for business travellers');
    expect(body).toContain('<title id="chart-title">Relevant items per week, by category</title>');
    expect(body).toContain(`Data from the deployed store at ${base}`);
    expect(refused).toEqual([]);
  });

  it('shows an item and its story copies, saying the alert state is not in the API', async () => {
    const minerals = DEMO_ITEMS[0]!;
    const body = await (await fetch(`${url}/items/${minerals.itemId}`)).text();
    expect(body).toContain(`<mark>${minerals.classification.evidence[0]!.text}</mark>`);
    expect(body).toContain(DEMO_ITEMS[1]!.title);
    expect(body).toContain('The query API does not expose alert records');
    const sources = await (await fetch(`${url}/sources`)).text();
    expect(sources).toContain('✓ Healthy');
  });
});
