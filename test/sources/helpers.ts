import { HttpClient, type HttpClientOptions } from '../../functions/adapters/http-client';
import type { Log } from '../../functions/domain/ports';

/** A client for the fixture server: loopback allowed, backoff and Retry-After recorded instead of waited. */
export function testClient(options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const http = new HttpClient({
    allowedHosts: ['127.0.0.1'],
    allowInsecureLocal: true,
    timeoutMs: 1500,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { http, sleeps };
}

export function memoryLog(): Log & {
  lines: { level: string; message: string; extra?: Record<string, unknown> }[];
} {
  const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      lines.push({ level, message, extra: extra[0] });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
