import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'bin/kzmon.cjs');
const work = mkdtempSync(join(tmpdir(), 'kzmon-shared-'));
const children: ChildProcess[] = [];

/** The environment a user has: no store variable unless the test sets one. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { KZMON_STORE: _s, KZMON_HOME: _h, ...rest } = process.env;
  return { ...rest, CI: 'true', ...extra };
}

function kzmon(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? env(),
    encoding: 'utf8',
    timeout: 90_000,
  });
}

function startServe(store: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--demo', '--port', '0'], {
    cwd: ROOT,
    env: env({ KZMON_STORE: store }),
  });
  children.push(child);
  let out = '';
  return new Promise((resolveUrl, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolveUrl({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('one local store shared by every command', () => {
  it('keeps query and demo working while serve has the store open, and serve sees what they wrote', async () => {
    const store = join(work, 'busy');
    const { child, url } = await startServe(store);
    const before = await (await fetch(`${url}/`)).text();
    expect(before).toMatch(/The store is empty/);

    const demo = kzmon(['demo'], { env: env({ KZMON_STORE: store }) });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const query = kzmon(['query', '--demo', '--json'], { env: env({ KZMON_STORE: store }) });
    expect(query.status).toBe(0);
    expect(query.stdout).toMatch(/Active cooperation with Washington/);

    const after = await (await fetch(`${url}/`)).text();
    expect(after).toMatch(/Active cooperation with Washington/);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('starts over with run --fresh every time, keeping the stored subscribers', () => {
    const store = join(work, 'fresh');
    const sources = join(work, 'refused-sources.json');
    // One source at a closed port on 127.0.0.1: the cycle runs, reads nothing, and never leaves the machine.
    writeFileSync(sources, JSON.stringify([{ id: 'closed', kind: 'rss', language: 'en', url: 'http://127.0.0.1:9/rss.xml' }]));
    const ids: string[] = [];
    // Emptying the store raced the table's deletion now and then ("Table: kzmon-local not found"): try it
    // several times in a row.
    for (let i = 0; i < 5; i++) {
      ids.push(`desk-${i}`);
      const add = kzmon(['subscribers', 'add', '--id', `desk-${i}`, '--email', `desk-${i}@example.org`], {
        env: env({ KZMON_STORE: store }),
      });
      expect(add.status).toBe(0);
      const run = kzmon(['run', '--fresh', '--sources', sources], { env: env({ KZMON_STORE: store }) });
      expect(run.stderr).not.toMatch(/not found/);
      expect(run.stdout).toMatch(/Sources: 0\/1 fetched/);
      const list = kzmon(['subscribers', 'list', '--json'], { env: env({ KZMON_STORE: store }) });
      expect(JSON.parse(list.stdout).map((r: { id: string }) => r.id).sort()).toEqual(ids);
    }
  }, 180_000);

  it('takes over a lock left by a process that is gone', () => {
    const store = join(work, 'stale');
    mkdirSync(store, { recursive: true });
    // A pid far above any this machine hands out: that process cannot be running.
    writeFileSync(join(store, 'engine.json'), JSON.stringify({ pid: 2 ** 22 + 17, state: 'ready', port: 9, control: 9 }));
    const run = kzmon(['query'], { env: env({ KZMON_STORE: store }) });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('names the process that holds the store when it does not answer', async () => {
    const store = join(work, 'held');
    mkdirSync(store, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(holder);
    // A port that refuses: bound, then closed again.
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    writeFileSync(join(store, 'engine.json'), JSON.stringify({ pid: holder.pid, state: 'ready', port, control: port }));
    const run = kzmon(['query'], { env: env({ KZMON_STORE: store, KZMON_ENGINE_WAIT_MS: '1500' }) });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`is held by process ${holder.pid} \\(.*setInterval.*\\), which does not answer`));
    holder.kill('SIGKILL');
  });

  it('says the database is open in another program, and works once that program closes it', async () => {
    const store = join(work, 'script');
    const script = await startLocalDynamo({ dir: join(store, 'db') });
    const refused = kzmon(['query'], { env: env({ KZMON_STORE: store }) });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^kzmon: the local store .* cannot be opened: .*db is open in another program \(IO error: lock/);
    await script.close();
    const run = kzmon(['query'], { env: env({ KZMON_STORE: store }) });
    expect(run.status).toBe(0);
  });
});

describe('where the store lives', () => {
  it('is the project root, found from any folder below it, and never a new .kzmon/ in the working directory', () => {
    const project = join(work, 'clone');
    const lib = join(project, 'lib', 'constructs');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'kz-news-monitor', version: '0.0.0' }));
    const run = kzmon(['query'], { cwd: lib });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No items yet: run `npm run demo` or `npx kzmon run`.\n');
    expect(existsSync(join(lib, '.kzmon'))).toBe(false);
    expect(existsSync(join(project, 'lib', '.kzmon'))).toBe(false);
    expect(existsSync(join(project, '.kzmon', 'db'))).toBe(true);
  });

  it('is --store DIR when given, whatever the working directory', () => {
    const store = join(work, 'chosen');
    const run = kzmon(['query', '--store', store], { cwd: tmpdir() });
    expect(run.status).toBe(0);
    expect(existsSync(join(store, 'db'))).toBe(true);
  });
});
