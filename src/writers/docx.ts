/**
 * The DOCX writer: the document tree as a Word document that people can
 * restyle. Real named styles (Title, Heading 1-3, Normal, List Bullet, List
 * Number, Quote, Footnote Text, a "Brief Table" table style) carry the
 * theme's fonts and sizes; citations are real footnotes; tables have explicit
 * widths in twips with a matching grid and a header row that repeats; the
 * matrix sits in a landscape section; header and footer carry the marking and
 * "Page N of M" fields. Reads the tree and the theme, nothing else.
 * Reproducible: core.xml dates from the document's date, deterministic
 * relationship ids, fixed zip timestamps.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImportedXmlComponent,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Block, Doc, Inline } from '../doc/tree.js';
import { inlineText } from '../doc/tree.js';
import type { DocumentSettings } from '../render/render.js';
import type { Theme } from '../render/theme.js';
import type { FontSet } from './fonts.js';
import type { DocumentMeta } from './pdf/index.js';
import { categoryFill, fitColumns } from './tables.js';

const TWIPS_PER_MM = 1440 / 25.4;
const PAGE_TWIPS: Record<'A4' | 'Letter', [number, number]> = { A4: [11906, 16838], Letter: [12240, 15840] };
const hex = (c: string) => c.replace('#', '').toUpperCase();
const half = (pt: number) => Math.round(pt * 2);

export async function writeDocx(doc: Doc, settings: DocumentSettings, theme: Theme, fonts: FontSet, meta: DocumentMeta): Promise<{ bytes: Buffer }> {
  const t = theme;
  const [pw, ph] = PAGE_TWIPS[t.page.size];
  const landscape = settings.orientation === 'landscape';
  const mg = t.page.margins_mm;
  const margin = { top: Math.round(mg.top * TWIPS_PER_MM), bottom: Math.round(mg.bottom * TWIPS_PER_MM), left: Math.round(mg.left * TWIPS_PER_MM), right: Math.round(mg.right * TWIPS_PER_MM) };
  const contentWidth = (landscape ? ph : pw) - margin.left - margin.right;
  const body = t.fonts.body.name;
  const heading = t.fonts.heading.name;
  const fallback = t.fonts.fallback.name;

  // Runs: the theme's fonts, with characters the body font lacks set in the fallback font.
  // A footnote reference inside a footnote is not allowed in Word: there it is a superscript number.
  const runsOf = (nodes: readonly Inline[], base: { bold?: boolean; italics?: boolean; strike?: boolean; font?: string; size?: number; color?: string } = {}, inNote = false): ParagraphChild[] => {
    const out: ParagraphChild[] = [];
    const text = (value: string, fmt: typeof base) => {
      for (const seg of segments(value, fonts, fmt.font === heading ? 'heading' : 'body')) {
        out.push(new TextRun({ text: seg.text, ...fmt, ...(seg.fallback ? { font: fallback } : {}) }));
      }
    };
    const walk = (list: readonly Inline[], fmt: typeof base) => {
      list.forEach((n, i) => {
        if (n.type === 'footnoteRef' && list[i - 1]?.type === 'footnoteRef') out.push(new TextRun({ text: ',', superScript: true, color: hex(t.colours.link) }));
        switch (n.type) {
          case 'text':
            text(n.value, fmt);
            break;
          case 'code':
            out.push(new TextRun({ text: n.value, ...fmt, font: t.fonts.mono.name }));
            break;
          case 'strong':
            walk(n.children, { ...fmt, bold: true });
            break;
          case 'emphasis':
            walk(n.children, { ...fmt, italics: true });
            break;
          case 'delete':
            walk(n.children, { ...fmt, strike: true });
            break;
          case 'break':
            out.push(new TextRun({ break: 1 }));
            break;
          case 'footnoteRef':
            if (inNote) out.push(new TextRun({ text: String(n.n), superScript: true, color: hex(t.colours.link) }));
            else if (!referenced.has(n.n)) {
              // A Word footnote has one reference: the first citation. It is bookmarked so that
              // later citations of the same source can point at its number.
              referenced.add(n.n);
              out.push(new Bookmark({ id: `_RefNote${n.n}`, children: [new FootnoteReferenceRun(n.n)] }) as unknown as ParagraphChild);
            } else out.push(noteRef(n.n));
            break;
          case 'link':
            out.push(new ExternalHyperlink({ link: n.url, children: [new TextRun({ text: inlineText(n.children), style: 'Hyperlink', ...fmt })] }));
            break;
        }
      });
    };
    walk(nodes, base);
    return out;
  };

  const referenced = new Set<number>();
  /** A later citation: Word's cross-reference to a footnote number (NOTEREF, formatted as a footnote mark, linked). */
  const noteRef = (n: number): ParagraphChild =>
    ImportedXmlComponent.fromXmlString(
      `<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr=" NOTEREF _RefNote${n} \\f \\h "><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>${n}</w:t></w:r></w:fldSimple>`,
    ) as unknown as ParagraphChild;

  const blocks = (list: readonly Block[], depth = 0): (Paragraph | Table)[] => {
    const out: (Paragraph | Table)[] = [];
    for (const b of list) {
      switch (b.type) {
        case 'heading':
          out.push(new Paragraph({
            heading: b.depth === 1 ? HeadingLevel.TITLE : b.depth === 2 ? HeadingLevel.HEADING_1 : b.depth === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            children: runsOf(b.children, { font: heading }),
          }));
          break;
        case 'paragraph':
          out.push(new Paragraph({ children: runsOf(b.children) }));
          break;
        case 'list':
          for (const item of b.items) {
            item.forEach((child, i) => {
              if (child.type === 'paragraph') {
                out.push(new Paragraph({
                  style: b.ordered ? 'ListNumber' : 'ListBullet',
                  numbering: i === 0 ? { reference: b.ordered ? 'numbers' : 'bullets', level: Math.min(depth, 2) } : undefined,
                  indent: i === 0 ? undefined : { left: 360 * (depth + 1) },
                  children: runsOf(child.children),
                }));
              } else out.push(...blocks([child], depth + 1));
            });
          }
          break;
        case 'blockquote':
          for (const child of b.children) {
            if (child.type === 'paragraph') out.push(new Paragraph({ style: 'Quote', children: runsOf(child.children) }));
            else out.push(...blocks([child], depth));
          }
          break;
        case 'code':
          for (const line of b.value.split('\n')) out.push(new Paragraph({ children: [new TextRun({ text: line, font: t.fonts.mono.name })] }));
          break;
        case 'rule':
          out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: hex(t.colours.rule), space: 1 } }, children: [] }));
          break;
        case 'table':
          out.push(table(b));
          out.push(new Paragraph({ children: [] }));
          break;
      }
    }
    return out;
  };

  const table = (b: Extract<Block, { type: 'table' }>): Table => {
    const size = t.fonts.table_size ?? t.fonts.size - 1;
    const pad = 4 * 20 * 2; // twips of cell padding, both sides
    // Widths from content, measured in the table font and fitted as the PDF writer fits them.
    const font = fonts.get('heading', 'bold').font;
    // Glyph advances; 20% headroom, as Word or LibreOffice may set the text in a wider font when the theme's is not installed.
    const twips = (s: string) => {
      let w = 0;
      for (const ch of s) w += font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
      return (w / font.unitsPerEm) * size * 20 * 1.2;
    };
    // Footnote marks are small: count them at a third of a character each.
    const plain = (cell: readonly Inline[]) => inlineText(cell.filter((n) => n.type !== 'footnoteRef')) + 'i'.repeat(cell.filter((n) => n.type === 'footnoteRef').length);
    const words = (cell: readonly Inline[]) => plain(cell).split(/[ \t\n]+/);
    const mins = b.header.map((_, c) => Math.max(...[b.header, ...b.rows].map((r) => Math.max(...words(r[c] ?? []).map(twips)))) + pad);
    const maxs = b.header.map((_, c) => Math.max(...[b.header, ...b.rows].map((r) => twips(plain(r[c] ?? [])))) + pad);
    const widths = fitColumns(mins, maxs, contentWidth).map((w) => Math.floor(w));
    const align = (a: (typeof b.align)[number]) => (a === 'center' ? AlignmentType.CENTER : a === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
    const cell = (content: readonly Inline[], c: number, header: boolean, stripe: boolean) => {
      const fill = header ? t.colours.table_header_fill : categoryFill(content, t) ?? (stripe ? t.colours.table_stripe : undefined);
      return new TableCell({
        width: { size: widths[c]!, type: WidthType.DXA },
        ...(fill ? { shading: { fill: hex(fill), type: ShadingType.CLEAR, color: 'auto' } } : {}),
        children: [new Paragraph({
          style: 'BriefTableText',
          alignment: align(b.align[c] ?? null),
          children: runsOf(content, header ? { bold: true, color: hex(t.colours.table_header_text) } : {}),
        })],
      });
    };
    return new Table({
      style: 'BriefTable',
      layout: TableLayoutType.FIXED,
      width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, c) => cell(h, c, true, false)) }),
        ...b.rows.map((row, r) => new TableRow({ cantSplit: true, children: b.header.map((_, c) => cell(row[c] ?? [], c, false, r % 2 === 1)) })),
      ],
    });
  };

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const f of doc.footnotes) {
    footnotes[String(f.n)] = {
      children: f.children.map((b) => (b.type === 'paragraph' ? new Paragraph({ style: 'FootnoteText', children: runsOf(b.children, {}, true) }) : new Paragraph({ style: 'FootnoteText', children: [new TextRun(blockText(b))] }))),
    };
  }

  const band = (left: string, right: ParagraphChild[]) => new Paragraph({
    style: 'BriefBand',
    tabStops: [{ type: TabStopType.CENTER, position: Math.round(contentWidth / 2) }, { type: TabStopType.RIGHT, position: contentWidth }],
    children: [
      new TextRun({ text: left }),
      new TextRun({ text: '\t' }),
      new TextRun({ text: t.marking, bold: true, color: hex(t.colours.marking) }),
      new TextRun({ text: '\t' }),
      ...right,
    ],
  });

  const styles: IParagraphStyleOptions[] = [
    { id: 'Normal', name: 'Normal', run: { font: body, size: half(t.fonts.size), color: hex(t.colours.text) }, paragraph: { spacing: { after: 120, line: 264 } } },
    heading1('Title', 'Title', t.fonts.heading_sizes[0], { after: 200 }, { bottom: { style: BorderStyle.SINGLE, size: 12, color: hex(t.colours.accent), space: 4 } }),
    heading1('Heading1', 'Heading 1', t.fonts.heading_sizes[1], { before: 240, after: 80 }),
    heading1('Heading2', 'Heading 2', t.fonts.heading_sizes[2], { before: 200, after: 60 }),
    heading1('Heading3', 'Heading 3', t.fonts.heading_sizes[3], { before: 160, after: 40 }),
    { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
    { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
    { id: 'Quote', name: 'Quote', basedOn: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 360 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: hex(t.colours.accent), space: 8 } } } },
    { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { size: half(t.fonts.note_size ?? t.fonts.size - 2) }, paragraph: { spacing: { after: 40, line: 240 } } },
    { id: 'BriefTableText', name: 'Table Text', basedOn: 'Normal', run: { font: heading, size: half(t.fonts.table_size ?? t.fonts.size - 1) }, paragraph: { spacing: { after: 0, line: 240 } } },
    { id: 'BriefBand', name: 'Header Band', basedOn: 'Normal', run: { font: heading, size: 15, color: hex(t.colours.muted) }, paragraph: { spacing: { after: 0 } } },
  ];
  function heading1(id: string, name: string, size: number, spacing: { before?: number; after?: number }, border?: object): IParagraphStyleOptions {
    return {
      id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true,
      run: { font: heading, bold: true, size: half(size), color: hex(t.colours.heading) },
      paragraph: { spacing, keepNext: true, keepLines: true, ...(border ? { border } : {}) },
    };
  }

  const document = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    description: `${settings.kind}, as of ${meta.date.toISOString().slice(0, 10)}`,
    revision: 1,
    styles: {
      default: { document: { run: { font: body, size: half(t.fonts.size) } } },
      paragraphStyles: styles,
      characterStyles: [
        { id: 'Hyperlink', name: 'Hyperlink', run: { color: hex(t.colours.link), underline: {} } },
        { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true, color: hex(t.colours.link) } },
      ],
      importedStyles: [ImportedXmlComponent.fromXmlString(tableStyle(t))],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } })) },
        { reference: 'numbers', levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } } })) },
      ],
    },
    footnotes,
    sections: [{
      properties: {
        page: {
          size: { width: pw, height: ph, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { ...margin, header: Math.round(margin.top / 2.6), footer: Math.round(margin.bottom / 2.6) },
        },
      },
      headers: { default: new Header({ children: [band(settings.kind, [new TextRun({ text: shorten(settings.title, Math.floor((contentWidth / 2 - 600) / 80)) })])] }) },
      footers: { default: new Footer({ children: [band(meta.author, [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })])] }) },
      children: blocks(doc.blocks),
    }],
  });

  return { bytes: reproducible(await packageFiles(document), meta.date) };
}

