import { relative } from 'node:path';
import type { LocalCycleResult } from '../../functions/local/local-cycle';
import type { Delivery } from '../../functions/local/outbox-publisher';

/** The short summary a person reads after a cycle. */
export function formatCycleReport(
  result: LocalCycleResult,
  deliveries: Delivery[],
  outbox: string,
  titles: Map<string, { title: string; categories: string[] }>,
): string {
  const lines: string[] = [];
  const ok = result.fetch.sources.filter((s) => s.ok).length;
  lines.push(`Sources: ${ok}/${result.fetch.sources.length} fetched`);
  for (const s of result.fetch.sources) {
    const state = s.ok ? (s.notModified ? 'not modified' : `${s.listed} listed, ${s.new} new`) : `FAILED: ${s.error}`;
    lines.push(`  ${s.sourceId.padEnd(16)} ${state}`);
  }
  const listed = result.fetch.sources.reduce((n, s) => n + s.listed, 0);
  const relevant = result.items.filter((i) => i.outcome === 'relevant');
  const failed = result.items.filter((i) => i.outcome === 'failed');
  lines.push(
    `Items: ${result.fetch.queued} new, ${listed - result.fetch.queued} already seen; ${relevant.length} relevant, ${failed.length} failed`,
  );
  for (const i of relevant) {
    const t = titles.get(i.entry.itemId);
    lines.push(`  relevant [${t?.categories.join(', ') ?? '?'}] ${t?.title ?? i.entry.title ?? i.entry.url}`);
  }
  for (const i of failed) lines.push(`  failed   ${i.entry.url}: ${i.error}`);
  lines.push(`Alerts: ${result.alerts.sent} sent${result.alerts.failed ? `, ${result.alerts.failed} failed (kept pending)` : ''}`);
  for (const id of new Set(deliveries.map((d) => d.subscriberId))) {
    const mine = deliveries.filter((d) => d.subscriberId === id);
    lines.push(`  ${id.padEnd(16)} ${mine.length} ${mine[0]!.channel} message(s) to ${mine[0]!.to}`);
  }
  lines.push(`Outbox: ${relative(process.cwd(), outbox) || '.'}/`);
  return lines.join('\n');
}
