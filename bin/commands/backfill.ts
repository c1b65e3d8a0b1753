import { SQSClient } from '@aws-sdk/client-sqs';
import { type Command, Option } from 'commander';
import { HttpClient } from '../../functions/adapters/http-client';
import { RateLimitedHttp } from '../../functions/adapters/rate-limited-http';
import { SqsItemQueue } from '../../functions/adapters/sqs-queue';
import {
  type BackfillProgress,
  type BackfillRange,
  backfillSource,
} from '../../functions/domain/backfill/walk-history';
import type { FeedEntry } from '../../functions/domain/model';
import type { ItemQueue } from '../../functions/domain/ports';
import { processEntry } from '../../functions/domain/process-entry';
import { dateSpan } from '../../functions/domain/query/date-span';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import { consoleLog } from '../../functions/local/console-log';
import { DATES_HELP, EXIT, EXIT_CODES_HELP, UsageError } from './cli-support';
import { openLocalStore } from './local-env';
import { interactive } from './progress';
import { isLocalSourceSet, loadSourcesOption } from './sources';

interface BackfillOptions {
  since: string;
  until?: string;
  source?: string[];
  sources?: string;
  rate: string;
  alert?: boolean;
  deployed?: boolean;
  queueUrl?: string;
  verbose?: boolean;
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description(
      'Walk the sources back in time (list pages ?page=N, gov.kz pages) and store the items between --since and --until. Backfilled items are stored and queryable but send no alert (unless --alert). Run it again after an interruption: it skips what is stored.',
    )
    .requiredOption('--since <date>', 'the oldest day to fetch (an Astana day, e.g. 2026-08-01)')
    .option('--until <date>', 'the newest day to fetch (default: now)')
    .option('--source <id...>', 'only these sources (default: every enabled source)')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--rate <n>', 'requests per second per host at most', '1')
    .option('--alert', 'record alerts for relevant items, as a cycle would (the next `kzmon run` sends them)')
    .option(
      '--deployed',
      'send the entries to the deployed queue (your AWS credentials) instead of the local store',
    )
    .addOption(new Option('--queue-url <url>', 'the deployed queue, with --deployed').env('KZMON_QUEUE_URL'))
    .option('-v, --verbose', 'log every step')
    .addHelpText('after', `\n${DATES_HELP}\n${EXIT_CODES_HELP}`)
    .action(async (opts: BackfillOptions) => {
      process.exitCode = await backfillCommand(opts);
    });
}

export function parseRange(since: string, until: string | undefined, now = new Date()): BackfillRange {
  const from = dateSpan(since);
  if (!from) throw new UsageError(`--since ${since}: not a date (use YYYY-MM-DD, an Astana day)`);
  const to = until === undefined ? { endExclusive: now } : dateSpan(until);
  if (!to) throw new UsageError(`--until ${until}: not a date (use YYYY-MM-DD, an Astana day)`);
  const range = { since: from.start, until: new Date(to.endExclusive.getTime() - 1) };
  if (range.until < range.since) throw new UsageError(`--until ${until} is before --since ${since}`);
  return range;
}

function chooseSources(opts: BackfillOptions): SourceDefinition[] {
  const all = loadSourcesOption(opts.sources);
  if (!opts.source?.length) return all.filter((s) => s.enabled);
  const unknown = opts.source.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new UsageError(
      `no source ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${all.map((s) => s.id).join(', ')}`,
    );
  return all.filter((s) => opts.source!.includes(s.id));
}

async function backfillCommand(opts: BackfillOptions): Promise<number> {
  const range = parseRange(opts.since, opts.until);
  const rate = Number(opts.rate);
  if (!(rate > 0)) throw new UsageError(`--rate ${opts.rate}: a positive number of requests per second`);
  if (opts.deployed && !opts.queueUrl)
    throw new UsageError('--deployed needs the queue URL: --queue-url URL or KZMON_QUEUE_URL');
  const sources = chooseSources(opts);
  const log = consoleLog({ verbose: opts.verbose });
  const http = new RateLimitedHttp(
    new HttpClient({ allowedHosts: allowedHostsFor(sources), allowInsecureLocal: isLocalSourceSet(sources) }),
    rate,
  );
  const report = progressReporter(range);
  const local = await openLocalStore();
  try {
    const queue = opts.deployed
      ? new SqsItemQueue(new SQSClient({ region: regionOfQueue(opts.queueUrl!) }), opts.queueUrl!)
      : undefined;
    const handle = queue
      ? deployedBackfillStep(queue, opts.alert === true)
      : (entry: FeedEntry) =>
          processEntry(
            entry,
            { http, store: local.store, log },
            { knownUnseen: true, backfill: !opts.alert },
          );
    let failed = 0;
    for (const source of sources) {
      try {
        const result = await backfillSource(source, range, {
          http,
          store: local.store,
          log,
          handle,
          onPage: report.page,
        });
        report.done(
          `${source.id}: ${result.page} page(s), ${result.inRange} item(s) in range, ${result.handled} new, ${result.relevant} relevant; ${result.stoppedBecause}${result.failures ? `; ${result.failures} item(s) failed (run again to retry)` : ''}`,
        );
        if (result.failures > 0) failed++;
      } catch (err) {
        failed++;
        report.done(`${source.id}: FAILED: ${(err as Error).message}`);
      }
    }
    const hosts = [...http.perHost.entries()].map(([h, n]) => `${h} ${n}`).join(', ');
    process.stdout.write(`Requests per host: ${hosts || 'none'} (at most ${rate}/s each)\n`);
    if (!opts.alert)
      process.stdout.write(
        `Backfilled items send no alert${opts.deployed ? ' (marked backfill on the queue)' : ''}.\n`,
      );
    return failed > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    await local.close();
  }
}

/** The queue's own region (`https://sqs.<region>.amazonaws.com/…`), else the SDK's default. */
export function regionOfQueue(queueUrl: string): string | undefined {
  try {
    return /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(queueUrl).hostname)?.[1];
  } catch {
    throw new UsageError(`--queue-url ${queueUrl}: not a URL (the queue URL from the stack outputs)`);
  }
}

/** The per-item step of `--deployed`: the entry goes to the classify function's queue, marked as history. */
export function deployedBackfillStep(queue: ItemQueue, alert: boolean) {
  return async (entry: FeedEntry): Promise<'queued'> => {
    await queue.send([alert ? entry : { ...entry, backfill: true }]);
    return 'queued';
  };
}

/** One rewritten line on a terminal (pages, items, relevant, ETA); one plain line per page otherwise. */
function progressReporter(range: BackfillRange) {
  const tty = interactive();
  const started = Date.now();
  let shown = false;
  const eta = (p: BackfillProgress) => {
    if (!p.reachedBack) return '';
    const span = range.until.getTime() - range.since.getTime();
    const covered = Math.min(1, Math.max(0, (range.until.getTime() - Date.parse(p.reachedBack)) / span));
    if (covered <= 0) return '';
    const left = ((Date.now() - started) * (1 - covered)) / covered;
    return `, ETA ${Math.ceil(left / 1000)} s`;
  };
  return {
    page: (p: BackfillProgress) => {
      const line = `${p.sourceId}: page ${p.page}, ${p.inRange} item(s) in range, ${p.handled} new, ${p.relevant} relevant, back to ${p.reachedBack ?? '?'}`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}${eta(p)}`);
        shown = true;
      } else process.stdout.write(`${line}\n`);
    },
    done: (line: string) => {
      if (tty && shown) process.stderr.write('\r\x1b[2K');
      shown = false;
      process.stdout.write(`${line}\n`);
    },
  };
}
