/**
 * Classification time against extraction time for the same article (issue 9: classify ≤ 10% of
 * extract), measured the way `npm run bench` measures it, so the two agree:
 *  - the bench corpus (scripts/bench/corpus.ts, `PER_KIND` pages of every kind, language hint as the
 *    bench passes it) and the page fixtures in test/fixtures/pages;
 *  - per page, extract then classify, alternately, `RUNS` times (median of each): classifying right
 *    after extracting is what the Lambda does, and a classifier timed alone in a tight loop on the same
 *    input looks 1.5-2x faster than it is (warm caches, no garbage of the extractor to collect);
 *  - reported: the aggregate share Σ classify / Σ extract (the bench's headline figure), the median
 *    per-page share, the 90th percentile, the share per page kind, and the cold costs the bench does not
 *    show: loading the module and the first call (rules compiled on first use).
 * Absolute times on these shared machines drift with load; compare the shares.
 *   npx tsx scripts/classify-speed.ts [runs=5] [perKind=20]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classifierInput } from '../functions/domain/classification/input';
import { extractArticle } from '../functions/domain/extraction/extract-article';
import type { ClassifierInput, Language } from '../functions/domain/model';
import { type BenchPage, generateCorpus, PAGE_KINDS } from './bench/corpus';

const t0 = performance.now();
// loaded here, not imported, so that its load time can be measured
const { classify } = require('../functions/domain/classification/classify') as typeof import('../functions/domain/classification/classify');
const loadMs = performance.now() - t0;

const RUNS = Number(process.argv[2] ?? 5);
const PER_KIND = Number(process.argv[3] ?? 20);

interface Page {
  kind: string;
  html: string;
  url: string;
  language?: Language;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function inputOf(p: Page): ClassifierInput {
  const a = extractArticle(p.html, p.url, p.language ? { language: p.language } : undefined);
  // the text as the classify Lambda assembles it (a lead the body repeats is read once)
  return classifierInput(a, { language: p.language, url: p.url });
}

const hint = (p: BenchPage): Language => (p.lang === 'kk-latn' ? 'kk' : p.lang);
const corpus: Page[] = generateCorpus(PER_KIND).map((p) => ({ kind: p.kind, html: p.html, url: p.url, language: hint(p) }));
const dir = path.resolve(__dirname, '../test/fixtures/pages');
const fixtures: Page[] = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ kind: 'fixture', html: readFileSync(path.join(dir, f), 'utf8'), url: `https://www.inform.kz/${f}` }));

const inputs = [...corpus, ...fixtures].map(inputOf);
const t1 = performance.now();
classify(inputs[0]);
const firstMs = performance.now() - t1;

// warm-up as the bench does: a slice of pages through both steps
for (let i = 0; i < 10; i++) {
  extractArticle(corpus[i].html, corpus[i].url, { language: corpus[i].language! });
  classify(inputs[i]);
}

const pages = [...corpus, ...fixtures];
const cTimes: number[] = [];
const eTimes: number[] = [];
pages.forEach((p, i) => {
  const et: number[] = [];
  const ct: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    let t = performance.now();
    extractArticle(p.html, p.url, p.language ? { language: p.language } : undefined);
    et.push(performance.now() - t);
    t = performance.now();
    classify(inputs[i]);
    ct.push(performance.now() - t);
  }
  eTimes.push(median(et));
  cTimes.push(median(ct));
});

function report(label: string, idx: number[]): void {
  const c = idx.map((i) => cTimes[i]);
  const e = idx.map((i) => eTimes[i]);
  const shares = idx.map((i) => cTimes[i] / eTimes[i]).sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} pages ${String(idx.length).padStart(4)}  classify ${median(c).toFixed(3)} ms  extract ${median(e).toFixed(3)} ms  ` +
      `aggregate ${pct(sum(c) / sum(e)).padStart(6)}  median ${pct(median(shares)).padStart(6)}  p90 ${pct(shares[Math.floor(shares.length * 0.9)]).padStart(6)}`,
  );
}

const all = pages.map((_, i) => i);
console.log(`module load ${loadMs.toFixed(1)} ms, first classify() ${firstMs.toFixed(1)} ms; ${RUNS} runs per page, median`);
report('bench corpus (all kinds)', all.filter((i) => i < corpus.length));
for (const kind of [...PAGE_KINDS, 'fixture']) report(`  ${kind}`, all.filter((i) => pages[i].kind === kind));
