/**
 * The formats Brief writes, each with what its writer needs from the run
 * (declared here, beside the writer, so the pipeline asks instead of knowing
 * formats by name: a fourth writer is one more entry, no change to the
 * pipeline). Writers load when first needed: a Markdown-only run or --check
 * never pays for pdfkit or docx.
 */
import type { Doc } from '../doc/tree.js';
import { sizedTheme, type FontSize } from '../shared/theme.js';
import type { Writer, WriterEnv } from './writer.js';

export interface WriterNeeds {
  /** Draws text with the theme's fonts: the fonts are loaded, and every character is checked against them. */
  fonts: boolean;
  /**
   * What a character no font has means for this format: an error when the
   * file cannot be right without it (a PDF embeds the glyphs it draws), a
   * warning when a reader's machine may still supply it (a DOCX names its
   * fonts). Only for formats that draw text.
   */
  missingGlyph?: 'error' | 'warning';
  /**
   * Cannot measure its own pages, so takes the space between blocks the PDF
   * layout settled on for the document (followPdfLayout).
   */
  followsPdfLayout?: boolean;
}

export interface FormatEntry {
  needs: WriterNeeds;
  load: () => Promise<Writer>;
}

export const WRITERS = {
  pdf: { needs: { fonts: true, missingGlyph: 'error' }, load: async () => (await import('./pdf/index.js')).writePdf },
  docx: {
    needs: { fonts: true, missingGlyph: 'warning', followsPdfLayout: true },
    load: async () => (await import('./docx/index.js')).writeDocx,
  },
  md: { needs: { fonts: false }, load: async () => (await import('./md.js')).writeMarkdown },
} as const satisfies Record<string, FormatEntry>;

export type Format = keyof typeof WRITERS;
/** In the order a run writes them, and --format and --help list them. */
export const FORMATS = Object.keys(WRITERS) as Format[];

/** Whether any of the formats draws text (so the fonts must be loaded and the characters checked). */
export function needFonts(formats: readonly Format[]): boolean {
  return formats.some((f) => WRITERS[f].needs.fonts);
}

/** Whether a character no font has is an error for these formats (else a warning, or nothing to check). */
export function missingGlyphIsError(formats: readonly Format[]): boolean {
  return formats.some((f) => (WRITERS[f].needs as WriterNeeds).missingGlyph === 'error');
}

/**
 * The pages a document takes as the PDF writer lays it out, without writing
 * it: what fitting a document to its page budget measures, once, for every
 * format (so the Markdown and the DOCX keep what the PDF keeps).
 */
export async function pageMeasure(): Promise<(doc: Doc, env: WriterEnv) => number> {
  return (await import('./pdf/index.js')).measurePdf;
}

/**
 * The environment a DOCX is written in: the theme's space between blocks as
 * the PDF layout settled it for this document (tightened when it pulled a
 * short last page back, pdf/pagination.ts). The DOCX writer cannot measure
 * its pages, so it follows the PDF's decision: one for both formats.
 */
export async function followPdfLayout(doc: Doc, env: WriterEnv): Promise<WriterEnv> {
  if (!env.fonts) return env;
  const [{ pdfTightening }, { tightened }] = await Promise.all([
    import('./pdf/index.js'),
    import('./pdf/pagination.js'),
  ]);
  const k = pdfTightening(doc, env);
  return k === 1 ? env : { ...env, theme: tightened(env.theme, k) };
}

/** What a format's writer is given for a document: envFor, and the PDF layout's spacing when the format follows it. */
export async function writerEnv(
  doc: Doc,
  env: WriterEnv,
  format: Format,
  name: string,
  size: FontSize | undefined,
): Promise<WriterEnv> {
  const given = envFor(env, format, name, size);
  return (WRITERS[format].needs as WriterNeeds).followsPdfLayout ? followPdfLayout(doc, given) : given;
}

/** What a writer is given: the fonts only when it declares that it draws text (they may have been loaded only to fit pages). */
export function envFor(env: WriterEnv, format: Format, name: string, size: FontSize | undefined): WriterEnv {
  const { fonts, ...rest } = withSize(env, size);
  return WRITERS[format].needs.fonts && fonts ? { ...rest, fonts, name } : { ...rest, name };
}

/** The environment with the theme at a document's own type size (its front matter's font_size), if it has one. */
export function withSize(env: WriterEnv, size: FontSize | undefined): WriterEnv {
  return size === undefined ? env : { ...env, theme: sizedTheme(env.theme, size) };
}
