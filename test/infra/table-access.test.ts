import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { SnsPublisher } from '../../functions/adapters/sns-publisher';
import { SqsItemQueue } from '../../functions/adapters/sqs-queue';
import { TABLE_KEYS } from '../../functions/adapters/table-definition';
import { runDailyDigest } from '../../functions/domain/alerts/digest';
import { dispatchPendingAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { subscriberPolicies } from '../../functions/domain/alerts/filter-policy';
import { almatyDay } from '../../functions/domain/alerts/local-time';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import { runFetchCycle } from '../../functions/domain/fetch-cycle';
import type { FeedEntry } from '../../functions/domain/model';
import type { Log } from '../../functions/domain/ports';
import { type ProcessOutcome, processEntry } from '../../functions/domain/process-entry';
import { routeQuery } from '../../functions/domain/query/query-routes';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import { HttpClient } from '../../functions/adapters/http-client';
import { type LocalDynamo, localClient, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type SampleServer, startSampleServer } from '../../functions/local/sample-sources';
import type { MonitorStack } from '../../lib/monitor-stack';
import { type RecordedCall, type TableNaming, fakeService, recordDynamoCalls } from './call-recorder';
import { type Request, type Statement, evaluate, roleStatements } from './iam-evaluator';
import { synthMonitor } from './synth';

/**
 * Proof that each function's role allows exactly what its code does: every real code path runs against
 * dynalite (and faked SNS/SQS), each AWS call it makes is recorded as IAM would see it, and every call
 * is evaluated against the statements synthesized for that function's role. A code change that needs a
 * permission the role lacks fails here, not on AWS.
 */

type Fn = 'fetch' | 'classify' | 'alert' | 'digest' | 'query';
const FUNCTIONS: Fn[] = ['fetch', 'classify', 'alert', 'digest', 'query'];

let stack: MonitorStack;
let template: Template;
let dynamo: LocalDynamo;
let sample: SampleServer;
let naming: TableNaming;
let topicArn: string;
let queueArn: string;
const statements = {} as Record<Fn, Statement[]>;
const calls = Object.fromEntries(FUNCTIONS.map((f) => [f, [] as RecordedCall[]])) as Record<
  Fn,
  RecordedCall[]
>;
const outcomes: ProcessOutcome[] = [];
let seedId = '';
let copyStoryId = '';
let seedStoryId = '';
const results: Record<string, unknown> = {};

const quiet: Log = { info() {}, warn() {}, error() {}, debug() {} };
const logicalId = (s: Stack, c: { node: { defaultChild?: unknown } }) =>
  s.getLogicalId(c.node.defaultChild as CfnRole);
const roleOf = (fn: LambdaFunction) => logicalId(stack, fn.role as never);

const subscribers = parseSubscribers([
  { id: 'analyst-email', email: 'analyst@example.org', categories: ['kz-us', 'c5plus1'] },
  { id: 'c5-desk-sms', phone: '+15555550100', categories: ['c5plus1'] },
  { id: 'morning-digest', email: 'digest@example.org', categories: ['kz-us', 'c5plus1'], delivery: 'daily' },
]);

function storeFor(fn: Fn) {
  const client = localClient(dynamo.endpoint);
  recordDynamoCalls(client, naming, calls[fn]);
  return createMonitorStore(client, { tableName: dynamo.tableName });
}

function publisherFor(fn: Fn) {
  const sns = new SNSClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let n = 0;
  fakeService(
    sns as never,
    'sns',
    () => topicArn,
    calls[fn],
    () => ({ MessageId: `m-${++n}` }),
  );
  return new SnsPublisher(sns, topicArn, subscriberPolicies(subscribers));
}

beforeAll(async () => {
  ({ stack, template } = synthMonitor());
  naming = {
    tableName: 'kzmon-local',
    tableArn: `arn:${logicalId(stack, stack.storage.table)}`,
    partitionKeys: [TABLE_KEYS.partitionKey, ...TABLE_KEYS.indexes.map((i) => i.partitionKey)],
  };
  topicArn = `ref:${logicalId(stack, stack.alerts.topic)}`;
  queueArn = `arn:${logicalId(stack, stack.ingestion.queue)}`;
  statements.fetch = roleStatements(template, roleOf(stack.ingestion.fetchFunction));
  statements.classify = roleStatements(template, roleOf(stack.ingestion.classifyFunction));
  statements.alert = roleStatements(template, roleOf(stack.alerts.alertFunction));
  statements.digest = roleStatements(template, roleOf(stack.alerts.digestFunction));
  statements.query = roleStatements(template, roleOf(stack.queryApi.queryFunction));

  dynamo = await startLocalDynamo();
  sample = await startSampleServer();
  const http = new HttpClient({ allowedHosts: allowedHostsFor(sample.sources), allowInsecureLocal: true });

  // fetch: one cycle over the sample sources, queued through (faked) SQS.
  const sqs = new SQSClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const queued: FeedEntry[] = [];
  fakeService(
    sqs as never,
    'sqs',
    () => queueArn,
    calls.fetch,
    (input) => {
      const entries = input.Entries as { Id: string; MessageBody: string }[];
      for (const e of entries) queued.push(JSON.parse(e.MessageBody));
      return {
        Successful: entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })),
        Failed: [],
      };
    },
  );
  const fetch = await runFetchCycle({
    sources: sample.sources,
    http,
    store: storeFor('fetch'),
    queue: new SqsItemQueue(sqs, 'https://sqs.local/queue'),
    log: quiet,
  });
  results.fetch = fetch;

  // classify: every queued entry (relevant and not), then a second copy of the seed story from
  // another source, then a redelivery of the seed.
  const classifyStore = storeFor('classify');
  for (const entry of queued)
    outcomes.push(await processEntry(entry, { http, store: classifyStore, log: quiet }));
  const seed = queued.find((e) => /Active cooperation with Washington/.test(e.title ?? ''))!;
  seedId = seed.itemId;
  const copy: FeedEntry = { ...seed, sourceId: 'kazinform-ru', itemId: 'c0ffee'.repeat(4) };
  outcomes.push(await processEntry(copy, { http, store: classifyStore, log: quiet }));
  outcomes.push(await processEntry(seed, { http, store: classifyStore, log: quiet }));
  copyStoryId = (await classifyStore.getItem(copy.itemId))?.storyId ?? '';
  seedStoryId = (await classifyStore.getItem(seedId))?.storyId ?? '';

  // alert: the sweep; digest: today's digest (the copies joined today).
  results.alert = await dispatchPendingAlerts({
    store: storeFor('alert'),
    publisher: publisherFor('alert'),
    log: quiet,
    sleep: async () => {},
  });
  results.digest = await runDailyDigest(
    { store: storeFor('digest'), publisher: publisherFor('digest'), log: quiet, sleep: async () => {} },
    almatyDay(new Date()),
  );

  // query: every route, with and without filters, and a second page by cursor.
  const queryStore = storeFor('query');
  const first = await routeQuery(queryStore, '/items', { limit: '1' });
  const cursor = (first.body as { cursor?: string }).cursor;
  results.query = [
    first,
    await routeQuery(queryStore, '/items', { limit: '1', ...(cursor ? { cursor } : {}) }),
    await routeQuery(queryStore, '/items', { category: 'kz-us', lang: 'en', q: 'washington' }),
    await routeQuery(queryStore, `/items/${seedId}`, {}),
    await routeQuery(queryStore, '/sources', {}),
  ].map((r) => r.status);
}, 60_000);

