import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StoredSubscriber, parseSubscribers } from '../../functions/domain/alerts/subscribers';
import type { TelegramTransport } from '../../functions/domain/ports';
import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import { consoleLog } from '../../functions/local/console-log';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { type CycleReportOptions, formatCycleReport } from './cycle-report';
import { deliveryStoreOf, localPublisher, smsCapFromEnv } from './delivery-env';
import { type StoreKind, openLocalStore, outboxDir } from './local-env';
import { CycleProgress, ObservedHttpClient, interactive } from './progress';

export interface RunCycleOptions {
  sources: SourceDefinition[];
  fresh?: boolean;
  verbose?: boolean;
  /** `stored`: the subscribers in the store (`kzmon subscribers`); `sample`: the bundled ones (the demo). */
  subscribers?: 'stored' | 'sample';
  /** Sample and test servers live on 127.0.0.1 over plain http. */
  local?: boolean;
  /** Which local store: the live one (default) or the demo's. */
  kind?: StoreKind;
  /** More subscribers for this run only (the demo's Telegram and webhook ones, behind its own receivers). */
  extraSubscribers?: StoredSubscriber[];
  /** The Bot API to use instead of KZMON_TELEGRAM_* (the demo's stand-in). */
  telegram?: TelegramTransport;
  /** Why an entry was turned down, for the summary (the demo knows its samples). */
  whyRejected?: CycleReportOptions['whyRejected'];
}

/** What `run` and `demo` exit with: a cycle goes on past a failing source, as the deployed one does. */
export const CYCLE_EXIT_HELP =
  'Exit codes: 0 the cycle ran (a failing or blocked source is named in the summary; the others are read); 1 no source could be read, or the store failed; 2 used wrongly (bad option or value, a bad sources file).';

/** Failures the cycle summary reports itself: printed as log lines only with -v or --log-json. */
const TOLD_IN_SUMMARY = /^(source failed|source blocked|item failed)/;

const SAMPLE_SUBSCRIBERS = join(__dirname, '..', '..', 'functions', 'local', 'sample', 'subscribers.json');

/** The bundled sample subscribers, used by `kzmon demo` only. */
export function sampleSubscribers(now = new Date()): StoredSubscriber[] {
  return parseSubscribers(JSON.parse(readFileSync(SAMPLE_SUBSCRIBERS, 'utf8'))).map((s) => ({
    ...s,
    createdAt: now.toISOString(),
  }));
}

/**
 * The subscribers in a store, read before `--fresh` empties it: who gets alerts is the user's data, not
 * fetched state, so starting over keeps them (`kzmon subscribers remove` removes one).
 */
async function storedSubscribers(kind: StoreKind | undefined): Promise<StoredSubscriber[]> {
  const local = await openLocalStore({ kind });
  try {
    return await deliveryStoreOf(local).listSubscribers();
  } finally {
    await local.close();
  }
}

/**
 * One local cycle on the embedded store: email and SMS to the outbox, Telegram and webhook subscribers
 * over HTTP, each alert sent as soon as its item is stored; prints the summary.
 */
export async function runCycleCommand(options: RunCycleOptions): Promise<number> {
  const http = new ObservedHttpClient({
    allowedHosts: allowedHostsFor(options.sources),
    allowInsecureLocal: options.local,
  });
  const progress = interactive() ? new CycleProgress(options.sources.filter((s) => s.enabled).map((s) => s.id), http) : undefined;
  const plain = consoleLog({
    verbose: options.verbose,
    toldInSummary: (m) => TOLD_IN_SUMMARY.test(m),
    write: progress ? (line) => progress.block.print(line) : undefined,
  });
  const log = progress ? progress.observe(plain) : plain;
  const kept = options.fresh ? await storedSubscribers(options.kind) : [];
  const local = await openLocalStore({ fresh: options.fresh, kind: options.kind });
  try {
    const deliveries = deliveryStoreOf(local);
    for (const s of kept) await deliveries.addSubscriber(s);
    const subscribers = [
      ...(options.subscribers === 'sample' ? sampleSubscribers() : await deliveries.listSubscribers()),
      ...(options.extraSubscribers ?? []),
    ];
    if (subscribers.length === 0) {
      process.stdout.write('No subscribers in this store: alerts are recorded but go to no one (add some with `kzmon subscribers add`).\n');
    }
    const outbox = outboxDir(local.kind);
    const { publisher, outbox: topic } = localPublisher(outbox, subscribers, deliveries, log, options.telegram);
    await publisher.retryFailedChannels();
    progress?.block.start();
    const result = await runLocalCycle({
      sources: options.sources,
      http,
      store: local.store,
      publisher,
      log,
      sms: smsCapFromEnv(deliveries),
    }).finally(() => progress?.block.stop());
    const titles = new Map<string, { title: string; categories: string[]; storyId?: string }>();
    for (const i of result.items.filter((x) => x.outcome === 'relevant')) {
      const item = await local.store.getItem(i.entry.itemId);
      if (item) {
        titles.set(item.itemId, { title: item.title, categories: item.classification.categories, storyId: item.storyId });
      }
    }
    const all = [...topic.deliveries, ...publisher.deliveries];
    process.stdout.write(`${formatCycleReport(result, all, outbox, titles, { whyRejected: options.whyRejected })}\n`);
    for (const f of publisher.failures) {
      process.stdout.write(`  ${f.subscriberId.padEnd(16)} ${f.channel} ${f.outcome}: ${f.error}\n`);
    }
    return result.fetch.sources.every((s) => !s.ok) ? 1 : 0;
  } finally {
    await local.close();
  }
}
