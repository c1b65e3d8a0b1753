import type { Command } from 'commander';
import { UsageError } from './cli-support';
import { CYCLE_EXIT_HELP, runCycleCommand } from './run-cycle';
import { isLocalSourceSet, loadSourcesOption } from './sources';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run one monitoring cycle against the live sources (or those in --sources FILE) with the local store; alerts go to the stored subscribers (email/SMS to the outbox, Telegram and webhooks over HTTP)')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--subscribers <file>', 'no longer read here: import the file once with `kzmon subscribers import FILE`')
    .option('--fresh', 'start from an empty store and an empty outbox (the stored subscribers are kept)')
    .option('-v, --verbose', 'log every step')
    .addHelpText('after', `\n${CYCLE_EXIT_HELP}`)
    .action(async (opts: { sources?: string; subscribers?: string; fresh?: boolean; verbose?: boolean }) => {
      if (opts.subscribers) {
        throw new UsageError(
          `run uses the stored subscribers now: import ${opts.subscribers} once with \`kzmon subscribers import ${opts.subscribers}\`, then run again`,
        );
      }
      const sources = loadSourcesOption(opts.sources);
      process.exitCode = await runCycleCommand({
        sources,
        fresh: opts.fresh,
        verbose: opts.verbose,
        subscribers: 'stored',
        local: isLocalSourceSet(sources),
      });
    });
}
