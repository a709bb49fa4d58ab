/**
 * Tables: columns fitted to their content and the page, a cell's fill from
 * its category attribute (or the stripe), the header row repeated on every
 * page the table spans, TH cells with their scope.
 */
import type { Block, Cell } from '../../doc/tree.js';
import { own } from '../../shared/own.js';
import { fitColumns } from '../text/tables.js';
import type { Flow } from './flow.js';
import { maxWidth, minWidth, type Line } from './inline.js';
import type { Struct } from './pdfkit.js';

type Table = Extract<Block, { type: 'table' }>;

export function table(f: Flow, b: Table, parent: Struct, x: number, width: number): void {
  const t = f.theme;
  const size = t.fonts.table_size ?? t.fonts.size - 1;
  const pad = t.spacing.table_padding;
  const headStyle = f.style('heading', size, t.colours.table_header_text, true);
  const cellStyle = f.style('heading', size, t.colours.text);
  const cols = b.header.length;
  const measured = [b.header, ...b.rows].map((row, r) => row.map((cell) => f.measure(cell.children, r === 0 ? headStyle : cellStyle)));
  const mins = Array.from({ length: cols }, (_, c) => Math.max(...measured.map((row) => minWidth(row[c] ?? []))) + 2 * pad);
  const maxs = Array.from({ length: cols }, (_, c) => Math.max(...measured.map((row) => maxWidth(row[c] ?? []))) + 2 * pad);
  const widths = fitColumns(mins, maxs, width);
  const fillOf = (cell: Cell | undefined, stripe: boolean) => (cell?.attrs.category ? own(t.categories, cell.attrs.category)?.fill : undefined) ?? (stripe ? t.colours.table_stripe : undefined);

  const layoutRow = (row: Cell[], header: boolean) => {
    const cells = widths.map((w, c) => f.layout(row[c]?.children ?? [], header ? headStyle : cellStyle, w - 2 * pad));
    const height = Math.max(...cells.map((ls) => ls.reduce((s, l) => s + l.height, 0))) + 2 * pad;
    return { cells, height };
  };

  f.tags.tag('Table', parent, (tableEl) => {
    const drawRow = (row: Cell[], laid: { cells: Line[][]; height: number }, header: boolean, index: number) => {
      const top = f.y;
      f.tags.tag('TR', tableEl, (tr) => {
        let cx = x;
        widths.forEach((w, c) => {
          const fill = header ? t.colours.table_header_fill : fillOf(row[c], index % 2 === 1);
          const left = cx;
          f.tags.artifact(() => {
            if (fill) f.pdf.rect(left, top, w, laid.height).fill(fill);
            f.pdf.rect(left, top, w, laid.height).lineWidth(t.spacing.table_rule_width).strokeColor(t.colours.rule).stroke();
          });
          // Header cells say which cells they head, as PDF/UA asks.
          f.tags.tag(header ? 'TH' : 'TD', tr, (cellEl) => {
            let cy = top + pad;
            for (const line of laid.cells[c]!) {
              f.drawLine(line, left + pad, cy, cellEl, b.align[c] ?? 'left', w - 2 * pad);
              cy += line.height;
            }
          }, header ? { scope: 'Column' } : {});
          cx += w;
        });
      });
      f.y = top + laid.height;
    };

    const head = layoutRow(b.header, true);
    f.ensure(head.height + t.spacing.keep_with_next);
    drawRow(b.header, head, true, 0);
    b.rows.forEach((row, i) => {
      const laid = layoutRow(row, false);
      if (f.y + laid.height > f.frame.bottom) {
        f.newPage();
        drawRow(b.header, head, true, 0); // the header row again on every page the table spans
      }
      drawRow(row, laid, false, i);
    });
  });
  f.y += t.spacing.table_after;
}
