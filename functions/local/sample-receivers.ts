import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredSubscriber } from '../domain/alerts/subscribers';
import { verifySignature } from '../domain/delivery/webhook-payload';

/** What the demo's receivers got: the Telegram texts and the webhook bodies, with their signature check. */
export interface ReceivedDelivery {
  channel: 'telegram' | 'webhook';
  alertId?: string;
  signatureValid?: boolean;
  body: string;
}

export interface SampleReceivers {
  /** A stand-in for api.telegram.org on 127.0.0.1, answering sendMessage as the Bot API does. */
  botApiBase: string;
  botToken: string;
  /** A newsroom's webhook receiver on 127.0.0.1 that verifies each signature. */
  webhookUrl: string;
  received: ReceivedDelivery[];
  /** A Telegram and a webhook subscriber that these receivers stand behind. */
  subscribers(now?: Date): StoredSubscriber[];
  close(): Promise<void>;
}

const DEMO_SECRET = 'kzmon-demo-webhook-secret';
const DEMO_TOKEN = '000000:kzmon-demo-bot';

/**
 * The demo's own receivers, so `kzmon demo` delivers to Telegram and webhook subscribers over real HTTP
 * with no account and no internet, as the sample sources stand in for the news sites.
 */
export async function startSampleReceivers(): Promise<SampleReceivers> {
  const received: ReceivedDelivery[] = [];
  let messageId = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      answer(req, Buffer.concat(chunks).toString('utf8'), res, received, () => ++messageId),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    botApiBase: origin,
    botToken: DEMO_TOKEN,
    webhookUrl: `${origin}/newsroom/kzmon`,
    received,
    subscribers: (now = new Date()) => demoSubscribers(origin, now),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers as the Bot API's sendMessage or as a newsroom's webhook receiver, recording what came. */
function answer(
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  received: ReceivedDelivery[],
  nextMessageId: () => number,
): void {
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && req.url === `/bot${DEMO_TOKEN}/sendMessage`) {
    let text = '';
    try {
      text = String((JSON.parse(body) as { text?: string }).text ?? '');
    } catch {
      res.writeHead(400).end('{"ok":false,"error_code":400,"description":"Bad Request: not JSON"}');
      return;
    }
    received.push({ channel: 'telegram', body: text });
    res.end(JSON.stringify({ ok: true, result: { message_id: nextMessageId() } }));
    return;
  }
  if (req.method === 'POST' && req.url === '/newsroom/kzmon') {
    const signature = req.headers['x-kzmon-signature'] as string | undefined;
    received.push({
      channel: 'webhook',
      alertId: req.headers['x-kzmon-alert-id'] as string | undefined,
      signatureValid: verifySignature(body, DEMO_SECRET, signature),
      body,
    });
    res.end('{"received":true}');
    return;
  }
  res.writeHead(404).end('{"ok":false,"error_code":404,"description":"Not Found"}');
}

/** A Telegram and a webhook subscriber, both behind these receivers. */
function demoSubscribers(origin: string, now: Date): StoredSubscriber[] {
  return [
    {
      id: 'demo-telegram',
      telegram: '5550100',
      categories: ['kz-us', 'c5plus1'],
      minScore: 0,
      delivery: 'instant',
      createdAt: now.toISOString(),
    },
    {
      id: 'demo-webhook',
      webhook: `${origin}/newsroom/kzmon`,
      secret: DEMO_SECRET,
      categories: ['kz-us', 'c5plus1'],
      minScore: 0,
      delivery: 'instant',
      createdAt: now.toISOString(),
    },
  ];
}
