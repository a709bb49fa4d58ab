/**
 * A reference document (--reference-doc, or the theme's reference_doc:), as
 * Pandoc reads one: a Word document or template whose styles, numbering
 * definitions, theme (fonts and colours) and page setup the DOCX takes. Read
 * as untrusted input: the package through shared/zip.ts (names, sizes, zip
 * bombs), every part refused when it has a DOCTYPE (no entity can expand),
 * macro-enabled documents refused by their content type as well as their
 * extension, and a style that numbers with a list the numbering part does
 * not define refused, all before anything is written.
 */
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { strFromU8 } from 'fflate';
import { extname, posix } from 'node:path';
import { UserError, problem } from '../../shared/diagnostics.js';
import { readUserFile } from '../../shared/files.js';
import { readZip, ZipError } from '../../shared/zip.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** The largest reference document read. */
export const REFERENCE_BYTES = 64 * 1024 * 1024;

const WORD_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
];
const MACRO_TYPES = [
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
  'application/vnd.ms-office.vbaProject',
];

/**
 * Brief's styles and the names the reference's own go by (w:name, compared
 * without case; Word's built-in names are the same in every language, their
 * ids are not). The first the reference has is used; a Brief style it has
 * none of is added from Brief's own. The header band is always Brief's.
 */
/** In a table style's names: the reference's default table style. */
const DEFAULT_TABLE = '(default)';

export const STYLE_NAMES: Record<string, { type: 'paragraph' | 'character' | 'table'; names: string[] }> = {
  Normal: { type: 'paragraph', names: ['normal'] },
  Title: { type: 'paragraph', names: ['title'] },
  Heading1: { type: 'paragraph', names: ['heading 1'] },
  Heading2: { type: 'paragraph', names: ['heading 2'] },
  Heading3: { type: 'paragraph', names: ['heading 3'] },
  ListBullet: { type: 'paragraph', names: ['list bullet'] },
  ListNumber: { type: 'paragraph', names: ['list number'] },
  Quote: { type: 'paragraph', names: ['quote', 'quotations'] },
  FootnoteText: { type: 'paragraph', names: ['footnote text'] },
  EndnoteText: { type: 'paragraph', names: ['endnote text'] },
  // LibreOffice's paragraph style for table cells is "Table Contents".
  BriefTableText: { type: 'paragraph', names: ['table text', 'table contents'] },
  Hyperlink: { type: 'character', names: ['hyperlink', 'internet link'] },
  FootnoteReference: { type: 'character', names: ['footnote reference'] },
  EndnoteReference: { type: 'character', names: ['endnote reference'] },
  // Pandoc's reference document calls its table style "Table"; then the table style the reference makes
  // its default (other than Word's plain "Normal Table"); then Word's plain grid, "Table Grid".
  BriefTable: { type: 'table', names: ['brief table', 'table', DEFAULT_TABLE, 'table grid'] },
};

/** Page size and margins in twips, from the reference's last section. */
export interface PageSetup {
  width: number;
  height: number;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
}

export interface Reference {
  /** The file as messages show it. */
  file: string;
  styles?: string;
  numbering?: string;
  theme?: string;
  page?: PageSetup;
  /** Brief's style id -> the reference's, for the styles the reference has. */
  ids: Record<string, string>;
  /** Every style id the reference uses (Brief's added styles keep clear of them). */
  taken: string[];
  /** The highest list and list definition ids of the reference's numbering: Brief's own lists are numbered after them. */
  numbers: { num: number; abstract: number };
  /** The list the reference's List Bullet and List Number styles number with, when they carry one. */
  lists: { bullet?: string; number?: string };
}

/** A part's XML, parsed with no DOCTYPE allowed (so no entity, internal or external, can expand). */
export function parseXml(text: string, part: string): XmlDocument {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new ZipError(`${part} has a DOCTYPE: refused (entity declarations can expand without limit)`);
  const fail = (_level: string, message: string) => {
    throw new ZipError(`${part} is not well-formed XML (${message.split('\n')[0]})`);
  };
  return new DOMParser({
    onError: (level, message) => (level === 'warning' ? undefined : fail(level, message)),
  }).parseFromString(text, 'application/xml');
}

