/**
 * The Lambda path under faults: the fetch, classify and alert handlers exactly as deployed (their own
 * module-scope clients, Powertools batch processing and idempotency), fed scheduled events and SQS
 * batches by a simulated queue with the stack's redrive policy, over dynalite behind a fault proxy.
 *
 * Injected: DynamoDB throttling, 500s and dropped connections on 3% of requests; SQS refusing some
 * entries of a send; SNS rejecting publishes and accepting some while the answer is lost; article pages
 * failing for one receive (partial batch failures, redelivery after the visibility timeout) or for good
 * (the dead-letter queue after five receives, then the operator's redrive); a malformed message; the
 * classify function killed mid-batch and the alert sweep killed after SNS accepted (a crash freezes
 * every further DynamoDB call of that invocation, which then never answers); the same items queued
 * twice by overlapping fetch runs and processed in concurrent invocations (Powertools idempotency);
 * the stream-alert function fed the classify handler's alert rows as stream records (dropped, repeated,
 * retried, a worker dying after its claim) with the sweep racing it and then backing it up.
 *
 * The clock is simulated (only Date is faked): the queue, the leases and the idempotency records all
 * read it, so a visibility timeout of 12 minutes passes at once.
 */
import { PublishCommand, type PublishCommandInput, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { SQSClient, SendMessageBatchCommand, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { HttpClient } from '../../functions/adapters/http-client';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { AlertMessage, MonitorStore } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { MAX_RECEIVE_COUNT } from '../../lib/constructs/ingestion';
import { createIdempotencyTable, lambdaContext } from '../handlers/lambda-env';
import { deliverStreamBatch } from '../support/stream-source';
import { renderRss, rng } from './harness/corpus';
import { type FaultProxy, startFaultProxy } from './harness/dynamo-fault-proxy';
import { type BuiltFeeds, type FeedSpec, buildFeeds } from './harness/feeds';
import { recordRow } from './harness/outcome-table';
import { type Route, type SourceServer, startSourceServer } from './harness/source-server';
import { type SimMessage, SqsSim } from './harness/sqs-sim';
import { alertRowsFor, unreliableStream } from './harness/stream-records';
import { CATCH_ALL, CATCH_ALL_SUBSCRIBER, idFor, rowFrom, tally } from './harness/world';

/** lib/constructs/ingestion.ts: six times the classify timeout of 120 s. */
const VISIBILITY_MS = 720_000;
/** The event source mapping's batch size and maximum concurrency (lib/constructs/ingestion.ts). */
const BATCH_SIZE = 10;
const MAX_CONCURRENCY = 5;
/** The alert sweep's schedule. */
const SWEEP_EVERY_MS = 60_000;
/** Real time after which a frozen (crashed) invocation is given up as dead. */
const CRASH_WAIT_MS = 1500;
const START = new Date('2026-11-20T06:00:00Z');
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:kzmon-alerts';
/** What EventBridge Scheduler hands the fetch function and the sweep. */
const SCHEDULED = { version: '0', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', detail: {} };

type Handler<E, R> = (event: E, context: Context) => Promise<R>;
type FetchHandler = Handler<unknown, { queued: number; failedSources: string[] }>;
type ClassifyHandler = Handler<SQSEvent, SQSBatchResponse>;
type AlertHandler = Handler<unknown, { sent: number; failed: number }>;
type StreamAlertHandler = Handler<DynamoDBStreamEvent, DynamoDBBatchResponse>;

/**
 * A new Lambda container: the handler module imported afresh, so its module-scope clients, batch
 * processor and idempotency state are its own (as in Lambda, where each container runs one event at a
 * time). A crashed container is replaced, never reused.
 */
async function container<H>(name: 'fetch' | 'classify' | 'alert' | 'stream-alert'): Promise<H> {
  vi.resetModules();
  const mod = (await import(`../../functions/handlers/${name}.ts`)) as { handler: H };
  return mod.handler;
}

interface PhaseCounts {
  invocations: number;
  batchItemFailures: number;
  crashed: number;
  sweeps: number;
}

describe('the Lambda path (fetch, classify, alert handlers as deployed) under faults', () => {
  let server: SourceServer;
  let dynamo: LocalDynamo;
  let proxy: FaultProxy;
  let store: MonitorStore;
  let queue: SqsSim;
  /** Warm classify containers, one per concurrent invocation (a container serves one event at a time). */
  const classifyPool: ClassifyHandler[] = [];
  let alertHandler: AlertHandler;
  const sqs = mockClient(SQSClient);
  const sns = mockClient(SNSClient);
  const random = rng(1515);
  const accepted: AlertMessage[] = [];
  const answerLost: string[] = [];
  /** Alerts SNS accepted during the current alert invocation (to find the window at a crash). */
  let acceptedThisSweep: string[] = [];
  /** Set to crash the alert sweep right after SNS accepts its next message. */
  let crashAfterAccept = false;
  /** Set to kill the invocation whose next publish comes: it dies after its claim, before SNS has it. */
  let dieBeforeNextPublish = false;
  /** Share of publishes SNS accepts and whose answer is lost (on top of the 15% throttled). */
  let answerLossRate = 0.03;
  let clock = START.getTime();
  const phases = new Map<string, { feeds: BuiltFeeds; routes: Map<string, Route> }>();
  let sqsRefused = 0;
  let allSources: SourceDefinition[] = [];
  const invocationErrors: string[] = [];

  const setClock = (t: number) => {
    clock = t;
    vi.setSystemTime(clock);
  };

  /** Every phase's sources are configured from the start; a phase's feeds stay empty until it begins. */
  function addPhase(name: string, specs: FeedSpec[]): BuiltFeeds {
    const feeds = buildFeeds(server, specs, START);
    const routes = new Map<string, Route>();
    for (const s of feeds.sources) {
      const key = s.kind === 'rss' ? new URL(s.url).pathname : `govkz:${s.id}:${s.language}`;
      const route = server.routes.get(key)!;
      routes.set(key, route);
      server.routes.set(
        key,
        route.kind === 'govkz'
          ? { ...route, items: [] }
          : {
              kind: 'body',
              type: 'application/rss+xml; charset=utf-8',
              body: renderRss([], server.origin, s.id),
            },
      );
    }
    phases.set(name, { feeds, routes });
    return feeds;
  }
  function openPhase(name: string): BuiltFeeds {
    const p = phases.get(name)!;
    for (const [key, route] of p.routes) server.routes.set(key, route);
    return p.feeds;
  }
  /** A fetch container configured with the sources open so far (the deployed stack's SOURCES_JSON). */
  async function fetchContainer(feeds: BuiltFeeds): Promise<FetchHandler> {
    vi.stubEnv('SOURCES_JSON', JSON.stringify(feeds.sources));
    const handler = await container<FetchHandler>('fetch');
    vi.stubEnv('SOURCES_JSON', JSON.stringify(allSources));
    return handler;
  }

  beforeAll(async () => {
    server = await startSourceServer();
    dynamo = await startLocalDynamo();
    await createIdempotencyTable(dynamo, 'kzmon-idempotency');
    proxy = await startFaultProxy({
      target: dynamo.endpoint,
      rate: 0.03,
      kinds: ['throttle', 'throttling', 'server-error', 'drop-before', 'drop-after'],
      seed: 15,
    });
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
    // The deployed sweep reads its subscribers from the table: one instant subscriber to everything.
    await new DynamoDeliveryStore(dynamo.client, { tableName: dynamo.tableName }).addSubscriber({
      ...CATCH_ALL_SUBSCRIBER,
      createdAt: START.toISOString(),
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    setClock(START.getTime());
    queue = new SqsSim({
      visibilityTimeoutMs: VISIBILITY_MS,
      maxReceiveCount: MAX_RECEIVE_COUNT,
      now: () => clock,
    });

    addPhase('partial', [
      { id: 'lp-a-rss', kind: 'rss', lang: 'en', count: 30, relevantShare: 0.4, seed: 71 },
      { id: 'lp-a-mfa', kind: 'govkz-news', lang: 'ru', count: 30, relevantShare: 0.4, seed: 72 },
    ]);
    addPhase('crash', [
      { id: 'lp-b-rss', kind: 'rss', lang: 'en', count: 30, relevantShare: 0.4, seed: 73 },
      {
        id: 'lp-b-mfa',
        kind: 'govkz-news',
        lang: 'en',
        count: 30,
        relevantShare: 0.4,
        seed: 74,
        firstId: 200_000,
      },
    ]);
    addPhase('twice', [{ id: 'lp-c-rss', kind: 'rss', lang: 'ru', count: 20, relevantShare: 0.5, seed: 75 }]);
    addPhase('stream', [
      { id: 'lp-d-rss', kind: 'rss', lang: 'en', count: 60, relevantShare: 0.5, seed: 76 },
    ]);
    const sources: SourceDefinition[] = [...phases.values()].flatMap((p) => p.feeds.sources);
    allSources = sources;

    const vars: Record<string, string> = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
      TABLE_NAME: dynamo.tableName,
      IDEMPOTENCY_TABLE: 'kzmon-idempotency',
      QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/kzmon-new-items',
      TOPIC_ARN: TOPIC,
      SUBSCRIBER_POLICIES: JSON.stringify(CATCH_ALL),
      SOURCES_JSON: JSON.stringify(sources),
      POWERTOOLS_LOG_LEVEL: process.env.FAULTS_LAMBDA_LOG ?? 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_METRICS_NAMESPACE: 'KzNewsMonitorFaults',
    };
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    vi.resetModules();
    // The fixture server is plain HTTP on 127.0.0.1, which the production client refuses; everything
    // else about the client (allowlist from the sources, retries) stays as the handlers build it.
    vi.doMock('../../functions/handlers/source-runtime', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../../functions/handlers/source-runtime')>()),
      makeHttpClient: (defs: SourceDefinition[]) =>
        new HttpClient({
          allowedHosts: allowedHostsFor(defs),
          allowInsecureLocal: true,
          timeoutMs: 2000,
          sleep: async () => {},
        }),
    }));
    // SQS: the simulated queue; one entry in ten of a send refused (the adapter must resend it).
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      const entries = input.Entries ?? [];
      const failed = entries.filter(() => random() < 0.1);
      for (const e of entries) if (!failed.includes(e)) queue.send(e.MessageBody ?? '');
      sqsRefused += failed.length;
      return {
        Successful: entries
          .filter((e) => !failed.includes(e))
          .map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
        Failed: failed.map((e) => ({
          Id: e.Id,
          Code: 'InternalError',
          SenderFault: false,
          Message: 'injected',
        })),
      };
    });
    // SNS: 15% throttled, 3% accepted with the answer lost; optionally a crash right after accepting.
    sns.on(PublishCommand).callsFake(async (input: PublishCommandInput) => {
      if (dieBeforeNextPublish) {
        dieBeforeNextPublish = false;
        // The worker dies holding its claim: nothing of it reaches SNS or the table again.
        proxy.freezeAfter(0);
        return new Promise<never>(() => {});
      }
      const r = random();
      if (r < 0.15)
        throw new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
      const body = JSON.parse(input.Message ?? '{}') as { default?: string; email?: string; sms?: string };
      const attributes = Object.fromEntries(
        Object.entries(input.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']),
      );
      const message: AlertMessage = {
        default: body.default ?? '',
        email: body.email ?? '',
        sms: body.sms ?? '',
        emailSubject: input.Subject ?? '',
        attributes,
      };
      accepted.push(message);
      acceptedThisSweep.push(String(attributes.alertId));
      if (crashAfterAccept) {
        crashAfterAccept = false;
        // The sweep dies now: its mark (and everything after) never reaches the table.
        proxy.freezeAfter(0);
      } else if (r < 0.15 + answerLossRate) {
        answerLost.push(String(attributes.alertId));
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
      }
      return { MessageId: `sns-${accepted.length}` };
    });
    for (let i = 0; i < MAX_CONCURRENCY; i++) classifyPool.push(await container<ClassifyHandler>('classify'));
    alertHandler = await container<AlertHandler>('alert');
  }, 120_000);

  afterAll(async () => {
    vi.useRealTimers();
    vi.doUnmock('../../functions/handlers/source-runtime');
    vi.unstubAllEnvs();
    sqs.restore();
    sns.restore();
    await proxy?.close();
    await server?.close();
    await dynamo?.close();
  });

  /** Resolves with the invocation's answer, or undefined when it is frozen (crashed) past CRASH_WAIT_MS. */
  async function invoke<R>(started: Promise<R>, mayCrash: boolean): Promise<R | undefined> {
    // An invocation that throws (Powertools throws when every record of a batch failed) is a failed
    // invocation: the event source mapping deletes none of its messages.
    const run = started.catch((err: Error & { recordErrors?: Error[] }) => {
      invocationErrors.push(
        `${err.name}: ${[...new Set((err.recordErrors ?? [err]).map((e) => `${e.name}: ${e.message}`))].join(' | ')}`.slice(
          0,
          300,
        ),
      );
      return undefined;
    });
    if (!mayCrash) return run;
    let timer: NodeJS.Timeout | undefined;
    const dead = new Promise<undefined>((r) => {
      timer = setTimeout(() => r(undefined), CRASH_WAIT_MS);
    });
    // A crashed invocation stays in the background, frozen on a call that never answers.
    const out = await Promise.race([run, dead]);
    clearTimeout(timer);
    return out;
  }

  /**
   * The event source mapping and the scheduler until nothing is left to do: batches of up to ten to at
   * most five concurrent classify invocations; the alert sweep every minute; when nothing is visible,
   * the clock jumps to the next message's visibility. `classifyCrashes`: how many classify invocations
   * to kill, each after a random number of DynamoDB calls (one that finishes first is not counted and
   * the next one is tried); `sweepCrashes`: how many sweeps to kill right after SNS accepts a message.
   */
  async function runUntilQuiet(
    faults: { classifyCrashes?: number; sweepCrashes?: number; sweep?: boolean } = {},
  ): Promise<PhaseCounts & { window: string[] }> {
    const sweep = faults.sweep ?? true;
    const counts: PhaseCounts = { invocations: 0, batchItemFailures: 0, crashed: 0, sweeps: 0 };
    let classifyCrashes = faults.classifyCrashes ?? 0;
    let sweepCrashes = faults.sweepCrashes ?? 0;
    const window: string[] = [];
    for (let round = 0; round < 400; round++) {
      // Classify: as many concurrent invocations as there are visible batches (at most five).
      for (;;) {
        const crash = classifyCrashes > 0;
        const batches: SimMessage[][] = [];
        for (let i = 0; i < (crash ? 1 : MAX_CONCURRENCY); i++) {
          const b = queue.receive(BATCH_SIZE);
          if (b.length === 0) break;
          batches.push(b);
        }
        if (batches.length === 0) break;
        if (crash) proxy.freezeAfter(1 + Math.floor(random() * 40));
        const answers = await Promise.all(
          batches.map((b, i) => {
            counts.invocations++;
            return invoke(classifyPool[i]!(queue.event(b), lambdaContext('classify')), crash);
          }),
        );
        if (crash) {
          proxy.thaw();
          if (answers[0] === undefined) {
            counts.crashed++;
            classifyCrashes--;
            classifyPool[0] = await container<ClassifyHandler>('classify');
          }
        }
        for (const [i, b] of batches.entries())
          counts.batchItemFailures += queue.settle(b, answers[i]).failed;
      }
      // The alert sweep.
      if (!sweep) {
        if (queue.depth === 0) return { ...counts, window };
        setClock(Math.max(clock, Math.min(...[...queue.messages.values()].map((m) => m.visibleAt))));
        continue;
      }
      counts.sweeps++;
      const crashSweep = sweepCrashes > 0;
      crashAfterAccept = crashSweep;
      acceptedThisSweep = [];
      const swept = await invoke(alertHandler(SCHEDULED, lambdaContext('alert')), crashSweep);
      if (crashSweep) {
        proxy.thaw();
        crashAfterAccept = false;
        if (swept === undefined) {
          counts.crashed++;
          sweepCrashes--;
          alertHandler = await container<AlertHandler>('alert');
          // Accepted by SNS, not marked sent: the alerts this crash can make repeat.
          for (const id of acceptedThisSweep)
            if ((await store.getAlert(id))?.status !== 'sent') window.push(id);
        }
      }
      const pending = await store.listPendingAlerts(new Date(clock + 24 * 3_600_000));
      if (queue.depth === 0 && pending.length === 0 && classifyCrashes + sweepCrashes === 0)
        return { ...counts, window };
      // Next minute, or straight to the next message's return when nothing else is due.
      const nextVisible = Math.min(...[...queue.messages.values()].map((m) => m.visibleAt));
      const idle = pending.length === 0 && Number.isFinite(nextVisible) && nextVisible > clock;
      setClock(idle ? nextVisible : clock + SWEEP_EVERY_MS);
    }
    throw new Error('the Lambda world did not settle in 400 rounds');
  }

  function tallyAlerts(feeds: BuiltFeeds) {
    return tally(store, feeds.expected, accepted);
  }

  it('partial batch failures, redelivery after the visibility timeout, the dead-letter queue after 5 receives, redrive', async () => {
    const feeds = openPhase('partial');
    const t0 = performance.now();
    // Five article pages fail for one receive (the client's three attempts each answer 503), two for good.
    const onPage = (url: string) => new URL(url).pathname.startsWith('/news/');
    const pages = feeds.expected.filter((e) => onPage(e.url)).map((e) => new URL(e.url).pathname);
    const flaky = pages.slice(0, 5);
    const broken = feeds.expected
      .filter((e) => e.relevant && onPage(e.url))
      .slice(-2)
      .map((e) => new URL(e.url).pathname);
    const saved = new Map([...flaky, ...broken].map((p) => [p, server.routes.get(p)!]));
    const failuresLeft = new Map(flaky.map((p) => [p, 3]));
    for (const p of flaky) {
      server.routes.set(p, {
        kind: 'dynamic',
        handle: (_req, res) => {
          const left = failuresLeft.get(p)!;
          if (left > 0) {
            failuresLeft.set(p, left - 1);
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end('busy');
            return;
          }
          const r = saved.get(p)! as Extract<Route, { kind: 'body' }>;
          res.writeHead(200, { 'content-type': r.type });
          res.end(r.body);
        },
      });
    }
    for (const p of broken) server.routes.set(p, { kind: 'status', status: 503 });
    const fetched = await (await fetchContainer(feeds))(SCHEDULED, lambdaContext('fetch'));
    // A message no handler can read: it must end in the dead-letter queue, alone.
    queue.send('{"not": "a feed entry"');
    const first = await runUntilQuiet();
    const dead = queue.deadLetters.map((m) => m.body);
    const deadReceives = queue.deadLetters.map((m) => m.receiveCount);
    // The operator fixes the pages and redrives the dead letters that are items.
    for (const p of broken) server.routes.set(p, saved.get(p)!);
    const malformed = queue.deadLetters.filter((m) => !m.body.includes('"itemId"'));
    queue.deadLetters.splice(
      0,
      queue.deadLetters.length,
      ...queue.deadLetters.filter((m) => m.body.includes('"itemId"')),
    );
    const redriven = queue.redrive();
    const second = await runUntilQuiet();
    queue.deadLetters.push(...malformed);
    const t = await tallyAlerts(feeds);
    const repeats = new Set(t.duplicatedUrls.map(idFor));
    recordRow(
      rowFrom(
        'lambda: partial batch failures, redelivery, DLQ after 5 receives, redrive',
        t,
        first.batchItemFailures + second.batchItemFailures,
        (performance.now() - t0) / 1000,
        `${first.invocations + second.invocations} classify invocations, ${first.batchItemFailures + second.batchItemFailures} records failed and redelivered; ${dead.length} messages in the DLQ after ${deadReceives.join('/')} receives (${broken.length} broken pages, 1 malformed), ${redriven} redriven and stored; ${sqsRefused} SQS send entries refused and resent; ${answerLost.length} SNS answers lost so far; DynamoDB faults injected: ${
          Object.entries(proxy.injected)
            .filter(([k]) => !k.includes(':'))
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }`,
        { path: 'lambda' },
      ),
    );
    expect(fetched.failedSources).toEqual([]);
    expect(fetched.queued).toBe(feeds.expected.length);
    expect(first.batchItemFailures).toBeGreaterThan(0);
    expect(dead).toHaveLength(broken.length + 1);
    expect(deadReceives.every((n) => n === MAX_RECEIVE_COUNT)).toBe(true);
    expect(redriven).toBe(broken.length);
    expect(t.lostUrls).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    // Every repeat is an alert whose SNS answer was lost.
    for (const id of repeats) expect(answerLost).toContain(id);
  });

  it('classify killed mid-batch and the alert sweep killed after SNS accepted: redelivered, nothing lost', async () => {
    const feeds = openPhase('crash');
    const t0 = performance.now();
    const lostBefore = new Set(answerLost);
    const fetched = await (await fetchContainer(feeds))(SCHEDULED, lambdaContext('fetch'));
    const run = await runUntilQuiet({ classifyCrashes: 2, sweepCrashes: 2 });
    const t = await tallyAlerts(feeds);
    // What became of a lost item's alert, for the failure message.
    const lostDetail = await Promise.all(
      t.lostUrls.map(async (u) => {
        const a = await store.getAlert(idFor(u));
        return `${u}: alert ${a ? `${a.status}, storySeq ${a.storySeq}, attempts ${a.attempts}` : 'none'}`;
      }),
    );
    const mayRepeat = new Set([...run.window, ...answerLost.filter((id) => !lostBefore.has(id))]);
    recordRow(
      rowFrom(
        'lambda: classify killed mid-batch (x2), alert sweep killed after SNS accepted (x2)',
        t,
        run.batchItemFailures,
        (performance.now() - t0) / 1000,
        `${run.crashed} invocations crashed (their batches redelivered after ${VISIBILITY_MS / 60_000} min), ${run.window.length} alerts accepted but not marked at a crash, ${t.duplicated} repeats; ${run.invocations} classify invocations`,
        { path: 'lambda' },
      ),
    );
    expect(fetched.queued).toBe(feeds.expected.length);
    expect(run.crashed).toBe(4);
    expect(t.lostUrls, lostDetail.join('\n')).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    // At-least-once: only alerts in the window (accepted, not marked) or with a lost answer repeat.
    for (const id of t.duplicatedUrls.map(idFor)) expect(mayRepeat).toContain(id);
  });

  it('the same items queued twice by overlapping fetch runs and processed concurrently: each page fetched once', async () => {
    const feeds = openPhase('twice');
    const t0 = performance.now();
    // No storage faults here: a record failed by one would be fetched again, which is not the point.
    proxy.setRate(0);
    const requestsBefore = server.requests.length;
    // Two overlapping runs of the fetch function (two containers), as a slow run and the next schedule would be.
    const overlapping = [await fetchContainer(feeds), await fetchContainer(feeds)];
    const [a, b] = await Promise.all(overlapping.map((run) => run(SCHEDULED, lambdaContext('fetch'))));
    const run = await runUntilQuiet();
    const pageRequests = server.requests.slice(requestsBefore).filter((p) => p.startsWith('/ru/'));
    const perPage = new Map<string, number>();
    for (const p of pageRequests) perPage.set(p, (perPage.get(p) ?? 0) + 1);
    const t = await tallyAlerts(feeds);
    recordRow(
      rowFrom(
        'lambda: items queued twice, copies processed concurrently (idempotency)',
        t,
        run.batchItemFailures,
        (performance.now() - t0) / 1000,
        `queued ${a.queued} + ${b.queued}; ${run.batchItemFailures} copies refused while the other was in progress, then answered from the idempotency record; ${pageRequests.length} page requests for ${feeds.expected.length} items`,
        { path: 'lambda' },
      ),
    );
    expect(a.queued + b.queued).toBeGreaterThan(feeds.expected.length);
    expect(run.batchItemFailures).toBeGreaterThan(0);
    expect([...perPage.values()].filter((n) => n > 1)).toEqual([]);
    expect(t.lostUrls).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    for (const id of t.duplicatedUrls.map(idFor)) expect(answerLost).toContain(id);
  });

  it('stream-triggered alert + backstop sweep: every item alerted, repeats only from lost SNS answers', async () => {
    const feeds = openPhase('stream');
    const t0 = performance.now();
    // Storage faults have their rows above; here every repeat must trace back to a lost SNS answer.
    proxy.setRate(0);
    answerLossRate = 0.1;
    const lostBefore = answerLost.length;
    const fetched = await (await fetchContainer(feeds))(SCHEDULED, lambdaContext('fetch'));
    const classified = await runUntilQuiet({ sweep: false });
    const rows = await alertRowsFor(
      dynamo.client,
      dynamo.tableName,
      new Set(feeds.expected.map((e) => idFor(e.url))),
    );
    // The stream as it may arrive: some records never delivered, some twice.
    const { records, dropped, repeated } = unreliableStream(rows, random);
    let streamAlert = await container<StreamAlertHandler>('stream-alert');
    const c = { dropped, repeated, retried: 0, gaveUp: 0, failedRecords: 0, died: 0, racingSweeps: 0 };
    const streamInvoke = async (event: DynamoDBStreamEvent) => {
      const dying = dieBeforeNextPublish;
      const res = await invoke(streamAlert(event, lambdaContext('stream-alert')), dying);
      if (dying) {
        proxy.thaw();
        dieBeforeNextPublish = false;
        if (res === undefined) {
          c.died++;
          streamAlert = await container<StreamAlertHandler>('stream-alert');
        }
      }
      return res;
    };
    const deliver = async (batch: DynamoDBRecord[]) => {
      const d = await deliverStreamBatch(streamInvoke, batch);
      c.retried += d.retried;
      c.gaveUp += d.gaveUp;
      c.failedRecords += d.failedRecords;
    };
    // Two workers die after their claim (alone in their batch, so the death takes nothing else with it).
    const alertOf = (r: DynamoDBRecord) => r.dynamodb?.NewImage?.pk?.S;
    // Two distinct alerts (a repeat of the first would find it claimed and publish nothing).
    const firstTwo = records
      .filter((r, i) => records.findIndex((o) => alertOf(o) === alertOf(r)) === i)
      .slice(0, 2);
    for (const record of firstTwo) {
      records.splice(records.indexOf(record), 1);
      dieBeforeNextPublish = true;
      await deliver([record]);
    }
    // Batches of ten (the mapping's batch size); after the first, each races a sweep a minute later.
    for (let i = 0; i < records.length; i += 10) {
      const racing = i > 0;
      if (racing) setClock(clock + SWEEP_EVERY_MS);
      await Promise.all([
        deliver(records.slice(i, i + 10)),
        racing
          ? invoke(alertHandler(SCHEDULED, lambdaContext('alert')), false).then(() => c.racingSweeps++)
          : null,
      ]);
    }
    // The backstop afterwards: a sweep a minute, past the dead workers' leases, until nothing is pending.
    let sweepsAfter = 0;
    while ((await store.listPendingAlerts(new Date(clock + 24 * 3_600_000))).length > 0 && sweepsAfter < 30) {
      setClock(clock + SWEEP_EVERY_MS);
      await invoke(alertHandler(SCHEDULED, lambdaContext('alert')), false);
      sweepsAfter++;
    }
    answerLossRate = 0.03;
    const t = await tallyAlerts(feeds);
    const lost = answerLost.slice(lostBefore);
    const statuses = await Promise.all(
      rows.map(async (r) => (await store.getAlert(String(r.alertId?.S)))?.status),
    );
    recordRow(
      rowFrom(
        'lambda: stream-triggered alert + backstop sweep',
        t,
        c.failedRecords,
        (performance.now() - t0) / 1000,
        `${rows.length} alert records written by classify (${classified.invocations} invocations) streamed: ${c.dropped} records dropped, ${c.repeated} repeated, ${c.retried} batches retried, ${c.gaveUp} records to the failure destination; ${c.died} workers died after their claim; ${lost.length} SNS answers lost; ${c.racingSweeps} sweeps racing the stream, ${sweepsAfter} after`,
        { path: 'lambda' },
      ),
    );
    expect(fetched.queued).toBe(feeds.expected.length);
    expect(t.lostUrls).toEqual([]);
    expect(t.stored).toBe(feeds.expected.length);
    expect(new Set(statuses)).toEqual(new Set(['sent']));
    // At-least-once: every lost answer made exactly one more delivery of that alert, nothing else did.
    expect(lost.length).toBeGreaterThan(0);
    expect(t.duplicated).toBe(lost.length);
    expect(new Set(t.duplicatedUrls.map(idFor))).toEqual(new Set(lost));
    expect(t.alertsSent).toBe(feeds.expected.filter((e) => e.relevant).length + lost.length);
    // The faults did happen: otherwise the row proves nothing.
    expect(c.died).toBe(2);
    for (const k of ['dropped', 'repeated', 'retried', 'racingSweeps'] as const)
      expect(c[k], k).toBeGreaterThan(0);
    expect(sweepsAfter).toBeGreaterThan(0);
  });
});