afterAll(async () => {
  await sample?.close();
  await dynamo?.close();
});

const describeCall = (c: RecordedCall) => `${c.action} on ${c.resource} ${JSON.stringify(c.context)}`;
const denied = (fn: Fn) => calls[fn].filter((c) => !evaluate(statements[fn], c).allowed).map(describeCall);

describe('the code paths ran', () => {
  it('fetch read every source and queued new entries', () => {
    const fetch = results.fetch as { sources: { ok: boolean }[]; queued: number };
    expect(fetch.sources.every((s) => s.ok)).toBe(true);
    expect(fetch.queued).toBeGreaterThan(2);
  });

  it('classify stored relevant and not-relevant items, joined the copy to the story and saw the redelivery', () => {
    expect(outcomes).toContain('relevant');
    expect(outcomes).toContain('not-relevant');
    expect(outcomes.at(-1)).toBe('duplicate');
    expect(copyStoryId).toBe(seedStoryId);
  });

  it('the sweep sent alerts and narrowed the later copy; the digest sent one; every query route answered', () => {
    expect(results.alert).toMatchObject({ failed: 0 });
    expect((results.alert as { sent: number }).sent).toBeGreaterThan(0);
    // The sample holds one story in several copies: each pending alert was sent or, as a later copy
    // every matching subscriber already had, suppressed (the narrowing path ran).
    const sweep = results.alert as { pending: number; sent: number; suppressed: number };
    expect(sweep.suppressed).toBeGreaterThanOrEqual(1);
    expect(sweep.sent + sweep.suppressed).toBe(sweep.pending);
    expect(results.digest).toMatchObject({ digests: 1, dispatch: { sent: 1, failed: 0 } });
    expect(results.query).toEqual([200, 200, 200, 200, 200]);
  });

  it('the recorder saw the calls each path is known for', () => {
    const seen = (fn: Fn) =>
      new Set(calls[fn].map((c) => `${c.action} ${c.resource.replace(naming.tableArn, 'table')}`));
    expect(seen('fetch')).toEqual(
      new Set(['dynamodb:BatchGetItem table', 'dynamodb:PutItem table', `sqs:SendMessage ${queueArn}`]),
    );
    expect([...seen('classify')]).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem table', 'dynamodb:BatchWriteItem table']),
    );
    expect([...seen('alert')]).toEqual(
      expect.arrayContaining([
        'dynamodb:Query table/index/byPendingAlert',
        'dynamodb:Query table',
        `sns:Publish ${topicArn}`,
      ]),
    );
    expect([...seen('digest')]).toEqual(
      expect.arrayContaining(['dynamodb:Query table', 'dynamodb:PutItem table', `sns:Publish ${topicArn}`]),
    );
    expect([...seen('query')]).toEqual(
      expect.arrayContaining([
        'dynamodb:Query table/index/byListing',
        'dynamodb:Query table',
        'dynamodb:GetItem table',
      ]),
    );
    // ForAllValues conditions hold vacuously for an empty key set: every table call must name its keys.
    for (const fn of FUNCTIONS) {
      for (const c of calls[fn].filter((x) => x.action.startsWith('dynamodb:'))) {
        expect((c.context['dynamodb:LeadingKeys'] as string[]).length, describeCall(c)).toBeGreaterThan(0);
      }
    }
  });
});

