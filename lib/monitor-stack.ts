import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { DEFAULT_SOURCES } from '../functions/domain/sources/definitions';
import { type MonitorConfig, scheduleIntervalMinutes } from './config';
import { Alerts, type AlertsProps } from './constructs/alerts';
import { Ingestion } from './constructs/ingestion';
import { monitorKey } from './constructs/monitor-key';
import { Operations } from './constructs/operations';
import { QueryApi } from './constructs/query-api';
import { Storage } from './constructs/storage';

export interface MonitorStackProps extends StackProps {
  config: MonitorConfig;
}

/** The whole monitor: ingestion, storage, alerts, the query API and its operations (alarms, dashboard). */
export class MonitorStack extends Stack {
  readonly key: IKey;
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly alerts: Alerts;
  readonly queryApi: QueryApi;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.key = monitorKey(this, 'TopicKey');
    this.storage = new Storage(this, 'Storage');
    this.ingestion = new Ingestion(this, 'Ingestion', {
      table: this.storage.table,
      schedule: config.schedule,
      logRetention: config.logRetentionDays,
      seenTtlDays: config.seenTtlDays,
    });
    // encryptionKey is the subscriber topic's customer managed key (an optional prop of Alerts).
    const alertsProps: AlertsProps & { encryptionKey?: IKey } = {
      table: this.storage.table,
      subscribers: config.subscribers,
      logRetention: config.logRetentionDays,
      encryptionKey: this.key,
    };
    this.alerts = new Alerts(this, 'Alerts', alertsProps);
    this.queryApi = new QueryApi(this, 'QueryApi', { table: this.storage.table, logRetention: config.logRetentionDays });

    // Every function in the stack, including any the constructs add later, gets an errors alarm.
    const functions = this.node
      .findAll()
      .filter((c): c is LambdaFunction => c instanceof LambdaFunction)
      .map((fn) => ({ name: fn.node.id, fn }));
    this.operations = new Operations(this, 'Operations', {
      key: this.key,
      opsEmail: config.opsEmail,
      functions,
      deadLetterQueue: this.ingestion.deadLetterQueue,
      sourceIds: DEFAULT_SOURCES.filter((s) => s.enabled).map((s) => s.id),
      cycleMinutes: scheduleIntervalMinutes(config.schedule),
    });
  }
}
