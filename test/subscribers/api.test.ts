import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { filterPolicyFor } from '../../functions/domain/alerts/filter-policy';
import { parseSubscriber } from '../../functions/domain/alerts/subscribers';
import { lambdaEnvironment } from '../handlers/lambda-env';

const TOPIC_ARN = 'arn:aws:sns:eu-central-1:123456789012:kzmon-subscribers';
const SECRET = 'newsroom-shared-secret-1234';
const sns = mockClient(SNSClient);
let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let table: DynamoDeliveryStore;
let gateway: Server;
let api = '';
const seen: { method: string; path: string; authorization?: string }[] = [];

/** API Gateway's part, on 127.0.0.1: a signed request becomes the handler's event (IAM auth is AWS's). */
async function startGateway(handler: (e: APIGatewayProxyEventV2) => Promise<unknown>): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      seen.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization });
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"Forbidden"}');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const out = (await handler({
        rawPath: url.pathname,
        body: body || undefined,
        isBase64Encoded: false,
        requestContext: { stage: '$default', http: { method: req.method ?? 'GET' } },
      } as unknown as APIGatewayProxyEventV2)) as APIGatewayProxyStructuredResultV2;
      res.writeHead(out.statusCode ?? 200, { 'content-type': 'application/json' }).end(out.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/** `kzmon subscribers …` run in this process, so the SNS mock answers the handler behind the API. */
async function kzmon(...args: string[]): Promise<{ out: string; error?: string }> {
  const { registerSubscribersCommand } = await import('../../bin/commands/subscribers');
  const program = new Command().exitOverride();
  registerSubscribersCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'kzmon', 'subscribers', ...args]);
    return { out };
  } catch (err) {
    return { out, error: (err as Error).message };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  env = await lambdaEnvironment({ TOPIC_ARN });
  table = new DynamoDeliveryStore(env.dynamo.client, { tableName: env.dynamo.tableName });
  const { handler } = await import('../../functions/handlers/subscribers');
  gateway = await startGateway(handler as never);
  api = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sns.restore();
  gateway?.close();
  await env?.close();
});
beforeEach(() => {
  sns.reset();
  let n = 0;
  sns
    .on(SubscribeCommand)
    .callsFake((input: { Protocol: string }) => ({
      SubscriptionArn: `${TOPIC_ARN}:${input.Protocol}-${++n}`,
    }));
  sns.on(UnsubscribeCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'test-msg-1' });
  // No email address has clicked SNS's confirmation link yet; a phone needs none.
  sns.on(GetSubscriptionAttributesCommand).callsFake((input: { SubscriptionArn: string }) => ({
    Attributes: { PendingConfirmation: input.SubscriptionArn.includes(':email-') ? 'true' : 'false' },
  }));
});

