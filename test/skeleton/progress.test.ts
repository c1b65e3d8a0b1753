import { afterEach, describe, expect, it, vi } from 'vitest';
import { CycleProgress, LiveBlock, interactive } from '../../bin/commands/progress';
import type { Log } from '../../functions/domain/ports';

/** A terminal as the progress display sees one: it records what was written. */
function fakeTerminal(isTTY = true) {
  const writes: string[] = [];
  return {
    writes,
    stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream,
  };
}

const silent: Log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('progress on a terminal', () => {
  it('is drawn only on a terminal that is not CI', () => {
    vi.stubEnv('CI', '');
    expect(interactive(fakeTerminal(true).stream)).toBe(true);
    expect(interactive(fakeTerminal(false).stream)).toBe(false);
    vi.stubEnv('CI', 'true');
    expect(interactive(fakeTerminal(true).stream)).toBe(false);
  });

  it('waits before drawing, redraws in place, keeps log lines above it, and leaves nothing behind', () => {
    vi.useFakeTimers();
    const t = fakeTerminal();
    let n = 0;
    const block = new LiveBlock(() => [`step ${n}`], t.stream, 300).start();
    vi.advanceTimersByTime(200);
    expect(t.writes).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(t.writes.join('')).toContain('step 0\n');
    n = 1;
    block.print('warn: something');
    const afterPrint = t.writes.join('');
    // Erased (cursor up, clear line), the log line written, then drawn again below it.
    expect(afterPrint).toMatch(/\x1b\[1A\x1b\[2K\rwarn: something\n\r\x1b\[2Kstep 1\n$/);
    block.stop();
    expect(t.writes.at(-1)).toBe('\x1b[1A\x1b[2K\r');
  });

  it('shows every source with what it found, and articles read against those queued', () => {
    const progress = new CycleProgress(['kazinform-en', 'mfa-en', 'mfa-ru']);
    const log = progress.observe(silent);
    log.info('source read', { sourceId: 'kazinform-en', listed: 12, new: 3, notModified: false });
    log.error('source failed', { sourceId: 'mfa-en', error: 'HTTP 503 from https://www.gov.kz/api' });
    log.info('item relevant', { sourceId: 'kazinform-en' });
    log.info('item not relevant', { sourceId: 'kazinform-en' });
    const lines = (progress as unknown as { lines(): string[] }).lines();
    expect(lines[0]).toMatch(/^Reading sources: 2\/3 done/);
    expect(lines).toContainEqual(expect.stringMatching(/kazinform-en\s+✓ 12 listed, 3 new/));
    expect(lines).toContainEqual(expect.stringMatching(/mfa-en\s+✗ HTTP 503/));
    expect(lines).toContainEqual(expect.stringMatching(/mfa-ru\s+… reading/));
    expect(lines).toContainEqual('Articles: 2/3 read, 1 relevant');
  });
});
