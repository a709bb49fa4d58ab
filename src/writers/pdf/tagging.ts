/**
 * PDF/UA tagging as paired calls that cannot be left open: `tag(type, parent,
 * draw)` makes a structure element, runs `draw` inside it and ends it, even
 * when `draw` throws. Marked content (the drawing operators that belong to an
 * element) opens on demand when something is drawn for an element and
 * closes before anything else is tagged; decoration is an artifact.
 */
import { structType, type Content, type Struct } from './pdfkit.js';

/** What a structure element may carry: a header cell's scope, a span's language and ActualText, a figure's Alt. */
type ElementOptions = { scope?: 'Column' | 'Row'; lang?: string; actual?: string; alt?: string };

export class Tagger {
  private open: { el: Struct; content: Content } | null = null;

  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  /** A structure element under `parent`, with `draw` run inside it. */
  tag<T>(type: string, parent: Struct, draw: (el: Struct) => T, options: ElementOptions = {}): T {
    return this.siblings(type, parent, 1, (els) => draw(els[0]!), options);
  }

  /**
   * Several sibling elements under `parent`, open together while `draw` runs and ended after it:
   * a table row's cells, whose content is drawn slice by slice when the row runs over a page.
   */
  siblings<T>(type: string, parent: Struct, count: number, draw: (els: Struct[]) => T, options: ElementOptions = {}): T {
    this.close();
    const els = Array.from({ length: count }, () => (this.pdf.struct as (t: string, o: object) => Struct)(type, options));
    for (const el of els) parent.add(el);
    try {
      return draw(els);
    } finally {
      this.close();
      for (const el of els) el.end();
    }
  }

  /** The document's root element; `draw` lays out everything under it. */
  root(draw: (root: Struct) => void): void {
    const root = this.pdf.struct('Document');
    this.pdf.addStructure(root);
    try {
      draw(root);
    } finally {
      this.close();
      root.end();
    }
  }

  /** What is drawn next belongs to `el` (a Span's marked content carries its language and ActualText too). */
  mark(el: Struct, options?: { lang?: string; actual?: string }): void {
    if (this.open?.el === el) return;
    this.close();
    this.open = { el, content: (this.pdf.markStructureContent as (t: string, o?: object) => Content)(structType(el), options ?? {}) };
  }

  /** Ends the marked content in progress (before a page break or another element). */
  close(): void {
    if (!this.open) return;
    this.pdf.endMarkedContent();
    this.open.el.add(this.open.content);
    this.open = null;
  }

  /** Drawing that is decoration, not content (rules, cell fills, bands). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.close();
    this.pdf.markContent('Artifact', { type });
    try {
      draw();
    } finally {
      this.pdf.endMarkedContent();
    }
  }
}
