import { Duration, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type CfnTopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { monitorFunction, scheduledInvocation } from './monitor-function';
import { grantAlertSweepAccess, grantDigestAccess } from './table-access';

/** Minutes between alert sweeps; the sweep's heartbeat and AlertsFailed alarms are derived from it. */
export const ALERT_SWEEP_MINUTES = 1;

export interface AlertsProps {
  table: ITable;
  logRetention: RetentionDays;
  /** Where failed or dropped sweep and digest runs are recorded (the failed-runs alarm reads it). */
  failedRuns: IQueue;
  /** Local hour (Asia/Almaty) the daily digest goes out; default 8. */
  digestHour?: number;
}

/**
 * The subscribers' topic, the sweep that publishes pending alerts every minute, and the daily digest
 * each morning, Almaty time. Subscriptions are not part of the deploy: subscribers are data in the
 * table (`kzmon subscribers`), so a deploy never adds, removes or re-confirms anyone.
 */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly alertFunction: NodejsFunction;
  readonly digestFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Subscribers', { displayName: 'KZ news monitor', enforceSSL: true });
    // Encrypted with the AWS managed key: it costs nothing, and its key policy already lets principals of
    // this account use it through SNS, so publishers need no KMS permission (given as `masterKey`, CDK
    // would grant kms:GenerateDataKey* on every key of the account). Only the functions publish here; a
    // CloudWatch alarm could not, and none needs to.
    (this.topic.node.defaultChild as CfnTopic).kmsMasterKeyId = 'alias/aws/sns';
    const environment = { TABLE_NAME: props.table.tableName, TOPIC_ARN: this.topic.topicArn };

    this.alertFunction = monitorFunction(this, 'Alert', {
      handler: 'alert',
      description: 'Publishes pending alerts to subscribers',
      memorySize: 256,
      // Shorter than the claim lease (5 min): a claim outlives its worker, so two never publish at once.
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment,
    });
    grantAlertSweepAccess(props.table, this.alertFunction);
    this.topic.grantPublish(this.alertFunction);
    new Schedule(this, 'AlertSweep', {
      description: 'Publishes pending alerts and resends any whose claim expired',
      schedule: ScheduleExpression.rate(Duration.minutes(ALERT_SWEEP_MINUTES)),
      target: new LambdaInvoke(this.alertFunction, { retryAttempts: 0 }),
    });
    // A sweep that waited longer than one interval is superseded by the next.
    scheduledInvocation(this.alertFunction, {
      maxEventAge: Duration.minutes(ALERT_SWEEP_MINUTES),
      failedRuns: props.failedRuns,
    });

    this.digestFunction = monitorFunction(this, 'Digest', {
      handler: 'digest',
      description: "Sends the previous day's digest to daily subscribers",
      memorySize: 256,
      timeout: Duration.seconds(120),
      logRetention: props.logRetention,
      environment,
    });
    grantDigestAccess(props.table, this.digestFunction);
    this.topic.grantPublish(this.digestFunction);
    new Schedule(this, 'DailyDigest', {
      description: 'Daily digest for subscribers who chose daily delivery',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(props.digestHour ?? 8),
        timeZone: TimeZone.ASIA_ALMATY,
      }),
      // No retry: a failed digest is recorded in the failed-runs queue and re-run by hand
      // (docs/deploy.md), so nobody gets the same digest twice.
      target: new LambdaInvoke(this.digestFunction, { retryAttempts: 0 }),
    });
    scheduledInvocation(this.digestFunction, {
      maxEventAge: Duration.hours(1),
      failedRuns: props.failedRuns,
    });
  }
}
