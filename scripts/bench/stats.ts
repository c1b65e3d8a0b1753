/**
 * How the bench reports a timed goal: every run's value, min / median / max, the verdict taken from the
 * median, and a "noisy" mark when the machine's load average exceeded its cores during the runs.
 */
import { availableParallelism, loadavg } from 'node:os';

export interface Spread {
  runs: number;
  min: number;
  median: number;
  max: number;
  values: number[];
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function spread(values: number[]): Spread {
  return {
    runs: values.length,
    min: values.length ? Math.min(...values) : Number.NaN,
    median: median(values),
    max: values.length ? Math.max(...values) : Number.NaN,
    values,
  };
}

/** p-th quantile (0..1) by nearest rank. */
export function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export const cores = (): number => availableParallelism();

/** The 1-minute load average now (sampled before each timed run). */
export const loadNow = (): number => loadavg()[0]!;

/** Load averages seen during a goal's runs, and whether any exceeded the cores. */
export interface Load {
  samples: number[];
  max: number;
  noisy: boolean;
}

export function loadOf(samples: number[]): Load {
  const max = samples.length ? Math.max(...samples) : Number.NaN;
  return { samples, max, noisy: max > cores() };
}
