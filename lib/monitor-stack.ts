import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MonitorConfig } from './config';
import { Alerts } from './constructs/alerts';
import { Ingestion } from './constructs/ingestion';
import { QueryApi } from './constructs/query-api';
import { Storage } from './constructs/storage';

export interface MonitorStackProps extends StackProps {
  config: MonitorConfig;
}

/** The whole monitor: ingestion, storage, alerts and the query API. */
export class MonitorStack extends Stack {
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly alerts: Alerts;
  readonly queryApi: QueryApi;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.storage = new Storage(this, 'Storage');
    this.ingestion = new Ingestion(this, 'Ingestion', {
      table: this.storage.table,
      schedule: config.schedule,
      logRetention: config.logRetentionDays,
      seenTtlDays: config.seenTtlDays,
    });
    this.alerts = new Alerts(this, 'Alerts', {
      table: this.storage.table,
      subscribers: config.subscribers,
      logRetention: config.logRetentionDays,
    });
    this.queryApi = new QueryApi(this, 'QueryApi', { table: this.storage.table, logRetention: config.logRetentionDays });
  }
}
