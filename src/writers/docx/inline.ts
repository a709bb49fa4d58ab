/**
 * Inline content as Word runs, one handler per inline node type. Characters
 * the role's font lacks are set in the fallback font (the one rule in
 * fonts.ts). A citation is a superscript number linked to its note in the
 * numbered notes list at the end (theme docx_notes: list, the default, as the
 * PDF has them); with Word endnotes or footnotes (docx_notes: endnotes or
 * footnotes) a note's first citation is the Word note itself and later
 * citations are NOTEREF fields to its bookmarked number; inside a note
 * (where Word allows no note references) a citation is a superscript number.
 */
import { noteGroups } from '../../doc/footnotes.js';
import {
  Bookmark,
  DeletedTextRun,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImportedXmlComponent,
  InsertedTextRun,
  InternalHyperlink,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { DELETED, INSERTED } from '../../doc/track.js';
import { escapeXml } from '../../shared/xml.js';
import { unreachable, type Inline } from '../../doc/tree.js';
import { textOf } from '../../doc/walk.js';
import { primaryOf, type Theme } from '../../shared/theme.js';
import type { FontSet, LoadedFamily, Role } from '../text/fonts.js';
import { isMark, runLanguage, scriptsOf, type Script } from '../text/scripts.js';
import type { Embedding } from './embed.js';
import { halfPoints, hex } from './units.js';
import { isolateOf } from '../text/bidi.js';
import { breakableUrls, LRM } from './urls.js';

/** Unicode's right-to-left mark. */
const RLM = '\u200f';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  size?: number;
  color?: string;
  /** The language of the text, from a span's attribute. */
  lang?: string;
  /** The size of the paragraph's text in points: complex-script runs carry it as w:szCs. */
  pt?: number;
  /** The colour stays with a reference document's styles too (the header row of Brief's own table style). */
  fixed?: boolean;
  /** A tracked change: inserted or deleted text. */
  revision?: 'inserted' | 'deleted';
}

/** A stretch of text that Word sets with one font slot: its family, and whether it is right to left. */
interface Segment {
  text: string;
  family: LoadedFamily;
  script: Script | null;
}

export class Runs {
  /** Notes whose first citation has been placed (it carries the footnote). */
  private readonly referenced = new Set<number>();

  /** Revision ids, unique in the document (runs and paragraph marks share them). */
  private revisionId = 0;

  /**
   * `styled`: the document takes a reference document's styles (restyle.ts),
   * so runs leave the body and heading fonts and the theme's colours to the
   * styles; a run in another script still names the family that has its
   * characters, and code its monospaced family.
   */
  constructor(
    private readonly theme: Theme,
    private readonly fonts: FontSet,
    private readonly language: string,
    private readonly revisions?: { author: string; date: Date },
    private readonly embedding?: Embedding,
    private readonly styled = false,
  ) {}

  /** A colour of the theme's, unless the styles rule. */
  private colour(c: string): { color?: string } {
    return this.styled ? {} : { color: hex(c) };
  }

  /** A revision's attributes: the next id, the author and the date (tracked changes). */
  revision(): { id: number; author: string; date: string } {
    if (!this.revisions) throw new Error('no revisions in this document');
    return {
      id: ++this.revisionId,
      author: this.revisions.author,
      date: this.revisions.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }

  /** A paragraph's own mark as inserted or deleted, so that accepting or rejecting the change leaves no empty paragraph. */
  paragraphMark(revision: 'inserted' | 'deleted' | undefined): {
    run?: { insertion?: ReturnType<Runs['revision']>; deletion?: ReturnType<Runs['revision']> };
  } {
    if (!revision || !this.revisions) return {};
    return { run: revision === 'inserted' ? { insertion: this.revision() } : { deletion: this.revision() } };
  }

  /** Runs for inline content set in `role`'s font, with a base format. */
  of(nodes: readonly Inline[], role: Role = 'body', base: RunFormat = {}, inNote = false): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const text = (value: string, fmt: RunFormat) => {
      for (const seg of this.segments(value, role)) out.push(this.run(seg, role, fmt));
    };
    const walk = (list: readonly Inline[], fmt: RunFormat) => {
      list.forEach((n, i) => {
        switch (n.type) {
          case 'text':
            text(n.value, fmt);
            break;
          case 'code':
            for (const seg of this.segments(n.value, 'mono')) out.push(this.run(seg, 'mono', fmt));
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
          case 'span': {
            // Tracked changes are recorded as revisions only when the document has them; otherwise the text is plain.
            const revision =
              this.revisions && n.attrs.class === INSERTED
                ? 'inserted'
                : this.revisions && n.attrs.class === DELETED
                  ? 'deleted'
                  : fmt.revision;
            // A span with a direction of its own (text/bidi.ts) is held together by a mark of its direction at each end,
            // as the PDF isolates it: a digit or a quotation mark at its start or end stays at that end of it.
            const dir = isolateOf(n.attrs, n.children).isolate?.dir,
              mark: Inline = { type: 'text', value: dir === 'rtl' ? RLM : LRM };
            walk(dir ? [mark, ...n.children, mark] : n.children, {
              ...fmt,
              ...(n.attrs.lang ? { lang: n.attrs.lang } : {}),
              ...(revision ? { revision } : {}),
            });
            break;
          }
          case 'break':
            out.push(new TextRun({ break: 1 }));
            break;
          case 'noteRef': {
            // A run of marks is written once, from its first: in ranges when it is long (doc/footnotes.ts).
            if (list[i - 1]?.type === 'noteRef') break;
            const run: number[] = [];
            for (let j = i; list[j]?.type === 'noteRef'; j++) run.push((list[j] as { n: number }).n);
            out.push(...this.noteMarks(run, inNote, fmt));
            break;
          }
          case 'link':
            // The target is the exact address; the visible text breaks where the PDF's does (urls.ts).
            out.push(
              new ExternalHyperlink({
                link: n.url,
                children: [
                  new TextRun({ text: breakableUrls(textOf(n.children)), style: 'Hyperlink', ...this.format(fmt) }),
                ],
              }),
            );
            break;
          default:
            unreachable(n);
        }
      });
    };
    walk(nodes, base);
    return out;
  }

