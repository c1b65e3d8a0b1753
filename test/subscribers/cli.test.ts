import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../functions/domain/delivery/webhook-payload';
import { type SampleServer, startSampleServer } from '../../functions/local/sample-sources';
import { type LocalReceiver, botOk, startReceiver } from '../delivery/receivers';

const ROOT = resolve(__dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'kzmon-subs-'));
const TOKEN = '42:local-test-token';
const SECRET = 'newsroom-shared-secret-1234';
let bot: LocalReceiver;
let hook: LocalReceiver;

/** The CLI as a user runs it, asynchronously (the fake Bot API and receivers live in this process). */
function kzmon(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/kzmon.cjs'), ...args],
      {
        cwd: ROOT,
        timeout: 90_000,
        env: {
          ...process.env,
          KZMON_STORE: home,
          KZMON_TELEGRAM_BOT_TOKEN: TOKEN,
          KZMON_TELEGRAM_API_BASE: bot.origin,
        },
      },
      (err, stdout, stderr) =>
        done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  bot = await startReceiver(botOk);
  hook = await startReceiver(() => ({ ok: true }));
});
afterAll(async () => {
  await kzmon('store', 'stop').catch(() => {});
  await bot.close();
  await hook.close();
  rmSync(home, { recursive: true, force: true });
});

