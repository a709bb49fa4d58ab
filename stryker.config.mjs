// Mutation testing (npm run test:mutation): how much of what src/data and
// src/view decide would a wrong change be caught by the suite. See README,
// "Mutation score".
import { resolve } from 'node:path';

// Stryker runs the tests in a copy of the project under .stryker-tmp, where
// ../shared/seeds is not beside it; the tests find the seeds through this.
process.env.BRIEF_SEEDS ??= resolve(import.meta.dirname, '..', 'shared', 'seeds');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: ['src/view/**/*.ts', 'src/data/**/*.ts'],
  // Two cores at most on the machines this runs on; one runner leaves one for the rest.
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  timeoutMS: 60000,
};
