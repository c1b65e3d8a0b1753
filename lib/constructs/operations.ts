import { Annotations, Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The EMF namespace and the `service` dimension Powertools adds, as the handlers emit them. */
export const METRIC_NAMESPACE = 'KzNewsMonitor';

/** Consecutive failed cycles of one source before someone is told. */
export const SOURCE_FAILURE_CYCLES = 3;

export interface OperationsProps {
  key: IKey;
  opsEmail?: string;
  /** Every function of the stack: each gets an errors alarm and a dashboard line. */
  functions: { name: string; fn: IFunction }[];
  deadLetterQueue: IQueue;
  /** Source ids the fetch function reads (one "failing" alarm each). */
  sourceIds: string[];
  /** Minutes between fetch cycles: the period of the per-source failure alarm. */
  cycleMinutes: number;
}

export function monitorMetric(name: string, service: string, extra: Record<string, string> = {}, period = Duration.minutes(5)): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { service, ...extra },
    statistic: 'Sum',
    period,
  });
}

/** The operations topic (alarms mail the operator), the alarms, and one dashboard with the metrics. */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'OpsTopic', {
      displayName: 'KZ news monitor operations',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.opsEmail) this.topic.addSubscription(new EmailSubscription(props.opsEmail));
    else {
      Annotations.of(this).addWarningV2(
        'kzmon:no-ops-email',
        'No -c opsEmail given: alarms go to the operations topic, which has no subscriber. Deploy with -c opsEmail=you@example.org.',
      );
    }
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, p: ConstructorParameters<typeof Alarm>[2]) => {
      const a = new Alarm(this, alarmId, p);
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    alarm('DeadLettersAlarm', {
      alarmDescription: 'A queued item failed 5 times and is in the dead-letter queue: see the classify logs for its itemId.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    for (const { name, fn } of props.functions) {
      alarm(`${name}ErrorsAlarm`, {
        alarmDescription: `The ${name} function failed (an uncaught error or a timeout).`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    // One period per cycle, so N breaching periods are N failed cycles in a row. CloudWatch caps
    // period × evaluation periods at one day, hence the cap for slow schedules.
    const cyclePeriod = Duration.minutes(Math.min(Math.max(1, props.cycleMinutes), (24 * 60) / SOURCE_FAILURE_CYCLES));
    for (const sourceId of props.sourceIds) {
      alarm(`SourceFailing-${sourceId}`, {
        alarmDescription: `Source ${sourceId} failed ${SOURCE_FAILURE_CYCLES} fetch cycles in a row: see "kzmon sources" and the fetch logs (sourceId=${sourceId}).`,
        metric: monitorMetric('SourceFailures', 'fetch', { sourceId }, cyclePeriod),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: SOURCE_FAILURE_CYCLES,
        datapointsToAlarm: SOURCE_FAILURE_CYCLES,
        // No data means the fetch did not run; the errors and no-new-items alarms cover that.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }

    alarm('NoNewItemsAlarm', {
      alarmDescription:
        'No source produced a new item for 24 hours: the sites may have changed layout, blocked the fetcher, or the schedule stopped.',
      metric: monitorMetric('ItemsNew', 'fetch', {}, Duration.hours(24)),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data at all means no fetch cycle ran: that is the same emergency.
      treatMissingData: TreatMissingData.BREACHING,
    });

    alarm('AlertsFailedAlarm', {
      alarmDescription: 'SNS refused alerts in 3 sweeps in a row; they stay pending and are retried, but nobody is told.',
      metric: monitorMetric('AlertsFailed', 'alert'),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const hour = Duration.hours(1);
    const flow = (name: string, service: string): IMetric =>
      monitorMetric(name, service, {}, hour).with({ label: name });
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# kz-news-monitor\nItems flow per hour, source health per cycle, function health, dead letters.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Items per hour: fetched → new → relevant → alerts sent',
        width: 12,
        left: [flow('ItemsFetched', 'fetch'), flow('ItemsNew', 'fetch'), flow('ItemsRelevant', 'classify'), flow('AlertsSent', 'alert')],
      }),
      new GraphWidget({
        title: 'Source failures per cycle',
        width: 12,
        left: props.sourceIds.map((sourceId) =>
          monitorMetric('SourceFailures', 'fetch', { sourceId }, cyclePeriod).with({ label: sourceId }),
        ),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        width: 8,
        left: props.functions.map(({ name, fn }) => fn.metricErrors({ period: Duration.minutes(5), label: name })),
      }),
      new GraphWidget({
        title: 'Function duration p95 (ms)',
        width: 8,
        left: props.functions.map(({ name, fn }) =>
          fn.metricDuration({ period: Duration.minutes(5), statistic: 'p95', label: name }),
        ),
      }),
      new SingleValueWidget({
        title: 'Dead letters / alerts failed',
        width: 8,
        metrics: [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: 'dead letters', statistic: 'Maximum' }),
          monitorMetric('AlertsFailed', 'alert', {}, hour).with({ label: 'alerts failed (1 h)' }),
        ],
      }),
    );
  }
}
