/**
 * What one bench run measured, the goals judged from it (timed goals on the median of their runs), the
 * figures the README quotes (embedded in BENCHMARKS.md as JSON, so the README block is generated from
 * it), and the cost inputs the run measured.
 */
import type { AlertLatency } from '../../functions/local/alert-latency';
import type { BundleResult } from './bundles';
import type { ClassifyShareResult } from './classify-share';
import type { ExtractionResult } from './extraction';
import type { TemplateExtractionResult } from './extraction-templates';
import type { QueryResult } from './query';
import { type Load, type Spread, loadOf, quantile, spread } from './stats';

export interface CycleRun {
  items: number;
  outcomes: Record<string, number>;
  alertsSent: number;
  deliveries: number;
  deliveryRepeats: number;
  /** Per alert: milliseconds from the topic accepting it to its mark as sent. */
  alertWindowMs: number[];
  wallMs: number;
  itemsPerSec: number;
  peakRssMb: number;
  maxRssMb: number;
  rssBeforeCycleMb: number;
  firstCycle: {
    requests: Record<string, number>;
    writes: Record<string, number>;
    commands: Record<string, number>;
    units: { read: number; write: number };
  };
  unchanged: {
    wallMs: number;
    requests: Record<string, number>;
    conditionalFeedRequests: { withValidator: number; without: number };
    writes: Record<string, number>;
    commands: Record<string, number>;
    units: { read: number; write: number };
    queued: number;
  };
  sourcesFirst: { id: string; ok: boolean; listed: number; new: number; error?: string }[];
  errors: string[];
  /** Load average when the run started (added by the driver). */
  load: number;
}

export interface BenchRun {
  machine: { cores: number; model: string; memGb: number; node: string; loadStart: number };
  extraction: { result: ExtractionResult; loads: number[] } | null;
  share: ClassifyShareResult | null;
  templates: { result: TemplateExtractionResult; loads: number[] } | null;
  cycles: CycleRun[];
  /** Alert latency runs (scripts/alert-latency.ts): item stored → alert published. */
  latency: (AlertLatency & { load: number; items: number })[];
  bundles: (BundleResult & { loads: number[] }) | null;
  query: QueryResult | null;
  failures: string[];
  elapsed: number;
  loadEnd: number;
  /** Where the measured cost inputs were written (relative to the repository when inside it). */
  costOut?: string;
}

export type Verdict = 'met' | 'missed' | 'not measured' | 'no goal set';

export interface Goal {
  id: string;
  what: string;
  goal: string;
  /** Timed goals: one value per run (the verdict is the median's). */
  spread?: Spread & { unit: string; decimals: number };
  measured: string;
  verdict: Verdict;
  load?: Load;
}

export const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const judge = (ok: boolean | null): Verdict => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
const kb = (b: number) => Math.round(b / 1024);

/** The extraction speed goal of issue 15 (issue 9 had set ≥ 5×). */
export const SPEEDUP_GOAL = 25;
export const CYCLE_GOAL_MS = 15_000;
export const SHARE_GOAL = 0.1;
export const BUNDLE_GOALS_KB: Record<string, number> = { fetch: 500, classify: 900 };
export const TEMPLATE_GOAL = { recall: 0.95, precision: 0.9 };

