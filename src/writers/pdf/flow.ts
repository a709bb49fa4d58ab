/**
 * The running state of one PDF: where the next line goes, when a page
 * breaks, how text is laid out into lines and drawn. Block handlers
 * (blocks.ts, table.ts, notes.ts) work through it; it knows no node type.
 */
import type { Inline } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import { mainDirection, mirrored, visualOrder } from '../text/bidi.js';
import { graphemeClusters } from '../text/breaks.js';
import type { FontSet, Role } from '../text/fonts.js';
import type { FontFile } from '../text/load.js';
import { hasRtl, runLanguage } from '../text/scripts.js';
import { pieces, runs, wrap, type InlineContext, type Line, type Measure, type Piece, type Style } from './inline.js';
import { drawnFont, markedInsideText, useFont, type Frame, type Struct } from './pdfkit.js';
import type { Tagger } from './tagging.js';

/** A raised note number sits this far up, as a share of the line's ascent and of its own. */
const SUP_RAISE = { line: 0.78, own: 0.35 };
/** A link's clickable box is this many times its font size high. */
const LINK_BOX = 1.15;

/**
 * What is measured of a font at 1 pt, kept with the parsed font itself (fonts
 * are parsed once per process), not with its key: a key (f0-regular) names
 * another file once a theme's fonts change under --watch.
 */
interface Metrics { perEm: number; ascent: number; advances: Map<number, number>; shaped: Map<string, number> }
const METRICS = new WeakMap<FontFile, Metrics>();

function metricsOf(f: FontFile): Metrics {
  let m = METRICS.get(f);
  if (!m) {
    // fontkit's ascent and unitsPerEm getters look their table up at every call (0.2 s of the 100x run).
    const perEm = f.font.unitsPerEm;
    METRICS.set(f, (m = { perEm, ascent: f.font.ascent / perEm, advances: new Map(), shaped: new Map() }));
  }
  return m;
}

