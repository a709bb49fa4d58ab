/**
 * The header and footer bands of every page, drawn once the page count is
 * known: the kind of document, the handling marking and the running title
 * above; the author, the marking and "Page N of M" below. Pagination
 * artifacts, not content.
 */
import type { Meta } from '../../doc/tree.js';
import type { Inline } from '../../doc/tree.js';
import type { Flow } from './flow.js';

/** The least distance of a band from the paper's edge. */
const EDGE = 8;
/** Room kept between the marking and the running title. */
const TITLE_GAP = 12;

export function bands(f: Flow, meta: Meta, pages: number): void {
  const { pdf, theme: t, frame } = f;
  const size = t.spacing.band_size;
  const gap = t.spacing.band_gap;
  // Band text goes through the same layout as the body: fallback fonts, shaping and direction for any script.
  const line = (text: string, bold: boolean, color: string) => f.layout([{ type: 'text', value: text } satisfies Inline], f.style('heading', size, color, bold), 1e6)[0]!;
  const width = (text: string, bold: boolean) => line(text, bold, t.colours.muted).width;
  for (let i = 0; i < pages; i++) {
    pdf.switchToPage(i);
    const pageHeight = pdf.page.height;
    const headY = Math.max(EDGE, frame.top / 2 - size);
    const footY = pageHeight - Math.max(EDGE, (pageHeight - frame.bottom) / 2) - size / 2;
    f.tags.artifact(() => {
      const old = pdf.page.margins;
      pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const put = (text: string, y: number, bold: boolean, color: string, align: 'left' | 'center' | 'right') => {
        const l = line(text, bold, color);
        // Bands are drawn at a fixed height: the top of the text box, as pdfkit places text.
        f.drawLine({ ...l, ascent: f.m.ascent(l.pieces[0]?.font ?? '', size) }, frame.left, y, null, align, frame.right - frame.left);
      };
      const rule = (y: number) => pdf.moveTo(frame.left, y).lineTo(frame.right, y).lineWidth(t.spacing.band_rule_width).strokeColor(t.colours.accent).stroke();
      const room = (frame.right - frame.left - width(meta.marking, true)) / 2 - TITLE_GAP;
      const running = truncate(meta.title, room, (s) => width(s, false));
      put(meta.kind, headY, false, t.colours.muted, 'left');
      put(meta.marking, headY, true, t.colours.marking, 'center');
      put(running, headY, false, t.colours.muted, 'right');
      rule(headY + size + gap);
      rule(footY - gap - 1);
      put(meta.marking, footY, true, t.colours.marking, 'center');
      put(`Page ${i + 1} of ${pages}`, footY, false, t.colours.muted, 'right');
      put(meta.author, footY, false, t.colours.muted, 'left');
      pdf.page.margins = old;
    }, 'Pagination');
  }
}

function truncate(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  let s = text;
  while (s.length > 1 && measure(s + '…') > width) s = s.slice(0, -1);
  return s.trimEnd() + '…';
}
