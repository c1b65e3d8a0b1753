import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MonitorStore } from '../domain/ports';
import { DynamoAlertStore } from './dynamo-alert-store';
import { DynamoStore, type DynamoStoreOptions } from './dynamo-store';

/** Items, source state and alert records, all in the monitor's one table. */
export function createMonitorStore(client: DynamoDBClient, options: DynamoStoreOptions): MonitorStore {
  const items = new DynamoStore(client, options);
  const alerts = new DynamoAlertStore(client, options);
  return {
    getSourceStates: (ids) => items.getSourceStates(ids),
    putSourceState: (state) => items.putSourceState(state),
    listSourceStates: () => items.listSourceStates(),
    findUnseen: (ids, now) => items.findUnseen(ids, now),
    saveRelevantItem: (item) => items.saveRelevantItem(item),
    saveSeenMark: (id, sourceId, now) => items.saveSeenMark(id, sourceId, now),
    getItem: (id) => items.getItem(id),
    queryItems: (q) => items.queryItems(q),
    recordPendingAlert: (a) => alerts.recordPendingAlert(a),
    listPendingAlerts: (before) => alerts.listPendingAlerts(before),
    markAlertSent: (id, messageId, at) => alerts.markAlertSent(id, messageId, at),
  };
}
