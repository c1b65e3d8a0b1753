import * as z from 'zod';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';
import type { ItemQuery } from '../ports';
import { dateSpan } from './date-span';

export { dateSpan };

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
export const ITEM_ID_PATTERN = /^[0-9a-f]{6,64}$/;

const DATE_HELP = 'a date (2026-11-01) or an instant (2026-11-01T09:30:00Z, offsets like +05:00 allowed)';

const dateParam = z.string().refine((s) => dateSpan(s) !== null, { error: DATE_HELP });

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})` });

const PARAMS = ['category', 'topic', 'source', 'lang', 'since', 'until', 'q', 'limit', 'cursor'] as const;

export const itemQuerySchema = z
  .object({
    category: choice(CATEGORIES).optional(),
    topic: choice(TOPICS).optional(),
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'a source id: lower-case letters, digits and dashes, e.g. mfa-ru' })
      .optional(),
    lang: choice(LANGUAGES).optional(),
    since: dateParam.optional(),
    until: dateParam.optional(),
    q: z
      .string()
      .trim()
      .min(2, { error: 'text of 2 to 200 characters' })
      .max(200, { error: 'text of 2 to 200 characters' })
      .optional(),
    limit: z.coerce
      .number({ error: `a whole number from 1 to ${MAX_LIMIT}` })
      .int({ error: `a whole number from 1 to ${MAX_LIMIT}` })
      .min(1, { error: `a whole number from 1 to ${MAX_LIMIT}` })
      .max(MAX_LIMIT, { error: `a whole number from 1 to ${MAX_LIMIT}` })
      .default(DEFAULT_LIMIT),
    cursor: z.string().max(2000, { error: 'the cursor of the previous page, unchanged' }).optional(),
  })
  .strict();

export class BadQueryError extends Error {
  constructor(
    readonly param: string,
    detail: string,
  ) {
    super(`bad parameter ${param}: ${detail}`);
    this.name = 'BadQueryError';
  }
}

/**
 * Validates raw query parameters (from the API or the CLI) into a normalised ItemQuery: dates become
 * inclusive UTC instants with millisecond precision (the form items are stored with), text is
 * lower-cased. Throws BadQueryError naming the parameter and what is allowed.
 */
export function parseItemQuery(raw: Record<string, string | undefined>): ItemQuery {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const res = itemQuerySchema.safeParse(cleaned);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw new BadQueryError(issue.keys.join(', '), `not a known parameter; allowed: ${PARAMS.join(', ')}`);
    }
    throw new BadQueryError(String(issue.path[0] ?? 'query'), issue.message);
  }
  const q = res.data;
  const since = q.since ? dateSpan(q.since)!.start : undefined;
  const until = q.until ? new Date(dateSpan(q.until)!.endExclusive.getTime() - 1) : undefined;
  if (since && until && since > until) {
    throw new BadQueryError('since', `must not be after until (since ${q.since}, until ${q.until})`);
  }
  return {
    ...q,
    since: since?.toISOString(),
    until: until?.toISOString(),
    q: q.q?.toLowerCase(),
  };
}

export function assertItemId(id: string): string {
  if (!ITEM_ID_PATTERN.test(id)) throw new BadQueryError('id', 'an item id: 6 to 64 lower-case hex digits');
  return id;
}
