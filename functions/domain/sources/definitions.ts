// zod/mini: the same checks and messages, a fraction of the bytes in the fetch Lambda's bundle.
import * as z from 'zod/mini';
import { LANGUAGES } from '../model';

const base = {
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')),
  name: z.optional(z.string({ error: 'a string' })),
  language: z.enum(LANGUAGES, { error: 'one of en, ru, kk' }),
  enabled: z._default(z.boolean({ error: 'true or false' }), true),
};

const httpUrl = z.url({ error: 'an absolute http(s) URL' });

/** Kinds of address a Kazinform source can be read from; tried in order until one lists articles. */
export const DISCOVERY_KINDS = ['kazinform-list', 'sitemap', 'rss'] as const;
export type DiscoveryKind = (typeof DISCOVERY_KINDS)[number];

const discoveryPathSchema = z.strictObject({
  kind: z.enum(DISCOVERY_KINDS, { error: 'one of kazinform-list, sitemap, rss' }),
  url: httpUrl,
});

/** Further addresses tried, in order, when the source's own `url` fails or lists nothing. */
const fallbacks = z.optional(z.array(discoveryPathSchema, { error: 'a list of { "kind", "url" } objects' }));

export const rssSourceSchema = z.strictObject({
  ...base,
  kind: z.literal('rss'),
  url: httpUrl,
  /** A list page read when the feed does not answer (the same as a `kazinform-list` fallback). */
  fallbackListUrl: z.optional(httpUrl),
  fallbacks,
});

export const kazinformListSourceSchema = z.strictObject({
  ...base,
  kind: z.literal('kazinform-list'),
  url: httpUrl,
  fallbacks,
});

/** A Google News sitemap (`<url><loc>` with `<news:publication_date>` and `<news:title>`). */
export const sitemapSourceSchema = z.strictObject({
  ...base,
  kind: z.literal('sitemap'),
  url: httpUrl,
  fallbacks,
});

export const govkzNewsSourceSchema = z.strictObject({
  ...base,
  kind: z.literal('govkz-news'),
  /** Site origin; API and challenge paths are derived from it. */
  url: httpUrl,
  project: z._default(
    z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'a gov.kz project slug such as mfa or mfa-washington')),
    'mfa',
  ),
  section: z._default(
    z
      .string()
      .check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'a press section such as news, article or region-news')),
    'news',
  ),
  /** Clients disagree whether the API counts pages from 0 or 1; an empty first page tries the other. */
  pageBase: z._default(z.union([z.literal(0), z.literal(1)], { error: '0 or 1' }), 1),
  pageSize: z._default(
    z.int({ error: 'a whole number' }).check(z.gte(1, 'at least 1'), z.lte(100, 'at most 100')),
    20,
  ),
});

