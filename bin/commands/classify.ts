/**
 * `kzmon classify [FILE]`: JSON Lines in (FILE or standard input), one JSON line out per input line, in
 * order. Input: {"id", "title", "body", "lead"?, "language"?, "url"?, "publishedAt"?}. A line that is not
 * JSON, has no `id` or no `body`, or a field of the wrong type yields {"line": <its number>, "id": <if
 * known>, "error": "<reason>"}, is not classified, and the run goes on. Blank lines are skipped (and
 * counted). Exit code: 0 every line classified; 1 some line was bad (the others were answered);
 * 2 the input could not be read.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { classify } from '../../functions/domain/classification/classify';
import { buildGist } from '../../functions/domain/classification/gist';
import { leadAndBody } from '../../functions/domain/classification/input';
import { LANGUAGES, type Language } from '../../functions/domain/model';

export const CLASSIFY_EXIT = { ok: 0, badLines: 1, unreadable: 2 } as const;

type Answer = Record<string, unknown>;

/** Why the fields of a parsed line cannot be classified, or null when they can. */
function fieldProblem(o: Record<string, unknown>): string | null {
  const id = o.id;
  if (!((typeof id === 'string' && id.trim() !== '') || typeof id === 'number')) {
    return 'missing "id" (a non-empty string or a number is required, to match answers to items)';
  }
  if (typeof o.body !== 'string') return 'missing "body" (a string is required)';
  for (const key of ['title', 'lead'] as const) {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string')
      return `"${key}" must be a string or null`;
  }
  if (o.language !== undefined && !LANGUAGES.includes(o.language as Language)) {
    return `"language" must be one of ${LANGUAGES.join(', ')}`;
  }
  if (o.url !== undefined && typeof o.url !== 'string') return '"url" must be a string';
  if (
    o.publishedAt !== undefined &&
    (typeof o.publishedAt !== 'string' || Number.isNaN(Date.parse(o.publishedAt)))
  ) {
    return '"publishedAt" must be an ISO 8601 instant (2026-11-24T09:30:00Z)';
  }
  return null;
}

/**
 * Classifies one input line (`lineNumber` counts from 1, blank lines included); returns the answer: a
 * result, or an error record naming the line.
 */
export function classifyLine(line: string, lineNumber = 1): Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    const id = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? null;
    return { line: lineNumber, id, error: `invalid JSON: ${(err as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line: lineNumber, id: null, error: 'not a JSON object' };
  }
  const o = parsed as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null;
  const problem = fieldProblem(o);
  if (problem) return { line: lineNumber, id, error: problem };
  const body = o.body as string;
  const c = classify({
    title: (o.title as string | null | undefined) ?? null,
    body: typeof o.lead === 'string' ? leadAndBody(o.lead, body.split(/\n\s*\n/)) : body,
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
    gist: c.relevant ? buildGist(c, o.publishedAt as string | undefined) : null,
    evidence: c.evidence,
  };
}

/** Streams JSON Lines from `input` to `output`. Resolves with the lines answered and how many were bad. */
export async function runClassify(
  input: Readable,
  output: Writable,
): Promise<{ answered: number; bad: number }> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let answered = 0;
  let bad = 0;
  let lineNumber = 0;
  for await (const raw of rl) {
    lineNumber++;
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    let out: Answer;
    try {
      out = classifyLine(line, lineNumber);
    } catch (err) {
      out = { line: lineNumber, id: null, error: `classifier failed: ${(err as Error).message}` };
    }
    if ('error' in out) bad++;
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => output.once('drain', r));
    answered++;
  }
  return { answered, bad };
}

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description(
      'Classify JSON Lines items {"id","title","body","lead"?,"language"?,"url"?,"publishedAt"?} from FILE or ' +
        'standard input; one JSON line out per item (with its English gist when relevant), a bad line answered ' +
        'with {"line","id","error"}',
    )
    .argument('[file]', 'a JSON Lines file (standard input when omitted)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every line classified; 1 some line was bad (its error record names the line number; ' +
        'the other lines were answered); 2 the input could not be read.',
    )
    .action(async (file?: string) => {
      const input: Readable = file ? createReadStream(file) : process.stdin;
      try {
        const { bad } = await runClassify(input, process.stdout);
        if (bad > 0) {
          process.stderr.write(
            bad === 1
              ? 'kzmon classify: 1 bad line (see its "error" record)\n'
              : `kzmon classify: ${bad} bad lines (see their "error" records)\n`,
          );
          process.exitCode = CLASSIFY_EXIT.badLines;
        }
      } catch (err) {
        process.stderr.write(
          `kzmon classify: cannot read ${file ?? 'standard input'}: ${(err as Error).message}\n`,
        );
        process.exitCode = CLASSIFY_EXIT.unreadable;
      }
    });
}
