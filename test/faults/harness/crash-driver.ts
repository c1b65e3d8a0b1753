/**
 * Runs crash-child.ts as a real process and kills it with SIGKILL at a chosen point of its cycle.
 *
 * The child is node itself with the tsx loader registered in-process (`node --import tsx`), spawned
 * detached so that it leads its own process group; the kill goes to the whole group (`kill -9 -PGID`),
 * and the driver then checks with `ps` that no process of that group is left. (Killing a `tsx` wrapper
 * instead would orphan the node process doing the work, which then finishes the cycle.)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, 'crash-child.ts');

/** Where a run is killed: the k-th event of one phase of the cycle. */
export interface KillPoint {
  phase: CrashPhase;
  occurrence: number;
}

/**
 * fetch: a feed/list request or the fetch step's store calls; classify: an article request or a "not
 * relevant" seen mark; alert-record: story keys, story membership, the pending alert; store: the item
 * save (the commit point); publish: right after SNS accepted a message, before its answer arrives;
 * mark: right before the alert is marked sent (SNS has accepted it).
 */
export const CRASH_PHASES = ['fetch', 'classify', 'alert-record', 'store', 'publish', 'mark'] as const;
export type CrashPhase = (typeof CRASH_PHASES)[number];

export interface ChildRun {
  /** Set when the run reached its kill point and was killed there. */
  killedAt?: { phase: string; occurrence: number; event: string; inWindow: string[] };
  /** Signal that ended the child (SIGKILL for a killed run). */
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  /** Processes of the killed group still alive after the kill (must be empty). */
  survivors: string[];
  summary?: Record<string, unknown>;
  stderr: string;
}

/** Processes whose process group is `pgid` (one line each: pid and command). */
export function processesInGroup(pgid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && Number(f[1]) === pgid && !f[2]!.startsWith('Z'))
    .map((f) => `${f[0]} ${f.slice(3).join(' ')}`);
}

async function survivorsAfterKill(pgid: number): Promise<string[]> {
  // SIGKILL is delivered at once, but the kernel may take a moment to reap: allow 2 s.
  let left = processesInGroup(pgid);
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesInGroup(pgid);
  }
  return left;
}

const live = new Set<number>();

/** Kills every child group still running (a failed test must not leave cycles behind). */
export function killAllChildren(): void {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export function runChild(env: Record<string, string>, kill?: KillPoint): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
        ...(kill ? { CRASH_KILL_AT: `${kill.phase}:${kill.occurrence}` } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid!;
    live.add(pgid);
    let killedAt: ChildRun['killedAt'];
    let killing: Promise<string[]> = Promise.resolve([]);
    let summary: Record<string, unknown> | undefined;
    let stderr = '';
    let buf = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('halt ') && !killedAt) {
          // The child has stopped at its kill point and waits: kill its whole group there.
          killedAt = JSON.parse(line.slice(5)) as NonNullable<ChildRun['killedAt']>;
          process.kill(-pgid, 'SIGKILL');
          killing = survivorsAfterKill(pgid);
        } else if (line.startsWith('done ')) {
          summary = JSON.parse(line.slice(5)) as Record<string, unknown>;
        }
        nl = buf.indexOf('\n');
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', async (code, signal) => {
      const survivors = await killing;
      live.delete(pgid);
      resolve({ killedAt, signal, exitCode: code, survivors, summary, stderr: stderr.slice(-2000) });
    });
  });
}
