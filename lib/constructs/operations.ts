import { Annotations, Aws, Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EMITTED_METRICS } from '../../functions/handlers/emitted-metrics';
import { type AlarmWindow, noNewItemsWindow, sourceFailureWindow, sweepStoppedWindow } from '../schedule';

type EmittedMetric = {
  [S in keyof typeof EMITTED_METRICS]: [S, (typeof EMITTED_METRICS)[S][number]];
}[keyof typeof EMITTED_METRICS];

export interface OperationsProps {
  namePrefix: string;
  /** The EMF namespace the stack's functions emit into. */
  metricNamespace: string;
  opsEmail?: string;
  /** Minutes between fetch cycles (the longest gap for a cron schedule). */
  cycleMinutes: number;
  /** Minutes between alert sweeps. */
  sweepMinutes: number;
  newItemsQueue: IQueue;
  /** How long a new item may legitimately wait: every receive it is allowed, each one visibility timeout. */
  newItemsMaxAge: Duration;
  deadLetterQueue: IQueue;
  failedRuns: IQueue;
  alertFunction: IFunction;
  subscriberTopic: ITopic;
  /** Further dead-letter queues (e.g. of a delivery channel): any message in one is an alarm. */
  otherDeadLetters?: { id: string; queue: IQueue; description: string }[];
}

/** A custom metric as a handler emits it (Powertools adds the `service` dimension). */
export function emittedMetric(namespace: string, [service, name]: EmittedMetric, period: Duration): Metric {
  return new Metric({ namespace, metricName: name, dimensionsMap: { service }, statistic: 'Sum', period });
}

