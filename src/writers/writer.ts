/**
 * One signature for every format, as Pandoc's writers: the document and the
 * environment in, bytes out. A writer reads the document (its metadata,
 * blocks and notes) and the environment (the theme, and the fonts when the
 * format draws text), nothing else: never the dataset, the view or the
 * templates.
 */
import type { Doc } from '../doc/tree.js';
import type { Theme } from '../shared/theme.js';
import type { FontSet } from './text/fonts.js';
import type { Reference } from './docx/reference.js';

export interface WriterEnv {
  theme: Theme;
  /** Loaded only when a format that draws text (PDF, DOCX) is written. */
  fonts?: FontSet;
  /** Archival PDF: the PDF/A part and conformance to write and claim. */
  pdfa?: PdfA;
  /** A Word reference document whose styles, numbering, theme and page setup the DOCX takes (docx/reference.ts); other writers ignore it. */
  reference?: Reference;
  /** The output's name without its extension ("matrix"): files a writer puts beside it are named after it. */
  name?: string;
}

export type PdfA = '2b' | '1b';

export interface Output {
  bytes: Buffer;
  /** Pages, for formats that have them. */
  pages?: number;
  /** Files written beside the output (the Markdown's figures as SVG), named relative to its folder. */
  files?: OutputFile[];
}

export interface OutputFile {
  name: string;
  bytes: Buffer;
}

export type Writer = (doc: Doc, env: WriterEnv) => Promise<Output>;

export function fontsOf(env: WriterEnv): FontSet {
  if (!env.fonts) throw new Error('this writer needs the fonts: load them before writing');
  return env.fonts;
}
