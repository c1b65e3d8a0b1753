import { DAYS_PER_MONTH, type DeployedInfra } from '../../lib/cost-infra';
import { type CostInputs, cyclesPerMonth } from './inputs';
import { FREE_TIER, PRICES_USD } from './prices';

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
  /** The list price, as `listPriceUsd` (kept for readers of the older shape). */
  total: number;
  listPriceUsd: number;
  afterFreeTierUsd: number;
  smsPerMessageUsd: { perMessage: number; perSubscriberMonth: number; messagesPerSubscriberMonth: number };
}

type Prices = typeof PRICES_USD;
type Line = (service: string, what: string, listUsd: number, afterFreeTierUsd?: number) => void;

/** A month of traffic, counted once and priced by each service below. */
interface Usage {
  cycles: number;
  items: number;
  relevant: number;
  classifyInvocations: number;
  sweeps: number;
  digests: number;
  alerts: number;
}

function usageOf(i: CostInputs, infra: DeployedInfra): Usage {
  const items = i.newItemsPerDay * DAYS_PER_MONTH;
  const relevant = items * i.classify.relevantShare;
  const perMonth = (target: string) =>
    infra.scheduledInvocations.filter((s) => s.target === target).reduce((n, s) => n + s.perMonth, 0);
  return {
    cycles: cyclesPerMonth(i.schedule),
    items,
    relevant,
    classifyInvocations: items / i.classify.batchSize,
    sweeps: perMonth('alert'),
    digests: perMonth('digest'),
    // One alert record per relevant item, published once.
    alerts: relevant,
  };
}

function priceCompute(i: CostInputs, u: Usage, line: Line, p: Prices): void {
  const gbs = (memoryMb: number, ms: number, count: number) => (memoryMb / 1024) * (ms / 1000) * count;
  const lambdaGbs =
    gbs(i.fetch.memoryMb, i.fetch.durationMs, u.cycles) +
    gbs(i.classify.memoryMb, i.classify.durationMsPerItem, u.items) +
    gbs(i.alert.memoryMb, i.alert.durationMs, u.sweeps + u.digests) +
    gbs(i.query.memoryMb, i.query.durationMs, i.query.requestsPerMonth);
  const requests = u.cycles + u.classifyInvocations + u.sweeps + u.digests + i.query.requestsPerMonth;
  line(
    'Lambda',
    `${Math.round(lambdaGbs)} GB-s arm64`,
    lambdaGbs * p.lambdaArmPerGbSecond,
    (lambdaGbs - FREE_TIER.lambdaGbSeconds) * p.lambdaArmPerGbSecond,
  );
  line(
    'Lambda',
    `${Math.round(requests)} requests`,
    (requests / 1e6) * p.lambdaPerMillionRequests,
    ((requests - FREE_TIER.lambdaRequests) / 1e6) * p.lambdaPerMillionRequests,
  );
}

function priceTable(i: CostInputs, u: Usage, infra: DeployedInfra, line: Line, p: Prices): void {
  // On-demand requests have no always-free allowance (the free 25 units are provisioned capacity).
  const writeUnits =
    u.cycles * i.fetch.writeUnitsPerCycle +
    u.relevant * i.classify.writeUnitsPerRelevantItem +
    (u.items - u.relevant) * i.classify.writeUnitsPerOtherItem +
    u.items * i.classify.idempotencyWriteUnitsPerItem +
    u.alerts * 2;
  const readUnits =
    u.cycles * i.fetch.readUnitsPerCycle +
    u.items * (i.classify.readUnitsPerItem + 1) +
    u.sweeps * i.alert.readUnitsPerInvocation +
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
}

