import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'kzmon-home-'));

function kzmon(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/kzmon.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KZMON_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('kzmon demo, as a user runs it', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('runs a full cycle, names the seed as an alert and fills the outbox', () => {
    const run = kzmon('demo', '--fresh');
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Sources: 3\/3 fetched/);
    expect(run.stdout).toMatch(/relevant \[kz-us, c5plus1\] Active cooperation with Washington/);
    expect(run.stdout).toMatch(/Alerts: [1-9]\d* sent/);
    expect(existsSync(join(home, 'db'))).toBe(true);
    expect(readdirSync(join(home, 'outbox', 'analyst-email')).length).toBeGreaterThan(0);
  });

  it('reports 0 new items and 0 alerts the second time', () => {
    const run = kzmon('demo');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Items: 0 new/);
    expect(run.stdout).toMatch(/Alerts: 0 sent/);
  });

  it('lists the stored items with kzmon query', () => {
    const run = kzmon('query', '--category', 'c5plus1');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Active cooperation with Washington/);
    expect(run.stdout).not.toMatch(/consular consultations/);
  });

  it('explains every command with --help', () => {
    for (const cmd of ['demo', 'run', 'query', 'explain', 'classify', 'sources', 'serve']) {
      const run = kzmon(cmd, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: kzmon/);
    }
  });
});
