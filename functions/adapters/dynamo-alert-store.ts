import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { AlertRecord, AlertStore } from '../domain/ports';
import { documentClient, stripKeys } from './dynamo-store';

/**
 * Alert records in the monitor's table:
 *   ITEM#<id> / ALERT   the alert; gsi2pk=ALERT#PENDING (index byPendingAlert) while it waits to be sent
 */
export class DynamoAlertStore implements AlertStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly options: { tableName: string },
  ) {
    this.doc = documentClient(client);
  }

  private get table(): string {
    return this.options.tableName;
  }

  async recordPendingAlert(alert: AlertRecord): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          ConditionExpression: 'attribute_not_exists(pk)',
          Item: {
            pk: `ITEM#${alert.itemId}`,
            sk: 'ALERT',
            gsi2pk: 'ALERT#PENDING',
            gsi2sk: `${alert.createdAt}#${alert.alertId}`,
            ...alert,
          },
        }),
      );
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'exists';
      throw err;
    }
  }

  async listPendingAlerts(createdBefore: Date): Promise<AlertRecord[]> {
    const out: AlertRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'byPendingAlert',
          KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :t',
          ExpressionAttributeValues: { ':p': 'ALERT#PENDING', ':t': `${createdBefore.toISOString()}\uffff` },
          ExclusiveStartKey: start,
        }),
      );
      for (const r of res.Items ?? []) out.push(stripKeys(r) as unknown as AlertRecord);
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async markAlertSent(alertId: string, messageId: string, sentAt: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `ITEM#${alertId}`, sk: 'ALERT' },
        UpdateExpression: 'SET #s = :sent, sentAt = :at, messageId = :m REMOVE gsi2pk, gsi2sk',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt.toISOString(), ':m': messageId },
      }),
    );
  }
}
