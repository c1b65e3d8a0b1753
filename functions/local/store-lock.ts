import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** What a store's engine publishes in `<store>/engine.json` (see store-engine.cjs). */
export interface EngineInfo {
  pid: number;
  db?: string;
  state?: 'starting' | 'ready' | 'failed';
  port?: number;
  control?: number;
  error?: string;
  /** When the engine failed (ms since the epoch); it gives the lock back a moment later. */
  failedAt?: number;
}

export function engineInfoPath(storeDir: string): string {
  return join(storeDir, 'engine.json');
}

export function readEngineInfo(storeDir: string): EngineInfo | null {
  try {
    const info = JSON.parse(readFileSync(engineInfoPath(storeDir), 'utf8')) as EngineInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    // Missing, or caught between the exclusive create and the first write.
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "process 1234 (node bin/kzmon.cjs serve)": enough for a person to find and stop it. */
export function describeProcess(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return cmd ? `process ${pid} (${cmd.length > 120 ? `${cmd.slice(0, 119)}…` : cmd})` : `process ${pid}`;
  } catch {
    return `process ${pid}`;
  }
}

export function removeStaleInfo(storeDir: string, stale: EngineInfo): void {
  // Only the very lock that was found stale: a new engine may have claimed it meanwhile.
  const again = readEngineInfo(storeDir);
  if (again && again.pid === stale.pid) {
    try {
      unlinkSync(engineInfoPath(storeDir));
    } catch {
      // Another opener removed it first.
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * For code that opens a store's database on its own (scripts, tests): waits until a shared engine that
 * holds it has gone idle and stopped, or names the process that keeps it.
 */
export async function waitForEngineToLeave(storeDir: string, waitMs = 15_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (!existsSync(engineInfoPath(storeDir))) return;
    const info = readEngineInfo(storeDir);
    if (info && !processAlive(info.pid)) {
      removeStaleInfo(storeDir, info);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the local store ${storeDir} is in use by ${info ? describeProcess(info.pid) : 'another process'}; stop it and try again`,
      );
    }
    await sleep(100);
  }
}
