// PDF accessibility, read back the way assistive technology reads a PDF: from
// its structure tree (pdfinfo -struct / -struct-text) and its annotations
// (qpdf), for every document of every dataset and fixture.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/doc/tree.js';
import { textOf } from '../src/doc/walk.js';
import { BUNDLED, FIXTURE, parse, ROOT, tool } from './helpers.js';
import { built, datasetsFolder } from './support/build-cache.js';

const FILES = [
  BUNDLED,
  FIXTURE,
  join(ROOT, 'test', 'fixtures', 'scripts', 'multiscript-ministerial-2025-06-12.yaml'),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'shapes'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'test', 'fixtures', 'shapes', f)),
];
const NAMES = FILES.map((f) => basename(f, '.yaml'));
const DOCS = ['memo', 'faq', 'matrix'];

let out: string;
beforeAll(async () => {
  // The datasets shapes.test.ts builds, in every format: one build for both files (test/support/build-cache.ts), which holds the PDF and Markdown read here.
  const reports = join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');
  const guests = join(ROOT, 'test', 'fixtures', 'guests', 'fictional-harbour-group-marseille-2026-03-18.yaml');
  const r = await built(['--data', datasetsFolder([...FILES, reports, guests]), '--quiet']);
  out = r.out;
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

const pdf = (n: string, d: string) => join(out, n, `${d}.pdf`);
const struct = (file: string, text = false) =>
  execFileSync(tool('pdfinfo'), [text ? '-struct-text' : '-struct', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
/** The text of every element of the structure tree, in tree (reading) order. */
const structTexts = (file: string) => [...struct(file, true).matchAll(/^\s+"(.*)"$/gm)].map((m) => m[1]!);
const words = (s: string) =>
  s
    .split(/[\s\u00a0\u202f]+/)
    .map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}\d,]+$/gu, ''))
    .filter((w) => /\p{L}{2}/u.test(w));

describe.each(NAMES)('%s', (name) => {
  it.each(DOCS)('%s: a structure tree in reading order, with a language, its headings first to last', (doc) => {
    const tree = struct(pdf(name, doc));
    expect(tree.split('\n')[0]).toBe('Document');
    // Document control's YAML front matter (GitHub shows it as a table) is not part of the text.
    const md = parse(readFileSync(join(out, name, `${doc}.md`), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
    const headings = md.blocks
      .filter((b) => b.type === 'heading')
      .map((b) => textOf((b as Extract<Block, { type: 'heading' }>).children));
    expect(tree).toMatch(/^ {2}H1 \(block\)$/m);
    // Every heading of the document is in the tree, in the order the document has them.
    const texts = structTexts(pdf(name, doc)).join('\n');
    let at = -1;
    for (const h of headings) {
      const i = texts.indexOf(h, at + 1);
      expect(i, `heading "${h}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    expect(readFileSync(pdf(name, doc)).toString('latin1')).toMatch(/\/Lang \((en-GB|en)\)/);
  });

  it.each(DOCS)('%s: no words run together at line breaks, and the page bands are artifacts, not content', (doc) => {
    const mdText = readFileSync(join(out, name, `${doc}.md`), 'utf8');
    const known = new Set(words(`${mdText} ${mdText.replace(/[<>()[\]*_|\\]/g, ' ')}`));
    const texts = structTexts(pdf(name, doc));
    // Scripts set with shaping are tagged with ActualText, which pdfinfo does not print: their glyph order is checked in scripts.test.ts.
    const unknown = texts
      .flatMap(words)
      .filter((w) => /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}'’-]+$/u.test(w) && !known.has(w));
    expect(unknown).toEqual([]);
    expect(texts.join('\n')).not.toMatch(/Page \d+ of \d+/);
  });

  it.each(DOCS)('%s: every table header cell has its scope, every link a description', (doc) => {
    const tree = struct(pdf(name, doc));
    const th = (tree.match(/^\s+TH\b/gm) ?? []).length;
    expect((tree.match(/\/Scope \/Column/g) ?? []).length).toBe(th);
    // A matrix has its header row unless it has no table: a meeting with no questions (test/no-questions.test.ts).
    if (doc === 'matrix')
      expect(th > 1).toBe(
        parse(readFileSync(join(out, name, 'matrix.md'), 'utf8')).blocks.some((b) => b.type === 'table'),
      );
    const qdf = execFileSync(tool('qpdf'), ['--qdf', '--object-streams=disable', pdf(name, doc), '-'], {
      maxBuffer: 64 << 20,
    }).toString('latin1');
    const links = qdf.split(/\nendobj\n/).filter((o) => /\/Subtype \/Link\b/.test(o));
    if (doc !== 'matrix' || name.startsWith('coalition')) expect(links.length).toBeGreaterThan(0);
    for (const l of links)
      expect(l, 'a link annotation').toMatch(/\/Contents \((?:[^)\\]|\\.)+\)|\/Contents <[0-9A-Fa-f]+>/);
  });
});
