import type { Command } from 'commander';
import { DEFAULT_SOURCES } from '../../functions/domain/sources/definitions';
import { consoleLog } from '../../functions/local/console-log';
import { SAMPLE_SOURCE_IDS } from '../../functions/local/sample-sources';
import { startWebServer } from '../../functions/web-view/server';
import { DATES_HELP, EXIT_CODES_HELP, UsageError } from './cli-support';
import { openStoreForReading } from './local-env';
import { openRemoteStore } from './remote-store';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Browse the local store (or a deployed one with --api) in a web browser: items with filters, a chart per week, why each was flagged, and source health. Listens on 127.0.0.1 only; stop with Ctrl-C. Other kzmon commands keep working while it runs.',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '8400')
    .option('--api <url>', 'browse a deployed store through its query API (SigV4-signed with your AWS credentials)')
    .option('-v, --verbose', 'log every step')
    .addHelpText('after', `\n${DATES_HELP}\n${EXIT_CODES_HELP}`)
    .action(async (opts: { port: string; api?: string; verbose?: boolean }) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || !Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, not "${opts.port}"`);
      }
      const log = consoleLog(opts.verbose);
      const local = opts.api ? undefined : await openStoreForReading();
      const store = local?.store ?? openRemoteStore(opts.api!);
      const storeLabel = opts.api
        ? `the deployed store at ${opts.api}`
        : local?.kind === 'demo'
          ? `the demo's store${local.fellBackToDemo ? ' (the live store is empty; `npx kzmon run` fills it)' : ''}`
          : 'the local store';
      let web: Awaited<ReturnType<typeof startWebServer>>;
      try {
        const demo = local?.kind === 'demo';
        // Every watched source is listed, also one not fetched yet (or failing before it ever answered).
        const knownSourceIds = demo ? SAMPLE_SOURCE_IDS : DEFAULT_SOURCES.map((s) => s.id);
        web = await startWebServer({ store, log, port, storeLabel, demo, knownSourceIds });
      } catch (err) {
        await local?.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new Error(`port ${port} on 127.0.0.1 is in use; pick another with --port`);
        throw err;
      }
      process.stdout.write(`kzmon web view of ${storeLabel} on ${web.url}/  (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await web.close();
      await local?.close();
    });
}
