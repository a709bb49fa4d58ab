/**
 * The header and footer bands of every page, drawn once the page count is
 * known: the kind of document, the handling marking and the running title
 * above; the author, the marking and "Page N of M" below. Pagination
 * artifacts, not content. Nothing overprints: the marking is fitted first,
 * the page number is kept whole, and the other texts take what is left.
 */
import type { Meta } from '../../doc/tree.js';
import type { Inline } from '../../doc/tree.js';
import { fill } from '../../shared/labels.js';
import { cutAtWord, fitWidth } from '../text/measure.js';
import type { Painter } from './paint.js';

/** The least distance of a band from the paper's edge. */
const EDGE = 8;
/** Room kept between the marking and the texts beside it. */
const TITLE_GAP = 12;
/** The smallest a long marking is set, as a share of the band size, before it wraps. */
const MIN_SCALE = 0.8;
/** How much smaller a long marking gets at each try, as a share of the band size. */
const SCALE_STEP = 0.05;
/** The lines of a two-line marking or copy line sit this share of the line height apart (tighter than body text). */
const BAND_LEADING = 0.92;
/** A copy line's top under the footer band's, as a share of the band size. */
const COPY_OFFSET = 1.4;

/**
 * Where the marking goes: one line at the band size or, when it is long,
 * smaller down to MIN_SCALE of it, then on two lines, the second cut with an
 * ellipsis only if even two lines cannot hold it. It never runs into the
 * texts beside it: they get what is left, and are cut first.
 */
export function fitMarking(
  marking: string,
  room: number,
  size: number,
  measure: (s: string, size: number) => number,
): { lines: string[]; size: number } {
  for (let s = size; s >= size * MIN_SCALE - 1e-9; s -= size * SCALE_STEP) {
    if (measure(marking, s) <= room) return { lines: [marking], size: s };
  }
  const s = size * MIN_SCALE;
  const words = marking.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && measure(first ? `${first} ${words[i]}` : words[i]!, s) <= room)
    first = first ? `${first} ${words[i++]}` : words[i++]!;
  if (!first) return { lines: [fitWidth(marking, room, (t) => measure(t, s))], size: s };
  const rest = words.slice(i).join(' ');
  return { lines: [first, fitWidth(rest, room, (t) => measure(t, s))], size: s };
}

/**
 * One line across the room: at the band size or smaller down to MIN_SCALE of
 * it, then cut at its end with an ellipsis (a copy's line ends with the
 * recipient's organisation, which the metadata and the register keep whole).
 */
export function fitLine(
  text: string,
  room: number,
  size: number,
  measure: (s: string, size: number) => number,
): { lines: string[]; size: number } {
  for (let s = size; s >= size * MIN_SCALE - 1e-9; s -= size * SCALE_STEP) {
    if (measure(text, s) <= room) return { lines: [text], size: s };
  }
  const s = size * MIN_SCALE;
  return { lines: [fitWidth(text, room, (t) => measure(t, s))], size: s };
}

/**
 * The footer band's top. Without a copy, the band is centred in the bottom
 * margin. A numbered copy's line goes under it and keeps the distance from the
 * paper's edge the band keeps without one (half the theme's bottom margin, so
 * that a printer's unprinted border does not clip it, as 4.3 mm from the edge
 * could): the band, and a two-line marking, move up over it, staying a band
 * gap under the text frame; only a margin too small for the whole stack
 * brings the copy line nearer the edge, and never nearer than EDGE.
 */
function footerTop(
  pageHeight: number,
  frameBottom: number,
  size: number,
  gap: number,
  extra: number,
  copyHeight: number,
): number {
  const plain = pageHeight - Math.max(EDGE, (pageHeight - frameBottom) / 2) - size / 2;
  if (!copyHeight) return plain;
  // From the band's top to the copy line's bottom.
  const under = extra + size * COPY_OFFSET + copyHeight;
  const wanted = plain + size - under;
  const highest = frameBottom + 2 * gap + 1;
  return Math.min(Math.max(wanted, highest), pageHeight - EDGE - under);
}

