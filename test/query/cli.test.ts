import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerExplainCommand } from '../../bin/commands/explain';
import { runProgram } from '../../bin/commands/cli-support';
import { csvField, registerQueryCommand } from '../../bin/commands/query';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
import { makeItem } from '../storage/fixtures';

/** `kzmon query` and `kzmon explain` against a local store in a temporary KZMON_HOME, run in-process. */
let home: string;
const items = Array.from({ length: 5 }, (_, n) =>
  makeItem({
    n,
    publishedAt: `2026-11-0${n + 1}T08:00:00.000Z`,
    categories: ['c5plus1'],
    topics: ['energy'],
    title: n === 2 ? 'Energy, "C5+1" and\nwater' : `C5+1 item ${n}`,
  }),
);
/** 20:30 UTC on 10 November is 01:30 on 11 November in Astana. */
const lateEvening = makeItem({
  n: 10,
  publishedAt: '2026-11-10T20:30:00.000Z',
  categories: ['kz-us'],
  title: 'Late evening consultations',
  // Deep in a long body, past what a bounded search text would keep.
  body: `${'Officials met to review a long agenda. '.repeat(120)}They also prepared the next C5+1 ministerial.`,
});

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kzmon-cli-'));
  process.env.KZMON_HOME = home;
  const dynamo = await startLocalDynamo({ dir: join(home, 'db') });
  const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
  for (const i of [...items, lateEvening]) await store.saveRelevantItem(i);
  await dynamo.close();
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

async function kzmon(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  registerQueryCommand(program);
  registerExplainCommand(program);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  process.exitCode = 0;
  try {
    await runProgram(program, ['node', 'kzmon', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('kzmon query', () => {
  it('prints an aligned table, newest first, and says when there is more', async () => {
    const res = await kzmon('query', '--category', 'c5plus1', '--limit', '2');
    const lines = res.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^published \(Astana\)\s+categories\s+source\s+lang\s+title\s+id$/);
    expect(lines[1]).toMatch(/^2026-11-05 13:00\s/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual([items[4]!.itemId, items[3]!.itemId]);
    // Columns line up: every row's id starts where the header's does.
    expect(new Set(lines.map((l) => l.lastIndexOf(' ') + 1)).size).toBe(1);
    expect(res.err).toMatch(/^more items: add --all, or --cursor \S+\n$/);
    expect(res.code).toBe(0);
  });

  it('pages through everything with --all as JSON Lines', async () => {
    const res = await kzmon('query', '--topic', 'Energy', '--all', '--limit', '2', '--json');
    const rows = res.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.itemId)).toEqual([...items].reverse().map((i) => i.itemId));
    expect(res.err).toBe('');
  });

  it('writes CSV with proper quoting', async () => {
    const res = await kzmon('query', '--since', '2026-11-03', '--until', '2026-11-03', '--csv');
    expect(res.out).toBe(
      'publishedAt,itemId,sourceId,language,categories,topics,people,title,url\n' +
        `2026-11-03T08:00:00.000Z,${items[2]!.itemId},kazinform-en,en,c5plus1,energy,,"Energy, ""C5+1"" and\nwater",${items[2]!.url}\n`,
    );
    expect(csvField('plain')).toBe('plain');
  });

  it('a bad parameter names it and what is allowed, with exit code 2', async () => {
    expect(await kzmon('query', '--lang', 'de')).toEqual({
      out: '',
      err: 'kzmon: --lang: one of en, ru, kk (got "de")\n',
      code: 2,
    });
    expect((await kzmon('query', '--since', 'last week')).code).toBe(2);
    expect((await kzmon('query', '--cursor', 'forged.cursor')).err).toMatch(/^kzmon: --cursor: /);
    // The option the user typed, not the API's parameter name.
    expect((await kzmon('query', '--text', 'x'.repeat(500))).err).toMatch(/^kzmon: --text: /);
  });
});

describe('kzmon query: names, dates and text as people write them', () => {
  it('takes the category as emails write it (KZ-US, C5+1), in any case', async () => {
    const upper = await kzmon('query', '--category', 'C5+1', '--json');
    expect(upper.code).toBe(0);
    expect(upper.out.trimEnd().split('\n')).toHaveLength(5);
    const kzus = await kzmon('query', '--category', 'KZ-US', '--json');
    expect(kzus.code).toBe(0);
    expect(JSON.parse(kzus.out).itemId).toBe(lateEvening.itemId);
  });

  it('reads --since/--until as Astana days, as the web view and emails do', async () => {
    // The item is on 11 November in Astana although 10 November in UTC.
    const on10 = await kzmon('query', '--since', '2026-11-10', '--until', '2026-11-10', '--json');
    expect(on10.out).toBe('');
    const on11 = await kzmon('query', '--since', '2026-11-11', '--until', '2026-11-11', '--json');
    expect(JSON.parse(on11.out).itemId).toBe(lateEvening.itemId);
    const help = await kzmon('query', '--help');
    expect(help.out).toMatch(/Astana day/);
  });

  it('--text searches the whole stored text, and --q is the same option', async () => {
    for (const flag of ['--text', '--q']) {
      const res = await kzmon('query', flag, 'c5+1 MINISTERIAL', '--json');
      expect(res.code).toBe(0);
      expect(res.out.trimEnd().split('\n').map((l) => JSON.parse(l).itemId)).toEqual([lateEvening.itemId]);
    }
  });

  it('refuses a source it does not know, naming the known ones, with exit code 2', async () => {
    const res = await kzmon('query', '--source', 'nope');
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^kzmon: no source "nope" in the local store; known: .*kazinform-en/);
    expect(res.out).toBe('');
  });

  it('says how to fill a store that has no items, and what an empty filter result is', async () => {
    const none = await kzmon('query', '--lang', 'kk');
    expect(none.out).toBe('No items match these filters.\n');
  });
});

describe('kzmon explain', () => {
  it('shows the stored decision and its evidence', async () => {
    const res = await kzmon('explain', items[1]!.itemId);
    expect(res.out).toContain('categories  c5plus1');
    expect(res.out).toContain('topics      energy');
    expect(res.out).toContain('event       meeting');
    expect(res.out).toMatch(/\nevidence \(what decided the categories[^\n]*\n {2}c5plus1 \+2\n {6}"evidence for c5plus1"/);
  });

  it('an unknown id is an error, a malformed one exit code 2', async () => {
    expect(await kzmon('explain', 'abcdef0123456789abcdef01')).toMatchObject({ code: 1, err: expect.stringMatching(/no item with id/) });
    expect((await kzmon('explain', 'nope')).code).toBe(2);
  });
});
