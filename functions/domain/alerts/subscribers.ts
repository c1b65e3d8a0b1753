import { z } from 'zod';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';

export const subscriberSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'),
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +77011234567')
      .optional(),
    categories: z
      .array(z.enum(CATEGORIES))
      .min(1)
      .default([...CATEGORIES]),
    topics: z.array(z.enum(TOPICS)).optional(),
    languages: z.array(z.enum(LANGUAGES)).optional(),
    minScore: z.number().min(0).max(1).default(0),
    delivery: z.enum(['instant', 'daily']).default('instant'),
  })
  .refine((s) => Boolean(s.email) !== Boolean(s.phone), { message: 'give exactly one of email or phone' });

export type Subscriber = z.infer<typeof subscriberSchema>;

export function parseSubscribers(input: unknown): Subscriber[] {
  const res = z.array(subscriberSchema).safeParse(input);
  if (!res.success) {
    throw new Error(
      `invalid subscribers: ${res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const ids = new Set<string>();
  for (const s of res.data) {
    if (ids.has(s.id)) throw new Error(`invalid subscribers: duplicate id ${s.id}`);
    ids.add(s.id);
  }
  return res.data;
}
