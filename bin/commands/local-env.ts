import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import type { MonitorStore } from '../../functions/domain/ports';
import { type Subscriber, parseSubscribers } from '../../functions/domain/alerts/subscribers';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';

/** Where the local monitor keeps its state: `.kzmon/` under the working directory. */
export function dataDir(): string {
  return resolve(process.env.KZMON_HOME ?? '.kzmon');
}

export function outboxDir(): string {
  return join(dataDir(), 'outbox');
}

export interface LocalStore {
  dynamo: LocalDynamo;
  store: MonitorStore;
  close(): Promise<void>;
}

export async function openLocalStore(options: { fresh?: boolean } = {}): Promise<LocalStore> {
  const dynamo = await startLocalDynamo({ dir: join(dataDir(), 'db'), fresh: options.fresh });
  const store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  return { dynamo, store, close: () => dynamo.close() };
}

const SAMPLE_SUBSCRIBERS = join(__dirname, '..', '..', 'functions', 'local', 'sample', 'subscribers.json');

/** Subscribers for the local outbox: the file given, else `.kzmon/subscribers.json`, else the samples. */
export function loadSubscribers(file?: string): { subscribers: Subscriber[]; from: string } {
  const candidates = file ? [resolve(file)] : [join(dataDir(), 'subscribers.json'), SAMPLE_SUBSCRIBERS];
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (file) throw new Error(`subscribers file not found: ${path}`);
      continue;
    }
    return { subscribers: parseSubscribers(JSON.parse(readFileSync(path, 'utf8'))), from: path };
  }
  return { subscribers: [], from: '(none)' };
}
