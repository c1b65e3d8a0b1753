import { Duration, TimeZone } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { type FilterPolicy, subscriberPolicies } from '../../functions/domain/alerts/filter-policy';
import type { Subscriber } from '../../functions/domain/alerts/subscribers';
import { monitorFunction } from './monitor-function';
import { grantAlertSweepAccess, grantDigestAccess } from './table-access';

export interface AlertsProps {
  table: TableV2;
  subscribers: Subscriber[];
  logRetention: RetentionDays;
  /** Encrypts the topic at rest (the key must let SNS use it; grantPublish grants the functions). */
  encryptionKey?: IKey;
  /** Local hour (Asia/Almaty) the daily digest goes out; default 8. */
  digestHour?: number;
}

/** The same policy filterPolicyFor() builds, in CDK's terms (only the operators filterPolicyFor uses). */
export function toSnsFilter(policy: FilterPolicy): Record<string, SubscriptionFilter> {
  return Object.fromEntries(
    Object.entries(policy).map(([key, conditions]) => {
      if (conditions.every((c) => typeof c === 'string')) {
        return [key, SubscriptionFilter.stringFilter({ allowlist: conditions as string[] })];
      }
      const [cond] = conditions;
      if (
        conditions.length === 1 &&
        typeof cond === 'object' &&
        'numeric' in cond &&
        cond.numeric[0] === '>='
      ) {
        return [key, SubscriptionFilter.numericFilter({ greaterThanOrEqualTo: Number(cond.numeric[1]) })];
      }
      throw new Error(`filter policy key ${key}: no CDK mapping for ${JSON.stringify(conditions)}`);
    }),
  );
}

/**
 * The subscribers' topic with one filtered subscription each (SNS does the routing), the sweep that
 * publishes pending alerts every minute, and the daily digest each morning, Almaty time.
 */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly alertFunction: NodejsFunction;
  readonly digestFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Subscribers', {
      displayName: 'KZ news monitor',
      enforceSSL: true,
      masterKey: props.encryptionKey,
    });
    const policies = subscriberPolicies(props.subscribers);
    props.subscribers.forEach((s, i) => {
      const filterPolicy = toSnsFilter(policies[i]!.policy);
      this.topic.addSubscription(
        s.email
          ? new EmailSubscription(s.email, { filterPolicy })
          : new SmsSubscription(s.phone as string, { filterPolicy }),
      );
    });
    // Ids and policies only (no address): the sweep narrows later copies of a story with them. Lambda
    // allows 4 KB of environment in all, which holds about 25 subscribers.
    if (JSON.stringify(policies).length > 3_500) {
      throw new Error(
        `too many subscribers (${policies.length}) for the alert function's environment; keep them under ~25`,
      );
    }
    const environment = {
      TABLE_NAME: props.table.tableName,
      TOPIC_ARN: this.topic.topicArn,
      SUBSCRIBER_POLICIES: JSON.stringify(policies),
    };

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
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.alertFunction, { retryAttempts: 0 }),
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
      target: new LambdaInvoke(this.digestFunction, { retryAttempts: 2 }),
    });
  }
}
