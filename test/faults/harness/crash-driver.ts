/**
 * Runs crash-child.ts as a separate process (via tsx) and kills it with SIGKILL after a chosen number of
 * store calls, then restarts it, each restart one scheduler period later, until a cycle completes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CHILD = join(__dirname, 'crash-child.ts');

export interface ChildRun {
  /** Killed after this many store calls (undefined: ran to the end). */
  killedAtStep?: number;
  /** Steps the child reported before it ended. */
  steps: number;
  exitCode: number | null;
  summary?: Record<string, unknown>;
  stderr: string;
}

export function runChild(env: Record<string, string>, killAtStep?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(TSX, [CHILD], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let steps = 0;
    let killed = false;
    let summary: Record<string, unknown> | undefined;
    let stderr = '';
    let buf = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('step ')) {
          steps = Number(line.split(' ')[1]);
          if (killAtStep !== undefined && !killed && steps >= killAtStep) {
            killed = true;
            child.kill('SIGKILL');
          }
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
    child.on('exit', (code) => {
      resolve({ killedAtStep: killed ? steps : undefined, steps, exitCode: code, summary, stderr: stderr.slice(-2000) });
    });
  });
}
