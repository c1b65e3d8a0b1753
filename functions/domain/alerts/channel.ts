// Apart from the subscriber schema: the alert, digest and delivery functions only ask which channel an
// address is, and must not carry zod to answer it.

/** How a subscriber is reached: SNS carries email and SMS; the delivery function posts to the others. */
export const CHANNELS = ['email', 'sms', 'telegram', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The addresses a subscriber may give; the schema lets exactly one through. */
export interface SubscriberAddress {
  email?: string;
  phone?: string;
  telegram?: string;
  webhook?: string;
}

export function channelOf(s: SubscriberAddress): Channel {
  if (s.email) return 'email';
  if (s.phone) return 'sms';
  if (s.telegram) return 'telegram';
  return 'webhook';
}

/** Channels SNS delivers itself (the others are posted by the delivery function). */
export function isSnsChannel(channel: Channel): boolean {
  return channel === 'email' || channel === 'sms';
}
