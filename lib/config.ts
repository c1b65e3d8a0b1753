import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { type Subscriber, parseSubscribers } from '../functions/domain/alerts/subscribers';

/** Deploy-time settings, read from CDK context and validated at synth so a bad value fails early. */
export interface MonitorConfig {
  schedule: string;
  subscribers: Subscriber[];
  seenTtlDays: number;
  logRetentionDays: RetentionDays;
  opsEmail?: string;
}

const contextSchema = z.object({
  schedule: z
    .string()
    .regex(/^(rate\(\d+ (minute|minutes|hour|hours)\)|cron\(.+\))$/, 'rate(N minutes) or cron(...)')
    .default('rate(10 minutes)'),
  subscribersFile: z.string().optional(),
  seenTtlDays: z.coerce.number().int().min(1).max(3650).default(90),
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine((n) => Object.values(RetentionDays).includes(n as RetentionDays), 'a CloudWatch retention, e.g. 30')
    .default(30),
  opsEmail: z.email().optional(),
});

export function loadConfig(get: (key: string) => unknown): MonitorConfig {
  const raw = Object.fromEntries(
    ['schedule', 'subscribersFile', 'seenTtlDays', 'logRetentionDays', 'opsEmail'].map((k) => [k, get(k)]),
  );
  const res = contextSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!res.success) {
    throw new Error(
      `invalid deploy settings: ${res.error.issues.map((i) => `-c ${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  let subscribers: Subscriber[] = [];
  if (res.data.subscribersFile) {
    let text: string;
    try {
      text = readFileSync(res.data.subscribersFile, 'utf8');
    } catch {
      throw new Error(`invalid deploy settings: -c subscribersFile: cannot read ${res.data.subscribersFile}`);
    }
    subscribers = parseSubscribers(JSON.parse(text));
  }
  return {
    schedule: res.data.schedule,
    subscribers,
    seenTtlDays: res.data.seenTtlDays,
    logRetentionDays: res.data.logRetentionDays as RetentionDays,
    opsEmail: res.data.opsEmail,
  };
}
