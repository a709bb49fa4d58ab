// A write that fails half-way through replacing a dataset's outputs: the
// previous files come back and no temporary file is left. The failure is
// injected by making one rename fail, as a full disk or a lost mount would.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURE, runCli, tempDir } from './helpers.js';

const failing = { name: '' };

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      if (failing.name && from.includes('.tmp') && to.endsWith(failing.name)) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${from}'`), { code: 'ENOSPC' });
      }
      return fs.rename(from, to);
    },
  };
});

const hashes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

describe('all or nothing per dataset', () => {
  it('puts the previous outputs back when a rename fails after others succeeded', async () => {
    const out = tempDir();
    expect((await runCli(['--data', FIXTURE, '--out', out, '--format', 'md,docx'])).code).toBe(0);
    const folder = join(out, 'fictional-roundtable-2024-11-05');
    const before = hashes(folder);
    // Change what would be written, so that a half-done replace would show.
    const changed = readFileSync(FIXTURE, 'utf8').replace('Funding was left open.', 'Funding was left open again.');
    const data = join(tempDir(), 'fictional-roundtable-2024-11-05.yaml');
    (await import('node:fs')).writeFileSync(data, changed);
    failing.name = 'matrix.md'; // the last of the files renamed into place
    const r = await runCli(['--data', data, '--out', out, '--format', 'md,docx']);
    failing.name = '';
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fictional-roundtable-2024-11-05: cannot write the output: the disk is full/);
    expect(hashes(folder)).toEqual(before);
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
