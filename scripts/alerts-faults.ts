/**
 * Exactly-once under injected failures: records N relevant items' alerts on the local engine (dynalite),
 * then runs alert sweeps against a mocked SNS that throttles, errors, and sometimes accepts a message
 * and then loses the answer; sweeps also crash after claiming, and the store's mark fails. Sweeps run
 * until nothing is pending, the clock jumping past the claim lease between them.
 *
 *   npx tsx scripts/alerts-faults.ts [items=1000] [seed=7]
 *
 * Prints: alerts expected, sent, duplicated, lost: as SNS would deliver them (a standard topic delivers
 * every accepted publish; the local outbox's delivery log records the same repeats) and as a consumer
 * that folds repeats by alert id shows them.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createMonitorStore } from '../functions/adapters/monitor-store';
import { SnsPublisher } from '../functions/adapters/sns-publisher';
import {
  DEFAULT_LEASE_MS,
  type DispatchResult,
  dispatchPendingAlerts,
} from '../functions/domain/alerts/dispatch-alerts';
import { prepareAlert } from '../functions/domain/alerts/prepare-alert';
import type { StoredItem } from '../functions/domain/model';
import type { AlertMessage, Log, MonitorStore } from '../functions/domain/ports';
import { startLocalDynamo } from '../functions/local/local-dynamodb';
import { OutboxPublisher } from '../functions/local/outbox-publisher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FaultRates {
  /** Publish rejected as throttled (nothing delivered). */
  throttle: number;
  /** Publish rejected with a 500 (nothing delivered). */
  error: number;
  /** SNS accepted and delivered, then the answer was lost (the sweep sees an error). */
  acceptedThenError: number;
  /** The sweep dies right after claiming (nothing published, claim left to expire). */
  crashAfterClaim: number;
  /** The sweep dies after SNS accepted, before marking (no release, no mark). */
  crashAfterPublish: number;
  /** The mark fails once (the sweep retries it). */
  markFailsOnce: number;
}

export const DEFAULT_FAULTS: FaultRates = {
  throttle: 0.1,
  error: 0.05,
  acceptedThenError: 0.01,
  crashAfterClaim: 0.02,
  crashAfterPublish: 0.01,
  markFailsOnce: 0.05,
};

export interface FaultRunResult {
  expected: number;
  /** Alerts delivered at least once. */
  sent: number;
  /** Extra deliveries over one per alert, as a standard SNS topic would make them. */
  duplicatedSns: number;
  /** Repeats the local outbox delivered and logged (it delivers every publish, as SNS does). */
  outboxRepeats: number;
  /** Extra entries once repeats are folded by alert id (what the outbox shows): always 0. */
  duplicatedOutbox: number;
  lost: number;
  sweeps: number;
  publishCalls: number;
  injected: Record<keyof FaultRates, number>;
  /** Duplicates by cause: SNS accepted but the sweep never learnt it. */
  acceptedButUnacknowledged: number;
}

class Crash extends Error {}

