import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertMessage } from '../ports';

export const ALERT_ID_HEADER = 'X-Kzmon-Alert-Id';
export const SIGNATURE_HEADER = 'X-Kzmon-Signature';

/**
 * The JSON a webhook receives: the alert id (also in the X-Kzmon-Alert-Id header, for deduplication),
 * the item's facts and the routing attributes, versioned so receivers can tell formats apart.
 */
export function webhookBody(alertId: string, message: AlertMessage, subscriberId: string): string {
  const { delivery: _delivery, alertId: _id, ...attributes } = message.attributes;
  return JSON.stringify({
    version: 1,
    type: message.card ? 'alert' : 'digest',
    alertId,
    subscriberId,
    ...(message.card ? { item: message.card } : { subject: message.emailSubject, text: message.email }),
    attributes,
  });
}

/** `sha256=<hex HMAC-SHA256 of the raw body with the subscriber's secret>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(body: string | Buffer, secret: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(signBody(body.toString(), secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookHeaders(alertId: string, body: string, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    [ALERT_ID_HEADER.toLowerCase()]: alertId,
    [SIGNATURE_HEADER.toLowerCase()]: signBody(body, secret),
  };
}
