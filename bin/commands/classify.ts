/**
 * `kzmon classify [FILE]`: JSON Lines in (FILE or standard input), one JSON line out per input line, in
 * order. Input: {"id", "title", "body", "language"?, "url"?}. A line that is not JSON or lacks `body`
 * yields {"id": <if known>, "error": "<reason>"} and the run goes on. Blank lines are skipped. Exit code
 * 0 unless the input cannot be read.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { classify } from '../../functions/domain/classification/classify';
import { LANGUAGES, type Language } from '../../functions/domain/model';

/** Classifies one input line; returns the output object (a result or an error). */
export function classifyLine(line: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    const id = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? null;
    return { id, error: `invalid JSON: ${(err as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { id: null, error: 'not a JSON object' };
  }
  const o = parsed as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null;
  if (typeof o.body !== 'string') return { id, error: 'missing "body" (a string is required)' };
  if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') {
    return { id, error: '"title" must be a string or null' };
  }
  if (o.language !== undefined && !LANGUAGES.includes(o.language as Language)) {
    return { id, error: `"language" must be one of ${LANGUAGES.join(', ')}` };
  }
  if (o.url !== undefined && typeof o.url !== 'string') return { id, error: '"url" must be a string' };
  const c = classify({
    title: (o.title as string | null | undefined) ?? null,
    body: o.body,
    language: o.language as Language | undefined,
    url: o.url as string | undefined,
  });
  return {
    id,
    relevant: c.relevant,
    categories: c.categories,
    scores: c.scores,
    topics: c.topics,
    people: c.people,
    eventType: c.eventType,
    language: c.language,
    evidence: c.evidence,
  };
}

/** Streams JSON Lines from `input` to `output`. Resolves with the number of lines answered. */
export async function runClassify(input: Readable, output: Writable): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let count = 0;
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    let out: Record<string, unknown>;
    try {
      out = classifyLine(line);
    } catch (err) {
      out = { id: null, error: `classifier failed: ${(err as Error).message}` };
    }
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => output.once('drain', r));
    count++;
  }
  return count;
}

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description(
      'classify JSON Lines items {"id","title","body","language"?,"url"?} from FILE or standard input; ' +
        'one JSON line out per item',
    )
    .argument('[file]', 'a JSON Lines file (standard input when omitted)')
    .action(async (file?: string) => {
      const input: Readable = file ? createReadStream(file) : process.stdin;
      try {
        await runClassify(input, process.stdout);
      } catch (err) {
        process.stderr.write(`kzmon classify: cannot read ${file ?? 'standard input'}: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
