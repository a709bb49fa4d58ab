// Input a hostile or careless user could supply, each with its message, its
// position, its exit code, and that nothing in --out (or anywhere else)
// changed. The kill-safety of writes is in safe-write.test.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI, FIXTURE, fixtureText, fixtureWith, ROOT, runCli, tempDir, tree, where } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';

/** A copy of templates/ with some files changed: `{ 'memo.md.hbs': (t) => ... }`. */
function templatesWith(edits: Record<string, (text: string) => string>): string {
  const dir = join(tempDir(), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    writeFileSync(path, edit(existsSync(path) ? readFileSync(path, 'utf8') : ''));
  }
  return dir;
}

/** A build that must fail: exit code, and --out left exactly as it was. */
async function fails(args: string[], code = 1) {
  const out = tempDir();
  writeFileSync(join(out, 'untouched.txt'), 'x');
  const r = await runCli([...args, '--out', out]);
  expect(r.code, r.stderr).toBe(code);
  expect(tree(out)).toEqual(['untouched.txt']);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
  return r;
}

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', input, timeout: 30_000 });
}

describe('output folders come from validated names', () => {
  it.each([
    ['...yaml', /the dataset name "\.\." \(from the file name\) cannot name an output folder/],
    ['..yaml', /the dataset name "\." \(from the file name\) cannot name an output folder/],
    ['.hidden.yaml', /cannot name an output folder: it starts with a dot/],
    ['a\u001b[31mred.yaml', /the dataset name "a\\x1b\[31mred" .*: it contains a control or formatting character/],
    [`${'x'.repeat(101)}.yaml`, /it is 101 characters long; the limit is 100/],
    ['con.yaml', /it is a name Windows reserves for a device/],
    ['a:b.yaml', /a character that Windows does not allow/],
  ])('%j: a clear error, exit 1; the other dataset builds; nothing written outside --out', async (bad, message) => {
    const root = tempDir();
    const data = join(root, 'data');
    const out = join(root, 'out');
    mkdirSync(data);
    writeFileSync(join(data, bad), fixtureText());
    cpSync(FIXTURE, join(data, 'good.yaml'));
    const before = tree(root);
    const r = await runCli(['--data', data, '--out', out, '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/hint: rename the file/);
    expect(r.stderr).not.toContain('\u001b'); // the name is shown escaped, never sent to the terminal raw
    expect(readdirSync(out)).toEqual(['good']);
    expect(tree(root)).toEqual(
      [...before, 'out', 'out/good', ...readdirSync(join(out, 'good')).map((f) => `out/good/${f}`)].sort(),
    );
  });

  it.each([[['x.yaml', 'x.yml']], [['Meeting.yaml', 'meeting.yaml']]])(
    '%j would share one output folder: both refused, exit 1, nothing written for either',
    async (names) => {
      const data = tempDir();
      for (const n of names) writeFileSync(join(data, n), fixtureText());
      cpSync(FIXTURE, join(data, 'other.yaml'));
      const out = tempDir();
      const r = await runCli(['--data', data, '--out', out, '--format', 'md']);
      expect(r.code).toBe(1);
      for (const n of names)
        expect(r.stderr).toMatch(
          new RegExp(`${n.replace('.', '\\.')}: this dataset and .* would both write to the output folder`),
        );
      expect(r.stdout).toMatch(/2 datasets failed/);
      expect(readdirSync(out)).toEqual(['other']);
    },
  );
});

describe('prototype-safe lookups', () => {
  const withDimension = (id: string) =>
    fixtureText().replace('  - id: funding\n', `  - id: ${id}\n`).replaceAll('      funding: {', `      ${id}: {`);

  it('a dimension called "constructor" builds like any other', async () => {
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, withDimension('constructor'));
    const out = tempDir();
    const r = await runCli(['--data', data, '--out', out, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, FX, 'matrix.md'), 'utf8')).toContain('Funding');
  });

  it('a position missing the "constructor" stance is a positioned error, not a crash', async () => {
    const text = withDimension('constructor').replace(
      '      constructor: { value: not_stated }\n  - actor: latvia',
      '  - actor: latvia',
    );
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    const { line, col } = where(text, 'stances:\n      patrols: { value: not_stated }', 'stances:\n      '.length);
    expect(r.stderr).toContain(`${data}:${line}:${col}: positions[0].stances: no stance on dimension "constructor"`);
  });

  it('a stance keyed "__proto__" is an invalid key at its position', async () => {
    const text = fixtureWith(
      '      funding: { value: not_stated }\n  - actor: latvia',
      '      funding: { value: not_stated }\n      __proto__: { value: not_stated }\n  - actor: latvia',
    );
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    const { line, col } = where(text, '__proto__:');
    expect(r.stderr).toContain(`${data}:${line}:${col}: positions[0].stances.__proto__: invalid key "__proto__"`);
    expect(r.stderr).toMatch(/1 problem;/);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '{{category "%s"}} is an unknown category at the call',
    async (name) => {
      const line = `Look: {{category "${name}"}}\n`;
      const templates = templatesWith({ 'memo.md.hbs': (t) => t + line });
      const r = await fails(['--data', FIXTURE, '--templates', templates]);
      const text = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
      const at = where(text, `{{category "${name}"}}`);
      expect(r.stderr).toMatch(
        new RegExp(`memo\\.md\\.hbs:${at.line}:${at.col}: \\{\\{category\\}\\}: unknown category "${name}"`),
      );
    },
  );

  it('{{join list "constructor.constructor"}} never prints a function', async () => {
    const templates = templatesWith({
      'memo.md.hbs': (t) => t + 'Hosts: {{join meeting.hosts "constructor.constructor"}}\n',
    });
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(/memo\.md\.hbs:\d+:\d+: \{\{join\}\}: an item has no field "constructor\.constructor"/);
    expect(r.stderr).not.toContain('native code');
  });

  it('{{meeting.constructor}} is an unknown field', async () => {
    const templates = templatesWith({ 'memo.md.hbs': (t) => t + 'X {{meeting.constructor}}\n' });
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(/memo\.md\.hbs:\d+:\d+: unknown field "constructor"/);
  });

  it('a partial that includes itself is a positioned error, not a stack overflow', async () => {
    const templates = templatesWith({
      'partials/loop.md.hbs': () => 'again\n{{> loop}}\n',
      'memo.md.hbs': (t) => t + '{{> loop}}\n',
    });
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(
      /partials\/loop\.md\.hbs:2:1: partial "loop" is included more than 50 levels deep \(loop > loop > loop > loop > …\): does it include itself\?/,
    );
    expect(r.stderr).not.toMatch(/call stack/i);
  });
});

describe('nothing a user can supply crashes', () => {
  const fontTheme = (path: string) =>
    templatesWith({
      'theme.yaml': (t) => t.replace('      regular: 400Regular/NotoSerif_400Regular.ttf', `      regular: ${path}`),
    });
  const noto = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');

  it.each([
    [
      'truncated',
      (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)),
      /damaged or truncated: its \w+ table runs past the end of the file/,
    ],
    [
      'zeroed tables',
      (b: Buffer) => Buffer.concat([b.subarray(0, 12 + 16 * 20), Buffer.alloc(b.length - 12 - 16 * 20)]),
      /damaged/,
    ],
    [
      'not a font',
      () => Buffer.from('this is a text file with a .ttf name\n'),
      /not a font file \(TrueType or OpenType\)/,
    ],
  ])('a %s font file is refused at its theme position', async (_label, mangle, message) => {
    const bad = join(tempDir(), 'bad.ttf');
    writeFileSync(bad, mangle(readFileSync(noto)));
    const templates = fontTheme(bad);
    const r = await fails(['--data', FIXTURE, '--templates', templates, '--format', 'pdf']);
    const at = where(readFileSync(join(templates, 'theme.yaml'), 'utf8'), bad);
    expect(r.stderr).toContain(`theme.yaml:${at.line}:${at.col}: fonts.body[0].regular: font file "${bad}": `);
    expect(r.stderr).toMatch(message);
  });

  it('a font whose layout tables fail when text is first shaped: an error at the font file, not a crash', async () => {
    // Layout tables are parsed when text first needs shaping (not at load, which costs tens of ms a font).
    const { loadFontFile } = await import('../src/writers/text/load.js');
    const { UserError } = await import('../src/shared/diagnostics.js');
    const naskh = join(
      ROOT,
      'node_modules/@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
    );
    const file = loadFontFile(naskh);
    const target = file.font as unknown as { layout: unknown };
    const layout = target.layout;
    target.layout = () => {
      throw new Error('bad lookup');
    };
    try {
      let caught: unknown;
      try {
        file.shaped.rtl.layout('مرحبا');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as InstanceType<typeof UserError>).diagnostics[0]).toMatchObject({
        code: 'font/damaged',
        message: 'damaged: its layout tables cannot be read (bad lookup)',
      });
      expect((caught as InstanceType<typeof UserError>).diagnostics[0]!.file).toContain(
        'NotoNaskhArabic_400Regular.ttf',
      );
    } finally {
      target.layout = layout;
    }
    expect(file.shaped.rtl.layout('مرحبا').advanceWidth).toBeGreaterThan(0);
  });

  it('a font path cannot climb out of its package with ../', async () => {
    const templates = fontTheme('../../dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    const r = await fails(['--data', FIXTURE, '--templates', templates, '--format', 'pdf']);
    expect(r.stderr).toMatch(
      /theme\.yaml:\d+:\d+: fonts\.body\[0\]\.regular: the font path "\.\.\/\.\.\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf" leaves its package @expo-google-fonts\/noto-serif/,
    );
  });

  it('YAML nested 10,000 deep is a positioned error', async () => {
    // "- - - x" nests one list in another on a single line.
    const text = fixtureText() + `extra:\n  ${'- '.repeat(10_000)}x\n`;
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    expect(r.stderr).toMatch(
      new RegExp(
        `${FX}\\.yaml:\\d+:\\d+: mappings and lists nest (more than 64 levels deep here|too deeply here); Brief reads at most 64`,
      ),
    );
    expect(r.stderr).not.toMatch(/Maximum call stack/);
  });

  it('flow collections nested 10,000 deep, and 100 deep, are positioned errors', async () => {
    for (const n of [10_000, 100]) {
      const text = fixtureText() + `extra: ${'['.repeat(n)}${']'.repeat(n)}\n`;
      const data = join(tempDir(), `${FX}.yaml`);
      writeFileSync(data, text);
      const r = await fails(['--data', data]);
      expect(r.stderr).toMatch(/:\d+:\d+: mappings and lists nest .*; Brief reads at most 64/);
      expect(r.stderr).not.toMatch(/Maximum call stack/);
    }
  });

  it('2,500 nested {{#if}} blocks are a positioned error at the 101st', async () => {
    const body = '{{#if brief}}'.repeat(2500) + 'x' + '{{/if}}'.repeat(2500);
    const templates = templatesWith({ 'memo.md.hbs': (t) => t + '\n' + body + '\n' });
    const text = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    const at = where(text, body, 100 * '{{#if brief}}'.length);
    expect(r.stderr).toContain(
      `memo.md.hbs:${at.line}:${at.col}: blocks nest more than 100 deep; a template may nest at most 100 levels`,
    );
  });

  it('--data - reads standard input; its errors are at <stdin>:line:col', () => {
    const out = tempDir();
    const ok = cli(['--data', '-', '--out', out, '--format', 'md'], fixtureText());
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(join(out, 'stdin')).sort()).toEqual([
      'faq.md',
      'matrix-figure-1.svg',
      'matrix-figure-2.svg',
      'matrix.md',
      'memo-figure-1.svg',
      'memo-figure-2.svg',
      'memo.md',
    ]);
    const bad = fixtureWith('schema_version: 1', 'schema_version: 1\nbogus: [');
    const r = cli(['--data', '-', '--out', out, '--check'], bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+: /m);
  });

  it('--data /dev/stdin works too', () => {
    const out = tempDir();
    const r = cli(['--data', '/dev/stdin', '--out', out, '--format', 'md', '--only', 'memo'], fixtureText());
    expect(r.status, r.stderr).toBe(0);
    // The memo and its figures (the fixture has two questions).
    expect(readdirSync(join(out, 'stdin')).sort()).toEqual(['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md']);
  });

  it('a FIFO or device in a data folder is skipped with a warning, never opened', async () => {
    const data = tempDir();
    cpSync(FIXTURE, join(data, 'good.yaml'));
    expect(spawnSync('mkfifo', [join(data, 'pipe.yaml')]).status).toBe(0);
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/dev/zero', join(data, 'zero.yaml'));
    const out = tempDir();
    const r = await runCli(['--data', data, '--out', out, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pipe\.yaml: skipped: it is a named pipe \(FIFO\), not a regular file/);
    expect(r.stderr).toMatch(/zero\.yaml: skipped: it is a device, not a regular file/);
    expect(readdirSync(out)).toEqual(['good']);
  }, 20_000);

  it('a FIFO as a template or theme is refused, never opened for reading', async () => {
    const templates = templatesWith({});
    const { rmSync } = await import('node:fs');
    rmSync(join(templates, 'partials', 'claims.md.hbs'));
    expect(spawnSync('mkfifo', [join(templates, 'partials', 'claims.md.hbs')]).status).toBe(0);
    rmSync(join(templates, 'theme.yaml'));
    expect(spawnSync('mkfifo', [join(templates, 'theme.yaml')]).status).toBe(0);
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(
      /claims\.md\.hbs: cannot read the partial: it is a named pipe \(FIFO\), not a regular file/,
    );
    expect(r.stderr).toMatch(
      /theme\.yaml: cannot read the theme file: it is a named pipe \(FIFO\), not a regular file/,
    );
  }, 20_000);
});

