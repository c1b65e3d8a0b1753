/**
 * The suite's outcome table. Each scenario appends one row (JSON lines, because vitest runs every test
 * file in its own process); the global teardown prints the table and writes test/faults/results.md.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutcomeRow {
  scenario: string;
  itemsIn: number;
  stored: number;
  relevant: number;
  alertsSent: number;
  lost: number;
  duplicated: number;
  errorsReported: number;
  seconds: number;
  note?: string;
}

export const ROWS_FILE = join(__dirname, '..', '.results.jsonl');
export const RESULTS_MD = join(__dirname, '..', 'results.md');

export function recordRow(row: OutcomeRow): void {
  appendFileSync(ROWS_FILE, `${JSON.stringify(row)}\n`);
}

export function readRows(): OutcomeRow[] {
  if (!existsSync(ROWS_FILE)) return [];
  return readFileSync(ROWS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutcomeRow);
}

const HEAD = ['scenario', 'items in', 'stored', 'relevant', 'alerts sent', 'lost', 'duplicated', 'errors reported', 's', 'note'];

export function renderTable(rows: OutcomeRow[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    String(r.itemsIn),
    String(r.stored),
    String(r.relevant),
    String(r.alertsSent),
    String(r.lost),
    String(r.duplicated),
    String(r.errorsReported),
    r.seconds.toFixed(1),
    r.note ?? '',
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEAD), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function writeResults(rows: OutcomeRow[], totalSeconds: number): string {
  const table = renderTable(rows);
  const bad = rows.filter((r) => r.lost > 0 || r.duplicated > 0);
  const md = `# Fault suite results\n\nWritten by \`npm run test:faults\` (${new Date().toISOString()}), ${totalSeconds.toFixed(0)} s in all on this machine.\n\n${table}\n\n${
    bad.length === 0 ? 'Every row: 0 lost, 0 duplicated.' : `Rows with losses or duplicates: ${bad.map((r) => r.scenario).join(', ')}.`
  }\n`;
  writeFileSync(RESULTS_MD, md);
  return table;
}
