/**
 * Painting: page frames (frames.ts) read into pdfkit, piece by piece in the
 * order layout recorded them, with the structure elements they name made as
 * they come; then what only painting knows (the running bands need the page
 * count). A line of text is drawn here: runs set as strings, right-to-left
 * text in visual order, Spans for other languages and scripts, links.
 */
import { unreachable } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import { mirrored, visualOrder } from '../text/bidi.js';
import { graphemeClusters } from '../text/breaks.js';
import type { FontSet } from '../text/fonts.js';
import { runLanguage } from '../text/scripts.js';
import type { Flow } from './flow.js';
import type { Align, Item, Laid } from './frames.js';
import type { Line, Measure, Piece } from './inline.js';
import { drawnFont, markedInsideText, useFont, type Frame, type Struct } from './pdfkit.js';
import { PdfTagger } from './tagging.js';

/** A raised note number sits this far up, as a share of the line's ascent and of its own. */
const SUP_RAISE = { line: 0.78, own: 0.35 };
/** A link's clickable box is this many times its font size high. */
const LINK_BOX = 1.15;

export class Painter {
  readonly tags: PdfTagger;
  readonly theme: Theme;
  readonly fonts: FontSet;
  readonly frame: Frame;
  readonly m: Measure;
  private readonly docLanguage: string;
  /** The outline entry of the title, under which headings 1 go. */
  private outlineTop: PDFKit.PDFOutline | undefined;

