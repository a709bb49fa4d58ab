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
 * Laid out first, painted after: layout (flow.ts, blocks.ts with a handler
 * per block type, table.ts, notes.ts, figure.ts) records page frames
 * (frames.ts), the positioned pieces of each page with their tags; painting
 * (paint.ts) reads them into pdfkit (pdfkit.ts: the document and pdfkit's
 * private seams), then adds the bands (bands.ts). Tagging (tagging.ts) has
 * a side in each. Measuring a document for its page budget is layout only,
 * and the frames of the last document measured are the ones written.
 */
import type { Doc } from '../../doc/tree.js';
import { languageDirection } from '../text/bidi.js';
import { fontsOf, type Output, type WriterEnv } from '../writer.js';
import { bands, watermark } from './bands.js';
import { Flow } from './flow.js';
import type { Laid } from './frames.js';
import { notes } from './notes.js';
import { layBlocks, linesOn, PULL_BACK_BELOW, TIGHTER, tightened } from './pagination.js';
import { Painter } from './paint.js';
import { createPdf, frameOf, pdfBytes } from './pdfkit.js';

export async function writePdf(doc: Doc, env: WriterEnv): Promise<Output> {
  const { flow, laid } = laidOut(doc, env);
  const pdf = createPdf(doc.meta, laid.frame, env.pdfa);
  // The bytes are collected from the start (what painting writes before the end included).
  const done = pdfBytes(pdf);
  const painter = new Painter(pdf, flow);
  // A draft or superseded version: the watermark goes down first on every page, under the text.
  const mark = doc.meta.watermark;
  painter.paint(laid, mark ? () => watermark(painter, mark) : undefined);
  const pages = laid.pages.length;
  bands(painter, doc.meta, pages);
  pdf.end();
  return { bytes: await done, pages };
}

/**
 * The pages the document takes, laid out as writePdf lays it out but not
 * painted: no pdfkit document, no bands (fitting a document to its page
 * budget measures with this, src/run/fit.ts). Fractional: the full pages and
 * the part of the last one its text fills (1.25: a page and a quarter).
 * The layout is kept with the document, for writePdf to paint.
 */
export function measurePdf(doc: Doc, env: WriterEnv): number {
  const { laid } = laidOut(doc, env);
  const { top, bottom } = laid.frame;
  return laid.pages.length - 1 + Math.min(1, Math.max(0, (laid.end - top) / (bottom - top)));
}

/**
 * The share of the theme's space between blocks the PDF layout kept (1, or a
 * step of TIGHTER when a short last page was pulled back): the DOCX writer
 * sets its styles' spacing with it, so both formats follow one decision.
 */
export function pdfTightening(doc: Doc, env: WriterEnv): number {
  return laidOut(doc, env).k;
}

interface Kept {
  flow: Flow;
  laid: Laid;
  k: number;
  key: string;
  theme: WriterEnv['theme'];
  fonts: WriterEnv['fonts'];
  notes: Doc['notes'];
}

/**
 * Each document's last layout, by its blocks: what it was laid out with
 * (theme, fonts, and the metadata layout reads) must match for it to be
 * used again. A document measured to fit its budget is then painted from the
 * very frames measured; numbered copies (the same blocks with a copy line in
 * the bands) share them too.
 */
const KEPT = new WeakMap<Doc['blocks'], Kept>();

function laidOut(doc: Doc, env: WriterEnv): { flow: Flow; laid: Laid; k: number } {
  const { paper, orientation, margins, language } = doc.meta;
  const key = JSON.stringify([paper, orientation, margins, language]);
  const kept = KEPT.get(doc.blocks);
  if (
    kept &&
    kept.key === key &&
    kept.fonts === env.fonts &&
    kept.notes === doc.notes &&
    sameTheme(kept.theme, env.theme)
  )
    return kept;
  const made = layOut(doc, env);
  KEPT.set(doc.blocks, { ...made, key, theme: env.theme, fonts: env.fonts, notes: doc.notes });
  return made;
}

/** A theme is the same when it is the same object or, made again for a document's type size, the same values. */
function sameTheme(a: WriterEnv['theme'], b: WriterEnv['theme']): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The blocks and notes laid out page by page into frames. A last page that
 * holds only a few lines is pulled back onto the one before when tighter
 * space between blocks does it (pagination.ts); else the layout stands.
 */
function layOut(doc: Doc, env: WriterEnv): { flow: Flow; laid: Laid; k: number } {
  const first = { ...layOutWith(doc, env, env.theme), k: 1 };
  const pages = first.laid.pages;
  if (pages.length < 2 || linesOn(pages[pages.length - 1]!) >= PULL_BACK_BELOW) return first;
  for (const k of TIGHTER) {
    const tight = layOutWith(doc, env, tightened(env.theme, k));
    if (tight.laid.pages.length < pages.length) return { ...tight, k };
  }
  return first;
}

function layOutWith(doc: Doc, env: WriterEnv, theme: WriterEnv['theme']): { flow: Flow; laid: Laid } {
  const frame = frameOf(doc.meta, doc.meta.margins);
  const flow = new Flow(theme, fontsOf(env), frame, languageDirection(doc.meta.language), doc.meta.language);
  flow.tags.root((root) => layBlocks(flow, doc.blocks, root, frame.left, () => notes(flow, doc.notes, root)));
  return { flow, laid: { pages: flow.out.pages, frame, end: flow.y } };
}
