import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerExplainCommand } from '../../bin/commands/explain';
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

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kzmon-cli-'));
  process.env.KZMON_HOME = home;
  const dynamo = await startLocalDynamo({ dir: join(home, 'db') });
  const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
  for (const i of items) await store.saveRelevantItem(i);
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
    await program.parseAsync(['node', 'kzmon', ...args]);
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
    expect(lines[0]).toMatch(/^published \(UTC\)\s+categories\s+source\s+lang\s+title\s+id$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual([items[4]!.itemId, items[3]!.itemId]);
    // Columns line up: every row's id starts where the header's does.
    expect(new Set(lines.map((l) => l.lastIndexOf(' ') + 1)).size).toBe(1);
    expect(res.err).toMatch(/^more items: add --all, or --cursor \S+\n$/);
    expect(res.code).toBe(0);
  });

  it('pages through everything with --all as JSON Lines', async () => {
    const res = await kzmon('query', '--topic', 'energy', '--all', '--limit', '2', '--json');
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
      err: 'kzmon: bad parameter lang: one of en, ru, kk (got "de")\n',
      code: 2,
    });
    expect((await kzmon('query', '--since', 'last week')).code).toBe(2);
    expect((await kzmon('query', '--cursor', 'forged.cursor')).err).toMatch(/^kzmon: bad parameter cursor/);
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