  /** `flow` is the layout's (its text setting lays out what painting adds: the bands, the watermark). */
  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly flow: Flow,
  ) {
    this.tags = new PdfTagger(pdf);
    this.theme = flow.theme;
    this.fonts = flow.fonts;
    this.frame = flow.frame;
    this.m = flow.m;
    this.docLanguage = flow.docLanguage;
  }

  /** Every page of the frames, in order: each new page added, and `onPage` (the watermark) first on each. */
  paint(laid: Laid, onPage?: () => void): void {
    laid.pages.forEach((page, i) => {
      if (i > 0) this.pdf.addPage();
      onPage?.();
      for (const item of page.items) this.item(item);
    });
  }

  private item(it: Item): void {
    const pdf = this.pdf;
    switch (it.k) {
      case 'line':
        return this.drawLine(it.line, it.x, it.top, it.el && this.tags.of(it.el), it.align, it.width);
      case 'rect':
        if (it.fill) pdf.rect(it.x, it.y, it.w, it.h).fill(it.fill);
        if (it.stroke)
          pdf.rect(it.x, it.y, it.w, it.h).lineWidth(it.stroke.width).strokeColor(it.stroke.color).stroke();
        return;
      case 'rule':
        pdf.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).lineWidth(it.pen.width).strokeColor(it.pen.color).stroke();
        return;
      case 'boxes':
        pdf.save().lineWidth(it.pen.width).strokeColor(it.pen.color);
        for (const b of it.boxes) pdf.rect(it.x + b.x, it.top + b.y, b.w, b.h).fillAndStroke(b.fill, it.pen.color);
        pdf.restore();
        return;
      case 'open':
        return this.tags.make(it.els, it.parent);
      case 'end':
        return this.tags.end(it.els);
      case 'mark':
        return this.tags.mark(this.tags.of(it.el));
      case 'close':
        return this.tags.close();
      case 'artifact':
        return this.tags.artifact(() => it.items.forEach((x) => this.item(x)), it.type);
      case 'dest':
        pdf.addNamedDestination(it.name, 'XYZ', it.x, it.y, null);
        return;
      case 'outline':
        if (it.depth <= 1) this.outlineTop = pdf.outline.addItem(it.title, { expanded: true });
        else (this.outlineTop ?? pdf.outline).addItem(it.title);
        return;
      default:
        return unreachable(it);
    }
  }

  /** The characters each glyph of a right-to-left piece stands for, in the order the glyphs are drawn (brackets as written, not as mirrored). */
  private glyphTexts(p: Piece, drawn: string): string[] {
    if (p.shaped) return this.fonts.file(p.font).glyphChars(drawn, 'rtl').map(mirrored);
    return [...drawn].map(mirrored);
  }

  /**
   * One line at a given place; `el` is the element its content belongs to, or null inside an artifact (the bands).
   * Runs of pieces that share a font, size, colour and link are set as one string.
   */
  drawLine(line: Line, x: number, top: number, el: Struct | null, align: Align, width: number): void {
    const pdf = this.pdf;
    // A right-to-left paragraph's lines sit against the right margin.
    const side = align === 'left' && line.rtl ? 'right' : align;
    let cx = side === 'right' ? x + width - line.width : side === 'center' ? x + (width - line.width) / 2 : x;
    const baseline = top + line.ascent;
    // Pieces in visual order (bidi rule L2), each drawn as it looks: shaped runs are ordered by fontkit,
    // right-to-left glyph-for-glyph runs are reversed by cluster, with mirrored brackets.
    const bidi = line.pieces.some((p) => p.level > 0);
    const order = bidi ? visualOrder(line.pieces.map((p) => p.level)).map((k) => line.pieces[k]!) : line.pieces;
    const shown = bidi
      ? order.map((p) =>
          p.shaped || p.level % 2 === 0 ? p.text : graphemeClusters(mirrored(p.text)).reverse().join(''),
        )
      : undefined;
    let i = 0;
    while (i < order.length) {
      const p = order[i]!;
      let text = shown ? shown[i]! : p.text;
      let w = p.width;
      let j = i + 1;
      // Glyph-for-glyph pieces that share everything are set as one string; shaped ones never (they would be reshaped together).
      // So are words of one language set glyph for glyph (a name in the dataset's English inside a French memo): one Span.
      while (j < order.length && joinable(p, order[j]!) && same(order[j]!, p) && !order[j]!.style.anchor) {
        text += shown ? shown[j]! : order[j]!.text;
        w += order[j]!.width;
        j++;
      }
      const ascent = this.m.ascent(p.font, p.size);
      const yTop = p.style.sup ? baseline - line.ascent * SUP_RAISE.line - ascent * SUP_RAISE.own : baseline - ascent;
      const rtl = p.level % 2 === 1;
      const font = useFont(pdf, this.fonts, drawnFont(p.font, p.shaped, rtl));
      const glyphs = p.shaped && rtl ? mirrored(text) : text;
      // A glyph the font shares between characters (・ and ·, ～ and 〜) reads in the PDF as the first it was drawn
      // for (one ToUnicode entry a glyph): text with such a character carries its own as ActualText.
      const misread =
        !p.shaped &&
        !rtl &&
        readsAsOther(this.fonts.file(p.font).font as unknown as Parameters<typeof readsAsOther>[0], text);
      this.drawRun({ p, text, glyphs, font, x: cx, yTop, top, rtl, misread }, w, el);
      cx += w;
      i = j;
    }
  }

  /** One run of a line: in a Link element (with its annotation) when it links, else in the line's element. */
  private drawRun(run: Run, w: number, el: Struct | null): void {
    const { p, x, yTop } = run;
    const link = p.style.link;
    if (!link || !el) return this.setRun(run, el);
    const pdf = this.pdf;
    this.tags.tag('Link', el, (linkEl) => {
      this.setRun(run, linkEl);
      const h = p.size * LINK_BOX;
      // Each link annotation carries a description (Contents), as PDF/UA asks.
      if ('url' in link)
        pdf.link(x, yTop, w, h, link.url, {
          structParent: linkEl,
          Contents: new String(`Link to ${link.url}`),
        } as object);
      else
        pdf.goTo(x, yTop, w, h, link.dest, {
          structParent: linkEl,
          Contents: new String(
            p.style.sup
              ? `Note ${link.dest.replace(/^note-/, '')}`
              : `Back to the text of note ${link.dest.replace(/^ref-/, '')}`,
          ),
        } as object);
    });
  }

  /** Sets a run's text, marked in `owner` (null inside an artifact), in a Span of its own where it needs one. */
  private setRun(run: Run, owner: Struct | null): void {
    const { p, text, glyphs, font, x: x0, yTop, top, rtl, misread } = run;
    const pdf = this.pdf;
    const set = (mark: Struct | null, options?: { lang?: string; actual?: string }) => {
      if (mark) this.tags.mark(mark, options);
      for (const a of [p.style.anchor ?? []].flat()) pdf.addNamedDestination(a, 'XYZ', x0, Math.max(0, top - 4), null);
      pdf
        .font(font)
        .fontSize(p.size)
        .fillColor(p.style.color)
        .text(glyphs, x0, yTop, {
          lineBreak: false,
          underline: !!p.style.underline && !p.style.sup && !p.trailing,
          strike: !!p.style.strike && !p.trailing,
        });
    };
    // Text in another language or script, reordered or shaped: a Span with its language and its
    // logical text as ActualText, so that extraction and copying give the words in reading order.
    if (owner && (needsSpan(p) || misread)) {
      const own = runLanguage(p.style.lang, this.docLanguage, p.script);
      const lang = own.toLowerCase() === this.docLanguage.toLowerCase() ? undefined : own;
      // ActualText where shaping reorders glyphs inside a left-to-right run (Indic vowel signs before
      // their consonant); right-to-left runs are drawn in visual order, which readers put back themselves.
      const options = {
        ...(lang ? { lang } : {}),
        ...(p.shaped && !rtl ? { actual: p.text } : misread ? { actual: text } : {}),
      };
      // Right to left: each glyph carries its own characters (readers put the glyphs back in reading order).
      const glyphTexts = rtl ? this.glyphTexts(p, glyphs) : undefined;
      this.tags.tag(
        'Span',
        owner,
        (span) =>
          markedInsideText(
            pdf,
            () => this.tags.mark(span, options),
            () => set(null),
            () => this.tags.close(),
            glyphTexts,
          ),
        options,
      );
    } else set(owner);
  }
}

