import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE, wantsColour } from '../src/cli.js';
import { Reporter } from '../src/run/report.js';
import { BUILT_CLI, BUNDLED, FIXTURE, ROOT, runCli, startWatch, tempDir } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

describe('flags and exit codes', () => {
  it('--help documents every flag', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--data',
      '--templates',
      '--out',
      '--only',
      '--format',
      '--sources',
      '--check',
      '--list',
      '--watch',
      '--quiet',
      '--help',
      '--version',
    ])
      expect(r.stdout).toContain(flag);
  });

  it.each([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--only', 'memo,leaflet'], /--only: no document "leaflet" in templates \(it holds memo, faq, matrix, changes\)/],
    [['--format', 'pdf,odt'], /--format: unknown value "odt"/],
    [['--format', ''], /--format needs a value/],
    [['--check', '--watch'], /--check and --watch do not go together/],
    [['stray-argument'], /Unexpected argument 'stray-argument'/],
  ])('%j is a usage error: exit 2, one line that says to see --help', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^brief: .* \(see --help\)$/);
    expect(r.stderr).not.toContain(USAGE.split('\n')[0]);
    expect(r.stdout).toBe('');
  });

  it('a data error exits 1, a usage error 2, success 0', async () => {
    expect((await runCli(['--check', '--data', FIXTURE])).code).toBe(0);
    expect((await runCli(['--check', '--data', join(ROOT, 'package.json')])).code).toBe(1);
    expect((await runCli(['--check', '--data', 'nowhere.yaml'])).code).toBe(2);
  });

  it('the real process prints no stack trace for a user error', () => {
    const r = spawnSync(process.execPath, [BUILT_CLI, '--check', '--data', join(ROOT, 'package.json')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/package\.json:1:1: /);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('what it prints', () => {
  it('one line per file (path, pages for PDF, size, ms) and a closing summary', async () => {
    const out = tempDir();
    const r = await runCli(['--data', FIXTURE, '--out', out, '--format', 'pdf,md', '--only', 'memo']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`${FX}/memo\\.pdf\\s+\\d+ p\\s+\\d+\\.\\d kB\\s+\\d+ ms$`));
    expect(lines[1]).toMatch(new RegExp(`${FX}/memo\\.md\\s+\\d+(\\.\\d)? k?B\\s+\\d+ ms$`));
    // The memo's figures (the fixture has two questions), as SVG files beside the Markdown.
    expect(lines[2]).toMatch(new RegExp(`${FX}/memo-figure-1\\.svg\\s+\\d+(\\.\\d)? k?B\\s+\\d+ ms$`));
    expect(lines[3]).toMatch(new RegExp(`${FX}/memo-figure-2\\.svg\\s+\\d+(\\.\\d)? k?B\\s+\\d+ ms$`));
    expect(lines[4]).toMatch(/^4 files \(\d+\.\d kB\) for 1 dataset in \d+ ms$/);
    expect(r.stderr).toBe('');
  });

  it('--quiet prints errors only', async () => {
    const out = tempDir();
    const ok = await runCli(['--data', FIXTURE, '--out', out, '--format', 'md', '--quiet']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    const bad = await runCli(['--data', join(ROOT, 'package.json'), '--out', out, '--format', 'md', '--quiet']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/package\.json/);
  });

  it('colour only on a terminal, never with NO_COLOR', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    const lines: string[] = [];
    new Reporter({ out: (l) => lines.push(l), err: (l) => lines.push(l), colour: true }, false).problems([
      { file: 'x.yaml', line: 1, col: 2, path: 'a', code: 'ref/c', message: 'bad' },
    ]);
    new Reporter({ out: (l) => lines.push(l), err: (l) => lines.push(l), colour: false }, false).problems([
      { file: 'x.yaml', line: 1, col: 2, path: 'a', code: 'ref/c', message: 'bad' },
    ]);
    expect(lines[0]).toContain('\x1b[');
    expect(lines[1]).toBe('x.yaml:1:2: a: bad');
    // The real process, writing to pipes, prints no escape codes.
    const r = spawnSync(process.execPath, [BUILT_CLI, '--check', '--data', join(ROOT, 'package.json')], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '1' },
    });
    expect(r.stderr).not.toContain('\x1b[');
  });
});

