import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  json: Record<string, unknown>;
}

export interface LocalReceiver {
  origin: string;
  received: Received[];
  /** Answers the next requests in order; then 200 with the default body. */
  script: ((req: Received) => { status: number; body: unknown; headers?: Record<string, string> })[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 recording every request: a fake Bot API or a webhook receiver. */
export async function startReceiver(
  defaultAnswer: (req: Received, n: number) => unknown,
): Promise<LocalReceiver> {
  const received: Received[] = [];
  const script: LocalReceiver['script'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(raw);
      } catch {
        // Not JSON: kept raw.
      }
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json };
      received.push(r);
      const next = script.shift();
      const answer = next ? next(r) : { status: 200, body: defaultAnswer(r, received.length) };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    script,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The Bot API's answer to a sendMessage that worked. */
export const botOk = (_r: Received, n: number) => ({
  ok: true,
  result: { message_id: 1000 + n, chat: { id: 1 } },
});