/** A run of a line's pieces set as one string: the first piece, its text and the glyphs drawn, the font, where. */
interface Run {
  p: Piece;
  text: string;
  glyphs: string;
  font: ReturnType<typeof useFont>;
  x: number;
  yTop: number;
  top: number;
  rtl: boolean;
  misread: boolean;
}

/**
 * Whether some character of the text is drawn with a glyph that the font (fontkit, whose glyph pdfkit's
 * ToUnicode map reads) already holds for another character: the text would be extracted as that one.
 * Two spaces (a space and a no-break space) read alike.
 */
function readsAsOther(font: { glyphForCodePoint(cp: number): { codePoints: number[] } }, text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    const held = font.glyphForCodePoint(cp).codePoints;
    if (held.length === 1 && held[0] === cp) continue;
    const as = String.fromCodePoint(...held);
    if (!(/^\s$/u.test(ch) && /^\s+$/u.test(as))) return true;
  }
  return false;
}

/** Whether a piece is tagged as a Span of its own: another language or script, shaped, or right to left. */
function needsSpan(p: Piece): boolean {
  return p.span;
}

/** Whether two pieces may be set as one string: neither is a Span, or both are Spans only for their language. */
function joinable(a: Piece, b: Piece): boolean {
  if (!needsSpan(a) && !needsSpan(b)) return true;
  const plain = (p: Piece) => needsSpan(p) && !p.shaped && p.level % 2 === 0;
  return plain(a) && plain(b) && a.style.lang === b.style.lang && a.script === b.script;
}

function same(a: Piece, b: Piece): boolean {
  return (
    !a.trailing &&
    !b.trailing &&
    a.font === b.font &&
    a.size === b.size &&
    a.style.color === b.style.color &&
    a.style.link === b.style.link &&
    !!a.style.sup === !!b.style.sup &&
    !!a.style.underline === !!b.style.underline &&
    !!a.style.strike === !!b.style.strike
  );
}
