import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AlertStore, ItemStore, MonitorStore, StoryStore } from '../domain/ports';
import { DynamoAlertStore } from './dynamo-alert-store';
import { DynamoStore, type DynamoStoreOptions } from './dynamo-store';

/**
 * Items, source state, alert records and stories, all in the monitor's one table: one object whose
 * methods are those of the adapters, bound, so a method added to an adapter's port needs no wiring here.
 */
export function createMonitorStore(client: DynamoDBClient, options: DynamoStoreOptions): MonitorStore {
  const items: ItemStore = new DynamoStore(client, options);
  const alerts: AlertStore & StoryStore = new DynamoAlertStore(client, options);
  return { ...boundMethods(items), ...boundMethods(alerts) };
}

function boundMethods<T extends object>(target: T): T {
  const out: Record<string, unknown> = {};
  for (let proto = Object.getPrototypeOf(target); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (target as Record<string, unknown>)[name];
      if (name !== 'constructor' && !(name in out) && typeof value === 'function') out[name] = value.bind(target);
    }
  }
  return out as T;
}
