import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES, parseSources } from '../../functions/domain/sources/definitions';
import { SCHEMA_FILE, sourcesJsonSchema } from '../../scripts/sources-schema';

const KZMON = join(__dirname, '..', '..', 'bin', 'kzmon.cjs');

function kzmon(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KZMON, ...args], {
      cwd,
      env: { ...process.env, KZMON_STORE: join(cwd, '.kzmon'), CI: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the sources file format', () => {
  it('sources.schema.json is generated from the definitions the monitor checks files with, and is current', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(sourcesJsonSchema());
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      type: string;
      minItems: number;
      items: { oneOf: { properties: { kind: { const: string } }; additionalProperties: boolean }[] };
    };
    expect(schema.type).toBe('array');
    expect(schema.minItems).toBe(1);
    expect(schema.items.oneOf.map((o) => o.properties.kind.const).sort()).toEqual([
      'govkz-news',
      'kazinform-list',
      'rss',
      'sitemap',
    ]);
    for (const kind of schema.items.oneOf) expect(kind.additionalProperties).toBe(false);
  });

  it('names an unknown key and what the definition takes instead', () => {
    expect(() =>
      parseSources([
        {
          id: 'a',
          kind: 'kazinform-list',
          language: 'ru',
          url: 'https://www.inform.kz/ru/lenta',
          fallbackUrl: 'https://x.example/',
        },
      ]),
    ).toThrow(
      /0: unknown key "fallbackUrl" \(a kazinform-list source takes id, name, language, enabled, kind, url, fallbacks\)/,
    );
    expect(() =>
      parseSources([
        {
          id: 'a',
          kind: 'sitemap',
          language: 'ru',
          url: 'https://www.inform.kz/s.xml',
          fallbacks: [{ kind: 'rss', url: 'https://www.inform.kz/rss/rus.xml', lang: 'ru' }],
        },
      ]),
    ).toThrow(/0\.fallbacks\.0: unknown key "lang"/);
  });

  it('the defaults satisfy the format they document', () => {
    expect(parseSources(JSON.parse(JSON.stringify(DEFAULT_SOURCES)))).toEqual(DEFAULT_SOURCES);
  });

  it('an empty list is refused with a sentence, not a blank line (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-sources-file-'));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '[]');
    for (const args of [
      ['sources', '--sources', empty],
      ['run', '--sources', empty],
    ]) {
      const r = await kzmon(args, dir);
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout.trim(), args[0]).toBe('');
      expect(r.stderr, args[0]).toMatch(
        /sources file .*empty\.json: invalid source definitions: \(root\): the list is empty: name at least one source/,
      );
    }
    const typo = join(dir, 'typo.json');
    writeFileSync(
      typo,
      JSON.stringify([
        { id: 'a', kind: 'rss', language: 'en', url: 'https://qazinform.com/rss/en.xml', fallbackList: 'x' },
      ]),
    );
    const r = await kzmon(['sources', '--sources', typo], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "fallbackList"/);
  }, 60_000);
});
