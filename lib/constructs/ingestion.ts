import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { monitorFunction, scheduledInvocation } from './monitor-function';
import { grantClassifyAccess, grantFetchAccess } from './table-access';

export interface IngestionProps {
  table: ITable;
  schedule: string;
  /** Longest gap between fetch cycles: a fetch event older than that is dropped, not run late. */
  cycleMinutes: number;
  /** Where failed or dropped fetch runs are recorded (the failed-runs alarm reads it). */
  failedRuns: IQueue;
  logRetention: RetentionDays;
  seenTtlDays: number;
  /** Sent in the crawler's User-Agent (KZMON_CONTACT) by the functions that fetch from the sites. */
  crawlerContact?: string;
}

/**
 * Sizing (docs/deploy.md, "Memory and timeouts", measured with scripts/measure-functions.ts): memory
 * from the peak RSS of bundle load + one event, with headroom; timeouts from the HTTP client's worst
 * case, not the typical run: a request may take 3 attempts × 20 s plus backoff, and classify's pages
 * share 2 connections per host, so a batch of 10 pages from one site is 5 rounds. The queue's
 * visibility timeout is six times classify's, as AWS recommends for SQS event sources.
 */
const FETCH = { memorySize: 256, timeout: Duration.seconds(180) };
const CLASSIFY = { memorySize: 512, timeout: Duration.seconds(120), batchSize: 10 };
/** Receives before a new item goes to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

/** Scheduled fetch of every source into a queue, and the classify function that drains it. */
export class Ingestion extends Construct {
  readonly fetchFunction: NodejsFunction;
  readonly classifyFunction: NodejsFunction;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** How long a received item stays invisible: six times classify's timeout, as AWS recommends. */
  readonly queueVisibilityTimeout = Duration.seconds(CLASSIFY.timeout.toSeconds() * 6);
  /** Powertools idempotency records of the classify function (short-lived locks, TTL-expired). */
  readonly idempotencyTable: Table;
  readonly fetchSchedule: Schedule;

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
      visibilityTimeout: this.queueVisibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    this.idempotencyTable = this.idempotencyLocks();
    this.fetchFunction = this.fetcher(props);
    this.classifyFunction = this.classifier(props);
    this.fetchSchedule = this.schedule(props);
  }

  /** Classify's idempotency locks: a table of short-lived records, apart from the monitor's data. */
  private idempotencyLocks(): Table {
    const table = new Table(this, 'Idempotency', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiration',
      // Short-lived locks: the AWS owned key encrypts them at rest without any KMS request.
      encryption: TableEncryption.DEFAULT,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Holds only Powertools idempotency locks that expire within an hour; a point-in-time restore of ' +
        'them would serve no purpose, and losing them only means one item may be processed twice, which ' +
        'the conditional writes already make harmless.',
    });
    return table;
  }

  /** The fetch function: reads the sources and queues each new item. */
  private fetcher(props: IngestionProps): NodejsFunction {
    const fn = monitorFunction(this, 'Fetch', {
      handler: 'fetch',
      description: 'Reads Kazinform and MFA sources and queues new items',
      ...FETCH,
      logRetention: props.logRetention,
      environment: {
        TABLE_NAME: props.table.tableName,
        QUEUE_URL: this.queue.queueUrl,
        ...contactEnv(props),
      },
    });
    this.queue.grantSendMessages(fn);
    grantFetchAccess(props.table, fn);
    return fn;
  }

  /** The classify function: drains the queue, a few pages at a time. */
  private classifier(props: IngestionProps): NodejsFunction {
    const fn = monitorFunction(this, 'Classify', {
      handler: 'classify',
      description: 'Extracts, classifies and stores each new item',
      memorySize: CLASSIFY.memorySize,
      timeout: CLASSIFY.timeout,
      logRetention: props.logRetention,
      environment: {
        TABLE_NAME: props.table.tableName,
        SEEN_TTL_DAYS: String(props.seenTtlDays),
        IDEMPOTENCY_TABLE: this.idempotencyTable.tableName,
        ...contactEnv(props),
      },
    });
    grantClassifyAccess(props.table, fn);
    this.idempotencyTable.grant(
      fn,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: CLASSIFY.batchSize,
        reportBatchItemFailures: true,
        // Politeness towards the news sites: at most five pages fetched at once.
        maxConcurrency: 5,
      }),
    );
    return fn;
  }

  /** The fetch cycle's schedule; a missed or failed run is recorded, not retried. */
  private schedule(props: IngestionProps): Schedule {
    const schedule = new Schedule(this, 'FetchSchedule', {
      description: 'Runs the fetch cycle',
      schedule: ScheduleExpression.expression(props.schedule),
      // A missed cycle is covered by the next one; retrying would only overlap it.
      target: new LambdaInvoke(this.fetchFunction, { retryAttempts: 0 }),
    });
    scheduledInvocation(this.fetchFunction, {
      maxEventAge: Duration.minutes(props.cycleMinutes),
      failedRuns: props.failedRuns,
    });
    return schedule;
  }
}

function contactEnv(props: IngestionProps): Record<string, string> {
  return props.crawlerContact ? { KZMON_CONTACT: props.crawlerContact } : {};
}
