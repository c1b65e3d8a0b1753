import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatExplanation,
  lookUpItem,
  lookupMessage,
  registerExplainCommand,
} from '../../bin/commands/explain';
import type { QueryTarget } from '../../bin/commands/query';
import { DynamoStore } from '../../functions/adapters/dynamo-store';
import type { Evidence, StoredItem } from '../../functions/domain/model';
import { routeQuery } from '../../functions/domain/query/query-routes';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';

const BILATERAL = 'Kazakhstan and the United States signed a memorandum on critical minerals.';
const C5 = 'The C5+1 ministers welcomed the memorandum.';
const MINERALS =
  'Critical minerals, rare earths and tungsten deposits were discussed at length with investors.';

// As the classifier stores it: a sentence may support several labels, and topic weights run higher
// than category weights.
const evidence: Evidence[] = [
  { label: 'kz-us', text: BILATERAL, weight: 0.9 },
  { label: 'c5plus1', text: C5, weight: 0.6 },
  { label: 'c5plus1', text: BILATERAL, weight: 0.2 },
  { label: 'topic:critical-minerals', text: MINERALS, weight: 3.5 },
  { label: 'topic:trade-investment', text: BILATERAL, weight: 1.2 },
  { label: 'event:agreement', text: BILATERAL, weight: 1 },
  { label: 'person:Kassym-Jomart Tokayev', text: C5, weight: 1 },
];

function item(itemId: string, title: string, publishedAt: string): StoredItem {
  return {
    itemId,
    sourceId: 'kazinform-en',
    url: `https://www.inform.kz/en/${itemId}`,
    canonicalUrl: `https://www.inform.kz/en/${itemId}`,
    language: 'en',
    title,
    lead: null,
    body: `${BILATERAL} ${C5} ${MINERALS}`,
    author: null,
    publishedAt,
    fetchedAt: publishedAt,
    classification: {
      relevant: true,
      categories: ['kz-us', 'c5plus1'],
      scores: { 'kz-us': 0.8, c5plus1: 0.6 },
      topics: ['critical-minerals', 'trade-investment'],
      people: ['Kassym-Jomart Tokayev'],
      eventType: 'agreement',
      language: 'en',
      evidence,
    },
    storyId: itemId,
  };
}

const items = [
  item('abcd000000000001', 'Kazakhstan and US sign minerals memorandum', '2026-11-20T08:00:00.000Z'),
  item('abcd000000000002', 'C5+1 ministers meet', '2026-11-21T08:00:00.000Z'),
  item('ef01000000000003', 'Tokayev receives US delegation', '2026-11-22T08:00:00.000Z'),
];

let home: string;
let target: QueryTarget;
let closeDb: () => Promise<void>;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kzmon-explain-'));
  process.env.KZMON_HOME = home;
  process.env.KZMON_STORE = home;
  const dynamo = await startLocalDynamo();
  const store = new DynamoStore(dynamo.client, { tableName: dynamo.tableName });
  for (const i of items) await store.saveRelevantItem(i);
  target = { get: (path, params) => routeQuery(store, path, params), close: async () => {} } as QueryTarget;
  closeDb = () => dynamo.close();
  // the same items in the local store the command opens
  const local = await startLocalDynamo({ dir: join(home, 'db') });
  const localStore = new DynamoStore(local.client, { tableName: local.tableName });
  for (const i of items) await localStore.saveRelevantItem(i);
  await local.close();
});
afterAll(async () => {
  await closeDb?.();
  delete process.env.KZMON_HOME;
  delete process.env.KZMON_STORE;
  rmSync(home, { recursive: true, force: true });
});

