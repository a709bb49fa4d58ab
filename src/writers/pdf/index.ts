/**
 * The PDF writer: the document tree typeset with pdfkit, as a ministry brief.
 * Reads the tree, the theme and the fonts, nothing else. A4 (or Letter)
 * portrait or landscape; the handling marking, the title and "Page N of M"
 * in bands on every page; outline from the headings; footnotes numbered in
 * the text, collected at the end and linked both ways; tables fitted to the
 * page with the header row repeated on every page they span; a tagged PDF
 * with the PDF/UA identification; the same bytes for the same input.
 */
import PDFDocument from 'pdfkit';
import type { Block, Doc, Inline } from '../../doc/tree.js';
import { inlineText } from '../../doc/tree.js';
import type { DocumentSettings } from '../../render/render.js';
import type { Theme } from '../../render/theme.js';
import type { Face, FontSet, Role } from '../fonts.js';
import { FACES, ROLES } from '../fonts.js';
import { categoryFill, fitColumns } from '../tables.js';
import { maxWidth, minWidth, pieces, runs, wrap, type InlineContext, type Line, type Measure, type Piece, type Style } from './inline.js';

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** Creation date: from the dataset, or SOURCE_DATE_EPOCH. */
  date: Date;
}

const MM = 72 / 25.4;
/** Advance widths at 1 pt, by font key and code point. */
const ADVANCES = new Map<string, Map<number, number>>();

