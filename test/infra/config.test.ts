import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app';
import { DeploySettingsError, SETTING_KEYS, loadConfig } from '../../lib/config';
import { synthMonitor } from './synth';

// The settings are checked before any construct is built, so these synths fail in milliseconds.
// The warning test skips cdk-nag (stack.test.ts runs it over the same app) to keep this file fast.
const synthWith =
  (context: Record<string, unknown>, settingsFile: string | null = null) =>
  () =>
    buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } }, { nag: false, settingsFile });

const ROOT = join(__dirname, '..', '..');

function settingsFile(settings: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kzmon-settings-')), 'deploy.settings.json');
  writeFileSync(file, JSON.stringify(settings));
  return file;
}

describe('deploy settings', () => {
  it('synthesizes without an ops email (a fresh clone must synth) and warns that alarms have no recipient', () => {
    const { stack } = synthWith({})();
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('No opsEmail setting'),
    );
    expect(warnings.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps settings between deploys: a plain synth reads the settings file (point 3)', () => {
    const file = settingsFile({
      opsEmail: 'ops@example.org',
      schedule: 'rate(30 minutes)',
      budgetUsd: 12,
      logRetentionDays: 90,
    });
    const { template } = synthMonitor({ opsEmail: undefined }, { settingsFile: file });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 minutes)' });
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetLimit: { Amount: 12, Unit: 'USD' } }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('lets -c override one key of the file and keeps the others', () => {
    const file = settingsFile({ opsEmail: 'ops@example.org', schedule: 'rate(30 minutes)' });
    const config = loadConfig((k) => ({ schedule: 'rate(1 hour)' })[k], { settingsFile: file });
    expect(config).toMatchObject({ schedule: 'rate(1 hour)', opsEmail: 'ops@example.org' });
  });

  it('reads -c settingsFile=PATH, and refuses a settings file that is named but missing', () => {
    const file = settingsFile({ opsEmail: 'desk@example.org' });
    expect(loadConfig((k) => (k === 'settingsFile' ? file : undefined)).opsEmail).toBe('desk@example.org');
    expect(() =>
      loadConfig((k) => (k === 'settingsFile' ? '/nonexistent/deploy.settings.json' : undefined)),
    ).toThrow(/settingsFile=\/nonexistent\/deploy\.settings\.json: no such file/);
  });

  it('sends the operator\'s contact in the crawler\'s User-Agent only from the settings, never a built-in address', () => {
    const fetchersEnv = (template: ReturnType<typeof synthMonitor>['template']) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((f) => f.Properties.Environment?.Variables ?? {})
        .filter((v) => 'KZMON_CONTACT' in v);
    expect(fetchersEnv(synthMonitor({}).template)).toEqual([]);
    const { template } = synthMonitor({ crawlerContact: 'mailto:desk@example.org' });
    const withContact = fetchersEnv(template);
    expect(withContact).toHaveLength(2); // fetch reads lists, classify reads article pages
    for (const v of withContact) expect(v.KZMON_CONTACT).toBe('mailto:desk@example.org');
    expect(() => loadConfig((k) => ({ crawlerContact: 'someone' })[k], { settingsFile: null })).toThrow(
      /crawlerContact.*mailto:/,
    );
  });

  it('names a second copy: stack name and name prefix from the settings (point 8)', () => {
    const { stack, template } = synthMonitor({ stackName: 'KzNewsMonitorStaging', namePrefix: 'staging' });
    expect(stack.stackName).toBe('KzNewsMonitorStaging');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const a of alarms) expect(a.Properties.AlarmName).toMatch(/^staging-/);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetName: 'staging-monthly' }),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'staging-query-api-callers',
    });
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('KzNewsMonitor/staging');
    }
    for (const a of alarms.filter((x) => String(x.Properties.Namespace).startsWith('KzNewsMonitor'))) {
      expect(a.Properties.Namespace).toBe('KzNewsMonitor/staging');
    }
  });

  it('adds the tags of the settings to every resource', () => {
    const { template } = synthMonitor({ tags: 'team=news,env=staging' });
    for (const q of Object.values(template.findResources('AWS::SQS::Queue'))) {
      expect(q.Properties.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'team', Value: 'news' },
          { Key: 'env', Value: 'staging' },
        ]),
      );
    }
  });

  it('fails synth on a malformed schedule, saying what is expected', () => {
    expect(synthWith({ opsEmail: 'ops@example.org', schedule: 'every 10 minutes' })).toThrow(
      /-c schedule=every 10 minutes: expected rate\(N minutes\|hours\|days\)/,
    );
    expect(synthWith({ opsEmail: 'ops@example.org', schedule: 'rate(0 minutes)' })).toThrow(
      /-c schedule=rate\(0 minutes\)/,
    );
    expect(synthWith({ schedule: 'rate(4 days)' })).toThrow(
      /-c schedule=rate\(4 days\): at most 3 days between fetch cycles/,
    );
  });

  it('reports every bad setting at once, from the file and from -c, as one error', () => {
    const file = settingsFile({
      opsEmail: 'not-an-email',
      logRetentionDays: 31,
      sechedule: 'rate(5 minutes)',
    });
    const run = synthWith({ seenTtlDays: 'ninety' }, file);
    expect(run).toThrow(DeploySettingsError);
    expect(run).toThrow(`${file}: opsEmail="not-an-email": an email address`);
    expect(run).toThrow(`${file}: logRetentionDays=31: a CloudWatch Logs retention`);
    expect(run).toThrow(`${file}: unknown setting "sechedule"`);
    expect(run).toThrow(/-c seenTtlDays=ninety/);
  });

  it('refuses the retired subscribersFile and says how to import it once', () => {
    expect(synthWith({ subscribersFile: 'subscribers.json' })).toThrow(
      /-c subscribersFile=subscribers.json: subscribers are no longer part of the deploy: .*kzmon subscribers import/,
    );
  });

  it('prints a bad setting as one clear message, without a stack trace (point 8)', () => {
    // Run from an empty directory, so no deploy.settings.json of this checkout is read.
    const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bin', 'app.ts')], {
      cwd: mkdtempSync(join(tmpdir(), 'kzmon-app-')),
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ schedule: 'every hour', opsEmail: 'nobody' }),
      },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('invalid deploy settings:');
    expect(res.stderr).toContain('-c schedule=every hour: expected rate(');
    expect(res.stderr).toContain('-c opsEmail=nobody: an email address');
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(res.stderr.trim().split('\n').length).toBeLessThanOrEqual(5);
  });

  it('documents every setting in the committed example, which itself is valid', () => {
    const example = JSON.parse(readFileSync(join(ROOT, 'deploy.settings.example.json'), 'utf8'));
    for (const key of SETTING_KEYS) expect(Object.keys(example)).toContain(key);
    expect(() =>
      loadConfig(() => undefined, { settingsFile: join(ROOT, 'deploy.settings.example.json') }),
    ).not.toThrow();
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\/?deploy\.settings\.json$/m);
  });
});

describe('cdk.json', () => {
  it('sets every feature flag aws-cdk-lib recommends (point 8), which the template tests synthesize with', () => {
    const recommended = JSON.parse(
      readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
    );
    const context = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context;
    // Construct analytics would add this app's construct metadata to every template; the project sends none.
    const deliberate: Record<string, unknown> = { '@aws-cdk/core:enableAdditionalMetadataCollection': false };
    for (const [flag, value] of Object.entries(recommended)) {
      expect(context[flag], flag).toEqual(flag in deliberate ? deliberate[flag] : value);
    }
  });
});