describe('kzmon explain: the evidence as a reader checks it', () => {
  const text = formatExplanation(items[0]!);
  const evidenceLines = text.slice(text.indexOf('\nevidence')).split('\n').slice(2);

  it('lists the category evidence first, then topics, though topic weights are higher', () => {
    expect(evidenceLines[0]).toBe(
      '  kz-us +0.9 · c5plus1 +0.2 · topic:trade-investment +1.2 · event:agreement +1',
    );
    expect(evidenceLines[1]).toBe(`      ${JSON.stringify(BILATERAL)}`);
    expect(evidenceLines[2]).toBe('  c5plus1 +0.6 · person:Kassym-Jomart Tokayev +1');
    expect(evidenceLines[4]).toBe('  topic:critical-minerals +3.5');
  });

  it('lists no sentence twice', () => {
    const sentences = evidenceLines.filter((l) => l.startsWith('      "'));
    expect(sentences).toHaveLength(3);
    expect(new Set(sentences).size).toBe(3);
  });

  it('gives the publication time in Astana, as query, the web view and the emails do', () => {
    // 08:00 UTC is 13:00 in Astana (UTC+5); an evening UTC instant is already the next Astana day.
    expect(text.split('\n')[2]).toMatch(
      /^published 2026-11-20 13:00 Astana \(UTC\+5\) {2}source kazinform-en/,
    );
    const late = formatExplanation(item('abcd000000000009', 'Late', '2026-11-20T21:30:00.000Z'));
    expect(late.split('\n')[2]).toMatch(/^published 2026-11-21 02:30 Astana \(UTC\+5\) /);
    expect(late).not.toContain('2026-11-20T21:30');
  });

  it('shows the English gist', () => {
    expect(text).toContain(
      'gist        Agreement: Kassym-Jomart Tokayev on Kazakhstan–US relations and the C5+1 format (critical minerals, trade and investment), 20 Nov 2026 (Astana).',
    );
  });
});

describe('kzmon explain: finding the item', () => {
  it('takes a whole id or a unique beginning of one', async () => {
    expect(await lookUpItem(target, 'ef01000000000003')).toMatchObject({
      kind: 'found',
      item: { itemId: 'ef01000000000003' },
    });
    expect(await lookUpItem(target, 'ef01')).toMatchObject({
      kind: 'found',
      item: { itemId: 'ef01000000000003' },
    });
    expect(await lookUpItem(target, 'abcd000000000002')).toMatchObject({
      kind: 'found',
      item: { title: 'C5+1 ministers meet' },
    });
  });

  it('names the candidates of a beginning that fits several', async () => {
    const lookup = await lookUpItem(target, 'abcd');
    expect(lookup).toMatchObject({ kind: 'many', more: false });
    expect(lookupMessage('abcd', lookup, 'the local store')).toBe(
      [
        '2 items in the local store have an id starting with abcd; give more of the id:',
        '  abcd000000000002  C5+1 ministers meet',
        '  abcd000000000001  Kazakhstan and US sign minerals memorandum',
      ].join('\n'),
    );
  });

  it('says there is no such item in the store, without HTTP wording', async () => {
    const lookup = await lookUpItem(target, '0123456789abcdef');
    expect(lookup).toEqual({ kind: 'none' });
    expect(lookupMessage('0123456789abcdef', lookup, 'the local store')).toBe(
      'no item with id 0123456789abcdef in the local store (`kzmon query` lists the ids)',
    );
  });
});

async function kzmon(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
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

describe('kzmon explain against the local store', () => {
  it('explains the item a unique beginning names', async () => {
    const res = await kzmon('explain', 'EF01');
    expect(res.code).toBe(0);
    expect(res.out.split('\n')[0]).toBe('Tokayev receives US delegation');
  });

  it('answers an unknown id with exit code 1 and no HTTP status', async () => {
    const res = await kzmon('explain', '0123456789abcdef');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^kzmon explain: no item with id 0123456789abcdef in the (local|demo) store/);
    expect(res.err).not.toMatch(/HTTP|404/);
  });

  it('answers an ambiguous beginning with exit code 1 and a malformed id with 2', async () => {
    expect(await kzmon('explain', 'abcd')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/2 items .* starting with abcd/),
    });
    expect((await kzmon('explain', 'nope')).code).toBe(2);
    expect((await kzmon('explain', 'abc')).code).toBe(2);
  });
});
