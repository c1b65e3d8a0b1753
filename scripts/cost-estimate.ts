/**
 * Monthly cost of a deployment: the infrastructure from the synthesized template and the handlers'
 * code (lib/cost-infra.ts), the traffic from request counts the bench measured (MEASURED_INPUTS_FILE,
 * when present) or the defaults below, priced at list prices and after the always-free tier.
 *
 *   npm run cost                                    # the default deployment, as a table
 *   npm run cost -- --json                          # {"listPriceUsd", "afterFreeTierUsd", "smsPerMessageUsd", "lines", …}
 *   npm run cost -- --settings deploy.settings.json # your deployment
 *   npm run cost -- --set newItemsPerDay=600 --set subscribers.sms=2
 *   npm run cost -- --write-readme                  # refresh the README's cost block
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAYS_PER_MONTH, type DeployedInfra, deployedInfra } from '../lib/cost-infra';
import { scheduleIntervalMinutes } from '../lib/schedule';

export { emittedByHandlers } from '../lib/cost-infra';

const ROOT = join(__dirname, '..');
/** Read when present: a partial CostInputs of what the bench (`npm run bench`) measured. */
export const MEASURED_INPUTS_FILE = join(ROOT, 'BENCHMARKS.cost-inputs.json');
export const README = join(ROOT, 'README.md');

export const PRICES_USD = {
  asOf: 'us-east-1 list prices of 2025',
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
  cloudwatchPerAlarmMetricMonth: 0.1,
  cloudwatchPerDashboardMonth: 3.0,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  kmsPerKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
  secretsManagerPerSecretMonth: 0.4,
};

/** The always-free tier, per month, for one account (assumed to hold only this deployment). */
export const FREE_TIER = {
  lambdaRequests: 1e6,
  lambdaGbSeconds: 400_000,
  dynamoStorageGb: 25,
  sqsRequests: 1e6,
  snsPublishes: 1e6,
  snsEmails: 1000,
  schedulerInvocations: 14e6,
  cloudwatchCustomMetrics: 10,
  cloudwatchAlarmMetrics: 10,
  cloudwatchDashboards: 3,
  logsGb: 5,
  kmsRequests: 20_000,
};

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

export interface CostLine {
  service: string;
  what: string;
  /** List price (same as listUsd; kept for readers of the older shape). */
  usd: number;
  listUsd: number;
  afterFreeTierUsd: number;
}

export interface Estimate {
  lines: CostLine[];
  total: number;
  listPriceUsd: number;
  afterFreeTierUsd: number;
  smsPerMessageUsd: { perMessage: number; perSubscriberMonth: number; messagesPerSubscriberMonth: number };
}

let cachedInfra: DeployedInfra | undefined;
/** The default deployment's infrastructure, synthesized once per process. */
export function defaultInfra(): DeployedInfra {
  cachedInfra ??= deployedInfra();
  return cachedInfra;
}

