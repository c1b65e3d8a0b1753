import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FeedEntry } from '../../functions/domain/model';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import { HttpClient } from '../../functions/adapters/http-client';
import { type SampleServer, startSampleServer } from '../../functions/local/sample-sources';
import { lambdaEnvironment } from './lambda-env';

const QUEUE_URL = 'https://sqs.eu-central-1.amazonaws.com/123456789012/kzmon-new-items';
const sqs = mockClient(SQSClient);
let sample: SampleServer;
let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let handler: () => Promise<{ queued: number; failedSources: string[] }>;

beforeAll(async () => {
  sample = await startSampleServer();
  const sources = [
    ...sample.sources.map((s) => ({ ...s })),
    { id: 'broken-feed', kind: 'rss', language: 'en', url: `${sample.origin}/rss/missing.xml` },
  ];
  env = await lambdaEnvironment({ QUEUE_URL, SOURCES_JSON: JSON.stringify(sources) });
  // The sample server is plain HTTP on 127.0.0.1, which the production client refuses; everything
  // else about the client (allowlist from the sources, retries) stays as the handler builds it.
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
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
    Failed: [],
  }));
  ({ handler } = await import('../../functions/handlers/fetch'));
});

afterAll(async () => {
  vi.doUnmock('../../functions/handlers/source-runtime');
  sqs.restore();
  await env?.close();
  await sample?.close();
});

describe('fetch handler', () => {
  it('queues every new entry through SendMessageBatch, ten at most per call, and names the failed source', async () => {
    const result = await handler();
    expect(result.failedSources).toEqual(['broken-feed']);
    expect(result.queued).toBeGreaterThan(2);

    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: QUEUE_URL });
    const sent = sqs
      .commandCalls(SendMessageBatchCommand)
      .flatMap((c) => c.args[0].input.Entries ?? [])
      .map((e) => JSON.parse(e.MessageBody ?? '') as FeedEntry);
    for (const call of sqs.commandCalls(SendMessageBatchCommand))
      expect(call.args[0].input.Entries!.length).toBeLessThanOrEqual(10);
    expect(sent).toHaveLength(result.queued);
    expect(new Set(sent.map((e) => e.itemId)).size).toBe(sent.length);
    // The sample's source ids belong to the demo; what matters is that a Kazinform and an MFA source queued.
    const kazinformId = sample.sources.find((d) => d.kind !== 'govkz-news')!.id;
    const mfaId = sample.sources.find((d) => d.kind === 'govkz-news')!.id;
    expect(sent.map((e) => e.sourceId)).toEqual(expect.arrayContaining([kazinformId, mfaId]));
    expect(sent.some((e) => /Active cooperation with Washington/.test(e.title ?? ''))).toBe(true);

    // The failure is on record in the source's health, where `kzmon sources` and the alarms read it.
    const states = await env.store.getSourceStates(['broken-feed', kazinformId]);
    expect(states.get('broken-feed')?.consecutiveFailures).toBe(1);
    expect(states.get(kazinformId)?.consecutiveFailures).toBe(0);
  });

  it('queues nothing on a second run over unchanged sources', async () => {
    sqs.resetHistory();
    const result = await handler();
    expect(result.queued).toBe(0);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  it('counts a source behind a Cloudflare challenge in SourcesBlocked, not in SourceFailures', async () => {
    const { Metrics } = await import('@aws-lambda-powertools/metrics');
    const { recordCycleMetrics } = await import('../../functions/handlers/fetch');
    const m = new Metrics({ namespace: 'Test', serviceName: 'fetch' });
    const outcome = { ok: false, notModified: false, listed: 0, new: 0 };
    recordCycleMetrics(m, {
      queued: 0,
      sources: [
        {
          ...outcome,
          sourceId: 'kazinform-ru',
          blocked: 'cloudflare',
          error: 'blocked by a Cloudflare challenge: HTTP 403',
        },
        { ...outcome, sourceId: 'kazinform-en', blocked: 'cloudflare', skipped: true },
        { ...outcome, sourceId: 'mfa-en', error: 'HTTP 500' },
        { ...outcome, sourceId: 'mfa-ru', ok: true },
      ],
    });
    const emf = m.serializeMetrics() as unknown as Record<string, unknown>;
    expect(emf.SourcesBlocked).toBe(2);
    expect(emf.SourceFailures).toBe(1);
    m.clearMetrics();
  });
});
