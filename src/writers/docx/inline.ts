/**
 * Inline content as Word runs, one handler per inline node type. Characters
 * the role's font lacks are set in the fallback font (the one rule in
 * fonts.ts). A note's first citation is the Word footnote itself; later
 * citations of the same note are NOTEREF fields to its bookmarked number;
 * inside a note (where Word allows no footnote references) a citation is a
 * superscript number.
 */
import { Bookmark, ExternalHyperlink, FootnoteReferenceRun, ImportedXmlComponent, TextRun, type ParagraphChild } from 'docx';
import { unreachable, type Inline } from '../../doc/tree.js';
import { textOf } from '../../doc/walk.js';
import type { Theme } from '../../shared/theme.js';
import { fontFor, type FontSet, type Role } from '../fonts.js';
import { hex } from './units.js';

export interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  font?: string;
  size?: number;
  color?: string;
}

export class Runs {
  /** Notes whose first citation has been placed (it carries the footnote). */
  private readonly referenced = new Set<number>();

  constructor(private readonly theme: Theme, private readonly fonts: FontSet) {}

  /** Runs for inline content set in `role`'s font, with a base format. */
  of(nodes: readonly Inline[], role: Role = 'body', base: RunFormat = {}, inNote = false): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const t = this.theme;
    const text = (value: string, fmt: RunFormat) => {
      for (const seg of this.segments(value, role)) out.push(new TextRun({ text: seg.text, ...fmt, ...(seg.fallback ? { font: t.fonts.fallback.name } : {}) }));
    };
    const walk = (list: readonly Inline[], fmt: RunFormat) => {
      list.forEach((n, i) => {
        if (n.type === 'noteRef' && list[i - 1]?.type === 'noteRef') out.push(new TextRun({ text: ',', superScript: true, color: hex(t.colours.link) }));
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
          case 'span':
            walk(n.children, fmt);
            break;
          case 'break':
            out.push(new TextRun({ break: 1 }));
            break;
          case 'noteRef':
            out.push(this.noteRef(n.n, inNote));
            break;
          case 'link':
            out.push(new ExternalHyperlink({ link: n.url, children: [new TextRun({ text: textOf(n.children), style: 'Hyperlink', ...fmt })] }));
            break;
          default:
            unreachable(n);
        }
      });
    };
    walk(nodes, base);
    return out;
  }

  private noteRef(n: number, inNote: boolean): ParagraphChild {
    if (inNote) return new TextRun({ text: String(n), superScript: true, color: hex(this.theme.colours.link) });
    if (!this.referenced.has(n)) {
      // A Word footnote has one reference: the first citation, bookmarked so that
      // later citations of the same source can point at its number.
      this.referenced.add(n);
      return new Bookmark({ id: `_RefNote${n}`, children: [new FootnoteReferenceRun(n)] }) as unknown as ParagraphChild;
    }
    // A later citation: Word's cross-reference to the footnote number (NOTEREF, formatted as a footnote mark, linked).
    return ImportedXmlComponent.fromXmlString(
      `<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr=" NOTEREF _RefNote${n} \\f \\h "><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>${n}</w:t></w:r></w:fldSimple>`,
    ) as unknown as ParagraphChild;
  }

  /** Splits text where the role's font lacks characters that the fallback font has. */
  private segments(text: string, role: Role): { text: string; fallback: boolean }[] {
    const out: { text: string; fallback: boolean }[] = [];
    for (const ch of text) {
      const fb = fontFor(this.fonts, role, ch.codePointAt(0)!) === 'fallback';
      const last = out[out.length - 1];
      if (last && last.fallback === fb) last.text += ch;
      else out.push({ text: ch, fallback: fb });
    }
    return out;
  }
}
