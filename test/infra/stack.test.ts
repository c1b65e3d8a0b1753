import { type App, type Stack, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES } from '../../functions/domain/sources/definitions';
import type { MonitorStack } from '../../lib/monitor-stack';
import { actionsOf, statementsOfRole, synthMonitor } from './synth';

// One synth for the whole file: every assertion below reads the same app and template.
let app: App;
let stack: MonitorStack;
let template: Template;

beforeAll(() => {
  ({ app, stack, template } = synthMonitor({ schedule: 'rate(10 minutes)' }));
});

const logicalId = (s: Stack, c: { node: { defaultChild?: unknown } }) => s.getLogicalId(c.node.defaultChild as CfnRole);
const roleOf = (fn: LambdaFunction) => logicalId(stack, fn.role as never);
const allFunctions = () => stack.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction);

describe('functions', () => {
  it('are arm64 on Node.js 24 with source maps enabled and their own log group with a retention', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns).length).toBeGreaterThanOrEqual(4);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(Object.keys(fns).length);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('use roles without AWS managed policies', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('least privilege', () => {
  it('fetch cannot publish, cannot write items and reads items only as dedup needs', () => {
    const statements = statementsOfRole(template, roleOf(stack.ingestion.fetchFunction));
    const actions = actionsOf(statements);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
    for (const a of ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem']) {
      expect(actions).not.toContain(a);
    }
    for (const s of statements.filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')))) {
      const c = s.Condition ?? {};
      const sourcesOnly = JSON.stringify(c['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']) === '["SOURCES"]';
      const keysAndExpiryOnly =
        JSON.stringify(c['ForAllValues:StringEquals']?.['dynamodb:Attributes']) === '["pk","sk","kind","expiresAt"]' &&
        JSON.stringify(c['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']) === '["ITEM#*"]' &&
        c.StringEqualsIfExists?.['dynamodb:Select'] === 'SPECIFIC_ATTRIBUTES';
      expect(sourcesOnly || keysAndExpiryOnly, JSON.stringify(s)).toBe(true);
      if (actionsOf([s]).includes('dynamodb:PutItem')) expect(sourcesOnly).toBe(true);
    }
  });

  it('classify reaches its record families by leading key only, updates only story counters, and cannot publish', () => {
    const statements = statementsOfRole(template, roleOf(stack.ingestion.classifyFunction));
    const actions = actionsOf(statements);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
    const onMainTable = statements.filter((s) => JSON.stringify(s.Resource).includes(logicalId(stack, stack.storage.table)));
    expect(onMainTable.length).toBeGreaterThan(0);
    for (const s of onMainTable) {
      const prefixes = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[];
      expect(prefixes.length, JSON.stringify(s)).toBeGreaterThan(0);
      for (const p of prefixes) expect(['ITEM#*', 'STORYKEY#*', 'STORY#*', 'STORYDAY#*', 'ALERT#*']).toContain(p);
      expect(actionsOf([s])).not.toContain('dynamodb:DeleteItem');
      expect(actionsOf([s])).not.toContain('dynamodb:Query');
      if (actionsOf([s]).includes('dynamodb:UpdateItem')) expect(prefixes).toEqual(['STORY#*']);
      expect(JSON.stringify(s.Resource)).not.toContain('/index/');
    }
  });

  it('the query function cannot write and cannot publish', () => {
    const actions = actionsOf(statementsOfRole(template, roleOf(stack.queryApi.queryFunction)));
    const writes = actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite)/.test(a) || a === 'dynamodb:*');
    expect(writes).toEqual([]);
    expect([...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
  });

  it('only functions of the alert path may publish to SNS', () => {
    const publishers = allFunctions().filter((fn) =>
      actionsOf(statementsOfRole(template, roleOf(fn))).some((a) => a === 'sns:Publish' || a === 'sns:*'),
    );
    expect(publishers.length).toBeGreaterThan(0);
    for (const fn of publishers) expect(fn.node.path).toMatch(/^KzNewsMonitor\/Alerts\//);
  });
});

describe('encryption and transport', () => {
  it('encrypts both topics with the rotated customer managed key and refuses non-TLS publishing', () => {
    const keyId = logicalId(stack, stack.key as never);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    const topics = Object.values(template.findResources('AWS::SNS::Topic'));
    expect(topics.length).toBe(2);
    for (const t of topics) expect(t.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const topicPolicies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(topicPolicies.length).toBe(2);
    for (const p of topicPolicies) expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('encrypts both queues and refuses non-TLS access to them', () => {
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBe(2);
    for (const q of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies.length).toBe(2);
    for (const p of policies) expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('keeps point-in-time recovery and encryption on the item table', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
  });
});

describe('query API', () => {
  it('requires IAM authorization on every route', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(['GET /items', 'GET /items/{id}', 'GET /sources']);
    for (const r of routes) expect(r.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('writes access logs from its only stage', () => {
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    expect(stages[0]!.Properties.StageName).toBe('$default');
    expect(stages[0]!.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stages[0]!.Properties.AccessLogSettings.Format).toContain('$context.requestId');
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  const opsTopicId = () => logicalId(stack, stack.operations.topic);

  it('mail every alarm to the operations topic', () => {
    for (const a of alarms()) expect(a.Properties.AlarmActions).toEqual([{ Ref: opsTopicId() }]);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });

  it('fire on any message in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.ingestion.deadLetterQueue), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fire on errors of each function', () => {
    for (const fn of allFunctions()) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, fn) } }],
        Threshold: 1,
      });
    }
  });

  it('fire when a source fails 3 cycles in a row, one 10-minute period per cycle', () => {
    for (const source of DEFAULT_SOURCES.filter((s) => s.enabled)) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'SourceFailures',
        Namespace: 'KzNewsMonitor',
        Dimensions: [
          { Name: 'service', Value: 'fetch' },
          { Name: 'sourceId', Value: source.id },
        ],
        Period: 600,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        Threshold: 1,
      });
    }
  });

  it('fire when no source produced a new item for 24 hours, or the fetch stopped reporting', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ItemsNew',
      Namespace: 'KzNewsMonitor',
      Period: 86400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('are on a dashboard with the pipeline metrics', () => {
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    for (const m of ['ItemsFetched', 'ItemsNew', 'ItemsRelevant', 'AlertsSent', 'SourceFailures']) expect(body).toContain(m);
  });
});

describe('schedule', () => {
  it('runs the fetch cycle at the configured rate through EventBridge Scheduler', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      Target: { Arn: { 'Fn::GetAtt': [logicalId(stack, stack.ingestion.fetchFunction), 'Arn'] } },
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no finding that is not acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}: ${v.description}`),
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement a specific reason', () => {
    const acks = app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acks.length).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      expect(id).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, `${id}: "${reason}"`).toBeGreaterThan(60);
    }
  });
});
