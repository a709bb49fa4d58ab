// Test files share their worker's modules (vitest.config.ts, isolate: false),
// except those listed in ISOLATED. A file that replaces a module, spies on one,
// stubs the environment or a global, resets the module registry or changes the
// working folder would leak that into the files run after it: each such file
// must be in ISOLATED.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ISOLATED } from '../vitest.config.js';
import { ROOT } from './helpers.js';

const LEAKS =
  /\bvi\.(?:mock|doMock|unmock|spyOn|stubEnv|stubGlobal|resetModules|useFakeTimers)\b|process\.chdir\(|process\.env\.\w+\s*=[^=]/;

it('every test file that changes module or process state runs isolated; every isolated file exists', () => {
  const files = readdirSync(join(ROOT, 'test')).filter((f) => f.endsWith('.test.ts'));
  const leaking = files.filter(
    (f) => f !== 'isolation.test.ts' && LEAKS.test(readFileSync(join(ROOT, 'test', f), 'utf8')),
  );
  expect(leaking.length).toBeGreaterThan(0);
  expect(leaking.map((f) => `test/${f}`).sort()).toEqual([...ISOLATED].sort());
  for (const f of ISOLATED) expect(existsSync(join(ROOT, f)), f).toBe(true);
});