/** The reference document at `path`, read and checked; throws a UserError naming `shownAs`. */
export async function readReference(path: string, shownAs: string): Promise<Reference> {
  const refuse = (code: string, message: string, hint?: string) =>
    new UserError([problem(shownAs, `reference/${code}`, message, hint)]);
  const ext = extname(path).toLowerCase();
  if (ext === '.docm' || ext === '.dotm')
    throw refuse(
      'macros',
      'macro-enabled documents are not read',
      'save the template as a Word document (.docx) or Word template (.dotx) and give that',
    );
  const bytes = await readUserFile(path, {
    max: REFERENCE_BYTES,
    shownAs,
    what: 'reference document',
    code: 'reference/read',
  });
  try {
    return parseReference(bytes, shownAs, refuse);
  } catch (err) {
    if (err instanceof ZipError) throw refuse('package', `not a Word document (.docx or .dotx): ${err.message}`);
    throw err;
  }
}

type Refuse = (code: string, message: string, hint?: string) => UserError;

function parseReference(bytes: Uint8Array, file: string, refuse: Refuse): Reference {
  const read = (names: string[]) => readZip(bytes, new Set(names));
  const text = (parts: Map<string, Uint8Array>, name: string) =>
    parts.has(name) ? strFromU8(parts.get(name)!) : undefined;
  const top = read(['[Content_Types].xml', '_rels/.rels']);
  const types = text(top, '[Content_Types].xml');
  const rels = text(top, '_rels/.rels');
  if (!types || !rels)
    throw refuse(
      'not-docx',
      'not a Word document (.docx or .dotx): it has no [Content_Types].xml or _rels/.rels',
      'save it from Word or LibreOffice as a Word document (.docx) or Word template (.dotx)',
    );
  const main = targets(parseXml(rels, '_rels/.rels'), '', 'officeDocument')[0] ?? 'word/document.xml';
  const type = contentTypes(parseXml(types, '[Content_Types].xml'));
  const mainType = type(main);
  if (MACRO_TYPES.includes(mainType) || type.all.some((t) => MACRO_TYPES.includes(t)))
    throw refuse(
      'macros',
      'macro-enabled documents are not read',
      'save the template as a Word document (.docx) or Word template (.dotx) and give that',
    );
  if (!WORD_TYPES.includes(mainType))
    throw refuse(
      'not-docx',
      `not a Word document (.docx or .dotx): its main part is ${mainType ? JSON.stringify(mainType) : 'missing'}`,
    );
  const dir = posix.dirname(main);
  const relsName = `${dir}/_rels/${posix.basename(main)}.rels`;
  const docRels = text(read([relsName]), relsName);
  const rel = (kind: string) => (docRels ? targets(parseXml(docRels, relsName), dir, kind)[0] : undefined);
  const [stylesName, numberingName, themeName] = [rel('styles'), rel('numbering'), rel('theme')];
  const parts = read([main, ...[stylesName, numberingName, themeName].filter((n): n is string => !!n)]);
  const styles = stylesName ? text(parts, stylesName) : undefined;
  const numbering = numberingName ? text(parts, numberingName) : undefined;
  const theme = themeName ? text(parts, themeName) : undefined;
  if (theme) parseXml(theme, themeName!);
  const doc = text(parts, main);
  const reference: Reference = {
    file,
    ids: {},
    taken: [],
    lists: {},
    numbers: { num: 0, abstract: 0 },
    ...(styles ? { styles } : {}),
    ...(numbering ? { numbering } : {}),
    ...(theme ? { theme } : {}),
  };
  const page = doc ? pageSetup(parseXml(doc, main)) : undefined;
  if (page) reference.page = page;
  const lists = numbering ? parseXml(numbering, numberingName!) : undefined;
  if (lists) {
    transitional(lists);
    reference.numbering = withMarks(lists, [
      [MARKS.abstracts, ['num', 'numIdMacAtCleanup']],
      [MARKS.nums, ['numIdMacAtCleanup']],
    ]);
    const max = (name: string, id: string) =>
      Math.max(
        0,
        ...[...lists.getElementsByTagNameNS(W, name)].map((n) => Number(attr(n, id))).filter(Number.isFinite),
      );
    reference.numbers = { num: max('num', 'numId'), abstract: max('abstractNum', 'abstractNumId') };
  }
  if (styles) {
    const dom = parseXml(styles, stylesName!);
    // Strict Open XML (ISO/IEC 29500 Strict) has other namespaces: its styles would not be Word's in a transitional package.
    if (dom.documentElement?.namespaceURI !== W)
      throw refuse(
        'strict',
        `its styles are not in WordprocessingML's transitional namespace (${JSON.stringify(dom.documentElement?.namespaceURI ?? '')}): Strict Open XML documents are not read`,
        'save it in Word as "Word Document (*.docx)" or "Word Template (*.dotx)", not "Strict Open XML Document"',
      );
    readStyles(reference, dom, lists, refuse);
    languageMark(dom, reference.ids.Normal);
    reference.styles = withMarks(dom, [[MARKS.styles, []]]);
  }
  return reference;
}

