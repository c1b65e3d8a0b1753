/**
 * How weights become a decision: a category holds when its summed evidence reaches its threshold; the
 * score maps the sum into [0, 1] with 0.5 at that line. Evidence sentences are clipped for display.
 */
import type { Category, Evidence } from '../model';
import { RULES } from './rules';

export const round = (n: number) => Math.round(n * 1000) / 1000;

export function toScore(sum: number, threshold: number): number {
  if (sum <= 0) return 0;
  return Math.round((1 - 0.5 ** (sum / threshold)) * 1000) / 1000;
}

export function clip(text: string): string {
  return text.length > 320 ? `${text.slice(0, 317)}...` : text;
}

export interface CategoryWeights {
  kzUsSum: number;
  c5Sum: number;
  kzUsEvidence: Evidence[];
  c5Evidence: Evidence[];
}

export interface CategoryDecision {
  categories: Category[];
  scores: Record<Category, number>;
  /** The strongest evidence of each category, at most 6 each, kz-us first. */
  evidence: Evidence[];
}

const strongest = (list: Evidence[]) => [...list].sort((a, b) => b.weight - a.weight).slice(0, 6);

export function decideCategories(w: CategoryWeights): CategoryDecision {
  const categories: Category[] = [];
  if (w.kzUsSum >= RULES.kzUsThreshold) categories.push('kz-us');
  if (w.c5Sum >= RULES.c5Threshold) categories.push('c5plus1');
  return {
    categories,
    scores: {
      'kz-us': toScore(w.kzUsSum, RULES.kzUsThreshold),
      c5plus1: toScore(w.c5Sum, RULES.c5Threshold),
    },
    evidence: [...strongest(w.kzUsEvidence), ...strongest(w.c5Evidence)],
  };
}
