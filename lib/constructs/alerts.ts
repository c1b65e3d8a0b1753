import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { type FilterPolicy, filterPolicyFor } from '../../functions/domain/alerts/filter-policy';
import type { Subscriber } from '../../functions/domain/alerts/subscribers';
import { monitorFunction } from './monitor-function';

export interface AlertsProps {
  table: TableV2;
  subscribers: Subscriber[];
  logRetention: RetentionDays;
}

function toSnsFilter(policy: FilterPolicy): Record<string, SubscriptionFilter> {
  return Object.fromEntries(
    Object.entries(policy).map(([key, conditions]) => {
      const strings = conditions.filter((c): c is string => typeof c === 'string');
      if (strings.length) return [key, SubscriptionFilter.stringFilter({ allowlist: strings })];
      const numeric = conditions.find((c) => typeof c !== 'string');
      return [key, SubscriptionFilter.numericFilter({ greaterThanOrEqualTo: numeric!.numeric[1] })];
    }),
  );
}

/** The subscribers' topic, one filtered subscription each, and the sweep that publishes pending alerts. */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly alertFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Subscribers', { displayName: 'KZ news monitor', enforceSSL: true });
    for (const s of props.subscribers) {
      const filterPolicy = toSnsFilter(filterPolicyFor(s));
      this.topic.addSubscription(
        s.email ? new EmailSubscription(s.email, { filterPolicy }) : new SmsSubscription(s.phone!, { filterPolicy }),
      );
    }
    this.alertFunction = monitorFunction(this, 'Alert', {
      handler: 'alert',
      description: 'Publishes pending alerts to subscribers',
      memorySize: 256,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName, TOPIC_ARN: this.topic.topicArn },
    });
    props.table.grantReadWriteData(this.alertFunction);
    this.topic.grantPublish(this.alertFunction);
    new Schedule(this, 'AlertSweep', {
      description: 'Publishes pending alerts',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.alertFunction, { retryAttempts: 0 }),
    });
  }
}
