/**
 * Tables: columns fitted to their content and the page, a cell's fill from
 * its category attribute (or the stripe), the header row repeated on every
 * page the table spans (as an artifact), a row taller than a page split
 * across pages, TH cells with their scope.
 */
import type { Block, Cell } from '../../doc/tree.js';
import { fitColumns } from '../text/tables.js';
import type { Flow } from './flow.js';
import { maxWidth, minWidth, type Line } from './inline.js';
import type { El } from './frames.js';
import { cellFill, resolveStyle } from '../style.js';

type Table = Extract<Block, { type: 'table' }>;
type Style = ReturnType<Flow['style']>;
/** A row (or one page's slice of it) laid out: each cell's lines, and the row's height. */
type Laid = { cells: Line[][]; height: number };

/** What every step of one table shares: where it goes, its columns and its styles. */
interface Grid {
  f: Flow;
  b: Table;
  x: number;
  pad: number;
  size: number;
  widths: number[];
  headStyle: Style;
  cellStyle: Style;
}

/** The table's styles and its columns, fitted to their content and the width. */
function grid(f: Flow, b: Table, x: number, width: number): Grid {
  const t = f.theme;
  const size = resolveStyle(t).size.table;
  const pad = t.spacing.table_padding;
  const headStyle = f.style('heading', size, t.colours.table_header_text, true);
  const cellStyle = f.style('heading', size, t.colours.text);
  const cols = b.header.length;
  const measured = [b.header, ...b.rows].map((row, r) =>
    row.map((cell) => f.measure(cell.children, r === 0 ? headStyle : cellStyle)),
  );
  const mins = Array.from(
    { length: cols },
    (_, c) => Math.max(...measured.map((row) => minWidth(row[c] ?? []))) + 2 * pad,
  );
  const maxs = Array.from(
    { length: cols },
    (_, c) => Math.max(...measured.map((row) => maxWidth(row[c] ?? []))) + 2 * pad,
  );
  return { f, b, x, pad, size, widths: fitColumns(mins, maxs, width), headStyle, cellStyle };
}

const heightOf = (cells: Line[][], pad: number) =>
  Math.max(0, ...cells.map((ls) => ls.reduce((s, l) => s + l.height, 0))) + 2 * pad;

function layoutRow(g: Grid, row: Cell[], header: boolean): Laid {
  const cells = g.widths.map((w, c) =>
    g.f.layout(row[c]?.children ?? [], header ? g.headStyle : g.cellStyle, w - 2 * g.pad),
  );
  return { cells, height: heightOf(cells, g.pad) };
}

/** The lines of each cell that fit in `room`, and the rest (null when nothing is left); at least a line each on a fresh page. */
function slice(laid: Laid, room: number, fresh: boolean, pad: number): [Laid, Laid | null] {
  const taken: number[] = laid.cells.map((ls) => {
    let h = 2 * pad;
    let n = 0;
    while (n < ls.length && h + ls[n]!.height <= room) h += ls[n++]!.height;
    return n;
  });
  if (fresh && Math.max(...taken) === 0) taken.fill(1);
  const now = laid.cells.map((ls, c) => ls.slice(0, taken[c]));
  const later = laid.cells.map((ls, c) => ls.slice(taken[c]));
  return [
    { cells: now, height: heightOf(now, pad) },
    later.some((ls) => ls.length) ? { cells: later, height: heightOf(later, pad) } : null,
  ];
}

/** Fills, rules and lines of one row (or one page's slice of it); `els` are the cells' elements (none for an artifact). */
function place(g: Grid, row: Cell[], laid: Laid, header: boolean, index: number, els: El[] | null): void {
  const { f, pad } = g;
  const t = f.theme;
  const top = f.y;
  let cx = g.x;
  g.widths.forEach((w, c) => {
    const fill = cellFill(t, row[c]?.attrs.category, header, index, row[c]?.attrs.tone);
    const left = cx;
    const rules = () =>
      f.out.push({
        k: 'rect',
        x: left,
        y: top,
        w,
        h: laid.height,
        ...(fill ? { fill } : {}),
        stroke: { width: t.spacing.table_rule_width, color: t.colours.rule },
      });
    if (els) f.tags.artifact(rules);
    else rules();
    let cy = top + pad;
    for (const line of laid.cells[c]!) {
      f.drawLine(line, left + pad, cy, els ? els[c]! : null, g.b.align[c] ?? 'left', w - 2 * pad);
      cy += line.height;
    }
    cx += w;
  });
  f.y = top + laid.height;
}

/** A body row, split across pages where it does not fit the rest of this one. */
function placeSplit(
  g: Grid,
  row: Cell[],
  laid: Laid,
  i: number,
  els: El[],
  headHeight: number,
  nextPage: () => void,
): void {
  const f = g.f;
  let rest: Laid | null = laid;
  while (rest) {
    if (f.y + rest.height <= f.frame.bottom) {
      place(g, row, rest, false, i, els);
      rest = null;
    } else {
      const [now, later] = slice(rest, f.frame.bottom - f.y, f.y <= f.frame.top + headHeight + 0.5, g.pad);
      if (now.cells.some((ls) => ls.length)) place(g, row, now, false, i, els);
      rest = later;
      if (rest) nextPage();
    }
  }
}

/**
 * The height rows i and i + 1 take together, when they are both there and fit a page under the header
 * (else 0: nothing to keep together). A page never holds only the first or only the last row of a table.
 */
function pair(rows: readonly Laid[], i: number, fresh: number): number {
  const [a, b] = [rows[i], rows[i + 1]];
  return a && b && a.height + b.height <= fresh ? a.height + b.height : 0;
}

export function table(f: Flow, b: Table, parent: El, x: number, width: number): void {
  const g = grid(f, b, x, width);
  const cols = b.header.length;
  f.tags.tag('Table', parent, (tableEl) => {
    const head = layoutRow(g, b.header, true);
    // On a page the table continues on, the header row again, as a pagination artifact (it is not another row).
    const nextPage = () => {
      f.newPage();
      f.tags.artifact(() => place(g, b.header, head, true, 0, null), 'Pagination');
    };
    // A row taller than a page under the header is split across pages; one that fits moves whole to the next.
    const fresh = f.frame.bottom - f.frame.top - head.height;
    const minSlice = 2 * g.pad + 3 * f.lineHeight(g.size);
    const rows = b.rows.map((row) => layoutRow(g, row, false));
    f.ensure(head.height + Math.max(f.theme.spacing.keep_with_next, pair(rows, 0, fresh)));
    // Header cells say which cells they head, as PDF/UA asks.
    f.tags.tag('TR', tableEl, (tr) =>
      f.tags.siblings('TH', tr, cols, (els) => place(g, b.header, head, true, 0, els), { scope: 'Column' }),
    );
    b.rows.forEach((row, i) => {
      const laid = rows[i]!;
      const room = f.frame.bottom - f.y;
      if (laid.height > room && (laid.height <= fresh || room < minSlice)) nextPage();
      // The last row never stands alone on a page: the one before it goes with it (when the two fit a page, and it is not the first on this one).
      else if (i === rows.length - 2 && i > 0 && pair(rows, i, fresh) > room && f.y > f.frame.top + head.height + 0.5)
        nextPage();
      f.tags.tag('TR', tableEl, (tr) =>
        f.tags.siblings('TD', tr, cols, (els) => placeSplit(g, row, laid, i, els, head.height, nextPage)),
      );
    });
  });
  f.y += f.theme.spacing.table_after;
}
