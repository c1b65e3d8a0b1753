import { type App, type Stack, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MonitorStack } from '../../lib/monitor-stack';
import { actionsOf, statementsOfRole, synthMonitor } from './synth';

// One synth for the whole file: every assertion below reads the same app and template.
let app: App;
let stack: MonitorStack;
let template: Template;

beforeAll(() => {
  ({ app, stack, template } = synthMonitor({ schedule: 'rate(10 minutes)' }));
});

const logicalId = (s: Stack, c: { node: { defaultChild?: unknown } }) =>
  s.getLogicalId(c.node.defaultChild as CfnRole);
const roleOf = (fn: LambdaFunction) => logicalId(stack, fn.role as never);
const allFunctions = () =>
  stack.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction);
const resources = (type: string) => Object.values(template.findResources(type));

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
    const groups = resources('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(Object.keys(fns).length);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('use roles without AWS managed policies', () => {
    for (const role of resources('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('emit metrics into this deployment’s own namespace', () => {
    for (const fn of resources('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('KzNewsMonitor/kzmon');
    }
  });
});

describe('scheduled functions (issue 16, point 2)', () => {
  it('are never retried by Lambda: no retry, a bounded event age, failures recorded in the failed-runs queue', () => {
    const failedRuns = logicalId(stack, stack.failedRuns);
    const scheduledTargets = resources('AWS::Scheduler::Schedule').map((s) =>
      JSON.stringify(s.Properties.Target.Arn),
    );
    expect(scheduledTargets).toHaveLength(3);
    const configs = resources('AWS::Lambda::EventInvokeConfig');
    for (const fn of [
      stack.ingestion.fetchFunction,
      stack.alerts.alertFunction,
      stack.alerts.digestFunction,
    ]) {
      const id = logicalId(stack, fn);
      expect(scheduledTargets).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
      const config = configs.find(
        (c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: id }),
      );
      expect(config, fn.node.path).toBeDefined();
      expect(config!.Properties.MaximumRetryAttempts).toBe(0);
      expect(config!.Properties.MaximumEventAgeInSeconds).toBeLessThanOrEqual(3600);
      expect(config!.Properties.DestinationConfig.OnFailure.Destination).toEqual({
        'Fn::GetAtt': [failedRuns, 'Arn'],
      });
    }
  });

  it('fetch drops an event older than one cycle, the sweep one older than a minute', () => {
    const age = (fn: LambdaFunction) =>
      resources('AWS::Lambda::EventInvokeConfig').find(
        (c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: logicalId(stack, fn) }),
      )!.Properties.MaximumEventAgeInSeconds;
    expect(age(stack.ingestion.fetchFunction)).toBe(600);
    expect(age(stack.alerts.alertFunction)).toBe(60);
  });

  it('the digest schedule does not retry either, so nobody gets a digest twice', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) }),
    });
  });
});

