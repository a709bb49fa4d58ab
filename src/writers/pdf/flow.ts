/**
 * The running state of one PDF's layout: where the next line goes, when a
 * page breaks, how text is laid out into lines, and the page frames the
 * pieces are recorded in (frames.ts; paint.ts draws them). Block handlers
 * (blocks.ts, table.ts, notes.ts) work through it; it knows no node type.
 */
import type { Inline } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import { mainDirection, mirrored } from '../text/bidi.js';
import type { FontSet, Role } from '../text/fonts.js';
import type { FontFile } from '../text/load.js';
import { hasRtl } from '../text/scripts.js';
import { Recorder, type Align, type El } from './frames.js';
import { pieces, runs, wrap, type InlineContext, type Line, type Measure, type Piece, type Style } from './inline.js';
import type { Frame } from './pdfkit.js';
import { Tagger } from './tagging.js';

/**
 * What is measured of a font at 1 pt, kept with the parsed font itself (fonts
 * are parsed once per process), not with its key: a key (f0-regular) names
 * another file once a theme's fonts change under --watch.
 */
interface Metrics {
  perEm: number;
  ascent: number;
  advances: Map<number, number>;
  shaped: Map<string, number>;
}
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

/** Widths and ascents from the fonts themselves (cached per font), as layout and painting both measure. */
export function measureOf(fonts: FontSet): Measure {
  return {
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

/** Where a layout stood: its frames, its position and the note anchors placed. */
export interface Place {
  pages: number;
  items: number;
  y: number;
  anchors: number;
  atTop: boolean;
}

export class Flow {
  y: number;
  readonly width: number;
  private readonly refAnchors = new Set<number>();
  /** The notes whose back-link anchors were placed, in order (what a rewind takes back). */
  private readonly anchorOrder: number[] = [];
  readonly m: Measure;
  /** The page frames the pieces are recorded in. */
  readonly out = new Recorder();
  readonly tags = new Tagger(this.out);
  /** How deep in lists the block being drawn is (0 outside any): a list's bullet is its depth's. */
  listDepth = 0;

  constructor(
    readonly theme: Theme,
    readonly fonts: FontSet,
    readonly frame: Frame,
    /** The document's direction, from its language. */
    readonly docDirection: 'ltr' | 'rtl' = 'ltr',
    /** The document's language (the catalog's /Lang): a Span says its own only where it differs. */
    readonly docLanguage = 'und',
  ) {
    this.y = frame.top;
    this.width = frame.right - frame.left;
    this.m = measureOf(fonts);
  }

  /** The height of a line of text at this size. */
  lineHeight(size: number): number {
    return size * this.theme.spacing.line_height + this.theme.fonts.line_gap;
  }

  /** A point the layout can come back to (between top-level blocks). */
  save(): Place {
    return { ...this.out.mark(), y: this.y, anchors: this.anchorOrder.length, atTop: this.atTop };
  }

  /** The layout as it stood at `p`: what was recorded since undone, the anchors placed since taken back. */
  restore(p: Place): void {
    this.out.rewind(p);
    this.y = p.y;
    for (const n of this.anchorOrder.splice(p.anchors)) this.refAnchors.delete(n);
  }

  /** The pages laid out so far. */
  get pages(): number {
    return this.out.pages.length;
  }

  get atTop(): boolean {
    return this.y <= this.frame.top + 0.5;
  }

  newPage(): void {
    this.tags.close();
    this.out.newPage();
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
        this.anchorOrder.push(n);
        return `ref-${n}`;
      },
    };
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
  lines(lines: Line[], x: number, el: El, align: Align = 'left', width = this.width): void {
    const fits = (from: number, count: number) =>
      this.y + lines.slice(from, from + count).reduce((s, l) => s + l.height, 0) <= this.frame.bottom;
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

  /** One line at a given place; `el` is the element its content belongs to. */
  drawLine(line: Line, x: number, top: number, el: El | null, align: Align, width: number): void {
    this.out.push({ k: 'line', line, x, top, el, align, width });
  }
}
