import { dispatchPendingAlerts } from '../domain/alerts/dispatch-alerts';
import { type FetchCycleResult, runFetchCycle } from '../domain/fetch-cycle';
import type { FeedEntry } from '../domain/model';
import { type ProcessOutcome, processEntry } from '../domain/process-entry';
import type { AlertPublisher, Log, MonitorStore } from '../domain/ports';
import type { SourceDefinition } from '../domain/sources/definitions';
import type { HttpClient } from '../domain/sources/http-client';
import { InProcessQueue } from './in-process-queue';

export interface LocalCycleDeps {
  sources: SourceDefinition[];
  http: HttpClient;
  store: MonitorStore;
  publisher: AlertPublisher;
  log: Log;
  /** Items processed at once, as several classify Lambdas would. */
  concurrency?: number;
  now?: () => Date;
}

export interface ItemResult {
  entry: FeedEntry;
  outcome: ProcessOutcome | 'failed';
  error?: string;
}

export interface LocalCycleResult {
  fetch: FetchCycleResult;
  items: ItemResult[];
  alerts: { sent: number; failed: number };
}

/**
 * One monitoring cycle on this machine, with the same domain code the Lambdas run: the fetch step
 * (scheduled Lambda), the classify step per queued item (SQS Lambda), then the alert sweep.
 */
export async function runLocalCycle(deps: LocalCycleDeps): Promise<LocalCycleResult> {
  const queue = new InProcessQueue();
  const fetch = await runFetchCycle({ ...deps, queue });
  const entries = queue.drain();
  const items: ItemResult[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const entry = entries[i]!;
      try {
        // The fetch step just found every queued entry unseen, in this cycle.
        items[i] = { entry, outcome: await processEntry(entry, deps, { knownUnseen: true }) };
      } catch (err) {
        const error = (err as Error).message;
        deps.log.error('item failed', { sourceId: entry.sourceId, itemId: entry.itemId, url: entry.url, error });
        items[i] = { entry, outcome: 'failed', error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, worker));
  const alerts = await dispatchPendingAlerts(deps);
  return { fetch, items, alerts: { sent: alerts.sent, failed: alerts.failed } };
}
