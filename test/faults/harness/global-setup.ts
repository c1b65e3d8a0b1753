import { rmSync } from 'node:fs';
import { ROWS_FILE, readRows, writeResults } from './outcome-table';

let started = 0;

export function setup(): void {
  started = Date.now();
  rmSync(ROWS_FILE, { force: true });
}

export function teardown(): void {
  const rows = readRows();
  const table = writeResults(rows, (Date.now() - started) / 1000);
  process.stdout.write(`\nFault suite outcome (also in test/faults/results.md):\n${table}\n`);
  rmSync(ROWS_FILE, { force: true });
}
