import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'kzmon-home-'));

function kzmon(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/kzmon.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KZMON_STORE: home, CI: 'true' },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

const outbox = join(home, 'demo', 'outbox');

/** Every message file a subscriber would receive, across subscribers. */
function messageFiles(): string[] {
  return readdirSync(outbox, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'topic')
    .flatMap((d) => readdirSync(join(outbox, d.name)).map((f) => join(outbox, d.name, f)));
}

describe('kzmon demo, as a user runs it', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('runs a full cycle in three languages, lists what it turned down and why, and says what to do next', () => {
    // Something left from an earlier run: --fresh starts the outbox over as well as the store.
    mkdirSync(join(outbox, 'stale-subscriber'), { recursive: true });
    writeFileSync(join(outbox, 'stale-subscriber', 'old.eml'), 'old');
    const run = kzmon('demo', '--fresh');
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Sources: 5\/5 fetched/);
    expect(run.stdout).toMatch(/relevant \[kz-us, c5plus1\] \(en\) Active cooperation with Washington/);
    for (const lang of ['en', 'ru', 'kk']) expect(run.stdout).toMatch(new RegExp(`relevant \\[[^\\]]+\\] \\(${lang}\\)`));
    // The same news told in the three languages is shown as one story.
    expect(run.stdout).toMatch(/one story in [3-9] copies \((en|ru|kk), (en|ru|kk), (en|ru|kk); \d sources\): /);
    expect(run.stdout).toMatch(/rejected \(en\) Tenge weakens against US dollar at morning session — nothing about/);
    expect(run.stdout).toMatch(/rejected \(en\) Barys beats US college team .* — too little: Kazakhstan–US scored 0\.\d+ \(0\.5 needed\)/);
    expect(run.stdout).toMatch(/Next:\n {2}npx kzmon query --demo.*\n {2}npx kzmon explain --demo ID.*\n {2}npx kzmon serve --demo/);
    expect(existsSync(join(outbox, 'stale-subscriber'))).toBe(false);
    // "Alerts: N sent" counts the messages subscribers receive.
    const sent = Number(/Alerts: (\d+) sent/.exec(run.stdout)?.[1]);
    expect(sent).toBeGreaterThan(0);
    expect(messageFiles()).toHaveLength(sent);
    expect(readdirSync(join(outbox, 'russian-desk')).length).toBeGreaterThan(0);
  });

  it('texts a link a phone can open, not a placeholder address', () => {
    const sms = readdirSync(join(outbox, 'c5-desk-sms')).map((f) => readFileSync(join(outbox, 'c5-desk-sms', f), 'utf8'));
    expect(sms.length).toBeGreaterThan(0);
    for (const text of sms) expect(text).not.toMatch(/https:\/\/localhost\//);
  });

  it('reports 0 new items and 0 alerts the second time', () => {
    const run = kzmon('demo');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Items: 0 new/);
    expect(run.stdout).toMatch(/Alerts: 0 sent/);
  });

  it('keeps to itself: the live sources show no sample fetch, the live store no demo item', () => {
    const sources = kzmon('sources');
    expect(sources.status).toBe(0);
    expect(sources.stdout).not.toMatch(/127\.0\.0\.1|demo-/);
    expect(sources.stdout).toMatch(/kazinform-en .* never fetched/);
    // With --demo the demo's items; without, the live store is empty, so query says so and shows the demo's.
    const demo = kzmon('query', '--demo', '--category', 'c5plus1');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/Active cooperation with Washington/);
    expect(demo.stdout).not.toMatch(/consular consultations/);
    const plain = kzmon('query', '--lang', 'kk');
    expect(plain.stderr).toMatch(/the live store is empty, so this shows the demo's items/);
    expect(plain.stdout).toMatch(/Көшербаев/);
  });

  it("shows the demo's own sources and their health with --demo, in Astana time", () => {
    const sources = kzmon('sources', '--demo');
    expect(sources.status).toBe(0);
    for (const id of ['demo-kazinform-en', 'demo-kazinform-ru', 'demo-kazinform-kk', 'demo-mfa-en', 'demo-mfa-ru']) {
      expect(sources.stdout).toMatch(new RegExp(`^${id} +[a-z-]+ +[a-z]{2} +ok$`, 'm'));
    }
    expect(sources.stdout).not.toMatch(/^kazinform-en /m);
    expect(sources.stdout).toMatch(/url +http:\/\/127\.0\.0\.1:\d+\/lenta/);
    expect(sources.stdout).toMatch(/last success +\d{4}-\d\d-\d\d \d\d:\d\d Astana \(UTC\+5\)/);
  });

  it('explains every command with --help, and says the version', () => {
    for (const cmd of ['demo', 'run', 'query', 'explain', 'classify', 'sources', 'serve']) {
      const run = kzmon(cmd, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: kzmon/);
    }
    const version = kzmon('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const top = kzmon('--help');
    expect(top.stdout).toMatch(/Exit codes: 0 done; 1 failed, or found a problem .*; 2 used wrongly/);
    expect(top.stdout).toMatch(/Astana days/);
  });

  it('uses exit code 2 for every usage error, commander\'s own included', () => {
    expect(kzmon('query', '--nope').status).toBe(2);
    expect(kzmon('query', '--lang', 'de').status).toBe(2);
    expect(kzmon('serve', '--port', 'eighty').status).toBe(2);
    expect(kzmon('no-such-command').status).toBe(2);
  });

  it('keeps a subscribers file in the project root out of git (it holds addresses)', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', 'subscribers.json'], { cwd: ROOT });
    expect(ignored.status).toBe(0);
  });

  it('ends quietly when the reader of its output goes away (| head -1)', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/kzmon.cjs')}" query --demo --json --all --limit 1 | head -1`], {
      cwd: ROOT,
      env: { ...process.env, KZMON_STORE: home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout).itemId).toMatch(/^[0-9a-f]{24}$/);
  });
});
