/**
 * The DOCX writer: the document as a Word document that people can restyle.
 * Real named styles (styles.ts, from the theme) carry the fonts, sizes and
 * spacing; citations link to one numbered notes list at the end, as in
 * the PDF (Word endnotes or footnotes when the theme's docx_notes says so); tables have explicit widths with a
 * matching grid and a header row that repeats (table.ts); paper and
 * orientation come from the document's metadata; header and footer carry
 * the marking and "Page N of M" fields. Reads the document and the
 * environment, nothing else. Reproducible (package.ts).
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  Header,
  NumberFormat,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Doc, Inline, Meta } from '../../doc/tree.js';
import { blocksText, textOf } from '../../doc/walk.js';
import { languageDirection, mainDirection } from '../text/bidi.js';
import { renderFigures } from './figure.js';
import { fontsOf, type Output, type WriterEnv } from '../writer.js';
import { blocks } from './blocks.js';
import { notesMode, Runs } from './inline.js';
import { Embedding, stableFontKeys } from './embed.js';
import { withCoreControl, withWatermark } from './control.js';
import { primaryOf } from '../../shared/theme.js';
import { packageFiles, reproducible } from './package.js';
import { numbering, styles } from './styles.js';
import type { Reference } from './reference.js';
import { restyle } from './restyle.js';
import { cutAtWord, plainWidth } from '../text/measure.js';
import { ROLES, type FontSet } from '../text/fonts.js';
import { resolveStyle } from '../style.js';
import { hex, TWIPS_PER_MM } from './units.js';

/** Paper sizes in twips, portrait. */
const PAPER: Record<Meta['paper'], [number, number]> = {
  A4: [11906, 16838],
  A5: [8391, 11906],
  Letter: [12240, 15840],
  Legal: [12240, 20160],
};
/** The header and footer sit this share of the top and bottom margins from the paper's edge. */
const BAND_DISTANCE = 1 / 2.6;
/** Word or LibreOffice may set the bands in a wider font when the theme's is not installed: measured widths keep this much headroom. */
const BAND_HEADROOM = 1.1;
/** Room kept between the running title and the centred marking, in twips. */
const TITLE_GAP = 600;

