import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { almatyDay } from '../domain/alerts/local-time';
import type { AlertRecord, AlertStore, StoryKeyRecord, StoryMember, StoryStore } from '../domain/ports';
import { documentClient, stripKeys } from './dynamo-store';

/**
 * Alert and story records in the monitor's table (no transactions, streams or TTL needed, so the same
 * code runs on dynalite):
 *   ALERT#<alertId> / ALERT          the alert; gsi2pk=ALERT#PENDING (index byPendingAlert) until it is
 *                                    sent or suppressed, gsi2sk=<createdAt>#<alertId>
 *   STORYKEY#<key>  / STORYKEY       a story key (FP#… title fingerprint band, EV#… event signature)
 *   STORY#<storyId> / STORY          the member counter (sequence numbers)
 *   STORY#<storyId> / MEMBER#<item>  one copy of the story
 *   STORYDAY#<day>  / <story>#<item> the copies that joined on an Almaty day, for the digest
 */
export class DynamoAlertStore implements AlertStore, StoryStore {
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

  // ---- alerts ----------------------------------------------------------------------------------

  async recordPendingAlert(alert: AlertRecord): Promise<'created' | 'exists'> {
    const created = await this.conditionalPut({
      pk: `ALERT#${alert.alertId}`,
      sk: 'ALERT',
      gsi2pk: 'ALERT#PENDING',
      gsi2sk: `${alert.createdAt}#${alert.alertId}`,
      ...alert,
    });
    return created ? 'created' : 'exists';
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

  async claimAlert(alertId: string, token: string, now: Date, leaseMs: number): Promise<AlertRecord | null> {
    try {
      const res = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: alertKey(alertId),
          ConditionExpression:
            'attribute_exists(pk) AND (#s = :pending OR (#s = :sending AND leaseUntil < :now))',
          UpdateExpression:
            'SET #s = :sending, leaseUntil = :lease, claimToken = :token, attempts = if_not_exists(attempts, :zero) + :one',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':sending': 'sending',
            ':now': now.toISOString(),
            ':lease': new Date(now.getTime() + leaseMs).toISOString(),
            ':token': token,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys(res.Attributes ?? {}) as unknown as AlertRecord;
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  }

  async releaseAlert(alertId: string, token: string): Promise<void> {
    await this.ifStillHeld(
      new UpdateCommand({
        TableName: this.table,
        Key: alertKey(alertId),
        ConditionExpression: '#s = :sending AND claimToken = :token',
        UpdateExpression: 'SET #s = :pending REMOVE leaseUntil, claimToken',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':token': token },
      }),
    );
  }

  async markAlertSent(alertId: string, messageId: string, sentAt: Date): Promise<void> {
    // Whoever published, once any attempt is accepted the alert is sent; a second mark is a no-op.
    await this.ifStillHeld(
      new UpdateCommand({
        TableName: this.table,
        Key: alertKey(alertId),
        ConditionExpression: 'attribute_exists(pk) AND #s <> :sent',
        UpdateExpression:
          'SET #s = :sent, sentAt = :at, messageId = :m REMOVE gsi2pk, gsi2sk, leaseUntil, claimToken',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt.toISOString(), ':m': messageId },
      }),
    );
  }

