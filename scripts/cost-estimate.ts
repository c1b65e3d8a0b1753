/**
 * Monthly cost of the deployed monitor, from request counts and durations.
 *
 *   npx tsx scripts/cost-estimate.ts                       # the defaults below (estimates, not measured)
 *   npx tsx scripts/cost-estimate.ts measured.json         # measured figures override the defaults
 *   npx tsx scripts/cost-estimate.ts --set classify.durationMsPerItem=350 --json
 *
 * The input is a partial `CostInputs` (nested keys); anything not given keeps its default. Prices are
 * public us-east-1 list prices without the free tier (so the figure is an upper bound for a new
 * account), as published in 2025; check them against the AWS pricing pages before quoting.
 */
import { readFileSync } from 'node:fs';

export const PRICES_USD = {
  asOf: '2025 (us-east-1 list prices, no free tier)',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  // DynamoDB on-demand after the November 2024 price cut.
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sqsPerMillionRequests: 0.4,
  snsPerMillionPublishes: 0.5,
  snsPerEmail: 0.00002,
  schedulerPerMillionInvocations: 1.0,
  httpApiPerMillionRequests: 1.0,
  cloudwatchPerCustomMetricMonth: 0.3,
  cloudwatchPerAlarmMonth: 0.1,
  cloudwatchPerDashboardMonth: 3.0,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  kmsPerKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
};

export interface CostInputs {
  schedule: string;
  fetch: { memoryMb: number; durationMs: number; readUnitsPerCycle: number; writeUnitsPerCycle: number };
  /** New (never seen) items queued per day over all sources. */
  newItemsPerDay: number;
  classify: {
    memoryMb: number;
    /** Billed duration per item (a batch's duration divided by its records). */
    durationMsPerItem: number;
    batchSize: number;
    relevantShare: number;
    /** Item + listing entries + alert record (1 KB units). */
    writeUnitsPerRelevantItem: number;
    writeUnitsPerOtherItem: number;
    /** Dedup read + Powertools idempotency record (get, put, update). */
    readUnitsPerItem: number;
    idempotencyWriteUnitsPerItem: number;
  };
  alert: { memoryMb: number; durationMs: number; invocationsPerDay: number; readUnitsPerInvocation: number };
  query: { memoryMb: number; durationMs: number; requestsPerMonth: number; readUnitsPerRequest: number };
  subscribers: { email: number; sms: number; smsPriceUsd: number };
  storageGb: number;
  logsGbPerMonth: number;
  customMetrics: number;
  alarms: number;
  dashboards: number;
  kmsKeys: number;
}

/** Defaults: estimates until the benchmarks feed measured values (see docs/deploy.md). */
export const DEFAULT_INPUTS: CostInputs = {
  schedule: 'rate(10 minutes)',
  fetch: { memoryMb: 256, durationMs: 4000, readUnitsPerCycle: 8, writeUnitsPerCycle: 1 },
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
  },
  alert: { memoryMb: 256, durationMs: 150, invocationsPerDay: 1440 + 1, readUnitsPerInvocation: 1 },
  query: { memoryMb: 256, durationMs: 60, requestsPerMonth: 3000, readUnitsPerRequest: 3 },
  subscribers: { email: 10, sms: 0, smsPriceUsd: 0.2 },
  storageGb: 0.5,
  logsGbPerMonth: 0.5,
  // fetch: 2 per source × 7 + 3 totals; classify 2; alert 2; digest 1
  customMetrics: 22,
  // DLQ, 5 function error alarms, 7 sources, no new items, alerts failed
  alarms: 15,
  dashboards: 1,
  kmsKeys: 1,
};

const DAYS_PER_MONTH = 30.4;

export function cyclesPerMonth(schedule: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
  if (!m) throw new Error(`cost estimate needs a rate(...) schedule, got ${schedule}`);
  const minutes = Number(m[1]) * (m[2].startsWith('minute') ? 1 : m[2].startsWith('hour') ? 60 : 1440);
  return (DAYS_PER_MONTH * 1440) / minutes;
}

export interface CostLine {
  service: string;
  what: string;
  usd: number;
}

