import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../src/data/load.js';
import type { Dataset } from '../src/data/types.js';

import { loadTemplates } from '../src/render/templates.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { BUILT_CLI, BUNDLED, FIXTURE, parse, ROOT, runCli, tempDir, tool } from './helpers.js';
import { showcase } from './support/showcase.js';

const NAME = 'coalition-of-the-willing-2025-04-10';
let out: string;
let data: Dataset;
const parts = new Map<string, Map<string, string>>();

async function xmlParts(file: string | Buffer): Promise<Map<string, string>> {
  const files = unzipSync(typeof file === 'string' ? readFileSync(file) : file);
  const m = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) m.set(name, strFromU8(bytes));
  return m;
}

function unzipped(file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(file))))
    if (/\.(xml|rels)$/.test(name)) m.set(name, strFromU8(bytes));
  return m;
}

beforeAll(async () => {
  // The bundled dataset as the run's shared build holds it (test/support/showcase.ts): read, never changed.
  const r = await showcase();
  expect(r.code, r.stderr).toBe(0);
  out = r.out;
  data = (await loadDatasetFile(BUNDLED)).data as Dataset;
  for (const d of ['memo', 'faq', 'matrix']) parts.set(d, await xmlParts(join(out, NAME, `${d}.docx`)));
});

