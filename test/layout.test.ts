// Layout is data: every spacing the writers use is a named value in the
// theme, in points, and both writers read it, so that PDF and DOCX agree.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { parse as parseYamlText } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import { DEFAULT_SPACING, type FontFamily } from '../src/shared/theme.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { FIXTURE, parse, ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';

/** A copy of templates/ whose theme has some spacing values changed. */
function themedTemplates(spacing: Record<string, string>): string {
  const dir = join(tempDir(), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  let theme = readFileSync(join(dir, 'theme.yaml'), 'utf8');
  for (const [key, value] of Object.entries(spacing))
    theme = theme.replace(new RegExp(`(\\n  ${key}: )[^\\n#]*`), `$1${value} `);
  writeFileSync(join(dir, 'theme.yaml'), theme);
  return dir;
}

const MD = '# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\n## Heading\n\n- item one\n- item two\n';

/** Top of each word in the PDF (pdftotext -bbox), by word. */
function tops(bytes: Buffer): Map<string, { x: number; y: number }> {
  const file = join(tempDir(), 'x.pdf');
  writeFileSync(file, bytes);
  const html = execFileSync(tool('pdftotext'), ['-bbox', file, '-'], { encoding: 'utf8' });
  return new Map(
    [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => [
      m[3]!,
      { x: Number(m[1]), y: Number(m[2]) },
    ]),
  );
}

describe('spacing is theme data', () => {
  it('the shipped theme lists every spacing value, at the documented defaults', () => {
    const theme = parseYamlText(readFileSync(join(ROOT, 'templates', 'theme.yaml'), 'utf8')) as { spacing: object };
    expect(theme.spacing).toEqual(DEFAULT_SPACING);
  });

  it('the PDF writer reads it: more space after a paragraph moves what follows down by the difference', async () => {
    const base = await loadTemplates(join(ROOT, 'templates'));
    const wide = await loadTemplates(themedTemplates({ paragraph_after: '20', list_indent: '40' }));
    const a = tops((await writePdf(parse(MD), { theme: base.theme, fonts: loadFonts(base.theme) })).bytes);
    const b = tops((await writePdf(parse(MD), { theme: wide.theme, fonts: loadFonts(wide.theme) })).bytes);
    const gap = (t: Map<string, { y: number }>) => t.get('Second')!.y - t.get('First')!.y;
    expect(gap(b) - gap(a)).toBeCloseTo(20 - DEFAULT_SPACING.paragraph_after, 1);
    // The list text sits list_indent from the margin.
    expect(b.get('one')!.x - a.get('one')!.x).toBeCloseTo(40 - DEFAULT_SPACING.list_indent, 1);
  });

  it('the DOCX styles derive from it, in twips, with line spacing at least the PDF line height', async () => {
    const set = await loadTemplates(
      themedTemplates({ heading_before: '[0, 20, 7.7, 7]', table_padding: '5', list_indent: '30' }),
    );
    const styles = strFromU8(
      unzipSync((await writeDocx(parse(MD), { theme: set.theme, fonts: loadFonts(set.theme) })).bytes)[
        'word/styles.xml'
      ]!,
    );
    const s = set.theme.spacing;
    const style = (id: string) => new RegExp(`w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)![0];
    const h1 = /<w:spacing [^>]*\/>/.exec(style('Heading1'))![0];
    expect(h1).toContain('w:before="400"');
    expect(h1).toContain(`w:after="${Math.round(s.heading_after[1] * 20)}"`);
    expect(h1).toContain('w:lineRule="atLeast"');
    expect(style('Heading1')).toContain('<w:keepNext/>');
    expect(style('Normal')).toContain(
      `w:after="${Math.round(s.paragraph_after * 20)}" w:line="${Math.round((set.theme.fonts.size * s.line_height + set.theme.fonts.line_gap) * 20)}" w:lineRule="atLeast"`,
    );
    expect(style('BriefTable')).toContain('<w:left w:w="100" w:type="dxa"/>');
    const numbering = strFromU8(
      unzipSync((await writeDocx(parse(MD), { theme: set.theme, fonts: loadFonts(set.theme) })).bytes)[
        'word/numbering.xml'
      ]!,
    );
    expect(numbering).toMatch(/<w:ind w:left="600" w:hanging="600"\/>/);
    // No paragraph style has a line height Word or LibreOffice would read as exact.
    for (const m of styles.matchAll(/<w:spacing [^>]*w:line="\d+"[^>]*\/>/g))
      expect(m[0]).toMatch(/w:lineRule="(atLeast|auto)"/);
  });

  it('a spacing value out of range is a positioned theme error; one left out takes its default', async () => {
    const bad = themedTemplates({ table_padding: '500' });
    const text = readFileSync(join(bad, 'theme.yaml'), 'utf8');
    const r = await runCli(['--data', FIXTURE, '--templates', bad, '--out', tempDir()]);
    expect(r.code).toBe(1);
    const at = where(text, 'table_padding: 500', 'table_padding: '.length);
    expect(r.stderr).toContain(`theme.yaml:${at.line}:${at.col}: spacing.table_padding: must be <= 24`);
    const partial = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), partial, { recursive: true });
    writeFileSync(
      join(partial, 'theme.yaml'),
      readFileSync(join(partial, 'theme.yaml'), 'utf8').replace(/\n  rule_width: [^\n]*/, ''),
    );
    expect((await loadTemplates(partial)).theme.spacing.rule_width).toBe(DEFAULT_SPACING.rule_width);
  });
});

describe("measurements belong to the font, not to the font's place in the theme", () => {
  it('a theme whose body font changes (as under --watch) sets text exactly as a fresh process does', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    // The same theme with a monospaced body font in the first place (key f0-regular either way).
    const mono = structuredClone(set.theme);
    const body = set.theme.fonts.body as FontFamily[];
    mono.fonts.body = [set.theme.fonts.mono as FontFamily, ...body.slice(1)];
    const doc = parse(
      '# Title\n\n' + 'A paragraph of words long enough to wrap onto several lines of the page. '.repeat(6) + '\n',
      { title: 'Words' },
    );
    const serif = (await writePdf(doc, { theme: set.theme, fonts: loadFonts(set.theme) })).bytes;
    const afterSerif = Buffer.from((await writePdf(doc, { theme: mono, fonts: loadFonts(mono) })).bytes);
    const { vi } = await import('vitest');
    vi.resetModules();
    const fresh = await import('../src/writers/pdf/index.js');
    const freshFonts = await import('../src/writers/text/fonts.js');
    const alone = Buffer.from((await fresh.writePdf(doc, { theme: mono, fonts: freshFonts.loadFonts(mono) })).bytes);
    expect(Buffer.from(serif).equals(alone)).toBe(false);
    expect(afterSerif.equals(alone)).toBe(true);
    // And the monospaced text takes more lines than the serif: the widths were the new font's.
    const lines = (b: Uint8Array) => {
      const file = writeTemp('x.pdf', b);
      return execFileSync(tool('pdftotext'), [file, '-'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.trim()).length;
    };
    expect(lines(alone)).toBeGreaterThan(lines(serif));
  });
});

// The theme is resolved once (src/writers/style.ts) and both writers draw
// with what it gives: the same bullet at each list depth, the same sizes.
describe('PDF and DOCX agree by construction', () => {
  const NESTED = '# T\n\n- one\n  - two\n    - three\n      - four\n';

  it('a nested list has the same bullet at each depth in both formats', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const env = { theme: set.theme, fonts: loadFonts(set.theme) };
    const file = join(tempDir(), 'n.pdf');
    writeFileSync(file, (await writePdf(parse(NESTED), env)).bytes);
    // Each line's bullet, top to bottom, as the PDF draws it.
    const pdfBullets = execFileSync(tool('pdftotext'), ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /^\s*(\S)\s+(one|two|three|four)\b/.exec(l))
      .filter((m) => m)
      .map((m) => m![1]);
    const zip = unzipSync((await writeDocx(parse(NESTED), env)).bytes);
    const numbering = strFromU8(zip['word/numbering.xml']!);
    // The numbering the list's paragraphs use: w:numId -> w:num -> its w:abstractNum.
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(strFromU8(zip['word/document.xml']!))![1];
    const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*>\\s*<w:abstractNumId w:val="(\\d+)"`).exec(
      numbering,
    )![1];
    const def = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`).exec(
      numbering,
    )![0];
    const docxBullets = [...def.matchAll(/<w:lvlText w:val="([^"]*)"/g)].map((m) => m[1]);
    expect(docxBullets).toEqual(['•', '◦', '▪']);
    // Deeper than Word's three levels, the last bullet again.
    expect(pdfBullets).toEqual(['•', '◦', '▪', '▪']);
  });
});

describe('DOCX bands are measured, not counted', () => {
  it('a running title is cut by its width in the band font, so a wide script keeps fewer characters', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const env = { theme: set.theme, fonts: loadFonts(set.theme) };
    const header = async (title: string) => {
      const zip = unzipSync((await writeDocx(parse('# T\n\nText.', { title }), env)).bytes);
      const xml = Object.entries(zip)
        .filter(([k]) => /^word\/header\d*\.xml$/.test(k))
        .map(([, v]) => strFromU8(v))
        .join('');
      // The title may be several runs (a font per script): their text joined, from the title's start to the ellipsis.
      const all = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
      const start = all.indexOf(title.slice(0, 4));
      return all.slice(start, all.indexOf('…', start) + 1);
    };
    const latin = await header('Ministers of the coalition met for the first time at ministerial level in Brussels');
    const cjk = await header(
      '有志连合国防部长首次在布鲁塞尔举行部长级会议讨论乌克兰安全保障部队的部署计划与时间表以及各国参与条件和美国的支持',
    );
    expect([...latin].length).toBeGreaterThan(30);
    expect(cjk.startsWith('有志连合')).toBe(true);
    // A Chinese character is about twice as wide as a Latin letter: the old count (80 twips a character) kept both equally long.
    expect([...cjk].length).toBeLessThan([...latin].length * 0.7);
  });
});
