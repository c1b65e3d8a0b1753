import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { SnsPublisher } from '../../functions/adapters/sns-publisher';
import { DEFAULT_LEASE_MS, dispatchPendingAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import type { AlertMessage, AlertPublisher, Log, MonitorStore } from '../../functions/domain/ports';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { item } from './fixtures';

const log: Log = { info() {}, warn() {}, error() {} };
const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:local:0:topic';
let dynamo: LocalDynamo;
let store: MonitorStore;
let clock: number;
const now = () => new Date(clock);
let table = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});
beforeEach(async () => {
  // A fresh table per test, so counts are this test's alone.
  const { ensureTable } = await import('../../functions/local/local-dynamodb');
  const tableName = `alerts-${++table}`;
  await ensureTable(dynamo.client, tableName);
  store = createMonitorStore(dynamo.client, { tableName });
  clock = Date.parse('2026-11-24T10:00:00Z');
  snsMock.reset();
});

async function recordAlerts(ids: string[]): Promise<void> {
  for (const id of ids)
    await store.recordPendingAlert(prepareAlert(item({ itemId: id }), new Date(clock - 1000)));
}

const deps = (publisher: AlertPublisher, over: Partial<MonitorStore> = {}) => ({
  store: { ...store, ...over },
  publisher,
  log,
  now,
  sleep: async () => {},
});

