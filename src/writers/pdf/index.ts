/**
 * The PDF writer: the document typeset with pdfkit, as a ministry brief.
 * Reads the document and the environment (theme, fonts), nothing else. Paper
 * and orientation from the document's metadata; the handling marking, the
 * title and "Page N of M" in bands on every page; outline from the headings;
 * notes numbered in the text, collected at the end and linked both ways;
 * tables fitted to the page with the header row repeated on every page they
 * span; a tagged PDF with the PDF/UA identification; the same bytes for the
 * same input.
 *
 * The parts: pdfkit.ts (the document and pdfkit's private seams), tagging.ts
 * (structure elements as paired calls), flow.ts (position, page breaks, lines),
 * blocks.ts (a handler per block type), table.ts, notes.ts, bands.ts.
 */
import type { Doc } from '../../doc/tree.js';
import { languageDirection } from '../text/bidi.js';
import { fontsOf, type Output, type WriterEnv } from '../writer.js';
import { bands, watermark } from './bands.js';
import { block } from './blocks.js';
import { Flow } from './flow.js';
import { notes } from './notes.js';
import { createPdf, frameOf, pdfBytes } from './pdfkit.js';
import { Tagger } from './tagging.js';

export async function writePdf(doc: Doc, env: WriterEnv): Promise<Output> {
  const { pdf, flow, pages, done } = layOut(doc, env, true);
  bands(flow, doc.meta, pages);
  pdf.end();
  return { bytes: await done!, pages };
}

/**
 * The pages the document takes, laid out as writePdf lays it out but never
 * finished: no running bands, no fonts subset, no bytes (fitting a document
 * to its page budget measures with this, src/run/fit.ts). Fractional: the
 * full pages and the part of the last one its text fills (1.25: a page and
 * a quarter).
 */
export function measurePdf(doc: Doc, env: WriterEnv): number {
  const { pages, flow } = layOut(doc, env, false);
  const { top, bottom } = flow.frame;
  return pages - 1 + Math.min(1, Math.max(0, (flow.y - top) / (bottom - top)));
}

/** The blocks and notes laid out page by page into a pdfkit document that is not yet ended. */
function layOut(doc: Doc, env: WriterEnv, write: boolean): { pdf: ReturnType<typeof createPdf>; flow: Flow; pages: number; done?: Promise<Buffer> } {
  const fonts = fontsOf(env);
  const frame = frameOf(doc.meta, doc.meta.margins);
  const pdf = createPdf(doc.meta, frame, env.pdfa);
  // The bytes are collected from the start (what layout writes before the end included); measuring collects none.
  const done = write ? pdfBytes(pdf) : undefined;
  const tags = new Tagger(pdf);
  const flow = new Flow(pdf, env.theme, fonts, frame, tags, languageDirection(doc.meta.language), doc.meta.language);
  // A draft or superseded version: the watermark goes down first on every page, under the text.
  const mark = doc.meta.watermark;
  if (mark) {
    flow.onPage = () => watermark(flow, mark);
    watermark(flow, mark);
  }
  tags.root((root) => {
    for (const b of doc.blocks) block(flow, b, root, frame.left, flow.width);
    notes(flow, doc.notes, root);
  });
  return { pdf, flow, pages: pdf.bufferedPageRange().count, ...(done ? { done } : {}) };
}
