/**
 * Everything this writer asks of pdfkit beyond its documented API, in one
 * place: the document's options (tagged, PDF/UA, fixed dates), the parsed
 * fonts registered as they are, the structure type of an element, the XMP
 * escape pdfkit leaves out, and marked content and glyph copies in the text
 * pdfkit writes. Why this file is long: every reach into pdfkit's internals
 * stays here, so that a pdfkit upgrade is checked against one file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Meta } from '../../doc/tree.js';
import { escapeXml as xml } from '../../shared/xml.js';
import type { FontSet } from '../text/fonts.js';
import type { PdfA } from '../writer.js';

export type Struct = PDFKit.PDFStructureElement;
export type Content = PDFKit.PDFStructureContent;

const MM = 72 / 25.4;
/** Paper sizes in points, portrait. */
export const PAPER: Record<Meta['paper'], [number, number]> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  Letter: [612, 792],
  Legal: [612, 1008],
};

/** pdfkit's key for a piece's font: glyph for glyph, or shaped in the piece's direction. */
export function drawnFont(key: string, shaped: boolean, rtl: boolean): string {
  return shaped ? `${key}~${rtl ? 'r' : 'l'}` : key;
}

export interface Frame {
  size: [number, number];
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The file's bytes, once pdfkit has ended the document. pdfkit sends every
 * object through a Node stream, turning each string into bytes with a loop in
 * JavaScript first (0.6 s of the 100x run: the conversion, the stream's
 * bookkeeping and a Buffer per object). Here its writes are collected
 * directly, with Buffer.from(text, 'latin1'): the same conversion (the low
 * byte of each code unit) done natively, so the same bytes and the same
 * offsets for the cross-reference table. pdfkit still ends the stream.
 */
export function pdfBytes(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const p = pdf as unknown as { _write: (data: unknown) => void; _offset: number; read(): Buffer | null };
  // The header, written when the document was made, is already in the stream.
  const head = p.read();
  const chunks: Buffer[] = head ? [head] : [];
  p._write = (data) => {
    const bytes =
      data instanceof Uint8Array
        ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
        : Buffer.from(`${String(data)}\n`, 'latin1');
    chunks.push(bytes);
    p._offset += bytes.length;
  };
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    // Nothing reads the stream any more: let it flow, so that it ends.
    pdf.resume();
  });
}

/** The page frame: paper, orientation and margins (in mm, from the theme). */
export function frameOf(meta: Meta, margins: { top: number; bottom: number; left: number; right: number }): Frame {
  const [w, h] = PAPER[meta.paper];
  const size: [number, number] = meta.orientation === 'landscape' ? [h, w] : [w, h];
  return {
    size,
    left: margins.left * MM,
    right: size[0] - margins.right * MM,
    top: margins.top * MM,
    bottom: size[1] - margins.bottom * MM,
  };
}

export function createPdf(meta: Meta, frame: Frame, pdfa?: PdfA): PDFKit.PDFDocument {
  const pdf = new PDFDocument({
    size: frame.size,
    margins: {
      top: frame.top,
      bottom: frame.size[1] - frame.bottom,
      left: frame.left,
      right: frame.size[0] - frame.right,
    },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA',
    lang: meta.language,
    displayTitle: true,
    compress: true,
    // No default font: pdfkit would parse the Helvetica metrics for every document, and no text is set in it.
    font: null,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      // No empty Keywords: pdfkit's XMP then has none, and PDF/A wants the two to agree.
      ...(meta.keywords.length ? { Keywords: meta.keywords.join(', ') } : {}),
      Creator: 'Brief',
      Producer: 'Brief (pdfkit)',
      CreationDate: meta.date,
      ModDate: meta.date,
      // Document control and the copy's recipient, as custom Info entries (and in XMP below).
      ...Object.fromEntries(meta.properties),
    },
  } as unknown as PDFKit.PDFDocumentOptions);
  escapeXmpMetadata(pdf);
  extendMetadata(pdf, meta, pdfa);
  countOutline(pdf);
  return pdf;
}

interface OutlineNode {
  children: OutlineNode[];
  options: { expanded?: boolean };
  outlineData: Record<string, unknown>;
  dictionary: { end: () => void };
  endOutline: () => void;
}

/**
 * The outline's root gets its Count, the number of entries open to view
 * (PDF 32000 12.3.3): pdfkit writes Count only on expanded entries, and
 * PDF/A validators require it on the root.
 */
function countOutline(pdf: PDFKit.PDFDocument): void {
  const root = (pdf as unknown as { outline: OutlineNode }).outline;
  const visible = (o: OutlineNode): number =>
    o.children.reduce((n, c) => n + 1 + (c.options.expanded ? visible(c) : 0), 0);
  const end = root.dictionary.end.bind(root.dictionary);
  root.dictionary.end = () => {
    if (root.children.length) root.outlineData.Count = visible(root);
    end();
  };
}