/** Accepted publishes per alert id, read off the SNS mock. */
function publishesPerAlert(): Map<string, number> {
  const out = new Map<string, number>();
  for (const call of snsMock.commandCalls(PublishCommand)) {
    const id = call.args[0].input.MessageAttributes?.alertId?.StringValue ?? '?';
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

describe('exactly-once alert delivery on the local engine', () => {
  it('retries throttled and failed publishes on the next sweep, never resending a sent alert', async () => {
    await recordAlerts(['a', 'b', 'c', 'd']);
    snsMock
      .on(PublishCommand)
      .resolves({ MessageId: 'ok' })
      .on(PublishCommand, { MessageAttributes: { alertId: { DataType: 'String', StringValue: 'b' } } })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({ MessageId: 'ok-b' })
      .on(PublishCommand, { MessageAttributes: { alertId: { DataType: 'String', StringValue: 'c' } } })
      .rejectsOnce(Object.assign(new Error('Internal error'), { name: 'InternalError' }))
      .resolves({ MessageId: 'ok-c' });
    const publisher = new SnsPublisher(new SNSClient({ region: 'local', maxAttempts: 1 }), TOPIC);

    const first = await dispatchPendingAlerts(deps(publisher));
    expect(first).toMatchObject({ pending: 4, sent: 2, failed: 2 });
    const second = await dispatchPendingAlerts(deps(publisher));
    expect(second).toMatchObject({ pending: 2, sent: 2, failed: 0 });
    const third = await dispatchPendingAlerts(deps(publisher));
    expect(third.pending).toBe(0);

    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 6); // 4 accepted + 2 rejected
    // b and c: one rejected call, then one accepted; a and d: accepted at once.
    expect(Object.fromEntries(publishesPerAlert())).toEqual({ a: 1, b: 2, c: 2, d: 1 });
    expect((await store.getAlert('b'))?.messageId).toBe('ok-b');
    expect((await store.getAlert('c'))?.messageId).toBe('ok-c');
    expect(await store.listPendingAlerts(new Date(clock + 1))).toEqual([]);
  });

  it('sends an alert recorded before a crash (nothing sent yet) on the next sweep, once', async () => {
    await recordAlerts(['r1', 'r2']);
    // …the process that recorded them dies here; a sweep later:
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    const publisher = new SnsPublisher(new SNSClient({ region: 'local' }), TOPIC);
    await dispatchPendingAlerts(deps(publisher));
    await dispatchPendingAlerts(deps(publisher));
    expect([...publishesPerAlert()]).toEqual([
      ['r1', 1],
      ['r2', 1],
    ]);
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      MessageStructure: 'json',
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String', StringValue: 'instant' },
      }),
    });
  });

  it('retries a failed mark after SNS accepted instead of resending', async () => {
    await recordAlerts(['k1', 'k2']);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    const publisher = new SnsPublisher(new SNSClient({ region: 'local' }), TOPIC);
    let failures = 0;
    const flaky = {
      markAlertSent: async (id: string, messageId: string, at: Date) => {
        if (id === 'k1' && failures++ === 0) throw new Error('ProvisionedThroughputExceededException');
        return store.markAlertSent(id, messageId, at);
      },
    };
    const r = await dispatchPendingAlerts(deps(publisher, flaky));
    expect(r).toMatchObject({ sent: 2, unmarked: 0 });
    clock += DEFAULT_LEASE_MS * 2;
    await dispatchPendingAlerts(deps(publisher, flaky));
    expect(failures).toBeGreaterThan(0);
    expect([...publishesPerAlert()]).toEqual([
      ['k1', 1],
      ['k2', 1],
    ]);
  });

  it('never loses an alert whose sweep died after SNS accepted it; the outbox delivers it once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-outbox-'));
    try {
      await recordAlerts(['p1', 'p2', 'p3']);
      const subscribers = parseSubscribers([{ id: 'desk', email: 'desk@example.org' }]);
      const outbox = new OutboxPublisher(dir, subscribers);
      // p1: accepted, then the answer is lost (the sweep sees an error and releases the claim);
      // p2: accepted, then the sweep dies outright (no release, no mark: the claim must expire).
      let lostAnswer = true;
      let died = true;
      const faulty: AlertPublisher = {
        subscribers: outbox.subscribers,
        publish: async (m: AlertMessage) => {
          const res = await outbox.publish(m);
          if (m.attributes.alertId === 'p1' && lostAnswer) {
            lostAnswer = false;
            throw new Error('socket hang up');
          }
          if (m.attributes.alertId === 'p2' && died) {
            died = false;
            throw new Error('process died');
          }
          return res;
        },
      };
      const deadSweep = {
        releaseAlert: async (id: string, token: string) =>
          id === 'p2' ? undefined : store.releaseAlert(id, token),
      };

      const first = await dispatchPendingAlerts(deps(faulty, deadSweep));
      expect(first).toMatchObject({ sent: 1, failed: 2 });
      expect((await store.getAlert('p2'))?.status).toBe('sending');

      // Within the lease nobody touches p2: its worker might still be alive.
      const second = await dispatchPendingAlerts(deps(faulty, deadSweep));
      expect(second).toMatchObject({ sent: 1, skipped: 1 });
      expect((await store.getAlert('p2'))?.status).toBe('sending');

      clock += DEFAULT_LEASE_MS + 1000;
      const third = await dispatchPendingAlerts(deps(faulty, deadSweep));
      expect(third).toMatchObject({ sent: 1, reclaimed: 1 });
      expect((await dispatchPendingAlerts(deps(faulty))).pending).toBe(0);

      // Five publish calls (p1 and p2 twice), three deliveries: one per alert.
      expect(outbox.publishCalls).toBe(5);
      expect(outbox.deliveries.map((d) => d.alertId).sort()).toEqual(['p1', 'p2', 'p3']);
      expect(readdirSync(join(dir, 'desk')).sort()).toEqual(['p1.email.txt', 'p2.email.txt', 'p3.email.txt']);
      for (const id of ['p1', 'p2', 'p3']) {
        const a = await store.getAlert(id);
        expect(a?.status).toBe('sent');
      }
      expect((await store.getAlert('p2'))?.attempts).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets two sweeps run at once without publishing any alert twice', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    await recordAlerts(ids);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    const publisher = new SnsPublisher(new SNSClient({ region: 'local' }), TOPIC);
    const [a, b] = await Promise.all([
      dispatchPendingAlerts(deps(publisher)),
      dispatchPendingAlerts(deps(publisher)),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(a.skipped + b.skipped).toBe(30);
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 30);
    expect([...publishesPerAlert().values()].every((n) => n === 1)).toBe(true);
  });

  it('stops claiming when the invocation is about to time out, leaving the rest pending', async () => {
    await recordAlerts(['t1', 't2', 't3']);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    const publisher = new SnsPublisher(new SNSClient({ region: 'local' }), TOPIC);
    let left = 30_000;
    const r = await dispatchPendingAlerts({
      ...deps(publisher),
      concurrency: 1,
      remainingMs: () => (left -= 10_000),
    });
    expect(r.sent).toBe(1);
    expect((await store.listPendingAlerts(new Date(clock + 1))).map((a) => a.status)).toEqual([
      'pending',
      'pending',
    ]);
  });
});
