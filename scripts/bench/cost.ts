/**
 * Monthly AWS cost at the default schedule, from the counts and durations the bench measured.
 * Prices: AWS public list prices for us-east-1 (Lambda arm64, DynamoDB on-demand after the Nov 2024
 * price cut, SQS standard, SNS, EventBridge Scheduler, CloudWatch Logs), as the author knew them in
 * November 2026 — every price is in PRICES so a reader can check it against the AWS price list.
 */
export const PRICE_SOURCE = 'AWS public list prices, region us-east-1, as of November 2026 (see PRICES in scripts/bench/cost.ts); free tiers ignored';

export const PRICES = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  dynamoStorageGbMonth: 0.25,
  sqsRequest: 0.4 / 1e6,
  snsPublish: 0.5 / 1e6,
  snsEmail: 2.0 / 1e5,
  schedulerInvocation: 1.0 / 1e6,
  logsIngestGb: 0.5,
};

export interface CostInputs {
  /** Invocations per 30-day month by function name, from the template's schedules. */
  fetchPerMonth: number;
  alertSweepsPerMonth: number;
  digestsPerMonth: number;
  /** Assumed new items per day across the six sources (the live sites publish roughly this many). */
  newItemsPerDay: number;
  relevantShare: number;
  /** Measured per new item on the local engine. */
  writesPerItem: number;
  readsPerItem: number;
  /** Measured: CPU-bound local time per item (cycle wall time / items, with the cycle's own concurrency). */
  localMsPerItem: number;
  /** Measured: unchanged cycle wall time (all six sources, conditional requests). */
  unchangedCycleMs: number;
  deliveriesPerRelevant: number;
  memory: { fetch: number; classify: number; alert: number; digest: number };
  /** Assumed network latency per article fetch from us-east-1 to Kazakhstan (not measurable here). */
  articleFetchMs: number;
  /** Assumed DynamoDB latency per call inside AWS. */
  dynamoCallMs: number;
}

export interface CostLine {
  what: string;
  monthly: number;
  how: string;
}

export function monthlyCost(i: CostInputs): { lines: CostLine[]; total: number } {
  const gbs = (ms: number, mb: number) => (ms / 1000) * (mb / 1024);
  const cpuScale = (mb: number) => Math.max(1, 1769 / mb); // Lambda gives one vCPU at 1,769 MB
  const itemsPerMonth = i.newItemsPerDay * 30;
  const classifyMs = i.articleFetchMs + (i.writesPerItem + i.readsPerItem) * i.dynamoCallMs + i.localMsPerItem * cpuScale(i.memory.classify);
  // Sources are read in parallel: one round trip to Kazakhstan plus the local work, scaled to Lambda's CPU share.
  const fetchMs = i.unchangedCycleMs * cpuScale(i.memory.fetch) + i.articleFetchMs;
  const sweepMs = 60;
  const lines: CostLine[] = [
    {
      what: 'Lambda fetch',
      monthly: i.fetchPerMonth * (PRICES.lambdaRequest + gbs(fetchMs, i.memory.fetch) * PRICES.lambdaArmGbSecond),
      how: `${i.fetchPerMonth} runs × ${fetchMs.toFixed(0)} ms at ${i.memory.fetch} MB`,
    },
    {
      what: 'Lambda classify',
      monthly: itemsPerMonth * (PRICES.lambdaRequest / 5 + gbs(classifyMs, i.memory.classify) * PRICES.lambdaArmGbSecond),
      how: `${itemsPerMonth} items × ${classifyMs.toFixed(0)} ms at ${i.memory.classify} MB (batches of ≤10)`,
    },
    {
      what: 'Lambda alert sweep + digest',
      monthly:
        i.alertSweepsPerMonth * (PRICES.lambdaRequest + gbs(sweepMs, i.memory.alert) * PRICES.lambdaArmGbSecond) +
        i.digestsPerMonth * (PRICES.lambdaRequest + gbs(1000, i.memory.digest) * PRICES.lambdaArmGbSecond),
      how: `${i.alertSweepsPerMonth} sweeps × ${sweepMs} ms, ${i.digestsPerMonth} digests × 1 s`,
    },
    {
      what: 'DynamoDB requests',
      monthly:
        itemsPerMonth * (i.writesPerItem * PRICES.dynamoWriteRequestUnit * 2 + i.readsPerItem * PRICES.dynamoReadRequestUnit) +
        (i.fetchPerMonth + i.alertSweepsPerMonth) * 2 * PRICES.dynamoReadRequestUnit,
      how: `${i.writesPerItem.toFixed(1)} writes (≈2 WRU each, items and listings over 1 KB) and ${i.readsPerItem.toFixed(1)} reads per item; 2 reads per unchanged cycle or sweep`,
    },
    {
      what: 'DynamoDB storage',
      monthly: ((itemsPerMonth * i.relevantShare * 12 * 25_000) / 1e9) * PRICES.dynamoStorageGbMonth,
      how: 'a year of relevant items at ~25 KB each with listings',
    },
    {
      what: 'SQS',
      monthly: itemsPerMonth * 3 * PRICES.sqsRequest,
      how: 'send, receive, delete per item',
    },
    {
      what: 'SNS',
      monthly: itemsPerMonth * i.relevantShare * (PRICES.snsPublish + i.deliveriesPerRelevant * PRICES.snsEmail),
      how: `${i.deliveriesPerRelevant.toFixed(1)} email deliveries per relevant item (sample subscribers); SMS priced per country, not included`,
    },
    {
      what: 'EventBridge Scheduler',
      monthly: (i.fetchPerMonth + i.alertSweepsPerMonth + i.digestsPerMonth) * PRICES.schedulerInvocation,
      how: 'one invocation per scheduled run',
    },
    {
      what: 'CloudWatch Logs',
      monthly: (((i.fetchPerMonth + i.alertSweepsPerMonth) * 1_000 + itemsPerMonth * 2_000) / 1e9) * PRICES.logsIngestGb,
      how: '~1 KB per scheduled run, ~2 KB per item',
    },
  ];
  return { lines, total: lines.reduce((n, l) => n + l.monthly, 0) };
}

/** Runs per 30-day month of a schedule expression (rate(...) or a daily cron). */
export function runsPerMonth(expr: string | undefined): number {
  if (!expr) return 0;
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expr);
  if (m) {
    const n = Number(m[1]);
    const per = m[2]!.startsWith('minute') ? 1 : m[2]!.startsWith('hour') ? 60 : 1440;
    return Math.round((30 * 1440) / (n * per));
  }
  if (/^cron\(/.test(expr)) return 30;
  return 0;
}