  /** A run, as a tracked insertion or deletion when its text is one. */
  private plain(options: ConstructorParameters<typeof TextRun>[0] & object, fmt: RunFormat): ParagraphChild {
    if (fmt.revision === 'inserted') return new InsertedTextRun({ ...options, ...this.revision() });
    if (fmt.revision === 'deleted') return new DeletedTextRun({ ...options, ...this.revision() });
    return new TextRun(options);
  }

  /**
   * A run of note marks: "7,12–28". Word numbers footnotes by their references,
   * so a note first cited inside a range keeps its own reference: a range is
   * drawn only over notes already referenced (their marks are cross-references).
   */
  private noteMarks(ns: readonly number[], inNote: boolean, fmt: RunFormat): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const sign = (text: string) =>
      out.push(this.plain({ text, superScript: true, ...this.colour(this.theme.colours.link) }, fmt));
    const groups = noteGroups(ns).flatMap((g) => {
      const inside = Array.from({ length: Math.max(0, g.to - g.from - 1) }, (_, x) => g.from + 1 + x);
      // In the notes list every note is numbered already; Word's own notes only once referenced.
      const numbered = (n: number) =>
        inNote || notesMode(this.theme, !!this.revisions) === 'list' || this.referenced.has(n);
      return inside.every(numbered)
        ? [g]
        : Array.from({ length: g.to - g.from + 1 }, (_, x) => ({ from: g.from + x, to: g.from + x }));
    });
    groups.forEach((g, k) => {
      if (k > 0) sign(',');
      out.push(this.noteRef(g.from, inNote, fmt.revision));
      if (g.to === g.from) return;
      // A word joiner after the dash: a line may break between groups ("4,7–10,"), never inside a range ("7–" / "10").
      sign('–\u2060');
      out.push(this.noteRef(g.to, inNote, fmt.revision));
    });
    return out;
  }

  private noteRef(n: number, inNote: boolean, revision?: 'inserted' | 'deleted'): ParagraphChild {
    const mode = notesMode(this.theme, !!this.revisions);
    const mark = { text: String(n), superScript: true, ...this.colour(this.theme.colours.link) };
    if (inNote) return this.plain(mark, revision ? { revision } : {});
    // The notes list at the end, in the text as the PDF's: the mark is a link to its note's bookmark.
    if (mode === 'list')
      return revision
        ? this.plain(mark, { revision })
        : new InternalHyperlink({
            anchor: `_Note${n}`,
            children: [new TextRun({ ...mark, style: 'EndnoteReference' })],
          });
    const end = mode === 'endnotes';
    const kind = end ? 'endnote' : 'footnote';
    const style = end ? 'EndnoteReference' : 'FootnoteReference';
    if (revision === 'inserted' && !this.referenced.has(n)) {
      // The note of inserted text is inserted with it: rejecting the change removes its mark too.
      this.referenced.add(n);
      const r = this.revision();
      const mark = 900000 + n;
      return ImportedXmlComponent.fromXmlString(
        `<w:ins xmlns:w="${W}" w:id="${r.id}" w:author="${escapeXml(r.author)}" w:date="${r.date}"><w:bookmarkStart w:id="${mark}" w:name="_RefNote${n}"/><w:r><w:rPr><w:rStyle w:val="${style}"/></w:rPr><w:${kind}Reference w:id="${n}"/></w:r><w:bookmarkEnd w:id="${mark}"/></w:ins>`,
      ) as unknown as ParagraphChild;
    }
    if (!this.referenced.has(n)) {
      // A Word note has one reference: the first citation, bookmarked so that
      // later citations of the same source can point at its number.
      this.referenced.add(n);
      return new Bookmark({
        id: `_RefNote${n}`,
        children: [end ? new EndnoteReferenceRun(n) : new FootnoteReferenceRun(n)],
      }) as unknown as ParagraphChild;
    }
    // A later citation: Word's cross-reference to the note number (NOTEREF, formatted as a note mark, linked).
    return ImportedXmlComponent.fromXmlString(
      `<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr=" NOTEREF _RefNote${n} \\f \\h "><w:r><w:rPr><w:rStyle w:val="${style}"/></w:rPr><w:t>${n}</w:t></w:r></w:fldSimple>`,
    ) as unknown as ParagraphChild;
  }

  private format(fmt: RunFormat): {
    bold?: boolean;
    italics?: boolean;
    strike?: boolean;
    size?: number;
    color?: string;
  } {
    const { lang: _lang, pt: _pt, revision: _revision, fixed, ...rest } = fmt;
    if (this.styled && !fixed) delete rest.color;
    return rest;
  }

  /**
   * One Word run. Word chooses among a run's fonts by character: Latin text
   * takes w:ascii/w:hAnsi, complex scripts (Arabic, Hebrew, Indic, Thai) w:cs
   * with their own size (w:szCs), East Asian text w:eastAsia; right-to-left
   * runs carry w:rtl; w:lang says the run's language (the document's for the template's own words).
   */
  private run(seg: Segment, role: Role, fmt: RunFormat): ParagraphChild {
    const own = primaryOf(this.theme.fonts[role]).name;
    const slot = seg.script?.slot ?? 'latin';
    const name = seg.family.name;
    const text = breakableUrls(seg.text);
    // Headings' style makes their runs bold (styles.ts).
    this.embedding?.note(seg.family, seg.script, !!fmt.bold || role === 'heading', text, !!fmt.italics);
    const font = this.styled
      ? this.styledFont(slot, name, role === 'mono' || name !== own)
      : slot === 'cs'
        ? { ascii: own, hAnsi: own, cs: name }
        : slot === 'eastAsia'
          ? { ascii: own, hAnsi: own, eastAsia: name }
          : { ascii: name, hAnsi: name, cs: name, eastAsia: name };
    const size = fmt.pt ?? this.theme.fonts.size;
    // Every run says its language in the attribute Word reads for its script (text/scripts.ts runLanguage: the
    // span's, else the document's); text in a script of no known language keeps only the document's w:val.
    const lang = runLanguage(fmt.lang, this.language, seg.script);
    const known = !/^und(-|$)/i.test(lang);
    const language = !known
      ? { value: this.language }
      : slot === 'cs'
        ? { value: this.language, bidirectional: lang }
        : slot === 'eastAsia'
          ? { value: this.language, eastAsia: lang }
          : { value: lang };
    const options = {
      text,
      ...this.format(fmt),
      ...(font ? { font } : {}),
      ...(slot === 'cs' ? { sizeComplexScript: halfPoints(size) } : {}),
      ...(seg.script?.rtl ? { rightToLeft: true } : {}),
      language,
    };
    return this.plain(options, fmt);
  }

  /** With a reference document's styles: only the family a run's script or its code needs, in that script's slot; none for the body's and headings' own text. */
  private styledFont(
    slot: string,
    name: string,
    named: boolean,
  ): { ascii?: string; hAnsi?: string; cs?: string; eastAsia?: string } | undefined {
    if (slot === 'cs') return { cs: name };
    if (slot === 'eastAsia') return { eastAsia: name };
    return named ? { ascii: name, hAnsi: name } : undefined;
  }

  /**
   * Splits text where the family (the one rule in text/fonts.ts) or the
   * script's font slot or direction changes, with scripts itemised as the
   * PDF writer does (text/scripts.ts): a comma or digit in Arabic text is
   * Arabic, the prolonged sound mark in katakana is Japanese; marks stay with
   * their letter.
   */
  private segments(text: string, role: Role): Segment[] {
    const out: Segment[] = [];
    const scripts = scriptsOf(text);
    let i = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const script = scripts ? scripts[i]! : null;
      i += ch.length;
      const last = out[out.length - 1];
      if (last && isMark(cp)) {
        last.text += ch;
        continue;
      }
      const family = this.fonts.familyFor(role, cp, script);
      const slot = script?.slot ?? 'latin';
      if (
        last &&
        last.family === family &&
        (last.script?.slot ?? 'latin') === slot &&
        !!last.script?.rtl === !!script?.rtl
      )
        last.text += ch;
      else out.push({ text: ch, family, script });
    }
    return out;
  }
}

/** How the DOCX gives its notes (theme docx_notes): a numbered list at the end of the text (the default), Word endnotes or Word footnotes. */
export function notesMode(theme: Theme, tracked = false): 'list' | 'endnotes' | 'footnotes' {
  // A document with tracked changes keeps Word's own notes: a citation added or withdrawn then adds or withdraws its note with it.
  const mode = theme.docx_notes ?? 'list';
  return tracked && mode === 'list' ? 'footnotes' : mode;
}
