import type { Command } from 'commander';
import { startSampleServer } from '../../functions/local/sample-sources';
import { runCycleCommand } from './run-cycle';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run one full monitoring cycle on the bundled sample sources (served on 127.0.0.1), with the embedded DynamoDB in .kzmon/ and alerts written to .kzmon/outbox/. No AWS account or internet needed.',
    )
    .option('--fresh', 'start from an empty store')
    .option('-v, --verbose', 'log every step')
    .action(async (opts: { fresh?: boolean; verbose?: boolean }) => {
      const sample = await startSampleServer();
      try {
        process.stdout.write(`Sample sources on ${sample.origin}\n`);
        process.exitCode = await runCycleCommand({ sources: sample.sources, fresh: opts.fresh, verbose: opts.verbose, local: true });
      } finally {
        await sample.close();
      }
    });
}
