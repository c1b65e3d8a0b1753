import { z } from 'zod';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';
import type { ItemQuery } from '../ports';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'an ISO date, e.g. 2026-11-01')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a real calendar date');

export const itemQuerySchema = z
  .object({
    category: z.enum(CATEGORIES).optional(),
    topic: z.enum(TOPICS).optional(),
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a source id')
      .optional(),
    lang: z.enum(LANGUAGES).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    q: z.string().min(2).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export class BadQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadQueryError';
  }
}

/** Validates raw query parameters (from the API or the CLI); throws BadQueryError naming the parameter. */
export function parseItemQuery(raw: Record<string, string | undefined>): ItemQuery {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const res = itemQuerySchema.safeParse(cleaned);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const param = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'query');
    throw new BadQueryError(`bad parameter ${param}: ${issue.message}`);
  }
  return res.data;
}
