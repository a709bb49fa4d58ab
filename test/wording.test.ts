/**
 * Issue 25, items 4 and 5: wording faults and messages found with a real
 * meeting (the G7 foreign ministers at Niagara, November 2025). Each part
 * builds the G7 fixture with one change, in process where it can, and reads
 * what a reader or a curator would see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/run/pipeline.js';
import { UserError } from '../src/shared/diagnostics.js';
import { ROOT, runCli, tempDir, where, writeTemp } from './helpers.js';

const G7 = join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');
const G7_TEXT = readFileSync(G7, 'utf8');

/** The G7 fixture with exact strings replaced (each found once), written to a temp file. */
function g7With(...changes: [string, string][]): { file: string; text: string } {
  let text = G7_TEXT;
  for (const [find, replace] of changes) {
    expect(text.split(find).length, find).toBe(2);
    text = text.replace(find, replace);
  }
  return { file: writeTemp('g7.yaml', text), text };
}

/** The problems a dataset's check throws, as the CLI would print their first lines. */
async function problems(file: string): Promise<string[]> {
  try {
    await checkFile(file);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.diagnostics.map((d) => `${d.line}:${d.col}: ${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);
  }
  return [];
}

describe('item 5: a ", " inside a value of a flow mapping', () => {
  const meant = '{ id: "yes", word: Defends, meaning: defends the strikes, as lawful }';

  it('is one problem at the key the comma made, with the value as meant in quotes; none of the follow-on schema errors', async () => {
    const { file, text } = g7With(['{ id: "yes", word: Defends, meaning: defends the strikes as lawful }', meant]);
    const found = await problems(file);
    const at = where(text, 'as lawful }');
    expect(found).toEqual([
      `${at.line}:${at.col}: schema/comma-in-flow-value: "as lawful" is read as a key of its own: inside { }, the ", " before it ends the value of "meaning" | a value that contains ", " must be put in quotes inside { }: meaning: "defends the strikes, as lawful"`,
    ]);
  });

  it('with several commas, gives the whole value; an actor\'s name split the same way', async () => {
    const { file } = g7With(
      ['meaning: defends the strikes as lawful }', 'meaning: defends the strikes, as lawful, in full }'],
      ['{ id: mexico, name: United Mexican States,', '{ id: mexico, name: United Mexican States, Mexico,'],
    );
    const found = await problems(file);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('"Mexico" is read as a key of its own: inside { }, the ", " before it ends the value of "name" | a value that contains ", " must be put in quotes inside { }: name: "United Mexican States, Mexico"');
    expect(found[1]).toContain('meaning: "defends the strikes, as lawful, in full"');
  });

  it('a key without a value on a line of its own stays an unknown property (no comma made it)', async () => {
    const { file, text } = g7With(['    context: Before leaving for the meeting.\n', '    context: Before leaving for the meeting.\n    as lawful:\n']);
    const found = await problems(file);
    const at = where(text, 'as lawful:');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${at.line}:${at.col}: schema/unknown-property: unknown property "as lawful"`));
  });

  it('the command line: the message at file:line:col, exit 1, nothing written', async () => {
    const { file, text } = g7With(['{ id: "yes", word: Defends, meaning: defends the strikes as lawful }', meant]);
    const out = tempDir();
    const r = await runCli(['--data', file, '--out', out, '--format', 'md', '--quiet']);
    expect(r.code).toBe(1);
    const at = where(text, 'as lawful }');
    expect(r.stderr).toContain(`${file}:${at.line}:${at.col}: dimensions[2].categories[0]["as lawful"]: "as lawful" is read as a key of its own`);
    expect(r.stderr).toContain('hint: a value that contains ", " must be put in quotes inside { }: meaning: "defends the strikes, as lawful"');
    expect(r.stderr).not.toMatch(/must be text|anyOf|unknown property/);
    expect(r.stderr).toContain('1 problem;');
    expect(readdirSync(out)).toEqual([]);
  });
});
