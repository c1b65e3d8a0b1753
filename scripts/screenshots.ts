/**
 * Screenshots of the web view for the README: the list (with its weekly chart) and an item page, of what
 * `kzmon demo` stores (the bundled sample sources through the real cycle), as `kzmon serve --demo`
 * shows it. Run with `npx tsx scripts/screenshots.ts`; needs Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWebServer } from '../functions/web-view/server';
import { SAMPLE_SOURCE_IDS } from '../functions/local/sample-sources';
import { loadDemoData } from '../test/web/demo-data';
import { CHROMIUM_ARGS, chromiumPath } from '../test/web/chromium';

async function main(): Promise<void> {
  const out = join(__dirname, '..', 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const demo = await loadDemoData({ sampleOnly: true });
  const web = await startWebServer({
    store: demo.store,
    demo: true,
    storeLabel: "the demo's store",
    knownSourceIds: SAMPLE_SOURCE_IDS,
  });
  // The ministers' call: told in English, Russian and Kazakh, so its page lists the other copies.
  const story = (await demo.store.queryItems({ q: 'rubio', lang: 'en', limit: 1 })).items[0];
  if (!story) throw new Error('the demo stored no English copy of the Rubio call; the sample or the classifier changed');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(`${web.url}/`);
    await page.screenshot({ path: join(out, 'list.png') });
    await page.goto(`${web.url}/items/${story.itemId}`);
    await page.screenshot({ path: join(out, 'item.png') });
    process.stdout.write(`wrote ${join(out, 'list.png')} and ${join(out, 'item.png')}\n`);
    // Page weight and server time (fetch of the whole page, median of 20), for the report.
    for (const path of ['/', `/items/${story.itemId}`]) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        bytes = (await (await fetch(`${web.url}${path}`)).arrayBuffer()).byteLength;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      process.stdout.write(
        `${path}: ${bytes} bytes of HTML (CSS inline, nothing else to load), median ${times[10]!.toFixed(1)} ms\n`,
      );
    }
  } finally {
    await browser.close();
    await web.close();
    await demo.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`screenshots: ${err.message}\n`);
  process.exitCode = 1;
});
