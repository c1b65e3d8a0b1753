import { isAbsolute, relative } from 'node:path';
import type { Classification, FeedEntry } from '../../functions/domain/model';
import type { LocalCycleResult } from '../../functions/local/local-cycle';
import type { Delivery } from '../../functions/local/outbox-publisher';

/** Failures that mean this machine reached no one, not that a site refused it. */
const NO_NETWORK = /ENOTFOUND|EAI_AGAIN|getaddrinfo|ENETUNREACH|EHOSTUNREACH|could not resolve|network is unreachable|no network\?/i;

export interface CycleReportOptions {
  /** Why an entry was judged not relevant; when given, rejected items are listed with it (the demo). */
  whyRejected?: (entry: FeedEntry) => string | undefined;
}

/** The first line of a failure, short enough for a summary line. */
function shortError(error: string | undefined): string {
  const first = (error ?? 'unknown error').split('\n')[0]!;
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
}

/** "No network?" when every source that failed did so before reaching its site. */
export function noNetworkLine(result: LocalCycleResult): string | undefined {
  const failed = result.fetch.sources.filter((s) => !s.ok && !s.skipped);
  if (failed.length === 0 || failed.length < result.fetch.sources.length) return undefined;
  if (!failed.every((s) => NO_NETWORK.test(s.error ?? ''))) return undefined;
  return 'No network? No source could be reached (name lookups or connections failed); check the connection and run again.';
}

/** The short summary a person reads after a cycle. */
export function formatCycleReport(
  result: LocalCycleResult,
  deliveries: (Pick<Delivery, 'subscriberId' | 'to'> & { channel: string })[],
  outbox: string,
  titles: Map<string, { title: string; categories: string[]; storyId?: string }>,
  options: CycleReportOptions = {},
): string {
  const lines: string[] = [];
  const ok = result.fetch.sources.filter((s) => s.ok).length;
  lines.push(`Sources: ${ok}/${result.fetch.sources.length} fetched`);
  const offline = noNetworkLine(result);
  for (const s of result.fetch.sources) {
    const state = s.ok
      ? s.notModified
        ? 'not modified'
        : `${s.listed} listed, ${s.new} new`
      : offline
        ? `not reached (${shortError(s.error).replace(/:\s*no network\?.*$/i, '')})`
        : `FAILED: ${shortError(s.error)}`;
    lines.push(`  ${s.sourceId.padEnd(18)} ${state}`);
  }
  if (offline) lines.push(offline);
  const listed = result.fetch.sources.reduce((n, s) => n + s.listed, 0);
  const relevant = result.items.filter((i) => i.outcome === 'relevant');
  const rejected = result.items.filter((i) => i.outcome === 'not-relevant');
  const failed = result.items.filter((i) => i.outcome === 'failed');
  lines.push(
    `Items: ${result.fetch.queued} new, ${Math.max(0, listed - result.fetch.queued)} already seen; ${relevant.length} relevant, ${rejected.length} not relevant, ${failed.length} failed`,
  );
  for (const i of relevant) {
    const t = titles.get(i.entry.itemId);
    lines.push(
      `  relevant [${t?.categories.join(', ') ?? '?'}] (${i.entry.language}) ${t?.title ?? i.entry.title ?? i.entry.url}  id ${i.entry.itemId}`,
    );
  }
  lines.push(...storyLines(relevant.map((i) => ({ entry: i.entry, stored: titles.get(i.entry.itemId) }))));
  if (options.whyRejected) {
    for (const i of rejected) {
      const why = options.whyRejected(i.entry);
      lines.push(`  rejected (${i.entry.language}) ${i.entry.title ?? i.entry.url}${why ? ` — ${why}` : ''}`);
    }
  }
  for (const i of failed) lines.push(`  failed   ${i.entry.url}: ${shortError(i.error)}`);
  // Each message a subscriber receives counts, not each alert published (one alert reaches many).
  lines.push(
    `Alerts: ${deliveries.length} sent${result.alerts.failed ? `, ${result.alerts.failed} failed (kept pending)` : ''}`,
  );
  for (const id of new Set(deliveries.map((d) => d.subscriberId))) {
    const mine = deliveries.filter((d) => d.subscriberId === id);
    lines.push(`  ${id.padEnd(18)} ${mine.length} ${mine[0]!.channel} message(s) to ${mine[0]!.to}`);
  }
  const near = relative(process.cwd(), outbox);
  lines.push(`Outbox: ${near.startsWith('..') || isAbsolute(near) ? outbox : near || '.'}/`);
  return lines.join('\n');
}

/** One line per story this cycle found in more than one copy: the same news across sources and languages. */
function storyLines(found: { entry: FeedEntry; stored?: { title: string; storyId?: string } }[]): string[] {
  const stories = new Map<string, typeof found>();
  for (const f of found) {
    const id = f.stored?.storyId;
    if (id) stories.set(id, [...(stories.get(id) ?? []), f]);
  }
  return [...stories.values()]
    .filter((copies) => copies.length > 1)
    .map((copies) => {
      const languages = [...new Set(copies.map((c) => c.entry.language))].join(', ');
      const sources = new Set(copies.map((c) => c.entry.sourceId)).size;
      return `  one story in ${copies.length} copies (${languages}; ${sources} sources): ${copies[0]!.stored!.title}`;
    });
}

const CATEGORY_NAMES: Record<string, string> = { 'kz-us': 'Kazakhstan–US', c5plus1: 'C5+1' };

/**
 * Why the classifier turned an item down, from its decision: a category holds at a score of 0.5, so a
 * rejected item either had no sign of either relation or too little of it.
 */
export function rejectionReason(c: Classification): string {
  const best = (Object.entries(c.scores) as [string, number][]).sort((a, b) => b[1] - a[1])[0];
  const category = c.evidence.find((e) => e.label === 'kz-us' || e.label === 'c5plus1');
  if (!best || best[1] === 0 || !category) {
    return 'nothing about Kazakhstan–US relations or C5+1 (both scores 0)';
  }
  const quote = category.text.length > 70 ? `${category.text.slice(0, 69)}…` : category.text;
  return `too little: ${CATEGORY_NAMES[best[0]] ?? best[0]} scored ${best[1]} (0.5 needed), only from “${quote}”`;
}
