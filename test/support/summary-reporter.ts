import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain "suite: N passed, N failed, N skipped" line, the closing line CI reads in
 * any language, after vitest's own report.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    const suite = process.env.KZMON_SUITE ?? 'tests';
    process.stdout.write(`\n${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
