/**
 * One handler per block type. Each lays its block out from the flow's
 * current position, tags it, and leaves the position below it; spacing comes
 * from the theme. The handler table is checked by the compiler: a new block
 * type without a handler does not build.
 */
import type { Block } from '../../doc/tree.js';
import { bulletAt, headingLevel, resolveStyle } from '../style.js';
import { textOf } from '../../doc/walk.js';
import type { Flow } from './flow.js';
import type { El } from './frames.js';
import { table } from './table.js';
import { figure } from './figure.js';

/** Code blocks are set this much smaller than body text. */
const CODE_SCALE = 0.85;

type Handler<K extends Block['type']> = (
  f: Flow,
  b: Extract<Block, { type: K }>,
  parent: El,
  x: number,
  width: number,
) => void;

/** The PDF outline: the title at the top level, headings 1 under it. */
function outline(f: Flow, depth: number, title: string): void {
  if (depth <= 2) f.out.push({ k: 'outline', depth, title });
}

const HANDLERS: { [K in Block['type']]: Handler<K> } = {
  heading(f, b, parent, x, width) {
    const t = f.theme;
    const level = headingLevel(b.depth);
    const size = resolveStyle(t).size.heading[level];
    const lines = f.layout(b.children, f.style('heading', size, t.colours.heading, true), width);
    const before = t.spacing.heading_before[level];
    const height = lines.reduce((s, l) => s + l.height, 0);
    // A heading never stands alone at the foot of a page: it needs room for what follows.
    f.ensure(before + height + t.spacing.keep_with_next);
    if (!f.atTop) f.y += before;
    f.tags.tag(`H${Math.min(b.depth, 6)}`, parent, (el) => {
      outline(f, b.depth, textOf(b.children));
      f.lines(lines, x, el, 'left', width);
    });
    if (level === 0) {
      const y = f.y + t.spacing.title_rule_gap;
      f.tags.artifact(() =>
        f.out.push({
          k: 'rule',
          x1: x,
          y1: y,
          x2: x + width,
          y2: y,
          pen: { width: t.spacing.title_rule_width, color: t.colours.accent },
        }),
      );
    }
    f.y += t.spacing.heading_after[level];
  },

  paragraph(f, b, parent, x, width) {
    const t = f.theme;
    f.tags.tag('P', parent, (el) =>
      f.lines(f.layout(b.children, f.style('body', t.fonts.size, t.colours.text), width), x, el, 'left', width),
    );
    f.y += t.spacing.paragraph_after;
  },

  list(f, b, parent, x, width) {
    const t = f.theme;
    const size = t.fonts.size;
    const depth = f.listDepth;
    const { list_indent: indent, list_label_gap: gap } = t.spacing;
    f.tags.tag('L', parent, (list) => {
      b.items.forEach((item, i) => {
        f.tags.tag('LI', list, (li) => {
          const first =
            item[0]?.type === 'paragraph'
              ? f.layout(item[0].children, f.style('body', size, t.colours.text), width - indent)
              : [];
          // The label goes with its text: with its first two lines (or its only one), or to the next page.
          f.ensure(first.slice(0, 2).reduce((s, l) => s + l.height, 0) || f.lineHeight(size));
          const label = f.layout(
            [{ type: 'text', value: b.ordered ? `${b.start + i}.` : bulletAt(resolveStyle(t), depth) }],
            f.style('body', size, t.colours.accent, true),
            indent * 4,
          )[0]!;
          // The label's baseline is the first line's.
          if (first[0]) label.ascent = first[0].ascent;
          const top = f.y;
          f.tags.tag('Lbl', li, (lbl) => f.drawLine(label, x, top, lbl, b.ordered ? 'right' : 'left', indent - gap));
          f.listDepth++;
          f.tags.tag('LBody', li, (body) => item.forEach((child) => block(f, child, body, x + indent, width - indent)));
          f.listDepth--;
          // Items sit closer than paragraphs.
          f.y -= t.spacing.paragraph_after - t.spacing.list_item_after;
        });
      });
    });
    f.y += t.spacing.list_after;
  },

  blockquote(f, b, parent, x, width) {
    const t = f.theme;
    const startPage = f.pages;
    const top = f.y;
    f.tags.tag('BlockQuote', parent, (el) =>
      b.children.forEach((child) => block(f, child, el, x + t.spacing.quote_indent, width - t.spacing.quote_indent)),
    );
    // The bar beside it, when the quotation stayed on one page.
    if (f.pages === startPage) {
      const bottom = f.y - t.spacing.paragraph_after + 2;
      f.tags.artifact(() =>
        f.out.push({
          k: 'rect',
          x,
          y: top - 2,
          w: t.spacing.quote_rule_width,
          h: bottom - top + 2,
          fill: t.colours.accent,
        }),
      );
    }
  },

  table(f, b, parent, x, width) {
    table(f, b, parent, x, width);
  },

  code(f, b, parent, x, width) {
    const t = f.theme;
    const style = f.style('mono', t.fonts.size * CODE_SCALE, t.colours.text);
    const lines = b.value.split('\n').flatMap((l) => f.layout([{ type: 'text', value: l || ' ' }], style, width));
    f.tags.tag('Code', parent, (el) => f.lines(lines, x, el, 'left', width));
    f.y += t.spacing.paragraph_after;
  },

  figure(f, b, parent, x, width) {
    figure(f, b.chart, parent, x, width);
  },

  rule(f, _b, _parent, x, width) {
    const t = f.theme;
    f.ensure(t.spacing.rule_space);
    const y = f.y + t.spacing.rule_space / 3;
    f.tags.artifact(() =>
      f.out.push({
        k: 'rule',
        x1: x,
        y1: y,
        x2: x + width,
        y2: y,
        pen: { width: t.spacing.rule_width, color: t.colours.rule },
      }),
    );
    f.y += t.spacing.rule_space;
  },
};

/** Lays out one block with its handler. */
export function block(f: Flow, b: Block, parent: El, x: number, width: number): void {
  (HANDLERS[b.type] as Handler<typeof b.type>)(f, b as never, parent, x, width);
}
