import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMITTED_METRICS } from '../../functions/handlers/emitted-metrics';
import type { MonitorStack } from '../../lib/monitor-stack';
import {
  noNewItemsWindow,
  scheduleIntervalMinutes,
  sourceFailureWindow,
  withinCloudWatchLimits,
} from '../../lib/schedule';
import { synthMonitor } from './synth';

let stack: MonitorStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthMonitor({ schedule: 'rate(10 minutes)' }));
});

const logicalId = (s: Stack, c: { node: { defaultChild?: unknown } }) =>
  s.getLogicalId(c.node.defaultChild as CfnRole);
type AlarmResource = { Properties: Record<string, unknown> & { AlarmName: string } };
const alarms = (t: Template = template) =>
  Object.values(t.findResources('AWS::CloudWatch::Alarm')) as AlarmResource[];
const alarmNamed = (name: string, t: Template = template) => {
  const found = alarms(t).find((a) => a.Properties.AlarmName === `kzmon-${name}`);
  expect(found, name).toBeDefined();
  return found!.Properties;
};

describe('alarms', () => {
  it('go to the operations topic, state changes both ways', () => {
    const opsTopic = { Ref: logicalId(stack, stack.operations.topic) };
    for (const a of alarms()) {
      expect(a.Properties.AlarmActions).toEqual([opsTopic]);
      expect(a.Properties.OKActions).toEqual([opsTopic]);
    }
  });

  it('fire on any message in the dead-letter queue and in the failed-runs queue', () => {
    for (const queue of [stack.ingestion.deadLetterQueue, stack.failedRuns]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, queue), 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('watch every dead-letter queue and failure destination of the stack, whoever added it', () => {
    const all = template.toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const targets = new Set<string>();
    for (const r of Object.values(all)) {
      const text = JSON.stringify(r.Properties ?? {});
      for (const m of text.matchAll(/"deadLetterTargetArn":\{"Fn::GetAtt":\["(\w+)","Arn"\]\}/g))
        targets.add(m[1]!);
      for (const m of text.matchAll(
        /"(?:OnFailure|DestinationConfig)":\{(?:"OnFailure":\{)?"Destination":\{"Fn::GetAtt":\["(\w+)","Arn"\]\}/g,
      )) {
        targets.add(m[1]!);
      }
    }
    for (const known of [stack.ingestion.deadLetterQueue, stack.failedRuns])
      expect([...targets]).toContain(logicalId(stack, known));
    const watched = alarms()
      .filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const id of targets) {
      expect(all[id]!.Type, id).toBe('AWS::SQS::Queue');
      expect(watched, id).toContain(
        JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]),
      );
    }
  });

  it('fire when the alert sweep stops running: no invocation counts as breaching (point 5)', () => {
    expect(alarmNamed('AlertSweepStopped')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.alerts.alertFunction) } }],
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('fire when the oldest new item has waited longer than all its receives allow (point 5)', () => {
    expect(alarmNamed('NewItemsWaiting')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack, stack.ingestion.queue), 'QueueName'] },
        },
      ],
      Threshold: 720 * 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('say what AlertsFailed measures: N one-sweep periods for "N sweeps in a row" (point 5)', () => {
    const p = alarmNamed('AlertsFailed');
    const sweeps = Number(/in (\d+) sweeps in a row/.exec(String(p.AlarmDescription))?.[1]);
    expect(sweeps).toBe(3);
    expect(p).toMatchObject({
      Period: 60,
      EvaluationPeriods: sweeps,
      DatapointsToAlarm: sweeps,
      Namespace: 'KzNewsMonitor/kzmon',
    });
  });

  it('fire on SNS deliveries that failed, the only sign of SMS in the sandbox or over the spend limit (point 4)', () => {
    expect(alarmNamed('AlertsUndelivered')).toMatchObject({
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [
        { Name: 'TopicName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.alerts.topic), 'TopicName'] } },
      ],
      Threshold: 1,
    });
  });

  it('tell the operator when a Cloudflare challenge blocks a source, with the command to run', () => {
    expect(alarmNamed('SourcesBlocked')).toMatchObject({
      Namespace: 'KzNewsMonitor/kzmon',
      MetricName: 'SourcesBlocked',
      Dimensions: [{ Name: 'service', Value: 'fetch' }],
      AlarmDescription: 'a source is blocked by a Cloudflare challenge — run kzmon sources --api URL',
    });
  });

  it('fire when a source failed three cycles in a row, one 10-minute period per cycle', () => {
    expect(alarmNamed('SourcesFailing')).toMatchObject({
      MetricName: 'SourceFailures',
      Namespace: 'KzNewsMonitor/kzmon',
      Dimensions: [{ Name: 'service', Value: 'fetch' }],
      Period: 600,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 1,
    });
  });

  it('fire when nothing new was queued for 24 hours, or the fetch stopped, from the free SQS metric', () => {
    expect(alarmNamed('NoNewItems')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'NumberOfMessagesSent',
      Period: 86400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('read every custom metric the handlers emit, and no custom metric they do not emit (point 6)', () => {
    const emitted = Object.entries(EMITTED_METRICS).flatMap(([service, names]) =>
      names.map((n) => `${service}/${n}`),
    );
    const read = alarms()
      .filter((a) => a.Properties.Namespace === 'KzNewsMonitor/kzmon')
      .map((a) => `${(a.Properties.Dimensions as { Value: string }[])[0]!.Value}/${a.Properties.MetricName}`);
    expect([...new Set(read)].sort()).toEqual(emitted.sort());
    for (const a of alarms())
      expect(a.Properties.Metrics, 'one metric per alarm: each metric is billed').toBeUndefined();
  });

  it('have no dashboard unless the settings ask for one ($3 a month at list price)', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    const { template: withDashboard } = synthMonitor({ dashboard: 'true' });
    const body = JSON.stringify(
      Object.values(withDashboard.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody,
    );
    for (const m of [
      'NumberOfMessagesSent',
      'NumberOfMessagesDeleted',
      'NumberOfMessagesPublished',
      'SourceFailures',
      'AlertsFailed',
    ]) {
      expect(body).toContain(m);
    }
  });
});

describe('alarm windows follow the schedule (point 5)', () => {
  it('a 12-hour schedule: a source failing three cycles is three 12-hour periods, "nothing new" 36 hours', () => {
    const { template: slow } = synthMonitor({ schedule: 'rate(12 hours)' });
    expect(alarmNamed('SourcesFailing', slow)).toMatchObject({
      Period: 43200,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
    expect(alarmNamed('NoNewItems', slow)).toMatchObject({ Period: 3 * 43200, EvaluationPeriods: 1 });
  });

  it('a weekday cron schedule waits the weekend out before "nothing new"', () => {
    const { template: weekdays } = synthMonitor({ schedule: 'cron(0 9 ? * MON-FRI *)' });
    // Friday 09:00 to Monday 09:00.
    expect(scheduleIntervalMinutes('cron(0 9 ? * MON-FRI *)')).toBe(3 * 1440);
    expect(alarmNamed('NoNewItems', weekdays).Period as number).toBeGreaterThanOrEqual(3 * 86400);
  });

  it.each([
    'rate(1 minute)',
    'rate(10 minutes)',
    'rate(59 minutes)',
    'rate(1 hour)',
    'rate(8 hours)',
    'rate(1 day)',
    'rate(2 days)',
    'rate(3 days)',
    'cron(0 9 ? * MON-FRI *)',
    'cron(0 * * * ? *)',
    'cron(*/15 8-18 * * ? *)',
  ])('%s gives windows CloudWatch accepts, each holding at least one run per period', (schedule) => {
    const cycle = scheduleIntervalMinutes(schedule);
    for (const w of [sourceFailureWindow(cycle), noNewItemsWindow(cycle)]) {
      expect(withinCloudWatchLimits(w), JSON.stringify(w)).toBe(true);
      expect(w.periodMinutes).toBeGreaterThanOrEqual(cycle);
    }
  });

  it('knows the longest gap of cron schedules', () => {
    expect(scheduleIntervalMinutes('cron(0 * * * ? *)')).toBe(60);
    expect(scheduleIntervalMinutes('cron(*/15 * * * ? *)')).toBe(15);
    expect(scheduleIntervalMinutes('cron(0 8 * * ? *)')).toBe(1440);
    expect(scheduleIntervalMinutes('cron(0 6,18 * * ? *)')).toBe(720);
    // Every 15 minutes from 08:00 to 18:45, then nothing until 08:00: 13 h 15 min.
    expect(scheduleIntervalMinutes('cron(*/15 8-18 * * ? *)')).toBe(13 * 60 + 15);
    expect(scheduleIntervalMinutes('rate(2 hours)')).toBe(120);
  });
});

describe('custom metrics', () => {
  it('are only the ones listed in emitted-metrics.ts, none with a per-source dimension', async () => {
    const { emittedByHandlers } = await import('../../scripts/cost-estimate');
    const found = emittedByHandlers();
    const listed = Object.entries(EMITTED_METRICS).flatMap(([service, names]) =>
      names.map((n) => `${service}/${n}`),
    );
    for (const m of found) {
      expect(listed, `${m.service}/${m.name} is emitted but not in emitted-metrics.ts`).toContain(
        `${m.service}/${m.name}`,
      );
      expect(m.dimensions, `${m.service}/${m.name}`).toEqual([]);
    }
  });

  it('the alarm template uses the SQS metric of the new-items queue, so no ItemsNew metric is needed', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'NumberOfMessagesSent',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack, stack.ingestion.queue), 'QueueName'] },
        },
      ],
      Statistic: Match.anyValue(),
    });
  });
});
