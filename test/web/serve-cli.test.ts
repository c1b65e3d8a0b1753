import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerServeCommand } from '../../bin/commands/serve';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin/kzmon.cjs');

describe('kzmon serve', () => {
  let home: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'kzmon-serve-'));
    const demo = spawnSync(process.execPath, [CLI, 'demo'], {
      cwd: ROOT,
      env: { ...process.env, KZMON_HOME: home },
    });
    expect(demo.status, demo.stderr.toString()).toBe(0);
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('serves the demo store on 127.0.0.1 and stops cleanly on SIGINT', async () => {
    child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, KZMON_HOME: home },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) =>
        reject(new Error(`kzmon serve exited with ${code} before listening: ${out}`)),
      );
    });
    const list = await fetch(`${url}/`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toMatch(/Active cooperation with Washington to continue/);
    // The live store is empty, so the view shows the demo's store and says so on every page.
    expect(out).toMatch(/the demo's store \(the live store is empty/);
    expect(html).toContain('<strong>Demo data.</strong>');
    const sources = await (await fetch(`${url}/sources`)).text();
    for (const id of ['demo-kazinform-en', 'demo-kazinform-ru', 'demo-kazinform-kk', 'demo-mfa-en', 'demo-mfa-ru']) {
      expect(sources).toContain(`data-source-id="${id}"`);
    }

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a port that is not a number, saying why, before opening anything', async () => {
    const program = new Command().exitOverride();
    registerServeCommand(program);
    await expect(program.parseAsync(['node', 'kzmon', 'serve', '--port', 'eighty'])).rejects.toThrow(
      '--port must be a whole number from 0 to 65535, not "eighty"',
    );
  });
});