describe('least privilege', () => {
  it('fetch cannot publish, cannot write items and reads items only as dedup needs', () => {
    const statements = statementsOfRole(template, roleOf(stack.ingestion.fetchFunction));
    const actions = actionsOf(statements);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
    for (const a of [
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
    ]) {
      expect(actions).not.toContain(a);
    }
    for (const s of statements.filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')))) {
      const c = s.Condition ?? {};
      const sourcesOnly =
        JSON.stringify(c['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']) === '["SOURCES"]';
      const keysAndExpiryOnly =
        JSON.stringify(c['ForAllValues:StringEquals']?.['dynamodb:Attributes']) ===
          '["pk","sk","kind","expiresAt"]' &&
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
    const onMainTable = statements.filter((s) =>
      JSON.stringify(s.Resource).includes(logicalId(stack, stack.storage.table)),
    );
    expect(onMainTable.length).toBeGreaterThan(0);
    for (const s of onMainTable) {
      const prefixes = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[];
      expect(prefixes.length, JSON.stringify(s)).toBeGreaterThan(0);
      for (const p of prefixes)
        expect(['ITEM#*', 'STORYKEY#*', 'STORY#*', 'STORYDAY#*', 'ALERT#*']).toContain(p);
      expect(actionsOf([s])).not.toContain('dynamodb:DeleteItem');
      expect(actionsOf([s])).not.toContain('dynamodb:Query');
      if (actionsOf([s]).includes('dynamodb:UpdateItem')) expect(prefixes).toEqual(['STORY#*']);
      expect(JSON.stringify(s.Resource)).not.toContain('/index/');
    }
  });

  it('the query function cannot write and cannot publish', () => {
    const actions = actionsOf(statementsOfRole(template, roleOf(stack.queryApi.queryFunction)));
    const writes = actions.filter(
      (a) => /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite)/.test(a) || a === 'dynamodb:*',
    );
    expect(writes).toEqual([]);
    expect([...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
  });

  it('functions outside the alert path (fetch, classify, query) cannot publish to SNS', () => {
    for (const fn of [stack.ingestion.fetchFunction, stack.ingestion.classifyFunction, stack.queryApi.queryFunction]) {
      const actions = actionsOf(statementsOfRole(template, roleOf(fn)));
      expect(actions.filter((a) => a.startsWith('sns:')), fn.node.path).toEqual([]);
    }
    const publishers = allFunctions().filter((fn) =>
      actionsOf(statementsOfRole(template, roleOf(fn))).some((a) => a === 'sns:Publish' || a === 'sns:*'),
    );
    expect(publishers).toContain(stack.alerts.alertFunction);
  });

  it('the query API callers’ policy allows invoking the three GET routes of this API and nothing else', () => {
    const policy = template.findResources('AWS::IAM::ManagedPolicy')[logicalId(stack, stack.queryPolicy)];
    const [statement, ...rest] = policy!.Properties.PolicyDocument.Statement;
    expect(rest).toEqual([]);
    expect(statement.Action).toBe('execute-api:Invoke');
    const routes = JSON.stringify(statement.Resource);
    for (const r of ['/$default/GET/items"', '/$default/GET/items/*"', '/$default/GET/sources"'])
      expect(routes).toContain(r);
    expect(routes).toContain(logicalId(stack, stack.queryApi.api));
  });
});

describe('encryption and transport (points 1 and 6)', () => {
  it('has no customer managed key: the subscriber topic uses the AWS managed SNS key', () => {
    expect(resources('AWS::KMS::Key')).toEqual([]);
    const subscribers = template.findResources('AWS::SNS::Topic')[logicalId(stack, stack.alerts.topic)]!;
    expect(subscribers.Properties.KmsMasterKeyId).toMatch(/alias\/aws\/sns$/);
  });

  it('lets CloudWatch alarms of this account publish to the unencrypted, TLS-only operations topic', () => {
    const opsTopic = logicalId(stack, stack.operations.topic);
    expect(template.findResources('AWS::SNS::Topic')[opsTopic]!.Properties.KmsMasterKeyId).toBeUndefined();
    const policy = resources('AWS::SNS::TopicPolicy').find(
      (p) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: opsTopic }]),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    const allow = statements.find((s) => s.Effect === 'Allow');
    expect(allow).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: opsTopic },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(statements)).toContain('"aws:SecureTransport":"false"');
  });

  it('refuses non-TLS publishing to the subscriber topic and non-TLS access to every queue', () => {
    for (const p of resources('AWS::SNS::TopicPolicy'))
      expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues).length).toBeGreaterThanOrEqual(3);
    for (const q of Object.values(queues)) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = resources('AWS::SQS::QueuePolicy');
    for (const id of Object.keys(queues)) {
      const own = policies.filter((p) => JSON.stringify(p.Properties.Queues).includes(`"${id}"`));
      expect(
        own.some((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"')),
        id,
      ).toBe(true);
    }
  });

  it('keeps the item table as a plain table cdk-nag evaluates, with point-in-time recovery and encryption', () => {
    expect(resources('AWS::DynamoDB::GlobalTable')).toEqual([]);
    const table = template.findResources('AWS::DynamoDB::Table')[logicalId(stack, stack.storage.table)]!;
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });
});

