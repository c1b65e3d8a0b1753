import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreGroup } from '../../scripts/eval-real';
import { CORPUS_PATH, itemProblem, loadRealCorpus, MAX_OPENING_WORDS } from '../../scripts/real-corpus';

const ROOT = path.resolve(__dirname, '../..');
const SHARED_IS_HIDDEN = path.resolve(ROOT, '../shared/eval/is-hidden.mjs');
const corpus = loadRealCorpus();

describe('the real-text corpus (issue 14)', () => {
  it('holds at least 300 valid items in English, Russian and Kazakh (Cyrillic and Latin), each split per language', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const items = corpus.filter((i) => i.language === lang);
      expect(items.filter((i) => i.split === 'dev').length).toBeGreaterThan(0);
      expect(items.filter((i) => i.split === 'heldout').length).toBeGreaterThan(0);
    }
    expect(corpus.filter((i) => i.script === 'latn').length).toBeGreaterThan(0);
    expect(corpus.filter((i) => i.script === 'cyrl').length).toBeGreaterThan(0);
    expect(new Set(corpus.map((i) => i.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((i) => i.url)).size).toBe(corpus.length);
  });

  it('has at least 40% hard negatives and positives of both categories', () => {
    const hard = corpus.filter((i) => i.hardNegative !== null);
    expect(hard.length / corpus.length).toBeGreaterThanOrEqual(0.4);
    expect(hard.every((i) => i.expected.categories.length === 0)).toBe(true);
    expect(corpus.filter((i) => i.expected.categories.includes('kz-us')).length).toBeGreaterThan(50);
    expect(corpus.filter((i) => i.expected.categories.includes('c5plus1')).length).toBeGreaterThan(30);
  });

  it('commits only an address, labels, a note and a short opening, never a publisher text', () => {
    const allowed = new Set([
      'id',
      'url',
      'language',
      'script',
      'source',
      'split',
      'expected',
      'officials',
      'hardNegative',
      'note',
      'opening',
      'movedFrom',
      'moveNote',
      'addedRound',
    ]);
    for (const line of readFileSync(CORPUS_PATH, 'utf8')
      .split('\n')
      .filter((l) => l.trim())) {
      const raw = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(raw).filter((k) => !allowed.has(k))).toEqual([]);
      expect((raw.opening as string).split(/\s+/).length).toBeLessThanOrEqual(MAX_OPENING_WORDS);
      expect((raw.note as string).length).toBeLessThanOrEqual(140);
    }
  });

  it('rejects an item with a long opening, topics without a category, or an unknown split', () => {
    const good = corpus[0] as unknown as Record<string, unknown>;
    expect(itemProblem(good)).toBeNull();
    expect(itemProblem({ ...good, opening: 'one two three four five six seven eight nine ten' })).toMatch(
      /opening/,
    );
    expect(itemProblem({ ...good, expected: { categories: [], topics: ['energy'] } })).toMatch(/no category/);
    expect(itemProblem({ ...good, split: 'test' })).toMatch(/split/);
    // an item added while rules were being written can only be development
    expect(itemProblem({ ...good, split: 'heldout', addedRound: 2 })).toMatch(/split dev/);
    expect(itemProblem({ ...good, split: 'dev', addedRound: 1 })).toMatch(/addedRound/);
    expect(itemProblem({ ...good, split: 'dev', addedRound: 2 })).toBeNull();
  });

  it.runIf(existsSync(SHARED_IS_HIDDEN))('uses no address of the independent measurement set', () => {
    const run = spawnSync('node', [SHARED_IS_HIDDEN], {
      input: corpus.map((i) => i.url).join('\n'),
      encoding: 'utf8',
    });
    const hidden = run.stdout.split('\n').filter((l) => l.startsWith('hidden'));
    expect(hidden).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('npm run eval:real', () => {
  const script = path.resolve(ROOT, 'scripts/eval-real.ts');
  const tsx = path.resolve(ROOT, 'node_modules/.bin/tsx');

  it('says there is nothing to score and exits 0 when no text is cached (CI)', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'kzmon-real-')), 'none.jsonl');
    const run = spawnSync(tsx, [script, '--cache', missing], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no cached texts');
    expect(run.stdout).toContain(`${corpus.length} items in the corpus`);
  });

  it('scores what is cached and counts the items with no text', () => {
    // texts written for this test (not the publishers'), keyed by two corpus addresses
    const positive = corpus.find((i) => i.split === 'dev' && i.expected.categories.includes('kz-us'))!;
    const negative = corpus.find((i) => i.split === 'dev' && i.hardNegative === 'currency')!;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kzmon-real-')), 'texts.jsonl');
    const texts = [
      {
        url: positive.url,
        title: 'Kazakhstan and the United States sign a trade agreement',
        body: 'The foreign ministers of Kazakhstan and the United States met in Astana and signed an agreement on trade and investment.',
        origin: 'test',
      },
      {
        url: negative.url,
        title: 'Dollar rises against the tenge',
        body: 'The US dollar rose on KASE; exchange offices in Almaty sold it for 520 tenge.',
        origin: 'test',
      },
    ];
    writeFileSync(file, texts.map((t) => JSON.stringify(t)).join('\n'));
    const run = spawnSync(tsx, [script, '--cache', file, '--split', 'dev', '--no-misses'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`2 with cached text, ${corpus.length - 2} missing`);
    expect(run.stdout).toMatch(/dev all\s+2\/\d+/);
  });

  it('counts a hard negative given a category as alerted', () => {
    const item = corpus.find((i) => i.hardNegative === 'kz-china')!;
    const cache = new Map([
      [
        item.url,
        {
          url: item.url,
          title: 'Kazakhstan and the United States sign an agreement',
          body: 'Kazakhstan and the United States signed an agreement in Astana.',
          origin: 'test',
        },
      ],
    ]);
    const g = scoreGroup('one', [item], cache);
    expect(g.hardNegatives).toBe(1);
    expect(g.hardNegativesAlerted).toBe(1);
    expect(g.categories['kz-us'].fp).toBe(1);
  });
});
