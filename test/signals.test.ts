// A run told to stop (Ctrl-C's SIGINT, SIGTERM, SIGHUP) at any point leaves
// no lock and no hidden work folder, and each dataset's folder holds its
// complete previous or complete new set; it exits with 128 + the signal's
// number. A kill that cannot be caught (SIGKILL) is safe-write.test.ts's:
// the next run takes the dead run's lock over and finishes or undoes its work.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, fixtureWith, ROOT, runCli, tempDir } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';
type Hashes = Record<string, string>;
const hashes = (dir: string): Hashes =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
const hidden = (out: string) => readdirSync(out).filter((f) => f.startsWith('.'));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

function ended(child: ReturnType<typeof spawn>, onStdout?: (all: string) => void): Promise<Ended> {
  return new Promise((resolve) => {
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d;
      onStdout?.(stdout);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
}

/** The CLI with its signal handlers, sent `signal` by itself right after a step of the folder swap. */
function signalledAt(signal: string, step: string, args: string[]): Promise<Ended> {
  return ended(
    spawn(process.execPath, [join(ROOT, 'test/support/signal-at.mjs'), signal, step, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

let old: Hashes;
let fresh: Hashes;
let data: string;
beforeAll(async () => {
  // The old set (memo and FAQ from the fixture) and the new set (from an edited copy), once for the file.
  const ref = tempDir();
  expect((await runCli(['--data', FIXTURE, '--out', ref, '--format', 'md', '--only', 'memo,faq'])).code).toBe(0);
  old = hashes(join(ref, FX));
  data = join(tempDir(), `${FX}.yaml`);
  writeFileSync(data, fixtureWith('Funding was left open.', 'Funding was left open again.'));
  const ref2 = tempDir();
  expect((await runCli(['--data', data, '--out', ref2, '--format', 'md', '--only', 'memo,faq'])).code).toBe(0);
  fresh = hashes(join(ref2, FX));
  expect(fresh).not.toEqual(old);
}, 60_000);

const scene = () => tempDir();

describe('stopped by a signal at any step of the swap', () => {
  const STEPS = [
    'locked',
    'recovered',
    'written:memo.md',
    'written:faq.md',
    'carried',
    'synced',
    'retired',
    'installed',
    'cleaned',
    'unlocked',
  ];

  it.each(STEPS)('SIGINT after %s: exit 130, the old or the new set, no lock or hidden folder left', async (step) => {
    const out = scene();
    expect((await runCli(['--data', FIXTURE, '--out', out, '--format', 'md', '--only', 'memo,faq'])).code).toBe(0);
    const r = await signalledAt('SIGINT', step, ['--data', data, '--out', out, '--format', 'md', '--only', 'memo,faq']);
    if (step === 'unlocked' && r.code === 0) {
      // The run had finished: a signal arriving as the process ends may find nothing left to stop.
      expect(hashes(join(out, FX))).toEqual(fresh);
    } else {
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).toContain('brief: stopped by SIGINT; nothing half-written is left in the output folder');
    }
    expect(hidden(out)).toEqual([]);
    expect([old, fresh]).toContainEqual(hashes(join(out, FX)));
    // The next run has nothing to recover and builds as usual.
    const next = await runCli(['--data', data, '--out', out, '--format', 'md', '--only', 'memo,faq']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toBe('');
    expect(hashes(join(out, FX))).toEqual(fresh);
  });

  it.each([
    ['SIGTERM', 143, 'written:memo.md'],
    ['SIGHUP', 129, 'retired'],
  ] as const)('%s: exit %i, nothing left', async (signal, code, step) => {
    const out = scene();
    expect((await runCli(['--data', FIXTURE, '--out', out, '--format', 'md', '--only', 'memo,faq'])).code).toBe(0);
    const r = await signalledAt(signal, step, ['--data', data, '--out', out, '--format', 'md', '--only', 'memo,faq']);
    expect(r.code, r.stderr).toBe(code);
    expect(hidden(out)).toEqual([]);
    // The swap stops at its next step: after "retired" that may be the rename that installs the new set.
    expect([old, fresh]).toContainEqual(hashes(join(out, FX)));
  });
});

describe('a late Ctrl-C on the command line as users run it', () => {
  it('SIGINT once the first of two datasets is written: exit 130, the first complete, the second absent or complete, nothing hidden', async () => {
    const dir = tempDir();
    cpSync(FIXTURE, join(dir, 'a.yaml'));
    cpSync(FIXTURE, join(dir, 'b.yaml'));
    const out = tempDir();
    const child = spawn(process.execPath, [join(ROOT, 'scripts/brief.mjs'), '--data', dir, '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let sent = false;
    const r = await ended(child, (all) => {
      // The second dataset is being rendered or written when its first file line is not yet printed.
      if (!sent && /a[/\\]matrix\.md/.test(all)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent, r.stderr).toBe(true);
    expect(r.code, r.stdout + r.stderr).toBe(130);
    expect(hidden(out)).toEqual([]);
    expect(readdirSync(join(out, 'a')).sort()).toEqual([
      'faq.docx',
      'faq.md',
      'faq.pdf',
      'matrix-figure-1.svg',
      'matrix-figure-2.svg',
      'matrix.docx',
      'matrix.md',
      'matrix.pdf',
      'memo-figure-1.svg',
      'memo-figure-2.svg',
      'memo.docx',
      'memo.md',
      'memo.pdf',
    ]);
    if (existsSync(join(out, 'b')))
      expect(readdirSync(join(out, 'b')).sort()).toEqual(readdirSync(join(out, 'a')).sort());
  }, 60_000);
});
