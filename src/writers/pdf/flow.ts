/**
 * The running state of one PDF: where the next line goes, when a page
 * breaks, how text is laid out into lines and drawn. Block handlers
 * (blocks.ts, table.ts, notes.ts) work through it; it knows no node type.
 */
import type { Inline } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import type { FontSet, Role } from '../fonts.js';
import { pieces, runs, wrap, type InlineContext, type Line, type Measure, type Piece, type Style } from './inline.js';
import { fontKey, type Frame, type Struct } from './pdfkit.js';
import type { Tagger } from './tagging.js';

/** A raised note number sits this far up, as a share of the line's ascent and of its own. */
const SUP_RAISE = { line: 0.78, own: 0.35 };
/** A link's clickable box is this many times its font size high. */
const LINK_BOX = 1.15;

/** Advance widths at 1 pt, by font key and code point (the fonts are parsed once per process). */
const ADVANCES = new Map<string, Map<number, number>>();

export class Flow {
  y: number;
  readonly width: number;
  private readonly refAnchors = new Set<number>();
  readonly m: Measure;
  /** The outline entry of the title, under which headings 1 go. */
  outlineTop: PDFKit.PDFOutline | undefined;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly theme: Theme,
    readonly fonts: FontSet,
    readonly frame: Frame,
    readonly tags: Tagger,
  ) {
    this.y = frame.top;
    this.width = frame.right - frame.left;
    this.m = {
      // Widths from the glyphs' advances (text is set without shaping; see fonts.ts), cached per font.
      width: (font, size, text) => {
        const f = fonts.fonts.get(font)!;
        let advances = ADVANCES.get(font);
        if (!advances) ADVANCES.set(font, (advances = new Map()));
        let w = 0;
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          let a = advances.get(cp);
          if (a === undefined) {
            a = f.font.glyphForCodePoint(cp).advanceWidth / f.font.unitsPerEm;
            advances.set(cp, a);
          }
          w += a;
        }
        return w * size;
      },
      // From the font itself, as pdfkit computes it, without touching pdfkit's state.
      ascent: (font, size) => {
        const f = fonts.fonts.get(font)!.font;
        return (f.ascent / f.unitsPerEm) * size;
      },
    };
  }

  /** The height of a line of text at this size. */
  lineHeight(size: number): number {
    return size * this.theme.spacing.line_height + this.theme.fonts.line_gap;
  }

  get atTop(): boolean {
    return this.y <= this.frame.top + 0.5;
  }

  newPage(): void {
    this.tags.close();
    this.pdf.addPage();
    this.y = this.frame.top;
  }

  /** Breaks the page unless `height` fits below the current position (never on a fresh page). */
  ensure(height: number): void {
    if (this.y + height > this.frame.bottom && !this.atTop) this.newPage();
  }

  style(role: Role, size: number, color: string, bold = false, italic = false): Style {
    return { role, size, color, bold, italic };
  }

  private context(base: Style, placeAnchors: boolean): InlineContext {
    return {
      base,
      linkColor: this.theme.colours.link,
      refAnchor: (n) => {
        if (!placeAnchors || this.refAnchors.has(n)) return undefined;
        this.refAnchors.add(n);
        return `ref-${n}`;
      },
    };
  }

  /** Inline content laid out into lines of at most `width`. */
  layout(nodes: readonly Inline[], base: Style, width: number): Line[] {
    const list = pieces(runs(nodes, this.context(base, true)), this.fonts, this.m, fontKey);
    return wrap(list, width, this.m, (size) => this.lineHeight(size));
  }

  /** The pieces of inline content, for measuring only (no note anchors are placed). */
  measure(nodes: readonly Inline[], base: Style): Piece[] {
    return pieces(runs(nodes, this.context(base, false)), this.fonts, this.m, fontKey);
  }

  /** Draws lines from the current position, breaking pages between lines; content tagged under `el`. */
  lines(lines: Line[], x: number, el: Struct, align: 'left' | 'right' | 'center' = 'left', width = this.width): void {
    const fits = (from: number, count: number) => this.y + lines.slice(from, from + count).reduce((s, l) => s + l.height, 0) <= this.frame.bottom;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // No first line alone at a page foot, no last line alone at a page head.
      if (i === 0 && lines.length > 1 && !fits(0, 2)) this.newPage();
      else if (i === lines.length - 2 && i > 0 && fits(i, 1) && !fits(i, 2) && lines.length >= 4) this.newPage();
      this.ensure(line.height);
      this.drawLine(line, x, this.y, el, align, width);
      this.y += line.height;
    }
  }

  /** One line at a given place; runs of pieces that share a font, size, colour and link are set as one string. */
  drawLine(line: Line, x: number, top: number, el: Struct, align: 'left' | 'right' | 'center', width: number): void {
    const pdf = this.pdf;
    let cx = align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
    const baseline = top + line.ascent;
    let i = 0;
    while (i < line.pieces.length) {
      const p = line.pieces[i]!;
      let text = p.text;
      let w = p.width;
      let j = i + 1;
      while (j < line.pieces.length && same(line.pieces[j]!, p) && !line.pieces[j]!.style.anchor) {
        text += line.pieces[j]!.text;
        w += line.pieces[j]!.width;
        j++;
      }
      const ascent = this.m.ascent(p.font, p.size);
      const yTop = p.style.sup ? baseline - line.ascent * SUP_RAISE.line - ascent * SUP_RAISE.own : baseline - ascent;
      const draw = (owner: Struct) => {
        this.tags.mark(owner);
        if (p.style.anchor) pdf.addNamedDestination(p.style.anchor, 'XYZ', cx, Math.max(0, top - 4), null);
        pdf.font(p.font).fontSize(p.size).fillColor(p.style.color).text(text, cx, yTop, { lineBreak: false, underline: !!p.style.underline && !p.style.sup, strike: !!p.style.strike });
      };
      const link = p.style.link;
      if (link) {
        this.tags.tag('Link', el, (linkEl) => {
          draw(linkEl);
          const h = p.size * LINK_BOX;
          // Each link annotation carries a description (Contents), as PDF/UA asks.
          if ('url' in link) pdf.link(cx, yTop, w, h, link.url, { structParent: linkEl, Contents: new String(`Link to ${link.url}`) } as object);
          else pdf.goTo(cx, yTop, w, h, link.dest, { structParent: linkEl, Contents: new String(p.style.sup ? `Note ${text.replace(/^,/, '')}` : `Back to the text of note ${link.dest.replace(/^ref-/, '')}`) } as object);
        });
      } else draw(el);
      cx += w;
      i = j;
    }
  }
}

function same(a: Piece, b: Piece): boolean {
  return a.font === b.font && a.size === b.size && a.style.color === b.style.color && a.style.link === b.style.link && !!a.style.sup === !!b.style.sup && !!a.style.underline === !!b.style.underline && !!a.style.strike === !!b.style.strike;
}
