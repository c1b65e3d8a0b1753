import { Annotations, Aws, CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { MonitorConfig } from './config';
import { ALERT_SWEEP_MINUTES, Alerts } from './constructs/alerts';
import { MonthlyBudget } from './constructs/budget';
import { MonitorDashboard } from './constructs/dashboard';
import { Delivery } from './constructs/delivery';
import { Ingestion, MAX_RECEIVE_COUNT } from './constructs/ingestion';
import { setMetricNamespace } from './constructs/monitor-function';
import { Operations } from './constructs/operations';
import { QUERY_ROUTES, QueryApi } from './constructs/query-api';
import { SmsReadiness } from './constructs/sms-readiness';
import { Storage } from './constructs/storage';
import { scheduleIntervalMinutes } from './schedule';

export interface MonitorStackProps extends StackProps {
  config: MonitorConfig;
}

/**
 * The whole monitor: ingestion, storage, alerts, the query API, and their operations (alarms, an
 * optional dashboard, a budget, SMS readiness), named after the settings' prefix so a second copy fits
 * in the same account and region.
 */
export class MonitorStack extends Stack {
  readonly config: MonitorConfig;
  readonly metricNamespace: string;
  /** Failed or dropped asynchronous runs (scheduled functions; any later async function may add itself). */
  readonly failedRuns: Queue;
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly alerts: Alerts;
  readonly queryApi: QueryApi;
  readonly delivery: Delivery;
  readonly operations: Operations;
  readonly smsReadiness: SmsReadiness;
  readonly dashboard?: MonitorDashboard;
  readonly queryPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const prefix = config.namePrefix;
    this.metricNamespace = `KzNewsMonitor/${prefix}`;
    setMetricNamespace(this, this.metricNamespace);
    const cycleMinutes = scheduleIntervalMinutes(config.schedule);

    this.failedRuns = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.storage = new Storage(this, 'Storage');
    this.ingestion = new Ingestion(this, 'Ingestion', {
      table: this.storage.table,
      schedule: config.schedule,
      cycleMinutes,
      failedRuns: this.failedRuns,
      logRetention: config.logRetentionDays,
      seenTtlDays: config.seenTtlDays,
      crawlerContact: config.crawlerContact,
    });
    this.alerts = new Alerts(this, 'Alerts', {
      table: this.storage.table,
      logRetention: config.logRetentionDays,
      failedRuns: this.failedRuns,
    });
    this.queryApi = new QueryApi(this, 'QueryApi', {
      table: this.storage.table,
      logRetention: config.logRetentionDays,
    });
    this.smsReadiness = new SmsReadiness(this, 'SmsReadiness');
    this.delivery = new Delivery(this, 'Delivery', {
      table: this.storage.table,
      topic: this.alerts.topic,
      api: this.queryApi.api,
      alertFunction: this.alerts.alertFunction,
      digestFunction: this.alerts.digestFunction,
      failedRuns: this.failedRuns,
      logRetention: config.logRetentionDays,
      namePrefix: prefix,
      smsMonthlyCap: config.smsMonthlyCap,
    });

    // Constructs that add functions (e.g. delivery channels) go above this line, so the dashboard sees them.
    this.operations = this.operationsAlarms(cycleMinutes);
    if (config.dashboard) this.dashboard = this.monitorDashboard(cycleMinutes);
    this.addBudget();
    this.queryPolicy = this.queryCallersPolicy();

    Tags.of(this).add('app', 'kz-news-monitor');
    Tags.of(this).add('kzmon:deployment', prefix);
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    this.addOutputs();
  }

  /** The alarms on every stage of the pipeline, each saying what a person should do. */
  private operationsAlarms(cycleMinutes: number): Operations {
    const { config } = this;
    const prefix = config.namePrefix;
    return new Operations(this, 'Operations', {
      namePrefix: prefix,
      metricNamespace: this.metricNamespace,
      opsEmail: config.opsEmail,
      cycleMinutes,
      sweepMinutes: ALERT_SWEEP_MINUTES,
      newItemsQueue: this.ingestion.queue,
      newItemsMaxAge: Duration.seconds(this.ingestion.queueVisibilityTimeout.toSeconds() * MAX_RECEIVE_COUNT),
      deadLetterQueue: this.ingestion.deadLetterQueue,
      failedRuns: this.failedRuns,
      alertFunction: this.alerts.alertFunction,
      subscriberTopic: this.alerts.topic,
      // Telegram and webhook deliveries that keep failing end in the failed-runs queue (Delivery).
      otherDeadLetters: [],
    });
  }

  /** The optional dashboard, over every function the stack has by now. */
  private monitorDashboard(cycleMinutes: number): MonitorDashboard {
    const prefix = this.config.namePrefix;
    return new MonitorDashboard(this, 'Dashboard', {
      name: `${prefix}-monitor`,
      metricNamespace: this.metricNamespace,
      cycleMinutes,
      functions: this.node
        .findAll()
        .filter((c): c is LambdaFunction => c instanceof LambdaFunction)
        .map((fn) => ({ name: fn.node.id, fn })),
      newItemsQueue: this.ingestion.queue,
      deadLetterQueue: this.ingestion.deadLetterQueue,
      failedRuns: this.failedRuns,
      subscriberTopic: this.alerts.topic,
    });
  }

  /** A monthly budget alert to the operator, when there is an address to send it to. */
  private addBudget(): void {
    const { config } = this;
    const prefix = config.namePrefix;
    if (config.opsEmail) {
      new MonthlyBudget(this, 'Budget', {
        name: `${prefix}-monthly`,
        amountUsd: config.budgetUsd,
        email: config.opsEmail,
      });
    } else {
      Annotations.of(this).addWarningV2('kzmon:no-budget', 'No opsEmail setting: no budget alert is made.');
    }
  }

  /** The policy a person or role needs to call the query routes, and nothing else. */
  private queryCallersPolicy(): ManagedPolicy {
    const prefix = this.config.namePrefix;
    return new ManagedPolicy(this, 'QueryApiCallers', {
      managedPolicyName: `${prefix}-query-api-callers`,
      description: 'Attach to people and roles who may query the kz-news-monitor API (kzmon query --api)',
      statements: [
        new PolicyStatement({
          actions: ['execute-api:Invoke'],
          // Pseudo parameters rather than arnForExecuteApi(): the same ARN text (and cdk-nag finding id)
          // whether or not synth knows the account and region.
          resources: QUERY_ROUTES.map(
            (route) =>
              `arn:${Aws.PARTITION}:execute-api:${Aws.REGION}:${Aws.ACCOUNT_ID}:${this.queryApi.api.apiId}/$default/GET${route.replace(/\{[^}]+\}/g, '*')}`,
          ),
        }),
      ],
    });
  }

  private addOutputs(): void {
    const out = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    const cw = `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}`;
    out('ApiUrl', this.queryApi.stage.url, 'kzmon query --api <this URL>; kzmon sources --api <this URL>');
    out('ApiArn', this.queryApi.api.arnForExecuteApi(), 'execute-api ARN of the query API, for IAM policies');
    out(
      'QueryPolicyArn',
      this.queryPolicy.managedPolicyArn,
      'managed policy to attach to people who may query the API',
    );
    out('SubscriberTopicArn', this.alerts.topic.topicArn, 'SNS topic the alerts are published to');
    out('OpsTopicArn', this.operations.topic.topicArn, 'SNS topic the alarms are sent to');
    out('TableName', this.storage.table.tableName, 'DynamoDB table (retained on cdk destroy)');
    out('DeadLetterQueueUrl', this.ingestion.deadLetterQueue.queueUrl, 'new items that failed 5 times');
    out('FailedRunsQueueUrl', this.failedRuns.queueUrl, 'scheduled runs that failed or were dropped');
    out(
      'SmsDeliveryStatusRoleArn',
      this.smsReadiness.deliveryStatusRole.roleArn,
      'aws sns set-sms-attributes DeliveryStatusIAMRole',
    );
    out(
      'DashboardUrl',
      this.dashboard
        ? `${cw}#dashboards/dashboard/${this.dashboard.dashboard.dashboardName}`
        : `${cw}#alarmsV2:?search=${this.config.namePrefix}-`,
      this.dashboard
        ? 'the CloudWatch dashboard'
        : 'the alarms of this deployment (no dashboard: "dashboard": true adds one)',
    );
  }
}
