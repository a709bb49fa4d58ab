import { defineConfig } from 'vitest/config';

// BRIEF_TEST_REPORT (set by .ci/run) adds a JSON report for CI's closing line.
const report = process.env.BRIEF_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    reporters: report ? ['default', 'json'] : ['default'],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
