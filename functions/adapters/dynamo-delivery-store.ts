import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { almatyDay } from '../domain/alerts/local-time';
import type { StoredSubscriber } from '../domain/alerts/subscribers';
import type {
  AlertMessage,
  DeliveryLedger,
  DeliveryRecord,
  HeldAlert,
  SmsQuota,
  SubscriberStore,
} from '../domain/ports';
import { documentClient, stripKeys } from './dynamo-store';

/**
 * Subscribers, the per-(alert, subscriber) delivery ledger of the Telegram and webhook channels, and
 * the monthly SMS counts, in the monitor's table (conditional writes only, so dynalite serves the same
 * code):
 *   SUBSCRIBERS      / <id>                 one subscriber (channel, address, filter)
 *   DELIVERY#<alert> / SUB#<subscriber>     one channel delivery: sending → delivered | failed | dead
 *   SMS#<subscriber> / MONTH#<yyyy-mm>      SMS sent this month (and the alert ids counted), over-cap counts
 *   SMS#<subscriber> / HELD#<day>#<alert>   an alert the cap held back, for that subscriber's digest email
 *   CHANNELRETRY     / <alert>              local runs only: an alert with channel deliveries to retry
 */
export class DynamoDeliveryStore implements SubscriberStore, DeliveryLedger, SmsQuota {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(client: DynamoDBClient, options: { tableName: string }) {
    this.doc = documentClient(client);
    this.table = options.tableName;
  }

  // ---- subscribers -----------------------------------------------------------------------------

