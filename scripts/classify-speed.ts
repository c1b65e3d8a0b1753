/**
 * Classification time against extraction time for the same article (issue 9: classify ≤ 10% of
 * extract). Over the page fixtures in test/fixtures/pages and over generated long pages (the bench
 * corpus of scripts/bench/corpus.ts, paragraphs repeated to ~10x length). Per article: median of
 * `RUNS` timings of each step after a warm-up; printed: median classify ms, median extract ms, the
 * median per-article share and the aggregate share (sum of classify / sum of extract).
 *   npx tsx scripts/classify-speed.ts [runs]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classify } from '../functions/domain/classification/classify';
import { extractArticle } from '../functions/domain/extraction/extract-article';
import type { ClassifierInput } from '../functions/domain/model';
import { generateCorpus } from './bench/corpus';

const RUNS = Number(process.argv[2] ?? 15);

interface Page {
  name: string;
  html: string;
  url: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => unknown): number {
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

function measure(label: string, pages: Page[]): void {
  const shares: number[] = [];
  const cs: number[] = [];
  const es: number[] = [];
  for (const p of pages) {
    const a = extractArticle(p.html, p.url);
    const input: ClassifierInput = {
      title: a.title,
      body: [a.lead, ...a.paragraphs].filter(Boolean).join('\n\n'),
      language: a.language ?? undefined,
      url: p.url,
    };
    for (let i = 0; i < 3; i++) {
      extractArticle(p.html, p.url);
      classify(input);
    }
    const e = time(() => extractArticle(p.html, p.url));
    const c = time(() => classify(input));
    es.push(e);
    cs.push(c);
    shares.push(c / e);
  }
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  console.log(
    `${label.padEnd(28)} pages ${String(pages.length).padStart(4)}  classify ${median(cs).toFixed(3)} ms  extract ${median(es).toFixed(3)} ms  ` +
      `median share ${(100 * median(shares)).toFixed(1)}%  aggregate ${(100 * (sum(cs) / sum(es))).toFixed(1)}%  max ${(100 * Math.max(...shares)).toFixed(1)}%`,
  );
}

const dir = path.resolve(__dirname, '../test/fixtures/pages');
const fixtures: Page[] = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ name: f, html: readFileSync(path.join(dir, f), 'utf8'), url: `https://www.inform.kz/${f}` }));

const generated = generateCorpus(6);
const normal: Page[] = generated.map((p) => ({ name: String(p.id), html: p.html, url: p.url }));
// Long pages: the story's paragraphs repeated in place, so markup and text both grow ~10x.
const long: Page[] = generated.slice(0, 30).map((p) => {
  const body = p.paragraphs.map((x) => `<p>${x}</p>`).join('');
  const html = p.html.replace(/<\/p>/, `</p>${body.repeat(10)}`);
  return { name: `${p.id}-long`, html, url: p.url };
});

measure('fixture pages', fixtures);
measure('generated pages', normal);
measure('generated long pages (~10x)', long);
