// Writes that survive a kill at any instant. A run is killed (SIGKILL) just
// before each file system change it makes (test/support/kill-at-op.mjs), so
// inside the swap's steps too, not only between them; at that moment the
// folder must hold the complete old set or the complete new set (absent only
// between the two renames), and the next --check or build must leave exactly
// one complete set and nothing hidden. Failures that are not kills (a full
// disk) undo themselves; two runs of different content at once end with the
// whole set of one of them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lockPath } from '../src/run/swap.js';
import { FIXTURE, fixtureWith, ROOT, runCli, tempDir } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';
const failing = { name: '' };

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    open: async (path: string, ...rest: unknown[]) => {
      if (
        failing.name &&
        typeof path === 'string' &&
        path.endsWith(`/${failing.name}`) &&
        path.includes('.brief-new-')
      ) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: 'ENOSPC' });
      }
      return (fs.open as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    },
  };
});

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
/** Every hidden entry Brief might leave: in --out and inside the dataset folder. */
const leftovers = (out: string) => [
  ...readdirSync(out).filter((f) => f.startsWith('.')),
  ...(existsSync(join(out, FX))
    ? readdirSync(join(out, FX))
        .filter((f) => f.startsWith('.'))
        .map((f) => `${FX}/${f}`)
    : []),
];

