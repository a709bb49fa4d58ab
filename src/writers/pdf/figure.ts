/**
 * A chart figure in the PDF: the layout every writer shares (chart.ts)
 * drawn as vector boxes and text in the document's own fonts, tagged as one
 * Figure whose Alt says what it shows. Kept on one page.
 */
import type { Chart } from '../../doc/tree.js';
import { layoutChart } from '../chart.js';
import type { Flow } from './flow.js';
import type { El } from './frames.js';
import type { Line } from './inline.js';
import type { FontSet } from '../text/fonts.js';
import { hasRtl } from '../text/scripts.js';

/**
 * A figure's lines of text laid out once per font set (a run's), by text,
 * size, weight, the theme's ink and line height and the document's direction: a figure measures each
 * text and then draws it, and fitting lays a memo out more than once.
 */
const LINES = new WeakMap<FontSet, Map<string, Line | undefined>>();

export function figure(f: Flow, chart: Chart, parent: El, x: number, width: number): void {
  const t = f.theme;
  let lines = LINES.get(f.fonts);
  if (!lines) LINES.set(f.fonts, (lines = new Map()));
  const cache = lines;
  const line = (text: string, size: number, bold: boolean): Line | undefined => {
    const key = `${text}\u0000${size}\u0000${bold}\u0000${t.colours.text}\u0000${f.lineHeight(size)}\u0000${f.docDirection}`;
    if (!cache.has(key))
      cache.set(key, f.layout([{ type: 'text', value: text }], f.style('heading', size, t.colours.text, bold), 1e6)[0]);
    return cache.get(key);
  };
  const laid = layoutChart(chart, width, t, (text, size, bold) => line(text, size, bold)?.width ?? 0);
  f.ensure(laid.height);
  const top = f.y;
  f.tags.tag(
    'Figure',
    parent,
    (el) => {
      f.tags.mark(el);
      f.out.push({ k: 'boxes', x, top, boxes: laid.boxes, pen: { width: laid.stroke, color: laid.ink } });
      for (const tx of laid.texts) {
        // A key line with a right-to-left name: each name on its own, a space apart, so that names keep the list's order.
        // (A name and its comma apart too: a name in a right-to-left script would put its comma on its left.)
        // Any other line is one line of text: each piece drawn is a text operation, and pdfkit's cost is per operation.
        const split = !!tx.items?.some(hasRtl);
        const space = (line('x x', tx.size, tx.bold)?.width ?? 0) - (line('xx', tx.size, tx.bold)?.width ?? 0);
        let at = tx.x;
        for (const item of split ? tx.items! : [tx.items ? tx.items.join(' ') : tx.text]) {
          const parts = split && item.endsWith(',') ? [item.slice(0, -1), ','] : [item];
          for (const part of parts) {
            const l = line(part, tx.size, tx.bold);
            if (!l) continue;
            // The text's baseline where the layout puts it.
            const left = tx.anchor === 'middle' ? at - l.width / 2 : at;
            f.drawLine(l, x + left, top + tx.baseline - l.ascent, el, 'left', l.width);
            at += l.width;
          }
          at += space;
        }
      }
    },
    { alt: chart.alt },
  );
  f.y = top + laid.height + t.spacing.paragraph_after;
}
