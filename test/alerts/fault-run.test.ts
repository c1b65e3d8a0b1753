import { describe, expect, it } from 'vitest';
import { formatRow, runAlertFaults } from '../../scripts/alerts-faults';

describe('alerts under injected failures (the scripts/alerts-faults.ts run, smaller)', () => {
  it('alerts every item; the only duplicates are publishes SNS accepted without the sweep learning it', async () => {
    const r = await runAlertFaults({
      items: 60,
      seed: 11,
      faults: { acceptedThenError: 0.05, crashAfterPublish: 0.03 },
    });
    process.stdout.write(`${formatRow(r)}\n`);
    expect(r.lost).toBe(0);
    expect(r.sent).toBe(60);
    expect(r.duplicatedOutbox).toBe(0);
    expect(r.acceptedButUnacknowledged).toBeGreaterThan(0);
    expect(r.duplicatedSns).toBe(r.acceptedButUnacknowledged);
    expect(
      r.injected.throttle + r.injected.error + r.injected.crashAfterClaim + r.injected.markFailsOnce,
    ).toBeGreaterThan(5);
  });

  it('sends every alert exactly once when no publish is accepted unacknowledged', async () => {
    const r = await runAlertFaults({
      items: 40,
      seed: 5,
      faults: { acceptedThenError: 0, crashAfterPublish: 0 },
    });
    expect(r).toMatchObject({ expected: 40, sent: 40, duplicatedSns: 0, lost: 0 });
  });
});
