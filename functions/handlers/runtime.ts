/**
 * Module-scope wiring shared by the Lambda handlers: created once per container, reused by every
 * invocation. Only handlers import this; the domain never does. Source wiring (definitions, HTTP
 * client) lives in source-runtime.ts so the functions that never read a source do not bundle it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createMonitorStore } from '../adapters/monitor-store';
import type { MonitorStore } from '../domain/ports';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function makeStore(): MonitorStore {
  return createMonitorStore(new DynamoDBClient({}), {
    tableName: requiredEnv('TABLE_NAME'),
    seenTtlDays: process.env.SEEN_TTL_DAYS ? Number(process.env.SEEN_TTL_DAYS) : undefined,
  });
}