/**
 * The operations topic and the alarms: every failure a person must act on, each said once in plain
 * words with the next step. Costs are per alarm metric ($0.10 a month, ten free), so each alarm reads
 * one metric, and the AWS metrics (Lambda, SQS, SNS; free) are preferred over custom ones.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'OpsTopic', { displayName: 'KZ news monitor operations', enforceSSL: true });
    this.allowAlarmsToPublish();
    if (props.opsEmail) this.topic.addSubscription(new EmailSubscription(props.opsEmail));
    else {
      Annotations.of(this).addWarningV2(
        'kzmon:no-ops-email',
        'No opsEmail setting: alarms go to the operations topic, which has no subscriber, and no budget is made. Set "opsEmail" in deploy.settings.json.',
      );
    }
    this.action = new SnsAction(this.topic);
    this.namePrefix = props.namePrefix;
    this.addStuckMessageAlarms(props);
    this.addStoppedRunAlarms(props);
    this.addSourceAlarms(props);
    this.addAlertDeliveryAlarms(props);
  }

  /** Every alarm tells the topic when it fires and when it clears. */
  private alarm(alarmId: string, p: AlarmProps): Alarm {
    const a = new Alarm(this, alarmId, { alarmName: `${this.namePrefix}-${alarmId}`, ...p });
    a.addAlarmAction(this.action);
    a.addOkAction(this.action);
    this.alarms.push(a);
    return a;
  }

  /** Messages that nobody will process without a person: dead letters, failed runs, a queue not drained. */
  private addStuckMessageAlarms(props: OperationsProps): void {
    this.alarm('DeadLetters', {
      alarmDescription:
        'A new item failed to be classified 5 times and is in the dead-letter queue. See the classify logs for its itemId; after the fix, redrive the queue (docs/deploy.md).',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      ...atLeastOne,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    for (const dlq of props.otherDeadLetters ?? []) {
      this.alarm(dlq.id, {
        alarmDescription: dlq.description,
        metric: dlq.queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        ...atLeastOne,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    this.alarm('FailedRuns', {
      alarmDescription:
        'A scheduled run (fetch, alert sweep or digest) failed, timed out or was dropped; it is not retried. Each record in the failed-runs queue names the function and the error (docs/deploy.md, "Failed runs").',
      metric: props.failedRuns.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      ...atLeastOne,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const maxAge = props.newItemsMaxAge.toSeconds();
    this.alarm('NewItemsWaiting', {
      alarmDescription: `A new item has waited over ${Math.round(maxAge / 60)} minutes in the queue: classify is not draining it (disabled trigger, throttling or a crash loop). See the classify logs.`,
      metric: props.newItemsQueue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: maxAge,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** A schedule that stopped: no alert sweep ran, or no fetch cycle produced anything. */
  private addStoppedRunAlarms(props: OperationsProps): void {
    const sweep = sweepStoppedWindow(props.sweepMinutes);
    this.alarm('AlertSweepStopped', {
      alarmDescription: `The alert sweep has not run for ${sweep.periodMinutes * sweep.evaluationPeriods} minutes, so pending alerts are not sent: check that its schedule is enabled and the function exists.`,
      metric: props.alertFunction.metricInvocations({ period: period(sweep), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: sweep.evaluationPeriods,
      // No data is no invocation: exactly what this alarm is for.
      treatMissingData: TreatMissingData.BREACHING,
    });

    const quiet = noNewItemsWindow(props.cycleMinutes);
    this.alarm('NoNewItems', {
      alarmDescription: `No source produced a new item for ${hours(quiet.periodMinutes)}: the sites may have changed layout or blocked the fetcher, or the fetch schedule stopped. Run kzmon sources --api URL.`,
      // Every new item is one message sent to the queue: the free SQS metric, no custom one.
      metric: props.newItemsQueue.metricNumberOfMessagesSent({ period: period(quiet), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: quiet.evaluationPeriods,
      // No data at all means no fetch cycle ran: the same emergency.
      treatMissingData: TreatMissingData.BREACHING,
    });
  }

  /** A source that keeps failing or is blocked by a challenge page. */
  private addSourceAlarms(props: OperationsProps): void {
    const custom = (m: EmittedMetric, w: AlarmWindow) => emittedMetric(props.metricNamespace, m, period(w));
    const failing = sourceFailureWindow(props.cycleMinutes);
    this.alarm('SourcesFailing', {
      alarmDescription: `A source failed in each of the last ${failing.evaluationPeriods} fetch cycles (${failing.periodMinutes} minutes apart): run kzmon sources --api URL to see which one and why.`,
      metric: custom(['fetch', 'SourceFailures'], failing),
      ...atLeastOne,
      evaluationPeriods: failing.evaluationPeriods,
      datapointsToAlarm: failing.evaluationPeriods,
      // No data means the fetch did not run; NoNewItems and FailedRuns cover that.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.alarm('SourcesBlocked', {
      alarmDescription: 'a source is blocked by a Cloudflare challenge — run kzmon sources --api URL',
      metric: custom(['fetch', 'SourcesBlocked'], {
        periodMinutes: Math.max(5, props.cycleMinutes),
        evaluationPeriods: 1,
      }),
      ...atLeastOne,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Alerts that SNS refused, or accepted and could not deliver. */
  private addAlertDeliveryAlarms(props: OperationsProps): void {
    const custom = (m: EmittedMetric, w: AlarmWindow) => emittedMetric(props.metricNamespace, m, period(w));
    const sweeps = { periodMinutes: props.sweepMinutes, evaluationPeriods: 3 };
    this.alarm('AlertsFailed', {
      alarmDescription: `SNS refused alerts in ${sweeps.evaluationPeriods} sweeps in a row (one ${props.sweepMinutes}-minute period per sweep); they stay pending and are retried. See the alert function's logs.`,
      metric: custom(['alert', 'AlertsFailed'], sweeps),
      ...atLeastOne,
      evaluationPeriods: sweeps.evaluationPeriods,
      datapointsToAlarm: sweeps.evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.alarm('AlertsUndelivered', {
      alarmDescription:
        'SNS accepted alerts but could not deliver some (an SMS in the sandbox, over the spend limit or without an origination identity; a bounced email). See the SMS readiness checklist and the delivery-status logs in docs/deploy.md.',
      metric: props.subscriberTopic.metricNumberOfNotificationsFailed({
        period: Duration.hours(1),
        statistic: 'Sum',
      }),
      ...atLeastOne,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * A topic policy replaces SNS's default one, and enforceSSL writes one holding only a Deny, so
   * CloudWatch must be allowed to publish explicitly: alarms of this account only. The topic is not
   * encrypted: alarms cannot publish to a topic under the AWS managed key, and a customer managed key
   * would cost $1 a month to protect alarm names and states; TLS is still required in transit.
   */
  private allowAlarmsToPublish(): void {
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic encrypted with the AWS managed aws/sns key, and a customer ' +
        'managed key would cost $1 a month to protect alarm names and states; the topic policy requires TLS.',
    });
  }
}

const period = (w: AlarmWindow) => Duration.minutes(w.periodMinutes);
const atLeastOne = {
  threshold: 1,
  comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
};

function hours(minutes: number): string {
  return minutes % 1440 === 0
    ? `${minutes / 1440 === 1 ? '24 hours' : `${minutes / 1440} days`}`
    : `${Math.round(minutes / 60)} hours`;
}
