/**
 * Classification time as a share of extraction time, measured run by run: each run extracts every
 * page and classifies what was extracted, timing both; a run's share is Σ classify / Σ extract. The
 * verdict is taken from the median run.
 */
import { performance } from 'node:perf_hooks';
import { classify } from '../../functions/domain/classification/classify';
import { extractArticle } from '../../functions/domain/extraction/extract-article';
import type { Language } from '../../functions/domain/model';
import type { BenchPage } from './corpus';
import { loadNow } from './stats';

export interface ShareRun {
  share: number;
  extractMs: number;
  classifyMs: number;
  load: number;
}

export interface ClassifyShareResult {
  pages: number;
  runs: ShareRun[];
  /** Pages written to be relevant, and those the classifier found relevant (last run). */
  relevantWritten: number;
  relevantFound: number;
}

const hint = (p: BenchPage): Language => (p.lang === 'kk-latn' ? 'kk' : p.lang);

export function benchClassifyShare(
  pages: BenchPage[],
  runs: number,
  log: (s: string) => void,
): ClassifyShareResult {
  const out: ShareRun[] = [];
  let relevantFound = 0;
  // One untimed pass first: JIT and lazily built rule tables.
  for (const p of pages.slice(0, 20))
    classify({ title: p.title, body: p.paragraphs.join('\n\n'), language: hint(p), url: p.url });
  for (let r = 0; r < runs; r++) {
    const load = loadNow();
    let extractMs = 0;
    let classifyMs = 0;
    relevantFound = 0;
    for (const p of pages) {
      let t = performance.now();
      const a = extractArticle(p.html, p.url, { language: hint(p) });
      extractMs += performance.now() - t;
      const input = {
        title: a.title ?? p.title,
        body: [a.lead, a.paragraphs.join('\n\n')].filter(Boolean).join('\n\n'),
        language: a.language ?? hint(p),
        url: p.url,
      };
      t = performance.now();
      const c = classify(input);
      classifyMs += performance.now() - t;
      if (c.relevant && p.relevant) relevantFound++;
    }
    out.push({ share: classifyMs / extractMs, extractMs, classifyMs, load });
    log(
      `  classification share run ${r + 1}/${runs}: ${((100 * classifyMs) / extractMs).toFixed(1)}% (classify ${classifyMs.toFixed(0)} ms, extract ${extractMs.toFixed(0)} ms)`,
    );
  }
  return {
    pages: pages.length,
    runs: out,
    relevantWritten: pages.filter((p) => p.relevant).length,
    relevantFound,
  };
}