export async function writeDocx(doc: Doc, env: WriterEnv): Promise<Output> {
  const t = env.theme;
  const fonts = fontsOf(env);
  const { meta } = doc;
  const reference = env.reference;
  const { pw, ph, margin } = pageOf(meta, reference);
  const landscape = meta.orientation === 'landscape';
  const contentWidth = (landscape ? ph : pw) - margin.left - margin.right;
  const embedding = new Embedding(new Set(ROLES.map((r) => fonts.primary(r))));
  const runs = new Runs(t, fonts, meta.language, meta.revisions, embedding, !!reference);
  const docDirection = languageDirection(meta.language);
  const direction = (children: readonly Inline[]) =>
    mainDirection(textOf(children), undefined, docDirection) === 'rtl' ? { bidirectional: true } : {};
  const body = blocks(doc.blocks, {
    theme: t,
    fonts,
    runs,
    contentWidth,
    direction,
    tableStyled: !!reference?.ids.BriefTable,
    figures: 0,
    pngs: renderFigures(doc.blocks, t, fonts, contentWidth),
  });

  const mode = notesMode(t, !!meta.revisions);
  const notes = mode === 'list' ? {} : notesOf(doc, t, runs, direction, mode === 'endnotes');
  // The notes list: after the text, where the PDF prints its notes.
  if (mode === 'list') body.push(...notesList(doc, t, runs, direction));

  // The bands' runs are made before the fonts to embed are read: their text may need one too.
  const { header, footer } = bands(meta, t, fonts, runs, contentWidth);
  // The Quote style sets body text italic (styles.ts): that face is drawn whatever the runs say.
  embedding.note(fonts.primary('body'), null, false, '', true);
  // Table heads are bold, and so is the watermark, in the heading family.
  embedding.note(fonts.primary('heading'), null, true, meta.watermark ?? '');
  const embedded = await embedding.fonts();

  const document = new Document({
    ...propertiesOf(meta),
    styles: styles(t, meta.language),
    // The fonts the runs use, embedded (embed.ts; the theme's Latin faces as subsets): the document reads right, and keeps its pages, without them installed.
    ...(embedded.length ? { fonts: embedded } : {}),
    numbering: numbering(t),
    // Citations refer to one numbered list at the end, as in the PDF, unless the theme asks for footnotes.
    ...(mode === 'endnotes' ? { endnotes: notes } : mode === 'footnotes' ? { footnotes: notes } : {}),
    sections: [
      {
        properties: sectionProperties(pw, ph, margin, landscape, mode === 'endnotes'),
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });

  const page = landscape ? { width: ph, height: pw } : { width: pw, height: ph };
  const watermark = meta.watermark;
  return {
    bytes: reproducible(stableKeys(await packageFiles(document), reference, meta.language), meta.date, (name, text) => {
      if (name === 'docProps/core.xml') return withCoreControl(text, meta.properties);
      if (watermark && /^word\/header\d+\.xml$/.test(name))
        return withWatermark(text, watermark, primaryOf(t.fonts.heading).name, page);
      return text;
    }),
  };
}

/** The document's properties: the core ones from the metadata, tracking on for tracked changes, the custom ones. */
function propertiesOf(meta: Doc['meta']) {
  return {
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    description: `${meta.kind}, as of ${meta.date.toISOString().slice(0, 10)}`,
    revision: 1,
    // Tracked changes open in Word with tracking on, so that a reviewer's own edits are tracked too.
    ...(meta.revisions ? { features: { trackRevisions: true } } : {}),
    // Document control and the copy's recipient, as custom properties (File > Properties > Custom in Word).
    customProperties: meta.properties.map(([name, value]) => ({ name, value })),
  };
}

/** The section's page: size, orientation and margins; endnotes numbered as the PDF's notes. */
function sectionProperties(
  pw: number,
  ph: number,
  margin: ReturnType<typeof pageOf>['margin'],
  landscape: boolean,
  endnotes: boolean,
) {
  return {
    page: {
      size: { width: pw, height: ph, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin,
    },
    // Numbered 1, 2, 3 as the PDF's notes (Word and LibreOffice number endnotes i, ii, iii by default).
    ...(endnotes ? { endnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL } } } : {}),
  };
}

/** The notes as one numbered list at the end of the text, each number a bookmark the citations link to. */
function notesList(
  doc: Doc,
  t: WriterEnv['theme'],
  runs: Runs,
  direction: (children: readonly Inline[]) => object,
): Paragraph[] {
  const size = { pt: resolveStyle(t).size.note };
  return doc.notes.flatMap((note) =>
    note.children.map(
      (b, i) =>
        new Paragraph({
          style: 'EndnoteText',
          tabStops: [{ type: TabStopType.LEFT, position: Math.round(t.spacing.note_indent * 20) }],
          ...(b.type === 'paragraph' ? direction(b.children) : {}),
          children: [
            ...(i === 0
              ? [
                  new Bookmark({
                    id: `_Note${note.n}`,
                    children: [new TextRun({ text: `${note.n}.\t` })],
                  }) as unknown as ParagraphChild,
                ]
              : [new TextRun({ text: '\t' })]),
            ...(b.type === 'paragraph' ? runs.of(b.children, 'body', size, true) : [new TextRun(blocksText([b]))]),
          ],
        }),
    ),
  );
}

function stableKeys(
  files: Record<string, Uint8Array>,
  reference: Reference | undefined,
  language: string,
): Record<string, Uint8Array> {
  stableFontKeys(files);
  if (reference) restyle(files, reference, language);
  return files;
}

/**
 * The paper (portrait, in twips) and margins: the template's front matter's,
 * else a reference document's page setup, else the theme's. The header and
 * footer sit a share of the margins from the edge, or where the reference
 * puts them.
 */
function pageOf(
  meta: Meta,
  reference: Reference | undefined,
): {
  pw: number;
  ph: number;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
} {
  const page = reference?.page;
  const [pw, ph] = page && !meta.pageFromFront?.paper ? [page.width, page.height] : PAPER[meta.paper];
  const mg = meta.margins;
  const margin =
    page && !meta.pageFromFront?.margins
      ? page.margin
      : {
          top: Math.round(mg.top * TWIPS_PER_MM),
          bottom: Math.round(mg.bottom * TWIPS_PER_MM),
          left: Math.round(mg.left * TWIPS_PER_MM),
          right: Math.round(mg.right * TWIPS_PER_MM),
        };
  // A band distance the reference gives inside its margin is kept (LibreOffice writes 0 for a page without a header).
  const keep = (d: number | undefined, m: number) =>
    d !== undefined && d > 0 && d < m ? d : Math.round(m * BAND_DISTANCE);
  return {
    pw,
    ph,
    margin: {
      top: margin.top,
      bottom: margin.bottom,
      left: margin.left,
      right: margin.right,
      header: keep(page && !meta.pageFromFront?.margins ? page.margin.header : undefined, margin.top),
      footer: keep(page && !meta.pageFromFront?.margins ? page.margin.footer : undefined, margin.bottom),
    },
  };
}

/** The notes, as Word endnotes (or footnotes, when the theme asks for them) keyed by their numbers. */
function notesOf(
  doc: Doc,
  t: WriterEnv['theme'],
  runs: Runs,
  direction: (children: readonly Inline[]) => object,
  endnotes: boolean,
): Record<string, { children: Paragraph[] }> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const note of doc.notes) {
    footnotes[String(note.n)] = {
      children: note.children.map(
        (b) =>
          new Paragraph({
            style: endnotes ? 'EndnoteText' : 'FootnoteText',
            ...(b.type === 'paragraph' ? direction(b.children) : {}),
            children:
              b.type === 'paragraph'
                ? runs.of(b.children, 'body', { pt: resolveStyle(t).size.note }, true)
                : [new TextRun(blocksText([b]))],
          }),
      ),
    };
  }
  return footnotes;
}

