import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    fileParallelism: false,
    globalSetup: ['test/faults/harness/global-setup.ts'],
    // Prints the outcome table (one row per scenario), writes test/faults/results.md, then the pass/fail line.
    reporters: ['default', './test/faults/harness/outcome-reporter.ts'],
  },
});
