import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockIn, figuresFrom, readmeBlock } from '../../scripts/bench/readme-block';

const ROOT = join(__dirname, '..', '..');

describe('README figures', () => {
  it('are the ones BENCHMARKS.md holds (regenerate with npx tsx scripts/readme-figures.ts)', () => {
    const figures = figuresFrom(readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8'));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(blockIn(readme)).toBe(readmeBlock(figures));
  });

  it('quote every bundle size and timed goal that BENCHMARKS.md measured', () => {
    const figures = figuresFrom(readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8'));
    const block = readmeBlock(figures);
    for (const [name, kb] of Object.entries(figures.bundlesKb)) expect(block).toContain(`${name} ${kb} KB`);
    for (const g of figures.goals.filter((x) => x.median !== undefined && x.verdict !== 'no goal set')) {
      expect(block).toContain(`goal ${g.goal}: ${g.verdict}`);
    }
  });
});
