// One rule for control characters (README "Limits"): a C0 or C1 control
// other than tab and line breaks is refused where text enters (dataset,
// recipients, labels, theme, templates), at its place, named as U+XXXX; file
// names in messages are escaped. Then no output holds one: PDF text, Info and
// XMP (read by an XML parser), DOCX parts, Markdown, both registers, and what
// reaches the terminal; and the PDF/A variants stay valid in PDFBox Preflight.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, fixtureText, ROOT, tempDir, tool, tree, where } from './helpers.js';
import { preflight } from './support/preflight.js';

/** What no output and no message may hold. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const FX = 'fictional-roundtable-2024-11-05';

/** The built command line as a user runs it (npm run brief), for the bytes that reach the terminal. */
function brief(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/brief.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
}

/** A run that must fail: exit 1, --out untouched, and no raw control character on either stream. */
function refused(args: string[]) {
  const out = tempDir();
  writeFileSync(join(out, 'untouched.txt'), 'x');
  const r = brief([...args, '--out', out]);
  expect(r.status, r.stderr).toBe(1);
  expect(tree(out)).toEqual(['untouched.txt']);
  expect(r.stderr + r.stdout).not.toMatch(CONTROL);
  return r;
}

function templatesWith(edits: Record<string, (text: string) => string>): string {
  const dir = join(tempDir(), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits))
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** Parses XML strictly (XML 1.0: a control character is not well-formed even escaped); returns its text content. */
function xmlText(xml: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (t) => (text += t));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return text;
}

describe('a control character is refused where text enters, at its place', () => {
  it('in a dataset: raw or as a YAML escape, in a value or a key; each at its line and column, named U+XXXX', () => {
    const text = fixtureText()
      .replace('to: Test reader', 'to: "Test\\ereader"')
      .replace('name: Kadri Tamm', 'name: Kadri\u0007Tamm')
      .replace('format: Roundtable of transport ministers', 'format: "Roundtable\\x85of ministers"')
      .replace('  author: Brief test suite', '  "auth\\vor": Brief test suite\n  author: "Brief\\u009b31mtest"');
    const data = join(tempDir(), `${FX}.yaml`);
    writeFileSync(data, text);
    const r = refused(['--data', data]);
    const at = (needle: string, offset = 0) => {
      const p = where(text, needle, offset);
      return `${data}:${p.line}:${p.col}`;
    };
    expect(r.stderr).toContain(
      `${at('"Test\\ereader"')}: brief.to: a control character (U+001B, escape) that a value cannot hold`,
    );
    expect(r.stderr).toContain(
      `${at('Kadri\u0007Tamm', 5)}: people[0].name: a control character (U+0007, bell) that a value cannot hold`,
    );
    expect(r.stderr).toContain(
      `${at('"Roundtable\\x85')}: meeting.format: a control character (U+0085, next line) that a value cannot hold`,
    );
    expect(r.stderr).toContain(
      `${at('"auth\\vor"')}: brief["auth\\u000bor"]: a control character (U+000B, vertical tab) that a value cannot hold`,
    );
    expect(r.stderr).toContain(
      `${at('"Brief\\u009b31mtest"')}: brief.author: a control character (U+009B, control sequence introducer) that a value cannot hold`,
    );
    expect(r.stderr).toMatch(/hint: remove it: Brief accepts no control characters in text but tab and line breaks/);
    expect(r.stderr).toMatch(/5 problems; nothing written for it/);
  });

  it('the same from standard input and with --check', () => {
    const text = fixtureText().replace('to: Test reader', 'to: "Test\\freader"');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/brief.mjs'), '--check', '--data', '-'], {
      encoding: 'utf8',
      input: text,
    });
    expect(r.status).toBe(1);
    const p = where(text, '"Test\\freader"');
    expect(r.stderr).toContain(
      `<stdin>:${p.line}:${p.col}: brief.to: a control character (U+000C, form feed) that a value cannot hold`,
    );
  });

  it('in a recipients file', () => {
    const dir = tempDir();
    const text = '- name: Jane Doe\n  organisation: "Ministry\\e[2Jof Defence"\n';
    writeFileSync(join(dir, 'recipients.yaml'), text);
    const r = refused(['--data', FIXTURE, '--recipients', join(dir, 'recipients.yaml')]);
    expect(r.stderr).toMatch(
      /recipients\.yaml:2:17: \[0\]\.organisation: a control character \(U\+001B, escape\) that a value cannot hold/,
    );
  });

  it('in a labels file, a theme string and a template', () => {
    const templates = templatesWith({
      'labels/en.yaml': (t) => t.replace('page: "Page {n} of {total}"', 'page: "Page {n}\\a of {total}"'),
      'theme.yaml': (t) => t.replace('marking: OFFICIAL', 'marking: "OFFICIAL\\u0090"'),
      'memo.md.hbs': (t) => `${t}\nA bell:\u0007\n`,
    });
    const r = refused(['--data', FIXTURE, '--templates', templates]);
    const labels = readFileSync(join(templates, 'labels/en.yaml'), 'utf8');
    const theme = readFileSync(join(templates, 'theme.yaml'), 'utf8');
    const memo = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    const l = where(labels, '"Page {n}');
    const t = where(theme, '"OFFICIAL');
    const m = where(memo, '\u0007');
    // The theme and templates are checked first; labels are read when a document is rendered.
    expect(r.stderr).toMatch(
      new RegExp(
        `theme\\.yaml:${t.line}:${t.col}: marking: a control character \\(U\\+0090\\) that a value cannot hold`,
      ),
    );
    expect(r.stderr).toMatch(
      new RegExp(
        `memo\\.md\\.hbs:${m.line}:${m.col}: a control character \\(U\\+0007, bell\\) that a template cannot hold`,
      ),
    );
    const fixed = templatesWith({
      'labels/en.yaml': (x) => x.replace('page: "Page {n} of {total}"', 'page: "Page {n}\\a of {total}"'),
    });
    const r2 = refused(['--data', FIXTURE, '--templates', fixed]);
    expect(r2.stderr).toMatch(
      new RegExp(
        `labels/en\\.yaml:${l.line}:${l.col}: page: a control character \\(U\\+0007, bell\\) that a value cannot hold`,
      ),
    );
  });

  it('a file name with control characters is shown escaped', () => {
    const dir = join(tempDir(), 'evil\u001b[2J\u0085');
    mkdirSync(dir);
    const r = refused(['--data', FIXTURE, '--recipients', join(dir, 'recipients.yaml')]);
    expect(r.stderr).toContain('evil\\x1b[2J\\x85/recipients.yaml: cannot read the recipients file: no such file');
  });
});

