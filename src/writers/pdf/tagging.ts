/**
 * PDF/UA tagging as paired calls that cannot be left open: `tag(type, parent,
 * draw)` makes a structure element, runs `draw` inside it and ends it, even
 * when `draw` throws. Marked content (the drawing operators that belong to an
 * element) opens on demand when something is drawn for an element and
 * closes before anything else is tagged; decoration is an artifact.
 *
 * Two sides: layout's `Tagger` records the elements into the page frames
 * (frames.ts); painting's `PdfTagger` makes them in pdfkit as it reads the
 * frames, and tags what the painter adds inside a line (Spans, Links).
 */
import type { El, ElementOptions, Recorder } from './frames.js';
import { structType, type Content, type Struct } from './pdfkit.js';

/** Layout's side: elements recorded in the frames, in the order painting makes them. */
export class Tagger {
  constructor(private readonly out: Recorder) {}

  /** A structure element under `parent`, with `draw` run inside it. */
  tag<T>(type: string, parent: El, draw: (el: El) => T, options: ElementOptions = {}): T {
    return this.siblings(type, parent, 1, (els) => draw(els[0]!), options);
  }

  /**
   * Several sibling elements under `parent`, open together while `draw` runs and ended after it:
   * a table row's cells, whose content is drawn slice by slice when the row runs over a page.
   */
  siblings<T>(type: string, parent: El | null, count: number, draw: (els: El[]) => T, options: ElementOptions = {}): T {
    const els = Array.from({ length: count }, (): El => ({ type, options }));
    this.out.push({ k: 'open', els, parent });
    try {
      return draw(els);
    } finally {
      this.out.push({ k: 'end', els });
    }
  }

  /** The document's root element; `draw` lays out everything under it. */
  root(draw: (root: El) => void): void {
    this.siblings('Document', null, 1, (els) => draw(els[0]!));
  }

  /** What is drawn next belongs to `el`. */
  mark(el: El): void {
    this.out.push({ k: 'mark', el });
  }

  /** Ends the marked content in progress (before a page break or another element). */
  close(): void {
    this.out.push({ k: 'close' });
  }

  /** Drawing that is decoration, not content (rules, cell fills, bands). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.out.artifact(type, draw);
  }
}

/** Painting's side: the elements made in pdfkit, and the marked content around what is drawn. */
export class PdfTagger {
  private open: { el: Struct; content: Content } | null = null;
  /** Each recorded element's pdfkit element. */
  private readonly made = new Map<El, Struct>();

  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  /** The pdfkit element made for a recorded one. */
  of(el: El): Struct {
    return this.made.get(el)!;
  }

  /** Recorded siblings made under their parent (the document's root when it has none). */
  make(els: readonly El[], parent: El | null): void {
    this.close();
    const made = els.map((el) => (this.pdf.struct as (t: string, o: object) => Struct)(el.type, el.options));
    els.forEach((el, i) => this.made.set(el, made[i]!));
    if (parent) for (const s of made) this.of(parent).add(s);
    else for (const s of made) this.pdf.addStructure(s);
  }

  /** Recorded elements ended. */
  end(els: readonly El[]): void {
    this.close();
    for (const el of els) this.of(el).end();
  }

  /** A structure element under `parent`, with `draw` run inside it (a Span or a Link inside a line). */
  tag<T>(type: string, parent: Struct, draw: (el: Struct) => T, options: ElementOptions = {}): T {
    this.close();
    const el = (this.pdf.struct as (t: string, o: object) => Struct)(type, options);
    parent.add(el);
    try {
      return draw(el);
    } finally {
      this.close();
      el.end();
    }
  }

  /** What is drawn next belongs to `el` (a Span's marked content carries its language and ActualText too). */
  mark(el: Struct, options?: { lang?: string; actual?: string }): void {
    if (this.open?.el === el) return;
    this.close();
    this.open = {
      el,
      content: (this.pdf.markStructureContent as (t: string, o?: object) => Content)(structType(el), options ?? {}),
    };
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