export const sourceDefinitionSchema = z.discriminatedUnion(
  'kind',
  [rssSourceSchema, kazinformListSourceSchema, sitemapSourceSchema, govkzNewsSourceSchema],
  { error: 'kind must be one of rss, kazinform-list, sitemap, govkz-news' },
);
export const sourceListSchema = z
  .array(sourceDefinitionSchema, { error: 'a JSON array of source definitions' })
  .check(
    z.minLength(1, 'the list is empty: name at least one source (see "Sources file" in the README)'),
    z.superRefine((list, ctx) => {
      const ids = new Set<string>();
      for (const [i, s] of list.entries()) {
        if (ids.has(s.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate source id ${s.id}` });
        ids.add(s.id);
      }
    }),
  );

export type SourceDefinition = z.infer<typeof sourceDefinitionSchema>;
export type SourceDefinitionInput = z.input<typeof sourceDefinitionSchema>;

const SCHEMAS_BY_KIND: Record<string, { shape: Record<string, unknown> }> = {
  rss: rssSourceSchema,
  'kazinform-list': kazinformListSourceSchema,
  sitemap: sitemapSourceSchema,
  'govkz-news': govkzNewsSourceSchema,
};

export function parseSources(input: unknown): SourceDefinition[] {
  const result = sourceListSchema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${issueMessage(i, input)}`)
      .join('; ');
    throw new Error(`invalid source definitions: ${detail}`);
  }
  return result.data;
}

/** zod says "Invalid input" for an unknown key: name the key and what the definition takes instead. */
function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = issue.keys.map((k) => `"${k}"`).join(', ');
  let target: unknown = input;
  for (const p of issue.path)
    target = (target as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
  const kind = (target as { kind?: unknown } | undefined)?.kind;
  const schema =
    issue.path.at(-1) === 'fallbacks' || typeof issue.path.at(-2) === 'string'
      ? undefined
      : SCHEMAS_BY_KIND[String(kind)];
  const allowed = schema ? ` (a ${String(kind)} source takes ${Object.keys(schema.shape).join(', ')})` : '';
  return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${allowed}`;
}

/**
 * Every address a source may be read from, in the order they are tried: the source's own, its
 * fallbacks, then (rss) the older `fallbackListUrl`.
 */
export function discoveryPaths(source: SourceDefinition): { kind: DiscoveryKind; url: string }[] {
  if (source.kind === 'govkz-news') return [];
  const paths: { kind: DiscoveryKind; url: string }[] = [
    { kind: source.kind, url: source.url },
    ...(source.fallbacks ?? []),
  ];
  if (source.kind === 'rss' && source.fallbackListUrl)
    paths.push({ kind: 'kazinform-list', url: source.fallbackListUrl });
  return paths;
}

/**
 * The live sources watched by default, from what public scrapers that worked in 2025–2026 read (see
 * docs/sources.md): HTML list pages first, then a Google News sitemap and RSS as later candidates
 * (neither confirmed on the current sites). `kzmon sources check --all` says which address answered.
 */
export const DEFAULT_SOURCES: SourceDefinition[] = parseSources([
  {
    id: 'kazinform-en',
    name: 'Qazinform (English)',
    kind: 'kazinform-list',
    language: 'en',
    url: 'https://qazinform.com/lenta',
    fallbacks: [
      { kind: 'kazinform-list', url: 'https://qazinform.com/latest-news' },
      { kind: 'kazinform-list', url: 'https://qazinform.com/' },
      { kind: 'sitemap', url: 'https://qazinform.com/sitemaps/google-news_en.xml' },
      { kind: 'rss', url: 'https://qazinform.com/rss/en.xml' },
    ],
  },
  {
    id: 'kazinform-ru',
    name: 'Kazinform (Russian)',
    kind: 'kazinform-list',
    language: 'ru',
    url: 'https://www.inform.kz/ru/lenta',
    fallbacks: [
      { kind: 'sitemap', url: 'https://www.inform.kz/sitemaps/google-news_ru.xml' },
      { kind: 'rss', url: 'https://www.inform.kz/rss/rus.xml' },
    ],
  },
  {
    id: 'kazinform-kk',
    name: 'Kazinform (Kazakh, Cyrillic)',
    kind: 'kazinform-list',
    language: 'kk',
    url: 'https://kaz.inform.kz/lenta/',
    fallbacks: [
      { kind: 'sitemap', url: 'https://kaz.inform.kz/sitemaps/google-news_kz.xml' },
      { kind: 'rss', url: 'https://www.inform.kz/rss/kaz.xml' },
    ],
  },
  {
    id: 'kazinform-kk-latn',
    name: 'Kazinform (Kazakh, Latin)',
    kind: 'kazinform-list',
    language: 'kk',
    url: 'https://qz.inform.kz/lenta/',
    fallbacks: [
      { kind: 'kazinform-list', url: 'https://qz.inform.kz/category/halykaralyk-katynastar_c244/' },
      { kind: 'kazinform-list', url: 'https://qz.inform.kz/' },
    ],
  },
  {
    id: 'mfa-en',
    name: 'MFA of Kazakhstan (English)',
    kind: 'govkz-news',
    language: 'en',
    url: 'https://www.gov.kz',
  },
  {
    id: 'mfa-ru',
    name: 'MFA of Kazakhstan (Russian)',
    kind: 'govkz-news',
    language: 'ru',
    url: 'https://www.gov.kz',
  },
  {
    id: 'mfa-kk',
    name: 'MFA of Kazakhstan (Kazakh)',
    kind: 'govkz-news',
    language: 'kk',
    url: 'https://www.gov.kz',
  },
]);
