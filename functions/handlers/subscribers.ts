import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { SnsPublisher } from '../adapters/sns-publisher';
import { SnsSubscriptions } from '../adapters/sns-subscriptions';
import { WebhookClient, checkWebhookUrl } from '../adapters/webhook-client';
import { type SubscriberRouteDeps, routeSubscribers } from '../domain/alerts/subscriber-routes';
import { makeDeliveryStore } from './delivery-runtime';
import { telegramFromSsm } from './telegram-runtime';
import { requiredEnv } from './runtime';

/** HTTP API (IAM-authorized): the subscriber routes. */
export function subscribersHandler(deps: () => SubscriberRouteDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const stage = event.requestContext.stage;
    const path =
      stage && stage !== '$default' && event.rawPath.startsWith(`/${stage}/`)
        ? event.rawPath.slice(stage.length + 1)
        : event.rawPath;
    const body =
      event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    try {
      const res = await routeSubscribers(deps(), event.requestContext.http.method, path, body);
      return json(res.status, res.body);
    } catch (err) {
      logger.error('subscriber route failed', { path, error: (err as Error).message });
      return json(500, { message: `could not complete the request: ${(err as Error).message}` });
    }
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

const logger = new Logger({ serviceName: 'kzmon-subscribers' });
let wired: SubscriberRouteDeps | undefined;

export const handler = subscribersHandler(() => {
  if (wired) return wired;
  const sns = new SNSClient({ maxAttempts: 3 });
  const topicArn = requiredEnv('TOPIC_ARN');
  const store = makeDeliveryStore();
  const telegram = telegramFromSsm();
  wired = {
    store,
    log: logger,
    subscriptions: new SnsSubscriptions(sns, topicArn, logger),
    checkWebhook: (url) => checkWebhookUrl(url),
    test: async () => ({
      topic: new SnsPublisher(sns, topicArn),
      channels: { ledger: store, log: logger, telegram: await telegram(), webhooks: new WebhookClient() },
    }),
  };
  return wired;
});
