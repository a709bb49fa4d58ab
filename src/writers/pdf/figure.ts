/**
 * A chart figure in the PDF: the layout every writer shares (chart.ts)
 * drawn as vector boxes and text in the document's own fonts, tagged as one
 * Figure whose Alt says what it shows. Kept on one page.
 */
import type { Chart } from '../../doc/tree.js';
import { layoutChart } from '../chart.js';
import type { Flow } from './flow.js';
import type { Struct } from './pdfkit.js';

export function figure(f: Flow, chart: Chart, parent: Struct, x: number, width: number): void {
  const t = f.theme;
  const line = (text: string, size: number, bold: boolean) => f.layout([{ type: 'text', value: text }], f.style('heading', size, t.colours.text, bold), 1e6)[0];
  const laid = layoutChart(chart, width, t, (text, size, bold) => line(text, size, bold)?.width ?? 0);
  f.ensure(laid.height);
  const top = f.y;
  const pdf = f.pdf;
  f.tags.tag('Figure', parent, (el) => {
    f.tags.mark(el);
    pdf.save().lineWidth(laid.stroke).strokeColor(laid.ink);
    for (const b of laid.boxes) pdf.rect(x + b.x, top + b.y, b.w, b.h).fillAndStroke(b.fill, laid.ink);
    pdf.restore();
    for (const tx of laid.texts) {
      const l = line(tx.text, tx.size, tx.bold);
      if (!l) continue;
      // The line's box as tall as the text's: its top where the layout puts the text's.
      const left = tx.anchor === 'middle' ? tx.x - l.width / 2 : tx.x;
      f.drawLine(l, x + left, top + tx.baseline - l.ascent, el, 'left', l.width);
    }
  }, { alt: chart.alt });
  f.y = top + laid.height + t.spacing.paragraph_after;
}
