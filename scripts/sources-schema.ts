/**
 * Writes sources.schema.json, the JSON Schema of a sources file (`kzmon run --sources FILE`), from the zod
 * definitions the monitor itself checks files with, so the two cannot drift apart
 * (test/sources/sources-schema.test.ts fails when the committed file is stale).
 *
 *   npx tsx scripts/sources-schema.ts          write it
 *   npx tsx scripts/sources-schema.ts --check  exit 1 when the committed file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { sourceListSchema } from '../functions/domain/sources/definitions';

export const SCHEMA_FILE = join(__dirname, '..', 'sources.schema.json');

export function sourcesJsonSchema(): string {
  const schema = z.toJSONSchema(sourceListSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const withTitle = {
    $schema: schema.$schema,
    $id: 'sources.schema.json',
    title: 'kz-news-monitor sources file',
    description:
      'A JSON array of source definitions for `kzmon run|backfill|sources --sources FILE` and the SOURCES_JSON setting. Generated from functions/domain/sources/definitions.ts by scripts/sources-schema.ts; see "Sources file" in the README.',
    ...schema,
  };
  return `${JSON.stringify(withTitle, null, 2)}\n`;
}

if (require.main === module) {
  const text = sourcesJsonSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== text) {
      process.stderr.write('sources.schema.json is stale: run npx tsx scripts/sources-schema.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  }
}