/**
 * LibreOffice writes list levels Word reads but the transitional schema
 * refuses (a level aligned "start" or "end", a level's paragraph style
 * before its number format): put as Word writes them, so the DOCX still
 * passes the validator.
 */
function transitional(lists: XmlDocument): void {
  const SIDE: Record<string, string> = { start: 'left', end: 'right' };
  for (const jc of [...lists.getElementsByTagNameNS(W, 'lvlJc')]) {
    const side = SIDE[jc.getAttributeNS(W, 'val') ?? ''];
    if (side) jc.setAttributeNS(W, 'w:val', side);
  }
  for (const lvl of [...lists.getElementsByTagNameNS(W, 'lvl')]) {
    const style = child(lvl, 'pStyle');
    // The schema's order: start, numFmt, lvlRestart, pStyle, then the rest.
    const after = child(lvl, 'lvlRestart') ?? child(lvl, 'numFmt');
    if (style && after && style.compareDocumentPosition(after) & 4) lvl.insertBefore(style, after.nextSibling);
  }
}

/**
 * Where each document's own parts go in the reference's styles and
 * numbering (restyle.ts): comments put in once here, where the schema wants
 * those elements, and replaced by text for each document, so that no
 * document parses the reference again. The reference's own comments go
 * first (they carry nothing, and none can pose as a mark).
 */
export const MARKS = {
  styles: '<!--brief:styles-->',
  abstracts: '<!--brief:abstractNums-->',
  nums: '<!--brief:nums-->',
  language: '__brief_language__',
} as const;

function withMarks(doc: XmlDocument, marks: [string, string[]][]): string {
  const drop = (n: XmlDocument | Element) => {
    for (const c of [...n.childNodes]) {
      if (c.nodeType === 8) n.removeChild(c);
      else if (c.nodeType === 1) drop(c as Element);
    }
  };
  drop(doc);
  const root = doc.documentElement!;
  for (const [mark, before] of marks) {
    const at =
      [...root.childNodes].find(
        (n) => n.nodeType === 1 && (n as Element).namespaceURI === W && before.includes((n as Element).localName ?? ''),
      ) ?? null;
    root.insertBefore(doc.createComment(mark.slice(4, -3)), at);
  }
  return serialise(doc);
}

/** The document's language goes on the reference's Normal style (as on Brief's own: Word checks spelling in it): its place marked. */
function languageMark(doc: XmlDocument, normal: string | undefined): void {
  const style = [...doc.getElementsByTagNameNS(W, 'style')].find((e) => attr(e, 'styleId') === normal);
  if (!style) return;
  const own = (parent: Element, name: string, before: readonly string[]) => {
    const found = child(parent, name);
    if (found) return found;
    const made = doc.createElementNS(W, `w:${name}`);
    parent.insertBefore(
      made,
      [...parent.childNodes].find((n) => n.nodeType === 1 && before.includes((n as Element).localName ?? '')) ?? null,
    );
    return made;
  };
  // w:rPr before a style's table properties; w:lang before the few run properties the schema puts after it.
  const rPr = own(style, 'rPr', ['tblPr', 'trPr', 'tcPr', 'tblStylePr']);
  own(rPr, 'lang', ['eastAsianLayout', 'specVanish', 'oMath']).setAttributeNS(W, 'w:val', MARKS.language);
}

