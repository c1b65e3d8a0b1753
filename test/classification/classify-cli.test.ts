import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SEED = readFileSync(path.resolve(__dirname, '../../functions/local/sample/seed-article.txt'), 'utf8');
const SEED_TITLE =
  'Active cooperation with Washington to continue in areas of mutual interest for CA countries and US - Aibek Smadiyarov';

const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
const cli = path.resolve(__dirname, 'run-classify-cli.ts');
const run = (args: string[], input?: string) =>
  spawnSync(tsx, [cli, 'classify', ...args], { input, encoding: 'utf8' });

describe('kzmon classify (real process)', () => {
  it('answers one JSON line per input line, in order; exit 0 when every line is good', () => {
    const input = [
      JSON.stringify({ id: 'a', title: SEED_TITLE, body: SEED, publishedAt: '2021-04-28T04:00:00Z' }),
      JSON.stringify({
        id: 7,
        title: 'Tenge falls',
        body: 'The tenge fell against the US dollar.',
        language: 'en',
      }),
    ].join('\n');
    const res = run([], input);
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual([
      'id',
      'relevant',
      'categories',
      'scores',
      'topics',
      'people',
      'eventType',
      'language',
      'gist',
      'evidence',
    ]);
    expect(lines[0]).toMatchObject({ id: 'a', relevant: true, categories: ['kz-us', 'c5plus1'] });
    expect(lines[0].gist).toMatch(
      /^[A-Z][a-z]+: .*Kazakhstan–US relations and the C5\+1 format.*, 28 Apr 2021 \(Astana\)\.$/,
    );
    expect(lines[1]).toMatchObject({ id: '7', relevant: false, categories: [], gist: null });
  });

  it('answers a bad line with an error record naming its line number, goes on, and exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', title: SEED_TITLE, body: SEED }),
      '',
      '{"id": "broken", ',
      JSON.stringify({ id: 'b', title: 'no body' }),
      JSON.stringify({
        title: 'Tokayev and Blinken met',
        body: 'Kazakhstan and the United States held talks.',
      }),
      JSON.stringify({ id: 'c', title: 'Tenge falls', body: 'The tenge fell against the US dollar.' }),
    ].join('\n');
    const res = run([], input);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/3 bad lines/);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'a', relevant: true });
    // line numbers count every input line, the blank one included, as an editor shows them
    expect(lines[1]).toEqual({ line: 3, id: 'broken', error: expect.stringMatching(/invalid JSON/) });
    expect(lines[2]).toEqual({ line: 4, id: 'b', error: expect.stringMatching(/body/) });
    // no id: an error, not a classification nobody can match to its item
    expect(lines[3]).toEqual({ line: 5, id: null, error: expect.stringMatching(/missing "id"/) });
    expect(lines[3]).not.toHaveProperty('relevant');
    expect(lines[4]).toMatchObject({ id: 'c', relevant: false });
  });

  it('exits 2 when the file cannot be read', () => {
    const res = run(['/nonexistent/file.jsonl']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/cannot read \/nonexistent\/file\.jsonl/);
  });
});
