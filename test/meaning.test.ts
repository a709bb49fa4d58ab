/**
 * Issue 25, items 2 and 3: what an answer means comes from the dataset's
 * words. A question that redefines its categories' words (Unlawful, Only if)
 * is answered in those words, never framed as a refusal or indecision, and
 * its cells take no colour unless the vocabulary gives one; the legend lists
 * those words per question; a version 1 dataset gets Brief's neutral meanings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Cell } from '../src/doc/tree.js';
import { blocksText, textOf } from '../src/doc/walk.js';
import { renderDocuments } from '../src/render/render.js';
import { loadTemplates } from '../src/render/templates.js';
import { checkFile } from '../src/run/pipeline.js';
import { buildView } from '../src/view/view.js';
import { cellFill } from '../src/writers/style.js';
import { FIXTURE, parse, ROOT, runCli, tempDir, where, writeTemp } from './helpers.js';

const G7 = join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');
const G7_TEXT = readFileSync(G7, 'utf8');

async function documents(file: string) {
  const set = await loadTemplates(join(ROOT, 'templates'));
  const dataset = await checkFile(file);
  const docs = renderDocuments(set, buildView(dataset.data, set.theme));
  return { theme: set.theme, get: (name: string) => parse(docs.find((d) => d.name === name)!.markdown) };
}

/** The G7 fixture with one exact string replaced, written to a temp file. */
function g7With(find: string, replace: string): string {
  expect(G7_TEXT.split(find).length, find).toBe(2);
  return writeTemp('g7.yaml', G7_TEXT.replace(find, replace));
}

/** The text, with the no-break spaces that keep a category's symbol and words together read as spaces. */
const text = (blocks: Block[]) => blocksText(blocks).replace(/\u00a0/g, ' ');
const tables = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
const UNLAWFUL = '{ id: "no", word: Unlawful, meaning: calls them a breach of international law }';

describe('a question in its own words (the G7 meeting)', () => {
  it('the FAQ answers it in its question, words and meanings, and frames nothing as declined or undecided', async () => {
    const faq = (await documents(G7)).get('faq');
    const all = text(faq.blocks);
    expect(all).toContain('Does the actor accept that the US strikes in the Caribbean are lawful?');
    expect(all).toContain('✗ Unlawful (calls them a breach of international law): France.');
    expect(all).toContain(
      '◇ Only if (accepts action at sea only within the law of the sea): Mexico. Action against illicit activity at sea must follow the law of the sea.',
    );
    expect(all).not.toMatch(/declined|still deciding|said no/i);
  });

  it('its cells are filled neutrally, the others as the theme says, and the legend gives its words under its label', async () => {
    const { theme, get } = await documents(G7);
    const [matrix, legend] = tables(get('matrix').blocks);
    const column = matrix!.header.findIndex((c) => textOf(c.children) === 'Caribbean strikes');
    const france = matrix!.rows.find((r) => textOf(r[0]!.children) === 'France')!;
    const cell: Cell = france[column]!;
    expect(textOf(cell.children)).toMatch(/Unlawful/);
    expect(cell.attrs).toMatchObject({ category: 'no', tone: 'neutral' });
    expect(cellFill(theme, cell.attrs.category, false, 0, cell.attrs.tone)).toBeUndefined();
    const italy = matrix!.rows.find((r) => textOf(r[0]!.children) === 'Italy')!;
    const yes = italy.find((c) => /Yes/.test(textOf(c.children)))!;
    expect(cellFill(theme, yes.attrs.category, false, 0, yes.attrs.tone)).toBe(theme.categories.yes!.fill);
    const rows = legend!.rows.map((r) => r.map((c) => textOf(c.children).replace(/\u00a0/g, ' ')).join(' | '));
    expect(rows).toContain('✗ | Unlawful | Caribbean strikes: calls them a breach of international law');
    expect(rows).toContain('◇ | Only if | Caribbean strikes: accepts action at sea only within the law of the sea');
    // Brief's generic words stand only for the categories used in them.
    expect(rows).toContain('✓ | Yes | says it will');
    expect(rows.some((r) => /says it will not|says it depends/.test(r))).toBe(false);
  });

  it('a stance the vocabulary gives frames the answer; a tone colours it', async () => {
    const file = g7With(
      UNLAWFUL,
      '{ id: "no", word: Unlawful, meaning: calls them a breach of international law, stance: refusal, tone: "no" }',
    );
    const { theme, get } = await documents(file);
    const faq = get('faq');
    expect(text(faq.blocks)).toContain('France has said no on at least one question.');
    expect(faq.blocks.some((b) => b.type === 'heading' && textOf(b.children) === 'Who has declined, and why?')).toBe(
      true,
    );
    const [matrix] = tables(get('matrix').blocks);
    const cell = matrix!.rows.flat().find((c) => /Unlawful/.test(textOf(c.children)))!;
    expect(cellFill(theme, cell.attrs.category, false, 0, cell.attrs.tone)).toBe(theme.categories.no!.fill);
  });

  it("a tone that is not one of Brief's categories is an error at its place, and nothing is written", async () => {
    const file = g7With(
      UNLAWFUL,
      '{ id: "no", word: Unlawful, meaning: calls them a breach of international law, tone: red }',
    );
    const out = tempDir();
    const r = await runCli(['--data', file, '--out', out, '--format', 'md', '--quiet']);
    expect(r.code).toBe(1);
    const at = where(readFileSync(file, 'utf8'), 'red }');
    expect(r.stderr).toContain(`${file}:${at.line}:${at.col}`);
    expect(r.stderr).toContain('"red" is not a tone');
    expect(r.stderr).toContain("use neutral or one of Brief's categories");
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('version 1 datasets', () => {
  it("get Brief's neutral meanings, never the first meeting's", async () => {
    const v1 = readFileSync(FIXTURE, 'utf8')
      .replace('categories: [yes, "no", not_stated]', 'categories: [yes, "no", depends, undecided, not_stated]')
      .replace(
        '      funding: { value: not_stated }\n  - actor: sweden',
        '      funding: { value: undecided, sources: [fa] }\n  - actor: sweden',
      )
      .replace(
        '      funding: { value: not_stated }\n\nquotes',
        '      funding: { value: depends, sources: [fa] }\n\nquotes',
      );
    const file = writeTemp('v1.yaml', v1);
    const { get } = await documents(file);
    const [, legend] = tables(get('matrix').blocks);
    const rows = legend!.rows.map((r) => r.map((c) => textOf(c.children).replace(/\u00a0/g, ' ')).join(' | '));
    expect(rows).toContain('? | Undecided | has not decided');
    expect(rows).toContain('◇ | Depends | says it depends');
    expect(rows.join('\n')).not.toMatch(/mission/);
  });
});

describe('an id of the wrong form (issue 25, item 5)', () => {
  it('says the allowed form with the value written in it, and never lists version 1 topics for a version 2 dataset', async () => {
    const file = g7With('topic: context, speaker: barrot', 'topic: Middle-East, speaker: barrot');
    const out = tempDir();
    const r = await runCli(['--data', file, '--out', out, '--format', 'md', '--quiet']);
    expect(r.code).toBe(1);
    const at = where(readFileSync(file, 'utf8'), 'Middle-East');
    expect(r.stderr).toContain(`${file}:${at.line}:${at.col}: claims[8].topic: "Middle-East" has the wrong form`);
    expect(r.stderr).toContain(
      'hint: ids here use lower-case letters, digits and underscores, starting with a letter: middle_east',
    );
    expect(r.stderr).not.toMatch(/us_role|\bforce\b/);
    expect(readdirSync(out)).toEqual([]);
  });
});
