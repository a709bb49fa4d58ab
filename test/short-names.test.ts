// Short names in running text (issue 25, item 4): a list or sentence reads "France and the UK", not
// "France and UK", in every format; tables and row labels keep the bare short name. The dataset is the
// bundled one with the UK's and the EU's sentence forms taken out (so the default decides: an initialism of
// a name that takes "the" takes it too) and the US given its own (short_name_in_sentence wins).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED, runCli, tempDir, tool, writeTemp } from './helpers.js';

const NAME = 'short-names-2025-04-10';

function edited(): string {
  let text = readFileSync(BUNDLED, 'utf8');
  const swap = (find: string, replace: string) => {
    expect(text.split(find).length, find).toBe(2);
    text = text.replace(find, replace);
  };
  swap('short_name: UK, name_in_sentence: the United Kingdom,', 'short_name: UK,');
  swap('short_name: EU, name_in_sentence: the European Union,', 'short_name: EU,');
  swap('short_name: US, name_in_sentence: the United States,', 'short_name: US, short_name_in_sentence: America,');
  return text;
}

/** Text with line breaks and runs of spaces made single spaces, so that a wrapped line still reads as one. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

let md = '';
let pdf = '';
let docx = '';
let matrix = '';

beforeAll(async () => {
  const data = writeTemp(`${NAME}.yaml`, edited());
  const out = tempDir('brief-short-names-');
  const r = await runCli(['--data', data, '--out', out, '--only', 'memo,matrix', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  // The Markdown's category words are spans (data-category); a reader sees their text.
  md = flat(readFileSync(join(out, NAME, 'memo.md'), 'utf8')).replace(/<\/?span[^>]*>/g, '');
  pdf = flat(
    execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(out, NAME, 'memo.pdf'), '-'], { encoding: 'utf8' }),
  );
  const xml = strFromU8(unzipSync(readFileSync(join(out, NAME, 'memo.docx')))['word/document.xml']!);
  // A paragraph's words, its runs joined.
  docx = flat(
    xml
      .split('</w:p>')
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join('\n'),
  );
  matrix = readFileSync(join(out, NAME, 'matrix.md'), 'utf8');
}, 120_000);

describe('a short name in a list or sentence takes its article', () => {
  it.each([
    ['Markdown', () => md],
    ['PDF', () => pdf],
    ['DOCX', () => docx],
  ])("the memo's positions in brief, in %s", (_format, text) => {
    expect(text()).toContain('Leading: France and the UK;');
    expect(text()).toContain('Important: the EU;');
    expect(text()).toContain('Undecided: the EU, Latvia, the Netherlands and Sweden.');
    // The dataset's own form wins over the default.
    expect(text()).toContain('No: America.');
    expect(text()).not.toMatch(/France and UK|: EU,|: US\./);
  });

  it('a sentence that opens with one is capitalised, and the full-name sentence form defaults to it', () => {
    // the_name falls back to the short name's sentence form: "the UK", capitalised where it opens the sentence.
    expect(md).toContain('The UK and France hosted');
    expect(md).toContain('The UK and Germany chair it.');
  });

  it('a table keeps the bare short name as its row label', () => {
    expect(matrix).toContain('| **UK** |');
    expect(matrix).toContain('| **EU** |');
    expect(matrix).not.toContain('| **the UK** |');
  });
});
