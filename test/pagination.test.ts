/**
 * Page breaks that look past one block (issue 28 item 3): no last page
 * holding only a few lines when tighter space between blocks pulls them
 * back; no page holding only the first or only the last row of a table (PDF,
 * and keepNext on the rows that must go with the next in DOCX); a heading
 * never ends a page, even when what follows it moves whole to the next.
 * Each is checked over a range of documents that move the break across the
 * case, page by page with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import type { Theme } from '../src/shared/theme.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { measurePdf, writePdf } from '../src/writers/pdf/index.js';
import { loadFonts, type FontSet } from '../src/writers/text/fonts.js';
import { parse, ROOT, tempDir, tool } from './helpers.js';

let theme: Theme;
let fonts: FontSet;
const dir = tempDir('brief-pages-');

beforeAll(async () => {
  theme = (await loadTemplates(join(ROOT, 'templates'))).theme;
  fonts = loadFonts(theme);
});

/** Each page's text, as pdftotext reads it. */
async function pagesOf(md: string, name: string): Promise<string[]> {
  const { bytes, pages = 0 } = await writePdf(parse(md, { title: 'Pages' }), { theme, fonts });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync(tool('pdftotext'), ['-f', String(i + 1), '-l', String(i + 1), '-layout', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    }),
  );
}

const count = (page: string, re: RegExp) => page.split('\n').filter((l) => re.test(l)).length;

describe('the last page', () => {
  it('never holds only one to four lines: tighter space between blocks pulls them back onto the page before', async () => {
    let seen = 0;
    // One-line paragraphs, one more each time: the break moves down the page line by line.
    for (let n = 30; n <= 50; n++) {
      const md = `# Pages\n\n${Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the brief.`).join('\n\n')}\n`;
      const pages = await pagesOf(md, `last-${n}`);
      const text = pages.join('\n');
      // Nothing is lost: every paragraph is on some page.
      for (let i = 1; i <= n; i++) expect(text, `${n} paragraphs`).toContain(`Paragraph ${i} of`);
      if (pages.length < 2) continue;
      seen++;
      expect(count(pages.at(-1)!, /Paragraph \d+ of/), `${n} paragraphs: the last page`).toBeGreaterThanOrEqual(5);
    }
    // The range does reach a second page.
    expect(seen).toBeGreaterThan(3);
  });
});

describe('tables across a page break', () => {
  const table = (rows: number) =>
    `## Table heading\n\n| Actor | Position |\n| --- | --- |\n${Array.from({ length: rows }, (_, i) => `| Row ${i + 1} | a position |`).join('\n')}\n\n${Array.from({ length: 8 }, (_, i) => `After the table ${i + 1}.`).join('\n\n')}\n`;

  it('leave no page with only one row of the table, and the heading on the page the table starts on', async () => {
    let split = 0;
    for (let k = 14; k <= 34; k++) {
      const md = `# Pages\n\n${Array.from({ length: k }, (_, i) => `Filler ${i + 1}.`).join('\n\n')}\n\n${table(16)}`;
      const pages = await pagesOf(md, `table-${k}`);
      const rows = pages.map((p) => count(p, /Row \d+ /));
      expect(
        rows.reduce((a, b) => a + b, 0),
        `${k} fillers`,
      ).toBe(16);
      for (const [i, r] of rows.entries())
        expect(r === 0 || r >= 2, `${k} fillers: page ${i + 1} holds ${r} row(s) (${rows})`).toBe(true);
      if (rows.filter((r) => r > 0).length > 1) split++;
      // A heading never ends a page: its page holds the table's first rows.
      const at = pages.findIndex((p) => p.includes('Table heading'));
      expect(pages[at], `${k} fillers`).toContain('Row 1 ');
    }
    // The range does split the table over two pages, and moves it whole.
    expect(split).toBeGreaterThan(0);
  });

  it('in DOCX, the header, the first row and the last but one keep with the row after them, and no row splits', async () => {
    const { bytes } = await writeDocx(parse(table(6), { title: 'Pages' }), { theme, fonts });
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    const rows = [...xml.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr .*?<\/w:tr>/gs)].map((m) => m[0]);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.includes('<w:keepNext/>'))).toEqual([true, true, false, false, false, true, false]);
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
  });
});

describe('frames', () => {
  it('a PDF painted from the frames fitting measured, or painted twice from them, is the PDF laid out afresh', async () => {
    const md = `# Frames\n\n${Array.from({ length: 60 }, (_, i) => `Point ${i + 1}, cited.[^${(i % 3) + 1}]`).join('\n\n')}\n\n| A | B |\n| --- | --- |\n| x | y |\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n`;
    const meta = { title: 'Frames', watermark: 'DRAFT' };
    const measured = parse(md, meta);
    expect(measurePdf(measured, { theme, fonts })).toBeGreaterThan(1);
    const first = await writePdf(measured, { theme, fonts });
    const again = await writePdf(measured, { theme, fonts });
    const fresh = await writePdf(parse(md, meta), { theme, fonts });
    expect(first.pages).toBe(2);
    expect(Buffer.compare(first.bytes, fresh.bytes)).toBe(0);
    expect(Buffer.compare(again.bytes, fresh.bytes)).toBe(0);
  });
});