export function goals(r: BenchRun): Goal[] {
  const out: Goal[] = [];
  const x = r.extraction?.result;
  if (x) {
    const ratios = x.projectPagesPerSec.map((p, i) => p / x.readabilityPagesPerSec[i]!);
    const s = spread(ratios);
    out.push({
      id: 'extraction-speed',
      what: 'Extraction speed vs Readability+jsdom (pages/s ratio per run)',
      goal: `≥ ${SPEEDUP_GOAL}×`,
      spread: { ...s, unit: '×', decimals: 1 },
      measured: `${s.median.toFixed(1)}×`,
      verdict: judge(s.median >= SPEEDUP_GOAL),
      load: loadOf(r.extraction!.loads),
    });
    out.push({
      id: 'extraction-recall',
      what: 'Body recall vs Readability (known markup)',
      goal: 'equal or better',
      measured: `${(x.projectRecall * 100).toFixed(2)}% vs ${(x.readabilityRecall * 100).toFixed(2)}%`,
      verdict: judge(x.projectRecall >= x.readabilityRecall - 1e-9),
    });
  }
  const t = r.templates?.result;
  if (t) {
    const worstRecall = Math.min(...t.byKind.map((k) => k.recall));
    const worstPrecision = Math.min(...t.byKind.map((k) => k.precision));
    const belowReadability = t.byKind.filter(
      (k) => k.recall < k.readabilityRecall - 1e-9 || k.precision < k.readabilityPrecision - 1e-9,
    );
    const repeated = t.byKind.reduce((n, k) => n + k.leadRepeated, 0);
    out.push({
      id: 'templates',
      what: 'Extraction on common news templates (worst template, mean over its pages)',
      goal: `recall ≥ ${TEMPLATE_GOAL.recall}, precision ≥ ${TEMPLATE_GOAL.precision}, never below Readability, lead never repeated`,
      measured: `recall ${worstRecall.toFixed(2)}, precision ${worstPrecision.toFixed(2)}; below Readability on ${belowReadability.length ? belowReadability.map((k) => k.kind).join(', ') : 'none'}; lead repeated on ${repeated} pages`,
      verdict: judge(
        worstRecall >= TEMPLATE_GOAL.recall &&
          worstPrecision >= TEMPLATE_GOAL.precision &&
          belowReadability.length === 0 &&
          repeated === 0,
      ),
    });
  }
  if (r.share) {
    const s = spread(r.share.runs.map((z) => z.share * 100));
    out.push({
      id: 'classification-share',
      what: 'Classification time / extraction time (Σ over all pages, per run)',
      goal: `≤ ${SHARE_GOAL * 100}%`,
      spread: { ...s, unit: '%', decimals: 1 },
      measured: `${s.median.toFixed(1)}%`,
      verdict: judge(s.median <= SHARE_GOAL * 100),
      load: loadOf(r.share.runs.map((z) => z.load)),
    });
  }
  const c = r.cycles;
  if (c.length) {
    const s = spread(c.map((k) => k.wallMs / 1000));
    out.push({
      id: 'cycle',
      what: `Local cycle, ${c[0]!.items.toLocaleString('en-US')} new items (wall time per run)`,
      goal: `< ${CYCLE_GOAL_MS / 1000} s`,
      spread: { ...s, unit: ' s', decimals: 1 },
      measured: `${s.median.toFixed(1)} s (${spread(c.map((k) => k.itemsPerSec)).median.toFixed(1)} items/s)`,
      verdict: judge(s.median * 1000 < CYCLE_GOAL_MS),
      load: loadOf(c.map((k) => k.load)),
    });
    const article = c.map((k) => k.unchanged.requests.article ?? 0);
    const writes = c.map((k) => sum(k.unchanged.writes));
    const unconditional = c.map((k) => k.unchanged.conditionalFeedRequests.without);
    out.push({
      id: 'unchanged',
      what: 'Unchanged cycle (every run)',
      goal: '0 article requests, 0 writes, only conditional feed requests',
      measured: `${Math.max(...article)} article requests, ${Math.max(...writes)} writes, ${Math.max(...unconditional)} unconditional feed/API requests (worst run)`,
      verdict: judge(
        article.every((n) => n === 0) && writes.every((n) => n === 0) && unconditional.every((n) => n === 0),
      ),
    });
  } else {
    out.push({
      id: 'cycle',
      what: 'Local cycle, 1,000 new items',
      goal: `< ${CYCLE_GOAL_MS / 1000} s`,
      measured: 'n/a',
      verdict: 'not measured',
    });
  }
  if (r.latency.length) {
    const s = spread(r.latency.map((l) => l.storedToPublishMs.p50));
    out.push({
      id: 'alert-latency',
      what: `Alert latency, item stored → alert published (p50 of a ${r.latency[0]!.items}-item cycle, per run)`,
      goal: '(no number set)',
      spread: { ...s, unit: ' ms', decimals: 0 },
      measured: `${s.median.toFixed(0)} ms`,
      verdict: 'no goal set',
      load: loadOf(r.latency.map((l) => l.load)),
    });
  }
  for (const [name, limit] of Object.entries(BUNDLE_GOALS_KB)) {
    const b = r.bundles?.bundles.find((z) => z.name === name);
    out.push({
      id: `bundle-${name}`,
      what: `${name} bundle (minified)`,
      goal: `≤ ${limit} KB`,
      measured: b ? `${kb(b.bytes)} KB` : 'n/a',
      verdict: judge(b ? b.bytes <= limit * 1024 : null),
    });
  }
  if (r.query) {
    out.push({
      id: 'query',
      what: 'Query, page of 50 at 10,000 items',
      goal: '(no number set)',
      measured: `${r.query.medianMs.toFixed(1)} ms (median page)`,
      verdict: 'no goal set',
    });
  }
  return out;
}

