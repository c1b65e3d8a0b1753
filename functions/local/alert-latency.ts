import { performance } from 'node:perf_hooks';
import type { AlertMessage, AlertPublisher, MonitorStore } from '../domain/ports';

/**
 * Measures how soon alerts go out: wraps a store and a publisher so that each item's store time and
 * its alert's first accepted publish are timed (the alert id is the item id), and reports the delay
 * from stored to published (p50 / p95) and from the start of the cycle to the first alert.
 */
export interface AlertLatency {
  alerts: number;
  storedToPublishMs: { p50: number; p95: number; max: number };
  cycleStartToFirstAlertMs: number;
}

export interface LatencyProbe {
  store: MonitorStore;
  publisher: AlertPublisher;
  /** Call right before the cycle starts. */
  start(): void;
  figures(): AlertLatency;
}

function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export function probeAlertLatency(
  store: MonitorStore,
  publisher: AlertPublisher,
  clock = () => performance.now(),
): LatencyProbe {
  const stored = new Map<string, number>();
  const published = new Map<string, number>();
  let startedAt = Number.NaN;
  const probedStore: MonitorStore = {
    ...store,
    async saveRelevantItem(item) {
      const res = await store.saveRelevantItem(item);
      if (!stored.has(item.itemId)) stored.set(item.itemId, clock());
      return res;
    },
  };
  const probedPublisher: AlertPublisher = {
    subscribers: publisher.subscribers,
    async publish(message: AlertMessage) {
      const res = await publisher.publish(message);
      const id = String(message.attributes.alertId ?? '');
      if (id && !published.has(id)) published.set(id, clock());
      return res;
    },
  };
  return {
    store: probedStore,
    publisher: probedPublisher,
    start: () => {
      startedAt = clock();
    },
    figures: () => {
      const delays = [...published].filter(([id]) => stored.has(id)).map(([id, t]) => t - stored.get(id)!);
      const first = Math.min(...published.values());
      return {
        alerts: delays.length,
        storedToPublishMs: {
          p50: Math.round(quantile(delays, 0.5)),
          p95: Math.round(quantile(delays, 0.95)),
          max: Math.round(delays.length ? Math.max(...delays) : Number.NaN),
        },
        cycleStartToFirstAlertMs: Math.round(first - startedAt),
      };
    },
  };
}
