import { SNSClient } from '@aws-sdk/client-sns';
import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { SnsPublisher } from '../../functions/adapters/sns-publisher';
import { SnsSubscriptions } from '../../functions/adapters/sns-subscriptions';
import { TABLE_KEYS } from '../../functions/adapters/table-definition';
import { dispatchAlerts } from '../../functions/domain/alerts/dispatch-alerts';
import { subscriberPolicies } from '../../functions/domain/alerts/filter-policy';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import {
  addSubscriber,
  removeSubscriber,
  sendTestAlert,
} from '../../functions/domain/alerts/subscriber-admin';
import { deliverToChannels } from '../../functions/domain/delivery/deliver-to-channels';
import type { Log } from '../../functions/domain/ports';
import { type LocalDynamo, localClient, startLocalDynamo } from '../../functions/local/local-dynamodb';
import type { MonitorStack } from '../../lib/monitor-stack';
import { item } from '../alerts/fixtures';
import { type RecordedCall, type TableNaming, fakeService, recordDynamoCalls } from './call-recorder';
import { type Request, type Statement, evaluate, roleStatements } from './iam-evaluator';
import { synthMonitor } from './synth';

const FUNCTIONS = ['stream', 'deliver', 'subscribers'] as const;
type Fn = (typeof FUNCTIONS)[number];
const quiet: Log = { info() {}, warn() {}, error() {} };
let stack: MonitorStack;
let template: Template;
let dynamo: LocalDynamo;
let naming: TableNaming;
let topicArn: string;
const statements = {} as Record<Fn, Statement[]>;
const calls = Object.fromEntries(FUNCTIONS.map((f) => [f, [] as RecordedCall[]])) as Record<
  Fn,
  RecordedCall[]
>;
const logicalId = (s: Stack, c: { node: { defaultChild?: unknown } }) =>
  s.getLogicalId(c.node.defaultChild as CfnRole);
const roleOf = (fn: LambdaFunction) => logicalId(stack, fn.role as never);

function clientFor(fn: Fn) {
  const client = localClient(dynamo.endpoint);
  recordDynamoCalls(client, naming, calls[fn]);
  return client;
}

function snsFor(fn: Fn) {
  const sns = new SNSClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let n = 0;
  fakeService(
    sns as never,
    'sns',
    (input) => (typeof input.SubscriptionArn === 'string' ? input.SubscriptionArn : topicArn),
    calls[fn],
    () => ({ MessageId: `m-${++n}`, SubscriptionArn: `${topicArn}:sub-${++n}` }),
  );
  return sns;
}

beforeAll(async () => {
  ({ stack, template } = synthMonitor());
  naming = {
    tableName: 'kzmon-local',
    tableArn: `arn:${logicalId(stack, stack.storage.table)}`,
    partitionKeys: [TABLE_KEYS.partitionKey, ...TABLE_KEYS.indexes.map((i) => i.partitionKey)],
  };
  topicArn = `ref:${logicalId(stack, stack.alerts.topic)}`;
  statements.stream = roleStatements(template, roleOf(stack.delivery.streamAlertFunction));
  statements.deliver = roleStatements(template, roleOf(stack.delivery.deliverFunction));
  statements.subscribers = roleStatements(template, roleOf(stack.delivery.subscribersFunction));
  dynamo = await startLocalDynamo();

  // The subscriber routes: add (with SNS subscriptions), a test message, removal.
  const admin = new DynamoDeliveryStore(clientFor('subscribers'), { tableName: dynamo.tableName });
  const adminSns = snsFor('subscribers');
  const adminDeps = { store: admin, log: quiet, subscriptions: new SnsSubscriptions(adminSns, topicArn) };
  for (const s of [
    { id: 'desk', email: 'desk@example.org' },
    { id: 'sms', phone: '+15555550100', digestEmail: 'sms@example.org' },
    { id: 'hook', webhook: 'https://hooks.example.org/in', secret: 'a-secret-of-enough-length' },
    { id: 'gone', email: 'gone@example.org' },
  ]) {
    await addSubscriber(adminDeps, s);
  }
  await admin.listSubscribers();
  await adminDeps.subscriptions.pendingConfirmation((await admin.getSubscriber('desk'))!.snsSubscriptions!);
  await removeSubscriber(adminDeps, 'gone');
  const noPost = { post: async () => ({ status: 200 }) };
  await sendTestAlert(
    {
      topic: new SnsPublisher(adminSns, topicArn),
      channels: { ledger: admin, log: quiet, webhooks: noPost },
    },
    (await admin.getSubscriber('hook'))!,
  );

  // The stream function: one new alert through claim, SMS cap (over it), publish, mark.
  const stored = await admin.listSubscribers();
  const store = createMonitorStore(clientFor('stream'), { tableName: dynamo.tableName });
  const alert = prepareAlert(item({ itemId: 'a1' }), new Date());
  await createMonitorStore(localClient(dynamo.endpoint), { tableName: dynamo.tableName }).recordPendingAlert(
    alert,
  );
  const quota = new DynamoDeliveryStore(clientFor('stream'), { tableName: dynamo.tableName });
  await quota.listSubscribers();
  await dispatchAlerts(
    {
      store,
      publisher: new SnsPublisher(snsFor('stream'), topicArn),
      subscribers: subscriberPolicies(stored),
      log: quiet,
      sms: { quota, monthlyCap: 0 },
    },
    [alert],
  );

  // The delivery function: the published alert read back, the webhook delivered through the ledger.
  const ledger = new DynamoDeliveryStore(clientFor('deliver'), { tableName: dynamo.tableName });
  const alerts = createMonitorStore(clientFor('deliver'), { tableName: dynamo.tableName });
  const published = (await alerts.getAlert('a1'))!;
  await deliverToChannels(
    { subscribers: await ledger.listSubscribers(), ledger, log: quiet, webhooks: noPost },
    'a1',
    published.message,
  );
});
afterAll(async () => {
  await dynamo?.close();
});

