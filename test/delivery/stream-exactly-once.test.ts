import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DispatchDeps, dispatchPendingAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import type {
  AlertMessage,
  AlertPublisher,
  AlertRecord,
  Log,
  MonitorStore,
} from '../../functions/domain/ports';
import { item } from '../alerts/fixtures';
import { lambdaEnvironment } from '../handlers/lambda-env';
import { seededRandom } from '../support/seeded-random';
import { alertInsertRecord, deliverStreamBatch } from '../support/stream-source';

/**
 * The two alert paths together, under faults: the table's stream (stream-shaped events fed to the
 * real handler, since dynalite has no Streams) and the backstop sweep. Dropped and repeated stream
 * records, batches retried by "Lambda" then given up to the failure destination, publishes refused,
 * a worker dying after its claim, throttled claims and marks, a sweep racing the stream, the clock
 * jumping past leases. Every alert must be published exactly once.
 */
const N = 120;
const log: Log = { info() {}, warn() {}, error() {} };
let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let streamHandler: (
  deps: () => Promise<DispatchDeps>,
) => (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  env = await lambdaEnvironment({ TOPIC_ARN: 'arn:aws:sns:eu-central-1:123456789012:kzmon-subscribers' });
  ({ streamHandler } = await import('../../functions/handlers/stream-alert'));
});
afterAll(async () => {
  await env?.close();
});

class Crash extends Error {}

/** Counts what the topic accepted, per alert; refuses some publishes before accepting them. */
class FlakyTopic implements AlertPublisher {
  readonly accepted = new Map<string, number>();
  refused = 0;
  constructor(private readonly random: () => number) {}
  async publish(message: AlertMessage) {
    if (this.random() < 0.15) {
      this.refused++;
      throw new Error('SNS: Throttling');
    }
    const id = String(message.attributes.alertId);
    this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
    return { messageId: `m-${id}-${this.accepted.get(id)}` };
  }
}

/** The store with throttled claims and marks, and workers that die right after a claim. */
function faultyStore(
  store: MonitorStore,
  random: () => number,
  counts: Record<string, number>,
): MonitorStore {
  return {
    ...store,
    async claimAlert(...args: Parameters<MonitorStore['claimAlert']>) {
      if (random() < 0.08) {
        counts.throttled++;
        throw new Error('ProvisionedThroughputExceededException');
      }
      const claimed = await store.claimAlert(...args);
      if (claimed && random() < 0.08) {
        counts.diedAfterClaim++;
        throw new Crash('worker died after claiming');
      }
      return claimed;
    },
    async markAlertSent(...args: Parameters<MonitorStore['markAlertSent']>) {
      if (random() < 0.2) {
        counts.markFailed++;
        throw new Error('ProvisionedThroughputExceededException');
      }
      return store.markAlertSent(...args);
    },
  };
}

describe('Streams path + backstop sweep, under faults', () => {
  it('publishes every alert exactly once', async () => {
    const random = seededRandom(17);
    const counts = {
      throttled: 0,
      diedAfterClaim: 0,
      markFailed: 0,
      dropped: 0,
      repeated: 0,
      retried: 0,
      gaveUp: 0,
      sweeps: 0,
    };
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const topic = new FlakyTopic(random);
    const deps: DispatchDeps = {
      store: faultyStore(env.store, random, counts),
      publisher: topic,
      log,
      now: () => new Date(clock),
      sleep: async () => {},
      concurrency: 3,
    };
    const handler = streamHandler(async () => deps);
    let seq = 0;

    /** Lambda's side of a stream: a batch, retried from the failed records twice, then the failure destination. */
    const invoke = async (records: DynamoDBRecord[]) => {
      const d = await deliverStreamBatch(handler, records);
      counts.retried += d.retried;
      counts.gaveUp += d.gaveUp;
    };

    for (let round = 0; round * 10 < N; round++) {
      const fresh: AlertRecord[] = [];
      for (let i = 0; i < 10; i++) {
        const alert = prepareAlert(item({ itemId: `s${round}-${i}` }), new Date(clock));
        await env.store.recordPendingAlert(alert);
        fresh.push(alert);
      }
      const records: DynamoDBRecord[] = [];
      for (const a of fresh) {
        if (random() < 0.1) {
          counts.dropped++;
          continue;
        }
        records.push(alertInsertRecord(a, ++seq));
        if (random() < 0.1) {
          counts.repeated++;
          records.push(alertInsertRecord(a, ++seq));
        }
      }
      const batches = [records.slice(0, 5), records.slice(5)];
      // Now and then the sweep runs while the stream's batches are in flight.
      await Promise.all([
        ...batches.map(invoke),
        round % 3 === 2 ? dispatchPendingAlerts(deps, 60_000).then(() => counts.sweeps++) : Promise.resolve(),
      ]);
      clock += 20_000;
    }
    // The backstop: sweeps a minute apart, past leases of workers that died, until nothing is pending.
    for (let i = 0; i < 30 && (await env.store.listPendingAlerts(new Date(clock))).length > 0; i++) {
      clock += 6 * 60_000;
      await dispatchPendingAlerts(deps, 60_000);
      counts.sweeps++;
    }

    const ids = Array.from({ length: N }, (_, k) => `s${Math.floor(k / 10)}-${k % 10}`);
    const publishes = ids.map((id) => topic.accepted.get(id) ?? 0);
    expect(
      publishes.filter((n) => n === 0),
      'lost',
    ).toEqual([]);
    expect(
      publishes.filter((n) => n > 1),
      'duplicated',
    ).toEqual([]);
    const statuses = await Promise.all(ids.map(async (id) => (await env.store.getAlert(id))?.status));
    expect(new Set(statuses)).toEqual(new Set(['sent']));
    // The faults did happen: otherwise this test proves nothing.
    for (const key of [
      'throttled',
      'diedAfterClaim',
      'markFailed',
      'dropped',
      'repeated',
      'retried',
      'sweeps',
    ] as const) {
      expect(counts[key], key).toBeGreaterThan(0);
    }
    expect(topic.refused).toBeGreaterThan(0);
  }, 120_000);

  it('ignores stream records that are not new pending instant alerts', async () => {
    const { streamedAlert } = await import('../../functions/handlers/stream-alert');
    const alert = prepareAlert(item({ itemId: 'x1' }), new Date());
    expect(streamedAlert(alertInsertRecord(alert, 1))?.alertId).toBe('x1');
    expect(streamedAlert({ ...alertInsertRecord(alert, 2), eventName: 'MODIFY' })).toBeNull();
    expect(streamedAlert(alertInsertRecord({ ...alert, status: 'sent' }, 3))).toBeNull();
    const itemRow = {
      eventName: 'INSERT',
      dynamodb: { NewImage: marshall({ pk: 'ITEM#x1', sk: 'ITEM', status: 'pending' }) as never },
    };
    expect(streamedAlert(itemRow as DynamoDBRecord)).toBeNull();
  });
});
