/**
 * An HTTP proxy in front of the local DynamoDB engine that injects the failures a real table produces:
 * throttling (HTTP 400 ProvisionedThroughputExceededException / ThrottlingException), 500
 * InternalServerError, a connection dropped before the request reached the table, and a connection
 * dropped after the table applied the write (the client never learns it succeeded and retries).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rng } from './corpus';

export type FaultKind = 'throttle' | 'throttling' | 'server-error' | 'drop-before' | 'drop-after';

export interface FaultProxyOptions {
  target: string;
  /** Probability that a request gets a fault (0..1). */
  rate: number;
  kinds: FaultKind[];
  seed?: number;
  /** Operations (X-Amz-Target suffix, e.g. PutItem) that are never faulted. */
  spare?: string[];
}

export interface FaultProxy {
  endpoint: string;
  /** Faults injected, by kind and by operation. */
  injected: Record<string, number>;
  forwarded: number;
  setRate(rate: number): void;
  /**
   * A crash of the caller: after `after` more requests pass, every request is held and never answered
   * nor forwarded (what a process killed mid-call would leave: nothing more reaches the table). Held
   * requests stay held until close(); `thaw()` lets new requests through again (the next invocation).
   */
  freezeAfter(after: number): void;
  thaw(): void;
  /** Requests held by a freeze. */
  readonly held: number;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/x-amz-json-1.0';

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = rng(options.seed ?? 42);
  const target = new URL(options.target);
  const injected: Record<string, number> = {};
  let rate = options.rate;
  let forwarded = 0;
  /** Requests still allowed before the freeze (Infinity: no freeze armed; 0: frozen). */
  let untilFreeze = Number.POSITIVE_INFINITY;
  let held = 0;
  const sockets = new Set<Socket>();
  const count = (k: string) => {
    injected[k] = (injected[k] ?? 0) + 1;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (untilFreeze <= 0) {
        held++;
        return;
      }
      untilFreeze--;
      const body = Buffer.concat(chunks);
      const op =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const faulty = !options.spare?.includes(op) && random() < rate;
      const kind = faulty ? options.kinds[Math.floor(random() * options.kinds.length)]! : null;
      if (kind) {
        count(kind);
        count(`${kind}:${op}`);
      }
      switch (kind) {
        case 'throttle':
          return reply(res, 400, {
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          });
        case 'throttling':
          return reply(res, 400, {
            __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
            message: 'Rate exceeded',
          });
        case 'server-error':
          return reply(res, 500, {
            __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
            message: 'Internal server error',
          });
        case 'drop-before':
          req.socket.destroy();
          return;
        default:
          forward(
            req,
            body,
            (status, headers, payload) => {
              forwarded++;
              if (kind === 'drop-after') {
                req.socket.destroy();
                return;
              }
              res.writeHead(status, headers);
              res.end(payload);
            },
            () => res.socket?.destroy(),
          );
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function forward(
    req: IncomingMessage,
    body: Buffer,
    done: (status: number, headers: Record<string, string | string[] | undefined>, payload: Buffer) => void,
    fail: () => void,
  ) {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => done(up.statusCode ?? 502, up.headers, Buffer.concat(parts)));
        up.on('error', fail);
      },
    );
    upstream.on('error', fail);
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    injected,
    get forwarded() {
      return forwarded;
    },
    setRate: (r) => {
      rate = r;
    },
    freezeAfter: (after) => {
      untilFreeze = after;
    },
    thaw: () => {
      untilFreeze = Number.POSITIVE_INFINITY;
    },
    get held() {
      return held;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, body: Record<string, string>) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': 'fault-proxy',
  });
  res.end(payload);
}