export function estimate(i: CostInputs, p = PRICES_USD): { lines: CostLine[]; total: number } {
  const gbs = (memoryMb: number, ms: number, count: number) => (memoryMb / 1024) * (ms / 1000) * count;
  const cycles = cyclesPerMonth(i.schedule);
  const items = i.newItemsPerDay * DAYS_PER_MONTH;
  const relevant = items * i.classify.relevantShare;
  const classifyInvocations = items / i.classify.batchSize;
  const alertInvocations = i.alert.invocationsPerDay * DAYS_PER_MONTH;
  const alerts = relevant; // one alert record per relevant item, published once
  const lambdaGbs =
    gbs(i.fetch.memoryMb, i.fetch.durationMs, cycles) +
    gbs(i.classify.memoryMb, i.classify.durationMsPerItem, items) +
    gbs(i.alert.memoryMb, i.alert.durationMs, alertInvocations) +
    gbs(i.query.memoryMb, i.query.durationMs, i.query.requestsPerMonth);
  const lambdaRequests = cycles + classifyInvocations + alertInvocations + i.query.requestsPerMonth;
  const writeUnits =
    cycles * i.fetch.writeUnitsPerCycle +
    relevant * i.classify.writeUnitsPerRelevantItem +
    (items - relevant) * i.classify.writeUnitsPerOtherItem +
    items * i.classify.idempotencyWriteUnitsPerItem +
    alerts;
  const readUnits =
    cycles * i.fetch.readUnitsPerCycle +
    items * (i.classify.readUnitsPerItem + 1) +
    alertInvocations * i.alert.readUnitsPerInvocation +
    i.query.requestsPerMonth * i.query.readUnitsPerRequest;
  // Send (batched by 10), receive (one per batch, plus empty long polls the event source makes: ~ 4 per
  // minute per poller at low volume), delete (batched).
  const sqsRequests = items / 10 + classifyInvocations * 2 + 4 * 60 * 24 * DAYS_PER_MONTH;
  const kmsRequests = alerts * 2 + i.alarms * 10;
  const lines: CostLine[] = [
    { service: 'Lambda', what: `${Math.round(lambdaGbs)} GB-s arm64`, usd: lambdaGbs * p.lambdaArmPerGbSecond },
    { service: 'Lambda', what: `${Math.round(lambdaRequests)} requests`, usd: (lambdaRequests / 1e6) * p.lambdaPerMillionRequests },
    { service: 'DynamoDB', what: `${Math.round(writeUnits)} write units`, usd: (writeUnits / 1e6) * p.dynamoPerMillionWriteUnits },
    { service: 'DynamoDB', what: `${Math.round(readUnits)} read units`, usd: (readUnits / 1e6) * p.dynamoPerMillionReadUnits },
    { service: 'DynamoDB', what: `${i.storageGb} GB stored + PITR`, usd: i.storageGb * (p.dynamoStoragePerGbMonth + p.dynamoPitrPerGbMonth) },
    { service: 'SQS', what: `${Math.round(sqsRequests)} requests`, usd: (sqsRequests / 1e6) * p.sqsPerMillionRequests },
    { service: 'SNS', what: `${Math.round(alerts)} publishes`, usd: (alerts / 1e6) * p.snsPerMillionPublishes },
    {
      service: 'SNS',
      what: `${Math.round(alerts * i.subscribers.email)} emails, ${Math.round(alerts * i.subscribers.sms)} SMS`,
      usd: alerts * i.subscribers.email * p.snsPerEmail + alerts * i.subscribers.sms * i.subscribers.smsPriceUsd,
    },
    { service: 'Scheduler', what: `${Math.round(cycles + alertInvocations)} invocations`, usd: ((cycles + alertInvocations) / 1e6) * p.schedulerPerMillionInvocations },
    { service: 'API Gateway', what: `${i.query.requestsPerMonth} HTTP API requests`, usd: (i.query.requestsPerMonth / 1e6) * p.httpApiPerMillionRequests },
    { service: 'CloudWatch', what: `${i.customMetrics} custom metrics (EMF)`, usd: i.customMetrics * p.cloudwatchPerCustomMetricMonth },
    { service: 'CloudWatch', what: `${i.alarms} alarms, ${i.dashboards} dashboard`, usd: i.alarms * p.cloudwatchPerAlarmMonth + i.dashboards * p.cloudwatchPerDashboardMonth },
    { service: 'CloudWatch Logs', what: `${i.logsGbPerMonth} GB ingested`, usd: i.logsGbPerMonth * (p.logsIngestPerGb + p.logsStoragePerGbMonth) },
    { service: 'KMS', what: `${i.kmsKeys} key, ${Math.round(kmsRequests)} requests`, usd: i.kmsKeys * p.kmsPerKeyMonth + (kmsRequests / 1e4) * p.kmsPer10kRequests },
  ];
  return { lines, total: lines.reduce((n, l) => n + l.usd, 0) };
}

export function merge<T>(base: T, over: unknown): T {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (!(k in out)) throw new Error(`unknown cost input: ${k}`);
    out[k] = merge(out[k], v);
  }
  return out as T;
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  node[last] = Number.isNaN(Number(value)) ? value : Number(value);
}

export function inputsFromArgs(args: string[]): { inputs: CostInputs; json: boolean } {
  let over: Record<string, unknown> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--set') {
      const [path, value] = (args[++i] ?? '').split('=');
      if (!path || value === undefined) throw new Error('--set needs key.path=value');
      setPath(over, path, value);
    } else over = merge(over as never, JSON.parse(readFileSync(a, 'utf8')));
  }
  return { inputs: merge(DEFAULT_INPUTS, over), json };
}

if (process.argv[1]?.endsWith('cost-estimate.ts')) {
  const { inputs, json } = inputsFromArgs(process.argv.slice(2));
  const { lines, total } = estimate(inputs);
  if (json) {
    console.log(JSON.stringify({ prices: PRICES_USD.asOf, inputs, lines, total }, null, 2));
  } else {
    console.log(`Monthly cost at ${inputs.schedule}, ${inputs.newItemsPerDay} new items/day — ${PRICES_USD.asOf}`);
    for (const l of lines) console.log(`  ${l.service.padEnd(16)} ${l.what.padEnd(40)} $${l.usd.toFixed(2).padStart(7)}`);
    console.log(`  ${'total'.padEnd(57)} $${total.toFixed(2).padStart(7)}`);
  }
}
