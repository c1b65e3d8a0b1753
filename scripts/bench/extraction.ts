/**
 * Extraction: the project's extractor against @mozilla/readability on jsdom over the same generated
 * pages; and classification time as a share of extraction time for the same article.
 */
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { classify } from '../../functions/domain/classification/classify';
import { extractArticle } from '../../functions/domain/extraction/extract-article';
import type { ExtractedArticle, Language } from '../../functions/domain/model';
import { type BenchPage, PAGE_KINDS, type PageKind } from './corpus';
import { mean, median, overlap, storedText } from './recall';

export interface KindRecall {
  kind: PageKind;
  pages: number;
  projectRecall: number;
  readabilityRecall: number;
  projectPrecision: number;
  readabilityPrecision: number;
}

export interface ExtractionResult {
  pages: number;
  totalBytes: number;
  runs: number;
  projectPagesPerSec: number[];
  readabilityPagesPerSec: number[];
  projectMedian: number;
  readabilityMedian: number;
  speedup: number;
  projectRecall: number;
  readabilityRecall: number;
  projectPrecision: number;
  readabilityPrecision: number;
  readabilityNull: number;
  projectEmpty: number;
  byKind: KindRecall[];
  /** Pages whose recall fell below 0.9, for the extraction engineer. */
  projectLowRecall: { kind: PageKind; url: string; recall: number }[];
  classification: {
    medianShare: number;
    aggregateShare: number;
    p90Share: number;
    medianClassifyMs: number;
    medianExtractMs: number;
    relevantFound: number;
    relevantWritten: number;
    byKind: { kind: PageKind; share: number }[];
  };
}

const virtualConsole = new VirtualConsole(); // swallows jsdom's CSS parse complaints

function readabilityText(page: BenchPage): string {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

const hintLang = (p: BenchPage): Language => (p.lang === 'kk-latn' ? 'kk' : p.lang);

function projectExtract(page: BenchPage): ExtractedArticle {
  return extractArticle(page.html, page.url, { language: hintLang(page) });
}

/** Scored as stored: the lead and every paragraph, a repeated lead counted twice. */
const projectText = storedText;

const knownBody = (p: BenchPage) => [p.lead, ...p.paragraphs].filter(Boolean).join('\n');

export function benchExtraction(
  pages: BenchPage[],
  runs: number,
  log: (s: string) => void,
): ExtractionResult {
  // Warm both up (JIT, lazy module init) on a slice before timing.
  for (const p of pages.slice(0, 10)) {
    const a = projectExtract(p);
    classify({
      title: a.title,
      body: a.paragraphs.join('\n\n'),
      language: a.language ?? hintLang(p),
      url: p.url,
    });
    readabilityText(p);
  }
  const projectRates: number[] = [];
  const readabilityRates: number[] = [];
  const articles: ExtractedArticle[] = [];
  const readTexts: string[] = [];
  for (let i = 0; i < runs; i++) {
    // Page by page, alternately: drift in machine load hits both extractors alike.
    let tp = 0;
    let tr = 0;
    pages.forEach((p, j) => {
      let t0 = performance.now();
      const a = projectExtract(p);
      tp += performance.now() - t0;
      t0 = performance.now();
      const text = readabilityText(p);
      tr += performance.now() - t0;
      if (i === 0) {
        articles[j] = a;
        readTexts[j] = text;
      }
    });
    projectRates.push(pages.length / (tp / 1000));
    readabilityRates.push(pages.length / (tr / 1000));
    log(
      `  extraction run ${i + 1}/${runs}: project ${projectRates.at(-1)!.toFixed(0)} pages/s, readability ${readabilityRates.at(-1)!.toFixed(1)} pages/s`,
    );
  }

  // Recall from the first timed run's output (both extractors are deterministic).
  const rows = pages.map((p, j) => {
    const a = articles[j]!;
    const rText = readTexts[j]!;
    return {
      p,
      a,
      proj: overlap(knownBody(p), projectText(a)),
      read: overlap(knownBody(p), rText),
      rEmpty: rText.trim() === '',
    };
  });
  const byKind: KindRecall[] = PAGE_KINDS.map((kind) => {
    const rs = rows.filter((r) => r.p.kind === kind);
    return {
      kind,
      pages: rs.length,
      projectRecall: mean(rs.map((r) => r.proj.recall)),
      readabilityRecall: mean(rs.map((r) => r.read.recall)),
      projectPrecision: mean(rs.map((r) => r.proj.precision)),
      readabilityPrecision: mean(rs.map((r) => r.read.precision)),
    };
  });

  // Classification share: per article, the median of 3 timings of each step on the same input.
  const shares: number[] = [];
  const cTimes: number[] = [];
  const eTimes: number[] = [];
  let relevantFound = 0;
  const kinds: PageKind[] = [];
  for (const { p, a } of rows) {
    const input = {
      title: a.title ?? p.title,
      body: [a.lead, a.paragraphs.join('\n\n')].filter(Boolean).join('\n\n'),
      language: a.language ?? hintLang(p),
      url: p.url,
    };
    const et: number[] = [];
    const ct: number[] = [];
    let relevant = false;
    for (let k = 0; k < 3; k++) {
      let t0 = performance.now();
      projectExtract(p);
      et.push(performance.now() - t0);
      t0 = performance.now();
      relevant = classify(input).relevant;
      ct.push(performance.now() - t0);
    }
    if (relevant && p.relevant) relevantFound++;
    kinds.push(p.kind);
    const e = median(et);
    const c = median(ct);
    eTimes.push(e);
    cTimes.push(c);
    shares.push(c / e);
  }
  const sorted = [...shares].sort((x, y) => x - y);
  return {
    pages: pages.length,
    totalBytes: pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0),
    runs,
    projectPagesPerSec: projectRates,
    readabilityPagesPerSec: readabilityRates,
    projectMedian: median(projectRates),
    readabilityMedian: median(readabilityRates),
    speedup: median(projectRates) / median(readabilityRates),
    projectRecall: mean(rows.map((r) => r.proj.recall)),
    readabilityRecall: mean(rows.map((r) => r.read.recall)),
    projectPrecision: mean(rows.map((r) => r.proj.precision)),
    readabilityPrecision: mean(rows.map((r) => r.read.precision)),
    readabilityNull: rows.filter((r) => r.rEmpty).length,
    projectEmpty: rows.filter((r) => r.a.paragraphs.length === 0).length,
    byKind,
    projectLowRecall: rows
      .filter((r) => r.proj.recall < 0.9)
      .map((r) => ({ kind: r.p.kind, url: r.p.url, recall: r.proj.recall })),
    classification: {
      medianShare: median(shares),
      aggregateShare: cTimes.reduce((x, y) => x + y, 0) / eTimes.reduce((x, y) => x + y, 0),
      p90Share: sorted[Math.floor(sorted.length * 0.9)]!,
      medianClassifyMs: median(cTimes),
      medianExtractMs: median(eTimes),
      relevantFound,
      relevantWritten: pages.filter((p) => p.relevant).length,
      byKind: PAGE_KINDS.map((kind) => {
        const idx = kinds.map((k, i) => (k === kind ? i : -1)).filter((i) => i >= 0);
        const c = idx.reduce((n, i) => n + cTimes[i]!, 0);
        const e = idx.reduce((n, i) => n + eTimes[i]!, 0);
        return { kind, share: e > 0 ? c / e : Number.NaN };
      }),
    },
  };
}
