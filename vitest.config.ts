import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// BRIEF_TEST_REPORT (set by .ci/run) adds a JSON report for CI's closing line.
const report = process.env.BRIEF_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // BRIEF_TEST_TRACE (test/support/trace.mjs) also names each worker's test file for the processes it starts.
    setupFiles: process.env.BRIEF_TEST_TRACE ? ['test/support/trace-file.ts'] : [],
    // Most tests wait on processes they spawn (the CLI, LibreOffice, Java): on a 2-core machine vitest's
    // default of one worker left a core idle. BRIEF_TEST_WORKERS overrides, to measure.
    maxWorkers: Number(process.env.BRIEF_TEST_WORKERS) || Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    // A file's beforeAll builds its datasets once for all its tests: on a loaded 2-core machine that can pass vitest's 10 s.
    hookTimeout: 120_000,
    reporters: report ? ['default', 'json'] : ['default'],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
