const { performance } = require("node:perf_hooks");
const t0 = performance.now();
const { classify } = require("/work/main/functions/domain/classification/classify");
const tLoad = performance.now() - t0;
import { extractArticle } from '/work/main/functions/domain/extraction/extract-article';
import { generateCorpus, PAGE_KINDS } from '/work/main/scripts/bench/corpus';
const pages = generateCorpus(20);
const hint = (p: any) => (p.lang === 'kk-latn' ? 'kk' : p.lang);
const inputs = pages.map((p) => {
  const a = extractArticle(p.html, p.url, { language: hint(p) });
  return { p, input: { title: a.title ?? p.title, body: [a.lead, a.paragraphs.join('\n\n')].filter(Boolean).join('\n\n'), language: a.language ?? hint(p), url: p.url } };
});
let t = performance.now();
classify(inputs[0].input);
const first = performance.now() - t;
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const R = Number(process.argv[2] ?? 20);
const cT: number[] = new Array(inputs.length).fill(0).map(() => 0);
const eT: number[] = new Array(inputs.length).fill(0);
const cs: number[][] = inputs.map(() => []); const es: number[][] = inputs.map(() => []);
for (let r = 0; r < R; r++) {
  inputs.forEach(({ p, input }, i) => {
    let t0 = performance.now(); extractArticle(p.html, p.url, { language: hint(p) }); es[i].push(performance.now() - t0);
    t0 = performance.now(); classify(input as any); cs[i].push(performance.now() - t0);
  });
}
const c = cs.map(med), e = es.map(med);
const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);
console.log(`load ${tLoad.toFixed(1)} ms, first call ${first.toFixed(2)} ms; median classify ${med(c).toFixed(3)} extract ${med(e).toFixed(3)}; aggregate ${(100*sum(c)/sum(e)).toFixed(1)}% median share ${(100*med(c.map((x,i)=>x/e[i]))).toFixed(1)}%`);
for (const k of PAGE_KINDS) { const idx = pages.map((p,i)=>p.kind===k?i:-1).filter(i=>i>=0); console.log(k.padEnd(28), (100*sum(idx.map(i=>c[i]))/sum(idx.map(i=>e[i]))).toFixed(1)+'%', 'c', med(idx.map(i=>c[i])).toFixed(3), 'e', med(idx.map(i=>e[i])).toFixed(3), 'bodylen', med(idx.map(i=>inputs[i].input.body.length))); }