export function bands(p: Painter, meta: Meta, pages: number): void {
  const { pdf, theme: t, frame, flow: f } = p;
  const size = t.spacing.band_size;
  const gap = t.spacing.band_gap;
  const width = frame.right - frame.left;
  // Band text goes through the same layout as the body: fallback fonts, shaping and direction for any script.
  const line = (text: string, bold: boolean, color: string, sz = size) =>
    f.layout([{ type: 'text', value: text } satisfies Inline], f.style('heading', sz, color, bold), 1e6)[0]!;
  const measure = (text: string, bold: boolean, sz = size) => line(text, bold, t.colours.muted, sz).width;
  // The page number is never cut: the marking leaves room for it on both sides (it is centred).
  const pageText = (i: number) => fill(meta.pageLabel, { n: i, total: pages });
  const side = Math.max(measure(pageText(pages), false), measure(fill(meta.pageLabel, { n: 10, total: 10 }), false));
  const mark = fitMarking(meta.marking, width - 2 * (side + TITLE_GAP), size, (s, sz) => measure(s, true, sz));
  const markWidth = Math.max(...mark.lines.map((l) => measure(l, true, mark.size)));
  const markLine = f.lineHeight(mark.size) * BAND_LEADING;
  const room = (width - markWidth) / 2 - TITLE_GAP;
  // The version and status follow the kind of document: "Briefing memo · Version 2.0, Draft".
  const kind = fitWidth(meta.version ? `${meta.kind} · ${meta.version}` : meta.kind, room, (s) => measure(s, false));
  const running = cutAtWord(meta.running ?? meta.title, room, (s) => measure(s, false));
  const author = fitWidth(meta.author, room, (s) => measure(s, false));
  const copy = meta.copy ? fitLine(meta.copy, width, size, (s, sz) => measure(s, true, sz)) : undefined;
  const copyLine = copy ? f.lineHeight(copy.size) * BAND_LEADING : 0;
  // A two-line marking grows away from the page: up in the header, down in the footer.
  const extra = (mark.lines.length - 1) * markLine;
  for (let i = 0; i < pages; i++) {
    pdf.switchToPage(i);
    const pageHeight = pdf.page.height;
    const headY = Math.max(EDGE, frame.top / 2 - size);
    const footY = footerTop(pageHeight, frame.bottom, size, gap, extra, copy ? copy.lines.length * copyLine : 0);
    const copyTop = footY + extra + size * COPY_OFFSET;
    p.tags.artifact(() => {
      const old = pdf.page.margins;
      pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const put = (
        text: string,
        y: number,
        bold: boolean,
        color: string,
        align: 'left' | 'center' | 'right',
        sz = size,
      ) => {
        const l = line(text, bold, color, sz);
        // Bands are drawn at a fixed height: the top of the text box, as pdfkit places text.
        p.drawLine({ ...l, ascent: f.m.ascent(l.pieces[0]?.font ?? '', sz) }, frame.left, y, null, align, width);
      };
      const rule = (y: number) =>
        pdf
          .moveTo(frame.left, y)
          .lineTo(frame.right, y)
          .lineWidth(t.spacing.band_rule_width)
          .strokeColor(t.colours.accent)
          .stroke();
      const headTop = Math.max(EDGE, headY - extra);
      mark.lines.forEach((l, k) =>
        put(l, headTop + k * markLine + (size - mark.size), true, t.colours.marking, 'center', mark.size),
      );
      put(kind, headY, false, t.colours.muted, 'left');
      put(running, headY, false, t.colours.muted, 'right');
      rule(headY + size + gap);
      rule(footY - gap - 1);
      const footTop = copy ? footY : Math.min(footY, pageHeight - EDGE - size - extra);
      mark.lines.forEach((l, k) =>
        put(l, footTop + k * markLine + (size - mark.size), true, t.colours.marking, 'center', mark.size),
      );
      put(pageText(i + 1), footY, false, t.colours.muted, 'right');
      put(author, footY, false, t.colours.muted, 'left');
      // A numbered copy's line goes under the footer band, across the page, on one line: a long organisation is shortened.
      if (copy)
        copy.lines.forEach((l, k) => put(l, copyTop + k * copyLine, true, t.colours.muted, 'center', copy.size));
      pdf.page.margins = old;
    }, 'Pagination');
  }
}

/** The watermark's grey: light enough that the text over it reads, dark enough to show in greyscale and on a photocopy. */
const WATERMARK_GREY = '#c8c8c8';
/** The watermark spans this share of the page's diagonal. */
const WATERMARK_SPAN = 0.6;
/** It is never taller than the page's shorter side divided by this. */
const WATERMARK_HEIGHT_PARTS = 6;
/** A capital's height as a share of the font size (for the height limit), and the baseline's shift to centre the word on the page. */
const CAP_HEIGHT = 0.72;
const CENTRE_SHIFT = 0.36;

/**
 * DRAFT or SUPERSEDED across the page, corner to corner, drawn first so that
 * the text lies over it: a solid light grey (no transparency, which PDF/A-1
 * forbids), legible in greyscale. An artifact, not content.
 */
export function watermark(p: Painter, text: string): void {
  const { pdf, frame, flow: f } = p;
  const [w, h] = frame.size;
  const angle = (Math.atan2(h, w) * 180) / Math.PI;
  const style = f.style('heading', 100, WATERMARK_GREY, true);
  const at100 = f.layout([{ type: 'text', value: text }], style, 1e6)[0]!.width;
  const size = Math.min(
    (100 * WATERMARK_SPAN * Math.hypot(w, h)) / Math.max(at100, 1),
    Math.min(w, h) / WATERMARK_HEIGHT_PARTS / CAP_HEIGHT,
  );
  const line = f.layout([{ type: 'text', value: text }], f.style('heading', size, WATERMARK_GREY, true), 1e6)[0]!;
  const ascent = f.m.ascent(line.pieces[0]?.font ?? '', size);
  p.tags.artifact(() => {
    pdf.save();
    pdf.rotate(-angle, { origin: [w / 2, h / 2] });
    const old = pdf.page.margins;
    pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    p.drawLine({ ...line, ascent }, 0, h / 2 - size * CENTRE_SHIFT, null, 'center', w);
    pdf.page.margins = old;
    pdf.restore();
  }, 'Pagination');
}
