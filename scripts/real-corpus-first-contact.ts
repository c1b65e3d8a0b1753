/**
 * `npx tsx scripts/real-corpus-first-contact.ts [--round N]`: the items added to the real corpus in a
 * later round, scored by the classifier as it stood in the commit that added them — before any rule was
 * drawn from them. That is their first contact, a measure of how the rules of the time generalised.
 *
 * For each commit that added items of the round (from `git log` of corpus.jsonl), the classifier and
 * eval script of that commit are exported with `git archive` into a temporary folder, given only those
 * items and the current text cache, and run with `--split dev` (every later-round item is dev).
 * Needs git history and the cache; prints one table per commit.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CACHE_PATH, CORPUS_PATH, loadRealCorpus } from './real-corpus';

const ROOT = path.resolve(__dirname, '..');
const CORPUS_REL = path.relative(ROOT, CORPUS_PATH);
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });

/** For each address, the first commit whose corpus holds it. */
function commitsAdding(): Map<string, string> {
  const first = new Map<string, string>();
  for (const commit of git('log', '--reverse', '--format=%h', '--', CORPUS_REL).split('\n').filter(Boolean)) {
    for (const line of git('show', `${commit}:${CORPUS_REL}`).split('\n')) {
      if (!line.trim()) continue;
      const url = (JSON.parse(line) as { url: string }).url;
      if (!first.has(url)) first.set(url, commit);
    }
  }
  return first;
}

function main(args: string[]): number {
  const i = args.indexOf('--round');
  const round = i >= 0 ? Number(args[i + 1]) : 2;
  if (!existsSync(CACHE_PATH)) {
    console.log(`no cached texts at ${CACHE_PATH}: nothing to score.`);
    return 0;
  }
  const items = loadRealCorpus().filter((it) => it.addedRound === round);
  const adding = commitsAdding();
  const byCommit = new Map<string, string[]>();
  const lines = new Map(items.map((it) => [it.url, JSON.stringify(it)]));
  for (const it of items) {
    const c = adding.get(it.url);
    if (!c) continue; // not committed yet: no first contact to replay
    byCommit.set(c, [...(byCommit.get(c) ?? []), lines.get(it.url)!]);
  }
  for (const [commit, group] of byCommit) {
    const dir = mkdtempSync(path.join(tmpdir(), `first-contact-${commit}-`));
    try {
      const tar = execFileSync(
        'git',
        [
          'archive',
          commit,
          'functions',
          'scripts',
          'test/fixtures/classification',
          'package.json',
          'tsconfig.json',
        ],
        {
          cwd: ROOT,
          maxBuffer: 1 << 28,
        },
      );
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      writeFileSync(path.join(dir, CORPUS_REL), `${group.join('\n')}\n`);
      mkdirSync(path.join(dir, '.cache/real-corpus'), { recursive: true });
      copyFileSync(CACHE_PATH, path.join(dir, '.cache/real-corpus/texts.jsonl'));
      console.log(
        `\n== round ${round}: ${group.length} items added in ${commit}, scored by the classifier of ${commit}`,
      );
      const out = execFileSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['scripts/eval-real.ts', '--split', 'dev', ...args.filter((a) => a === '--markdown')],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      console.log(out.split('\nmisses:')[0].trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return 0;
}

if (typeof require !== 'undefined' && require.main === module) process.exitCode = main(process.argv.slice(2));