describe('safe writes', () => {
  it('a failing run leaves the previous outputs exactly as they were', async () => {
    const out = tempDir();
    const data = tempDir();
    const file = join(data, `${FX}.yaml`);
    cpSync(FIXTURE, file);
    expect((await runCli(['--data', file, '--out', out])).code).toBe(0);
    const folder = join(out, FX);
    const before = hashes(folder);
    // The figures' SVG files beside the Markdown are outputs too (two questions: two each in the matrix and the memo).
    expect(Object.keys(before)).toEqual([
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
    // A broken reference: the whole dataset fails, nothing is replaced.
    writeFileSync(file, readFileSync(FIXTURE, 'utf8').replace('chairs: [tamm]', 'chairs: [tammm]'));
    const r = await runCli(['--data', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown person id "tammm"/);
    expect(hashes(folder)).toEqual(before);
  });

  it('a folder in the way of an output file is a clear error, and nothing is replaced', async () => {
    const out = tempDir();
    expect((await runCli(['--data', FIXTURE, '--out', out, '--format', 'md'])).code).toBe(0);
    const folder = join(out, FX);
    spawnSync('rm', [join(folder, 'matrix.md')]);
    mkdirSync(join(folder, 'matrix.md'));
    const before = hashes(join(folder));
    const r = await runCli(['--data', FIXTURE, '--out', out, '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/matrix\.md: cannot write the output: a folder stands where the file should be/);
    expect(readdirSync(folder).sort()).toEqual([
      'faq.md',
      'matrix-figure-1.svg',
      'matrix-figure-2.svg',
      'matrix.md',
      'memo-figure-1.svg',
      'memo-figure-2.svg',
      'memo.md',
    ]);
    expect(hashes(folder)).toEqual(before);
  });

  it('an output folder that cannot be written is a clear error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), 'x');
    const r = await runCli(['--data', FIXTURE, '--out', join(dir, 'a-file', 'out'), '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a-file\/out: cannot create the output folder: a file stands where a folder should be/);
  });

  it('several datasets each write to their own folder', async () => {
    const data = tempDir();
    cpSync(FIXTURE, join(data, 'first-meeting.yaml'));
    cpSync(BUNDLED, join(data, 'second-meeting.yaml'));
    const out = tempDir();
    const r = await runCli(['--data', data, '--out', out, '--format', 'md', '--only', 'memo']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['first-meeting', 'second-meeting']);
    expect(readFileSync(join(out, 'second-meeting', 'memo.md'), 'utf8')).toContain('Coalition of the Willing');
    // The fixture's memo and its two figures; the bundled memo (five questions) has none.
    expect(r.stdout).toMatch(/4 files .* for 2 datasets/);
  });
});

describe('--watch', () => {
  it('rebuilds what a change affects, survives a broken edit, and stops on SIGINT', async () => {
    const w = startWatch(FX, (d) => [
      '--watch',
      '--data',
      d.data,
      '--templates',
      d.templates,
      '--out',
      d.out,
      '--format',
      'md',
    ]);
    const { data, templates, out } = w;
    try {
      await w.waitFor(() => w.stdout.includes('watching'), 'the first build');
      // Three Markdown files and the four figures beside them.
      expect(w.stdout).toMatch(/7 files .* for 1 dataset/);
      const memo = join(out, FX, 'memo.md');
      const faqBefore = readFileSync(join(out, FX, 'faq.md'), 'utf8');

      // A template edit rebuilds that document only.
      let mark = w.stdout.length;
      const memoTemplate = join(templates, 'memo.md.hbs');
      const original = readFileSync(memoTemplate, 'utf8');
      writeFileSync(memoTemplate, original.replace('## Background', '## Background and context'));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the rebuild after a template edit');
      expect(w.stdout.slice(mark)).toMatch(/memo\.md/);
      expect(w.stdout.slice(mark)).not.toMatch(/faq\.md|matrix\.md/);
      expect(readFileSync(memo, 'utf8')).toContain('## Background and context');

      // A broken edit is reported; the watch goes on and the output stays.
      const errMark = w.stderr.length;
      mark = w.stdout.length;
      writeFileSync(memoTemplate, original.replace('{{/if}}\n\n{{#if changes}}', '\n{{#if changes}}'));
      await w.waitFor(() => /is never closed/.test(w.stderr.slice(errMark)), 'the error for a broken template');
      // The rebuild still ends with its line, saying the memo waits for its fix.
      await w.waitFor(
        () => /not built until fixed: memo\)$/m.test(w.stdout.slice(mark)),
        'the line after the broken edit',
      );
      expect(readFileSync(memo, 'utf8')).toContain('## Background and context');

      // Fixing it rebuilds.
      mark = w.stdout.length;
      writeFileSync(memoTemplate, original);
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the rebuild after the fix');
      expect(readFileSync(memo, 'utf8')).not.toContain('## Background and context');

      // A dataset edit rebuilds that dataset's documents.
      mark = w.stdout.length;
      const ds = join(data, `${FX}.yaml`);
      writeFileSync(ds, readFileSync(ds, 'utf8').replace('Funding was left open.', 'Funding was left open for now.'));
      // Three Markdown files and the four figures beside them.
      await w.waitFor(() => /rebuilt: 7 files/.test(w.stdout.slice(mark)), 'the rebuild after a dataset edit');
      expect(readFileSync(join(out, FX, 'faq.md'), 'utf8')).not.toBe(faqBefore);
      expect(readFileSync(join(out, FX, 'faq.md'), 'utf8')).toContain('Funding was left open for now.');

      // A partial edit rebuilds the documents that use it: the header block is the memo's alone.
      mark = w.stdout.length;
      const header = join(templates, 'partials', 'memo-header.md.hbs');
      writeFileSync(header, readFileSync(header, 'utf8').replace('**TO:**', '**FOR:**'));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the rebuild after a partial edit');
      expect(w.stdout.slice(mark)).toMatch(/memo\.md/);
      expect(w.stdout.slice(mark)).not.toMatch(/faq\.md|matrix\.md/);
      expect(readFileSync(memo, 'utf8')).toContain('**FOR:**');

      // A labels edit rebuilds every document: the words are everyone's.
      mark = w.stdout.length;
      writeFileSync(
        join(templates, 'labels', 'en.yaml'),
        readFileSync(join(templates, 'labels', 'en.yaml'), 'utf8').replace('undated: undated', 'undated: not dated'),
      );
      await w.waitFor(() => /rebuilt: 7 files/.test(w.stdout.slice(mark)), 'the rebuild after a labels edit');
      expect(readFileSync(join(out, FX, 'memo.md'), 'utf8')).toContain(', not dated.');

      // A new document template is picked up: its files are written, the others left as they are.
      mark = w.stdout.length;
      cpSync(join(ROOT, 'docs', 'examples', 'press.md.hbs'), join(templates, 'press.md.hbs'));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the build of a new document');
      expect(w.stdout.slice(mark)).toMatch(/press\.md/);
      expect(w.stdout.slice(mark)).not.toMatch(/memo\.md|faq\.md|matrix\.md/);
      expect(readFileSync(join(out, FX, 'press.md'), 'utf8')).toMatch(/^\*\*UNCLASSIFIED\*\*/);
      expect(readFileSync(memo, 'utf8')).toContain('**FOR:**');
    } finally {
      expect(await w.stop()).toBe(0);
    }
  }, 60_000);
});

describe('the process around a run (src/run/process.ts)', () => {
  const run = (body: string) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { runAsProcess } from ${JSON.stringify(join(ROOT, 'src', 'run', 'process.ts'))};\n${body}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );

  it("exits with the run's code", () => {
    expect(run('runAsProcess(async () => 3);').status).toBe(3);
  });

  it('a run that stops with nothing left to wait for is an internal error (70), not a silent success', () => {
    const r = run('runAsProcess(() => new Promise(() => {}));');
    expect(r.status).toBe(70);
    expect(r.stderr).toBe('brief: internal error: the run stopped before it finished (nothing left to wait for)\n');
  });

  it('an exception is an internal error with its stack', () => {
    const r = run("runAsProcess(async () => { throw new Error('boom'); });");
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^brief: internal error: Error: boom\n\s+at /);
  });
});