/** A part's text, with the XML declaration Word writes (the serialiser leaves it out). */
function serialise(doc: XmlDocument): string {
  const s = new XMLSerializer().serializeToString(doc);
  return s.startsWith('<?xml') ? s : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`;
}

/** The targets of a rels part's relationships of one type, as package paths. */
function targets(rels: XmlDocument, dir: string, kind: string): string[] {
  return [...rels.getElementsByTagNameNS(REL, 'Relationship')]
    .filter((r) => r.getAttribute('Type') === REL_TYPE + kind && r.getAttribute('TargetMode') !== 'External')
    .map((r) => {
      const target = r.getAttribute('Target') ?? '';
      return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
    });
}

/** A part's content type by [Content_Types].xml (an Override, else the Default for its extension), and every type named. */
function contentTypes(types: XmlDocument): ((part: string) => string) & { all: string[] } {
  const overrides = new Map(
    [...types.getElementsByTagNameNS(CT, 'Override')].map((o) => [
      (o.getAttribute('PartName') ?? '').replace(/^\//, '').toLowerCase(),
      o.getAttribute('ContentType') ?? '',
    ]),
  );
  const defaults = new Map(
    [...types.getElementsByTagNameNS(CT, 'Default')].map((d) => [
      (d.getAttribute('Extension') ?? '').toLowerCase(),
      d.getAttribute('ContentType') ?? '',
    ]),
  );
  const of = (part: string) =>
    overrides.get(part.toLowerCase()) ?? defaults.get(posix.extname(part).slice(1).toLowerCase()) ?? '';
  return Object.assign(of, { all: [...overrides.values(), ...defaults.values()] });
}

const attr = (e: Element | undefined | null, name: string) => e?.getAttributeNS(W, name) ?? undefined;
const child = (e: Element | undefined | null, name: string) =>
  e
    ? [...e.childNodes].find(
        (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === name,
      )
    : undefined;

/** The body's own (last) section's page size and margins, when it gives both and they leave room for text. */
function pageSetup(doc: XmlDocument): PageSetup | undefined {
  const body = doc.getElementsByTagNameNS(W, 'body')[0];
  const sect = child(body, 'sectPr');
  const size = child(sect, 'pgSz');
  const mar = child(sect, 'pgMar');
  const n = (e: Element | undefined, name: string) => Math.abs(Number(attr(e, name) ?? NaN));
  const width = n(size, 'w');
  const height = n(size, 'h');
  const margin = {
    top: n(mar, 'top'),
    bottom: n(mar, 'bottom'),
    left: n(mar, 'left'),
    right: n(mar, 'right'),
    header: n(mar, 'header'),
    footer: n(mar, 'footer'),
  };
  if (![width, height, ...Object.values(margin)].every((x) => Number.isFinite(x))) return undefined;
  // A section that leaves less than an inch for text either way is not a page to write on.
  const [w, h] = width < height ? [width, height] : [height, width];
  if (w < 2880 || h > 31680 || w - margin.left - margin.right < 1440 || h - margin.top - margin.bottom < 1440)
    return undefined;
  return { width: w, height: h, margin };
}

/** The reference's style ids by Brief's, its list styles' numbering, and that every numbering a style uses is defined. */
function readStyles(ref: Reference, styles: XmlDocument, numbering: XmlDocument | undefined, refuse: Refuse): void {
  const nums = new Set(numbering ? [...numbering.getElementsByTagNameNS(W, 'num')].map((n) => attr(n, 'numId')) : []);
  const all = [...styles.getElementsByTagNameNS(W, 'style')].map((s) => ({
    type: attr(s, 'type') ?? 'paragraph',
    id: attr(s, 'styleId') ?? '',
    name: (attr(child(s, 'name'), 'val') ?? '').toLowerCase(),
    isDefault: /^(1|true|on)$/.test(attr(s, 'default') ?? ''),
    numId: attr(child(child(child(s, 'pPr'), 'numPr'), 'numId'), 'val'),
  }));
  for (const s of all) {
    if (s.numId && s.numId !== '0' && !nums.has(s.numId)) {
      throw refuse(
        'numbering',
        `the style ${JSON.stringify(s.name || s.id)} numbers with list ${s.numId}, which the document's numbering definitions do not have`,
        "fix or remove the style's numbering in Word (Modify Style > Format > Numbering), or save the document again",
      );
    }
  }
  ref.taken = all.map((s) => s.id);
  for (const [brief, { type, names }] of Object.entries(STYLE_NAMES)) {
    const found = names
      .map((n) =>
        all.find(
          (s) =>
            s.type === type &&
            !!s.id &&
            (n === DEFAULT_TABLE ? s.isDefault && !/^(normal table|table normal)$/.test(s.name) : s.name === n),
        ),
      )
      .find(Boolean);
    if (found) ref.ids[brief] = found.id;
  }
  const list = (brief: string) => all.find((s) => s.id === ref.ids[brief])?.numId;
  const bullet = list('ListBullet');
  const number = list('ListNumber');
  if (bullet && bullet !== '0') ref.lists.bullet = bullet;
  if (number && number !== '0') ref.lists.number = number;
}
