// Files that are not regular files. Every file Brief reads is checked before
// it is read (labels and recipients too): a named pipe there is refused at
// once instead of hanging the run. A named pipe given with --data, like
// standard input, is read exactly once into memory: a writer already waiting
// delivers everything and the run ends (it used to lose the data and wait for
// ever, reading the pipe a second time).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixtureWith, ROOT, tempDir } from './helpers.js';

const BRIEF = join(ROOT, 'scripts/brief.mjs');

/** Runs a shell line with BRIEF and FIXTURE set, in `cwd`; a hang ends at the timeout (and fails the test). */
function sh(line: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync('sh', ['-c', line], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, BRIEF, NODE: process.execPath, FIXTURE, ...env },
  });
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe('a named pipe given with --data is read once', () => {
  it('with a writer already waiting, five times in a row: every run builds from all the data, and the writer finishes', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'pipe.yaml'));
    for (let i = 0; i < 5; i++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      // The writer starts first and blocks until Brief opens the pipe; `wait` shows it delivered everything and ended.
      const r = sh(
        'cat "$FIXTURE" > pipe.yaml & writer=$!; "$NODE" "$BRIEF" --data pipe.yaml --out out --format md --quiet; code=$?; wait $writer; echo "writer $?"; exit $code',
        dir,
      );
      expect(r.status, `run ${i + 1}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toBe('writer 0\n');
      expect(readdirSync(join(dir, 'out', 'pipe')).sort()).toEqual([
        'faq.md',
        'matrix-figure-1.svg',
        'matrix-figure-2.svg',
        'matrix.md',
        'memo-figure-1.svg',
        'memo-figure-2.svg',
        'memo.md',
      ]);
      expect(readFileSync(join(dir, 'out', 'pipe', 'memo.md'), 'utf8')).toContain(
        'Baltic Sea cable protection roundtable',
      );
    }
  });

  it('with the writer coming later, the run waits for it', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'pipe.yaml'));
    const r = sh(
      '(sleep 1; cat "$FIXTURE" > pipe.yaml) & "$NODE" "$BRIEF" --data pipe.yaml --out out --format md --only memo --quiet',
      dir,
    );
    expect(r.status, r.stderr).toBe(0);
    // The memo and its figures (the fixture has two questions).
    expect(readdirSync(join(dir, 'out', 'pipe')).sort()).toEqual(['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md']);
  });

  it('a mistake in piped data is at its line and column (the careful parse reads the same bytes), exit 1, nothing written', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'pipe.yaml'));
    const text = fixtureWith('to: Test reader', 'to: [Test reader');
    writeFileSync(join(dir, 'bad.txt'), text);
    const r = sh('cat bad.txt > pipe.yaml & "$NODE" "$BRIEF" --data pipe.yaml --out out --format md', dir);
    expect(r.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['bad.txt', 'pipe.yaml']);
    // The same messages, at the same places, as from the file itself.
    writeFileSync(join(dir, 'file.yaml'), text);
    const direct = sh('"$NODE" "$BRIEF" --data file.yaml --out out --format md', dir);
    expect(direct.status).toBe(1);
    expect(r.stderr).toMatch(/^pipe\.yaml:\d+:\d+: /m);
    expect(r.stderr).toBe(direct.stderr.replaceAll('file.yaml', 'pipe.yaml'));
  });
});

describe('a named pipe anywhere else is refused, never opened for reading', () => {
  it('as a labels file: an error at the file, exit 1, nothing written', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    rmSync(join(dir, 'templates', 'labels', 'en.yaml'));
    mkfifo(join(dir, 'templates', 'labels', 'en.yaml'));
    const r = sh('"$NODE" "$BRIEF" --data "$FIXTURE" --templates templates --out out', dir);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /^templates\/labels\/en\.yaml: cannot read the labels file: it is a named pipe \(FIFO\), not a regular file$/m,
    );
    expect(readdirSync(dir)).toEqual(['templates']);
  });

  it('as a recipients file', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'recipients.yaml'));
    const r = sh('"$NODE" "$BRIEF" --data "$FIXTURE" --recipients recipients.yaml --out out', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^recipients\.yaml: cannot read the recipients file: it is a named pipe \(FIFO\), not a regular file$/m,
    );
    expect(readdirSync(dir)).toEqual(['recipients.yaml']);
  });
});
