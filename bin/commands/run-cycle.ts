import { allowedHostsFor } from '../../functions/domain/sources/allowlist';
import type { SourceDefinition } from '../../functions/domain/sources/definitions';
import { HttpClient } from '../../functions/adapters/http-client';
import { consoleLog } from '../../functions/local/console-log';
import { runLocalCycle } from '../../functions/local/local-cycle';
import { OutboxPublisher } from '../../functions/local/outbox-publisher';
import { formatCycleReport } from './cycle-report';
import { loadSubscribers, openLocalStore, outboxDir } from './local-env';

export interface RunCycleOptions {
  sources: SourceDefinition[];
  fresh?: boolean;
  verbose?: boolean;
  subscribersFile?: string;
  /** Sample and test servers live on 127.0.0.1 over plain http. */
  local?: boolean;
}

/** One local cycle on the embedded store with alerts to the outbox; prints the summary. */
export async function runCycleCommand(options: RunCycleOptions): Promise<number> {
  const log = consoleLog(options.verbose);
  const { subscribers } = loadSubscribers(options.subscribersFile);
  const local = await openLocalStore({ fresh: options.fresh });
  try {
    const http = new HttpClient({ allowedHosts: allowedHostsFor(options.sources), allowInsecureLocal: options.local });
    const publisher = new OutboxPublisher(outboxDir(), subscribers);
    const result = await runLocalCycle({ sources: options.sources, http, store: local.store, publisher, log });
    const titles = new Map<string, { title: string; categories: string[] }>();
    for (const i of result.items.filter((x) => x.outcome === 'relevant')) {
      const item = await local.store.getItem(i.entry.itemId);
      if (item) titles.set(item.itemId, { title: item.title, categories: item.classification.categories });
    }
    process.stdout.write(`${formatCycleReport(result, publisher.deliveries, outboxDir(), titles)}\n`);
    return result.fetch.sources.every((s) => !s.ok) ? 1 : 0;
  } finally {
    await local.close();
  }
}