describe('limits, with clear messages', () => {
  it('a dataset file over 32 MB is refused before it is parsed', async () => {
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, fixtureText() + `# ${'x'.repeat(33 * 1024 * 1024)}\n`);
    const r = await fails(['--data', data]);
    expect(r.stderr).toMatch(/the dataset is too large \(over 33 MB\); Brief reads at most 32 MB/);
  });

  it('a 5 MB value is refused at its position, quoted short, with no did-you-mean', async () => {
    const huge = 'y'.repeat(5 * 1024 * 1024);
    const text = fixtureWith('kind: fact, topic: planning', `kind: ${huge}, topic: planning`);
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const started = Date.now();
    const r = await fails(['--data', data]);
    expect(Date.now() - started).toBeLessThan(10_000);
    const at = where(text, huge);
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: this value is 5,242,880 characters long; one value may hold at most 20,000`,
    );
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('an over-long enum value just under the limit is quoted in at most about 80 characters', async () => {
    const long = 'z'.repeat(19_000);
    const text = fixtureWith('kind: fact, topic: planning', `kind: ${long}, topic: planning`);
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    expect(r.stderr).toMatch(
      new RegExp(`claims\\[1\\]\\.kind: "z{80}"… \\(19,000 characters\\) is not one of the allowed values`),
    );
    expect(r.stderr).not.toMatch(/did you mean/);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('a template over 1 MB is refused', async () => {
    const templates = templatesWith({ 'memo.md.hbs': (t) => t + 'x'.repeat(1024 * 1024) });
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(/memo\.md\.hbs: the template is too large \(over 1 MB\); Brief reads at most 1 MB/);
  });
});

describe('paths', () => {
  it('a missing --templates or --sources folder is a usage error, exit 2', async () => {
    const t = await runCli(['--data', FIXTURE, '--templates', join(tempDir(), 'nope')]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--templates: no such folder: .*nope/);
    const s = await runCli(['--check', '--data', FIXTURE, '--sources', join(tempDir(), 'nope')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--sources: no such folder: .*nope/);
  });

  it('a source file name cannot climb out of --sources', async () => {
    const text = fixtureWith('file: fx-a.txt', 'file: ../../../../etc/passwd');
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--check', '--data', data, '--sources', join(ROOT, 'test/fixtures/sources')]);
    const at = where(text, '../../../../etc/passwd');
    // The schema allows a plain file name only; the reader checks again that the path stays inside the folder.
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: sources[0].file: "../../../../etc/passwd" has the wrong form`,
    );
  });

  it('a source file named ".." is outside --sources, at its position', async () => {
    const text = fixtureWith('file: fx-a.txt', 'file: ".."');
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--check', '--data', data, '--sources', join(ROOT, 'test/fixtures/sources')]);
    const at = where(text, '".."');
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: sources[0].file: source text ".." is outside the --sources folder`,
    );
  });

  it('file names reach the terminal with control characters escaped', async () => {
    const dir = join(tempDir(), 'evil\u001b]0;pwned\u0007dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.yaml'), 'schema_version: [');
    const r = await runCli(['--check', '--data', join(dir, 'x.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('evil\\x1b]0;pwned\\x07dir');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('messages that say what is true', () => {
  it('.inf in a number field is described as infinity, not null', async () => {
    const text = fixtureWith('participants: { value: 9,', 'participants: { value: .inf,');
    expect(text).toContain('.inf');
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    expect(r.stderr).toMatch(/found the number \.inf \(infinity\)/);
    expect(r.stderr).not.toMatch(/null/);
  });

  it('a whole number beyond 2^53 is refused at its position, never rounded', async () => {
    const text = fixtureWith('participants: { value: 9,', 'participants: { value: 123456789012345678901234567890,');
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = await fails(['--data', data]);
    const at = where(text, '123456789012345678901234567890');
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: the whole number "123456789012345678901234567890" is too large to keep exactly`,
    );
  });

  it('a helper error points at the failing call, not the first use of the helper', async () => {
    const templates = templatesWith({
      'memo.md.hbs': (t) => t + '\nFine: {{date "2025-04-10"}}\n\nBroken: {{date "yesterday"}}\n',
    });
    const text = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    const at = where(text, '{{date "yesterday"}}');
    expect(r.stderr).toContain(
      `memo.md.hbs:${at.line}:${at.col}: {{date}} needs a YYYY-MM-DD or YYYY-MM date, got "yesterday"`,
    );
  });

  it('a helper error inside a partial points into the partial', async () => {
    const templates = templatesWith({ 'partials/claims.md.hbs': (t) => `{{capital nothing_here}}\n${t}` });
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    expect(r.stderr).toMatch(/partials\/claims\.md\.hbs:1:\d+: /);
  });

  it('a dynamic partial name that is not a partial is named, at its position', async () => {
    const templates = templatesWith({ 'memo.md.hbs': (t) => t + '\n{{> (lookup . "meeting")}}\n' });
    const text = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    const r = await fails(['--data', FIXTURE, '--templates', templates]);
    const at = where(text, '{{> (lookup');
    expect(r.stderr).toContain(
      `memo.md.hbs:${at.line}:${at.col}: the partial name computed here is not a partial name but a mapping`,
    );
    expect(r.stderr).not.toContain('[object Object]');
  });
});

