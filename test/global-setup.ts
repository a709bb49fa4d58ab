// Every temporary folder the suite makes (test/helpers.ts's tempDir, the CLI
// runs it spawns, LibreOffice's conversions) goes under one folder made for
// this run, set as TMPDIR before the test workers start, and removed when the
// run ends: a full run once left some 380 folders (80 MB) in the system's
// temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'brief-suite-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