describe('query API', () => {
  it('requires IAM authorization on every route', () => {
    const routes = resources('AWS::ApiGatewayV2::Route');
    expect(routes.map((r) => r.Properties.RouteKey)).toEqual(
      expect.arrayContaining(['GET /items', 'GET /items/{id}', 'GET /sources']),
    );
    for (const r of routes) expect(r.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('writes access logs from its only stage', () => {
    const stages = resources('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    expect(stages[0]!.Properties.StageName).toBe('$default');
    expect(stages[0]!.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stages[0]!.Properties.AccessLogSettings.Format).toContain('$context.requestId');
  });

  it('signs cursors with a key of this deployment, never the public default (point 8)', () => {
    const fn =
      template.findResources('AWS::Lambda::Function')[logicalId(stack, stack.queryApi.queryFunction)]!;
    const key = fn.Properties.Environment.Variables.KZMON_CURSOR_KEY;
    // The random part of the stack id CloudFormation assigns at creation.
    expect(key).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] });
  });
});

describe('what a deploy leaves and tells (points 7 and 8)', () => {
  it('retains only the item table on cdk destroy', () => {
    const retained = Object.entries(
      template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>,
    )
      .filter(([, r]) => r.DeletionPolicy === 'Retain')
      .map(([id, r]) => `${r.Type} ${id}`);
    expect(retained).toEqual([`AWS::DynamoDB::Table ${logicalId(stack, stack.storage.table)}`]);
  });

  it('outputs what a user needs after deploying', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const name of [
      'ApiUrl',
      'ApiArn',
      'QueryPolicyArn',
      'SubscriberTopicArn',
      'OpsTopicArn',
      'TableName',
      'DeadLetterQueueUrl',
      'FailedRunsQueueUrl',
      'DashboardUrl',
      'SmsDeliveryStatusRoleArn',
    ]) {
      expect(outputs).toContain(name);
    }
  });

  it('tags every taggable resource with the app and the deployment', () => {
    for (const type of [
      'AWS::Lambda::Function',
      'AWS::SQS::Queue',
      'AWS::DynamoDB::Table',
      'AWS::SNS::Topic',
    ]) {
      for (const r of resources(type)) {
        expect(r.Properties.Tags).toEqual(
          expect.arrayContaining([
            { Key: 'app', Value: 'kz-news-monitor' },
            { Key: 'kzmon:deployment', Value: 'kzmon' },
          ]),
        );
      }
    }
  });

  it('has a monthly budget that mails the operator at the amount of the settings', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'kzmon-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 5, Unit: 'USD' },
      },
      NotificationsWithSubscribers: Match.arrayWith([
        {
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.org' }],
        },
      ]),
    });
  });

  it('holds no subscriber subscription: only the operator’s email is subscribed, to the operations topic', () => {
    // Email and SMS subscribers are data (kzmon subscribers); a queue of the stack may subscribe.
    const subscriptions = resources('AWS::SNS::Subscription').filter((s) => ['email', 'sms'].includes(s.Properties.Protocol));
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: logicalId(stack, stack.operations.topic) },
    });
  });

  it('gives SNS a role to log SMS delivery status into the SMS log groups only (point 4)', () => {
    const role =
      template.findResources('AWS::IAM::Role')[logicalId(stack, stack.smsReadiness.deliveryStatusRole)]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'sns.amazonaws.com',
    });
    const text = JSON.stringify(role.Properties.Policies);
    expect(text).toContain('logs:PutLogEvents');
    expect(text).toContain('DirectPublishToPhoneNumber');
    expect(text).not.toMatch(/"Resource":"\*"/);
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

  it('reports none either when synth knows the account and region, as `cdk deploy` does', () => {
    const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
    process.env.CDK_DEFAULT_ACCOUNT = '111111111111';
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    try {
      const { app: located } = synthMonitor();
      const report = new AwsSolutionsChecks().validateScope(located);
      expect(report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual([]);
    } finally {
      for (const [key, value] of [['CDK_DEFAULT_ACCOUNT', saved.account], ['CDK_DEFAULT_REGION', saved.region]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('acknowledges each finding on its resource with a specific reason, never for the whole stack', () => {
    const acks = app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .map((m) => ({ path: c.node.path, entries: Object.entries(m.data as Record<string, string>) })),
      );
    expect(acks.length).toBeGreaterThan(0);
    for (const { path, entries } of acks) {
      expect(path, 'an acknowledgement on the stack covers every resource').not.toBe(stack.node.path);
      for (const [id, reason] of entries) {
        expect(id).toMatch(/AwsSolutions-[A-Z]+\d+/);
        expect(reason.length, `${id}: "${reason}"`).toBeGreaterThan(60);
      }
    }
  });

  it('evaluates the item table: without point-in-time recovery it would fail synth', () => {
    const { app: other, stack: copy } = synthMonitor();
    (copy.storage.table.node.defaultChild as CfnTable).pointInTimeRecoverySpecification = undefined;
    const report = new AwsSolutionsChecks().validateScope(other);
    const ddb3 = report.violations
      .filter((v) => v.ruleName.includes('DDB3'))
      .flatMap((v) => v.violatingResources);
    expect(ddb3.map((r) => r.constructPath)).toEqual([copy.storage.table.node.defaultChild!.node.path]);
  });
});
