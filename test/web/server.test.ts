import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
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
    const unknownSource = await get('/?source=nope');
    expect(unknownSource.status).toBe(400);
    expect(await unknownSource.text()).toMatch(/bad parameter source: no source “nope”; known: .*demo-kazinform-en/);
    expect((await get('/?since=2026-13-45')).status).toBe(400);
  });

  it('drops the empty fields a submitted form sends, so the address stays bookmarkable', async () => {
    const res = await get('/?q=&category=c5plus1&topic=&source=&lang=&since=&until=');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?category=c5plus1');
  });

  it('sends a category written as alerts write it to the canonical address of that view', async () => {
    const res = await get(`/?category=${encodeURIComponent('C5+1')}&lang=RU`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?category=c5plus1&lang=ru');
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

  it('draws relevant items per Astana week by category as an SVG chart, no script, counting every matching item', async () => {
    const body = await (await get('/')).text();
    const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(body)?.[0];
    expect(svg).toBeDefined();
    expect(svg).toContain('<title id="chart-title">Relevant items per week, by category</title>');
    expect(svg).not.toMatch(/<script|on[a-z]+=/i);
    const bars = [...svg!.matchAll(/data-series="([^"]+)" data-week="([^"]+)" data-count="(\d+)"/g)].map((m) => ({
      series: m[1]!,
      week: m[2]!,
      count: Number(m[3]),
    }));
    const weeks = [...new Set(bars.map((b) => b.week))].sort();
    expect(weeks).toHaveLength(12);
    // Counted here independently: the Monday of each item's Astana week.
    const { items } = await demo.store.queryItems({ limit: 200 });
    const mondayOf = (iso: string) => {
      const local = new Date(Date.parse(iso) + 5 * 3_600_000);
      return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    for (const category of ['kz-us', 'c5plus1']) {
      for (const week of weeks) {
        const expected = items.filter((i) => i.categories.includes(category) && mondayOf(i.publishedAt) === week).length;
        expect(bars.find((b) => b.series === category && b.week === week)?.count, `${category} ${week}`).toBe(expected);
      }
    }
    expect(bars.reduce((n, b) => n + b.count, 0)).toBeGreaterThan(0);
    // The caption counts items, not bars: an item in both categories is one item.
    const inWeeks = items.filter((i) => weeks.includes(mondayOf(i.publishedAt))).length;
    expect(svg).toContain(`<desc id="chart-desc">${inWeeks} items in the 12 weeks from`);
  });

  it('charts the chosen topic per week on a topic filter', async () => {
    const body = await (await get('/?topic=critical-minerals')).text();
    expect(body).toContain('<title id="chart-title">Critical minerals items per week</title>');
    const series = new Set([...body.matchAll(/data-series="([^"]+)"/g)].map((m) => m[1]));
    expect(series).toEqual(new Set(['critical-minerals']));
  });

  it('lists every watched source on /sources, also those never fetched', async () => {
    const all = await startWebServer({ store: demo.store, knownSourceIds: ['kazinform-kk-latn', 'mfa-kk'] });
    try {
      const body = await (await fetch(`${all.url}/sources`)).text();
      expect(body).toMatch(/data-source-id="kazinform-kk-latn"[\s\S]*?Not fetched yet/);
      expect(body).toMatch(/data-source-id="mfa-kk"/);
      expect(body).toContain('✓ Healthy');
    } finally {
      await all.close();
    }
  });
});

describe('the web view of an empty store', () => {
  it('says the store is empty and how to fill it, not that filters match nothing', async () => {
    const dynamo = await startLocalDynamo();
    const web = await startWebServer({ store: createMonitorStore(dynamo.client, { tableName: dynamo.tableName }) });
    try {
      const body = await (await fetch(`${web.url}/`)).text();
      expect(body).toContain('The store is empty.');
      expect(body).toContain('npm run demo');
      expect(body).not.toContain('No items match these filters');
      const filtered = await (await fetch(`${web.url}/?lang=kk`)).text();
      expect(filtered).toContain('No items match these filters');
    } finally {
      await web.close();
      await dynamo.close();
    }
  });
});
