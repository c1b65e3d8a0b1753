import * as z from 'zod';
import { CATEGORIES, LANGUAGES, TOPICS } from '../model';
import type { ItemQuery } from '../ports';
import { dateSpan } from './date-span';
import { normalizeSearchText } from './search-text';

export { dateSpan };

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
export const ITEM_ID_PATTERN = /^[0-9a-f]{6,64}$/;

const DATE_HELP =
  'a date (2026-11-01, an Astana day) or an instant (2026-11-01T09:30, Astana time unless an offset such as Z or +03:00 is given)';

/** Category names as people write them (emails say KZ-US and C5+1); matched without case or spaces. */
const CATEGORY_ALIASES: Record<string, (typeof CATEGORIES)[number]> = {
  'kz-us': 'kz-us',
  kzus: 'kz-us',
  'kz–us': 'kz-us',
  'kazakhstan-us': 'kz-us',
  c5plus1: 'c5plus1',
  'c5+1': 'c5plus1',
  'c5-plus-1': 'c5plus1',
};

export function canonicalCategory(value: string): string {
  const key = value.toLowerCase().replace(/\s+/g, '');
  return CATEGORY_ALIASES[key] ?? value;
}

/** Names of the fixed vocabularies are matched without regard to case. */
function canonicalNames(raw: Record<string, string>): Record<string, string> {
  const out = { ...raw };
  if (out.category) out.category = canonicalCategory(out.category);
  for (const key of ['topic', 'lang', 'source'] as const) if (out[key]) out[key] = out[key].trim().toLowerCase();
  return out;
}

const dateParam = z.string().refine((s) => dateSpan(s) !== null, { error: DATE_HELP });

const choice = <T extends readonly [string, ...string[]]>(values: T, also = '') =>
  z.enum(values, {
    error: (issue) => `one of ${values.join(', ')}${also} (got ${JSON.stringify(issue.input)})`,
  });

const PARAMS = ['category', 'topic', 'source', 'lang', 'since', 'until', 'q', 'limit', 'cursor'] as const;

export const itemQuerySchema = z
  .object({
    category: choice(CATEGORIES, '; KZ-US and C5+1 work too').optional(),
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
 * Validates raw query parameters (from the API, the CLI or the web view) into a normalised ItemQuery:
 * category, topic, language and source names in their canonical form (any case, C5+1 for c5plus1),
 * dates (Astana days unless an offset is given) as inclusive UTC instants with millisecond precision
 * (the form items are stored with), text in the search's normal form. Throws BadQueryError naming the parameter and what is allowed.
 */
export function parseItemQuery(raw: Record<string, string | undefined>): ItemQuery {
  const cleaned = canonicalNames(
    Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')),
  );
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
    q: q.q === undefined ? undefined : normalizeSearchText(q.q),
  };
}

export function assertItemId(id: string): string {
  if (!ITEM_ID_PATTERN.test(id)) throw new BadQueryError('id', 'an item id: 6 to 64 lower-case hex digits');
  return id;
}
