/**
 * The suite's outcome table. Each scenario appends one row (JSON lines, because vitest runs every test
 * file in its own process); the reporter prints the table at the end and writes test/faults/results.md.
 *
 * Three outcome columns, each meaning one thing:
 *  - lost: an item the monitor should have kept (stored, and alerted when relevant) and did not, with no
 *    refusal on record;
 *  - refused: an item the monitor deliberately did not keep, with the logged reason (a relevant article
 *    refused for broken bytes is refused, not "fine");
 *  - duplicated: deliveries of an alert beyond its first (at-least-once delivery makes these possible).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutcomeRow {
  scenario: string;
  /** local: the local cycle (one process); lambda: the deployed handlers fed SQS/scheduled events. */
  path?: 'local' | 'lambda';
  itemsIn: number;
  stored: number;
  relevant: number;
  alertsSent: number;
  lost: number;
  refused: number;
  /** Why, when refused > 0 (the logged reason, shortened). */
  refusedReason?: string;
  duplicated: number;
  errorsReported: number;
  seconds: number;
  note?: string;
}

export const ROWS_FILE = join(__dirname, '..', '.results.jsonl');
export const RESULTS_MD = join(__dirname, '..', 'results.md');

export function recordRow(row: OutcomeRow): void {
  appendFileSync(ROWS_FILE, `${JSON.stringify({ path: 'local', ...row })}\n`);
}

export function readRows(): OutcomeRow[] {
  if (!existsSync(ROWS_FILE)) return [];
  return readFileSync(ROWS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutcomeRow);
}

const HEAD = [
  'path',
  'scenario',
  'items in',
  'stored',
  'relevant',
  'alerts sent',
  'lost',
  'refused (reason)',
  'duplicated',
  'errors logged',
  's',
  'note',
];

export function renderTable(rows: OutcomeRow[]): string {
  const cells = rows.map((r) => [
    r.path ?? 'local',
    r.scenario,
    String(r.itemsIn),
    String(r.stored),
    String(r.relevant),
    String(r.alertsSent),
    String(r.lost),
    r.refused > 0 ? `${r.refused} (${r.refusedReason ?? 'no reason logged'})` : '0',
    String(r.duplicated),
    String(r.errorsReported),
    r.seconds.toFixed(1),
    (r.note ?? '').replace(/\|/g, '/'),
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEAD), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** One sentence per column: what the run lost, refused and duplicated, in total and where. */
export function summarise(rows: OutcomeRow[]): string {
  const total = (k: 'lost' | 'refused' | 'duplicated') => rows.reduce((n, r) => n + r[k], 0);
  const where = (k: 'lost' | 'refused' | 'duplicated') =>
    rows
      .filter((r) => r[k] > 0)
      .map((r) => `${r.scenario} (${r[k]})`)
      .join('; ');
  const part = (k: 'lost' | 'refused' | 'duplicated', label: string) =>
    total(k) === 0 ? `${label}: 0.` : `${label}: ${total(k)} — ${where(k)}.`;
  return [
    part('lost', 'Lost'),
    part('refused', 'Refused (deliberately not kept, reason logged)'),
    part('duplicated', 'Duplicated deliveries (at-least-once)'),
  ].join('\n');
}

export function writeResults(rows: OutcomeRow[], totalSeconds: number): string {
  const table = renderTable(rows);
  const md = `# Fault suite results

Written by \`npm run test:faults\` (${new Date().toISOString()}), ${totalSeconds.toFixed(0)} s in all on this machine. Columns: [README.md](README.md).

Delivery is at-least-once: every alert message carries its alert id for deduplication, and an alert is delivered twice only when its sender dies, or loses SNS's answer, between SNS accepting it and the alert's mark as sent. The duplicated column counts those repeats; the notes say which fault made them.

${table}

${summarise(rows).split('\n').join('\n\n')}
`;
  writeFileSync(RESULTS_MD, md);
  return `${table}\n\n${summarise(rows)}`;
}