const denied = (fn: Fn) =>
  calls[fn]
    .filter((c) => !evaluate(statements[fn], c).allowed)
    .map((c) => `${c.action} ${c.resource} ${JSON.stringify(c.context)}`);

describe('the delivery side of the template', () => {
  it('triggers the stream function on new pending instant alerts only, with retries and a failure destination', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, stack.delivery.streamAlertFunction) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack, stack.storage.table), 'StreamArn'] },
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, stack.failedRuns), 'Arn'] } },
      },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: {
                NewImage: {
                  pk: { S: [{ prefix: 'ALERT#' }] },
                  status: { S: ['pending'] },
                  type: { S: ['instant'] },
                },
              },
            }),
          },
        ],
      },
    });
  });

  it('has the topic invoke Telegram and webhook delivery, retried twice, then recorded in the failed-runs queue', () => {
    const deliver = logicalId(stack, stack.delivery.deliverFunction);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalId(stack, stack.alerts.topic) },
      Endpoint: { 'Fn::GetAtt': [deliver, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: deliver },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, stack.failedRuns), 'Arn'] } },
      },
    });
    // Nothing polls a queue while no alert is published.
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings.filter((m) => JSON.stringify(m.Properties.FunctionName).includes(deliver))).toEqual([]);
    // No email or SMS subscription is part of the deploy: they are made when a subscriber is added.
    const protocols = Object.values(template.findResources('AWS::SNS::Subscription'))
      .filter((r) => r.Properties.TopicArn?.Ref === logicalId(stack, stack.alerts.topic))
      .map((r) => r.Properties.Protocol);
    expect(protocols).toEqual(['lambda']);
  });

  it('keeps the Telegram token out of the template: only the parameter name, read at run time', () => {
    const json = JSON.stringify(template.toJSON());
    expect(Object.keys(template.findResources('AWS::SSM::Parameter'))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TELEGRAM_TOKEN_PARAMETER: '/kzmon/telegram-bot-token' }) },
    });
    expect(json).not.toMatch(/TELEGRAM_BOT_TOKEN|bot\d+:/);
    const ssm = statements.deliver.filter((s) => [s.Action].flat().includes('ssm:GetParameter'));
    expect(ssm.map((s) => s.Resource)).toEqual([
      ['arn:{AWS::Partition}:ssm:{AWS::Region}:{AWS::AccountId}:parameter/kzmon/telegram-bot-token'],
    ]);
  });

  it('serves the subscriber routes on the API behind IAM authorization, with a policy for the people who manage them', () => {
    for (const key of [
      'GET /subscribers',
      'POST /subscribers',
      'DELETE /subscribers/{id}',
      'POST /subscribers/{id}/test',
    ]) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: key,
        AuthorizationType: 'AWS_IAM',
      });
    }
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'kzmon-subscriber-admins',
    });
  });
});

describe('every call the delivery functions make is allowed by their roles, and no more', () => {
  for (const fn of FUNCTIONS) {
    it(`${fn}`, () => {
      expect(calls[fn].length).toBeGreaterThan(0);
      expect(denied(fn)).toEqual([]);
    });
  }

  it('the paths made the calls they are known for', () => {
    const seen = (fn: Fn) =>
      new Set(calls[fn].map((c) => `${c.action} ${c.context['dynamodb:LeadingKeys'] ?? c.resource}`));
    expect([...seen('subscribers')]).toEqual(
      expect.arrayContaining([
        'sns:Subscribe ' + topicArn,
        'dynamodb:PutItem SUBSCRIBERS',
        'dynamodb:DeleteItem SUBSCRIBERS',
      ]),
    );
    expect([...seen('subscribers')].some((c) => c.startsWith('sns:Unsubscribe '))).toBe(true);
    expect([...seen('subscribers')].some((c) => c.startsWith('sns:GetSubscriptionAttributes '))).toBe(true);
    expect([...seen('stream')]).toEqual(
      expect.arrayContaining([
        'dynamodb:UpdateItem ALERT#a1',
        `sns:Publish ${topicArn}`,
        'dynamodb:PutItem SMS#sms',
      ]),
    );
    expect([...seen('deliver')], [...seen('deliver')].join('\n')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem ALERT#a1', 'dynamodb:UpdateItem DELIVERY#a1']),
    );
  });

  it('denies what each must not do', () => {
    const req = (action: string, pk: string): Request => ({
      action: `dynamodb:${action}`,
      resource: naming.tableArn,
      context: { 'dynamodb:LeadingKeys': [pk] },
    });
    const allowed = (fn: Fn, r: Request) => evaluate(statements[fn], r).allowed;
    expect(allowed('deliver', req('UpdateItem', 'ALERT#a1'))).toBe(false);
    expect(allowed('deliver', req('PutItem', 'SUBSCRIBERS'))).toBe(false);
    expect(allowed('subscribers', req('GetItem', 'ITEM#x'))).toBe(false);
    expect(allowed('subscribers', req('UpdateItem', 'ALERT#a1'))).toBe(false);
    expect(allowed('stream', req('PutItem', 'SUBSCRIBERS'))).toBe(false);
    expect(allowed('stream', req('GetItem', 'ITEM#x'))).toBe(false);
    expect(
      evaluate(statements.deliver, { action: 'sns:Publish', resource: topicArn, context: {} }).allowed,
    ).toBe(false);
    expect(
      evaluate(statements.stream, { action: 'sns:Subscribe', resource: topicArn, context: {} }).allowed,
    ).toBe(false);
  });
});
