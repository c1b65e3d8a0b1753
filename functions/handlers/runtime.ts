/**
 * Module-scope wiring shared by the Lambda handlers: created once per container, reused by every
 * invocation. Only handlers import this; the domain never does.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createMonitorStore } from '../adapters/monitor-store';
import type { MonitorStore } from '../domain/ports';
import { DEFAULT_SOURCES, type SourceDefinition, parseSources } from '../domain/sources/definitions';
import { allowedHostsFor } from '../domain/sources/allowlist';
import { HttpClient } from '../domain/sources/http-client';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function configuredSources(): SourceDefinition[] {
  return process.env.SOURCES_JSON ? parseSources(JSON.parse(process.env.SOURCES_JSON)) : DEFAULT_SOURCES;
}

export function makeStore(): MonitorStore {
  return createMonitorStore(new DynamoDBClient({}), {
    tableName: requiredEnv('TABLE_NAME'),
    seenTtlDays: process.env.SEEN_TTL_DAYS ? Number(process.env.SEEN_TTL_DAYS) : undefined,
  });
}

export function makeHttpClient(sources: SourceDefinition[]): HttpClient {
  return new HttpClient({ allowedHosts: allowedHostsFor(sources) });
}
