import { type SourceDefinition, discoveryPaths } from './definitions';

/** Hosts the monitor may fetch: the sources' own hosts plus every known Kazinform and gov.kz alias. */
export const KNOWN_HOSTS = [
  'www.inform.kz',
  'inform.kz',
  'en.inform.kz',
  'kaz.inform.kz',
  'qz.inform.kz',
  'lat.inform.kz',
  'qazinform.com',
  'www.qazinform.com',
  'www.gov.kz',
  'gov.kz',
];

export function allowedHostsFor(sources: SourceDefinition[], extra: string[] = []): Set<string> {
  const hosts = new Set([...KNOWN_HOSTS, ...extra.map((h) => h.toLowerCase())]);
  for (const s of sources) {
    hosts.add(new URL(s.url).hostname.toLowerCase());
    for (const p of discoveryPaths(s)) hosts.add(new URL(p.url).hostname.toLowerCase());
  }
  return hosts;
}
