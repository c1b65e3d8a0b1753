import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo-delivery-store';
import { toMessageAttributes } from '../../functions/adapters/sns-publisher';
import { prepareAlert } from '../../functions/domain/alerts/prepare-alert';
import { parseSubscriber } from '../../functions/domain/alerts/subscribers';
import type { AlertMessage } from '../../functions/domain/ports';
import { item } from '../alerts/fixtures';
import { lambdaEnvironment } from '../handlers/lambda-env';
import { type LocalReceiver, botOk, startReceiver } from './receivers';

const TOKEN = '777:from-parameter-store';
const ssm = mockClient(SSMClient);
let env: Awaited<ReturnType<typeof lambdaEnvironment>>;
let bot: LocalReceiver;
let handler: (e: SNSEvent) => Promise<{ delivered: number }>;

/** What SNS hands a subscribed function: the published attributes as Type/Value pairs. */
function notification(message: AlertMessage): SNSEvent {
  const attrs = Object.fromEntries(
    Object.entries(toMessageAttributes(message.attributes)).map(([k, v]) => [
      k,
      { Type: v.DataType, Value: v.StringValue },
    ]),
  );
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: { MessageId: 'sns-1', Message: message.default, MessageAttributes: attrs },
      },
    ],
  } as unknown as SNSEvent;
}

beforeAll(async () => {
  bot = await startReceiver(botOk);
  env = await lambdaEnvironment({
    TELEGRAM_TOKEN_PARAMETER: '/kzmon/telegram-bot-token',
    TELEGRAM_API_BASE: bot.origin,
  });
  ssm
    .on(GetParameterCommand, { Name: '/kzmon/telegram-bot-token', WithDecryption: true })
    .resolves({ Parameter: { Value: TOKEN } });
  const table = new DynamoDeliveryStore(env.dynamo.client, { tableName: env.dynamo.tableName });
  await table.addSubscriber({
    ...parseSubscriber({ id: 'tg-desk', telegram: '12345' }),
    createdAt: new Date().toISOString(),
  });
  ({ handler } = (await import('../../functions/handlers/deliver')) as never);
});
afterAll(async () => {
  ssm.restore();
  await bot.close();
  await env?.close();
});

describe('deliver function (the topic invokes it with each published alert)', () => {
  it('posts to the Telegram subscriber with the token read from Parameter Store; a retried invocation posts nothing', async () => {
    const alert = prepareAlert(item({ itemId: 'h1' }), new Date());
    await env.store.recordPendingAlert(alert);
    expect(await handler(notification(alert.message))).toEqual({ delivered: 1 });
    expect(bot.received.map((r) => r.path)).toEqual([`/bot${TOKEN}/sendMessage`]);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { WithDecryption: true });
    expect(await handler(notification(alert.message))).toEqual({ delivered: 0 });
    expect(bot.received).toHaveLength(1);
  });

  it('fails the invocation while deliveries are left, so Lambda retries it and then records it as a failed run', async () => {
    const alert = prepareAlert(item({ itemId: 'h2' }), new Date());
    await env.store.recordPendingAlert(alert);
    for (let i = 0; i < 4; i++)
      bot.script.push(() => ({ status: 500, body: { ok: false, error_code: 500, description: 'Internal' } }));
    await expect(handler(notification(alert.message))).rejects.toThrow(
      /deliveries left to retry for alert h2/,
    );
    expect(await handler(notification(alert.message))).toEqual({ delivered: 1 });
  }, 30_000);
});
