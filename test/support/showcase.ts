// The datasets of every shape that several test files read in every document
// and format (shapes.test.ts, charts.test.ts, docx.test.ts, distribution.test.ts; accessibility.test.ts
// lists the same files its own way): one build of them for the whole run,
// through the run's build cache (test/support/build-cache.ts). Its folder is
// shared: read it, never change it.
import { join } from 'node:path';
import { BUNDLED, FIXTURE, ROOT } from '../helpers.js';
import { built, datasetsFolder, type Built } from './build-cache.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');

export const SHOWCASE = [
  BUNDLED,
  FIXTURE,
  join(FIXTURES, 'scripts', 'multiscript-ministerial-2025-06-12.yaml'),
  ...['subsea-cables-ministerial-2025-09-18', 'bilateral-talks-2025-03-03', 'trilateral-tokyo-2025-03-22'].map((n) =>
    join(FIXTURES, 'shapes', `${n}.yaml`),
  ),
  // A courtesy call whose sources record no questions: no dimensions, no positions (test/no-questions.test.ts).
  join(FIXTURES, 'shapes', 'courtesy-call-lisbon-2025-05-06.yaml'),
  // From real reports: a meeting over two days, glossed quotations, Arabic and Spanish names (issue 26).
  join(FIXTURES, 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml'),
  // Invented, of the G7 meeting's shape (issue 25): seven invited guests, questions that are not commitments, quotations in four languages.
  join(FIXTURES, 'guests', 'fictional-harbour-group-marseille-2026-03-18.yaml'),
];

/** SHOWCASE built once for the run, every document in every format; `out` holds a folder per dataset. */
export function showcase(): Promise<Built> {
  return built(['--data', datasetsFolder(SHOWCASE), '--quiet']);
}
