import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isLoopback } from '../../functions/adapters/http-client';
import type { SourceHealth } from '../../functions/domain/model';
import {
  DEFAULT_SOURCES,
  type SourceDefinition,
  discoveryPaths,
  parseSources,
} from '../../functions/domain/sources/definitions';
import { describePath } from '../../functions/domain/sources/discovery';
import { BLOCKED_WORDING } from '../../functions/domain/sources/source-failure';
import { createApiClient } from './api-client';
import { EXIT, EXIT_CODES_HELP, UsageError, astanaTime } from './cli-support';
import { openLocalStore } from './local-env';
import { sampleSources } from '../../functions/local/sample-sources';
import { checkAllSources, checkSource } from './source-check';

export { checkSource } from './source-check';

/** The sources of --sources FILE (a bad file is a usage error: exit 2, with the file and the problem named). */
export function loadSourcesOption(file?: string): SourceDefinition[] {
  if (!file) return DEFAULT_SOURCES;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`could not read sources file ${file}: ${(err as Error).message}`);
  }
  try {
    return parseSources(raw);
  } catch (err) {
    throw new UsageError(
      `sources file ${file}: ${(err as Error).message} (format: "Sources file" in the README, schema: sources.schema.json)`,
    );
  }
}

/** Sample and test servers live on 127.0.0.1 over plain http; only then is plain http allowed. */
export function isLocalSourceSet(sources: SourceDefinition[]): boolean {
  return sources.some((s) => isLoopback(new URL(s.url).hostname));
}

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description(
      'List every source with its stored health (the local store, or the deployed one with --api URL)',
    )
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option(
      '--api <url>',
      "the deployed API's base URL: show the deployed health (GET /sources, signed with your AWS credentials)",
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `\nWith --demo: the demo's sample sources and their health in the demo's store.\n${EXIT_CODES_HELP}`,
    )
    .action(async (opts: { sources?: string; json?: boolean; api?: string }, cmd: Command) => {
      const demo = Boolean((cmd.optsWithGlobals() as { demo?: boolean }).demo) && !opts.api && !opts.sources;
      let defs = demo ? sampleSources(SAMPLE_ORIGIN) : loadSourcesOption(opts.sources);
      const states = opts.api ? await deployedHealth(opts.api) : await localHealth(defs);
      // The sample server takes a free port each run: show the address the last demo read.
      if (demo) defs = sampleSources(lastSampleOrigin(states) ?? SAMPLE_ORIGIN);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            defs.map((d) => ({ ...d, health: states.get(d.id) ?? null })),
            null,
            2,
          )}\n`,
        );
      } else {
        process.stdout.write(`${formatSourceList(defs, states)}\n`);
      }
    });

  sources
    .command('check [id]')
    .description(
      "Fetch a source live and print what it found: items, dates and extracted text of a few articles; --all: one table row per source (path used, items, newest item, first article's extracted length, verdict). Exit code 0 when every source checked worked, 1 when one failed.",
    )
    .option('--all', 'check every enabled source')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--articles <n>', 'how many articles to fetch and extract', '3')
    .option('-v, --verbose', 'log every step')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .action((id: string | undefined, opts: CheckOptions, cmd: Command) => checkCommand(id, opts, cmd));
}

interface CheckOptions {
  sources?: string;
  articles: string;
  verbose?: boolean;
  all?: boolean;
}

async function checkCommand(id: string | undefined, opts: CheckOptions, cmd: Command): Promise<void> {
  const file = opts.sources ?? (cmd.parent?.opts() as { sources?: string } | undefined)?.sources;
  const defs = loadSourcesOption(file);
  if (opts.all || !id) {
    if (!opts.all)
      throw new UsageError(`name a source or use --all; known: ${defs.map((s) => s.id).join(', ')}`);
    const { ok, table } = await checkAllSources(defs, { verbose: opts.verbose });
    process.stdout.write(`${table}\n`);
    process.exitCode = ok ? EXIT.ok : EXIT.failure;
    return;
  }
  const source = defs.find((s) => s.id === id);
  if (!source) {
    process.stderr.write(`kzmon: no source "${id}"; known: ${defs.map((s) => s.id).join(', ')}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  const report = await checkSource(source, defs, {
    articles: Math.max(0, Number(opts.articles) || 0),
    verbose: opts.verbose,
  });
  process.stdout.write(`${report.lines.join('\n')}\n`);
  process.exitCode = report.ok ? EXIT.ok : EXIT.failure;
}

const SAMPLE_ORIGIN = 'http://127.0.0.1';

function lastSampleOrigin(states: Map<string, SourceHealth>): string | undefined {
  for (const h of states.values()) {
    const url = h.validatorUrl ?? /https?:\/\/\S+/.exec(h.pathUsed ?? '')?.[0];
    if (url) return new URL(url).origin;
  }
  return undefined;
}

async function localHealth(defs: SourceDefinition[]): Promise<Map<string, SourceHealth>> {
  const local = await openLocalStore();
  try {
    return await local.store.getSourceStates(defs.map((s) => s.id));
  } finally {
    await local.close();
  }
}

/** The deployed store's source health, through the signed API. */
async function deployedHealth(baseUrl: string): Promise<Map<string, SourceHealth>> {
  const res = await createApiClient({ baseUrl }).get('/sources');
  if (res.status !== 200)
    throw new Error(
      `the API answered HTTP ${res.status} for /sources: ${JSON.stringify(res.body).slice(0, 300)}`,
    );
  const list = (res.body as { sources?: SourceHealth[] }).sources;
  if (!Array.isArray(list)) throw new Error('the API answered /sources without a "sources" list');
  return new Map(list.map((h) => [h.sourceId, h]));
}

const at = (iso: string | undefined) => (iso ? astanaTime(iso) : '?');

export function formatSourceList(defs: SourceDefinition[], states: Map<string, SourceHealth>): string {
  const lines: string[] = [];
  for (const d of defs) {
    const h = states.get(d.id);
    const status = !d.enabled
      ? 'disabled'
      : !h
        ? 'never fetched'
        : h.blockedBy
          ? `${BLOCKED_WORDING[h.blockedBy]} (since ${at(h.blockedSince)}; next try after ${at(h.nextAttemptAfter)})`
          : h.consecutiveFailures > 0
            ? `FAILING (${h.consecutiveFailures} in a row)`
            : 'ok';
    lines.push(`${d.id.padEnd(16)} ${d.kind.padEnd(15)} ${d.language}  ${status}`);
    lines.push(`  url            ${d.url}`);
    for (const p of discoveryPaths(d).slice(1)) lines.push(`  then           ${describePath(p)}`);
    if (d.kind === 'govkz-news') lines.push(`  project        ${d.project}, section ${d.section}`);
    if (h) {
      lines.push(`  last success   ${h.lastSuccessAt ? astanaTime(h.lastSuccessAt) : 'never'}`);
      if (h.lastError) lines.push(`  last error     ${at(h.lastErrorAt)}: ${h.lastError}`);
      if (h.pathUsed) lines.push(`  path used      ${h.pathUsed}`);
      if (h.itemsLastSeen !== undefined) lines.push(`  items seen     ${h.itemsLastSeen}`);
      if (h.note) lines.push(`  note           ${h.note}`);
    }
  }
  return lines.join('\n');
}
