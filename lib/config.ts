import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { MAX_CYCLE_MINUTES, scheduleIntervalMinutes } from './schedule';

/**
 * Deploy settings: one file (deploy.settings.json, gitignored; deploy.settings.example.json shows every
 * key) read by default, each key overridable with `-c key=value`, all validated at synth. Because the
 * file is read on every synth, a plain `npx cdk deploy` deploys what was deployed before.
 */
export interface MonitorConfig {
  /** CloudFormation stack name; a second copy (staging) in one account and region takes another. */
  stackName: string;
  /** Prefix of every physical name the stack sets (alarms, dashboard, budget, metric namespace). */
  namePrefix: string;
  /** EventBridge Scheduler expression of the fetch cycle: rate(N minutes|hours|days) or cron(...). */
  schedule: string;
  seenTtlDays: number;
  logRetentionDays: RetentionDays;
  /** Where alarms and the budget alert go. Optional so that a fresh clone synthesizes. */
  opsEmail?: string;
  /** Monthly AWS Budget (USD) whose actual or forecast overrun mails opsEmail. */
  budgetUsd: number;
  /** A CloudWatch dashboard: free within the always-free tier's three, $3 a month at list price. */
  dashboard: boolean;
  /** Tags on every resource, beside the ones the stack sets itself. */
  tags: Record<string, string>;
  /** How a site's admin reaches the operator (a URL or mailto:), sent in the crawler's User-Agent. */
  crawlerContact?: string;
  /** SMS alerts per subscriber and month before the rest wait for the digest (the delivery code's default when unset). */
  smsMonthlyCap?: number;
}

export const DEFAULT_SETTINGS_FILE = 'deploy.settings.json';
export const DEFAULT_SCHEDULE = 'rate(10 minutes)';
export const DEFAULT_STACK_NAME = 'KzNewsMonitor';
export const DEFAULT_NAME_PREFIX = 'kzmon';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(\S+( \S+){5}\)$/;

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'true or false',
});

const settingsSchema = z.strictObject({
  stackName: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9-]{0,99}$/,
      'a CloudFormation stack name: a letter, then letters, digits and dashes',
    )
    .default(DEFAULT_STACK_NAME),
  namePrefix: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,19}$/,
      'lower-case letters, digits and dashes, at most 20, starting with a letter',
    )
    .default(DEFAULT_NAME_PREFIX),
  schedule: z
    .string()
    .refine(
      (s) => (RATE.test(s) && Number(RATE.exec(s)![1]) >= 1) || CRON.test(s),
      'expected rate(N minutes|hours|days) with N ≥ 1, or cron(min hour day-of-month month day-of-week year)',
    )
    .refine(
      (s) => !(RATE.test(s) || CRON.test(s)) || scheduleIntervalMinutes(s) <= MAX_CYCLE_MINUTES,
      `at most ${MAX_CYCLE_MINUTES / 1440} days between fetch cycles: the "no new items" and "source failing" alarms must see several cycles within CloudWatch's 7-day evaluation limit`,
    )
    .default(DEFAULT_SCHEDULE),
  seenTtlDays: z.coerce.number().int().min(1).max(3650).default(90),
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine(
      (n) => Object.values(RetentionDays).includes(n as RetentionDays),
      'a CloudWatch Logs retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …',
    )
    .default(30),
  opsEmail: z.email('an email address that receives the alarms, e.g. ops@example.org').optional(),
  budgetUsd: z.coerce.number().min(1, 'at least 1 (US dollars a month)').max(100_000).default(5),
  dashboard: flag.default(false),
  tags: z
    .record(
      z.string().regex(/^[\w.:/=+@-]{1,128}$/, 'tag keys: 1–128 letters, digits and . : / = + @ - _'),
      z.string().max(256),
    )
    .default({}),
  crawlerContact: z
    .string()
    .regex(/^(https:\/\/|mailto:)\S{3,200}$/, 'a URL (https://…) or mailto: address where site admins reach you')
    .optional(),
  smsMonthlyCap: z.coerce.number().int().min(0, 'a whole number of SMS a month, 0 or more').max(100_000).optional(),
});

