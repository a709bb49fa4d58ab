/**
 * Issue 25, item 1: every fact the dataset holds (quotation, event, person,
 * actor, open question, discrepancy, claim) reaches a reader in at least one
 * shipped document, and --check says, at each fact's place, what a templates
 * folder that drops a section no longer prints.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import { checkDocuments, checkFile } from '../src/run/pipeline.js';
import { FACT_KINDS } from '../src/view/coverage.js';
import { BUNDLED, ROOT, runCli, tempDir, where } from './helpers.js';
import { built } from './support/build-cache.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const G7 = join(FIXTURES, 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');

/** Every dataset the project ships or tests with (the changes fixture is an earlier version of the bundled one). */
function datasets(): string[] {
  const found = [BUNDLED];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.yaml') && /\d{4}-\d{2}-\d{2}\.yaml$/.test(e.name)) found.push(join(dir, e.name));
    }
  };
  walk(FIXTURES);
  return found;
}

describe('coverage with the shipped templates', () => {
  it('every fact of every dataset is printed in some document', async () => {
    const templates = await loadTemplates(join(ROOT, 'templates'));
    const files = datasets();
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const dataset = await checkFile(file);
      const warnings = await checkDocuments(dataset, templates, [...templates.templates.keys()], []);
      expect(
        warnings.filter((w) => w.code === 'template/unprinted').map((w) => w.message),
        relative(ROOT, file),
      ).toEqual([]);
      // The check has something to check: each dataset holds facts of several kinds.
      const kinds = (Object.keys(FACT_KINDS) as (keyof typeof FACT_KINDS)[]).filter(
        (k) => ((k === 'absent' ? dataset.data.meeting.absent : dataset.data[k]) ?? []).length > 0,
      );
      expect(kinds.length, relative(ROOT, file)).toBeGreaterThanOrEqual(3);
    }
  });

  it('the G7 meeting: its quotations in four languages, its participants with official names and roles, its events before and after', async () => {
    // The G7 fixture in every format, as reports.test.ts builds it, once for the run (test/support/build-cache.ts); its FAQ is the same bytes as built alone.
    const r = await built(['--data', G7, '--sources', join(FIXTURES, 'reports', 'sources'), '--quiet']);
    const out = r.out;
    expect(r.code, r.stderr).toBe(0);
    const faq = readFileSync(join(out, 'g7-foreign-ministers-niagara-2025-11-11', 'faq.md'), 'utf8');
    expect(faq).toContain('| Mexico | United Mexican States | Participant. Invited. |');
    expect(faq).toContain('| G7 joint statement | Joint Statement of the G7 Foreign Ministers | Mentioned |');
    expect(faq).toMatch(
      /^- “<span lang="de">Die G7 bleiben [^\n]*: \*Johann Wadephul\* \(Germany\), 11 November 2025\.\[\^\d+\]\[\^\d+\] Before leaving for the meeting\.$/m,
    );
    expect(faq).toContain('Before leaving for the meeting.');
    expect(faq).toMatch(/<span lang="it">Siamo pronti/);
    expect(faq).toMatch(/<span lang="es">Lo anterior/);
    expect(faq).toContain('Before the meeting:');
    expect(faq).toContain('**Egypt and Palestine discuss the Cairo conference**, 17 October 2025');
    expect(faq).toContain('## What happens next?');
  });
});

describe('a templates folder that drops a section', () => {
  it('--check warns at each unprinted fact, with the count and ids first, and still exits 0', async () => {
    const dir = tempDir();
    const templates = join(dir, 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const faq = join(templates, 'faq.md.hbs');
    const text = readFileSync(faq, 'utf8');
    const start = text.indexOf('{{#each remarks}}');
    const end = text.indexOf('{{/each}}', start) + '{{/each}}'.length;
    expect(start).toBeGreaterThan(0);
    writeFileSync(faq, text.slice(0, start) + text.slice(end));
    const r = await runCli(['--check', '--data', BUNDLED, '--templates', templates]);
    expect(r.code).toBe(0);
    const all = `${r.stdout}\n${r.stderr}`;
    // The matrix prints the key quotations: the twelve others were printed only by the dropped section.
    const data = readFileSync(BUNDLED, 'utf8');
    const lost = [...data.matchAll(/^  - \{ id: (q-[a-z-]+)|^  - id: (q-[a-z-]+)/gm)]
      .map((m) => m[1] ?? m[2]!)
      .filter((id) => !new RegExp(`key_quote: ${id}\\b`).test(data) && !/q-statement/.test(id));
    expect(lost.length).toBe(12);
    const file = relative(process.cwd(), BUNDLED);
    const first = where(data, `id: ${lost[0]}`);
    expect(all).toContain(`${file}:${first.line}:${first.col}: warning: quotes[`);
    expect(all).toContain(`12 quotations appear in no document of `);
    expect(all).toContain(`: ${lost.join(', ')}`);
    for (const id of lost) expect(all).toContain(`quotation ${id} appears in no document of `);
    expect((all.match(/appears in no document/g) ?? []).length).toBe(12);
  });

  it('--only a part of the folder says nothing about coverage', async () => {
    const r = await runCli(['--check', '--data', G7, '--only', 'memo']);
    expect(r.code).toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('appear in no document');
  });
});

describe("a category symbol that repeats another's", () => {
  it('--check warns at the category that borrows it, and still exits 0', async () => {
    const file = join(FIXTURES, 'shapes', 'subsea-cables-ministerial-2025-09-18.yaml');
    const text = readFileSync(file, 'utf8').replace('      symbol: ◑\n', '');
    const dir = tempDir();
    const data = join(dir, 'subsea-cables-ministerial-2025-09-18.yaml');
    writeFileSync(data, text);
    const r = await runCli(['--check', '--data', data, '--only', 'matrix']);
    expect(r.code).toBe(0);
    const at = where(text, '      word: With conditions', 6);
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: warning: vocabulary.categories.conditional: category conditional shows the symbol ◐, as open does: a reader cannot tell them apart by it`,
    );
    expect(r.stderr).toContain('hint: give conditional a symbol of its own');
    // With its own symbol (the fixture as shipped), nothing.
    const ok = await runCli(['--check', '--data', file, '--only', 'matrix']);
    expect(`${ok.stdout}${ok.stderr}`).not.toContain('shows the symbol');
  });
});
