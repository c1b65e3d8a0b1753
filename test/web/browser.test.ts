import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type WebServer, startWebServer } from '../../functions/web-view/server';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { DEMO_ITEMS, type DemoData, HOSTILE_TITLE, loadDemoData } from './demo-data';

const [mineralsEn, mineralsRu, mineralsKk] = DEMO_ITEMS;
const hostile = DEMO_ITEMS.find((i) => i.title === HOSTILE_TITLE)!;
const visas = DEMO_ITEMS.find((i) => i.classification.topics.includes('visas-consular'))!;

describe('the web view in Chromium', () => {
  let demo: DemoData;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const executablePath = chromiumPath(); // fails loudly, with the install command, when Chromium is absent
    [demo, browser] = await Promise.all([
      loadDemoData(),
      chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS }),
    ]);
    web = await startWebServer({ store: demo.store });
    // One context and page for all tests (a new context per test is slow); each test navigates afresh.
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await demo?.close();
  });
  beforeEach(async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  const titles = (p: Page) => p.locator('li.item h2').allTextContents();

  it('lists the items newest first and shows a hostile title as text, running none of it', async () => {
    await page.goto(`${web.url}/`);
    const shown = await titles(page);
    expect(shown).toContain(mineralsEn!.title);
    expect(shown.indexOf(mineralsKk!.title)).toBeLessThan(shown.indexOf(mineralsEn!.title));
    expect(shown.indexOf(mineralsEn!.title)).toBeLessThan(shown.indexOf(hostile.title));

    const card = page.locator(`li.item[data-item-id="${hostile.itemId}"]`);
    expect(await card.locator('h2').textContent()).toBe(HOSTILE_TITLE);
    expect(await card.locator('h2 b, h2 script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await card.locator('h2 a').getAttribute('href')).toBe(hostile.url);
  });

  it('filters by category with the form, and the filtered view is a bookmarkable address', async () => {
    await page.goto(`${web.url}/`);
    await page.getByLabel('Category', { exact: true }).selectOption('c5plus1');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(`${web.url}/?category=c5plus1`);
    const shown = await titles(page);
    expect(shown).toEqual(expect.arrayContaining([mineralsEn!.title, mineralsRu!.title, mineralsKk!.title]));
    expect(shown).not.toContain(visas.title);
    for (const card of await page.locator('li.item').all()) {
      expect(await card.locator('.chip.cat-c5plus1').textContent()).toBe('C5+1');
    }

    // Opened afresh from the address alone, the view and the form come back the same.
    await page.goto('about:blank');
    await page.goto(`${web.url}/?category=c5plus1`);
    expect(await titles(page)).toEqual(shown);
    expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe('c5plus1');
  });

  it('filters by text in Russian and in Kazakh', async () => {
    await page.goto(`${web.url}/`);
    await page.getByLabel(/Text anywhere in the item/).fill('минерал');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('минерал');
    // The whole stored text is searched: the Russian minerals story by its title, others by their bodies.
    const found = await titles(page);
    expect(found).toContain(mineralsRu!.title);
    for (const id of await page.locator('li.item').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')))) {
      const item = await demo.store.getItem(id!);
      expect([item!.title, item!.lead, item!.body].join(' ').toLowerCase()).toContain('минерал');
    }
    expect(found).not.toContain(mineralsEn!.title);

    await page.goto(`${web.url}/?q=${encodeURIComponent('сирек')}`);
    expect(await titles(page)).toContain(mineralsKk!.title);
    expect(new Set(await page.locator('li.item h2').evaluateAll((els) => els.map((e) => e.getAttribute('lang'))))).toEqual(
      new Set(['kk']),
    );
  });

  it('opens an item: evidence highlighted, scores, the story in other languages, and the alert', async () => {
    await page.goto(`${web.url}/?category=c5plus1`);
    await page
      .locator(`li.item[data-item-id="${mineralsEn!.itemId}"]`)
      .getByRole('link', { name: /Why it was flagged/ })
      .click();
    await page.waitForURL(`${web.url}/items/${mineralsEn!.itemId}`);
    expect(await page.locator('h1').textContent()).toBe(mineralsEn!.title);

    const marks = await page.locator('.article mark').allTextContents();
    expect(marks[0]).toBe(mineralsEn!.classification.evidence[0]!.text);
    expect(marks).toHaveLength(2);
    // The sentence that is not evidence stays unmarked.
    expect(
      await page
        .locator('.article p', { hasText: 'The C5+1 format brings together' })
        .locator('mark')
        .count(),
    ).toBe(0);

    expect(await page.locator('.score b').allTextContents()).toEqual(['0.91', '0.86']);
    const copies = page.locator('section[aria-labelledby="h-copies"] li');
    expect(await copies.locator('a[href^="/items/"]').allTextContents()).toEqual([
      mineralsRu!.title,
      mineralsKk!.title,
    ]);
    expect(await page.locator('section[aria-labelledby="h-alert"]').textContent()).toContain('Alerted');

    await copies.getByRole('link', { name: mineralsKk!.title }).click();
    await page.waitForURL(`${web.url}/items/${mineralsKk!.itemId}`);
    expect(await page.locator('.article').getAttribute('lang')).toBe('kk');
  });

  it('shows the hostile item’s text as text, with no element or script from it', async () => {
    await page.goto(`${web.url}/items/${hostile.itemId}`);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('.article').textContent()).toContain('<img src=x onerror="window.__pwned=2">');
    expect(await page.locator('h1 *, .article img, .article script, .article b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('pages through every item with the next-page link, and comes back to the first page', async () => {
    await page.goto(`${web.url}/?limit=3`);
    const first = await titles(page);
    expect(first).toHaveLength(3);
    const seen = [...first];
    while ((await page.getByRole('link', { name: 'Next page →' }).count()) > 0) {
      await page.getByRole('link', { name: 'Next page →' }).click();
      await page.waitForLoadState();
      expect(new URL(page.url()).searchParams.get('limit')).toBe('3');
      seen.push(...(await titles(page)));
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const item of DEMO_ITEMS) expect(seen).toContain(item.title);

    await page.getByRole('link', { name: '← First page' }).click();
    await page.waitForURL(`${web.url}/?limit=3`);
    expect(await titles(page)).toEqual(first);
  });

  it('explains a bad filter value instead of failing', async () => {
    const res = await page.goto(`${web.url}/?since=2026-11-99&category=c5plus1`);
    expect(res?.status()).toBe(400);
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('bad parameter since');
    expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe('c5plus1');
  });

  it('shows each source’s health', async () => {
    await page.goto(`${web.url}/sources`);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) expect(await row.textContent()).toContain('Healthy');
  });

  it('draws the weekly chart without JavaScript: bars as tall as their counts, named for screen readers', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    try {
      const p = await noScript.newPage();
      await p.goto(`${web.url}/`);
      const chart = p.getByRole('img', { name: 'Relevant items per week, by category' });
      expect(await chart.isVisible()).toBe(true);
      const bars = await p.locator('svg rect.bar').all();
      expect(bars.length).toBe(24);
      const sizes: { count: number; height: number }[] = [];
      for (const bar of bars) {
        const count = Number(await bar.getAttribute('data-count'));
        sizes.push({ count, height: (await bar.boundingBox())?.height ?? 0 });
      }
      const tallest = sizes.reduce((a, b) => (b.count > a.count ? b : a));
      expect(tallest.count).toBeGreaterThan(0);
      for (const s of sizes) {
        // On screen, each bar's height is its share of the tallest one's.
        expect(Math.abs(s.height - (tallest.height * s.count) / tallest.count)).toBeLessThan(1.5);
      }
    } finally {
      await noScript.close();
    }
  });

  it('fits a phone screen: nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', `/items/${mineralsKk!.itemId}`, '/sources']) {
      await page.goto(`${web.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
