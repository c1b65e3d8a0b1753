/**
 * Reading one HTTP answer off the wire: its headers, and its body decompressed under a size cap, so a
 * small compressed page cannot unpack into gigabytes. Redirects are read without their body.
 */
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { NetworkError, ResponseTooLargeError } from '../domain/sources/http-port';

export type ResponseDone = (status: number, headers: Headers, body: Buffer) => void;

export function readResponse(
  res: http.IncomingMessage,
  where: string,
  maxBytes: number,
  fail: (err: Error) => void,
  done: ResponseDone,
): void {
  const out = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) out.append(name, v);
    else if (value !== undefined) out.set(name, value);
  }
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    res.resume();
    res.on('end', () => done(status, out, Buffer.alloc(0)));
    res.on('error', (e) => fail(new NetworkError(`network error reading ${where}: ${e.message}`, where)));
    return;
  }
  const declared = Number(res.headers['content-length'] ?? 'NaN');
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (Number.isFinite(declared) && declared > maxBytes && !encoding) {
    fail(
      new ResponseTooLargeError(`response from ${where} is ${declared} bytes, over the ${maxBytes}-byte cap`),
    );
    return;
  }
  let stream: NodeJS.ReadableStream = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
  else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > maxBytes) {
      fail(new ResponseTooLargeError(`response from ${where} exceeded the ${maxBytes}-byte cap`));
      return;
    }
    chunks.push(chunk);
  });
  stream.on('end', () => done(status, out, Buffer.concat(chunks)));
  stream.on('error', (e: Error) => fail(new NetworkError(`could not read ${where}: ${e.message}`, where)));
  res.on('aborted', () =>
    fail(new NetworkError(`connection closed while reading ${where}`, where, 'ECONNRESET')),
  );
}