describe('the DOCX files', () => {
  it("define named styles with the theme's fonts, so Word can restyle them", () => {
    const styles = parts.get('memo')!.get('word/styles.xml')!;
    for (const [id, name] of [
      ['Normal', 'Normal'],
      ['Title', 'Title'],
      ['Heading1', 'Heading 1'],
      ['Heading2', 'Heading 2'],
      ['Heading3', 'Heading 3'],
      ['ListBullet', 'List Bullet'],
      ['ListNumber', 'List Number'],
      ['Quote', 'Quote'],
      ['FootnoteText', 'footnote text'],
      ['BriefTable', 'Brief Table'],
    ]) {
      expect(styles, id).toMatch(new RegExp(`w:styleId="${id}"[^>]*>\\s*<w:name w:val="${name}"/>`));
    }
    expect(styles).toMatch(/w:styleId="Normal"[\s\S]*?w:ascii="Noto Serif"/);
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:ascii="Noto Sans"/);
    const doc = parts.get('memo')!.get('word/document.xml')!;
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="ListBullet"/>');
  });

  it('carry citations as links to one numbered notes list at the end, one entry per note in the Markdown (theme docx_notes: list)', () => {
    for (const d of ['memo', 'faq', 'matrix']) {
      const md = readFileSync(join(out, NAME, `${d}.md`), 'utf8');
      const notes = md.match(/^\[\^\d+\]:/gm)!.length;
      const xml = parts.get(d)!;
      const doc = xml.get('word/document.xml')!;
      // No page-bottom notes: they would take the room of the text (issue 28).
      expect(xml.get('word/footnotes.xml') ?? '', d).not.toMatch(/<w:footnote (?:[^>]*\s)?w:id="[1-9]/);
      const targets = [...doc.matchAll(/<w:bookmarkStart w:name="_Note(\d+)" w:id="\d+"\/>/g)].map((m) => Number(m[1]));
      expect(targets, d).toEqual(Array.from({ length: notes }, (_, i) => i + 1));
      const links = new Set(
        [...doc.matchAll(/<w:hyperlink (?:[^>]*\s)?w:anchor="_Note(\d+)"/g)].map((m) => Number(m[1])),
      );
      const cited = new Set([...md.split(/^\[\^1\]:/m)[0]!.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1])));
      for (const id of cited) expect(links.has(id), `${d} note ${id}`).toBe(true);
      // The list comes after the text: every note's bookmark after the last link to a note.
      expect(doc.indexOf('w:name="_Note1"'), d).toBeGreaterThan(doc.lastIndexOf('w:anchor="_Note'));
    }
    expect(parts.get('memo')!.get('word/document.xml')).toContain(
      'Defence Ministers Discuss ‘Reassurance Force’ for Ukraine in Event of Ceasefire',
    );
  });

  it("with the theme's docx_notes: footnotes or endnotes, carry citations as real Word notes, one per note in the Markdown", async () => {
    for (const kind of ['footnotes', 'endnotes'] as const) {
      const templates = join(tempDir(), 'templates');
      cpSync(join(ROOT, 'templates'), templates, { recursive: true });
      const theme = join(templates, 'theme.yaml');
      writeFileSync(theme, readFileSync(theme, 'utf8').replace(/^docx_notes: list$/m, `docx_notes: ${kind}`));
      const dir = tempDir();
      const r = await runCli([
        '--data',
        BUNDLED,
        '--templates',
        templates,
        '--out',
        dir,
        '--only',
        'memo',
        '--format',
        'docx,md',
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const md = readFileSync(join(dir, NAME, 'memo.md'), 'utf8');
      const notes = md.match(/^\[\^\d+\]:/gm)!.length;
      const xml = unzipped(join(dir, NAME, 'memo.docx'));
      const one = kind.slice(0, -1);
      const defined = [
        ...xml.get(`word/${kind}.xml`)!.matchAll(new RegExp(`<w:${one} (?:[^>]*\\s)?w:id="(\\d+)"`, 'g')),
      ]
        .map((m) => Number(m[1]))
        .filter((id) => id > 0);
      expect(defined.length, kind).toBe(notes);
      const refs = new Set(
        [...xml.get('word/document.xml')!.matchAll(new RegExp(`<w:${one}Reference w:id="(\\d+)"`, 'g'))].map((m) =>
          Number(m[1]),
        ),
      );
      // Word allows no note reference inside a note: notes cite their sources by number there.
      expect(xml.get(`word/${kind}.xml`)).not.toMatch(new RegExp(`<w:${one}Reference `));
      const cited = new Set([...md.split(/^\[\^1\]:/m)[0]!.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1])));
      for (const id of cited) expect(refs.has(id), `${kind} note ${id}`).toBe(true);
      if (kind === 'endnotes')
        expect(xml.get('word/document.xml')).toContain('<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>');
    }
  }, 120_000);

  it('have the marking in header and footer, and Page N of M fields', () => {
    for (const d of ['memo', 'faq', 'matrix']) {
      const xml = parts.get(d)!;
      const header = [...xml.entries()]
        .filter(([n]) => /^word\/header\d*\.xml$/.test(n))
        .map(([, x]) => x)
        .join('');
      const footer = [...xml.entries()]
        .filter(([n]) => /^word\/footer\d*\.xml$/.test(n))
        .map(([, x]) => x)
        .join('');
      expect(header).toContain('>OFFICIAL<');
      expect(footer).toContain('>OFFICIAL<');
      expect(footer).toMatch(/>Page <[\s\S]*PAGE[\s\S]*> of <[\s\S]*NUMPAGES/);
    }
  });

  it('lay tables out with explicit widths, a matching grid, a repeating header row and category shading', () => {
    const doc = parts.get('matrix')!.get('word/document.xml')!;
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc)![0];
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.length).toBe(data.dimensions.length + 2);
    const total = Number(
      /<w:tblW w:type="dxa" w:w="(\d+)"\/>|<w:tblW w:w="(\d+)" w:type="dxa"\/>/.exec(table)!.slice(1).find(Boolean),
    );
    expect(grid.reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBeLessThanOrEqual(16838 - 2 * Math.round((22 * 1440) / 25.4));
    const firstRow = /<w:tr>[\s\S]*?<\/w:tr>/.exec(table)![0];
    expect(firstRow).toContain('<w:tblHeader/>');
    const cellWidths = [
      ...firstRow.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/g),
    ].map((m) => Number(m[1] ?? m[2]));
    expect(cellWidths).toEqual(grid);
    expect(table).toContain('<w:tblStyle w:val="BriefTable"/>');
    // "◐ Open" cells are shaded with the theme's colour for "open", and keep their word.
    expect(table).toMatch(/w:fill="FDEEB5"[\s\S]{0,2000}?◐[\s\S]{0,400}?Open/);
  });

  it('put the matrix in a landscape section and the memo and FAQ in portrait', () => {
    expect(parts.get('matrix')!.get('word/document.xml')).toMatch(
      /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/,
    );
    expect(parts.get('memo')!.get('word/document.xml')).toMatch(
      /<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/,
    );
  });

  it('carry document properties from the dataset, dated by it', () => {
    const core = parts.get('memo')!.get('docProps/core.xml')!;
    expect(core).toContain(
      '<dc:title>Coalition of the Willing: defence ministers on a reassurance force for Ukraine</dc:title>',
    );
    expect(core).toContain('<dc:creator>Brief (curated dataset)</dc:creator>');
    expect(core).toContain(
      '<cp:keywords>Ukraine, reassurance force, Coalition of the Willing, defence ministers, NATO</cp:keywords>',
    );
    expect(core).toMatch(/<dcterms:created[^>]*>2025-04-10T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2025-04-10T00:00:00Z<\/dcterms:modified>/);
  });

  it('makes working hyperlinks with stable relationship ids', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const doc0 = parse(
      '# Links\n\nSee [the NATO page](https://www.nato.int/) and [Kyiv](https://example.org/kyiv?x=1&y=2).\n',
      { title: 'Links & <more>', date: new Date('2025-01-01T00:00:00Z') },
    );
    const a = (await writeDocx(doc0, { theme: set.theme, fonts: loadFonts(set.theme) })).bytes;
    const b = (await writeDocx(doc0, { theme: set.theme, fonts: loadFonts(set.theme) })).bytes;
    expect(a.equals(b)).toBe(true);
    const zip = await xmlParts(a);
    const rels = zip.get('word/_rels/document.xml.rels')!;
    const doc = zip.get('word/document.xml')!;
    const link =
      /<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="https:\/\/www\.nato\.int\/" TargetMode="External"\/>/.exec(
        rels,
      );
    expect(link, rels).not.toBeNull();
    expect(doc).toMatch(new RegExp(`<w:hyperlink[^>]*r:id="${link![1]}"`));
    expect(rels).toContain('Target="https://example.org/kyiv?x=1&amp;y=2"');
    expect(zip.get('docProps/core.xml')).toContain('<dc:title>Links &amp; &lt;more&gt;</dc:title>');
  });
});

