import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque, tamper-evident paging cursors. A cursor carries only the position (the sort key of the last
 * entry read) and the fingerprint of the query it belongs to, signed with an HMAC. Decoding checks the
 * signature, the fingerprint and the position's shape and range, so a forged, corrupted or borrowed
 * cursor is a bad request, and even a validly signed one can only resume the query it came from: the
 * store rebuilds the DynamoDB start key itself rather than trusting one from the client.
 *
 * The key comes from KZMON_CURSOR_KEY (set it to a secret in a deployment); the built-in default still
 * catches corruption and reuse across queries.
 */
const DEFAULT_KEY = 'kzmon-cursor-v1';
const MAC_CHARS = 22;
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f]{6,64}$/;

export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`bad parameter cursor: ${reason}; pass back the cursor of the previous page unchanged, with the same filters`);
    this.name = 'InvalidCursorError';
  }
}

function sign(payload: string): string {
  const key = process.env.KZMON_CURSOR_KEY || DEFAULT_KEY;
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, MAC_CHARS);
}

export function encodeCursor(position: string, fingerprint: string): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, p: position, f: fingerprint })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

/** The position to resume after; throws InvalidCursorError unless the cursor is genuine and fits. */
export function decodeCursor(cursor: string, fingerprint: string, range: { lower: string; upper: string }): string {
  const dot = cursor.indexOf('.');
  const payload = cursor.slice(0, dot);
  const mac = cursor.slice(dot + 1);
  if (dot <= 0 || mac.length !== MAC_CHARS) throw new InvalidCursorError('not a cursor this API issued');
  const given = Buffer.from(mac);
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidCursorError('signature does not match (corrupted or forged)');
  }
  let value: { v?: unknown; p?: unknown; f?: unknown };
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('unreadable');
  }
  if (value?.v !== 1 || typeof value.p !== 'string' || !POSITION.test(value.p)) {
    throw new InvalidCursorError('unreadable');
  }
  if (value.f !== fingerprint) throw new InvalidCursorError('it belongs to a query with different filters');
  if (value.p < range.lower || value.p > range.upper) throw new InvalidCursorError('outside the date range');
  return value.p;
}
