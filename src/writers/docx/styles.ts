/**
 * Word's named styles, derived from the theme: fonts, sizes and colours, and
 * every spacing and indent from the theme's spacing block (points -> twips),
 * so that DOCX and PDF agree. Line spacing is "at least" the PDF's line
 * height, which Word and LibreOffice both honour without clipping taller
 * glyphs (a bare w:line is read as an exact height by LibreOffice).
 */
import {
  AlignmentType,
  BorderStyle,
  ImportedXmlComponent,
  LevelFormat,
  LineRuleType,
  type IParagraphStyleOptions,
  type IStylesOptions,
  type INumberingOptions,
} from 'docx';
import { primaryOf, type Theme } from '../../shared/theme.js';
import { bulletAt, resolveStyle } from '../style.js';
import { eighths, halfPoints, hex, twips } from './units.js';

/** The PDF's line height at a size, as Word's "at least" line spacing. */
function line(t: Theme, size: number): { line: number; lineRule: typeof LineRuleType.AT_LEAST } {
  return { line: twips(size * t.spacing.line_height + t.fonts.line_gap), lineRule: LineRuleType.AT_LEAST };
}

export function styles(t: Theme, language?: string): IStylesOptions {
  const s = t.spacing;
  const body = primaryOf(t.fonts.body).name;
  const paragraphStyles: IParagraphStyleOptions[] = [
    // The document's language on Normal, which every style is based on: Word checks spelling and hyphenates in it.
    {
      id: 'Normal',
      name: 'Normal',
      run: {
        font: body,
        size: halfPoints(t.fonts.size),
        color: hex(t.colours.text),
        ...(language ? { language: { value: language } } : {}),
      },
      paragraph: { spacing: { after: twips(s.paragraph_after), ...line(t, t.fonts.size) } },
    },
    headingStyle(t, 'Title', 'Title', 0, {
      bottom: {
        style: BorderStyle.SINGLE,
        size: eighths(s.title_rule_width),
        color: hex(t.colours.accent),
        space: Math.round(s.title_rule_gap),
      },
    }),
    headingStyle(t, 'Heading1', 'Heading 1', 1),
    headingStyle(t, 'Heading2', 'Heading 2', 2),
    headingStyle(t, 'Heading3', 'Heading 3', 3),
    ...blockStyles(t),
  ];
  return {
    default: { document: { run: { font: body, size: halfPoints(t.fonts.size) } } },
    paragraphStyles,
    characterStyles: [
      { id: 'Hyperlink', name: 'Hyperlink', run: { color: hex(t.colours.link), underline: {} } },
      { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true, color: hex(t.colours.link) } },
      { id: 'EndnoteReference', name: 'endnote reference', run: { superScript: true, color: hex(t.colours.link) } },
    ],
    importedStyles: [ImportedXmlComponent.fromXmlString(tableStyle(t))],
  };
}

/** A heading's style, at its level's size and spacing, in the heading font. */
function headingStyle(
  t: Theme,
  id: string,
  name: string,
  level: 0 | 1 | 2 | 3,
  border?: object,
): IParagraphStyleOptions {
  const s = t.spacing;
  const size = resolveStyle(t).size.heading[level];
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: primaryOf(t.fonts.heading).name, bold: true, size: halfPoints(size), color: hex(t.colours.heading) },
    // keepNext: a heading never stands alone at the foot of a page.
    paragraph: {
      spacing: { before: twips(s.heading_before[level]), after: twips(s.heading_after[level]), ...line(t, size) },
      keepNext: true,
      keepLines: true,
      ...(border ? { border } : {}),
    },
  };
}

/** The styles of lists, quotations, notes, table text and the running bands. */
function blockStyles(t: Theme): IParagraphStyleOptions[] {
  const s = t.spacing;
  const heading = primaryOf(t.fonts.heading).name;
  const { table, note } = resolveStyle(t).size;
  return [
    {
      id: 'ListBullet',
      name: 'List Bullet',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { spacing: { after: twips(s.list_item_after) } },
    },
    {
      id: 'ListNumber',
      name: 'List Number',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { spacing: { after: twips(s.list_item_after) } },
    },
    {
      id: 'Quote',
      name: 'Quote',
      basedOn: 'Normal',
      quickFormat: true,
      run: { italics: true },
      paragraph: {
        indent: { left: twips(s.quote_indent) },
        border: {
          left: {
            style: BorderStyle.SINGLE,
            size: eighths(s.quote_rule_width),
            color: hex(t.colours.accent),
            space: 4,
          },
        },
      },
    },
    {
      id: 'FootnoteText',
      name: 'footnote text',
      basedOn: 'Normal',
      run: { size: halfPoints(note) },
      paragraph: { spacing: { after: twips(s.note_after), ...line(t, note) } },
    },
    // Endnotes and the notes list: the number, then the text hanging at the PDF's note indent.
    {
      id: 'EndnoteText',
      name: 'endnote text',
      basedOn: 'Normal',
      run: { size: halfPoints(note) },
      paragraph: {
        indent: { left: twips(s.note_indent), hanging: twips(s.note_indent) },
        spacing: { after: twips(s.note_after), ...line(t, note) },
      },
    },
    {
      id: 'BriefTableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { font: heading, size: halfPoints(table) },
      paragraph: { spacing: { after: 0, ...line(t, table) } },
    },
    {
      id: 'BriefBand',
      name: 'Header Band',
      basedOn: 'Normal',
      run: { font: heading, size: halfPoints(s.band_size), color: hex(t.colours.muted) },
      paragraph: { spacing: { after: 0, ...line(t, s.band_size) } },
    },
  ];
}

/** Bullets and numbers: the label in the theme's list indent, three levels deep. */
export function numbering(t: Theme): INumberingOptions {
  const indent = twips(t.spacing.list_indent);
  const hanging = indent;
  return {
    config: [
      {
        reference: 'bullets',
        levels: [0, 1, 2].map((level) => ({
          level,
          format: LevelFormat.BULLET,
          text: bulletAt(resolveStyle(t), level),
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: indent * (level + 1), hanging } } },
        })),
      },
      {
        reference: 'numbers',
        levels: [0, 1, 2].map((level) => ({
          level,
          format: LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: indent * (level + 1), hanging } } },
        })),
      },
    ],
  };
}

/** The table style, as Word writes one: borders in the theme's rule colour and width, padding, a bold header row. */
function tableStyle(t: Theme): string {
  const c = hex(t.colours.rule);
  const w = eighths(t.spacing.table_rule_width);
  const pad = twips(t.spacing.table_padding);
  const b = (side: string) => `<w:${side} w:val="single" w:sz="${w}" w:space="0" w:color="${c}"/>`;
  const m = (side: string) => `<w:${side} w:w="${pad}" w:type="dxa"/>`;
  return (
    `<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="table" w:styleId="BriefTable">` +
    `<w:name w:val="Brief Table"/><w:uiPriority w:val="59"/><w:qFormat/>` +
    `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b).join('')}</w:tblBorders>` +
    `<w:tblCellMar>${['top', 'left', 'bottom', 'right'].map(m).join('')}</w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${hex(t.colours.table_header_text)}"/></w:rPr>` +
    `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(t.colours.table_header_fill)}"/></w:tcPr></w:tblStylePr>` +
    `</w:style>`
  );
}