describe('template mistakes Handlebars would crash on are positioned errors', () => {
  it.each([
    ['{{lookup}}', /\{\{lookup\}\} takes 2 arguments, found 0/],
    ['{{#with}}x{{/with}}', /\{\{#with\}\} takes one argument, found 0/],
    ['{{#if}}x{{/if}}', /\{\{#if\}\} takes one argument, found 0/],
    ['{{#unless}}{{/unless}}', /\{\{#unless\}\} takes one argument, found 0/],
    ['{{> ("")}}', /a computed partial name must call a helper/],
    ['{{*decorator}}', /decorators \(\{\{\*decorator\}\}\) are not supported/],
    ['{{log "hi"}}', /unknown helper "log"/],
    ['{{!-- never closed', /a comment opened with \{\{!-- is never closed with --\}\}/],
    ['a\u0000b', /a control character \(U\+0000\) that a template cannot hold/],
    ['{{cite}}', /\{\{cite\}\} needs something to cite/],
    ['{{capital meeting}}', /\{\{capital\}\} needs text, got a mapping/],
    [
      '{{category meeting}}',
      /\{\{category\}\} needs a category id or a cell's category, got a mapping without a category/,
    ],
    ['{{category 5}}', /\{\{category\}\} needs a category id or a cell's category, got 5/],
  ])('%j', async (snippet, message) => {
    const templates = templatesWith({ 'memo.md.hbs': (t) => `${t}\n${snippet}\n` });
    const text = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    const line = text.split('\n').length - 1; // the snippet's line
    const r = await fails(['--data', FIXTURE, '--templates', templates, '--only', 'memo', '--format', 'md']);
    expect(r.stderr).toMatch(new RegExp(`memo\\.md\\.hbs:${line}:\\d+: ${message.source}`));
  });

  it('an inline partial ({{#*inline}}) is a partial like any other', async () => {
    const templates = templatesWith({
      'memo.md.hbs': (t) => `${t}\n{{#*inline "sign-off"}}Prepared by the desk.{{/inline}}\n{{> sign-off}}\n`,
    });
    const out = tempDir();
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--only',
      'memo',
      '--format',
      'md',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, FX, 'memo.md'), 'utf8')).toContain('Prepared by the desk.');
  });
});