describe('every call a function makes is allowed by its role', () => {
  for (const fn of FUNCTIONS) {
    it(`${fn}`, () => {
      expect(calls[fn].length).toBeGreaterThan(0);
      expect(denied(fn)).toEqual([]);
    });
  }
});

describe('what a function must not do is denied', () => {
  const table = () => naming.tableArn;
  const req = (action: string, pk: string, extra: Request['context'] = {}, resource = table()): Request => ({
    action: `dynamodb:${action}`,
    resource,
    context: { 'dynamodb:LeadingKeys': [pk], ...extra },
  });
  const allowed = (fn: Fn, r: Request) => evaluate(statements[fn], r).allowed;
  const projection = (attrs: string[]) => ({
    'dynamodb:Attributes': attrs,
    'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
  });

  it('fetch cannot write items, read their content or touch other records', () => {
    expect(
      allowed('fetch', req('PutItem', 'ITEM#abc', { 'dynamodb:Attributes': ['pk', 'sk', 'kind'] })),
    ).toBe(false);
    expect(allowed('fetch', req('BatchWriteItem', 'ITEM#abc'))).toBe(false);
    expect(
      allowed('fetch', req('BatchGetItem', 'ITEM#abc', projection(['pk', 'sk', 'kind', 'expiresAt']))),
    ).toBe(true);
    expect(allowed('fetch', req('BatchGetItem', 'ITEM#abc', projection(['pk', 'title'])))).toBe(false);
    expect(
      allowed(
        'fetch',
        req('BatchGetItem', 'ITEM#abc', {
          'dynamodb:Attributes': undefined,
          'dynamodb:Select': 'ALL_ATTRIBUTES',
        }),
      ),
    ).toBe(false);
    expect(
      allowed('fetch', req('BatchGetItem', 'ALERT#abc', projection(['pk', 'sk', 'kind', 'expiresAt']))),
    ).toBe(false);
    // One batch mixing an item key and a source key: ForAllValues needs every key to fit one statement.
    const mixed = req('BatchGetItem', 'ITEM#abc', projection(['pk', 'sk', 'kind', 'expiresAt']));
    mixed.context['dynamodb:LeadingKeys'] = ['ITEM#abc', 'SOURCES'];
    expect(allowed('fetch', mixed)).toBe(false);
    expect(allowed('fetch', req('Query', 'ITEM#abc'))).toBe(false);
  });

  it('classify cannot query, delete, update items or touch source state', () => {
    expect(allowed('classify', req('PutItem', 'SOURCES', { 'dynamodb:Attributes': ['pk', 'sk'] }))).toBe(
      false,
    );
    expect(allowed('classify', req('Query', 'STORY#abc'))).toBe(false);
    expect(allowed('classify', req('DeleteItem', 'ITEM#abc'))).toBe(false);
    expect(allowed('classify', req('UpdateItem', 'ITEM#abc', { 'dynamodb:Attributes': undefined }))).toBe(
      false,
    );
    expect(allowed('classify', req('UpdateItem', 'ALERT#abc', { 'dynamodb:Attributes': undefined }))).toBe(
      false,
    );
    expect(allowed('classify', req('Query', 'ALERT#PENDING', {}, `${table()}/index/byPendingAlert`))).toBe(
      false,
    );
    expect(allowed('classify', req('Scan', 'ITEM#abc'))).toBe(false);
  });

  it('the query function cannot write anything, nor read alerts or stories', () => {
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
      expect(allowed('query', req(action, 'ITEM#abc', { 'dynamodb:Attributes': ['pk', 'sk'] })), action).toBe(
        false,
      );
    }
    expect(allowed('query', req('GetItem', 'ALERT#abc'))).toBe(false);
    expect(allowed('query', req('Query', 'STORY#abc'))).toBe(false);
    expect(allowed('query', req('Query', 'ALERT#PENDING', {}, `${table()}/index/byPendingAlert`))).toBe(
      false,
    );
  });

  it('the alert path cannot write items or read source state', () => {
    for (const fn of ['alert', 'digest'] as const) {
      expect(allowed(fn, req('PutItem', 'ITEM#abc', { 'dynamodb:Attributes': ['pk', 'sk'] }))).toBe(false);
      expect(allowed(fn, req('GetItem', 'ITEM#abc'))).toBe(false);
      expect(allowed(fn, req('BatchWriteItem', 'ALERT#abc'))).toBe(false);
      expect(allowed(fn, req('Query', 'SOURCES'))).toBe(false);
    }
    expect(allowed('alert', req('PutItem', 'ALERT#abc', { 'dynamodb:Attributes': ['pk', 'sk'] }))).toBe(
      false,
    );
  });

  it('only the alert and digest functions may publish to the subscribers topic', () => {
    const publish: Request = { action: 'sns:Publish', resource: topicArn, context: {} };
    expect(FUNCTIONS.filter((fn) => allowed(fn, publish))).toEqual(['alert', 'digest']);
    const send: Request = { action: 'sqs:SendMessage', resource: queueArn, context: {} };
    expect(FUNCTIONS.filter((fn) => allowed(fn, send))).toEqual(['fetch']);
  });
});
