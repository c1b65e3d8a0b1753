import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque, tamper-evident paging cursors: the last evaluated key, base64url-encoded with an HMAC so a
 * forged or corrupted cursor is refused as a bad request instead of reaching DynamoDB.
 */
const KEY = process.env.KZMON_CURSOR_KEY ?? 'kzmon-cursor-v1';

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid: pass back the cursor of the previous page unchanged');
    this.name = 'InvalidCursorError';
  }
}

function sign(payload: string): string {
  return createHmac('sha256', KEY).update(payload).digest('base64url').slice(0, 22);
}

export function encodeCursor(key: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string): Record<string, string> {
  const [payload, mac] = cursor.split('.');
  if (!payload || !mac || mac.length !== 22) throw new InvalidCursorError();
  const expected = sign(payload);
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw new InvalidCursorError();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidCursorError();
  for (const v of Object.values(value)) if (typeof v !== 'string') throw new InvalidCursorError();
  return value as Record<string, string>;
}