  async markAlertSuppressed(alertId: string, token: string, at: Date): Promise<void> {
    await this.ifStillHeld(
      new UpdateCommand({
        TableName: this.table,
        Key: alertKey(alertId),
        ConditionExpression: '#s = :sending AND claimToken = :token',
        UpdateExpression: 'SET #s = :suppressed, sentAt = :at REMOVE gsi2pk, gsi2sk, leaseUntil, claimToken',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':suppressed': 'suppressed',
          ':token': token,
          ':at': at.toISOString(),
        },
      }),
    );
  }

  async getAlert(alertId: string): Promise<AlertRecord | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: alertKey(alertId), ConsistentRead: true }),
    );
    return res.Item ? (stripKeys(res.Item) as unknown as AlertRecord) : null;
  }

  // ---- stories ---------------------------------------------------------------------------------

  async getStoryKeys(keys: string[]): Promise<StoryKeyRecord[]> {
    const unique = [...new Set(keys)];
    const out: StoryKeyRecord[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(storyKeyKey);
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 8)
          throw new Error(`BatchGetItem left ${pending.length} story keys unprocessed after retries`);
        if (attempt > 0)
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(2000, 50 * 2 ** attempt)));
        const res: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const r of res.Responses?.[this.table] ?? []) out.push(toStoryKey(r));
        pending = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return out;
  }

  async claimStoryKey(record: StoryKeyRecord): Promise<StoryKeyRecord> {
    if (await this.conditionalPut({ ...storyKeyKey(record.key), ...record })) return record;
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: storyKeyKey(record.key), ConsistentRead: true }),
    );
    if (!res.Item) throw new Error(`story key ${record.key} is held but cannot be read`);
    return toStoryKey(res.Item);
  }

  async putStoryKey(record: StoryKeyRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { ...storyKeyKey(record.key), ...record } }),
    );
  }

  async joinStory(member: Omit<StoryMember, 'seq'>): Promise<StoryMember> {
    let stored = await this.getMember(member.storyId, member.itemId);
    if (!stored) {
      const counter = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `STORY#${member.storyId}`, sk: 'STORY' },
          UpdateExpression: 'SET createdAt = if_not_exists(createdAt, :at) ADD memberCount :one',
          ExpressionAttributeValues: { ':one': 1, ':at': member.joinedAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const candidate: StoryMember = { ...member, seq: Number(counter.Attributes?.memberCount) };
      const created = await this.conditionalPut({
        pk: `STORY#${member.storyId}`,
        sk: `MEMBER#${member.itemId}`,
        ...candidate,
      });
      stored = created ? candidate : await this.getMember(member.storyId, member.itemId);
      if (!stored) throw new Error(`story member ${member.storyId}/${member.itemId} vanished`);
    }
    // Written every time (an idempotent overwrite), so a crash before it is repaired by redelivery.
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `STORYDAY#${almatyDay(stored.joinedAt)}`,
          sk: `${stored.storyId}#${stored.itemId}`,
          ...stored,
        },
      }),
    );
    return stored;
  }

  async listStoryMembers(storyId: string): Promise<StoryMember[]> {
    return this.queryAll(`STORY#${storyId}`, 'MEMBER#');
  }

  async listMembersOfDay(day: string): Promise<StoryMember[]> {
    return this.queryAll(`STORYDAY#${day}`);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async getMember(storyId: string, itemId: string): Promise<StoryMember | null> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `STORY#${storyId}`, sk: `MEMBER#${itemId}` },
        ConsistentRead: true,
      }),
    );
    return res.Item ? (stripKeys(res.Item) as unknown as StoryMember) : null;
  }

  private async queryAll(pk: string, skPrefix?: string): Promise<StoryMember[]> {
    const out: StoryMember[] = [];
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
      for (const r of res.Items ?? []) out.push(stripKeys(r) as unknown as StoryMember);
      start = res.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => a.seq - b.seq);
  }

  private async conditionalPut(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** A transition whose condition no longer holds was overtaken by another sweep: not an error. */
  private async ifStillHeld(command: UpdateCommand): Promise<void> {
    try {
      await this.doc.send(command);
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
}

function alertKey(alertId: string) {
  return { pk: `ALERT#${alertId}`, sk: 'ALERT' };
}

function storyKeyKey(key: string) {
  return { pk: `STORYKEY#${key}`, sk: 'STORYKEY' };
}

function toStoryKey(r: Record<string, unknown>): StoryKeyRecord {
  return stripKeys(r) as unknown as StoryKeyRecord;
}

function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err as Error).name === 'ConditionalCheckFailedException'
  );
}
