import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebServer, startWebServer } from '../../functions/web-view/server';
import { DEMO_ITEMS, HOSTILE_TITLE, type DemoData, loadDemoData } from './demo-data';

const hostile = DEMO_ITEMS.find((i) => i.title === HOSTILE_TITLE)!;
const minerals = DEMO_ITEMS[0]!;

describe('the web view server, without a browser', () => {
  let demo: DemoData;
  let web: WebServer;
  beforeAll(async () => {
    demo = await loadDemoData();
    web = await startWebServer({ store: demo.store });
  });
  afterAll(async () => {
    await web?.close();
    await demo?.close();
  });

  const get = (path: string) => fetch(`${web.url}${path}`, { redirect: 'manual' });

  it('listens on 127.0.0.1 only', () => {
    const addr = web.server.address() as AddressInfo;
    expect(addr.address).toBe('127.0.0.1');
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists the stored items as HTML with a policy that lets no script run', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('script-src');
    const body = await res.text();
    for (const item of DEMO_ITEMS.filter((i) => i !== hostile)) expect(body).toContain(item.title);
  });

  it('escapes a hostile title: no markup from the source reaches the page', async () => {
    const body = await (await get('/')).text();
    expect(body).toContain(
      '&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt; Kazakhstan–US talks',
    );
    expect(body).not.toContain('<script>window.__pwned');
    expect(body).not.toContain('<b>Bold</b>');
    const item = await (await get(`/items/${hostile.itemId}`)).text();
    expect(item).not.toContain('<img src=x');
    expect(item).toContain('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
  });

  it('answers a bad filter with 400 and the message of the query validation, inside the page', async () => {
    const res = await get('/?category=nonsense');
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('bad parameter category');
    expect(body).toContain('Those filters can’t be used');
    expect((await get('/?cursor=forged.cursor')).status).toBe(400);
    expect((await get('/?since=2026-13-45')).status).toBe(400);
  });

  it('drops the empty fields a submitted form sends, so the address stays bookmarkable', async () => {
    const res = await get('/?q=&category=c5plus1&topic=&source=&lang=&since=&until=');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?category=c5plus1');
  });

  it('filters by category through the query route', async () => {
    const body = await (await get('/?category=c5plus1')).text();
    expect(body).toContain(minerals.title);
    expect(body).not.toContain('Kazakhstan and US agree to simplify visas for business travellers');
  });

  it('shows an item with its evidence marked, its scores and its story copies', async () => {
    const res = await get(`/items/${minerals.itemId}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<mark>${minerals.classification.evidence[0]!.text}</mark>`);
    expect(body).toContain('0.91');
    expect(body).toContain(DEMO_ITEMS[1]!.title);
    expect(body).toContain(DEMO_ITEMS[2]!.title);
  });

  it('says 404 for an unknown item or page, 405 for a write', async () => {
    const missing = await get('/items/abcdef0123');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No stored item has the id “abcdef0123”');
    const badId = await get('/items/%3Cnot-an-id%3E');
    expect(badId.status).toBe(400);
    expect(await badId.text()).toContain('bad parameter id');
    expect((await get('/nowhere')).status).toBe(404);
    expect((await fetch(`${web.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { port } = web.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('shows each source’s health from the fetch cycle', async () => {
    const res = await get('/sources');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/data-source-id="[a-z0-9-]+"/);
    expect(body).toContain('✓ Healthy');
  });
});