/**
 * The header and footer bands: the kind of document and the running title
 * above, the author and the page fields below, and the marking between them.
 */
function bands(
  meta: Meta,
  t: WriterEnv['theme'],
  fonts: FontSet,
  runs: Runs,
  contentWidth: number,
): { header: Header; footer: Footer } {
  // The marking sits between the side texts while it fits there (by an estimate of its width);
  // a longer one takes a centred line of its own, above the header band and below the footer band,
  // where Word and LibreOffice wrap it: it never runs into the texts beside it.
  const markingRuns = () =>
    runs.of([{ type: 'text', value: meta.marking }], 'heading', { bold: true, color: hex(t.colours.marking) });
  // Band texts measured in the band's fonts, in twips, with headroom.
  const bandWidth = (text: string, bold: boolean) =>
    plainWidth(fonts, 'heading', bold ? 'bold' : 'regular', text, t.spacing.band_size) * 20 * BAND_HEADROOM;
  const inline = bandWidth(meta.marking, true) <= contentWidth / 3;
  const band = (left: string, right: ParagraphChild[]) =>
    new Paragraph({
      style: 'BriefBand',
      tabStops: [
        { type: TabStopType.CENTER, position: Math.round(contentWidth / 2) },
        { type: TabStopType.RIGHT, position: contentWidth },
      ],
      children: [
        ...runs.of([{ type: 'text', value: left }], 'heading'),
        new TextRun({ text: '\t' }),
        ...(inline ? markingRuns() : []),
        new TextRun({ text: '\t' }),
        ...right,
      ],
    });
  const markingLine = () =>
    new Paragraph({ style: 'BriefBand', alignment: AlignmentType.CENTER, children: markingRuns() });
  const titleRoom = inline ? contentWidth / 2 - TITLE_GAP : contentWidth / 2;
  const header = new Header({
    children: [
      ...(inline ? [] : [markingLine()]),
      band(
        meta.version ? `${meta.kind} · ${meta.version}` : meta.kind,
        runs.of(
          [{ type: 'text', value: cutAtWord(meta.running ?? meta.title, titleRoom, (s) => bandWidth(s, false)) }],
          'heading',
        ),
      ),
    ],
  });
  const footer = new Footer({
    children: [
      band(
        meta.author,
        pageNumber(meta.pageLabel).map((part) => new TextRun({ children: [part] })),
      ),
      ...(inline ? [] : [markingLine()]),
    ],
  });
  return { header, footer };
}

/**
 * "Page {n} of {total}" as Word fields: the current page and the page count
 * where the pattern has them; one run per part, since the docx package
 * splits a run with several fields recursively (a label of 2,000 fields
 * overflowed the stack).
 */
function pageNumber(pattern: string): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  return pattern
    .split(/(\{n\}|\{total\})/)
    .filter(Boolean)
    .map((part) => (part === '{n}' ? PageNumber.CURRENT : part === '{total}' ? PageNumber.TOTAL_PAGES : part));
}