  async addSubscriber(subscriber: StoredSubscriber): Promise<'created' | 'exists'> {
    const ok = await this.conditional(
      new PutCommand({
        TableName: this.table,
        Item: { pk: 'SUBSCRIBERS', sk: subscriber.id, ...subscriber },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return ok ? 'created' : 'exists';
  }

  async getSubscriber(id: string): Promise<StoredSubscriber | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: 'SUBSCRIBERS', sk: id }, ConsistentRead: true }),
    );
    return res.Item ? (stripKeys(res.Item) as unknown as StoredSubscriber) : null;
  }

  async listSubscribers(): Promise<StoredSubscriber[]> {
    return (await this.queryAll('SUBSCRIBERS')) as unknown as StoredSubscriber[];
  }

  async removeSubscriber(id: string): Promise<StoredSubscriber | null> {
    const res = await this.doc.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: 'SUBSCRIBERS', sk: id },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return res.Attributes ? (stripKeys(res.Attributes) as unknown as StoredSubscriber) : null;
  }

  // ---- channel delivery ledger -----------------------------------------------------------------

  async claimDelivery(
    alertId: string,
    subscriberId: string,
    token: string,
    now: Date,
    leaseMs: number,
  ): Promise<{ claimed: boolean; record: DeliveryRecord }> {
    try {
      const res = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: deliveryKey(alertId, subscriberId),
          ConditionExpression:
            'attribute_not_exists(pk) OR #s = :failed OR (#s = :sending AND leaseUntil < :now)',
          UpdateExpression:
            'SET #s = :sending, alertId = :a, subscriberId = :sub, leaseUntil = :lease, claimToken = :token, attempts = if_not_exists(attempts, :zero) + :one',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':sending': 'sending',
            ':now': now.toISOString(),
            ':a': alertId,
            ':sub': subscriberId,
            ':lease': new Date(now.getTime() + leaseMs).toISOString(),
            ':token': token,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { claimed: true, record: stripKeys(res.Attributes ?? {}) as unknown as DeliveryRecord };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const res = await this.doc.send(
        new GetCommand({
          TableName: this.table,
          Key: deliveryKey(alertId, subscriberId),
          ConsistentRead: true,
        }),
      );
      return { claimed: false, record: stripKeys(res.Item ?? {}) as unknown as DeliveryRecord };
    }
  }

  async markDelivered(alertId: string, subscriberId: string, receipt: string, at: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: deliveryKey(alertId, subscriberId),
        UpdateExpression:
          'SET #s = :d, deliveredAt = :at, receipt = :r REMOVE leaseUntil, claimToken, lastError',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':d': 'delivered', ':at': at.toISOString(), ':r': receipt },
      }),
    );
  }

  async releaseDelivery(
    alertId: string,
    subscriberId: string,
    token: string,
    error: string,
    dead: boolean,
  ): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: deliveryKey(alertId, subscriberId),
        ConditionExpression: '#s = :sending AND claimToken = :token',
        UpdateExpression: 'SET #s = :next, lastError = :e REMOVE leaseUntil, claimToken',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':token': token,
          ':next': dead ? 'dead' : 'failed',
          ':e': error.slice(0, 1000),
        },
      }),
    );
  }

  async listDeliveries(alertId: string): Promise<DeliveryRecord[]> {
    return (await this.queryAll(`DELIVERY#${alertId}`)) as unknown as DeliveryRecord[];
  }

  async queueChannelRetry(alertId: string, message: AlertMessage): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { pk: 'CHANNELRETRY', sk: alertId, alertId, message } }),
    );
  }

  async listChannelRetries(): Promise<{ alertId: string; message: AlertMessage }[]> {
    return (await this.queryAll('CHANNELRETRY')) as unknown as { alertId: string; message: AlertMessage }[];
  }

  async clearChannelRetry(alertId: string): Promise<void> {
    await this.doc.send(
      new DeleteCommand({ TableName: this.table, Key: { pk: 'CHANNELRETRY', sk: alertId } }),
    );
  }

  // ---- SMS quota -------------------------------------------------------------------------------

  async takeSms(subscriberId: string, month: string, alertId: string, cap: number): Promise<boolean> {
    // A cap of 0 turns SMS off (the condition below would let the month's first one through).
    if (cap <= 0) return false;
    const key = { pk: `SMS#${subscriberId}`, sk: `MONTH#${month}` };
    const counted = await this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        ConditionExpression: '(attribute_not_exists(sent) OR sent < :cap) AND NOT contains(alertIds, :a)',
        UpdateExpression: 'ADD sent :one, alertIds :set',
        ExpressionAttributeValues: { ':cap': cap, ':a': alertId, ':one': 1, ':set': new Set([alertId]) },
      }),
    );
    if (counted) return true;
    // Refused either because this alert was counted before (a retried publish: allowed) or by the cap.
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    const ids = res.Item?.alertIds as Set<string> | undefined;
    return ids?.has(alertId) ?? false;
  }

  async recordOverCap(subscriberId: string, month: string, held: HeldAlert): Promise<void> {
    const day = almatyDay(held.heldAt);
    const fresh = await this.conditional(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `SMS#${subscriberId}`, sk: `HELD#${day}#${held.alertId}`, ...held },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    // Counted once per alert, however often the sweep meets it.
    if (!fresh) return;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `SMS#${subscriberId}`, sk: `MONTH#${month}` },
        UpdateExpression: held.outcome === 'queued' ? 'ADD overCap :one' : 'ADD overCap :one, skipped :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  async listHeldAlerts(subscriberId: string, day: string): Promise<HeldAlert[]> {
    return (await this.queryAll(`SMS#${subscriberId}`, `HELD#${day}#`)) as unknown as HeldAlert[];
  }

  async getSmsCount(
    subscriberId: string,
    month: string,
  ): Promise<{ sent: number; overCap: number; skipped: number }> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `SMS#${subscriberId}`, sk: `MONTH#${month}` },
        ConsistentRead: true,
      }),
    );
    const n = (v: unknown) => Number(v ?? 0);
    return { sent: n(res.Item?.sent), overCap: n(res.Item?.overCap), skipped: n(res.Item?.skipped) };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async queryAll(pk: string, skPrefix?: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: skPrefix ? 'pk = :p AND begins_with(sk, :s)' : 'pk = :p',
          ExpressionAttributeValues: skPrefix ? { ':p': pk, ':s': skPrefix } : { ':p': pk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const r of res.Items ?? []) out.push(stripKeys(r));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** A write whose condition failed: false, never an error. */
  private async conditional(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.doc.send(command as PutCommand);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}

function deliveryKey(alertId: string, subscriberId: string) {
  return { pk: `DELIVERY#${alertId}`, sk: `SUB#${subscriberId}` };
}

function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err as Error).name === 'ConditionalCheckFailedException'
  );
}
