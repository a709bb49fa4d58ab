// A setup file while tracing (vitest.config.ts): names the test file a worker
// runs in its environment, so that the processes it spawns log it too.
import { basename } from 'node:path';
import { expect } from 'vitest';

process.env.BRIEF_TEST_FILE = basename(expect.getState().testPath ?? '');
