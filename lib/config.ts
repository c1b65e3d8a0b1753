import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { type Subscriber, parseSubscribers } from '../functions/domain/alerts/subscribers';

/** Deploy-time settings, read from CDK context and validated at synth so a bad value fails early. */
export interface MonitorConfig {
  /** EventBridge Scheduler expression of the fetch cycle: rate(N minutes|hours) or cron(...). */
  schedule: string;
  subscribers: Subscriber[];
  seenTtlDays: number;
  logRetentionDays: RetentionDays;
  /** Where alarms go. Required by loadConfig; optional here so tests can build a stack without one. */
  opsEmail?: string;
}

export const CONTEXT_KEYS = ['schedule', 'subscribersFile', 'seenTtlDays', 'logRetentionDays', 'opsEmail'] as const;

export const DEFAULT_SCHEDULE = 'rate(10 minutes)';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

const contextSchema = z.object({
  schedule: z
    .string()
    .refine(
      (s) => (RATE.test(s) && Number(RATE.exec(s)![1]) >= 1) || /^cron\(\S+( \S+){5}\)$/.test(s),
      'expected rate(N minutes|hours|days) with N ≥ 1, or cron(min hour day-of-month month day-of-week year)',
    )
    .default(DEFAULT_SCHEDULE),
  subscribersFile: z.string().min(1).optional(),
  seenTtlDays: z.coerce.number().int().min(1).max(3650).default(90),
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine(
      (n) => Object.values(RetentionDays).includes(n as RetentionDays),
      'a CloudWatch Logs retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …',
    )
    .default(30),
  // Optional so that `npx cdk synth` works on a fresh clone; the stack warns when alarms have no recipient.
  opsEmail: z.email('an email address that receives the alarms, e.g. ops@example.org').optional(),
});

/**
 * Reads and checks every deploy setting. Throws one error naming each bad `-c key` and what it expects,
 * so `cdk synth`/`cdk deploy` stops before anything reaches AWS.
 */
export function loadConfig(get: (key: string) => unknown): MonitorConfig {
  const raw = Object.fromEntries(
    CONTEXT_KEYS.map((k) => [k, get(k)] as const).filter(([, v]) => v !== undefined && v !== ''),
  );
  const res = contextSchema.safeParse(raw);
  if (!res.success) {
    const problems = res.error.issues.map((i) => {
      const key = i.path.join('.');
      const given = raw[key];
      const message = given === undefined && i.code === 'invalid_type' ? `required (${i.message})` : i.message;
      return `-c ${key}${given === undefined ? '' : `=${String(given)}`}: ${message}`;
    });
    throw new Error(`invalid deploy settings: ${problems.join('; ')}`);
  }
  return {
    schedule: res.data.schedule,
    subscribers: res.data.subscribersFile ? readSubscribers(res.data.subscribersFile) : [],
    seenTtlDays: res.data.seenTtlDays,
    logRetentionDays: res.data.logRetentionDays as RetentionDays,
    opsEmail: res.data.opsEmail,
  };
}

function readSubscribers(file: string): Subscriber[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`invalid deploy settings: -c subscribersFile: cannot read ${file} (${(err as Error).message})`);
  }
  try {
    return parseSubscribers(JSON.parse(text));
  } catch (err) {
    throw new Error(`invalid deploy settings: -c subscribersFile=${file}: ${(err as Error).message}`);
  }
}

/**
 * How often the fetch cycle runs, in minutes; the "failing N cycles in a row" alarm uses it as its
 * period. A cron schedule has no single interval, so those alarms fall back to an hour.
 */
export function scheduleIntervalMinutes(schedule: string): number {
  const m = RATE.exec(schedule);
  if (!m) return 60;
  const n = Number(m[1]);
  return m[2].startsWith('minute') ? n : m[2].startsWith('hour') ? n * 60 : n * 1440;
}
