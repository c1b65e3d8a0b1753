import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Request } from './iam-evaluator';

/**
 * Records what IAM would see of each AWS call a client sends: the action, the resource and the
 * condition keys the table grants use (dynamodb:LeadingKeys, dynamodb:Attributes, dynamodb:Select).
 * Works for DocumentClient commands too (they share the client's middleware stack; values are read in
 * either plain or AttributeValue form).
 */

export interface RecordedCall extends Request {
  /** The command as sent, for failure messages. */
  command: string;
}

type Row = Record<string, unknown>;

/** A plain string, or the string of an AttributeValue `{ S }`. */
function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { S?: unknown }).S === 'string')
    return (v as { S: string }).S;
  throw new Error(`expected a string key value, got ${JSON.stringify(v)}`);
}

function projectionAttributes(
  expression: string | undefined,
  names: Record<string, string> | undefined,
): string[] | undefined {
  if (!expression) return undefined;
  return expression.split(',').map((p) => {
    const top = p.trim().split(/[.[]/)[0]!;
    return top.startsWith('#') ? (names?.[top] ?? top) : top;
  });
}

/** Reads: DynamoDB returns all attributes unless a projection says otherwise (modelled as Select=ALL_ATTRIBUTES). */
function readContext(input: Row, pks: string[]): Request['context'] {
  const attributes = projectionAttributes(
    input.ProjectionExpression as string | undefined,
    input.ExpressionAttributeNames as Record<string, string>,
  );
  return {
    'dynamodb:LeadingKeys': pks,
    'dynamodb:Attributes': attributes,
    'dynamodb:Select':
      (input.Select as string | undefined) ?? (attributes ? 'SPECIFIC_ATTRIBUTES' : 'ALL_ATTRIBUTES'),
  };
}

/** The partition key value a Query's KeyConditionExpression fixes. */
function queryPartition(input: Row, partitionKeys: string[]): string {
  const expr = input.KeyConditionExpression as string;
  const m = /^\s*(#?\w+)\s*=\s*(:\w+)/.exec(expr ?? '');
  if (!m) throw new Error(`cannot read the partition key of ${expr}`);
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const attr = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
  if (!attr || !partitionKeys.includes(attr)) throw new Error(`query keyed on ${attr}, not a partition key`);
  return str((input.ExpressionAttributeValues as Row)[m[2]!]);
}

export interface TableNaming {
  tableName: string;
  /** The table's ARN as the template's statements resolve it. */
  tableArn: string;
  partitionKeys: string[];
}

export function dynamoRequests(command: string, input: Row, t: TableNaming): Request[] {
  const action = `dynamodb:${command.replace(/Command$/, '')}`;
  const on = (table: string, index?: unknown) => {
    if (table !== t.tableName) throw new Error(`call on unexpected table ${table}`);
    return index ? `${t.tableArn}/index/${index}` : t.tableArn;
  };
  const pk = (row: Row) => str(row.pk);
  switch (command) {
    case 'GetItemCommand':
      return [
        {
          action,
          resource: on(input.TableName as string),
          context: readContext(input, [pk(input.Key as Row)]),
        },
      ];
    case 'DeleteItemCommand':
      return [
        {
          action,
          resource: on(input.TableName as string),
          context: { 'dynamodb:LeadingKeys': [pk(input.Key as Row)] },
        },
      ];
    case 'PutItemCommand': {
      const item = input.Item as Row;
      return [
        {
          action,
          resource: on(input.TableName as string),
          context: { 'dynamodb:LeadingKeys': [pk(item)], 'dynamodb:Attributes': Object.keys(item) },
        },
      ];
    }
    case 'UpdateItemCommand':
      // The updated attributes are not parsed out of the expression: unknown, so an attribute condition denies.
      return [
        {
          action,
          resource: on(input.TableName as string),
          context: { 'dynamodb:LeadingKeys': [pk(input.Key as Row)], 'dynamodb:Attributes': undefined },
        },
      ];
    case 'QueryCommand':
      return [
        {
          action,
          resource: on(input.TableName as string, input.IndexName),
          context: readContext(input, [queryPartition(input, t.partitionKeys)]),
        },
      ];
    case 'BatchGetItemCommand':
      return Object.entries(input.RequestItems as Record<string, Row>).map(([table, req]) => ({
        action,
        resource: on(table),
        context: readContext(req, (req.Keys as Row[]).map(pk)),
      }));
    case 'BatchWriteItemCommand':
      return Object.entries(input.RequestItems as Record<string, Row[]>).map(([table, reqs]) => {
        const rows = reqs.map((r) => ((r.PutRequest as Row)?.Item ?? (r.DeleteRequest as Row)?.Key) as Row);
        return {
          action,
          resource: on(table),
          context: {
            'dynamodb:LeadingKeys': rows.map(pk),
            'dynamodb:Attributes': [...new Set(rows.flatMap(Object.keys))],
          },
        };
      });
    default:
      throw new Error(`the recorder does not model ${command}; add it before using it`);
  }
}

/** Adds a middleware to the client that records every call it sends (and lets it through). */
export function recordDynamoCalls(client: DynamoDBClient, table: TableNaming, into: RecordedCall[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      for (const r of dynamoRequests(command, args.input as Row, table)) into.push({ ...r, command });
      return next(args);
    },
    { step: 'build', name: 'recordIamRequests' },
  );
}

/** API operations authorized by an IAM action of another name. */
const IAM_ACTION: Record<string, string> = { SendMessageBatch: 'SendMessage', PublishBatch: 'Publish' };

interface AnyClient {
  middlewareStack: {
    add: (mw: never, options: { step: 'initialize'; name: string; priority: 'high' }) => void;
  };
}

/**
 * Records an SNS Publish or SQS SendMessageBatch and answers it without any network: `resource`
 * maps the call's input to the ARN the template's statements use.
 */
export function fakeService(
  client: AnyClient,
  service: 'sns' | 'sqs',
  resource: (input: Row) => string,
  into: RecordedCall[],
  output: (input: Row) => Row,
): void {
  const mw = (_next: unknown, context: { commandName?: string }) => async (args: { input: Row }) => {
    const command = String(context.commandName);
    const operation = command.replace(/Command$/, '');
    into.push({
      action: `${service}:${IAM_ACTION[operation] ?? operation}`,
      resource: resource(args.input),
      context: {},
      command,
    });
    return { output: { $metadata: {}, ...output(args.input) }, response: {} };
  };
  client.middlewareStack.add(mw as never, { step: 'initialize', name: 'fakeService', priority: 'high' });
}
