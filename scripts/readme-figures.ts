/**
 * Writes the README's figures block from BENCHMARKS.md (the figures `npm run bench` embedded there).
 *   npx tsx scripts/readme-figures.ts           # rewrite the block
 *   npx tsx scripts/readme-figures.ts --check   # exit 1 when the README disagrees with BENCHMARKS.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockIn, figuresFrom, readmeBlock, withBlock } from './bench/readme-block';

const ROOT = join(__dirname, '..');
const readmePath = join(ROOT, 'README.md');
const block = readmeBlock(figuresFrom(readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8')));
const readme = readFileSync(readmePath, 'utf8');
if (process.argv.includes('--check')) {
  if (blockIn(readme) !== block) {
    process.stderr.write(
      'README.md figures differ from BENCHMARKS.md: run `npx tsx scripts/readme-figures.ts`\n',
    );
    process.exit(1);
  }
  process.stdout.write('README.md figures match BENCHMARKS.md\n');
} else {
  writeFileSync(readmePath, withBlock(readme, block));
  process.stdout.write('README.md figures written from BENCHMARKS.md\n');
}
