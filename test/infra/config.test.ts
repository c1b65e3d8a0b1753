import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import { loadConfig, scheduleIntervalMinutes } from '../../lib/config';

// The settings are checked before any construct is built, so these synths fail in milliseconds.
// The warning test skips cdk-nag (stack.test.ts runs it over the same app) to keep this file fast.
const synthWith = (context: Record<string, unknown>, nag = true) => () =>
  buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } }, { nag });

describe('deploy settings', () => {
  it('synthesizes without an ops email (a fresh clone must synth) and warns that alarms have no recipient', () => {
    const { stack } = synthWith({}, false)();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('No -c opsEmail given'));
    expect(warnings).toHaveLength(1);
  });

  it('fails synth on a malformed schedule, saying what is expected', () => {
    expect(synthWith({ opsEmail: 'ops@example.org', schedule: 'every 10 minutes' })).toThrow(
      /-c schedule=every 10 minutes: expected rate\(N minutes\|hours\|days\)/,
    );
    expect(synthWith({ opsEmail: 'ops@example.org', schedule: 'rate(0 minutes)' })).toThrow(/-c schedule=rate\(0 minutes\)/);
  });

  it('reports every bad setting at once', () => {
    const run = synthWith({ opsEmail: 'not-an-email', logRetentionDays: '31', seenTtlDays: 'ninety' });
    expect(run).toThrow(/-c opsEmail=not-an-email: an email address/);
    expect(run).toThrow(/-c logRetentionDays=31: a CloudWatch Logs retention/);
    expect(run).toThrow(/-c seenTtlDays=ninety/);
  });

  it('fails synth on a subscribers file that is missing or invalid, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-config-'));
    const bad = join(dir, 'subscribers.json');
    writeFileSync(bad, JSON.stringify([{ id: 'a', email: 'a@example.org', phone: '+77011234567' }]));
    expect(synthWith({ opsEmail: 'ops@example.org', subscribersFile: bad })).toThrow(
      /-c subscribersFile=.*subscribers\.json: invalid subscribers: .*give exactly one of email or phone/,
    );
    writeFileSync(bad, '{ not json');
    expect(synthWith({ opsEmail: 'ops@example.org', subscribersFile: bad })).toThrow(`-c subscribersFile=${bad}:`);
    expect(synthWith({ opsEmail: 'ops@example.org', subscribersFile: join(dir, 'nope.json') })).toThrow(
      /-c subscribersFile: cannot read .*nope\.json/,
    );
  });

  it('reads good settings, strings from the command line included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzmon-config-'));
    const file = join(dir, 'subscribers.json');
    writeFileSync(file, JSON.stringify([{ id: 'desk', email: 'desk@example.org' }]));
    const ctx: Record<string, string> = {
      schedule: 'rate(1 hour)',
      opsEmail: 'ops@example.org',
      seenTtlDays: '30',
      logRetentionDays: '90',
      subscribersFile: file,
    };
    const config = loadConfig((k) => ctx[k]);
    expect(config).toMatchObject({ schedule: 'rate(1 hour)', seenTtlDays: 30, logRetentionDays: 90, opsEmail: 'ops@example.org' });
    expect(config.subscribers.map((s) => s.id)).toEqual(['desk']);
  });

  it('defaults to a 10-minute cycle, and knows the cycle length of rate schedules', () => {
    expect(loadConfig((k) => (k === 'opsEmail' ? 'ops@example.org' : undefined)).schedule).toBe('rate(10 minutes)');
    expect(scheduleIntervalMinutes('rate(10 minutes)')).toBe(10);
    expect(scheduleIntervalMinutes('rate(2 hours)')).toBe(120);
    expect(scheduleIntervalMinutes('cron(0 * * * ? *)')).toBe(60);
  });
});
