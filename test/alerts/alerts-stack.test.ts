import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FilterPolicy,
  filterPolicyFor,
  policyMatches,
} from '../../functions/domain/alerts/filter-policy';
import { formatAlertMessage } from '../../functions/domain/alerts/format-alert';
import { parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { AlertMessage } from '../../functions/domain/ports';
import { Alerts } from '../../lib/constructs/alerts';
import { classification, item } from './fixtures';

const subscribers = parseSubscribers([
  { id: 'analyst', email: 'analyst@example.org' },
  { id: 'c5-sms', phone: '+15555550100', categories: ['c5plus1'] },
  { id: 'ru-desk', email: 'ru@example.org', categories: ['kz-us'], languages: ['ru'] },
  { id: 'energy-daily', email: 'energy@example.org', topics: ['energy'], minScore: 0.6, delivery: 'daily' },
]);

let template: Template;
/**
 * Endpoint → the filter policy its SNS subscription gets. Subscriptions are made at runtime from the
 * subscribers in the table (`kzmon subscribers`), with filterPolicyFor(); the deploy makes none.
 */
const policies = new Map<string, FilterPolicy>(
  subscribers.map((s) => [(s.email ?? s.phone)!, filterPolicyFor(s)]),
);

beforeAll(() => {
  // No bundling: the template, not the bundle, is under test here.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'AlertsTest');
  const table = new TableV2(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });
  new Alerts(stack, 'Alerts', {
    table,
    logRetention: RetentionDays.ONE_MONTH,
    failedRuns: new Queue(stack, 'FailedRuns'),
  });
  template = Template.fromStack(stack);
});

const msg = (
  over: Parameters<typeof item>[0],
  attrs: Record<string, unknown> = {},
): AlertMessage['attributes'] => {
  const m = formatAlertMessage(item(over), { alertId: over.itemId });
  return { ...m.attributes, ...attrs } as AlertMessage['attributes'];
};

const samples: [string, AlertMessage['attributes'], string[]][] = [
  ['English KZ-US alert', msg({ itemId: 'a' }), ['analyst@example.org']],
  ['Russian KZ-US alert', msg({ itemId: 'b', language: 'ru' }), ['analyst@example.org', 'ru@example.org']],
  [
    'C5+1 alert in Kazakh, the sweep naming the SMS subscriber (under its monthly cap)',
    msg(
      {
        itemId: 'c',
        language: 'kk',
        classification: classification({ categories: ['c5plus1'], scores: { 'kz-us': 0, c5plus1: 0.7 } }),
      },
      { delivery: ['instant', 'instant:c5-sms'] },
    ),
    ['analyst@example.org', '+15555550100'],
  ],
  [
    'C5+1 alert the sweep did not name the SMS subscriber for (over its cap)',
    msg({
      itemId: 'c2',
      language: 'kk',
      classification: classification({ categories: ['c5plus1'], scores: { 'kz-us': 0, c5plus1: 0.7 } }),
    }),
    ['analyst@example.org'],
  ],
  [
    'later copy narrowed to the Russian desk',
    msg({ itemId: 'd', language: 'ru' }, { delivery: ['instant:ru-desk'] }),
    ['ru@example.org'],
  ],
  [
    'energy digest for the daily subscriber',
    msg(
      { itemId: 'e', classification: classification({ topics: ['energy'] }) },
      { delivery: ['daily:energy-daily'], language: ['en', 'ru'] },
    ),
    ['energy@example.org'],
  ],
  [
    'a digest below the daily subscriber’s minimum score',
    msg(
      {
        itemId: 'f',
        classification: classification({ topics: ['energy'], scores: { 'kz-us': 0.5, c5plus1: 0 } }),
      },
      { delivery: ['daily:energy-daily'] },
    ),
    [],
  ],
];

describe('Alerts construct', () => {
  it('makes no subscription (subscribers are data), and every policy fits SNS’s five keys', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    for (const p of policies.values()) expect(Object.keys(p).length).toBeLessThanOrEqual(5);
  });

  it.each(samples)(
    'routes the %s to the right subscribers under their subscription policies',
    (_name, attributes, expected) => {
      const reached = [...policies]
        .filter(([, p]) => policyMatches(p, attributes))
        .map(([endpoint]) => endpoint);
      expect(reached.sort()).toEqual([...expected].sort());
    },
  );

  it('encrypts the topic with the AWS managed SNS key and lets both functions publish', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: 'alias/aws/sns' });
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { TOPIC_ARN: Match.anyValue() } } },
    });
    expect(Object.keys(fns)).toHaveLength(2);
    for (const fn of Object.values(fns))
      expect(fn.Properties.Environment.Variables.SUBSCRIBER_POLICIES).toBeUndefined();
  });

  it('sweeps every minute and sends the digest at 08:00 Asia/Almaty', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Almaty',
    });
  });
});