export type SettingKey = keyof typeof settingsSchema.shape;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

/** Settings that were deploy settings once and moved elsewhere: the message says where. */
const RETIRED: Record<string, string> = {
  subscribersFile:
    'subscribers are no longer part of the deploy: they are kept in the table and managed with `kzmon subscribers` ' +
    '(import an old file once with `npx kzmon subscribers import FILE --api URL`, see docs/deploy.md), then remove this key',
};

/** A bad setting: the message names each one, where it came from and what it expects; no stack trace needed. */
export class DeploySettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid deploy settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeploySettingsError';
  }
}

export interface LoadOptions {
  /**
   * The settings file: undefined reads `-c settingsFile` or else deploy.settings.json in the working
   * directory (either may be absent on a fresh clone); null reads none (tests).
   */
  settingsFile?: string | null;
}

type Raw = Record<string, unknown>;

function readSettingsFile(file: string, required: boolean): Raw {
  const path = resolve(file);
  if (!existsSync(path)) {
    if (required) throw new DeploySettingsError([`settingsFile=${file}: no such file`]);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DeploySettingsError([`${file}: not valid JSON (${(err as Error).message})`]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DeploySettingsError([
      `${file}: expected a JSON object of settings, e.g. { "opsEmail": "ops@example.org" }`,
    ]);
  }
  return parsed as Raw;
}

/**
 * Reads the settings file, lays `-c` values over it and checks the result. Throws one
 * DeploySettingsError naming every bad key (as `-c key=value` or `file: key=value`), so
 * `cdk synth`/`cdk deploy` stops before anything reaches AWS.
 */
export function loadConfig(get: (key: string) => unknown, options: LoadOptions = {}): MonitorConfig {
  const contextFile = get('settingsFile');
  const file =
    options.settingsFile === null
      ? undefined
      : (options.settingsFile ?? (contextFile as string) ?? DEFAULT_SETTINGS_FILE);
  const fromFile = file
    ? readSettingsFile(file, options.settingsFile !== undefined || contextFile !== undefined)
    : {};
  const fromContext: Raw = {};
  for (const key of [...SETTING_KEYS, ...Object.keys(RETIRED)]) {
    const v = get(key);
    if (v !== undefined && v !== '')
      fromContext[key] = key === 'tags' && typeof v === 'string' ? parseTags(v) : v;
  }
  const raw: Raw = { ...fromFile, ...fromContext };
  const origin = (key: string) =>
    key in fromContext
      ? `-c ${key}=${String(fromContext[key])}`
      : `${file}: ${key}=${JSON.stringify(fromFile[key])}`;

  const problems: string[] = [];
  for (const key of Object.keys(raw).filter((k) => k in RETIRED)) {
    problems.push(`${origin(key)}: ${RETIRED[key]}`);
    delete raw[key];
  }
  const res = settingsSchema.safeParse(raw);
  if (!res.success) {
    for (const issue of res.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          problems.push(`${file}: unknown setting "${key}" (known: ${SETTING_KEYS.join(', ')})`);
        continue;
      }
      const key = String(issue.path[0]);
      problems.push(`${origin(key)}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new DeploySettingsError(problems);
  const s = res.data!;
  return { ...s, logRetentionDays: s.logRetentionDays as RetentionDays };
}

/** `-c tags=team=news,env=staging` from the command line. */
function parseTags(text: string): Record<string, string> | string {
  const pairs = text.split(',').map((p) => p.split('='));
  if (pairs.some((p) => p.length !== 2 || !p[0])) return text;
  return Object.fromEntries(pairs as [string, string][]);
}

export { scheduleIntervalMinutes };