const PAGE: Record<'A4' | 'Letter', [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

type Struct = PDFKit.PDFStructureElement;
type Content = PDFKit.PDFStructureContent;

export async function writePdf(doc: Doc, settings: DocumentSettings, theme: Theme, fonts: FontSet, meta: DocumentMeta): Promise<{ bytes: Buffer; pages: number }> {
  return new PdfWriter(doc, settings, theme, fonts, meta).run();
}

class PdfWriter {
  private readonly pdf: PDFKit.PDFDocument;
  private readonly m: Measure;
  private readonly left: number;
  private readonly right: number;
  private readonly top: number;
  private readonly bottom: number;
  private readonly width: number;
  private y: number;
  private open: { el: Struct; content: Content } | null = null;
  private readonly refAnchors = new Set<number>();
  private outlineTop: PDFKit.PDFOutline | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly settings: DocumentSettings,
    private readonly theme: Theme,
    private readonly fonts: FontSet,
    private readonly meta: DocumentMeta,
  ) {
    const [w, h] = PAGE[theme.page.size];
    const landscape = settings.orientation === 'landscape';
    const size: [number, number] = landscape ? [h, w] : [w, h];
    const mg = theme.page.margins_mm;
    const margins = { top: mg.top * MM, bottom: mg.bottom * MM, left: mg.left * MM, right: mg.right * MM };
    this.pdf = new PDFDocument({
      size,
      margins,
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      tagged: true,
      subset: 'PDF/UA',
      lang: meta.language,
      displayTitle: true,
      compress: true,
      // No default font: pdfkit would parse the Helvetica metrics for every document, and no text is set in it.
      font: null,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Keywords: meta.keywords.join(', '),
        Creator: 'Brief',
        Producer: 'Brief (pdfkit)',
        CreationDate: meta.date,
        ModDate: meta.date,
      },
    } as unknown as PDFKit.PDFDocumentOptions);
    escapeXmpMetadata(this.pdf);
    // Register the parsed fonts themselves (parsed once per process, not once per document),
    // with glyph-for-glyph layout, so that text is set exactly as it was measured.
    for (const role of ROLES) for (const face of FACES) this.pdf.registerFont(key(role, face), fonts.get(role, face).plain as unknown as Buffer);
    this.left = margins.left;
    this.right = size[0] - margins.right;
    this.top = margins.top;
    this.bottom = size[1] - margins.bottom;
    this.width = this.right - this.left;
    this.y = this.top;
    const pdf = this.pdf;
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
      ascent: (font, size) => {
        pdf.font(font).fontSize(size);
        return ((pdf as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
      },
    };
  }

  async run(): Promise<{ bytes: Buffer; pages: number }> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.pdf.on('data', (c: Buffer) => chunks.push(c));
      this.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      this.pdf.on('error', reject);
    });
    const root = this.pdf.struct('Document');
    this.pdf.addStructure(root);
    for (const block of this.doc.blocks) this.block(block, root, this.left, this.width);
    this.notes(root);
    this.close();
    this.end(root);
    const pages = this.pdf.bufferedPageRange().count;
    this.bands(pages);
    this.pdf.end();
    return { bytes: await done, pages };
  }

  // ---- marked content -------------------------------------------------

  private mark(el: Struct): void {
    if (this.open?.el === el) return;
    this.close();
    const type = (el as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S;
    this.open = { el, content: this.pdf.markStructureContent(type) };
  }

  private close(): void {
    if (!this.open) return;
    this.pdf.endMarkedContent();
    this.open.el.add(this.open.content);
    this.open = null;
  }

  /** Ends a structure element, closing any marked content still open first. */
  private end(el: Struct): void {
    this.close();
    el.end();
  }

  private struct(type: string, parent: Struct, options: { scope?: 'Column' | 'Row' } = {}): Struct {
    this.close();
    const el = (this.pdf.struct as (t: string, o: object) => Struct)(type, options);
    parent.add(el);
    return el;
  }

  private newPage(): void {
    this.close();
    this.pdf.addPage();
    this.y = this.top;
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top + 0.5) this.newPage();
  }

  // ---- text -----------------------------------------------------------

  private style(role: Role, size: number, color: string, bold = false, italic = false): Style {
    return { role, size, color, bold, italic };
  }

  private ctx(base: Style): InlineContext {
    return {
      base,
      linkColor: this.theme.colours.link,
      refAnchor: (n) => {
        if (this.refAnchors.has(n)) return undefined;
        this.refAnchors.add(n);
        return `ref-${n}`;
      },
    };
  }

  private layout(nodes: readonly Inline[], base: Style, width: number): Line[] {
    const list = pieces(runs(nodes, this.ctx(base)), this.fonts, this.m, key);
    return wrap(list, width, this.m, (size) => size * 1.22 + this.theme.fonts.line_gap);
  }

  private piecesOf(nodes: readonly Inline[], base: Style): Piece[] {
    // Measuring only: anchors are not placed, so use a context that records none.
    return pieces(runs(nodes, { base, linkColor: this.theme.colours.link, refAnchor: () => undefined }), this.fonts, this.m, key);
  }

  /** Draws lines from this.y, breaking pages between lines; content tagged under `el`. */
  private lines(lines: Line[], x: number, el: Struct, align: 'left' | 'right' | 'center' = 'left', width = this.width): void {
    const fits = (from: number, count: number) => this.y + lines.slice(from, from + count).reduce((s, l) => s + l.height, 0) <= this.bottom;
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

  private drawLine(line: Line, x: number, top: number, el: Struct, align: 'left' | 'right' | 'center', width: number): void {
    const pdf = this.pdf;
    let cx = align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
    const baseline = top + line.ascent;
    // Draw runs of pieces that share a font, size, colour and link as one string.
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
      const yTop = p.style.sup ? baseline - line.ascent * 0.78 - ascent * 0.35 : baseline - ascent;
      let linkEl: Struct | undefined;
      if (p.style.link) {
        linkEl = this.struct('Link', el);
        this.mark(linkEl);
      } else this.mark(el);
      if (p.style.anchor) pdf.addNamedDestination(p.style.anchor, 'XYZ', cx, Math.max(0, top - 4), null);
      pdf.font(p.font).fontSize(p.size).fillColor(p.style.color).text(text, cx, yTop, { lineBreak: false, underline: !!p.style.underline && !p.style.sup});
      if (linkEl && p.style.link) {
        const h = p.size * 1.15;
        // Each link annotation carries a description (Contents), as PDF/UA asks.
        if ('url' in p.style.link) pdf.link(cx, yTop, w, h, p.style.link.url, { structParent: linkEl, Contents: new String(`Link to ${p.style.link.url}`) } as object);
        else pdf.goTo(cx, yTop, w, h, p.style.link.dest, { structParent: linkEl, Contents: new String(p.style.sup ? `Note ${text.replace(/^,/, '')}` : `Back to the text of note ${p.style.link.dest.replace(/^ref-/, '')}`) } as object);
        this.end(linkEl);
      }
      cx += w;
      i = j;
    }
  }

  // ---- blocks ---------------------------------------------------------

  private block(b: Block, parent: Struct, x: number, width: number): void {
    const t = this.theme;
    const size = t.fonts.size;
    switch (b.type) {
      case 'heading': {
        const [title, h1, h2, h3] = t.fonts.heading_sizes;
        const isTitle = b.depth === 1;
        const hs = isTitle ? title : b.depth === 2 ? h1 : b.depth === 3 ? h2 : h3;
        const lines = this.layout(b.children, this.style('heading', hs, t.colours.heading, true), width);
        const before = isTitle ? 0 : hs * 0.7;
        const h = lines.reduce((s, l) => s + l.height, 0);
        this.ensure(before + h + size * 3.2);
        if (this.y > this.top + 0.5) this.y += before;
        const el = this.struct(`H${Math.min(b.depth, 6)}`, parent);
        this.outline(b.depth, inlineText(b.children));
        this.lines(lines, x, el, 'left', width);
        this.end(el);
        if (isTitle) {
          this.close();
          this.artifact(() => this.pdf.moveTo(x, this.y + 3).lineTo(x + width, this.y + 3).lineWidth(1.2).strokeColor(t.colours.accent).stroke());
          this.y += 12;
        } else this.y += hs * 0.3;
        break;
      }
      case 'paragraph': {
        const el = this.struct('P', parent);
        this.lines(this.layout(b.children, this.style('body', size, t.colours.text), width), x, el, 'left', width);
        this.end(el);
        this.y += size * 0.6;
        break;
      }
      case 'list': {
        const list = this.struct('L', parent);
        const indent = size * 1.5;
        b.items.forEach((item, i) => {
          const li = this.struct('LI', list);
          const label = b.ordered ? `${b.start + i}.` : '•';
          const lbl = this.struct('Lbl', li);
          const firstLines = item[0] && item[0].type === 'paragraph' ? this.layout(item[0].children, this.style('body', size, t.colours.text), width - indent) : [];
          const firstLine = firstLines[0];
          // The label goes with its text: with its first two lines (or its only one), or to the next page.
          this.ensure(firstLines.slice(0, 2).reduce((s, l) => s + l.height, 0) || size * 1.4);
          const labelLines = this.layout([{ type: 'text', value: label }], this.style('body', size, t.colours.accent, true), indent - 4);
          const top = this.y;
          if (firstLine) {
            // Align the label's baseline with the first line's.
            labelLines[0]!.ascent = firstLine.ascent;
          }
          this.drawLine(labelLines[0]!, x, top, lbl, b.ordered ? 'right' : 'left', indent - 5);
          this.end(lbl);
          const body = this.struct('LBody', li);
          item.forEach((child) => this.block(child, body, x + indent, width - indent));
          this.end(body);
          this.end(li);
          this.y -= size * 0.45;
        });
        this.end(list);
        this.y += size * 0.5;
        break;
      }
      case 'blockquote': {
        const el = this.struct('BlockQuote', parent);
        const startPage = this.pdf.bufferedPageRange().count;
        const top = this.y;
        b.children.forEach((child) => this.block(child, el, x + 12, width - 16));
        this.end(el);
        if (this.pdf.bufferedPageRange().count === startPage) {
          this.close();
          this.artifact(() => this.pdf.rect(x, top - 2, 3, this.y - top - size * 0.4).fill(t.colours.accent));
        }
        break;
      }
      case 'table':
        this.table(b, parent, x, width);
        break;
      case 'code': {
        const el = this.struct('Code', parent);
        const lines = b.value.split('\n').map((l) => this.layout([{ type: 'text', value: l || ' ' }], this.style('mono', size * 0.85, t.colours.text), width)).flat();
        this.lines(lines, x, el, 'left', width);
        this.end(el);
        this.y += size * 0.6;
        break;
      }
      case 'rule':
        this.close();
        this.ensure(12);
        this.artifact(() => this.pdf.moveTo(x, this.y + 4).lineTo(x + width, this.y + 4).lineWidth(0.5).strokeColor(t.colours.rule).stroke());
        this.y += 12;
        break;
    }
  }

  private outline(depth: number, title: string): void {
    const outline = this.pdf.outline;
    if (depth <= 1) {
      this.outlineTop = outline.addItem(title, { expanded: true });
    } else if (depth === 2) {
      (this.outlineTop ?? outline).addItem(title);
    }
  }

  private artifact(draw: () => void): void {
    this.close();
    this.pdf.markContent('Artifact', { type: 'Layout' });
    draw();
    this.pdf.endMarkedContent();
  }

  // ---- tables ---------------------------------------------------------

  private table(b: Extract<Block, { type: 'table' }>, parent: Struct, x: number, width: number): void {
    const t = this.theme;
    const size = t.fonts.table_size ?? t.fonts.size - 1;
    const pad = 3.2;
    const headStyle = this.style('heading', size, t.colours.table_header_text, true);
    const cellStyle = this.style('heading', size, t.colours.text);
    const cols = b.header.length;
    const allRows = [b.header, ...b.rows];
    const measure = allRows.map((row, r) => row.map((cell) => this.piecesOf(cell, r === 0 ? headStyle : cellStyle)));
    const mins = Array.from({ length: cols }, (_, c) => Math.max(...measure.map((row) => minWidth(row[c] ?? []))) + 2 * pad);
    const maxs = Array.from({ length: cols }, (_, c) => Math.max(...measure.map((row) => maxWidth(row[c] ?? []))) + 2 * pad);
    const widths = fitColumns(mins, maxs, width);
    const fillFor = (cell: Inline[]) => categoryFill(cell, t);

    const table = this.struct('Table', parent);
    const layoutRow = (row: Inline[][], header: boolean) => {
      const cells = widths.map((w, c) => this.layout(row[c] ?? [], header ? headStyle : cellStyle, w - 2 * pad));
      const height = Math.max(...cells.map((ls) => ls.reduce((s, l) => s + l.height, 0))) + 2 * pad;
      return { cells, height };
    };
    const head = layoutRow(b.header, true);
    const drawRow = (row: Inline[][], laid: { cells: Line[][]; height: number }, header: boolean, index: number) => {
      const tr = this.struct('TR', table);
      const top = this.y;
      let cx = x;
      widths.forEach((w, c) => {
        const fill = header ? t.colours.table_header_fill : fillFor(row[c] ?? []) ?? (index % 2 === 1 ? t.colours.table_stripe : undefined);
        this.artifact(() => {
          if (fill) this.pdf.rect(cx, top, w, laid.height).fill(fill);
          this.pdf.rect(cx, top, w, laid.height).lineWidth(0.4).strokeColor(t.colours.rule).stroke();
        });
        // Header cells say which cells they head, as PDF/UA asks.
        const cell = header ? this.struct('TH', tr, { scope: 'Column' }) : this.struct('TD', tr);
        let cy = top + pad;
        const align = b.align[c] ?? 'left';
        for (const line of laid.cells[c]!) {
          this.drawLine(line, cx + pad, cy, cell, align, w - 2 * pad);
          cy += line.height;
        }
        this.close();
        this.end(cell);
        cx += w;
      });
      this.end(tr);
      this.y = top + laid.height;
    };

    this.ensure(head.height + size * 3);
    drawRow(b.header, head, true, 0);
    b.rows.forEach((row, i) => {
      const laid = layoutRow(row, false);
      if (this.y + laid.height > this.bottom) {
        this.newPage();
        drawRow(b.header, head, true, 0); // the header row again on every page the table spans
      }
      drawRow(row, laid, false, i);
    });
    this.end(table);
    this.y += t.fonts.size * 0.9;
  }

  // ---- notes ----------------------------------------------------------

  private notes(parent: Struct): void {
    if (!this.doc.footnotes.length) return;
    const t = this.theme;
    const size = t.fonts.note_size ?? t.fonts.size - 2;
    const indent = size * 2.4;
    const sect = this.struct('Sect', parent);
    for (const note of this.doc.footnotes) {
      const el = this.struct('Note', sect);
      const first = note.children[0];
      const inl = first && first.type === 'paragraph' ? first.children : [];
      const lines = this.layout(inl, this.style('body', size, t.colours.text), this.width - indent);
      // The label goes with the note's first lines: both, or neither, on this page.
      this.ensure(lines.slice(0, 2).reduce((s, l) => s + l.height, 0) || size * 1.3);
      this.close();
      this.pdf.addNamedDestination(`note-${note.n}`, 'XYZ', this.left, Math.max(0, this.y - 4), null);
      // The number links back to the first reference.
      const label: Inline[] = [{ type: 'text', value: `${note.n}.` }];
      const lbl = this.struct('Lbl', el);
      const labelLine = this.layout(label, { ...this.style('body', size, t.colours.link, true), link: { dest: `ref-${note.n}` } }, indent - 4)[0]!;
      if (lines[0]) labelLine.ascent = lines[0].ascent;
      this.drawLine(labelLine, this.left, this.y, lbl, 'right', indent - 6);
      this.end(lbl);
      const p = this.struct('P', el);
      this.lines(lines, this.left + indent, p, 'left', this.width - indent);
      this.end(p);
      for (const more of note.children.slice(1)) this.block(more, el, this.left + indent, this.width - indent);
      this.end(el);
      this.y += size * 0.25;
    }
    this.end(sect);
  }

  // ---- header and footer bands ---------------------------------------

  private bands(pages: number): void {
    const pdf = this.pdf;
    const t = this.theme;
    const size = 7.5;
    for (let i = 0; i < pages; i++) {
      pdf.switchToPage(i);
      const pageHeight = pdf.page.height;
      const headY = Math.max(8, this.top / 2 - size);
      const footY = pageHeight - Math.max(8, (pageHeight - this.bottom) / 2) - size / 2;
      pdf.markContent('Artifact', { type: 'Pagination' });
      const old = pdf.page.margins;
      pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const marking = t.marking;
      const put = (text: string, y: number, role: Role, face: Face, color: string, align: 'left' | 'center' | 'right') => {
        pdf.font(key(role, face)).fontSize(size).fillColor(color);
        const w = pdf.widthOfString(text);
        const x = align === 'left' ? this.left : align === 'right' ? this.right - w : (this.left + this.right - w) / 2;
        pdf.text(text, x, y, { lineBreak: false });
      };
      const running = truncate(this.settings.title, (this.width - pdf.font(key('heading', 'bold')).fontSize(size).widthOfString(marking)) / 2 - 12, (s) => pdf.font(key('heading', 'regular')).fontSize(size).widthOfString(s));
      put(this.settings.kind, headY, 'heading', 'regular', t.colours.muted, 'left');
      put(marking, headY, 'heading', 'bold', t.colours.marking, 'center');
      put(running, headY, 'heading', 'regular', t.colours.muted, 'right');
      pdf.moveTo(this.left, headY + size + 4).lineTo(this.right, headY + size + 4).lineWidth(0.6).strokeColor(t.colours.accent).stroke();
      pdf.moveTo(this.left, footY - 5).lineTo(this.right, footY - 5).lineWidth(0.6).strokeColor(t.colours.accent).stroke();
      put(marking, footY, 'heading', 'bold', t.colours.marking, 'center');
      put(`Page ${i + 1} of ${pages}`, footY, 'heading', 'regular', t.colours.muted, 'right');
      put(this.meta.author, footY, 'heading', 'regular', t.colours.muted, 'left');
      pdf.page.margins = old;
      pdf.endMarkedContent();
    }
  }
}

function key(role: Role, face: Face): string {
  return `${role}-${face}`;
}

function same(a: Piece, b: Piece): boolean {
  return a.font === b.font && a.size === b.size && a.style.color === b.style.color && a.style.link === b.style.link && !!a.style.sup === !!b.style.sup && !!a.style.underline === !!b.style.underline;
}

function truncate(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  let s = text;
  while (s.length > 1 && measure(s + '…') > width) s = s.slice(0, -1);
  return s.trimEnd() + '…';
}

/** pdfkit writes the document info into its XMP metadata unescaped; escape it there (the Info dictionary is escaped already). */
function escapeXmpMetadata(pdf: PDFKit.PDFDocument): void {
  const p = pdf as unknown as { endMetadata: () => void; info: Record<string, unknown> };
  const original = p.endMetadata.bind(pdf);
  p.endMetadata = () => {
    const info = p.info;
    p.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? xml(v) : v]));
    try {
      original();
    } finally {
      p.info = info;
    }
  };
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
