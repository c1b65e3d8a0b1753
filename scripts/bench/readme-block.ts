/**
 * The README's figures block, generated from the figures `npm run bench` embedded in BENCHMARKS.md:
 * the README quotes nothing that BENCHMARKS.md does not hold. scripts/readme-figures.ts writes it; a
 * test fails when the README and BENCHMARKS.md disagree.
 */
import type { Figures } from './goals';

export const README_START =
  '<!-- figures:start (written by `npx tsx scripts/readme-figures.ts` from BENCHMARKS.md; do not edit) -->';
export const README_END = '<!-- figures:end -->';
const FIGURES_RE = /<!-- bench-figures (\{.*\}) -->/;

export function figuresFrom(benchmarksMd: string): Figures {
  const m = FIGURES_RE.exec(benchmarksMd);
  if (!m) throw new Error('BENCHMARKS.md holds no bench-figures block: run `npm run bench`');
  return JSON.parse(m[1]!) as Figures;
}

const n = (x: number | undefined, d = 1) =>
  x === undefined || !Number.isFinite(x)
    ? 'n/a'
    : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function timed(f: Figures, id: string): string {
  const g = f.goals.find((x) => x.id === id);
  if (!g) return 'not measured';
  const unit = g.unit === '×' || g.unit === '%' ? g.unit : ` ${g.unit}`;
  const value =
    g.median !== undefined ? `${n(g.median)}${unit} (${n(g.min)}–${n(g.max)}${unit})` : g.measured;
  const verdict = g.verdict === 'no goal set' ? 'no goal set' : `goal ${g.goal}: ${g.verdict}`;
  return `${value} — ${verdict}${g.noisy ? ' (noisy)' : ''}`;
}

function counted(f: Figures, id: string): string {
  const g = f.goals.find((x) => x.id === id);
  return g ? `${g.measured} — ${g.verdict}` : 'not measured';
}

/** The block, markers included. */
export function readmeBlock(f: Figures): string {
  const w = f.alertWindowMs;
  const runs = f.goals.find((g) => g.runs !== undefined)?.runs;
  const bundles = Object.entries(f.bundlesKb)
    .map(([name, kb]) => `${name} ${kb} KB`)
    .join(', ');
  const lines = [
    README_START,
    '- **Reliability** — `npm run test:faults` drives the local cycle and the deployed Lambda handlers (fed',
    "  SQS batches by a simulated queue with the stack's redrive policy, on dynalite) through DynamoDB",
    '  throttling and dropped connections, SNS rejecting publishes or losing its answer, `kill -9` of the',
    '  whole cycle process group in every phase, crashes mid-batch, broken and hostile sources; its table',
    '  ([test/faults/results.md](test/faults/results.md)) counts per scenario what was lost, what was refused',
    '  (with the reason) and what was delivered twice. Delivery is **at-least-once**: every alert message',
    '  carries its alert id (the `alertId` attribute) for deduplication, and an alert is sent twice only when',
    "  its sender dies or loses SNS's answer in the window between SNS accepting it and the alert being",
    `  marked sent${w ? ` — measured by \`npm run bench\` over ${w.alerts} alerts: p50 ${n(w.p50)} ms, p95 ${n(w.p95)} ms, max ${n(w.max)} ms` : ''}.`,
    `- **Performance** — \`npm run bench\` ([BENCHMARKS.md](BENCHMARKS.md), measured ${f.measuredAt} UTC on ${f.cores} cores;`,
    `  timed figures are the median of ${runs ?? 'the'} runs with the range; "noisy": the load average exceeded the cores):`,
    `  - extraction speed vs Readability on jsdom: ${timed(f, 'extraction-speed')}`,
    `  - extraction on common news templates (worst template): ${counted(f, 'templates')}`,
    `  - a whole local cycle of 1,000 new items: ${timed(f, 'cycle')}`,
    `  - classification time as a share of extraction time: ${timed(f, 'classification-share')}`,
    `  - an unchanged cycle: ${counted(f, 'unchanged')}`,
    ...(f.goals.some((g) => g.id === 'alert-latency')
      ? [`  - alert latency, item stored → alert published (p50 per run): ${timed(f, 'alert-latency')}`]
      : []),
    `  - Lambda bundles (minified): ${bundles || 'not measured'}`,
    README_END,
  ];
  return lines.join('\n');
}

/** The README with its block replaced (the markers must be there already). */
export function withBlock(readme: string, block: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error('README.md has no figures:start … figures:end block');
  return readme.slice(0, a) + block + readme.slice(b + README_END.length);
}

/** The block as the README holds it now (markers included), or null. */
export function blockIn(readme: string): string | null {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  return a < 0 || b < a ? null : readme.slice(a, b + README_END.length);
}