/** The duplicate window over every alert of every cycle run: topic accepted → marked sent. */
export function alertWindow(r: BenchRun): { alerts: number; p50: number; p95: number; max: number } | null {
  const all = r.cycles.flatMap((k) => k.alertWindowMs ?? []);
  if (all.length === 0) return null;
  return { alerts: all.length, p50: quantile(all, 0.5), p95: quantile(all, 0.95), max: Math.max(...all) };
}

/** What the README quotes; embedded in BENCHMARKS.md so the README block is generated, never typed. */
export interface Figures {
  measuredAt: string;
  cores: number;
  goals: {
    id: string;
    what: string;
    goal: string;
    measured: string;
    verdict: Verdict;
    runs?: number;
    min?: number;
    median?: number;
    max?: number;
    unit?: string;
    noisy?: boolean;
  }[];
  bundlesKb: Record<string, number>;
  alertWindowMs: { alerts: number; p50: number; p95: number; max: number } | null;
}

export function figures(r: BenchRun, measuredAt: string): Figures {
  const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
  const w = alertWindow(r);
  return {
    measuredAt,
    cores: r.machine.cores,
    goals: goals(r).map((g) => ({
      id: g.id,
      what: g.what,
      goal: g.goal,
      measured: g.measured,
      verdict: g.verdict,
      ...(g.spread
        ? {
            runs: g.spread.runs,
            min: round(g.spread.min, g.spread.decimals),
            median: round(g.spread.median, g.spread.decimals),
            max: round(g.spread.max, g.spread.decimals),
            unit: g.spread.unit.trim(),
          }
        : {}),
      ...(g.load ? { noisy: g.load.noisy } : {}),
    })),
    bundlesKb: Object.fromEntries((r.bundles?.bundles ?? []).map((b) => [b.name, kb(b.bytes)])),
    alertWindowMs: w
      ? { alerts: w.alerts, p50: round(w.p50, 1), p95: round(w.p95, 1), max: round(w.max, 1) }
      : null,
  };
}

/**
 * The cost inputs this run measured (a partial CostInputs for scripts/cost-estimate.ts): the schedule
 * and memory sizes from the synthesized template, and the read and write capacity units per item that
 * dynalite reported for the first cycle. Durations are not measured here (a local cycle is not a
 * Lambda), so the estimate keeps its stated defaults for them.
 */
export function measuredCostInputs(r: BenchRun): Record<string, unknown> | null {
  const k = r.cycles.at(-1);
  const b = r.bundles;
  if (!k && !b) return null;
  const mem = (name: string) => b?.bundles.find((z) => z.name === name)?.memoryMb;
  const sched = b?.bundles.find((z) => z.name === 'fetch')?.schedule;
  const out: Record<string, unknown> = {};
  if (sched) out.schedule = sched;
  const classify: Record<string, number> = {};
  if (k) {
    const relevant = k.outcomes.relevant ?? 0;
    const others = k.items - relevant;
    // A not-relevant item writes one seen mark under 1 KB: one write unit. The rest is the relevant items'.
    if (relevant > 0)
      classify.writeUnitsPerRelevantItem =
        Math.round(((k.firstCycle.units.write - others) / relevant) * 10) / 10;
    classify.readUnitsPerItem = Math.round((k.firstCycle.units.read / Math.max(1, k.items)) * 10) / 10;
  }
  if (mem('classify')) classify.memoryMb = mem('classify')!;
  if (Object.keys(classify).length) out.classify = classify;
  if (mem('fetch')) out.fetch = { memoryMb: mem('fetch') };
  if (mem('alert')) out.alert = { memoryMb: mem('alert') };
  return out;
}
