// A meeting with no questions (issue 28): a courtesy call whose sources state
// no stance on anything has no dimensions and no positions, both left out of
// the file. Every document is written in every format; the matrix says, in
// the labels' words, that the sources record no questions on which positions
// were compared and names who took part; no format has an empty table, a
// heading with nothing under it, or a figure drawn for nothing. A stance while
// no dimension is declared is a positioned error that writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Doc } from '../src/doc/tree.js';
import { textOf } from '../src/doc/walk.js';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { loadTheme } from '../src/shared/theme.js';
import { buildView } from '../src/view/view.js';
import { parse, ROOT, runCli, tempDir, tool, tree, where, writeTemp } from './helpers.js';
import { built } from './support/build-cache.js';

const NAME = 'courtesy-call-lisbon-2025-05-06';
const FILE = join(ROOT, 'test', 'fixtures', 'shapes', `${NAME}.yaml`);
const TEXT = readFileSync(FILE, 'utf8');
const DOCS = ['memo', 'faq', 'matrix'] as const;
const SAID = 'The sources record no questions on which positions were compared. Taking part: Estonia and Portugal.';

let out: string;
beforeAll(async () => {
  const r = await built(['--data', FILE, '--quiet']);
  out = join(r.out, NAME);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
}, 120_000);

const md = (doc: string) => readFileSync(join(out, `${doc}.md`), 'utf8');
const pdfText = (doc: string) =>
  execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(out, `${doc}.pdf`), '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
const pages = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))![1]);
const docxXml = (doc: string) => strFromU8(unzipSync(readFileSync(join(out, `${doc}.docx`)))['word/document.xml']!);
/** The DOCX body as Word reads it: each paragraph's style and text, and each table as one entry with its row count. */
function docxBody(doc: string): { style: string; text: string; rows?: number }[] {
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(docxXml(doc))![1]!;
  return [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)].map(([x]) =>
    x.startsWith('<w:tbl>')
      ? { style: 'table', text: '', rows: (x.match(/<w:tr[ >]/g) ?? []).length }
      : {
          style: /<w:pStyle w:val="([^"]+)"/.exec(x)?.[1] ?? '',
          text: [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
        },
  );
}
const headingLevel = (style: string) =>
  style === 'Title' ? 0 : /^Heading(\d)$/.test(style) ? Number(style.slice(7)) : null;

/** Each heading of a Markdown tree with the blocks under it, up to the next heading of its depth or higher. */
function sections(doc: Doc): { heading: string; under: Block[] }[] {
  return doc.blocks.flatMap((b, i) => {
    if (b.type !== 'heading') return [];
    const end = doc.blocks.findIndex((x, j) => j > i && x.type === 'heading' && x.depth <= b.depth);
    return [{ heading: textOf(b.children), under: doc.blocks.slice(i + 1, end < 0 ? undefined : end) }];
  });
}

