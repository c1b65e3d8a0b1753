import { Duration } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  type IWidget,
  SingleValueWidget,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { emittedMetric } from './operations';

export interface MonitorDashboardProps {
  name: string;
  metricNamespace: string;
  cycleMinutes: number;
  functions: { name: string; fn: IFunction }[];
  newItemsQueue: IQueue;
  deadLetterQueue: IQueue;
  failedRuns: IQueue;
  subscriberTopic: ITopic;
}

/**
 * The optional dashboard (`"dashboard": true`): free within the always-free tier's three dashboards,
 * $3 a month at list price. The item flow comes from AWS metrics (SQS, SNS, Lambda), which cost nothing.
 */
export class MonitorDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitorDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# kz-news-monitor\nItems per hour, source failures per cycle, function health, dead letters.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(...itemFlowRow(props));
    this.dashboard.addWidgets(...healthRow(props));
  }
}

/** How items move: new, classified, alerted, and the sources that gave nothing. */
function itemFlowRow(props: MonitorDashboardProps): IWidget[] {
  const hour = Duration.hours(1);
  return [
    new GraphWidget({
      title: 'Items per hour: new (queued) → classified → alerts published',
      width: 12,
      left: [
        props.newItemsQueue.metricNumberOfMessagesSent({
          period: hour,
          statistic: 'Sum',
          label: 'new items',
        }),
        props.newItemsQueue.metricNumberOfMessagesDeleted({
          period: hour,
          statistic: 'Sum',
          label: 'classified',
        }),
        props.subscriberTopic.metricNumberOfMessagesPublished({
          period: hour,
          statistic: 'Sum',
          label: 'alerts published',
        }),
        props.subscriberTopic.metricNumberOfNotificationsFailed({
          period: hour,
          statistic: 'Sum',
          label: 'deliveries failed',
        }),
      ],
    }),
    new GraphWidget({
      title: 'Sources failed / blocked per cycle',
      width: 12,
      left: [
        emittedMetric(
          props.metricNamespace,
          ['fetch', 'SourceFailures'],
          Duration.minutes(props.cycleMinutes),
        ).with({ label: 'failed' }),
        emittedMetric(
          props.metricNamespace,
          ['fetch', 'SourcesBlocked'],
          Duration.minutes(props.cycleMinutes),
        ).with({ label: 'blocked' }),
      ],
    }),
  ];
}

/** Whether the functions are healthy and whether anything is waiting for a person. */
function healthRow(props: MonitorDashboardProps): IWidget[] {
  const hour = Duration.hours(1);
  const five = Duration.minutes(5);
  return [
    new GraphWidget({
      title: 'Function errors',
      width: 8,
      left: props.functions.map(({ name, fn }) => fn.metricErrors({ period: five, label: name })),
    }),
    new GraphWidget({
      title: 'Function duration p95 (ms)',
      width: 8,
      left: props.functions.map(({ name, fn }) =>
        fn.metricDuration({ period: five, statistic: 'p95', label: name }),
      ),
    }),
    new SingleValueWidget({
      title: 'Dead letters / failed runs / alerts refused',
      width: 8,
      metrics: [
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          label: 'dead letters',
          statistic: 'Maximum',
        }),
        props.failedRuns.metricApproximateNumberOfMessagesVisible({
          label: 'failed runs',
          statistic: 'Maximum',
        }),
        emittedMetric(props.metricNamespace, ['alert', 'AlertsFailed'], hour).with({
          label: 'alerts refused (1 h)',
        }),
      ],
    }),
  ];
}
