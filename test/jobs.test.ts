// --jobs: datasets built on worker threads give the same files, byte for byte,
// and print the same lines in the same (dataset) order as one at a time; and a
// document's bytes do not depend on what the process wrote before it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUNDLED, FIXTURE, ROOT, runCli, tempDir } from './helpers.js';

it('--jobs 2 writes the same bytes and prints the same lines, in dataset order, as --jobs 1', async () => {
  const data = tempDir('brief-jobs-data-');
  for (const n of ['a', 'b', 'c']) cpSync(BUNDLED, join(data, `${n}-coalition.yaml`));
  cpSync(FIXTURE, join(data, 'd-roundtable.yaml'));
  const outs = [tempDir('brief-jobs-1-'), tempDir('brief-jobs-2-')];
  const runs = [];
  for (const [i, jobs] of ['1', '2'].entries()) {
    const r = await runCli(['--data', data, '--out', outs[i]!, '--jobs', jobs]);
    expect(r.code, r.stderr).toBe(0);
    runs.push(r);
  }
  const lines = (s: string, out: string) =>
    s
      .split('\n')
      .map((l) => l.replace(out, 'OUT').replace(/\s+\d+ ms$/, ''))
      .filter((l) => !/ in \d+ ms$/.test(l));
  expect(lines(runs[1]!.stdout, outs[1]!)).toEqual(lines(runs[0]!.stdout, outs[0]!));
  expect(
    runs[1]!.stdout
      .split('\n')
      .filter((l) => l.includes(outs[1]!))
      .map((l) => /\/([a-d])-(?:coalition|roundtable)\//.exec(l)?.[1]),
  ).toEqual([...`${'a'.repeat(14)}${'b'.repeat(14)}${'c'.repeat(14)}${'d'.repeat(13)}`]); // nine documents and their figures' SVG files (five in each bundled matrix; two in the fixture's matrix and two in its memo)
  let compared = 0;
  for (const d of readdirSync(outs[0]!)) {
    for (const f of readdirSync(join(outs[0]!, d))) {
      expect(readFileSync(join(outs[1]!, d, f)).equals(readFileSync(join(outs[0]!, d, f))), `${d}/${f}`).toBe(true);
      compared++;
    }
  }
  expect(compared).toBe(55); // 36 documents and 19 figures' SVG files
  // The same dataset written first and third in one process: the same bytes (docx numbered bookmarks across documents).
  for (const f of ['memo.docx', 'faq.docx', 'matrix.docx', 'memo.pdf']) {
    expect(
      readFileSync(join(outs[0]!, 'c-coalition', f)).equals(readFileSync(join(outs[0]!, 'a-coalition', f))),
      f,
    ).toBe(true);
  }
}, 120_000);

it('--jobs takes a whole number from 1', async () => {
  for (const bad of ['0', 'two', '1.5', '1000']) {
    const r = await runCli(['--jobs', bad, '--out', tempDir()]);
    expect(r.code, bad).toBe(2);
    expect(r.stderr).toContain(`--jobs: ${JSON.stringify(bad)} is not a number of jobs (1 to 999)`);
  }
});

// A worker that fails (here: a package loaded only when a DOCX is written is missing, as after a stale
// install) ends the run with exit 70 and one message, not a run that waits forever on the other worker.
it('a worker that fails stops the whole run: exit 70, the missing package named, nothing written', () => {
  const copy = tempDir('brief-jobs-install-');
  mkdirSync(join(copy, 'dist'));
  mkdirSync(join(copy, 'node_modules'));
  for (const f of ['brief.mjs', 'worker.mjs']) cpSync(join(ROOT, 'dist', f), join(copy, 'dist', f));
  for (const e of ['templates', 'data', 'package.json']) symlinkSync(join(ROOT, e), join(copy, e));
  for (const m of readdirSync(join(ROOT, 'node_modules')))
    if (m !== 'subset-font') symlinkSync(join(ROOT, 'node_modules', m), join(copy, 'node_modules', m));
  const data = tempDir('brief-jobs-data-');
  for (const n of ['a', 'b', 'c']) cpSync(BUNDLED, join(data, `${n}.yaml`));
  const out = join(tempDir('brief-jobs-out-'), 'out');
  for (const jobs of ['2', '1']) {
    const r = spawnSync(
      process.execPath,
      [join(copy, 'dist', 'brief.mjs'), '--data', data, '--out', out, '--jobs', jobs, '-q'],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(r.signal, `--jobs ${jobs}: the run hung and was killed`).toBe(null);
    expect(r.status, r.stderr).toBe(70);
    expect(
      r.stderr.match(/brief: the package subset-font is not installed: run `npm ci` in Brief's folder/g),
      r.stderr,
    ).toHaveLength(1);
    expect(r.stderr.match(/^brief: internal error: /gm), r.stderr).toHaveLength(1);
    expect(existsSync(out), `--jobs ${jobs}`).toBe(false);
  }
}, 200_000);