describe('no output holds a control character; tabs and line breaks in the input are fine', () => {
  let out: string;
  let run: { stdout: string; stderr: string };
  const RECIPIENTS =
    '- name: "Jane\\tDoe"\n  organisation: "Ministry\\r\\nof Defence"\n- name: "=cmd|\' /C calc\'!A0"\n  organisation: "a | b\\n<b>x</b> [l](http://e.example)"\n';
  beforeAll(() => {
    const text = fixtureText()
      .replace(
        'title: "Baltic Sea cable protection roundtable (fictional)"',
        'title: "Baltic\\tSea cable\\r\\nprotection\\nroundtable (fictional)"',
      )
      .replace(
        '  author: Brief test suite',
        '  author: "Brief\\ttest\\nsuite"\n  keywords: ["cables\\tand\\npatrols", Baltic]',
      )
      .replace(
        'purpose: Ministers met to agree joint patrols protecting undersea cables.',
        'purpose: "Ministers\\tmet to\\r\\nagree joint patrols."',
      )
      .replace(
        'text: Ministers agreed in principle to share cable patrols.',
        'text: "Ministers agreed\\tin principle\\nto share cable patrols."',
      );
    const dir = tempDir();
    writeFileSync(join(dir, `${FX}.yaml`), text);
    writeFileSync(join(dir, 'recipients.yaml'), RECIPIENTS);
    out = tempDir();
    const r = brief([
      '--data',
      join(dir, `${FX}.yaml`),
      '--out',
      out,
      '--recipients',
      join(dir, 'recipients.yaml'),
      '--pdfa',
      '--pdfa-level',
      '1b',
    ]);
    expect(r.status, r.stderr).toBe(0);
    run = r;
  }, 120_000);
  const files = (ext: string) =>
    tree(join(out, FX))
      .filter((f) => f.endsWith(ext))
      .map((f) => join(out, FX, f));

  it('what reached the terminal', () => {
    expect(run.stdout + run.stderr).not.toMatch(CONTROL);
  });

  it('PDF text, Info and XMP (well-formed XML, read by a strict parser)', () => {
    const pdfs = files('.pdf');
    expect(pdfs.length).toBe(9);
    for (const f of pdfs) {
      expect(execFileSync(tool('pdftotext'), [f, '-'], { encoding: 'utf8' }).replace(/\f/g, ''), f).not.toMatch(
        CONTROL,
      );
      const info = execFileSync(tool('pdfinfo'), ['-custom', f], { encoding: 'utf8' });
      expect(info, f).not.toMatch(CONTROL);
      expect(info).toMatch(
        /Subject:\s+Briefing memo: Baltic Sea cable protection roundtable \(fictional\)\n|Subject:\s+\w[^\n]*: Baltic Sea cable protection roundtable \(fictional\)\n/,
      );
      const xmp = xmlText(execFileSync(tool('pdfinfo'), ['-meta', f], { encoding: 'utf8' }));
      expect(xmp, f).not.toMatch(CONTROL);
      expect(xmp).toContain('Brief test suite');
    }
    const copy = xmlText(
      execFileSync(tool('pdfinfo'), ['-meta', join(out, FX, 'copies', 'memo-copy-01.pdf')], { encoding: 'utf8' }),
    );
    expect(copy).toContain('Jane Doe, Ministry of Defence');
  });

  it('every DOCX part is well-formed XML without control characters', () => {
    for (const f of files('.docx')) {
      for (const [name, bytes] of Object.entries(unzipSync(readFileSync(f)))) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        const xml = strFromU8(bytes);
        expect(xml, `${f} ${name}`).not.toMatch(CONTROL);
        xmlText(xml);
      }
    }
  });

  it('Markdown documents and both registers', () => {
    for (const f of [...files('.md'), ...files('.csv')]) expect(readFileSync(f, 'utf8'), f).not.toMatch(CONTROL);
    expect(statSync(join(out, FX, 'copies', 'distribution-register.md')).size).toBeGreaterThan(0);
  });

  it('the PDF/A-1b documents and copies pass PDFBox Preflight', async () => {
    // One Java process for the three (test/support/preflight.ts).
    for (const v of await preflight([
      join(out, FX, 'memo.pdf'),
      join(out, FX, 'matrix.pdf'),
      join(out, FX, 'copies', 'faq-copy-02.pdf'),
    ])) {
      expect(v.valid, `${v.file}\n${v.output}`).toBe(true);
    }
  }, 60_000);
});
