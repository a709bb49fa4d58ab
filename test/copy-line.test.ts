// Issue 24 item 8: a numbered copy's "Copy N of M" line, read from the PDF's
// glyph positions (mutool's structured text), on A4 and Letter with an
// organisation too long for one line.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURE, ROOT, runCli, tempDir, tool, writeTemp } from './helpers.js';

const DATASET = 'fictional-roundtable-2024-11-05';
const ORG =
  'Directorate-General for International Partnerships and Cooperation, Unit for Eastern Neighbourhood Security, Defence Cooperation, Crisis Management Liaison Unit';
const theme = parse(readFileSync(join(ROOT, 'templates', 'theme.yaml'), 'utf8')) as {
  page: { margins_mm: { bottom: number } };
  spacing: { band_size: number };
};
const PT_PER_MM = 72 / 25.4;

interface Line {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  text: string;
}

/** Each page's lines with their boxes (points from the page's top). */
function pages(pdf: string): Line[][] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', pdf], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      page
        .split('<line ')
        .slice(1)
        .map((l) => {
          const [x0, y0, x1, y1] = /bbox="([^"]+)"/.exec(l)![1]!.split(' ').map(Number) as [
            number,
            number,
            number,
            number,
          ];
          const text = [...l.matchAll(/ c="([^"]*)"/g)]
            .map((m) =>
              m[1]!
                .replace(/&amp;/g, '&')
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16))),
            )
            .join('');
          return { x0, y0, x1, y1, text };
        }),
    );
}

function pageHeight(pdf: string): number {
  return Number(/Page size:\s+[\d.]+ x ([\d.]+)/.exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))![1]);
}

describe("a numbered copy's line", () => {
  it.each(['A4', 'Letter'])(
    'on %s: one line, cut with an ellipsis, as far from the edge as the footer band of the original, which paginates the same',
    async (paper) => {
      const templates = join(tempDir(), 'templates');
      cpSync(join(ROOT, 'templates'), templates, { recursive: true });
      const memo = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
      writeFileSync(
        join(templates, 'memo.md.hbs'),
        memo.replace(/^orientation: portrait$/m, `orientation: portrait\npaper: ${paper}`),
      );
      const recipients = writeTemp('recipients.yaml', `- name: Jane Doe\n  organisation: ${ORG}\n`);
      const out = join(tempDir(), 'out');
      const r = await runCli([
        '--data',
        FIXTURE,
        '--templates',
        templates,
        '--out',
        out,
        '--only',
        'memo',
        '--format',
        'pdf',
        '--recipients',
        recipients,
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const original = join(out, DATASET, 'memo.pdf');
      const copy = join(out, DATASET, 'copies', 'memo-copy-01.pdf');
      const height = pageHeight(copy);
      expect(height).toBeCloseTo(paper === 'A4' ? 841.89 : 792, 0);
      const plain = pages(original);
      const copied = pages(copy);
      // The copy paginates as the original: the same pages, the same body lines in the same places.
      expect(copied.length).toBe(plain.length);
      // Half the bottom margin, less half a band line: where the original's footer band text ends.
      const least = (theme.page.margins_mm.bottom * PT_PER_MM) / 2 - theme.spacing.band_size / 2;
      copied.forEach((lines, p) => {
        const copyLines = lines.filter((l) => l.text.includes('Copy 1 of 1'));
        expect(copyLines, `page ${p + 1}`).toHaveLength(1);
        const line = copyLines[0]!;
        // Shortened, not wrapped: the organisation's start, an ellipsis, and nothing of its end anywhere on the page.
        expect(line.text).toMatch(/^Copy 1 of 1: Jane Doe, Directorate-General .*…$/);
        expect(ORG.startsWith(line.text.replace(/^Copy 1 of 1: Jane Doe, /, '').replace(/…$/, ''))).toBe(true);
        expect(lines.map((l) => l.text).join('\n')).not.toContain('Liaison Unit');
        // No nearer the paper's edge than the theme's margin allows, nor than the original's footer band.
        const fromEdge = height - line.y1;
        expect(fromEdge, `page ${p + 1}: ${(fromEdge / PT_PER_MM).toFixed(1)} mm from the edge`).toBeGreaterThanOrEqual(
          least - 0.5,
        );
        const band = plain[p]!.filter((l) => /Page \d+ of \d+/.test(l.text));
        expect(band).toHaveLength(1);
        expect(line.y1).toBeLessThanOrEqual(band[0]!.y1 + 0.01);
        // Nothing overprints it, and the footer band above it stays under the body's last line.
        for (const other of lines.filter((l) => l !== line)) {
          const overlap =
            Math.min(line.x1, other.x1) - Math.max(line.x0, other.x0) > 0.5 &&
            Math.min(line.y1, other.y1) - Math.max(line.y0, other.y0) > 0.5;
          expect(overlap, `page ${p + 1}: "${other.text}"`).toBe(false);
        }
        const body = (ls: Line[]) =>
          ls.filter((l) => l.y0 > 60 && l.y1 < height - theme.page.margins_mm.bottom * PT_PER_MM + 1);
        expect(body(lines).map((l) => `${l.y0.toFixed(1)} ${l.text}`)).toEqual(
          body(plain[p]!).map((l) => `${l.y0.toFixed(1)} ${l.text}`),
        );
        const copyBand = lines.find((l) => /Page \d+ of \d+/.test(l.text))!;
        expect(copyBand.y0).toBeGreaterThan(Math.max(...body(lines).map((l) => l.y1)));
      });
      // The metadata keeps the organisation whole.
      expect(execFileSync(tool('pdfinfo'), ['-meta', copy], { encoding: 'utf8' })).toContain(
        'Crisis Management Liaison Unit',
      );
    },
  );
});