function priceMessaging(i: CostInputs, u: Usage, infra: DeployedInfra, line: Line, p: Prices): void {
  // Send (batched by 10), delete (batched), and the long polls each event source mapping keeps open.
  const polls = infra.sqsPollers * i.sqsPollsPerMinutePerMapping * 1440 * DAYS_PER_MONTH;
  const sqs = u.items / 10 + u.classifyInvocations + polls;
  line(
    'SQS',
    `${Math.round(sqs)} requests (${Math.round(polls)} idle polls)`,
    (sqs / 1e6) * p.sqsPerMillionRequests,
    ((sqs - FREE_TIER.sqsRequests) / 1e6) * p.sqsPerMillionRequests,
  );
  const publishes = u.alerts + u.digests;
  const emails = u.alerts * i.subscribers.email;
  line(
    'SNS',
    `${Math.round(publishes)} publishes, ${Math.round(emails)} emails`,
    (publishes / 1e6) * p.snsPerMillionPublishes + emails * p.snsPerEmail,
    Math.max(0, (publishes - FREE_TIER.snsPublishes) / 1e6) * p.snsPerMillionPublishes +
      Math.max(0, emails - FREE_TIER.snsEmails) * p.snsPerEmail,
  );
  if (i.subscribers.sms > 0) {
    const sms = i.subscribers.sms * i.subscribers.smsPerSubscriberDay * DAYS_PER_MONTH;
    line('SNS', `${Math.round(sms)} SMS`, sms * i.subscribers.smsPriceUsd);
  }
  // The fetch schedule of the inputs (the bench may price another one than the template's).
  const scheduled =
    u.cycles +
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
}

function priceObservability(i: CostInputs, u: Usage, infra: DeployedInfra, line: Line, p: Prices): void {
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
  const logBytes =
    u.cycles * i.fetch.logBytesPerCycle +
    u.items * i.classify.logBytesPerItem +
    (u.sweeps + u.digests) * i.alert.logBytesPerInvocation;
  const logsGb = logBytes / 1e9;
  line(
    'CloudWatch Logs',
    `${logsGb.toFixed(3)} GB ingested`,
    logsGb * (p.logsIngestPerGb + p.logsStoragePerGbMonth),
    (logsGb - FREE_TIER.logsGb) * (p.logsIngestPerGb + p.logsStoragePerGbMonth),
  );
}

function priceKeysAndSecrets(i: CostInputs, infra: DeployedInfra, line: Line, p: Prices): void {
  const keys = infra.kmsKeys > 0 ? `${infra.kmsKeys} customer managed key, ` : 'AWS managed keys only, ';
  line(
    'KMS',
    `${keys}${i.kmsRequestsPerMonth} requests`,
    infra.kmsKeys * p.kmsPerKeyMonth + (i.kmsRequestsPerMonth / 1e4) * p.kmsPer10kRequests,
    infra.kmsKeys * p.kmsPerKeyMonth +
      ((i.kmsRequestsPerMonth - FREE_TIER.kmsRequests) / 1e4) * p.kmsPer10kRequests,
  );
  if (infra.secrets > 0)
    line('Secrets Manager', `${infra.secrets} secret`, infra.secrets * p.secretsManagerPerSecretMonth);
  line('Budgets', '1 budget without actions', 0);
}

/** The month's cost, line by line, at list prices and after the always-free tier. */
export function estimateWith(i: CostInputs, infra: DeployedInfra, p: Prices = PRICES_USD): Estimate {
  const lines: CostLine[] = [];
  const line: Line = (service, what, listUsd, afterFreeTierUsd = listUsd) =>
    lines.push({ service, what, usd: listUsd, listUsd, afterFreeTierUsd: Math.max(0, afterFreeTierUsd) });
  const u = usageOf(i, infra);
  priceCompute(i, u, line, p);
  priceTable(i, u, infra, line, p);
  priceMessaging(i, u, infra, line, p);
  priceObservability(i, u, infra, line, p);
  priceKeysAndSecrets(i, infra, line, p);
  const listPriceUsd = lines.reduce((n, l) => n + l.listUsd, 0);
  const smsMonth = i.subscribers.smsPerSubscriberDay * DAYS_PER_MONTH;
  return {
    lines,
    total: listPriceUsd,
    listPriceUsd,
    afterFreeTierUsd: lines.reduce((n, l) => n + l.afterFreeTierUsd, 0),
    smsPerMessageUsd: {
      perMessage: i.subscribers.smsPriceUsd,
      messagesPerSubscriberMonth: smsMonth,
      perSubscriberMonth: smsMonth * i.subscribers.smsPriceUsd,
    },
  };
}