describe('kzmon subscribers --api, through the IAM-authorized routes (SNS mocked)', () => {
  it('adds an email subscriber: SNS subscription with its filter policy, and the record in the table', async () => {
    const res = await kzmon(
      'add',
      '--api',
      api,
      '--id',
      'analyst',
      '--email',
      'analyst@example.org',
      '--categories',
      'kz-us',
      '--languages',
      'en,ru',
    );
    expect(res.error).toBeUndefined();
    expect(res.out).toMatch(/Added analyst \(email\) .*confirmation/);
    const expected = filterPolicyFor(
      parseSubscriber({
        id: 'analyst',
        email: 'analyst@example.org',
        categories: ['kz-us'],
        languages: ['en', 'ru'],
      }),
    );
    expect(sns).toHaveReceivedCommandTimes(SubscribeCommand, 1);
    expect(sns).toHaveReceivedCommandWith(SubscribeCommand, {
      TopicArn: TOPIC_ARN,
      Protocol: 'email',
      Endpoint: 'analyst@example.org',
      ReturnSubscriptionArn: true,
      Attributes: { FilterPolicy: JSON.stringify(expected), FilterPolicyScope: 'MessageAttributes' },
    });
    expect(await table.getSubscriber('analyst')).toMatchObject({
      email: 'analyst@example.org',
      snsSubscriptions: [`${TOPIC_ARN}:email-1`],
    });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/subscribers',
      authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=/),
    });
  });

  it('adds an SMS subscriber named one by one, with a digest email for alerts over the cap', async () => {
    await kzmon(
      'add',
      '--api',
      api,
      '--id',
      'c5-sms',
      '--phone',
      '+15555550100',
      '--digest-email',
      'c5@example.org',
    );
    const calls = sns.commandCalls(SubscribeCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.Protocol, c.Endpoint])).toEqual([
      ['sms', '+15555550100'],
      ['email', 'c5@example.org'],
    ]);
    expect(JSON.parse(calls[0]!.Attributes!.FilterPolicy!).delivery).toEqual(['instant:c5-sms']);
    expect(JSON.parse(calls[1]!.Attributes!.FilterPolicy!)).toEqual({ delivery: ['daily:c5-sms'] });
  });

  it('adds a webhook without SNS, refuses a private one with the reason, and a second add of an id', async () => {
    expect(
      (
        await kzmon(
          'add',
          '--api',
          api,
          '--id',
          'newsroom',
          '--webhook',
          'https://hooks.example.org/kzmon',
          '--secret',
          SECRET,
        )
      ).error,
    ).toBeUndefined();
    expect(sns).not.toHaveReceivedCommand(SubscribeCommand);
    const bad = await kzmon(
      'add',
      '--api',
      api,
      '--id',
      'meta',
      '--webhook',
      'https://169.254.169.254/latest',
      '--secret',
      SECRET,
    );
    expect(bad.error).toMatch(/HTTP 400: webhook refused: refused private address 169\.254\.169\.254/);
    const dup = await kzmon('add', '--api', api, '--id', 'analyst', '--email', 'other@example.org');
    expect(dup.error).toMatch(/HTTP 409: a subscriber analyst exists already/);
    expect(sns).not.toHaveReceivedCommand(SubscribeCommand);
  });

  it('lists them, never showing the webhook secret, and says who has not confirmed yet', async () => {
    const res = await kzmon('list', '--api', api, '--json');
    const rows = JSON.parse(res.out) as { id: string; secret?: string; pendingConfirmation?: boolean }[];
    expect(rows.find((r) => r.id === 'analyst')?.pendingConfirmation).toBe(true);
    // The SMS subscriber's digest email is not confirmed either.
    expect(rows.find((r) => r.id === 'c5-sms')?.pendingConfirmation).toBe(true);
    expect(rows.find((r) => r.id === 'newsroom')?.pendingConfirmation).toBeUndefined();
    expect((await kzmon('list', '--api', api)).out).toMatch(/analyst .*\(not confirmed yet\)/);
    expect(rows.map((r) => r.id).sort()).toEqual(['analyst', 'c5-sms', 'newsroom']);
    expect(rows.find((r) => r.id === 'newsroom')?.secret).toBe('(set)');
    expect(res.out).not.toContain(SECRET);
  });

  it('sends a test through SNS to just that subscriber', async () => {
    const res = await kzmon('test', 'analyst', '--api', api);
    expect(res.out).toMatch(/Sent: published to the topic as test-msg-1/);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      MessageAttributes: expect.objectContaining({
        delivery: { DataType: 'String.Array', StringValue: '["instant:analyst"]' },
      }),
    });
  });

  it('removes a subscriber and deletes its SNS subscriptions; an unknown id is a 404', async () => {
    const arns = (await table.getSubscriber('c5-sms'))!.snsSubscriptions!;
    expect(arns).toHaveLength(2);
    expect((await kzmon('remove', 'c5-sms', '--api', api)).out).toMatch(/Removed c5-sms/);
    expect(sns.commandCalls(UnsubscribeCommand).map((c) => c.args[0].input.SubscriptionArn)).toEqual(arns);
    expect(await table.getSubscriber('c5-sms')).toBeNull();
    expect((await kzmon('remove', 'c5-sms', '--api', api)).error).toMatch(/HTTP 404: no subscriber c5-sms/);
  });

  it('imports an old subscribersFile through the API, once', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kzmon-import-')), 'subscribers.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'desk', email: 'desk@example.org' },
        { id: 'analyst', email: 'analyst@example.org' },
      ]),
    );
    expect((await kzmon('import', file, '--api', api)).out).toMatch(
      /Imported 1 of 2 subscribers .*kept as they are: analyst/,
    );
    expect(sns).toHaveReceivedCommandTimes(SubscribeCommand, 1);
  });
});