describe('reproducible DOCX', () => {
  it('two runs give identical bytes, whatever the time zone', () => {
    const run = (tz: string) => {
      const dir = tempDir();
      const r = spawnSync(process.execPath, [BUILT_CLI, '--data', FIXTURE, '--out', dir, '--format', 'docx'], {
        encoding: 'utf8',
        env: { ...process.env, TZ: tz },
      });
      expect(r.status, r.stderr).toBe(0);
      return ['memo', 'faq', 'matrix'].map((d) =>
        readFileSync(join(dir, 'fictional-roundtable-2024-11-05', `${d}.docx`)),
      );
    };
    const a = run('UTC');
    const b = run('America/St_Johns');
    a.forEach((bytes, i) => expect(bytes.equals(b[i]!), `document ${i}`).toBe(true));
  });
});

describe('LibreOffice', () => {
  // No skip: without LibreOffice this fails with one line naming the Debian package.
  it('converts each DOCX to PDF without error, every name intact', () => {
    const soffice = tool('soffice');
    const dir = tempDir('brief-lo-');
    const profile = tempDir('brief-lo-profile-');
    const files = ['memo', 'faq', 'matrix'].map((d) => join(out, NAME, `${d}.docx`));
    const r = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    let all = '';
    for (const d of ['memo', 'faq', 'matrix']) {
      const pdf = join(dir, `${d}.pdf`);
      expect(existsSync(pdf), `${d}.pdf`).toBe(true);
      all += execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    }
    for (const p of data.people) {
      expect(all, p.name).toContain(p.name);
      if (p.native_name) expect(all, p.native_name).toContain(p.native_name);
    }
    expect(all).toContain('OFFICIAL');
    expect(all).toMatch(/Page 1 of \d/);
    void readdirSync;
    void writeFileSync;
  });
});
