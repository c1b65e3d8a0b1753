import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_SMS_MONTHLY_CAP } from '../../functions/domain/alerts/sms-cap';
import { monitorFunction } from './monitor-function';
import {
  grantChannelDeliveryAccess,
  grantStreamedAlertAccess,
  grantSubscriberAdminAccess,
} from './table-access';

/** The subscriber routes on the (IAM-authorized) HTTP API, beside the query routes. */
export const SUBSCRIBER_ROUTES = [
  { path: '/subscribers', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/subscribers/{id}', methods: [HttpMethod.DELETE] },
  { path: '/subscribers/{id}/test', methods: [HttpMethod.POST] },
] as const;

/** Lambda's retries of a failed delivery invocation before it goes to the failed-runs queue. */
export const DELIVERY_RETRIES = 2;

export interface DeliveryProps {
  table: ITable;
  topic: Topic;
  api: HttpApi;
  /** The sweep and the digest: they read subscribers and count SMS like the stream function. */
  alertFunction: NodejsFunction;
  digestFunction: NodejsFunction;
  /** Where stream batches that kept failing are recorded (the failed-runs alarm reads it). */
  failedRuns: IQueue;
  logRetention: RetentionDays;
  namePrefix: string;
  /** SMS per subscriber per month; over it, alerts go to the digest email or are skipped. */
  smsMonthlyCap?: number;
}

/**
 * Subscribers as data, and every channel: the table's stream sends each new alert within seconds
 * (the sweep is the backstop), the subscribers' topic invokes the Telegram and webhook delivery (SNS
 * itself delivers email and SMS), and the subscriber routes manage subscribers and
 * their SNS subscriptions. The Telegram bot token is a SecureString the operator puts in Parameter
 * Store; only its name is in the template.
 */
export class Delivery extends Construct {
  readonly streamAlertFunction: NodejsFunction;
  readonly deliverFunction: NodejsFunction;
  readonly subscribersFunction: NodejsFunction;
  readonly adminPolicy: ManagedPolicy;
  readonly telegramTokenParameter: string;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    const smsCap = String(props.smsMonthlyCap ?? DEFAULT_SMS_MONTHLY_CAP);
    this.telegramTokenParameter = `/${props.namePrefix}/telegram-bot-token`;
    const parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: this.telegramTokenParameter.slice(1),
    });
    const readToken = new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] });
    const base = { TABLE_NAME: props.table.tableName, TOPIC_ARN: props.topic.topicArn };
    for (const fn of [props.alertFunction, props.digestFunction]) {
      fn.addEnvironment('SMS_MONTHLY_CAP', smsCap);
      grantStreamedAlertAccess(props.table, fn);
    }
    this.streamAlertFunction = this.streamAlerts(props, { ...base, SMS_MONTHLY_CAP: smsCap });
    this.deliverFunction = this.channelDelivery(props, readToken);
    this.subscribersFunction = this.subscriberRoutes(props, base, readToken);
    this.adminPolicy = this.subscriberAdmins(props);
    this.acknowledgeFindings(props);
  }

  /** Each new instant alert published within seconds of the table recording it. */
  private streamAlerts(props: DeliveryProps, environment: Record<string, string>): NodejsFunction {
    const fn = monitorFunction(this, 'StreamAlert', {
      handler: 'stream-alert',
      description: 'Publishes each new alert as soon as the table records it',
      memorySize: 256,
      // Shorter than the claim lease (5 min), as the sweep's.
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment,
    });
    grantStreamedAlertAccess(props.table, fn);
    props.topic.grantPublish(fn);
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        // Retried twice, then recorded in the failed-runs queue; the alert stays pending for the sweep.
        retryAttempts: 2,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(props.failedRuns),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              NewImage: {
                pk: { S: FilterRule.beginsWith('ALERT#') },
                status: { S: FilterRule.isEqual('pending') },
                type: { S: FilterRule.isEqual('instant') },
              },
            },
          }),
        ],
      }),
    );
    return fn;
  }

  /** Telegram and webhook delivery, invoked by the subscribers' topic (SNS delivers email and SMS). */
  private channelDelivery(props: DeliveryProps, readToken: PolicyStatement): NodejsFunction {
    const fn = monitorFunction(this, 'Deliver', {
      handler: 'deliver',
      description: 'Posts published alerts to Telegram and webhook subscribers',
      memorySize: 256,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      environment: {
        TABLE_NAME: props.table.tableName,
        TELEGRAM_TOKEN_PARAMETER: this.telegramTokenParameter,
      },
    });
    grantChannelDeliveryAccess(props.table, fn);
    fn.addToRolePolicy(readToken);
    // The topic invokes it directly (no queue to poll while idle, so nothing to pay for): a failed
    // invocation is retried twice by Lambda, then recorded in the failed-runs queue, which is alarmed.
    props.topic.addSubscription(new LambdaSubscription(fn));
    fn.configureAsyncInvoke({
      retryAttempts: DELIVERY_RETRIES,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(props.failedRuns),
    });
    return fn;
  }

  /** The subscriber routes: subscribers as data, and their SNS subscriptions. */
  private subscriberRoutes(
    props: DeliveryProps,
    base: Record<string, string>,
    readToken: PolicyStatement,
  ): NodejsFunction {
    const fn = monitorFunction(this, 'Subscribers', {
      handler: 'subscribers',
      description: 'Answers the subscriber routes: add, list, remove, test',
      memorySize: 256,
      timeout: Duration.seconds(20),
      logRetention: props.logRetention,
      environment: { ...base, TELEGRAM_TOKEN_PARAMETER: this.telegramTokenParameter },
    });
    grantSubscriberAdminAccess(props.table, fn);
    fn.addToRolePolicy(readToken);
    props.topic.grantPublish(fn);
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'SubscribeToTheTopic',
        actions: ['sns:Subscribe'],
        resources: [props.topic.topicArn],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'ManageTheTopicsSubscriptions',
        actions: ['sns:Unsubscribe', 'sns:GetSubscriptionAttributes'],
        resources: [`${props.topic.topicArn}:*`],
      }),
    );
    const integration = new HttpLambdaIntegration('SubscribersIntegration', fn);
    for (const route of SUBSCRIBER_ROUTES) {
      props.api.addRoutes({ path: route.path, methods: [...route.methods], integration });
    }
    return fn;
  }

  /** The policy a person needs to manage subscribers: invoking the subscriber routes, nothing else. */
  private subscriberAdmins(props: DeliveryProps): ManagedPolicy {
    return new ManagedPolicy(this, 'SubscriberAdmins', {
      managedPolicyName: `${props.namePrefix}-subscriber-admins`,
      description: 'Attach to people who may manage kz-news-monitor subscribers (kzmon subscribers --api)',
      statements: [
        new PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: SUBSCRIBER_ROUTES.flatMap((r) =>
            // Pseudo parameters, not the known account and region: one finding id to acknowledge either way.
            r.methods.map(
              (m) =>
                `arn:${Aws.PARTITION}:execute-api:${Aws.REGION}:${Aws.ACCOUNT_ID}:${props.api.apiId}/$default/${m}${r.path.replace(/\{[^}]+\}/g, '*')}`,
            ),
          ),
        }),
      ],
    });
  }

  /** The wildcards these grants need, each acknowledged by its exact finding id. */
  private acknowledgeFindings(props: DeliveryProps): void {
    const stack = Stack.of(this);
    Validations.of(this.streamAlertFunction.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "dynamodb:ListStreams, which Lambda's DynamoDB event source needs and which IAM only grants on '*'; " +
        'reading the records (GetRecords, GetShardIterator, DescribeStream) is granted on this table stream only.',
    });
    const topic = stack.getLogicalId(props.topic.node.defaultChild as never);
    Validations.of(this.subscribersFunction.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${topic}>:*]`,
      reason:
        "sns:Unsubscribe and sns:GetSubscriptionAttributes name a subscription, whose ARN is the topic's followed by an id SNS picks: the wildcard " +
        'covers the subscriptions of the subscribers topic only.',
    });
    const api = stack.getLogicalId(props.api.node.defaultChild as never);
    for (const route of ['DELETE/subscribers/*', 'POST/subscribers/*/test']) {
      Validations.of(this.adminPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${api}>/$default/${route}]`,
        reason:
          'The subscriber id is in the path, so the route ARN ends in a wildcard; it covers this one route of this API and stage.',
      });
    }
  }
}