describe('a meeting whose sources record no questions', () => {
  it('writes every document in every format, each on one page, and no figure', () => {
    expect(readdirSync(out).sort()).toEqual(DOCS.flatMap((d) => ['docx', 'md', 'pdf'].map((e) => `${d}.${e}`)).sort());
    for (const d of DOCS) expect(pages(join(out, `${d}.pdf`)), d).toBe(1);
    for (const d of DOCS) {
      expect(execFileSync(tool('pdfinfo'), ['-struct', join(out, `${d}.pdf`)], { encoding: 'utf8' }), d).not.toMatch(
        /Figure/,
      );
      expect(docxXml(d), d).not.toContain('<w:drawing>');
      expect(md(d), d).not.toMatch(/!\[/);
    }
  });

  it('the matrix says so, with who took part (not NATO, which the reports only mention), in every format', () => {
    const matrix = parse(md('matrix'));
    expect(matrix.blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'blockquote',
      'paragraph',
      'paragraph',
    ]);
    expect(textOf((matrix.blocks[4] as Extract<Block, { type: 'paragraph' }>).children)).toBe(SAID);
    // The lead says when, and not "positions of no actors on no questions".
    expect(textOf((matrix.blocks[2] as Extract<Block, { type: 'paragraph' }>).children)).toBe('As of 7 May 2025.');
    expect(pdfText('matrix')).toContain(SAID);
    expect(docxBody('matrix').map((p) => p.text)).toContain(SAID);
    for (const text of [md('matrix'), pdfText('matrix'), docxXml('matrix')]) expect(text).not.toContain('NATO');
  });

  it('has no empty table and no heading without text under it, in any format', () => {
    for (const d of DOCS) {
      for (const s of sections(parse(md(d))))
        expect(s.under.filter((b) => b.type !== 'heading').length, `${d}.md: ${s.heading}`).toBeGreaterThan(0);
      for (const b of parse(md(d)).blocks) if (b.type === 'table') expect(b.rows.length, `${d}.md`).toBeGreaterThan(0);
      const body = docxBody(d);
      body.forEach((p, i) => {
        const level = headingLevel(p.style);
        if (p.style === 'table') expect(p.rows, `${d}.docx`).toBeGreaterThan(1);
        if (level === null) return;
        const next = body.slice(i + 1).find((x) => x.style === 'table' || x.text.trim() !== '');
        expect(next, `${d}.docx: ${p.text}`).toBeDefined();
        const nextLevel = headingLevel(next!.style);
        expect(nextLevel === null || nextLevel > level, `${d}.docx: ${p.text} is followed by ${next!.text}`).toBe(true);
      });
    }
    expect(docxXml('matrix')).not.toContain('<w:tbl>');
    // The sections of a matrix with questions, and of position answers elsewhere, are not there at all.
    for (const [d, gone] of [
      ['matrix', ['Method', 'Notes', 'Legend', 'Key quotations', 'Positions of']],
      ['memo', ['Positions in brief', 'the matrix']],
      ['faq', ['Who has declined', 'Who is still deciding', 'What did they answer', 'the matrix']],
    ] as const) {
      for (const w of gone)
        for (const text of [md(d), pdfText(d), docxXml(d)]) expect(text, `${d}: ${w}`).not.toContain(w);
    }
  });

  it('--check reports it clean, with no fact left unprinted', async () => {
    const r = await runCli(['--data', FILE, '--check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(
      `${NAME}: ok — 2 sources, 4 claims, 0 quotes, 3 actors, 2 people, 0 positions; quotes not verified (no --sources)`,
    );
  });

  it('reads the same with dimensions: [] and positions: [] written out', async () => {
    const dir = tempDir('brief-noq-');
    const file = writeTemp(
      `${NAME}.yaml`,
      TEXT.replace('\nquotes: []\n', '\ndimensions: []\n\npositions: []\n\nquotes: []\n'),
      dir,
    );
    const r = await runCli(['--data', file, '--out', join(dir, 'out'), '--format', 'md', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    for (const d of DOCS) expect(readFileSync(join(dir, 'out', NAME, `${d}.md`), 'utf8'), d).toBe(md(d));
  });

  it('with a question but no positions: its Method, "No positions are recorded", and no Notes heading', async () => {
    const dir = tempDir('brief-noq-');
    const question =
      '\ndimensions:\n  - { id: visit, label: Visits, question: Does the minister plan a return visit?, categories: [yes, no, not_stated] }\n\npositions: []\n\nquotes: []\n';
    const file = writeTemp(`${NAME}.yaml`, TEXT.replace('\nquotes: []\n', question), dir);
    const r = await runCli([
      '--data',
      file,
      '--out',
      join(dir, 'out'),
      '--format',
      'md',
      '--only',
      'matrix',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const matrix = readFileSync(join(dir, 'out', NAME, 'matrix.md'), 'utf8');
    expect(matrix).toContain('No positions are recorded for this meeting yet.');
    expect(matrix).toContain('## Method');
    expect(matrix).toContain('Does the minister plan a return visit?');
    expect(matrix).not.toMatch(/^#+ Notes/m);
    expect(matrix).not.toContain(SAID);
  });

  it("says it in the dataset's language, from the labels", async () => {
    const dir = tempDir('brief-noq-');
    const file = writeTemp(`${NAME}.yaml`, TEXT.replace('language: en-GB', 'language: fr-FR'), dir);
    const r = await runCli([
      '--data',
      file,
      '--out',
      join(dir, 'out'),
      '--format',
      'md',
      '--only',
      'matrix',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', NAME, 'matrix.md'), 'utf8')).toContain(
      'Les sources ne rapportent aucune question sur laquelle des positions auraient été comparées. Ont pris part\u202f: Estonia et Portugal.',
    );
  });
});

describe('who took part, in the view (in this process, for the mutation run)', () => {
  it('every actor at the meeting, not one only mentioned, the subject, the venue, an absentee or a text; one with a delegation is there', async () => {
    const theme = await loadTheme(join(DEFAULT_TEMPLATES, 'theme.yaml'));
    const data = parseYamlText(TEXT) as Dataset & { dimensions?: unknown; positions?: unknown };
    data.dimensions = [];
    data.positions = [];
    const actor = (
      id: string,
      role: string,
      more: Partial<Dataset['actors'][number]> = {},
    ): Dataset['actors'][number] => ({ id, name: id.toUpperCase(), kind: 'state', role, ...more });
    data.actors.push(
      actor('obs', 'observer'),
      actor('subj', 'subject'),
      actor('ven', 'venue'),
      actor('gone', 'participant'),
      actor('text', 'participant', { kind: 'document' }),
      actor('envoy', 'mentioned', { delegation: { level: 'official' } }),
    );
    data.meeting.absent = ['gone'];
    const v = buildView(data as Dataset, theme, englishLabels());
    expect(v.taking_part.map((a) => a.id)).toEqual(['envoy', 'estonia', 'obs', 'portugal']);
    expect(v.no_questions).toEqual({
      text: 'The sources record no questions on which positions were compared.',
      taking_part: 'Taking part: ENVOY, Estonia, OBS and Portugal.',
    });
    expect(v.no_positions).toBeNull();
    // No one there: the sentence alone. Questions but no positions: the other sentence, and no_questions null.
    data.actors = data.actors.map(({ delegation: _, ...a }) => ({ ...a, role: 'mentioned' }));
    expect(buildView(data as Dataset, theme, englishLabels()).no_questions?.taking_part).toBeNull();
    const asked = parseYamlText(TEXT) as Dataset;
    asked.dimensions = [{ id: 'visit', label: 'Visit', question: 'Will it visit?', categories: ['yes', 'not_stated'] }];
    asked.positions = [];
    const w = buildView(asked, theme, englishLabels());
    expect([w.no_questions, w.no_positions]).toEqual([null, 'No positions are recorded for this meeting yet.']);
  });
});

describe('a stance while no dimension is declared', () => {
  const stance =
    '\npositions:\n  - actor: estonia\n    stances:\n      visit: { value: "yes", sources: [l1] }\n\nquotes: []\n';
  const hint =
    '  hint: declare the question under dimensions, or leave positions out (empty) for a meeting whose reports compare no positions';

  it.each([
    ['dimensions: []', TEXT.replace('\nquotes: []\n', `\ndimensions: []\n${stance}`)],
    ['dimensions left out', TEXT.replace('\nquotes: []\n', stance)],
  ])('%s: a positioned error at the stance, exit 1, out/ untouched', async (_case, text) => {
    const dir = tempDir('brief-noq-bad-');
    const file = writeTemp('bad.yaml', text, dir);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'untouched.txt'), 'before');
    const r = await runCli(['--data', file, '--out', outDir]);
    expect(r.code).toBe(1);
    const { line, col } = where(text, 'visit:');
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `${file}:${line}:${col}: positions[0].stances.visit: unknown dimension "visit": the dataset declares no dimensions`,
      hint,
    ]);
    expect(tree(outDir)).toEqual(['untouched.txt']);
    expect(readFileSync(join(outDir, 'untouched.txt'), 'utf8')).toBe('before');
  });

  it('a position with no stance at all is an error at its stances, worded as Brief words them', async () => {
    const dir = tempDir('brief-noq-bad-');
    const text = TEXT.replace(
      '\nquotes: []\n',
      '\ndimensions: []\npositions:\n  - { actor: estonia, stances: {} }\nquotes: []\n',
    );
    const file = writeTemp('bad.yaml', text, dir);
    const outDir = join(dir, 'out');
    const r = await runCli(['--data', file, '--out', outDir]);
    expect(r.code).toBe(1);
    const { line, col } = where(text, 'stances: {}', 9);
    expect(r.stderr.split('\n')[0]).toBe(
      `${file}:${line}:${col}: positions[0].stances: needs at least 1 entry, found 0`,
    );
    expect(() => readdirSync(outDir)).toThrow();
  });
});
