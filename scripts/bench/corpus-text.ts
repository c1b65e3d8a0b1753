/**
 * Word banks and small helpers for generated news pages: the same sentence material in English,
 * Russian, Kazakh Cyrillic and Kazakh Latin, drawn by a seeded random source.
 */

import type { Bank, Lang } from './word-banks/bank';
import { EN } from './word-banks/en';
import { KK } from './word-banks/kk';
import { KK_LATN } from './word-banks/kk-latn';
import { RU } from './word-banks/ru';

export type { Bank, Lang } from './word-banks/bank';

export type R = () => number;
export const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// One bank per language, each in its own file under word-banks/.
export const BANKS: Record<Lang, Bank> = { en: EN, ru: RU, kk: KK, 'kk-latn': KK_LATN };

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sentence(r: R, b: Bank): string {
  const s = `${pick(r, b.subjects)} ${pick(r, b.verbs)} ${pick(r, b.objects)} ${pick(r, b.tails)}`;
  const n = int(r, 0, 3);
  const figure =
    n === 0
      ? ` (${int(r, 2, 98)}.${int(r, 0, 9)}%)`
      : n === 1
        ? ` ${int(r, 12, 980)} ${b === BANKS.en ? 'million' : 'млн'}`
        : '';
  return `${s}${figure}.`;
}

export function paragraph(r: R, b: Bank, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, b)).join(' ');
}

export function headline(r: R, b: Bank, relevant: boolean): string {
  const base = relevant
    ? pick(r, b.relevant)
    : `${pick(r, b.subjects)} ${pick(r, b.verbs)} ${pick(r, b.objects)}`;
  return base.length > 110 ? base.slice(0, base.lastIndexOf(' ', 110)) : base;
}

export const hex = (r: R, n: number) =>
  Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');

export function slugify(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 70) || 'news'
  );
}
