/**
 * Page frames: what laying out a PDF makes, before anything is painted. Each
 * page holds its positioned pieces in drawing order (lines of text, filled
 * and stroked boxes, rules, a figure's boxes, named destinations, outline
 * entries) with the tags that say which structure element they belong to
 * (an element opens, its content is marked, it ends), as Typst's frames
 * carry their tags. Layout (flow.ts and the block handlers) only records;
 * painting (paint.ts) reads the frames into pdfkit in the same order, so a
 * document measured for its page budget is laid out once and its frames are
 * the ones written.
 */
import type { Line } from './inline.js';
import type { Frame } from './pdfkit.js';

export type Align = 'left' | 'right' | 'center';

/** What a structure element may carry: a header cell's scope, a span's language and ActualText, a figure's Alt. */
export type ElementOptions = { scope?: 'Column' | 'Row'; lang?: string; actual?: string; alt?: string };

/** A structure element as layout makes it (painting makes pdfkit's, one for each). */
export interface El {
  readonly type: string;
  readonly options: ElementOptions;
}

/** A line width and colour. */
export interface Pen {
  width: number;
  color: string;
}

/** A figure's box, relative to the figure's top left. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

export type Item =
  /** A line of text at `top`, aligned in `width` from `x`; its content belongs to `el` (null: inside an artifact). */
  | { k: 'line'; line: Line; x: number; top: number; el: El | null; align: Align; width: number }
  /** A rectangle, filled, then stroked (a table cell; a quotation's bar). */
  | { k: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: Pen }
  | { k: 'rule'; x1: number; y1: number; x2: number; y2: number; pen: Pen }
  /** A chart's boxes, filled and outlined with `pen`, at (x, top). */
  | { k: 'boxes'; x: number; top: number; boxes: readonly Box[]; pen: Pen }
  /** Sibling elements made under `parent` (null: the document's root), open until their `end`. */
  | { k: 'open'; els: El[]; parent: El | null }
  | { k: 'end'; els: El[] }
  /** What is drawn next belongs to `el`. */
  | { k: 'mark'; el: El }
  /** The marked content in progress ends. */
  | { k: 'close' }
  /** Decoration, not content: its items drawn as one artifact. */
  | { k: 'artifact'; type: 'Layout' | 'Pagination'; items: Item[] }
  | { k: 'dest'; name: string; x: number; y: number }
  /** A heading's outline entry: the title's at the top level (depth 1), a heading 1's under it (depth 2). */
  | { k: 'outline'; depth: number; title: string };

export interface Page {
  items: Item[];
}

/** A document laid out: its pages, its frame, and where its text ends on the last page. */
export interface Laid {
  pages: Page[];
  frame: Frame;
  end: number;
}

/** Where layout records its pieces: the current page, or the artifact being recorded on it. */
export class Recorder {
  readonly pages: Page[] = [{ items: [] }];
  private target: Item[] = this.pages[0]!.items;

  push(item: Item): void {
    this.target.push(item);
  }

  newPage(): void {
    const page: Page = { items: [] };
    this.pages.push(page);
    this.target = page.items;
  }

  /** Where recording stands (at the top level, outside any artifact). */
  mark(): { pages: number; items: number } {
    return { pages: this.pages.length, items: this.pages[this.pages.length - 1]!.items.length };
  }

  /** Everything recorded since `at` undone. */
  rewind(at: { pages: number; items: number }): void {
    this.pages.length = at.pages;
    this.target = this.pages[at.pages - 1]!.items;
    this.target.length = at.items;
  }

  /** What `draw` records, as one artifact. */
  artifact(type: 'Layout' | 'Pagination', draw: () => void): void {
    const outer = this.target;
    const items: Item[] = [];
    this.target = items;
    try {
      draw();
    } finally {
      this.target = outer;
    }
    outer.push({ k: 'artifact', type, items });
  }
}
