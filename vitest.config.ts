import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// BRIEF_TEST_REPORT (set by .ci/run) adds a JSON report for CI's closing line.
const report = process.env.BRIEF_TEST_REPORT;

// The files that need a module graph of their own: they replace a module for
// the whole file (vi.mock), spy on a module's export or on process.stdin, or
// load the writers afresh (vi.resetModules) to compare with a new process.
// Every other file shares its worker's modules with the files run before it
// (isolate: false), so src/ and its packages (pdfkit, docx, fontkit, the
// fonts) are loaded once per worker instead of once per file.
// test/isolation.test.ts fails when a file that needs isolation is missing here.
export const ISOLATED = [
  'test/safe-write.test.ts',
  'test/yaml-fast.test.ts',
  'test/layout.test.ts',
  'test/memory.test.ts',
  'test/dataset-check.test.ts',
];

// What both projects share. The projects do not extend this config: each
// would then run test/global-setup.ts again (a second build, validator and
// PDFBox); the root's global setup runs once and its provide()d values reach
// every project.
const common = {
  // BRIEF_TEST_TRACE (test/support/trace.mjs) also names each worker's test file for the processes it starts.
  setupFiles: process.env.BRIEF_TEST_TRACE ? ['test/support/trace-file.ts'] : [],
  testTimeout: 60_000,
  // A file's beforeAll builds its datasets once for all its tests: on a loaded 2-core machine that can pass vitest's 10 s.
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Most tests wait on processes they spawn (the CLI, LibreOffice, Java): on a 2-core machine vitest's
    // default of one worker left a core idle. BRIEF_TEST_WORKERS overrides, to measure.
    maxWorkers: Number(process.env.BRIEF_TEST_WORKERS) || Math.max(2, availableParallelism()),
    projects: [
      { test: { ...common, name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { test: { ...common, name: 'isolated', include: ISOLATED } },
    ],
    reporters: report ? ['default', 'json'] : ['default'],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
