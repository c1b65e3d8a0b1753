import type { TestModule } from 'vitest/node';
import SummaryReporter from '../../support/summary-reporter';
import { ROWS_FILE, readRows, writeResults } from './outcome-table';
import { rmSync } from 'node:fs';

/**
 * Prints the outcome table (one row per scenario, also written to test/faults/results.md) once every
 * scenario has run, then the plain pass/fail line, so the run ends on the line CI reads.
 */
export default class OutcomeReporter extends SummaryReporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  override onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const table = writeResults(readRows(), (Date.now() - this.started) / 1000);
    process.stdout.write(`\nFault suite outcome (also in test/faults/results.md):\n${table}\n`);
    rmSync(ROWS_FILE, { force: true });
    super.onTestRunEnd(testModules);
  }
}