describe('kzmon subscribers, on the local store', () => {
  it('adds subscribers of every channel, lists them without the webhook secret, and removes one', async () => {
    for (const args of [
      ['--id', 'analyst', '--email', 'analyst@example.org', '--categories', 'kz-us'],
      [
        '--id',
        'c5-sms',
        '--phone',
        '+15555550100',
        '--categories',
        'c5plus1',
        '--digest-email',
        'c5@example.org',
      ],
      ['--id', 'tg-desk', '--telegram', '-1001234567890', '--languages', 'en,ru'],
      ['--id', 'newsroom', '--webhook', `${hook.origin}/kzmon`, '--secret', SECRET, '--min-score', '0.2'],
    ]) {
      const add = await kzmon('subscribers', 'add', ...args);
      expect(add.stderr).toBe('');
      expect(add.status).toBe(0);
      expect(add.stdout).toMatch(/^Added /);
    }
    const list = await kzmon('subscribers', 'list', '--json');
    expect(list.status).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.id).sort()).toEqual(['analyst', 'c5-sms', 'newsroom', 'tg-desk']);
    expect(rows.find((r) => r.id === 'newsroom')).toMatchObject({
      webhook: `${hook.origin}/kzmon`,
      secret: '(set)',
      minScore: 0.2,
    });
    expect(list.stdout).not.toContain(SECRET);
    expect(rows.find((r) => r.id === 'tg-desk')).toMatchObject({
      telegram: '-1001234567890',
      languages: ['en', 'ru'],
    });

    const table = await kzmon('subscribers', 'list');
    expect(table.stdout).toMatch(/analyst\s+email\s+instant\s+analyst@example\.org/);
    expect(table.stdout).toMatch(/tg-desk\s+telegram/);

    expect((await kzmon('subscribers', 'remove', 'analyst')).stdout).toMatch(/Removed analyst/);
    expect(
      JSON.parse((await kzmon('subscribers', 'list', '--json')).stdout).map((r: { id: string }) => r.id),
    ).not.toContain('analyst');
    const again = await kzmon('subscribers', 'remove', 'analyst');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/no subscriber analyst/);
  });

  it('takes category names as alerts write them and languages in any case, as `kzmon query` does', async () => {
    const add = await kzmon(
      'subscribers',
      'add',
      '--id',
      'alias-desk',
      '--email',
      'alias@example.org',
      '--categories',
      'C5+1,KZ-US',
      '--languages',
      'RU',
    );
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const rows = JSON.parse((await kzmon('subscribers', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(rows.find((r) => r.id === 'alias-desk')).toMatchObject({
      categories: ['c5plus1', 'kz-us'],
      languages: ['ru'],
    });
    expect((await kzmon('subscribers', 'remove', 'alias-desk')).status).toBe(0);
  });

  it('answers a subscribers file it cannot read with exit 2 and the file named', async () => {
    const missing = join(home, 'no-such-subscribers.json');
    const r = await kzmon('subscribers', 'import', missing);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`could not read subscribers file ${missing}`);
    const bad = join(home, 'bad-subscribers.json');
    writeFileSync(bad, JSON.stringify([{ id: 'x' }]));
    const invalid = await kzmon('subscribers', 'import', bad);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(new RegExp(`subscribers file ${bad}: .*email or phone`));
  });

  it('refuses a bad subscriber with the reason and keeps nothing of it', async () => {
    const two = await kzmon(
      'subscribers',
      'add',
      '--id',
      'both',
      '--email',
      'a@example.org',
      '--phone',
      '+15555550101',
    );
    // Used wrongly: exit 2, as for any bad option value.
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/exactly one of email or phone/);
    const internal = await kzmon(
      'subscribers',
      'add',
      '--id',
      'meta',
      '--webhook',
      'https://169.254.169.254/latest',
      '--secret',
      SECRET,
    );
    expect(internal.status).toBe(2);
    expect(internal.stderr).toMatch(/webhook refused: refused private address 169\.254\.169\.254/);
    const dup = await kzmon('subscribers', 'add', '--id', 'tg-desk', '--telegram', '12345');
    expect(dup.stderr).toMatch(/exists already/);
    const ids = JSON.parse((await kzmon('subscribers', 'list', '--json')).stdout).map(
      (r: { id: string }) => r.id,
    );
    expect(ids).not.toContain('both');
    expect(ids).not.toContain('meta');
  });

  it('sends a test message through the real channel: the fake Bot API and the webhook receiver get it', async () => {
    const tg = await kzmon('subscribers', 'test', 'tg-desk');
    expect(tg.stdout).toMatch(/Sent: telegram: telegram message/);
    expect(bot.received.at(-1)!.json).toMatchObject({ chat_id: -1001234567890, parse_mode: 'HTML' });
    expect(String(bot.received.at(-1)!.json.text)).toContain('Test alert from kz-news-monitor');
    const wh = await kzmon('subscribers', 'test', 'newsroom');
    expect(wh.stdout).toMatch(/Sent: webhook: HTTP 200/);
    const req = hook.received.at(-1)!;
    expect(verifySignature(req.raw, SECRET, req.headers['x-kzmon-signature'] as string)).toBe(true);
    expect(req.headers['x-kzmon-alert-id']).toMatch(/^test#newsroom#/);
  });

  it('imports an old subscribersFile once; a second import keeps what is there', async () => {
    const file = join(home, 'old-subscribers.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'desk', email: 'desk@example.org', categories: ['kz-us', 'c5plus1'], delivery: 'daily' },
        { id: 'ops-sms', phone: '+15555550102' },
      ]),
    );
    expect((await kzmon('subscribers', 'import', file)).stdout).toMatch(/Imported 2 of 2 subscribers/);
    const second = await kzmon('subscribers', 'import', file);
    expect(second.stdout).toMatch(/Imported 0 of 2 subscribers .*kept as they are: desk, ops-sms/);
    const run = await kzmon('run', '--subscribers', file);
    expect(run.stderr).toMatch(/import .* once with `kzmon subscribers import/);
    // An option that is no longer read is the command used wrongly.
    expect(run.status).toBe(2);
  });
});

describe('kzmon run delivers to the stored subscribers over HTTP', () => {
  let sample: SampleServer;
  beforeAll(async () => {
    sample = await startSampleServer();
  });
  afterAll(async () => {
    await sample.close();
  });

  it('the seed alert reaches the Telegram chat and the webhook once, and the outbox records every delivery', async () => {
    const sources = join(home, 'sources.json');
    writeFileSync(sources, JSON.stringify(sample.sources));
    const botBefore = bot.received.length;
    const hookBefore = hook.received.length;
    const run = await kzmon('run', '--sources', sources);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/tg-desk\s+\d+ telegram message\(s\)/);
    expect(run.stdout).toMatch(/newsroom\s+\d+ webhook message\(s\)/);
    const tg = bot.received.slice(botBefore);
    expect(tg.some((r) => /Active cooperation with Washington/.test(String(r.json.text)))).toBe(true);
    const posts = hook.received.slice(hookBefore);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts)
      expect(verifySignature(p.raw, SECRET, p.headers['x-kzmon-signature'] as string)).toBe(true);
    // Every alert id at most once per receiver.
    const ids = posts.map((p) => p.headers['x-kzmon-alert-id']);
    expect(new Set(ids).size).toBe(ids.length);

    const log = readFileSync(join(home, 'outbox', 'deliveries.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const channels = new Set(log.map((d: { channel: string }) => d.channel));
    expect([...channels].sort()).toEqual(expect.arrayContaining(['telegram', 'webhook']));
    expect(log.filter((d: { channel: string }) => d.channel === 'webhook')).toHaveLength(posts.length);
    for (const d of log) expect(existsSync(d.file)).toBe(true);

    // A second run finds nothing new and posts nothing.
    const botAfter = bot.received.length;
    const hookAfter = hook.received.length;
    await kzmon('run', '--sources', sources);
    expect(bot.received.length).toBe(botAfter);
    expect(hook.received.length).toBe(hookAfter);
  });
});

describe('kzmon demo delivers to Telegram and webhook subscribers over HTTP', () => {
  it('posts each alert to its stand-in Bot API and newsroom receiver, once, and records both in the outbox', async () => {
    const demo = await kzmon('demo', '--fresh');
    expect(demo.status).toBe(0);
    const tg = /demo-telegram\s+(\d+) telegram message\(s\)/.exec(demo.stdout);
    const wh = /demo-webhook\s+(\d+) webhook message\(s\)/.exec(demo.stdout);
    expect(Number(tg?.[1])).toBeGreaterThan(0);
    expect(Number(wh?.[1])).toBe(Number(tg?.[1]));
    const log = readFileSync(join(home, 'demo', 'outbox', 'deliveries.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { channel: string; alertId: string; file: string });
    const telegram = log.filter((d) => d.channel === 'telegram');
    expect(telegram).toHaveLength(Number(tg?.[1]));
    expect(new Set(telegram.map((d) => d.alertId)).size).toBe(telegram.length);
    expect(readFileSync(telegram[0]!.file, 'utf8')).toMatch(
      /^To: telegram chat 5550100\nReceipt: telegram message \d+\n\n<b>\[/,
    );
    // A second demo stores nothing new and posts nothing.
    const again = await kzmon('demo');
    expect(again.stdout).not.toMatch(/demo-telegram\s+\d+ telegram/);
  });
});
