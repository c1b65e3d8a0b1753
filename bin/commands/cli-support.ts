import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { formatTimes } from '../../functions/domain/alerts/format-alert';
import { useJsonLogs } from '../../functions/local/console-log';
import { chooseStore } from './local-env';

/** A command used wrongly (a bad option value, an unknown name): exit code 2, like commander's own. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit codes every command keeps to. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export const EXIT_CODES_HELP =
  'Exit codes: 0 done; 1 failed, or found a problem (a failing source, an unknown item); 2 used wrongly (bad option or value).';

export const DATES_HELP =
  'Dates are Astana days (UTC+5, the time readers of this news use): --since 2026-11-30 starts at 00:00 in Astana; a time without an offset is Astana time too.';

/** "2026-11-30 14:05 Astana (UTC+5)": instants as every command prints them; a value that is no instant as stored. */
export function astanaTime(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : formatTimes(iso).local;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * What every kzmon command shares: --version, the store options (--store DIR, --demo), one meaning of the
 * exit codes, and a quiet end when the reader of the output goes away (`kzmon query --json | head -1`).
 * Call before registering commands: commander copies these settings into each command made after.
 */
export function configureProgram(program: Command): Command {
  program
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option(
      '--store <dir>',
      'the local store directory (default: .kzmon/ in the project root, or KZMON_STORE)',
    )
    .option('--demo', "read the demo's own store (what `kzmon demo` fetched) instead of the live one")
    .option('--log-json', 'log lines on stderr as JSON objects (with -v, every step); the default is short readable lines')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', `\n${DATES_HELP}\n${EXIT_CODES_HELP}`);
  program.hook('preAction', (_program, action) => {
    const opts = action.optsWithGlobals() as { store?: string; demo?: boolean; logJson?: boolean };
    chooseStore(opts);
    useJsonLogs(Boolean(opts.logJson));
  });
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    throw err;
  });
  return program;
}

/** The exit code for what a command threw (commander's own usage errors included). */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here too, with code 0.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return err instanceof UsageError ? EXIT.usage : EXIT.failure;
}

export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    // commander has already printed its own message and the usage.
    if (!(err instanceof CommanderError)) process.stderr.write(`kzmon: ${(err as Error).message}\n`);
  }
}