export function estimate(i: CostInputs, infra: DeployedInfra = defaultInfra(), p = PRICES_USD): Estimate {
  const lines: CostLine[] = [];
  const line = (service: string, what: string, listUsd: number, afterFreeTierUsd = listUsd) =>
    lines.push({ service, what, usd: listUsd, listUsd, afterFreeTierUsd: Math.max(0, afterFreeTierUsd) });
  const gbs = (memoryMb: number, ms: number, count: number) => (memoryMb / 1024) * (ms / 1000) * count;

  const cycles = cyclesPerMonth(i.schedule);
  const items = i.newItemsPerDay * DAYS_PER_MONTH;
  const relevant = items * i.classify.relevantShare;
  const classifyInvocations = items / i.classify.batchSize;
  const perMonth = (target: string) =>
    infra.scheduledInvocations.filter((s) => s.target === target).reduce((n, s) => n + s.perMonth, 0);
  const sweeps = perMonth('alert');
  const digests = perMonth('digest');
  const alerts = relevant; // one alert record per relevant item, published once

  const lambdaGbs =
    gbs(i.fetch.memoryMb, i.fetch.durationMs, cycles) +
    gbs(i.classify.memoryMb, i.classify.durationMsPerItem, items) +
    gbs(i.alert.memoryMb, i.alert.durationMs, sweeps + digests) +
    gbs(i.query.memoryMb, i.query.durationMs, i.query.requestsPerMonth);
  const lambdaRequests = cycles + classifyInvocations + sweeps + digests + i.query.requestsPerMonth;
  line(
    'Lambda',
    `${Math.round(lambdaGbs)} GB-s arm64`,
    lambdaGbs * p.lambdaArmPerGbSecond,
    (lambdaGbs - FREE_TIER.lambdaGbSeconds) * p.lambdaArmPerGbSecond,
  );
  line(
    'Lambda',
    `${Math.round(lambdaRequests)} requests`,
    (lambdaRequests / 1e6) * p.lambdaPerMillionRequests,
    ((lambdaRequests - FREE_TIER.lambdaRequests) / 1e6) * p.lambdaPerMillionRequests,
  );

  // On-demand requests have no always-free allowance (the free 25 units are provisioned capacity).
  const writeUnits =
    cycles * i.fetch.writeUnitsPerCycle +
    relevant * i.classify.writeUnitsPerRelevantItem +
    (items - relevant) * i.classify.writeUnitsPerOtherItem +
    items * i.classify.idempotencyWriteUnitsPerItem +
    alerts * 2;
  const readUnits =
    cycles * i.fetch.readUnitsPerCycle +
    items * (i.classify.readUnitsPerItem + 1) +
    sweeps * i.alert.readUnitsPerInvocation +
    i.query.requestsPerMonth * i.query.readUnitsPerRequest;
  line(
    'DynamoDB',
    `${Math.round(writeUnits)} write units`,
    (writeUnits / 1e6) * p.dynamoPerMillionWriteUnits,
  );
  line('DynamoDB', `${Math.round(readUnits)} read units`, (readUnits / 1e6) * p.dynamoPerMillionReadUnits);
  const pitrGb = infra.tablesWithPitr > 0 ? i.storageGb : 0;
  line(
    'DynamoDB',
    `${i.storageGb} GB stored, PITR on ${infra.tablesWithPitr} table`,
    i.storageGb * p.dynamoStoragePerGbMonth + pitrGb * p.dynamoPitrPerGbMonth,
    Math.max(0, i.storageGb - FREE_TIER.dynamoStorageGb) * p.dynamoStoragePerGbMonth +
      pitrGb * p.dynamoPitrPerGbMonth,
  );

  // Send (batched by 10), delete (batched), and the long polls each event source mapping keeps open.
  const polls = infra.sqsPollers * i.sqsPollsPerMinutePerMapping * 1440 * DAYS_PER_MONTH;
  const sqsRequests = items / 10 + classifyInvocations + polls;
  line(
    'SQS',
    `${Math.round(sqsRequests)} requests (${Math.round(polls)} idle polls)`,
    (sqsRequests / 1e6) * p.sqsPerMillionRequests,
    ((sqsRequests - FREE_TIER.sqsRequests) / 1e6) * p.sqsPerMillionRequests,
  );

  const publishes = alerts + digests;
  const emails = alerts * i.subscribers.email;
  line(
    'SNS',
    `${Math.round(publishes)} publishes, ${Math.round(emails)} emails`,
    (publishes / 1e6) * p.snsPerMillionPublishes + emails * p.snsPerEmail,
    Math.max(0, (publishes - FREE_TIER.snsPublishes) / 1e6) * p.snsPerMillionPublishes +
      Math.max(0, emails - FREE_TIER.snsEmails) * p.snsPerEmail,
  );
  const smsMonth = i.subscribers.smsPerSubscriberDay * DAYS_PER_MONTH;
  if (i.subscribers.sms > 0) {
    const usd = i.subscribers.sms * smsMonth * i.subscribers.smsPriceUsd;
    line('SNS', `${Math.round(i.subscribers.sms * smsMonth)} SMS`, usd);
  }

  // The fetch schedule of the inputs (the bench may price another one than the template's).
  const scheduled =
    cycles +
    infra.scheduledInvocations.filter((s) => s.target !== 'fetch').reduce((n, s) => n + s.perMonth, 0);
  line(
    'Scheduler',
    `${Math.round(scheduled)} invocations`,
    (scheduled / 1e6) * p.schedulerPerMillionInvocations,
    ((scheduled - FREE_TIER.schedulerInvocations) / 1e6) * p.schedulerPerMillionInvocations,
  );
  // HTTP API requests are free only in an account's first 12 months: not always free.
  line(
    'API Gateway',
    `${i.query.requestsPerMonth} HTTP API requests`,
    (i.query.requestsPerMonth / 1e6) * p.httpApiPerMillionRequests,
  );

  const metrics = infra.customMetrics.reduce((n, m) => n + m.count, 0);
  line(
    'CloudWatch',
    `${metrics} custom metrics (${infra.customMetrics.map((m) => m.name).join(', ')})`,
    metrics * p.cloudwatchPerCustomMetricMonth,
    (metrics - FREE_TIER.cloudwatchCustomMetrics) * p.cloudwatchPerCustomMetricMonth,
  );
  line(
    'CloudWatch',
    `${infra.alarms} alarms reading ${infra.alarmMetrics} metrics`,
    infra.alarmMetrics * p.cloudwatchPerAlarmMetricMonth,
    (infra.alarmMetrics - FREE_TIER.cloudwatchAlarmMetrics) * p.cloudwatchPerAlarmMetricMonth,
  );
  if (infra.dashboards > 0) {
    line(
      'CloudWatch',
      `${infra.dashboards} dashboard`,
      infra.dashboards * p.cloudwatchPerDashboardMonth,
      (infra.dashboards - FREE_TIER.cloudwatchDashboards) * p.cloudwatchPerDashboardMonth,
    );
  }
  const logsGb =
    (cycles * i.fetch.logBytesPerCycle +
      items * i.classify.logBytesPerItem +
      (sweeps + digests) * i.alert.logBytesPerInvocation) /
    1e9;
  line(
    'CloudWatch Logs',
    `${logsGb.toFixed(3)} GB ingested`,
    logsGb * (p.logsIngestPerGb + p.logsStoragePerGbMonth),
    (logsGb - FREE_TIER.logsGb) * (p.logsIngestPerGb + p.logsStoragePerGbMonth),
  );

  const kmsWhat = infra.kmsKeys > 0 ? `${infra.kmsKeys} customer managed key, ` : 'AWS managed keys only, ';
  line(
    'KMS',
    `${kmsWhat}${i.kmsRequestsPerMonth} requests`,
    infra.kmsKeys * p.kmsPerKeyMonth + (i.kmsRequestsPerMonth / 1e4) * p.kmsPer10kRequests,
    infra.kmsKeys * p.kmsPerKeyMonth +
      ((i.kmsRequestsPerMonth - FREE_TIER.kmsRequests) / 1e4) * p.kmsPer10kRequests,
  );
  if (infra.secrets > 0)
    line('Secrets Manager', `${infra.secrets} secret`, infra.secrets * p.secretsManagerPerSecretMonth);
  line('Budgets', '1 budget without actions', 0);

  const listPriceUsd = lines.reduce((n, l) => n + l.listUsd, 0);
  const afterFreeTierUsd = lines.reduce((n, l) => n + l.afterFreeTierUsd, 0);
  return {
    lines,
    total: listPriceUsd,
    listPriceUsd,
    afterFreeTierUsd,
    smsPerMessageUsd: {
      perMessage: i.subscribers.smsPriceUsd,
      messagesPerSubscriberMonth: smsMonth,
      perSubscriberMonth: smsMonth * i.subscribers.smsPriceUsd,
    },
  };
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

/** Lays `over` onto `base` key by key, without checking (merge() into the defaults checks at the end). */
function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const inner = out[k];
    out[k] =
      v !== null && typeof v === 'object' && !Array.isArray(v) && inner !== null && typeof inner === 'object'
        ? overlay(inner as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = Number.isNaN(Number(value)) ? value : Number(value);
}

export interface CostArgs {
  inputs: CostInputs;
  json: boolean;
  help: boolean;
  writeReadme: boolean;
  settingsFile: string | null;
  /** Where the traffic figures came from: the bench's file, or the documented defaults. */
  measured: string;
}

export function inputsFromArgs(args: string[], measuredFile = MEASURED_INPUTS_FILE): CostArgs {
  let over: Record<string, unknown> = {};
  let measured = 'defaults in scripts/cost-estimate.ts (no bench measurements found)';
  if (existsSync(measuredFile)) {
    over = overlay(over, JSON.parse(readFileSync(measuredFile, 'utf8')));
    measured = `${measuredFile.replace(`${ROOT}/`, '')} (bench measurements)`;
  }
  const out = { json: false, help: false, writeReadme: false, settingsFile: null as string | null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--write-readme') out.writeReadme = true;
    else if (a === '--settings') out.settingsFile = args[++i] ?? null;
    else if (a === '--set') {
      const [path, value] = (args[++i] ?? '').split('=');
      if (!path || value === undefined) throw new Error('--set needs key.path=value');
      setPath(over, path, value);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a} (see --help)`);
    else over = overlay(over, JSON.parse(readFileSync(a, 'utf8')));
  }
  return { inputs: merge(DEFAULT_INPUTS, over), measured, ...out };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** The README's cost block: the table, both totals, and the SMS prices next to it. */
export function readmeBlock(e: Estimate, args: Pick<CostArgs, 'inputs' | 'measured'>): string {
  const rows = e.lines.map(
    (l) => `| ${l.service} | ${l.what} | ${usd(l.listUsd)} | ${usd(l.afterFreeTierUsd)} |`,
  );
  return [
    `Default deployment (\`${args.inputs.schedule}\`, ${args.inputs.newItemsPerDay} new items a day, ${args.inputs.subscribers.email} email subscribers), ${PRICES_USD.asOf}; traffic from ${args.measured}. Generated by \`npm run cost -- --write-readme\`.`,
    '',
    '| service | what | list price | after the always-free tier |',
    '|---|---|---|---|',
    ...rows,
    `| **total a month** | | **${usd(e.listPriceUsd)}** | **${usd(e.afterFreeTierUsd)}** |`,
    '',
    `SMS is extra: about ${usd(e.smsPerMessageUsd.perMessage)} a message (assumed: set \`--set subscribers.smsPriceUsd=…\` from the AWS SMS price list for the destination country), so an SMS subscriber getting ${args.inputs.subscribers.smsPerSubscriberDay} alerts a day costs about ${usd(e.smsPerMessageUsd.perSubscriberMonth)} a month.`,
  ].join('\n');
}

export const README_MARKERS = ['<!-- cost:start -->', '<!-- cost:end -->'] as const;

export function replaceReadmeBlock(readme: string, block: string): string {
  const [start, end] = README_MARKERS;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${readme.slice(0, a + start.length)}\n${block}\n${readme.slice(b)}`;
}

const HELP = `Usage: npm run cost -- [options] [inputs.json]

Monthly AWS cost of a deployment: infrastructure from the synthesized template and the handlers' code,
traffic from ${MEASURED_INPUTS_FILE.replace(`${ROOT}/`, '')} (bench measurements) when present, else the defaults.

Options:
  --json                 print {"listPriceUsd", "afterFreeTierUsd", "smsPerMessageUsd", "lines", ...}
  --settings FILE        price the deployment of this settings file (default: the default deployment)
  --set key.path=value   override one input, e.g. --set newItemsPerDay=600 --set subscribers.sms=2
  --write-readme         rewrite the cost block of README.md from this estimate
  -h, --help             this help
`;

function main(argv: string[]): void {
  const args = inputsFromArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  const infra = args.settingsFile ? deployedInfra({}, args.settingsFile) : defaultInfra();
  const inputs = args.settingsFile ? { ...args.inputs, schedule: infra.schedule } : args.inputs;
  const e = estimate(inputs, infra);
  if (args.writeReadme) {
    writeFileSync(README, replaceReadmeBlock(readFileSync(README, 'utf8'), readmeBlock(e, args)));
    process.stdout.write(
      `README.md cost block: ${usd(e.listPriceUsd)} list, ${usd(e.afterFreeTierUsd)} after the free tier\n`,
    );
  } else if (args.json) {
    const { lines, listPriceUsd, afterFreeTierUsd, smsPerMessageUsd } = e;
    const round = (n: number) => Math.round(n * 10_000) / 10_000;
    const json = {
      listPriceUsd: round(listPriceUsd),
      afterFreeTierUsd: round(afterFreeTierUsd),
      smsPerMessageUsd: {
        ...smsPerMessageUsd,
        perSubscriberMonth: round(smsPerMessageUsd.perSubscriberMonth),
      },
      lines: lines.map((l) => ({
        service: l.service,
        what: l.what,
        listUsd: round(l.listUsd),
        afterFreeTierUsd: round(l.afterFreeTierUsd),
      })),
      prices: PRICES_USD.asOf,
      trafficFrom: args.measured,
      infra,
      inputs,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(
      `Monthly cost of ${infra.stackName} at ${inputs.schedule} — ${PRICES_USD.asOf}; traffic from ${args.measured}\n`,
    );
    for (const l of e.lines) {
      process.stdout.write(
        `  ${l.service.padEnd(16)} ${l.what.padEnd(64)} ${usd(l.listUsd).padStart(7)} ${usd(l.afterFreeTierUsd).padStart(7)}\n`,
      );
    }
    process.stdout.write(
      `  ${'total (list, after free tier)'.padEnd(81)} ${usd(e.listPriceUsd).padStart(7)} ${usd(e.afterFreeTierUsd).padStart(7)}\n`,
    );
  }
}

if (process.argv[1]?.endsWith('cost-estimate.ts')) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cost-estimate: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
