import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { monitorFunction } from './monitor-function';

export interface IngestionProps {
  table: TableV2;
  schedule: string;
  logRetention: RetentionDays;
  seenTtlDays: number;
}

/** Scheduled fetch of every source into a queue, and the classify function that drains it. */
export class Ingestion extends Construct {
  readonly fetchFunction: NodejsFunction;
  readonly classifyFunction: NodejsFunction;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'NewItems', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    this.fetchFunction = monitorFunction(this, 'Fetch', {
      handler: 'fetch',
      description: 'Reads Kazinform and MFA sources and queues new items',
      memorySize: 512,
      timeout: Duration.seconds(120),
      logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName, QUEUE_URL: this.queue.queueUrl },
    });
    this.queue.grantSendMessages(this.fetchFunction);
    props.table.grantReadWriteData(this.fetchFunction);

    this.classifyFunction = monitorFunction(this, 'Classify', {
      handler: 'classify',
      description: 'Extracts, classifies and stores each new item',
      memorySize: 1024,
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
      environment: { TABLE_NAME: props.table.tableName, SEEN_TTL_DAYS: String(props.seenTtlDays) },
    });
    props.table.grantReadWriteData(this.classifyFunction);
    this.classifyFunction.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );

    new Schedule(this, 'FetchSchedule', {
      description: 'Runs the fetch cycle',
      schedule: ScheduleExpression.expression(props.schedule),
      target: new LambdaInvoke(this.fetchFunction, { retryAttempts: 0 }),
    });
  }
}
