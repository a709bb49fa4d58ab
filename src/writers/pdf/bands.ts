/**
 * The header and footer bands of every page, drawn once the page count is
 * known: the kind of document, the handling marking and the running title
 * above; the author, the marking and "Page N of M" below. Pagination
 * artifacts, not content.
 */
import type { Meta } from '../../doc/tree.js';
import type { Face, Role } from '../fonts.js';
import type { Flow } from './flow.js';
import { fontKey } from './pdfkit.js';

/** The least distance of a band from the paper's edge. */
const EDGE = 8;
/** Room kept between the marking and the running title. */
const TITLE_GAP = 12;

export function bands(f: Flow, meta: Meta, pages: number): void {
  const { pdf, theme: t, frame } = f;
  const size = t.spacing.band_size;
  const gap = t.spacing.band_gap;
  const width = (role: Role, face: Face, s: string) => f.m.width(fontKey(role, face), size, s);
  for (let i = 0; i < pages; i++) {
    pdf.switchToPage(i);
    const pageHeight = pdf.page.height;
    const headY = Math.max(EDGE, frame.top / 2 - size);
    const footY = pageHeight - Math.max(EDGE, (pageHeight - frame.bottom) / 2) - size / 2;
    f.tags.artifact(() => {
      const old = pdf.page.margins;
      pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const put = (text: string, y: number, face: Face, color: string, align: 'left' | 'center' | 'right') => {
        const w = width('heading', face, text);
        const x = align === 'left' ? frame.left : align === 'right' ? frame.right - w : (frame.left + frame.right - w) / 2;
        pdf.font(fontKey('heading', face)).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
      };
      const rule = (y: number) => pdf.moveTo(frame.left, y).lineTo(frame.right, y).lineWidth(t.spacing.band_rule_width).strokeColor(t.colours.accent).stroke();
      const room = (frame.right - frame.left - width('heading', 'bold', meta.marking)) / 2 - TITLE_GAP;
      const running = truncate(meta.title, room, (s) => width('heading', 'regular', s));
      put(meta.kind, headY, 'regular', t.colours.muted, 'left');
      put(meta.marking, headY, 'bold', t.colours.marking, 'center');
      put(running, headY, 'regular', t.colours.muted, 'right');
      rule(headY + size + gap);
      rule(footY - gap - 1);
      put(meta.marking, footY, 'bold', t.colours.marking, 'center');
      put(`Page ${i + 1} of ${pages}`, footY, 'regular', t.colours.muted, 'right');
      put(meta.author, footY, 'regular', t.colours.muted, 'left');
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