/** A running head that fits half the line (about 80 twips a character at the band's size). */
function shorten(text: string, chars: number): string {
  return text.length <= chars ? text : text.slice(0, Math.max(1, chars - 1)).trimEnd() + '…';
}

function blockText(b: Block): string {
  if (b.type === 'paragraph' || b.type === 'heading') return inlineText(b.children);
  if (b.type === 'list') return b.items.map((i) => i.map(blockText).join(' ')).join('\n');
  if (b.type === 'code') return b.value;
  return '';
}

/** Splits text where the role's font lacks characters that the fallback font has. */
function segments(text: string, fonts: FontSet, role: 'body' | 'heading'): { text: string; fallback: boolean }[] {
  const out: { text: string; fallback: boolean }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const fb = cp > 0x20 && !fonts.has(role, cp) && fonts.has('fallback', cp);
    const last = out[out.length - 1];
    if (last && last.fallback === fb) last.text += ch;
    else out.push({ text: ch, fallback: fb });
  }
  return out;
}

/** The table style, as Word writes one: borders in the theme's rule colour, a bold header row. */
function tableStyle(t: Theme): string {
  const c = hex(t.colours.rule);
  const b = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${c}"/>`;
  return `<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="table" w:styleId="BriefTable">`
    + `<w:name w:val="Brief Table"/><w:uiPriority w:val="59"/><w:qFormat/>`
    + `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>`
    + `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b).join('')}</w:tblBorders>`
    + `<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>`
    + `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${hex(t.colours.table_header_text)}"/></w:rPr>`
    + `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(t.colours.table_header_fill)}"/></w:tcPr></w:tblStylePr>`
    + `</w:style>`;
}

