// Each documented limit (README "Limits") at the limit and one past it: the
// value at the limit builds (or is refused for another reason, with its own
// message), the one past is refused with the limit's message at its place;
// never a stack overflow, always exit 0 or 1, and a refused run writes nothing.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixtureText, fixtureWith, ROOT, runCli, tempDir, where } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';

function templatesWith(edits: Record<string, (text: string) => string>): string {
  const dir = join(tempDir(), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    let text = '';
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      /* a new file */
    }
    writeFileSync(join(dir, file), edit(text));
  }
  return dir;
}

function dataset(text: string): string {
  const path = join(tempDir(), `${FX}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** A run at the limit: exit 0, the documents written. */
async function builds(args: string[], expected: string[]) {
  const out = tempDir();
  const r = await runCli([...args, '--out', out, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  expect(readdirSync(join(out, FX)).sort()).toEqual(expected);
  return join(out, FX);
}

/** A run past the limit: exit 1, --out untouched, no stack trace or overflow. */
async function refused(args: string[]) {
  const out = tempDir();
  writeFileSync(join(out, 'untouched.txt'), 'x');
  const r = await runCli([...args, '--out', out]);
  expect(r.code, r.stderr).toBe(1);
  expect(readdirSync(out)).toEqual(['untouched.txt']);
  expect(r.stderr).not.toMatch(/call stack|RangeError|\n\s+at .*:\d+:\d+/);
  return r;
}

describe('20,000 characters in one value', () => {
  const words = (n: number) => 'word '.repeat(Math.ceil(n / 5)).slice(0, n - 1) + '.';

  it('a claim of exactly 20,000 characters builds in every format; 20,001 is refused at its place', async () => {
    const at = fixtureWith('text: Ministers agreed in principle to share cable patrols.', `text: ${words(20_000)}`);
    const dir = await builds(['--data', dataset(at), '--only', 'memo'], ['memo.docx', 'memo.md', 'memo.pdf']);
    // Over its two pages with a 20,000-character claim, the memo lets its figures go first (issue 28's fitting).
    expect(readFileSync(join(dir, 'memo.md'), 'utf8')).toContain('word word word');
    const past = fixtureWith('text: Ministers agreed in principle to share cable patrols.', `text: ${words(20_001)}`);
    const data = dataset(past);
    const r = await refused(['--data', data]);
    const p = where(past, words(20_001));
    expect(r.stderr).toContain(
      `${data}:${p.line}:${p.col}: this value is 20,001 characters long; one value may hold at most 20,000`,
    );
  });

  it('a page label of 2,857 {total} placeholders (20,000 characters) builds the PDF and DOCX; one more character is refused', async () => {
    const label = (n: number) => '{total}'.repeat(2857) + 'x'.repeat(n - 2857 * 7);
    const at = templatesWith({
      'labels/en.yaml': (t) => t.replace('page: "Page {n} of {total}"', `page: "${label(20_000)}"`),
    });
    await builds(
      ['--data', FIXTURE, '--templates', at, '--only', 'memo', '--format', 'pdf,docx'],
      ['memo.docx', 'memo.pdf'],
    );
    const past = templatesWith({
      'labels/en.yaml': (t) => t.replace('page: "Page {n} of {total}"', `page: "${label(20_001)}"`),
    });
    const r = await refused(['--data', FIXTURE, '--templates', past, '--only', 'memo', '--format', 'pdf,docx']);
    const p = where(readFileSync(join(past, 'labels/en.yaml'), 'utf8'), `"${label(20_001)}"`);
    expect(r.stderr).toMatch(
      new RegExp(
        `labels/en\\.yaml:${p.line}:${p.col}: this value is 20,001 characters long; one value may hold at most 20,000`,
      ),
    );
  }, 120_000);
});

describe('64 levels of nesting in a dataset', () => {
  // "- - - x": lists in lists on one line; the top-level mapping is level 1.
  const nested = (levels: number) => `${fixtureText()}extra:\n  ${'- '.repeat(levels - 1)}x\n`;

  it('64 levels are read (and the unknown key is then the only problem); 65 are refused where they start', async () => {
    const at = await refused(['--data', dataset(nested(64))]);
    expect(at.stderr).toMatch(/: unknown property "extra"/);
    expect(at.stderr).not.toMatch(/nest/);
    const text = nested(65);
    const data = dataset(text);
    const r = await refused(['--data', data]);
    const p = where(text, '- '.repeat(64), 63 * 2);
    expect(r.stderr).toContain(
      `${data}:${p.line}:${p.col}: mappings and lists nest more than 64 levels deep here; Brief reads at most 64`,
    );
  });
});

describe('100 nested blocks in a template', () => {
  const blocks = (n: number) => `${'{{#if brief}}'.repeat(n)}deepest${'{{/if}}'.repeat(n)}`;

  it('100 build; the 101st is refused at its place', async () => {
    const at = templatesWith({ 'memo.md.hbs': (t) => `${t}\n${blocks(100)}\n` });
    const dir = await builds(
      ['--data', FIXTURE, '--templates', at, '--only', 'memo', '--format', 'md'],
      ['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md'],
    );
    expect(readFileSync(join(dir, 'memo.md'), 'utf8')).toContain('deepest');
    const past = templatesWith({ 'memo.md.hbs': (t) => `${t}\n${blocks(101)}\n` });
    const r = await refused(['--data', FIXTURE, '--templates', past, '--only', 'memo', '--format', 'md']);
    const p = where(readFileSync(join(past, 'memo.md.hbs'), 'utf8'), blocks(101), 100 * '{{#if brief}}'.length);
    expect(r.stderr).toContain(
      `memo.md.hbs:${p.line}:${p.col}: blocks nest more than 100 deep; a template may nest at most 100 levels`,
    );
  });
});

describe('50 levels of partials', () => {
  /** memo includes p1, p1 includes p2, ... p(n) writes a word: n levels of partials. */
  const chain = (n: number) =>
    templatesWith({
      'memo.md.hbs': (t) => `${t}\n{{> p1}}\n`,
      ...Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `partials/p${i + 1}.md.hbs`,
          () => (i + 1 < n ? `{{> p${i + 2}}}` : 'bottom of the chain\n'),
        ]),
      ),
    });

  it('50 build; the 51st is refused at the including call', async () => {
    const dir = await builds(
      ['--data', FIXTURE, '--templates', chain(50), '--only', 'memo', '--format', 'md'],
      ['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md'],
    );
    expect(readFileSync(join(dir, 'memo.md'), 'utf8')).toContain('bottom of the chain');
    const r = await refused(['--data', FIXTURE, '--templates', chain(51), '--only', 'memo', '--format', 'md']);
    expect(r.stderr).toMatch(
      /partials\/p50\.md\.hbs:1:1: partial "p51" is included more than 50 levels deep \(p47 > p48 > p49 > p50 > …\): does it include itself\?/,
    );
  });
});
