// Every temporary folder the suite makes (test/helpers.ts's tempDir, the CLI
// runs it spawns, LibreOffice's conversions) goes under one folder made for
// this run, set as TMPDIR before the test workers start, and removed when the
// run ends: a full run once left some 380 folders (80 MB) in the system's
// temporary folder.
//
// The compiled command line (dist/brief.mjs) is built from src/ once here,
// before any test: the tests that spawn a process run it (test/helpers.ts's
// BUILT_CLI, test/support/*.mjs), as users do, instead of loading the
// TypeScript through tsx at each of their many runs, and never run a stale build.
// One Open XML validator serves every test file (test/support/ooxml-server.ts),
// and one PDFBox Preflight process (test/support/preflight-server.ts). The
// run's shared builds (test/support/build-cache.ts) are kept in builds/ under
// the run's folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startValidator } from './support/ooxml-server.js';
import { startPreflight } from './support/preflight-server.js';
import { startTrace } from './support/trace-setup.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), 'brief-suite-'));
  process.env.TMPDIR = root;
  if (process.env.BRIEF_TEST_TRACE) startTrace(root, process.env.BRIEF_TEST_TRACE);
  const build = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'scripts', 'build.mjs')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`test setup: building dist/brief.mjs failed:\n${build.stderr}`);
  const validator = await startValidator();
  project.provide('ooxmlValidator', validator.url);
  mkdirSync(join(root, 'builds'));
  project.provide('buildCache', join(root, 'builds'));
  const preflight = await startPreflight();
  project.provide('preflightServer', preflight.url);
  return async () => {
    await validator.close();
    await preflight.close();
    rmSync(root, { recursive: true, force: true });
  };
}