/**
 * The same input, the same bytes: docx stamps core.xml with the clock, gives
 * hyperlinks random relationship ids, and zips with the current time. Rewrite
 * the dates from the document's date, renumber the random ids in order, and
 * zip again with fixed timestamps and a fixed file order.
 */
/**
 * The package's files, unzipped. docx's Packer zips what its compiler gives it;
 * taking the compiler's files directly saves deflating everything twice. Should
 * a later docx hide its compiler, the files come from unzipping the Packer's zip.
 */
async function packageFiles(document: Document): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document): Map<string, string | Uint8Array> } }).compiler;
  if (typeof compiler?.compile === 'function') {
    const files: Record<string, Uint8Array> = {};
    for (const [path, data] of compiler.compile(document)) files[path] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return files;
  }
  return unzipSync(await Packer.toBuffer(document));
}

function reproducible(files: Record<string, Uint8Array>, date: Date): Buffer {
  const names = Object.keys(files).sort();
  const texts = new Map<string, string>();
  for (const n of names) if (/\.(xml|rels)$/.test(n)) texts.set(n, strFromU8(files[n]!));
  // Relationship ids that are not rIdN are random: renumber them by first appearance.
  const random = new Map<string, string>();
  for (const n of names.filter((x) => x.endsWith('.rels'))) {
    for (const m of texts.get(n)!.matchAll(/Id="([^"]+)"/g)) {
      if (!/^rId\d+$/.test(m[1]!) && !random.has(m[1]!)) random.set(m[1]!, `rIdL${random.size + 1}`);
    }
  }
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // fflate writes zip times from local-time fields: a local-time date gives the same bytes in every time zone.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const out: Zippable = {};
  for (const n of names) {
    const text = texts.get(n);
    let content = files[n]!;
    if (text !== undefined) {
      let s = text;
      for (const [from, to] of random) s = s.split(`"${from}"`).join(`"${to}"`);
      if (n === 'docProps/core.xml') s = s.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`);
      content = strToU8(s);
    }
    out[n] = [content, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}
