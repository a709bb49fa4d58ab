import { defineConfig } from 'vitest/config';

// The test files Stryker runs against each mutant (npm run test:mutation).
// Only tests that call src/ in this process can see a mutant; those that
// render PDFs through external tools or spawn dist/ are left out, since they
// cannot kill a mutant in src/ and would make each run minutes longer.
// test/changes.test.ts is left out too: it builds its views in beforeAll,
// which Stryker counts as static coverage, so nearly every view mutant would
// be run against every test (a first try estimated some 200 hours).
//
// BRIEF_MUTATION_TESTS (a comma-separated list of test files) runs a focused
// set instead, for measuring one file of src/ in minutes:
//   BRIEF_MUTATION_TESTS=test/names.test.ts npx stryker run --mutate src/view/names.ts
const focused = process.env.BRIEF_MUTATION_TESTS?.split(',')
  .map((f) => f.trim())
  .filter(Boolean);

export default defineConfig({
  test: {
    include: focused?.length
      ? focused
      : [
          'test/render.test.ts',
          'test/data.test.ts',
          'test/view.test.ts',
          'test/quotes.test.ts',
          // In-process tests written for the mutation score (README, "Mutation score").
          'test/names.test.ts',
          'test/records.test.ts',
          'test/delegations.test.ts',
          'test/view-build.test.ts',
          'test/changes-view.test.ts',
          'test/audience.test.ts',
          'test/vocabulary.test.ts',
          'test/dates-data.test.ts',
          'test/view-shape.test.ts',
          'test/data-checks.test.ts',
          'test/speakers.test.ts',
          'test/conditions.test.ts',
          'test/references-check.test.ts',
          'test/dataset-check.test.ts',
        ],
    testTimeout: 60_000,
  },
});