/** Deterministic pseudo-random numbers, so a run can be repeated. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS =
  'Astana Washington trade energy uranium minerals visa consular summit investment climate Afghanistan security grain oil pipeline Boeing Chevron Tengiz education scholarship embassy reform nuclear C5+1 Samarkand ministers envoy delegation forum agreement memorandum railway corridor water wheat'.split(
    ' ',
  );

export function sampleItem(i: number, random: () => number): StoredItem {
  const words = Array.from({ length: 9 }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const itemId = `item${String(i).padStart(5, '0')}`;
  return {
    itemId,
    sourceId: i % 3 === 0 ? 'mfa-en' : 'kazinform-en',
    url: `https://www.inform.kz/en/${itemId}`,
    canonicalUrl: `https://www.inform.kz/en/${itemId}`,
    language: 'en',
    title: `${words.join(' ')} (${i})`,
    lead: null,
    body: '',
    author: null,
    publishedAt: '2026-11-24T09:30:00Z',
    fetchedAt: '2026-11-24T09:35:00Z',
    storyId: itemId,
    classification: {
      relevant: true,
      categories: i % 4 === 0 ? ['c5plus1'] : ['kz-us'],
      scores: { 'kz-us': 0.8, c5plus1: 0.7 },
      topics: ['trade-investment'],
      people: [],
      eventType: 'other',
      language: 'en',
      evidence: [
        { label: 'kz-us', text: 'Kazakhstan and the United States signed an agreement.', weight: 2 },
      ],
    },
  };
}

export async function runAlertFaults(
  options: { items?: number; seed?: number; faults?: Partial<FaultRates>; concurrentSweeps?: number } = {},
): Promise<FaultRunResult> {
  const n = options.items ?? 1000;
  const random = rng(options.seed ?? 7);
  const faults = { ...DEFAULT_FAULTS, ...options.faults };
  const injected = Object.fromEntries(Object.keys(faults).map((k) => [k, 0])) as Record<
    keyof FaultRates,
    number
  >;
  const dynamo = await startLocalDynamo();
  const snsMock = mockClient(SNSClient);
  const outboxDir = mkdtempSync(join(tmpdir(), 'kzmon-faults-'));
  // What an idempotent consumer makes of every message SNS accepted: one subscriber who takes all.
  const outbox = new OutboxPublisher(outboxDir, [
    {
      id: 'everyone',
      email: 'all@example.org',
      categories: ['kz-us', 'c5plus1'],
      minScore: 0,
      delivery: 'instant',
    },
  ]);
  try {
    const base = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const now = () => new Date(clock);

    // A crash after recording and before sending: every alert is recorded and nothing sent yet.
    for (let i = 0; i < n; i++) {
      const item = sampleItem(i, random);
      await base.recordPendingAlert(prepareAlert(item, new Date(clock - 60_000)));
    }

    const accepted = new Map<string, number>();
    let acceptedButUnacknowledged = 0;
    let publishCalls = 0;
    const crashedAfterPublish = new Set<string>();
    const markFailed = new Set<string>();
    const roll = (k: keyof FaultRates) => {
      const hit = random() < faults[k];
      if (hit) injected[k]++;
      return hit;
    };

    snsMock
      .on(PublishCommand)
      .callsFake(
        async (input: {
          Message?: string;
          MessageAttributes?: Record<string, { DataType?: string; StringValue?: string }>;
        }) => {
          publishCalls++;
          const alertId = input.MessageAttributes?.alertId?.StringValue ?? '?';
          if (roll('throttle'))
            throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client' });
          if (roll('error'))
            throw Object.assign(new Error('Internal error'), { name: 'InternalError', $fault: 'server' });
          accepted.set(alertId, (accepted.get(alertId) ?? 0) + 1);
          await outbox.publish(fromSns(input));
          if (roll('acceptedThenError')) {
            acceptedButUnacknowledged++;
            throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
          }
          if (roll('crashAfterPublish')) {
            acceptedButUnacknowledged++;
            crashedAfterPublish.add(alertId);
            throw new Crash(`sweep died after SNS accepted ${alertId}`);
          }
          return { MessageId: `sns-${alertId}-${accepted.get(alertId)}` };
        },
      );
    const publisher = new SnsPublisher(
      new SNSClient({ region: 'local', maxAttempts: 1 }),
      'arn:aws:sns:local:0:topic',
    );

    // The store as a sweep sees it, with the sweep's own deaths injected around it.
    const store: MonitorStore = {
      ...base,
      claimAlert: async (id, token, at, lease) => {
        const claimed = await base.claimAlert(id, token, at, lease);
        if (claimed && roll('crashAfterClaim')) throw new Crash(`sweep died after claiming ${id}`);
        return claimed;
      },
      // A dead sweep releases nothing.
      releaseAlert: async (id, token) => {
        if (crashedAfterPublish.delete(id)) return;
        return base.releaseAlert(id, token);
      },
      markAlertSent: async (id, messageId, at) => {
        if (!markFailed.has(id) && roll('markFailsOnce')) {
          markFailed.add(id);
          throw new Error('ProvisionedThroughputExceededException');
        }
        return base.markAlertSent(id, messageId, at);
      },
    };
    const log: Log = { info() {}, warn() {}, error() {} };

    let sweeps = 0;
    for (; sweeps < 40; sweeps++) {
      const pending = await base.listPendingAlerts(new Date(clock + 1));
      if (pending.length === 0) break;
      // Several sweeps at once: the claims keep them from publishing the same alert twice.
      const runs: Promise<DispatchResult>[] = [];
      for (let k = 0; k < (options.concurrentSweeps ?? 2); k++) {
        runs.push(
          dispatchPendingAlerts({ store, publisher, log, now, concurrency: 8, sleep: async () => {} }),
        );
      }
      await Promise.all(runs);
      clock += DEFAULT_LEASE_MS + 60_000;
    }

    let sent = 0;
    let duplicatedSns = 0;
    for (let i = 0; i < n; i++) {
      const c = accepted.get(`item${String(i).padStart(5, '0')}`) ?? 0;
      if (c > 0) sent++;
      if (c > 1) duplicatedSns += c - 1;
    }
    return {
      expected: n,
      sent,
      duplicatedSns,
      outboxRepeats: outbox.repeats,
      duplicatedOutbox: outbox.deliveries.length - new Set(outbox.deliveries.map((d) => d.alertId)).size,
      lost: n - sent,
      sweeps,
      publishCalls,
      injected,
      acceptedButUnacknowledged,
    };
  } finally {
    snsMock.restore();
    await dynamo.close();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** The AlertMessage a PublishCommand carried (json structure, typed attributes). */
function fromSns(input: {
  Message?: string;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string }>;
}): AlertMessage {
  const body = JSON.parse(input.Message ?? '{}') as { default: string; email: string; sms: string };
  const attributes: AlertMessage['attributes'] = {};
  for (const [k, v] of Object.entries(input.MessageAttributes ?? {})) {
    attributes[k] =
      v.DataType === 'String.Array'
        ? JSON.parse(v.StringValue ?? '[]')
        : v.DataType === 'Number'
          ? Number(v.StringValue)
          : (v.StringValue ?? '');
  }
  return { ...body, emailSubject: '', attributes };
}

export function formatRow(r: FaultRunResult): string {
  return [
    'expected | sent | duplicated (SNS) | repeats the outbox delivered | duplicated once folded by alert id | lost | sweeps | publish calls',
    `${r.expected} | ${r.sent} | ${r.duplicatedSns} | ${r.outboxRepeats} | ${r.duplicatedOutbox} | ${r.lost} | ${r.sweeps} | ${r.publishCalls}`,
    `injected: ${Object.entries(r.injected)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}; accepted but unacknowledged: ${r.acceptedButUnacknowledged}`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('alerts-faults.ts')) {
  const [items, seed] = process.argv.slice(2).map(Number);
  const started = Date.now();
  runAlertFaults({ items: items || 1000, seed: seed || 7 })
    .then((r) => {
      process.stdout.write(`${formatRow(r)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    });
}
