import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_SOURCES } from '../functions/domain/sources/definitions';
import { EMITTED_METRICS } from '../functions/handlers/emitted-metrics';
import { buildApp } from './app';
import { scheduleIntervalMinutes } from './schedule';

/**
 * What a deployment is made of, as far as the bill goes: read from the synthesized template (alarms,
 * dashboards, keys, secrets, schedules, tables, functions' memory) and from the handlers' code (the
 * custom metrics they emit and the dimensions that multiply them), never typed by hand.
 */
export interface DeployedInfra {
  stackName: string;
  schedule: string;
  /** Custom metrics as CloudWatch bills them: one per name × dimension value combination. */
  customMetrics: { service: string; name: string; dimensions: string[]; count: number }[];
  /** Metrics read by alarms (an alarm on metric math counts each metric it reads). */
  alarmMetrics: number;
  alarms: number;
  dashboards: number;
  kmsKeys: number;
  secrets: number;
  /** Invocations a month of every schedule, by the function it targets. */
  scheduledInvocations: { target: 'fetch' | 'alert' | 'digest' | 'other'; perMonth: number }[];
  tablesWithPitr: number;
  /** SQS event source mappings: each one polls its queue even when the queue is empty. */
  sqsPollers: number;
  memoryMb: Record<'fetch' | 'classify' | 'alert' | 'digest' | 'query', number>;
}

export const DAYS_PER_MONTH = 30.4;
const HANDLERS_DIR = join(__dirname, '..', 'functions', 'handlers');

/** Metric names, service and dimensions each handler file emits, found in its code. */
export function emittedByHandlers(
  dir = HANDLERS_DIR,
): { service: string; name: string; dimensions: string[] }[] {
  const found: { service: string; name: string; dimensions: string[] }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    const service = /new Metrics\(\{[^}]*serviceName:\s*'([^']+)'/.exec(code)?.[1];
    if (!service) continue;
    // Any dimension added in the file is counted on every metric of it: an over-count, never an under-count.
    const dimensions = [...code.matchAll(/addDimensions?\(\s*(?:\{\s*)?'?(\w+)'?/g)].map((m) => m[1]!);
    for (const m of code.matchAll(/addMetric\(\s*'(\w+)'/g)) {
      if (!found.some((f) => f.service === service && f.name === m[1]))
        found.push({ service, name: m[1]!, dimensions });
    }
  }
  return found;
}

function countCustomMetrics(): DeployedInfra['customMetrics'] {
  const sources = DEFAULT_SOURCES.filter((s) => s.enabled).length;
  const metrics = emittedByHandlers();
  // Listed but not (yet) found in the code, e.g. a metric another module adds: billed once emitted.
  for (const [service, names] of Object.entries(EMITTED_METRICS)) {
    for (const name of names) {
      if (!metrics.some((m) => m.service === service && m.name === name))
        metrics.push({ service, name, dimensions: [] });
    }
  }
  return metrics.map((m) => ({ ...m, count: m.dimensions.includes('sourceId') ? sources : 1 }));
}

function invocationsPerMonth(expression: string): number {
  return (DAYS_PER_MONTH * 1440) / scheduleIntervalMinutes(expression);
}

/** Synthesizes the deployment of the given settings (no bundling: the template is what is priced). */
export function deployedInfra(
  context: Record<string, unknown> = {},
  settingsFile: string | null = null,
): DeployedInfra {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')).context;
  const { stack } = buildApp(
    { context: { ...cdkJson, 'aws:cdk:bundling-stacks': [], opsEmail: 'ops@example.org', ...context } },
    { nag: false, settingsFile },
  );
  const template = Template.fromStack(stack);
  const resources = (type: string) => Object.values(template.findResources(type));
  const alarms = resources('AWS::CloudWatch::Alarm');
  const functionIds = {
    fetch: stack.getLogicalId(stack.ingestion.fetchFunction.node.defaultChild as never),
    alert: stack.getLogicalId(stack.alerts.alertFunction.node.defaultChild as never),
    digest: stack.getLogicalId(stack.alerts.digestFunction.node.defaultChild as never),
  };
  const memoryOf = (fn: { node: { defaultChild?: unknown } }) =>
    template.findResources('AWS::Lambda::Function')[stack.getLogicalId(fn.node.defaultChild as never)]!
      .Properties.MemorySize as number;
  return {
    stackName: stack.stackName,
    schedule: stack.config.schedule,
    customMetrics: countCustomMetrics(),
    alarms: alarms.length,
    alarmMetrics: alarms.reduce(
      (n, a) =>
        n +
        (a.Properties.Metrics
          ? (a.Properties.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length
          : 1),
      0,
    ),
    dashboards: resources('AWS::CloudWatch::Dashboard').length,
    kmsKeys: resources('AWS::KMS::Key').length,
    secrets: resources('AWS::SecretsManager::Secret').length,
    scheduledInvocations: resources('AWS::Scheduler::Schedule').map((s) => {
      const arn = JSON.stringify(s.Properties.Target.Arn);
      const target =
        (['fetch', 'alert', 'digest'] as const).find((name) => arn.includes(`"${functionIds[name]}"`)) ??
        'other';
      return { target, perMonth: invocationsPerMonth(s.Properties.ScheduleExpression as string) };
    }),
    tablesWithPitr: resources('AWS::DynamoDB::Table').filter(
      (t) => t.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled,
    ).length,
    sqsPollers: resources('AWS::Lambda::EventSourceMapping').filter((m) => {
      const source = (m.Properties.EventSourceArn as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0];
      return source !== undefined && template.toJSON().Resources[source]?.Type === 'AWS::SQS::Queue';
    }).length,
    memoryMb: {
      fetch: memoryOf(stack.ingestion.fetchFunction),
      classify: memoryOf(stack.ingestion.classifyFunction),
      alert: memoryOf(stack.alerts.alertFunction),
      digest: memoryOf(stack.alerts.digestFunction),
      query: memoryOf(stack.queryApi.queryFunction),
    },
  };
}
