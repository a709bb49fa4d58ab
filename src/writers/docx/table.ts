/**
 * Tables as Word writes them: fixed layout, widths in twips fitted to the
 * content as the PDF writer fits them, a grid that matches, a header row that
 * repeats on every page, a cell's fill from its category attribute. As in
 * the PDF, no page holds only the first or only the last row of a table:
 * rows never split, and the header, the first row and the last but one
 * keep with the row after them.
 */
import { AlignmentType, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Align, Block, Cell, Inline } from '../../doc/tree.js';
import { textOf } from '../../doc/walk.js';
import type { Theme } from '../../shared/theme.js';
import type { FontSet } from '../text/fonts.js';
import { fitColumns } from '../text/tables.js';
import type { Runs } from './inline.js';
import { categoryFill, cellFill, resolveStyle } from '../style.js';
import { hex, twips } from './units.js';

/** Word or LibreOffice may set the text in a wider font when the theme's is not installed: widths keep this much headroom. */
const HEADROOM = 1.2;

export function table(
  b: Extract<Block, { type: 'table' }>,
  t: Theme,
  fonts: FontSet,
  runs: Runs,
  contentWidth: number,
  styled = false,
): Table {
  const size = resolveStyle(t).size.table;
  const pad = 2 * twips(t.spacing.table_padding);
  // Widths from content, measured with the table font's glyph advances.
  const font = fonts.primary('heading').faces.bold.font;
  const measure = (s: string) => {
    let w = 0;
    for (const ch of s) w += font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
    return (w / font.unitsPerEm) * size * 20 * HEADROOM;
  };
  // Note marks are small: count each at the width of an "i".
  const plain = (cell: readonly Inline[]) =>
    textOf(cell.filter((n) => n.type !== 'noteRef')) + 'i'.repeat(cell.filter((n) => n.type === 'noteRef').length);
  const words = (cell: readonly Inline[]) => plain(cell).split(/[ \t\n]+/);
  const all = [b.header, ...b.rows];
  const mins = b.header.map(
    (_, c) => Math.max(...all.map((r) => Math.max(...words(r[c]?.children ?? []).map(measure)))) + pad,
  );
  const maxs = b.header.map((_, c) => Math.max(...all.map((r) => measure(plain(r[c]?.children ?? [])))) + pad);
  const widths = fitColumns(mins, maxs, contentWidth).map((w) => Math.floor(w));
  const align = (a: Align) =>
    a === 'center' ? AlignmentType.CENTER : a === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  // Word keeps a row with the next when its paragraphs keep with the next (LibreOffice reads it so too).
  const last = b.rows.length - 1;
  const keep = (row: number) => b.rows.length > 1 && (row === 0 || row === last - 1);
  const cell = (content: Cell | undefined, c: number, header: boolean, row: number) => {
    // With a reference document's table style, only a category's fill is the cell's own; the header and stripes are the style's.
    const fill = styled
      ? header
        ? undefined
        : categoryFill(t, content?.attrs.category, content?.attrs.tone)
      : cellFill(t, content?.attrs.category, header, row, content?.attrs.tone);
    return new TableCell({
      width: { size: widths[c]!, type: WidthType.DXA },
      ...(fill ? { shading: { fill: hex(fill), type: ShadingType.CLEAR, color: 'auto' } } : {}),
      children: [
        new Paragraph({
          style: 'BriefTableText',
          alignment: align(b.align[c] ?? null),
          ...(header || keep(row) ? { keepNext: true } : {}),
          children: runs.of(
            content?.children ?? [],
            'heading',
            header
              ? { bold: true, ...(styled ? {} : { color: hex(t.colours.table_header_text), fixed: true }), pt: size }
              : { pt: size },
          ),
        }),
      ],
    });
  };
  return new Table({
    style: 'BriefTable',
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, c) => cell(h, c, true, 0)) }),
      ...b.rows.map(
        (row, r) => new TableRow({ cantSplit: true, children: b.header.map((_, c) => cell(row[c], c, false, r)) }),
      ),
    ],
  });
}