function killedAt(step: string, args: string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/support/kill-at.mjs'), step, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

/** Kills a run just before its nth file system change (test/support/kill-at-op.mjs); n = 0 runs it whole and reports how many it made. */
function killedAtChange(n: number, args: string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/support/kill-at-op.mjs'), String(n), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

/** What an uninterrupted run with this data writes over the old set (memo and FAQ replaced; matrix and the user's file kept). */
async function newSet(data: string): Promise<Hashes> {
  const ref = tempDir();
  expect((await runCli(['--data', FIXTURE, '--out', ref, '--format', 'md'])).code).toBe(0);
  writeFileSync(join(ref, FX, 'my-notes.txt'), 'kept across rebuilds');
  expect((await runCli(['--data', data, '--out', ref, '--format', 'md', '--only', 'memo,faq'])).code).toBe(0);
  return hashes(join(ref, FX));
}

let freshSet: Hashes | undefined;

/** An output folder with the old set (three Markdown files and a file of the user's), and the data for a new set. */
async function scene() {
  const out = tempDir();
  expect((await runCli(['--data', FIXTURE, '--out', out, '--format', 'md'])).code).toBe(0);
  writeFileSync(join(out, FX, 'my-notes.txt'), 'kept across rebuilds');
  const old = hashes(join(out, FX));
  const dataDir = tempDir();
  const data = join(dataDir, `${FX}.yaml`);
  writeFileSync(data, fixtureWith('Funding was left open.', 'Funding was left open again.'));
  const fresh = (freshSet ??= await newSet(data));
  expect(fresh).not.toEqual(old);
  expect(fresh['matrix.md']).toBe(old['matrix.md']);
  return { out, old, fresh, args: ['--data', data, '--out', out, '--format', 'md', '--only', 'memo,faq'] };
}

describe('a kill at any step of the swap, and before any file system change', () => {
  it('killed just before each file system change of a run, inside the steps too: old or new set, never a mix; the next --check leaves one complete set', async () => {
    const probe = await scene();
    const whole = await killedAtChange(0, probe.args);
    const changes = Number(/changes: (\d+)/.exec(whole.stderr)?.[1]);
    // Lock, new folder, two files, the carried files, syncs, two renames, clean-up, unlock: the count is the run's own.
    expect(changes, whole.stderr).toBeGreaterThanOrEqual(10);
    for (let n = 1; n <= changes; n++) {
      const { out, old, fresh, args } = await scene();
      const r = await killedAtChange(n, args);
      expect(r.signal, `change ${n}: ${r.stderr}`).toBe('SIGKILL');
      const folder = join(out, FX);
      // At that instant: the old set, the new set, or (between the two renames) no folder.
      const then = existsSync(folder) ? hashes(folder) : null;
      if (then) expect([old, fresh], `change ${n}`).toContainEqual(then);
      const hidden = leftovers(out).length;
      // The next --check finishes or undoes it and says so.
      const check = await runCli(['--check', '--data', FIXTURE, '--out', out]);
      expect(check.code, check.stderr).toBe(0);
      if (!then)
        expect(check.stderr).toMatch(
          new RegExp(`${FX}: put back the previous outputs, which an interrupted run had moved aside`),
        );
      if (hidden)
        expect(check.stderr, `change ${n}`).toMatch(/removed \d+ temporary items? left by an interrupted run/);
      // After it: one complete set, never going back once the new one was in place; nothing hidden left.
      expect(hashes(folder), `change ${n}`).toEqual(then ?? old);
      expect(leftovers(out), `change ${n}`).toEqual([]);
      // And the next build completes as usual.
      const again = await runCli(args);
      expect(again.code, again.stderr).toBe(0);
      expect(hashes(folder), `change ${n}`).toEqual(fresh);
    }
  }, 600_000);

  it('a build (not only --check) recovers too', async () => {
    const { out, fresh, args } = await scene();
    expect((await killedAt('retired', args)).signal).toBe('SIGKILL');
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(hashes(join(out, FX))).toEqual(fresh);
    expect(leftovers(out)).toEqual([]);
  });

  it('version 0.1 leftovers (hidden .old and .tmp files) are put back or removed', async () => {
    const { out, old } = await scene();
    const folder = join(out, FX);
    // As 0.1 left it when killed between moving memo.md aside and moving the new one in.
    const { renameSync } = await import('node:fs');
    renameSync(join(folder, 'memo.md'), join(folder, '.memo.md.4242-lq3x1.old'));
    writeFileSync(join(folder, '.memo.md.4242-lq3x1.tmp'), 'half');
    writeFileSync(join(folder, '.faq.md.4242-lq3x1.old'), 'older faq');
    const r = await runCli(['--check', '--data', FIXTURE, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(hashes(folder)).toEqual(old);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('failures that are not kills undo themselves', () => {
  it('a full disk while writing the new set leaves the old set and nothing hidden', async () => {
    const { out, old, args } = await scene();
    failing.name = 'faq.md';
    const r = await runCli(args);
    failing.name = '';
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${FX}: cannot write the output: the disk is full`));
    expect(hashes(join(out, FX))).toEqual(old);
    expect(leftovers(out)).toEqual([]);
  });

  it('two runs at once on one dataset, with different content: both succeed, one after the other, one complete set of one of them', async () => {
    const { out, fresh, args } = await scene();
    // The second run writes other words, so that a mix of the two runs would show.
    const other = join(tempDir(), `${FX}.yaml`);
    writeFileSync(other, fixtureWith('Funding was left open.', 'Funding was left open once more.'));
    const otherSet = await newSet(other);
    expect(otherSet['faq.md']).not.toBe(fresh['faq.md']);
    const otherArgs = args.map((a) => (a === args[1] ? other : a));
    const [a, b] = await Promise.all([runCli(args), runCli(otherArgs)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect([fresh, otherSet]).toContainEqual(hashes(join(out, FX)));
    expect(leftovers(out)).toEqual([]);
  });

  it('a lock left by a dead process is taken over; a live one is waited for', async () => {
    const { out, fresh, args } = await scene();
    writeFileSync(lockPath(out, FX), `2147483646\n${FX}\n`); // no such process
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(hashes(join(out, FX))).toEqual(fresh);
    expect(leftovers(out)).toEqual([]);
    // A live holder (this process): the run waits until the lock goes, then writes.
    writeFileSync(lockPath(out, FX), `${process.pid}\n${FX}\n`);
    let released = false;
    setTimeout(() => {
      released = true;
      rmSync(lockPath(out, FX));
    }, 300);
    const waited = await runCli([...args.slice(0, -1), 'memo']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(released).toBe(true);
    expect(leftovers(out)).toEqual([]);
  });

  it('a symbolic link as the output folder is refused; the link and its target are untouched', async () => {
    const { symlinkSync, lstatSync } = await import('node:fs');
    const out = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'precious.txt'), 'x');
    symlinkSync(elsewhere, join(out, FX));
    const r = await runCli(['--data', FIXTURE, '--out', out, '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `${FX}: the output folder is a symbolic link; Brief replaces output folders whole and neither follows nor replaces a link`,
      ),
    );
    expect(lstatSync(join(out, FX)).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
    expect(leftovers(out)).toEqual([]);
  });

  it('an output folder that is a file, or a folder where a file should be, is a clear error and changes nothing', async () => {
    const out = tempDir();
    writeFileSync(join(out, FX), 'a file');
    const r = await runCli(['--data', FIXTURE, '--out', out, '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${FX}: cannot write the output: a file stands where a folder should be`));
    expect(statSync(join(out, FX)).isFile()).toBe(true);
    const out2 = tempDir();
    mkdirSync(join(out2, FX, 'memo.md'), { recursive: true });
    const r2 = await runCli(['--data', FIXTURE, '--out', out2, '--format', 'md']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/memo\.md: cannot write the output: a folder stands where the file should be/);
    expect(leftovers(out2)).toEqual([]);
  });
});
