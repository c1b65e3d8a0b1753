import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type DispatchDeps, dispatchAlerts } from '../domain/alerts/dispatch-alerts';
import type { AlertRecord } from '../domain/ports';
import { cachedSubscribers, makeDeliveryStore, smsCapSettings } from './delivery-runtime';
import { makePublisher } from './publisher-runtime';
import { makeStore } from './runtime';

/** The alert record a stream record carries, or null when it is not a new pending instant alert. */
export function streamedAlert(record: DynamoDBRecord): AlertRecord | null {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return null;
  const row = unmarshall(image as Record<string, AttributeValue>);
  if (typeof row.pk !== 'string' || !row.pk.startsWith('ALERT#') || row.status !== 'pending') return null;
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _gs, ...alert } = row;
  return alert as AlertRecord;
}

/**
 * Alerts within a minute: the table's stream (filtered to new pending alert records) triggers this as
 * soon as an alert is recorded, and it publishes through the same claim → publish → mark path as the
 * sweep, so the two never both send one alert. A record whose alert failed is reported back; Lambda
 * retries it, then hands it to the failure destination, and the sweep (the backstop) still sends it.
 */
export function streamHandler(deps: () => Promise<DispatchDeps>) {
  return async (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> => {
    const d = await deps();
    const failures: { itemIdentifier: string }[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        const alert = streamedAlert(record);
        if (!alert) return;
        const result = await dispatchAlerts(d, [alert]);
        if (result.failed > 0 && record.dynamodb?.SequenceNumber) {
          failures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
        }
      }),
    );
    // No custom metric (emitted-metrics.ts): a failed record goes back to the stream and, after its
    // retries, to the failed-runs queue (alarmed); the sweep republishes whatever stays pending.
    if (failures.length > 0)
      d.log.warn('streamed alerts not published; the stream retries them', { failed: failures.length });
    return { batchItemFailures: failures };
  };
}

const logger = new Logger({ serviceName: 'kzmon-stream-alert' });
const store = makeStore();
const publisher = makePublisher();
const deliveries = makeDeliveryStore();
const subscribers = cachedSubscribers(deliveries);

export const handler = streamHandler(async () => ({
  store,
  publisher,
  log: logger,
  subscribers: (await subscribers()).policies,
  sms: smsCapSettings(deliveries),
}));
