import type { Command } from 'commander';
import { leadAndBody } from '../../functions/domain/classification/input';
import { classify } from '../../functions/domain/classification/classify';
import type { FeedEntry } from '../../functions/domain/model';
import { TelegramClient } from '../../functions/adapters/telegram-client';
import { startSampleReceivers } from '../../functions/local/sample-receivers';
import { sampleTextAt, startSampleServer } from '../../functions/local/sample-sources';
import { rejectionReason } from './cycle-report';
import { CYCLE_EXIT_HELP, runCycleCommand } from './run-cycle';

/** The demo knows its samples: why each turned-down one was turned down, from the classifier's decision. */
export function whyDemoItemRejected(entry: FeedEntry): string | undefined {
  const text = sampleTextAt(entry.url);
  if (!text) return undefined;
  const decision = classify({
    title: text.title,
    body: leadAndBody(text.lead, text.paragraphs),
    language: entry.language,
    url: entry.url,
  });
  return rejectionReason(decision);
}

export const DEMO_NEXT_STEPS = [
  'Next:',
  '  npx kzmon query --demo          the relevant items the demo stored (add --lang ru, --category c5plus1, --text ...)',
  '  npx kzmon explain --demo ID     why an item was flagged (an id from the list above)',
  '  npx kzmon serve --demo          browse them in the web view, with the story in other languages',
  '  npx kzmon run                   the same cycle against the live sites, in the live store',
].join('\n');

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      "Run one full monitoring cycle on the bundled sample sources (Kazinform in English, Russian and Kazakh and the MFA's news API, served on 127.0.0.1), in the demo's own store (.kzmon/, apart from the live sources' records) with alerts written to .kzmon/demo/outbox/. No AWS account or internet needed.",
    )
    .option('--fresh', 'start from an empty demo store and outbox')
    .option('-v, --verbose', 'log every step')
    .addHelpText('after', `\n${CYCLE_EXIT_HELP}`)
    .action(async (opts: { fresh?: boolean; verbose?: boolean }) => {
      const sample = await startSampleServer();
      // A Bot API and a newsroom webhook on 127.0.0.1: the demo delivers to Telegram and webhooks for real.
      const receivers = await startSampleReceivers();
      try {
        process.stdout.write(`Sample sources on ${sample.origin}; Telegram and webhook receivers on ${receivers.botApiBase}\n`);
        process.exitCode = await runCycleCommand({
          sources: sample.sources,
          fresh: opts.fresh,
          verbose: opts.verbose,
          local: true,
          subscribers: 'sample',
          extraSubscribers: receivers.subscribers(),
          telegram: new TelegramClient({ token: receivers.botToken, apiBase: receivers.botApiBase }),
          kind: 'demo',
          whyRejected: whyDemoItemRejected,
        });
        if (process.exitCode === 0) process.stdout.write(`${DEMO_NEXT_STEPS}\n`);
      } finally {
        await receivers.close();
        await sample.close();
      }
    });
}