export class Flow {
  y: number;
  readonly width: number;
  private readonly refAnchors = new Set<number>();
  readonly m: Measure;
  /** The outline entry of the title, under which headings 1 go. */
  outlineTop: PDFKit.PDFOutline | undefined;
  /** How deep in lists the block being drawn is (0 outside any): a list's bullet is its depth's. */
  listDepth = 0;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly theme: Theme,
    readonly fonts: FontSet,
    readonly frame: Frame,
    readonly tags: Tagger,
    /** The document's direction, from its language. */
    readonly docDirection: 'ltr' | 'rtl' = 'ltr',
    /** The document's language (the catalog's /Lang): a Span says its own only where it differs. */
    readonly docLanguage = 'und',
  ) {
    this.y = frame.top;
    this.width = frame.right - frame.left;
    this.m = {
      // Widths from the glyphs' advances (text is set without shaping; see fonts.ts), cached per font.
      width: (font, size, text) => {
        const f = fonts.file(font);
        const { advances, perEm } = metricsOf(f);
        let w = 0;
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          let a = advances.get(cp);
          if (a === undefined) {
            a = f.font.glyphForCodePoint(cp).advanceWidth / perEm;
            advances.set(cp, a);
          }
          w += a;
        }
        return w * size;
      },
      // Shaped runs: fontkit's layout in the run's direction (mirrored brackets included), cached.
      shapedWidth: (font, rtl, size, text) => {
        const f = fonts.file(font);
        const { shaped, perEm } = metricsOf(f);
        const id = `${rtl ? 'r' : 'l'}\u0000${text}`;
        let w = shaped.get(id);
        if (w === undefined) {
          w = f.shaped[rtl ? 'rtl' : 'ltr'].layout(rtl ? mirrored(text) : text).advanceWidth / perEm;
          shaped.set(id, w);
        }
        return w * size;
      },
      // From the font itself, as pdfkit computes it, without touching pdfkit's state.
      ascent: (font, size) => metricsOf(fonts.file(font)).ascent * size,
    };
  }

  /** The height of a line of text at this size. */
  lineHeight(size: number): number {
    return size * this.theme.spacing.line_height + this.theme.fonts.line_gap;
  }

  get atTop(): boolean {
    return this.y <= this.frame.top + 0.5;
  }

  /** Called on every page the flow adds, before anything is drawn on it (the watermark). */
  onPage: (() => void) | undefined;

  newPage(): void {
    this.tags.close();
    this.pdf.addPage();
    this.onPage?.();
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

  /** The characters each glyph of a right-to-left piece stands for, in the order the glyphs are drawn (brackets as written, not as mirrored). */
  private glyphTexts(p: Piece, drawn: string): string[] {
    if (p.shaped) return this.fonts.file(p.font).glyphChars(drawn, 'rtl').map(mirrored);
    return [...drawn].map(mirrored);
  }

  /** The paragraph's direction: right to left when all its strong characters are, else the document's. */
  private direction(list: { text: string }[]): 'ltr' | 'rtl' {
    // Most paragraphs hold no right-to-left character: their direction is the document's without joining anything.
    if (!list.some((r) => hasRtl(r.text))) return this.docDirection;
    return mainDirection(list.map((r) => r.text).join(''), undefined, this.docDirection);
  }

  /** Inline content laid out into lines of at most `width`. */
  layout(nodes: readonly Inline[], base: Style, width: number): Line[] {
    const list = runs(nodes, this.context(base, true));
    const dir = this.direction(list);
    return wrap(pieces(list, this.fonts, this.m, dir), width, this.m, (size) => this.lineHeight(size), dir === 'rtl');
  }

  /** The pieces of inline content, for measuring only (no note anchors are placed). */
  measure(nodes: readonly Inline[], base: Style): Piece[] {
    const list = runs(nodes, this.context(base, false));
    return pieces(list, this.fonts, this.m, this.direction(list));
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
  /** One line at a given place; `el` is the element its content belongs to, or null inside an artifact (the bands). */
  drawLine(line: Line, x: number, top: number, el: Struct | null, align: 'left' | 'right' | 'center', width: number): void {
    const pdf = this.pdf;
    // A right-to-left paragraph's lines sit against the right margin.
    const side = align === 'left' && line.rtl ? 'right' : align;
    let cx = side === 'right' ? x + width - line.width : side === 'center' ? x + (width - line.width) / 2 : x;
    const baseline = top + line.ascent;
    // Pieces in visual order (bidi rule L2), each drawn as it looks: shaped runs are ordered by fontkit,
    // right-to-left glyph-for-glyph runs are reversed by cluster, with mirrored brackets.
    const bidi = line.pieces.some((p) => p.level > 0);
    const order = bidi ? visualOrder(line.pieces.map((p) => p.level)).map((k) => line.pieces[k]!) : line.pieces;
    const shown = bidi ? order.map((p) => (p.shaped || p.level % 2 === 0 ? p.text : graphemeClusters(mirrored(p.text)).reverse().join(''))) : undefined;
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
      const x0 = cx;
      // A glyph the font shares between characters (・ and ·, ～ and 〜) reads in the PDF as the first it was drawn
      // for (one ToUnicode entry a glyph): text with such a character carries its own as ActualText.
      const misread = !p.shaped && !rtl && readsAsOther(this.fonts.file(p.font).font as unknown as Parameters<typeof readsAsOther>[0], text);
      const draw = (owner: Struct | null) => {
        const set = (mark: Struct | null, options?: { lang?: string; actual?: string }) => {
          if (mark) this.tags.mark(mark, options);
          for (const a of [p.style.anchor ?? []].flat()) pdf.addNamedDestination(a, 'XYZ', x0, Math.max(0, top - 4), null);
          pdf.font(font).fontSize(p.size).fillColor(p.style.color).text(glyphs, x0, yTop, { lineBreak: false, underline: !!p.style.underline && !p.style.sup && !p.trailing, strike: !!p.style.strike && !p.trailing });
        };
        // Text in another language or script, reordered or shaped: a Span with its language and its
        // logical text as ActualText, so that extraction and copying give the words in reading order.
        if (owner && (needsSpan(p) || misread)) {
          const own = runLanguage(p.style.lang, this.docLanguage, p.script);
          const lang = own.toLowerCase() === this.docLanguage.toLowerCase() ? undefined : own;
          // ActualText where shaping reorders glyphs inside a left-to-right run (Indic vowel signs before
          // their consonant); right-to-left runs are drawn in visual order, which readers put back themselves.
          const options = { ...(lang ? { lang } : {}), ...(p.shaped && !rtl ? { actual: p.text } : misread ? { actual: text } : {}) };
          // Right to left: each glyph carries its own characters (readers put the glyphs back in reading order).
          const glyphTexts = rtl ? this.glyphTexts(p, glyphs) : undefined;
          this.tags.tag('Span', owner, (span) => markedInsideText(pdf, () => this.tags.mark(span, options), () => set(null), () => this.tags.close(), glyphTexts), options);
        } else set(owner);
      };
      const link = p.style.link;
      if (link && el) {
        this.tags.tag('Link', el, (linkEl) => {
          draw(linkEl);
          const h = p.size * LINK_BOX;
          // Each link annotation carries a description (Contents), as PDF/UA asks.
          if ('url' in link) pdf.link(cx, yTop, w, h, link.url, { structParent: linkEl, Contents: new String(`Link to ${link.url}`) } as object);
          else pdf.goTo(cx, yTop, w, h, link.dest, { structParent: linkEl, Contents: new String(p.style.sup ? `Note ${link.dest.replace(/^note-/, '')}` : `Back to the text of note ${link.dest.replace(/^ref-/, '')}`) } as object);
        });
      } else draw(el);
      cx += w;
      i = j;
    }
  }
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
  return !a.trailing && !b.trailing && a.font === b.font && a.size === b.size && a.style.color === b.style.color && a.style.link === b.style.link && !!a.style.sup === !!b.style.sup && !!a.style.underline === !!b.style.underline && !!a.style.strike === !!b.style.strike;
}
