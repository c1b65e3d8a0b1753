/** Source wiring for the handlers that read sources (fetch, classify): the definitions and the HTTP client. */
import { allowedHostsFor } from '../domain/sources/allowlist';
import { DEFAULT_SOURCES, type SourceDefinition, parseSources } from '../domain/sources/definitions';
import { HttpClient } from '../adapters/http-client';

export function configuredSources(): SourceDefinition[] {
  return process.env.SOURCES_JSON ? parseSources(JSON.parse(process.env.SOURCES_JSON)) : DEFAULT_SOURCES;
}

export function makeHttpClient(sources: SourceDefinition[]): HttpClient {
  return new HttpClient({ allowedHosts: allowedHostsFor(sources) });
}
