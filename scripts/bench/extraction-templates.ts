/**
 * Extraction off the known markup: the project's extractor and @mozilla/readability on jsdom over pages
 * in common news templates (WordPress, Drupal, 1C-Bitrix, Next.js, AMP, a table layout, and two held-out
 * kinds), scored by word recall and precision of the stored lead + body against the known text, and
 * timed. `npx tsx scripts/bench/extraction-templates.ts [perKind] [runs]` prints the table.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../functions/domain/extraction/extract-article';
import type { ExtractedArticle } from '../../functions/domain/model';
import { leadRepeatsBody, mean, median, overlap, storedText } from './recall';

export { leadRepeatsBody, storedText } from './recall';
import {
  generateTemplateCorpus,
  HOLDOUT_KINDS,
  knownText,
  TEMPLATE_KINDS,
  type TemplateKind,
  type TemplatePage,
} from './templates';

export interface TemplateScore {
  kind: TemplateKind;
  holdout: boolean;
  pages: number;
  /** Means over the kind's pages, and the worst page. */
  recall: number;
  precision: number;
  minRecall: number;
  minPrecision: number;
  readabilityRecall: number;
  readabilityPrecision: number;
  /** Pages whose stored lead repeats the body's first paragraph (must be 0). */
  leadRepeated: number;
}

export interface TemplateExtractionResult {
  pages: number;
  runs: number;
  byKind: TemplateScore[];
  /** Milliseconds per run over the whole corpus: ours, and Readability including the jsdom parse. */
  projectMs: number[];
  readabilityMs: number[];
  /** median(Readability ms) / median(project ms). */
  speedup: number;
  loadAverage: number;
  cores: number;
}

const virtualConsole = new VirtualConsole();

export function readabilityText(html: string, url: string): string {
  const dom = new JSDOM(html, { url, virtualConsole });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

function timeRun(pages: TemplatePage[]): {
  ours: number;
  theirs: number;
  articles: ExtractedArticle[];
  texts: string[];
} {
  let ours = 0;
  let theirs = 0;
  const articles: ExtractedArticle[] = [];
  const texts: string[] = [];
  // Page by page, alternately, so drift in the machine's load hits both alike.
  for (const p of pages) {
    let t0 = performance.now();
    articles.push(extractArticle(p.html, p.url));
    ours += performance.now() - t0;
    t0 = performance.now();
    texts.push(readabilityText(p.html, p.url));
    theirs += performance.now() - t0;
  }
  return { ours, theirs, articles, texts };
}

function scoreKind(
  kind: TemplateKind,
  pages: TemplatePage[],
  articles: ExtractedArticle[],
  texts: string[],
): TemplateScore {
  const idx = pages.map((p, i) => (p.kind === kind ? i : -1)).filter((i) => i >= 0);
  const ours = idx.map((i) => overlap(knownText(pages[i]!), storedText(articles[i]!)));
  const theirs = idx.map((i) => overlap(knownText(pages[i]!), texts[i]!));
  return {
    kind,
    holdout: HOLDOUT_KINDS.includes(kind),
    pages: idx.length,
    recall: mean(ours.map((o) => o.recall)),
    precision: mean(ours.map((o) => o.precision)),
    minRecall: Math.min(...ours.map((o) => o.recall)),
    minPrecision: Math.min(...ours.map((o) => o.precision)),
    readabilityRecall: mean(theirs.map((o) => o.recall)),
    readabilityPrecision: mean(theirs.map((o) => o.precision)),
    leadRepeated: idx.filter((i) => leadRepeatsBody(articles[i]!)).length,
  };
}

/** Scores and times both extractors on `perKind` pages of every template kind, `runs` timed runs. */
export function benchTemplateExtraction(
  perKind = 20,
  runs = 5,
  log: (s: string) => void = () => {},
): TemplateExtractionResult {
  const pages = generateTemplateCorpus(perKind);
  timeRun(pages.slice(0, 16)); // warm-up: JIT and lazy module initialisation
  const projectMs: number[] = [];
  const readabilityMs: number[] = [];
  let first: ReturnType<typeof timeRun> | null = null;
  for (let i = 0; i < runs; i++) {
    const run = timeRun(pages);
    first ??= run;
    projectMs.push(run.ours);
    readabilityMs.push(run.theirs);
    log(
      `  template extraction run ${i + 1}/${runs}: project ${run.ours.toFixed(0)} ms, readability ${run.theirs.toFixed(0)} ms`,
    );
  }
  return {
    pages: pages.length,
    runs,
    byKind: TEMPLATE_KINDS.map((k) => scoreKind(k, pages, first!.articles, first!.texts)),
    projectMs,
    readabilityMs,
    speedup: median(readabilityMs) / median(projectMs),
    loadAverage: loadavg()[0]!,
    cores: availableParallelism(),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function renderTemplateTable(x: TemplateExtractionResult): string {
  const rows = x.byKind.map(
    (k) =>
      `| ${k.kind}${k.holdout ? ' (held out)' : ''} | ${k.pages} | ${pct(k.recall)} (min ${pct(k.minRecall)}) · ${pct(k.readabilityRecall)} | ${pct(k.precision)} (min ${pct(k.minPrecision)}) · ${pct(k.readabilityPrecision)} | ${k.leadRepeated} |`,
  );
  const ms = (xs: number[]) =>
    `${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)} ms`;
  const noisy = x.loadAverage > x.cores ? ' (noisy: load average above the cores)' : '';
  return [
    '| template | pages | recall (project · Readability) | precision (project · Readability) | lead repeated |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `${x.pages} pages, ${x.runs} runs, min / median / max: project ${ms(x.projectMs)}, Readability+jsdom ${ms(x.readabilityMs)}; speed ratio (medians) ${x.speedup.toFixed(1)}×; load average ${x.loadAverage.toFixed(2)} on ${x.cores} cores${noisy}.`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('extraction-templates.ts')) {
  const perKind = Number(process.argv[2] ?? 20);
  const runs = Number(process.argv[3] ?? 5);
  console.log(renderTemplateTable(benchTemplateExtraction(perKind, runs, console.log)));
}
