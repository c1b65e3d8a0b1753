/**
 * The custom CloudWatch metrics the handlers emit (EMF through Powertools), by `service` dimension.
 * Each one is a billed metric ($0.30 a month at list price beyond the ten free ones), so a metric is
 * emitted only when an alarm reads it: lib/constructs/operations.ts alarms on each, scripts/cost-estimate.ts
 * counts them, and test/infra/metrics.test.ts fails when a handler emits a name missing here. None has a
 * per-source dimension, which would multiply the bill by the number of sources; the item flow the
 * dashboard shows comes from the free SQS, SNS and Lambda metrics instead.
 */
export const EMITTED_METRICS = {
  /** Sources that failed this cycle (count), and sources stopped by a Cloudflare challenge (count). */
  fetch: ['SourceFailures', 'SourcesBlocked'],
  /** Alerts SNS refused in this sweep; they stay pending and are retried. */
  alert: ['AlertsFailed'],
} as const;

/** Namespace when POWERTOOLS_METRICS_NAMESPACE is unset (local runs); a deployment sets its own. */
export const DEFAULT_METRIC_NAMESPACE = 'KzNewsMonitor';
