// zod/mini, not zod: this module sits on every alert path (alert, digest, stream-alert, deliver), and full
// zod made up three quarters of those bundles. Same checks, same messages.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';

// zod/mini ships without messages ("Invalid input"); full zod registers English unless a locale is set,
// and the CLI and API print these messages to the user, so do the same.
if (!z.config().localeError) z.config(en());

export { CHANNELS, type Channel, channelOf, isSnsChannel } from './channel';

/** A Telegram chat: a numeric id (negative for groups and channels) or a public @channel name. */
const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

export const subscriberSchema = z
  .object({
    id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only')),
    email: z.optional(z.email()),
    phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +77011234567'))),
    telegram: z.optional(
      z
        .string()
        .check(
          z.regex(TELEGRAM_CHAT, 'a Telegram chat id (e.g. 123456789 or -1001234567890) or @channelname'),
        ),
    ),
    webhook: z.optional(z.url({ protocol: /^https?$/, error: 'an http(s) URL' })),
    /** Signs each webhook body (HMAC-SHA256); the receiver verifies with the same secret. */
    secret: z.optional(z.string().check(z.minLength(16, 'at least 16 characters'), z.maxLength(256))),
    /** SMS subscribers only: where alerts over the monthly SMS cap go, in the next daily digest. */
    digestEmail: z.optional(z.email()),
    categories: z._default(z.array(z.enum(CATEGORIES)).check(z.minLength(1)), [...CATEGORIES]),
    topics: z.optional(z.array(z.enum(TOPICS))),
    languages: z.optional(z.array(z.enum(LANGUAGES))),
    minScore: z._default(z.number().check(z.gte(0), z.lte(1)), 0),
    delivery: z._default(z.enum(['instant', 'daily']), 'instant'),
  })
  .check(
    z.superRefine((s, ctx) => {
      const given = [s.email, s.phone, s.telegram, s.webhook].filter(Boolean).length;
      if (given !== 1)
        ctx.addIssue({
          code: 'custom',
          message: 'give exactly one of email or phone (or telegram, or webhook)',
        });
      if (s.webhook && !s.secret)
        ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a webhook needs a secret to sign with' });
      if (s.secret && !s.webhook)
        ctx.addIssue({
          code: 'custom',
          path: ['secret'],
          message: 'a secret is only for webhook subscribers',
        });
      if (s.digestEmail && !s.phone)
        ctx.addIssue({
          code: 'custom',
          path: ['digestEmail'],
          message: 'digestEmail is only for SMS (phone) subscribers',
        });
    }),
  );

export type Subscriber = z.infer<typeof subscriberSchema>;

/** A subscriber as the store keeps it: when it was added and the SNS subscriptions made for it. */
export interface StoredSubscriber extends Subscriber {
  createdAt: string;
  /** SNS subscription ARNs (email, SMS, the digest email of an SMS subscriber), to delete on removal. */
  snsSubscriptions?: string[];
}

/** The address in a form fit to print: a webhook shows its origin and path, never the secret. */
export function addressOf(s: Subscriber): string {
  return (s.email ?? s.phone ?? s.telegram ?? s.webhook) as string;
}

function describeIssues(error: z.core.$ZodError): string {
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
