// Every DOCX Brief writes is checked by an independent validator: Microsoft's
// Open XML SDK (compiled to WebAssembly, offline: npm @ooxml-tools/validate)
// against the Office Open XML schemas, plus what the schemas miss: a table
// cell ends with a paragraph, bookmark ids are unique, every footnote
// reference and every cross-reference to a note resolves. All datasets and
// fixtures, the French memo, the press lines and a long marking, in one
// process (the validator takes seconds to start).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import validate from './support/ooxml.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED, FIXTURE, ROOT, runCli, tempDir } from './helpers.js';

const DATASETS = [
  BUNDLED,
  FIXTURE,
  join(ROOT, 'test', 'fixtures', 'scripts', 'multiscript-ministerial-2025-06-12.yaml'),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'shapes'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'test', 'fixtures', 'shapes', f)),
  join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml'),
];

let files: string[] = [];
beforeAll(async () => {
  const data = tempDir('brief-validate-data-');
  for (const f of DATASETS) cpSync(f, join(data, basename(f)));
  const templates = join(tempDir('brief-validate-templates-'), 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  cpSync(join(ROOT, 'docs', 'examples', 'memo-fr.md.hbs'), join(templates, 'memo-fr.md.hbs'));
  const press = readFileSync(join(ROOT, 'docs', 'examples', 'press.md.hbs'), 'utf8').replace(
    'marking: UNCLASSIFIED',
    'marking: "OFFICIAL-SENSITIVE: PERSONAL — FOR NAMED RECIPIENTS ONLY; NOT FOR ONWARD TRANSMISSION WITHOUT CONSENT"',
  );
  writeFileSync(join(templates, 'press.md.hbs'), press);
  const out = tempDir('brief-validate-out-');
  const r = await runCli(['--data', data, '--templates', templates, '--out', out, '--format', 'docx', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  files = readdirSync(out).flatMap((d) =>
    readdirSync(join(out, d))
      .filter((f) => f.endsWith('.docx'))
      .map((f) => join(out, d, f)),
  );
}, 120_000);

const parts = (file: string) => unzipSync(readFileSync(file));

describe('DOCX: valid Office Open XML', () => {
  it("every document passes Microsoft's validator (Microsoft 365 rules)", async () => {
    expect(files.length).toBe(DATASETS.length * 5);
    for (const f of files) {
      const errors = await validate(new Uint8Array(readFileSync(f)), 'docx', 'Microsoft365');
      expect(errors, f).toEqual([]);
    }
  }, 180_000);

  it('the validator does catch a broken document (so that the check above can fail)', async () => {
    const zip = parts(files[0]!);
    const xml = strFromU8(zip['word/document.xml']!).replace('<w:p>', '<w:p><w:notAnElement/>');
    const broken = zipSync({ ...zip, 'word/document.xml': strToU8(xml) });
    const errors = await validate(broken, 'docx', 'Microsoft365');
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('what the schemas miss: cells end with a paragraph, bookmark ids unique, every note reference resolves', () => {
    const seen = { cells: 0, bookmarks: 0, noterefs: 0, footnotes: 0 };
    for (const f of files) {
      const zip = parts(f);
      const doc = strFromU8(zip['word/document.xml']!);
      const cells = doc.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
      for (const cell of cells) expect(cell, f).toMatch(/<\/w:p><\/w:tc>$/);
      const ids = [...doc.matchAll(/<w:bookmarkStart [^>]*w:id="(\d+)"/g)].map((m) => m[1]);
      seen.cells += cells.length;
      seen.bookmarks += ids.length;
      // Citations link to the numbered notes list at the end (theme docx_notes: list): every link has its bookmark.
      const links = [...doc.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]!);
      seen.noterefs += links.length;
      seen.footnotes += [...doc.matchAll(/<w:bookmarkStart [^>]*w:name="_Note\d+"/g)].length;
      expect(new Set(ids).size, `${f}: bookmark ids`).toBe(ids.length);
      const names = new Set([...doc.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((m) => m[1]));
      for (const m of doc.matchAll(/NOTEREF (\S+)/g)) expect(names.has(m[1]), `${f}: NOTEREF ${m[1]}`).toBe(true);
      for (const a of links) expect(names.has(a), `${f}: link to ${a}`).toBe(true);
      const footnotes = zip['word/footnotes.xml'] ? strFromU8(zip['word/footnotes.xml']) : '';
      const defined = new Set(
        [...footnotes.matchAll(/<w:footnote (?:w:type="\w+" )?w:id="(-?\d+)"/g)].map((m) => m[1]),
      );
      for (const m of doc.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g))
        expect(defined.has(m[1]), `${f}: footnote ${m[1]}`).toBe(true);
    }
    // The checks had something to check.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(20);
  });
});
