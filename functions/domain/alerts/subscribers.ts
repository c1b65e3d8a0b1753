import { z } from 'zod';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';

/** How a subscriber is reached: SNS carries email and SMS; the delivery function posts to the others. */
export const CHANNELS = ['email', 'sms', 'telegram', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A Telegram chat: a numeric id (negative for groups and channels) or a public @channel name. */
const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

export const subscriberSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'),
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +77011234567')
      .optional(),
    telegram: z
      .string()
      .regex(TELEGRAM_CHAT, 'a Telegram chat id (e.g. 123456789 or -1001234567890) or @channelname')
      .optional(),
    webhook: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    /** Signs each webhook body (HMAC-SHA256); the receiver verifies with the same secret. */
    secret: z.string().min(16, 'at least 16 characters').max(256).optional(),
    /** SMS subscribers only: where alerts over the monthly SMS cap go, in the next daily digest. */
    digestEmail: z.email().optional(),
    categories: z
      .array(z.enum(CATEGORIES))
      .min(1)
      .default([...CATEGORIES]),
    topics: z.array(z.enum(TOPICS)).optional(),
    languages: z.array(z.enum(LANGUAGES)).optional(),
    minScore: z.number().min(0).max(1).default(0),
    delivery: z.enum(['instant', 'daily']).default('instant'),
  })
  .superRefine((s, ctx) => {
    const given = [s.email, s.phone, s.telegram, s.webhook].filter(Boolean).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of email or phone (or telegram, or webhook)',
      });
    if (s.webhook && !s.secret)
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a webhook needs a secret to sign with' });
    if (s.secret && !s.webhook)
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a secret is only for webhook subscribers' });
    if (s.digestEmail && !s.phone)
      ctx.addIssue({
        code: 'custom',
        path: ['digestEmail'],
        message: 'digestEmail is only for SMS (phone) subscribers',
      });
  });

export type Subscriber = z.infer<typeof subscriberSchema>;

/** A subscriber as the store keeps it: when it was added and the SNS subscriptions made for it. */
export interface StoredSubscriber extends Subscriber {
  createdAt: string;
  /** SNS subscription ARNs (email, SMS, the digest email of an SMS subscriber), to delete on removal. */
  snsSubscriptions?: string[];
}

export function channelOf(s: Pick<Subscriber, 'email' | 'phone' | 'telegram' | 'webhook'>): Channel {
  if (s.email) return 'email';
  if (s.phone) return 'sms';
  if (s.telegram) return 'telegram';
  return 'webhook';
}

/** The address in a form fit to print: a webhook shows its origin and path, never the secret. */
export function addressOf(s: Subscriber): string {
  return (s.email ?? s.phone ?? s.telegram ?? s.webhook) as string;
}

/** Channels SNS delivers itself (the others are posted by the delivery function). */
export function isSnsChannel(channel: Channel): boolean {
  return channel === 'email' || channel === 'sms';
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function parseSubscriber(input: unknown): Subscriber {
  const res = subscriberSchema.safeParse(input);
  if (!res.success) throw new Error(`invalid subscriber: ${describeIssues(res.error)}`);
  return res.data;
}

export function parseSubscribers(input: unknown): Subscriber[] {
  const res = z.array(subscriberSchema).safeParse(input);
  if (!res.success) {
    throw new Error(`invalid subscribers: ${describeIssues(res.error)}`);
  }
  const ids = new Set<string>();
  for (const s of res.data) {
    if (ids.has(s.id)) throw new Error(`invalid subscribers: duplicate id ${s.id}`);
    ids.add(s.id);
  }
  return res.data;
}