/** Brief's own XMP namespace, for document control and copies. */
const BRIEF_NS = 'https://brief.example/ns/control/1.0/';
/** The properties Brief writes in its namespace, each described for PDF/A's extension schema. */
const BRIEF_PROPERTIES: Record<string, string> = {
  Version: 'The version of the brief',
  Status: 'draft, final or superseded',
  AsOf: 'The date and time the version is current to',
  Reviewer: 'Who reviewed the version',
  Approver: 'Who approved the version',
  SupersededBy: 'The version that replaces this one',
  Copy: "This copy's number, of how many",
  Recipient: 'Whom this numbered copy is for',
};

/** The sRGB profile pdfkit ships for PDF/A's output intent. */
const ICC_PROFILE = join(dirname(createRequire(import.meta.url).resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc');
let icc: Buffer | undefined;

/**
 * What pdfkit's XMP leaves out: the modification date (PDF/A wants Info and
 * XMP to agree), the version and the copy's recipient in Brief's namespace
 * and, for PDF/A, the pdfaid claim, the extension schemas that declare the
 * pdfuaid and Brief namespaces, and the sRGB output intent. pdfkit takes one
 * "subset" (PDF/UA here); its end hook is extended, so that the file is
 * PDF/UA and PDF/A at once.
 */
function extendMetadata(pdf: PDFKit.PDFDocument, meta: Meta, pdfa: PdfA | undefined): void {
  const p = pdf as unknown as {
    endSubset: () => void;
    appendXML: (x: string) => void;
    ref: (d: object) => { write(b: Buffer): void; end(): void };
    _root: { data: Record<string, unknown> };
  };
  const original = p.endSubset.bind(pdf);
  p.endSubset = () => {
    original();
    const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    p.appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${date}</xmp:ModifyDate></rdf:Description>`,
    );
    const props = meta.properties.filter(([k]) => Object.hasOwn(BRIEF_PROPERTIES, k));
    if (props.length) {
      p.appendXML(
        `<rdf:Description rdf:about="" xmlns:brief="${BRIEF_NS}">${props.map(([k, v]) => `<brief:${k}>${xml(v)}</brief:${k}>`).join('')}</rdf:Description>`,
      );
    }
    if (!pdfa) return;
    p.appendXML(
      `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${pdfa[0]}</pdfaid:part><pdfaid:conformance>${pdfa[1]!.toUpperCase()}</pdfaid:conformance></rdf:Description>`,
    );
    p.appendXML(extensionSchemas());
    icc ??= readFileSync(ICC_PROFILE);
    const profile = p.ref({ Length: icc.length, N: 3 });
    profile.write(icc);
    profile.end();
    const intent = p.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      Info: new String('sRGB IEC61966-2.1'),
      OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
      DestOutputProfile: profile,
    });
    intent.end();
    p._root.data.OutputIntents = [intent];
  };
}

/** PDF/A accepts XMP properties outside its predefined schemas only when the file describes them: pdfuaid and Brief's own. */
function extensionSchemas(): string {
  const property = (name: string, type: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${type}</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>${xml(description)}</pdfaProperty:description></rdf:li>`;
  const schema = (name: string, ns: string, prefix: string, properties: string[]) =>
    `<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>${name}</pdfaSchema:schema><pdfaSchema:namespaceURI>${ns}</pdfaSchema:namespaceURI><pdfaSchema:prefix>${prefix}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${properties.join('')}</rdf:Seq></pdfaSchema:property></rdf:li>`;
  return `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>${schema(
    'PDF/UA Universal Accessibility Schema',
    'http://www.aiim.org/pdfua/ns/id/',
    'pdfuaid',
    [property('part', 'Integer', 'The part of ISO 14289 the file conforms to')],
  )}${schema(
    'Brief document control',
    BRIEF_NS,
    'brief',
    Object.entries(BRIEF_PROPERTIES).map(([k, d]) => property(k, 'Text', d)),
  )}</rdf:Bag></pdfaExtension:schemas></rdf:Description>`;
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/**
 * Makes a font known to pdfkit the first time a document uses it: the parsed
 * font itself (parsed once per process, not once per document), glyph for
 * glyph, or shaped in a direction, so that text is set exactly as measured.
 * Fallback families load only when a character needs them, so registration
 * follows use.
 */
export function useFont(pdf: PDFKit.PDFDocument, fonts: FontSet, drawn: string): string {
  let known = registered.get(pdf);
  if (!known) registered.set(pdf, (known = new Set()));
  if (!known.has(drawn)) {
    const m = /^(f\d+-\w+)(?:~([lr]))?$/.exec(drawn)!;
    const file = fonts.file(m[1]!);
    pdf.registerFont(
      drawn,
      (m[2] === 'r' ? file.shaped.rtl : m[2] === 'l' ? file.shaped.ltr : file.plain) as unknown as Buffer,
    );
    known.add(drawn);
  }
  return drawn;
}

/** The structure type of an element (pdfkit keeps it in its dictionary only). */
export function structType(el: Struct): string {
  return (el as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S;
}

/** pdfkit writes the document info into its XMP metadata unescaped; escape it there (the Info dictionary is escaped already). */
function escapeXmpMetadata(pdf: PDFKit.PDFDocument): void {
  const p = pdf as unknown as { endMetadata: () => void; info: Record<string, unknown> };
  const original = p.endMetadata.bind(pdf);
  p.endMetadata = () => {
    const info = p.info;
    p.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? xml(v) : v]));
    try {
      original();
    } finally {
      p.info = info;
    }
  };
}

/** A PDF text string in UTF-16BE, as ActualText wants it. */
function utf16(text: string): string {
  let hex = 'feff';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/**
 * One TJ split into a TJ per glyph, each in a Span whose ActualText is the
 * characters that glyph stands for. Consecutive TJs continue where the last
 * ended, so the glyphs sit exactly where they did. pdfkit writes two-byte
 * glyph ids in hex strings, with kerning numbers between them.
 */
function perGlyph(op: string, texts: readonly string[], next: { i: number }, font: SubsetFont | undefined): string {
  const array = /^\[(.*)\] TJ$/s.exec(op);
  if (!array) return op;
  const out: string[] = [];
  for (const token of array[1]!.match(/<[0-9a-fA-F]*>|-?[\d.]+/g) ?? []) {
    if (token.startsWith('<')) {
      for (const gid of token.slice(1, -1).match(/.{4}/g) ?? []) {
        const text = texts[next.i++] ?? '';
        out.push(`/Span <</ActualText ${utf16(text)}>> BDC [<${font ? ownGlyph(font, gid, text) : gid}>] TJ EMC`);
      }
    } else out.push(`[${token}] TJ`);
  }
  return out.join('\n');
}

/** What perGlyph needs of a pdfkit embedded font: its subset (original glyph ids by subset id), widths and ToUnicode entries by subset id. */
interface SubsetFont {
  subset: { glyphs: number[] };
  widths: number[];
  unicode: number[][];
}
const ownGlyphs = new WeakMap<SubsetFont, Map<string, string>>();

/**
 * The subset glyph (4 hex digits) to draw `gid` with, so that its ToUnicode entry is `text`: `gid` itself
 * when its entry already says so, else a copy of the same outline and width with an entry of its own.
 * A font draws several characters with one glyph (Noto Naskh Arabic draws ب ت ث ن on one dotless body, a
 * mirrored bracket with the other bracket's glyph), and readers that ignore ActualText (mupdf, pdf.js)
 * read a glyph by its one ToUnicode entry; with a copy for each character they read each right. A glyph
 * that stands for no character of its own (the hamza of أ, drawn apart from the alef that carries the
 * letter) gets a copy with an empty entry, as the dots pdfkit already maps to nothing.
 */
function ownGlyph(font: SubsetFont, gid: string, text: string): string {
  const id = parseInt(gid, 16);
  const points = [...text].map((c) => c.codePointAt(0)!);
  const held = font.unicode[id] ?? [];
  if (held.length === points.length && held.every((p, k) => p === points[k])) return gid;
  let copies = ownGlyphs.get(font);
  if (!copies) ownGlyphs.set(font, (copies = new Map()));
  const key = `${id} ${text}`;
  let copy = copies.get(key);
  if (!copy) {
    const index = font.subset.glyphs.push(font.subset.glyphs[id]!) - 1;
    font.widths[index] = font.widths[id]!;
    font.unicode[index] = points;
    copies.set(key, (copy = index.toString(16).padStart(4, '0')));
  }
  return copy;
}

/**
 * Runs `draw` (one pdfkit text() call) with the marked content that `open`
 * begins and `close` ends moved inside the text object: BT /Span <<...>> BDC
 * ... EMC ET. pdfkit wraps every text() in its own q/cm/Q, and readers such
 * as poppler place a span's ActualText by the state at EMC: outside, that is
 * the page's flipped state, and the text lands mirrored, off its line.
 * With `glyphTexts` (the characters of each glyph drawn, in drawing order),
 * each glyph gets an ActualText of its own, as LibreOffice writes right-to-left
 * text: readers reorder the glyphs themselves, and a glyph shared by two
 * characters (an alef decomposed from alef with hamza) reads as each.
 */
export function markedInsideText(
  pdf: PDFKit.PDFDocument,
  open: () => void,
  draw: () => void,
  close: () => void,
  glyphTexts?: readonly string[],
): void {
  const doc = pdf as unknown as { addContent: (s: string) => unknown };
  const original = doc.addContent;
  const add = (s: string) => original.call(pdf, s);
  let pending: string[] = [];
  const next = { i: 0 };
  try {
    doc.addContent = (s: string) => (pending.push(s), pdf);
    open();
    doc.addContent = (s: string) => {
      if (s === 'BT') {
        add('BT');
        pending.forEach(add);
        pending = [];
      } else if (s === 'ET') {
        add('EMC');
        add('ET');
      } else if (glyphTexts && s.endsWith(' TJ'))
        add(perGlyph(s, glyphTexts, next, (pdf as unknown as { _font?: SubsetFont })._font));
      else add(s);
      return pdf;
    };
    draw();
    // The EMC was written inside the text object: close's own is dropped.
    doc.addContent = () => pdf;
    close();
  } finally {
    doc.addContent = original;
    // Nothing drawn (no BT): the marked content still opens and closes, around nothing.
    if (pending.length) {
      pending.forEach(add);
      add('EMC');
    }
  }
}
