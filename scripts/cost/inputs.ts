import { DAYS_PER_MONTH } from '../../lib/cost-infra';
import { scheduleIntervalMinutes } from '../../lib/schedule';

/**
 * The traffic a deployment serves: request counts, durations and sizes. The bench measures some of them
 * (and may write them to BENCHMARKS.cost-inputs.json); the rest are assumptions, named as such.
 */
export interface CostInputs {
  schedule: string;
  fetch: {
    memoryMb: number;
    durationMs: number;
    readUnitsPerCycle: number;
    writeUnitsPerCycle: number;
    logBytesPerCycle: number;
  };
  /** New (never seen) items queued per day over all sources. */
  newItemsPerDay: number;
  classify: {
    memoryMb: number;
    /** Billed duration per item (a batch's duration divided by its records). */
    durationMsPerItem: number;
    batchSize: number;
    relevantShare: number;
    /** Item + listing entries + story records + alert record (1 KB units). */
    writeUnitsPerRelevantItem: number;
    writeUnitsPerOtherItem: number;
    readUnitsPerItem: number;
    /** Powertools idempotency record: put and update. */
    idempotencyWriteUnitsPerItem: number;
    logBytesPerItem: number;
  };
  alert: {
    memoryMb: number;
    durationMs: number;
    readUnitsPerInvocation: number;
    logBytesPerInvocation: number;
  };
  query: { memoryMb: number; durationMs: number; requestsPerMonth: number; readUnitsPerRequest: number };
  subscribers: { email: number; sms: number; smsPriceUsd: number; smsPerSubscriberDay: number };
  /** Idle long polls of one SQS event source mapping (Lambda keeps several pollers on the queue). */
  sqsPollsPerMinutePerMapping: number;
  /** Table size after a year or two: ~14 small records per relevant item, seen marks expiring. */
  storageGb: number;
  /** KMS requests of the AWS managed keys (SNS and DynamoDB cache their data keys for minutes). */
  kmsRequestsPerMonth: number;
}

/**
 * Defaults: what the bench does not measure is assumed, and said so in the output (`measured`). Log
 * bytes count Lambda's START/END/REPORT lines (~350 B) plus the handler's own JSON lines.
 */
export const DEFAULT_INPUTS: CostInputs = {
  schedule: 'rate(10 minutes)',
  fetch: {
    memoryMb: 256,
    durationMs: 4000,
    readUnitsPerCycle: 8,
    writeUnitsPerCycle: 1,
    logBytesPerCycle: 3000,
  },
  newItemsPerDay: 300,
  classify: {
    memoryMb: 512,
    durationMsPerItem: 600,
    batchSize: 10,
    relevantShare: 0.05,
    writeUnitsPerRelevantItem: 20,
    writeUnitsPerOtherItem: 1,
    readUnitsPerItem: 1,
    idempotencyWriteUnitsPerItem: 2,
    logBytesPerItem: 1500,
  },
  alert: { memoryMb: 256, durationMs: 150, readUnitsPerInvocation: 1, logBytesPerInvocation: 400 },
  query: { memoryMb: 256, durationMs: 60, requestsPerMonth: 3000, readUnitsPerRequest: 3 },
  subscribers: { email: 10, sms: 0, smsPriceUsd: 0.2, smsPerSubscriberDay: 5 },
  sqsPollsPerMinutePerMapping: 15,
  storageGb: 0.1,
  kmsRequestsPerMonth: 17_520,
};

export function cyclesPerMonth(schedule: string): number {
  if (!/^rate\(/.test(schedule)) throw new Error(`cost estimate needs a rate(...) schedule, got ${schedule}`);
  return (DAYS_PER_MONTH * 1440) / scheduleIntervalMinutes(schedule);
}
