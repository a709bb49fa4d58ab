/**
 * The document: the one structure every writer reads, as Pandoc's
 * `Pandoc Meta [Block]`. A Doc carries its metadata, its blocks and its
 * notes. Small on purpose: what the templates produce and the writers can
 * typeset, nothing else. Meaning that text cannot carry (a position
 * category, a language, a direction) travels as attributes on spans and
 * table cells, so that no writer has to guess it from the text.
 */

/** What a span or a cell means, beyond its text. */
export interface Attrs {
  /** A position category id (`open`, `not_stated`...): writers fill the cell with the theme's colour for it. */
  category?: string;
  /** The colour the category's cell takes where the vocabulary gives one: one of the theme's categories, or `neutral` (no fill). */
  tone?: string;
  /** BCP 47 language of the text (`ar`, `zh-Hans`). */
  lang?: string;
  /** Writing direction, where it differs from the document's. */
  dir?: 'ltr' | 'rtl';
  /** A class a template gives, for writers or styles that know it. */
  class?: string;
  /**
   * The fact the content cites (a claim, quote or position cell's id), put
   * there by the cite helper when a document is rendered for tracked
   * changes: the two versions' blocks are aligned by it (track.ts). No
   * writer shows it; the Markdown writer leaves it out.
   */
  fact?: string;
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; url: string; children: Inline[] }
  | { type: 'span'; attrs: Attrs; children: Inline[] }
  | { type: 'noteRef'; n: number }
  | { type: 'break' };

/** A paragraph wholly inserted or deleted since an earlier version (tracked changes, track.ts). */
export type Revision = 'inserted' | 'deleted';

export type Align = 'left' | 'right' | 'center' | null;

export interface Cell {
  attrs: Attrs;
  children: Inline[];
}

/**
 * How the actors divide on one question, for a figure (the chart helper):
 * a segment per category in the legend's order, each with its count and,
 * where the answer is stated, the actors who gave it.
 */
export interface Chart {
  /** The question's short label: "Caribbean strikes". */
  title: string;
  segments: ChartSegment[];
  /** What the figure says, in words (PDF Alt, DOCX descr, Markdown alt text). */
  alt: string;
}

export interface ChartSegment {
  /** The category id whose fill the segment takes (its own, or the one it is declared like). */
  category: string;
  /** The tone the vocabulary gives the category on its question (a category id, or neutral for no fill), as its matrix cells take it. */
  tone?: string;
  symbol: string;
  label: string;
  count: number;
  /** Who gave this answer; empty for answers not stated (their count alone is shown). */
  actors: string[];
  /** A stated answer given by more actors than the figure names (names=N): counted, not named; its figure is drawn dense. */
  crowd?: true;
}

export type Block =
  | { type: 'heading'; depth: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[]; revision?: Revision }
  | { type: 'paragraph'; children: Inline[]; revision?: Revision }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'table'; align: Align[]; header: Cell[]; rows: Cell[][] }
  | { type: 'code'; lang: string | null; value: string }
  | { type: 'rule' }
  | { type: 'figure'; chart: Chart };

export interface Note {
  /** The number a reader sees, given by the renderer (order of first citation). */
  n: number;
  children: Block[];
}

export type Paper = 'A4' | 'A5' | 'Letter' | 'Legal';

/** What a document is, for its bands, its metadata and its page setup. */
export interface Meta {
  title: string;
  /** The running head, when it differs from the title: the title with brief.short_title in place of brief.title. */
  running?: string;
  /** What kind of document: "Briefing memo". */
  kind: string;
  /** The handling marking printed on every page: "OFFICIAL". */
  marking: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 language of the document. */
  language: string;
  /** The document's date: from the dataset, or SOURCE_DATE_EPOCH; never the clock. */
  date: Date;
  paper: Paper;
  orientation: 'portrait' | 'landscape';
  /** The footer's page number in the document's language, with {n} and {total}: "Page {n} of {total}". */
  pageLabel: string;
  /** Margins in millimetres: the template's, else the theme's. */
  margins: { top: number; bottom: number; left: number; right: number };
  /** Which of paper and margins the template's front matter set (a DOCX reference document's page setup yields to those, not to the theme's). */
  pageFromFront?: { paper: boolean; margins: boolean };
  /** The version and status for the header band ("Version 2.0, Draft"), when the dataset has document control. */
  version?: string;
  /** DRAFT or SUPERSEDED across every page, in the document's words. */
  watermark?: string;
  /** A numbered copy, for the footer: "Copy 2 of 3: Jane Doe, Ministry of Defence". */
  copy?: string;
  /**
   * Metadata beyond title, author, subject and keywords, as [name, value] in
   * order (Version, Status, As of, Reviewer, Approver, Copy, Recipient): PDF
   * Info and XMP, DOCX custom properties, Markdown front matter.
   */
  properties: [string, string][];
  /** Tracked changes: the spans and paragraphs marked inserted or deleted (track.ts) are revisions by this author, at this time. */
  revisions?: { author: string; date: Date };
}

export interface Doc {
  meta: Meta;
  blocks: Block[];
  /** Notes in number order. */
  notes: Note[];
}

/** For the end of an exhaustive switch: a node type no case handles is a compile-time error. */
export function unreachable(node: never): never {
  throw new Error(`unknown node type ${JSON.stringify((node as { type?: unknown }).type)}`);
}
