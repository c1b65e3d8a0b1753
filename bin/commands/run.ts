import type { Command } from 'commander';
import { runCycleCommand } from './run-cycle';
import { isLocalSourceSet, loadSourcesOption } from './sources';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run one monitoring cycle against the live sources (or those in --sources FILE) with the local store and outbox')
    .option('--sources <file>', 'a JSON array of source definitions instead of the default live sources')
    .option('--subscribers <file>', 'a JSON array of subscribers for the local outbox')
    .option('--fresh', 'start from an empty store')
    .option('-v, --verbose', 'log every step')
    .action(async (opts: { sources?: string; subscribers?: string; fresh?: boolean; verbose?: boolean }) => {
      const sources = loadSourcesOption(opts.sources);
      process.exitCode = await runCycleCommand({
        sources,
        fresh: opts.fresh,
        verbose: opts.verbose,
        subscribersFile: opts.subscribers,
        local: isLocalSourceSet(sources),
      });
    });
}
