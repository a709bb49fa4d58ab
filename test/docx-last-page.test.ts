/**
 * No short last page in DOCX either (issue 28 item 3). The DOCX writer cannot
 * measure, so it follows the PDF layout's one decision: when the PDF pulls a
 * short last page back by tightening the space between blocks, the DOCX
 * styles take the same tightened spacing (src/writers/docx/index.ts,
 * pdfTightening). The north-sea fixture's partners memo is the case measured
 * by scripts/pages.mjs: its PDF's second page held five lines, its DOCX's
 * second page, as LibreOffice lays it out, one (a source of the list).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, tool } from './helpers.js';

const NAME = 'north-sea-energy-ministerial-2025-03-12';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'audiences', `${NAME}.yaml`);

const pages = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))![1]);

/** The DOCX's top and bottom page margins in points (its last w:pgMar): the body's band, headers and footers outside it. */
function margins(docx: string): { top: number; bottom: number } {
  const xml = strFromU8(unzipSync(readFileSync(docx))['word/document.xml']!);
  const mar = [...xml.matchAll(/<w:pgMar\b[^>]*\/>/g)].at(-1)![0];
  const pt = (attr: string) => Math.abs(Number(new RegExp(`w:${attr}="(-?\\d+)"`).exec(mar)![1])) / 20;
  return { top: pt('top'), bottom: pt('bottom') };
}

/** Lines of body text on a page: the distinct baselines of the words inside the margins. */
function bodyLines(pdf: string, page: number, m: { top: number; bottom: number }): number {
  const html = execFileSync(tool('pdftotext'), ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)![1]);
  const ys = [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)]
    .filter((w) => Number(w[1]) >= m.top - 1 && Number(w[2]) <= height - m.bottom + 1)
    .map((w) => Math.round(Number(w[2])))
    .sort((a, b) => a - b);
  return ys.filter((y, i) => i === 0 || y - ys[i - 1]! > 2).length;
}

let dir: string;
let office: string;
beforeAll(async () => {
  const out = tempDir('brief-lastpage-');
  const r = await runCli([
    '--data',
    FIXTURE,
    '--audience',
    'partners',
    '--only',
    'memo',
    '--format',
    'pdf,docx',
    '--out',
    out,
    '--quiet',
  ]);
  expect(r.code, r.stderr).toBe(0);
  dir = join(out, NAME, 'partners');
  office = tempDir('brief-lastpage-lo-');
  // A profile of this file's own: LibreOffice hands its work to another running soffice with the default one.
  execFileSync(
    tool('soffice'),
    [
      `-env:UserInstallation=file://${tempDir('brief-lastpage-profile-')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      office,
      join(dir, 'memo.docx'),
    ],
    { stdio: 'ignore' },
  );
}, 120_000);

describe('the DOCX last page as LibreOffice lays it out', () => {
  it('holds five lines or more, or the document is one page: the DOCX follows the PDF in pulling a short last page back', () => {
    const lo = join(office, 'memo.pdf');
    const n = pages(lo);
    const last = bodyLines(lo, n, margins(join(dir, 'memo.docx')));
    // The measure reads real pages: the first page of the memo is full.
    expect(bodyLines(lo, 1, margins(join(dir, 'memo.docx')))).toBeGreaterThan(30);
    if (n > 1) expect(last, `page ${n} of ${n}`).toBeGreaterThanOrEqual(5);
  });

  it('keeps the PDF pages: the two formats follow one decision', () => {
    expect(pages(join(office, 'memo.pdf'))).toBe(pages(join(dir, 'memo.pdf')));
  });

  it('writes the tightened space between blocks into the styles when the PDF tightened', () => {
    const styles = strFromU8(unzipSync(readFileSync(join(dir, 'memo.docx')))['word/styles.xml']!);
    const theme = readFileSync(join(ROOT, 'templates', 'theme.yaml'), 'utf8');
    const after = Number(/paragraph_after:\s*([\d.]+)/.exec(theme)![1]);
    const normal = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)![0];
    const twips = Number(/<w:spacing [^>]*w:after="(\d+)"/.exec(normal)![1]);
    // The partners' memo fits one page only tightened: the Normal style's space after is below the theme's.
    expect(twips).toBeLessThan(Math.round(after * 20));
    expect(twips).toBeGreaterThan(0);
  });
});
