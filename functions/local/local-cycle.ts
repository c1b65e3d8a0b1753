import { dispatchPendingAlerts, dispatchStoredAlert } from '../domain/alerts/dispatch-alerts';
import type { SmsCapSettings } from '../domain/alerts/sms-cap';
import { type FetchCycleResult, runFetchCycle } from '../domain/fetch-cycle';
import type { FeedEntry } from '../domain/model';
import { type ProcessOutcome, processEntry } from '../domain/process-entry';
import type { AlertPublisher, Log, MonitorStore } from '../domain/ports';
import type { SourceDefinition } from '../domain/sources/definitions';
import type { HttpClient } from '../adapters/http-client';
import { InProcessQueue } from './in-process-queue';

export interface LocalCycleDeps {
  sources: SourceDefinition[];
  http: HttpClient;
  store: MonitorStore;
  publisher: AlertPublisher;
  log: Log;
  /** The monthly SMS cap and its counts (the dispatch texts no one over it). */
  sms?: SmsCapSettings;
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
/** As SQS's maxReceiveCount: after this many failed attempts an entry is a dead letter, kept but not retried. */
export const MAX_LOCAL_ATTEMPTS = 5;

export async function runLocalCycle(deps: LocalCycleDeps): Promise<LocalCycleResult> {
  const queue = new InProcessQueue();
  const fetch = await runFetchCycle({ ...deps, queue });
  // Entries that failed in earlier cycles come first: their feeds may answer 304 now, so nothing else
  // would bring them back (on AWS, SQS redelivers them).
  const retrying = (await deps.store.listRedeliveries()).filter((r) => !r.deadLetter);
  const attemptsSoFar = new Map(retrying.map((r) => [r.entry.itemId, r.attempts]));
  const fresh = queue.drain().filter((e) => !attemptsSoFar.has(e.itemId));
  const entries = [...retrying.map((r) => r.entry), ...fresh];
  const items: ItemResult[] = new Array(entries.length);
  let sentOnStore = 0;
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const entry = entries[i]!;
      const earlier = attemptsSoFar.get(entry.itemId);
      try {
        // The fetch step just found every new entry unseen, in this cycle; a retried one is checked again.
        const outcome = await processEntry(entry, deps, { knownUnseen: earlier === undefined });
        items[i] = { entry, outcome };
        // Alerts within a minute: sent as soon as the item is stored, as the table's stream does on AWS.
        if (outcome === 'relevant') sentOnStore += (await dispatchStoredAlert(deps, entry.itemId))?.sent ?? 0;
        if (earlier !== undefined) await deps.store.clearRedelivery(entry.itemId);
      } catch (err) {
        const error = (err as Error).message;
        const attempts = (earlier ?? 0) + 1;
        const deadLetter = attempts >= MAX_LOCAL_ATTEMPTS;
        deps.log.error(
          deadLetter
            ? 'item failed for the last time; kept as a dead letter'
            : 'item failed; it will be tried again next cycle',
          {
            sourceId: entry.sourceId,
            itemId: entry.itemId,
            url: entry.url,
            attempts,
            error,
          },
        );
        items[i] = { entry, outcome: 'failed', error };
        await deps.store
          .saveRedelivery({
            entry,
            attempts,
            lastError: error,
            lastAttemptAt: new Date().toISOString(),
            deadLetter,
          })
          .catch((e: Error) =>
            deps.log.error('could not keep the failed item for a retry', {
              itemId: entry.itemId,
              error: e.message,
            }),
          );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, worker));
  const alerts = await dispatchPendingAlerts(deps);
  return { fetch, items, alerts: { sent: sentOnStore + alerts.sent, failed: alerts.failed } };
}
