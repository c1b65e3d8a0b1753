import type { Command } from 'commander';
import { consoleLog } from '../../functions/local/console-log';
import { startWebServer } from '../../functions/web-view/server';
import { openLocalStore } from './local-env';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Browse the local store in a web browser: items with filters, why each was flagged, and source health. Listens on 127.0.0.1 only; stop with Ctrl-C.',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '8400')
    .option('-v, --verbose', 'log every step')
    .action(async (opts: { port: string; verbose?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a whole number from 0 to 65535, not "${opts.port}"`);
      }
      const local = await openLocalStore();
      let web: Awaited<ReturnType<typeof startWebServer>>;
      try {
        web = await startWebServer({ store: local.store, log: consoleLog(opts.verbose), port });
      } catch (err) {
        await local.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new Error(`port ${port} on 127.0.0.1 is in use; pick another with --port`);
        throw err;
      }
      process.stdout.write(`kzmon web view on ${web.url}/  (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await web.close();
      await local.close();
    });
}
