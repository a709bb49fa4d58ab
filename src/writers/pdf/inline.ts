/**
 * Inline layout for the PDF writer: inline runs -> styled words -> lines that
 * fit a width. Breaks at spaces, and inside a word only when the word alone
 * is wider than the line. Characters the role's font lacks are set in the
 * fallback font. Measures with pdfkit, so layout and drawing agree.
 */
import { unreachable, type Inline } from '../../doc/tree.js';
import { fontFor, type Face, type FontSet, type Role } from '../fonts.js';

/** Inline code is set this much smaller than the text around it; a note number this much. */
const CODE_SCALE = 0.92;
const SUP_SCALE = 0.62;

export interface Style {
  role: Role;
  bold: boolean;
  italic: boolean;
  size: number;
  color: string;
  /** External address or internal named destination this text links to. */
  link?: { url: string } | { dest: string };
  /** Footnote reference: smaller and raised. */
  sup?: boolean;
  /** Named destination to place at this text (the first reference to a note). */
  anchor?: string;
  underline?: boolean;
  /** Struck through (a `delete` node), as the DOCX writer shows it too. */
  strike?: boolean;
}

export interface Piece {
  text: string;
  style: Style;
  font: string;
  size: number;
  width: number;
  space: boolean;
}

export interface Line {
  pieces: Piece[];
  width: number;
  ascent: number;
  height: number;
}

/** What pdfkit offers for measuring. */
export interface Measure {
  width(font: string, size: number, text: string): number;
  ascent(font: string, size: number): number;
}

export function faceOf(s: { bold: boolean; italic: boolean }): Face {
  return s.bold ? (s.italic ? 'bold_italic' : 'bold') : s.italic ? 'italic' : 'regular';
}

export interface InlineContext {
  base: Style;
  linkColor: string;
  /** Footnote number -> whether its first reference was already placed (for the back-link anchor). */
  refAnchor: (n: number) => string | undefined;
}

/** Flattens inline nodes into styled runs. */
export function runs(nodes: readonly Inline[], ctx: InlineContext): { text: string; style: Style }[] {
  const out: { text: string; style: Style }[] = [];
  const walk = (list: readonly Inline[], style: Style) => {
    list.forEach((n, i) => {
      switch (n.type) {
        case 'text':
          out.push({ text: n.value, style });
          break;
        case 'code':
          out.push({ text: n.value, style: { ...style, role: 'mono', size: style.size * CODE_SCALE } });
          break;
        case 'strong':
          walk(n.children, { ...style, bold: true });
          break;
        case 'emphasis':
          walk(n.children, { ...style, italic: true });
          break;
        case 'delete':
          walk(n.children, { ...style, strike: true });
          break;
        case 'span':
          // Attributes change nothing in how Latin text is set; the cell's category is read by the table handler.
          walk(n.children, style);
          break;
        case 'link':
          walk(n.children, { ...style, color: ctx.linkColor, underline: true, link: { url: n.url } });
          break;
        case 'break':
          out.push({ text: '\n', style });
          break;
        case 'noteRef': {
          const prev = list[i - 1];
          const sep = prev?.type === 'noteRef' ? ',' : '';
          const s: Style = { ...style, sup: true, color: ctx.linkColor, link: { dest: `note-${n.n}` } };
          const anchor = ctx.refAnchor(n.n);
          if (anchor) s.anchor = anchor;
          out.push({ text: `${sep}${n.n}`, style: s });
          break;
        }
        default:
          unreachable(n);
      }
    });
  };
  walk(nodes, ctx.base);
  return out;
}

/** Splits runs into words and spaces, each set in a font that has its characters. */
export function pieces(list: { text: string; style: Style }[], fonts: FontSet, m: Measure, fontKey: (role: Role, face: Face) => string): Piece[] {
  const out: Piece[] = [];
  for (const { text, style } of list) {
    const size = style.sup ? style.size * SUP_SCALE : style.size;
    for (const token of text.split(/(\n| +)/)) {
      if (!token) continue;
      if (token === '\n') {
        out.push({ text: '\n', style, font: fontKey(style.role, faceOf(style)), size, width: 0, space: true });
        continue;
      }
      const space = /^ +$/.test(token);
      // Segment by font coverage: the role's font, else the fallback.
      let current = '';
      let currentRole: Role | undefined;
      const flush = () => {
        if (!current) return;
        const font = fontKey(currentRole!, faceOf(style));
        out.push({ text: current, style, font, size, width: m.width(font, size, current), space });
        current = '';
      };
      for (const ch of token) {
        const cp = ch.codePointAt(0)!;
        const role: Role = space ? style.role : fontFor(fonts, style.role, cp);
        if (role !== currentRole) {
          flush();
          currentRole = role;
        }
        current += ch;
      }
      flush();
    }
  }
  return out;
}

/** Greedy line breaking; a word wider than the line is split between characters. */
export function wrap(list: Piece[], lineWidth: number, m: Measure, lineHeight: (size: number) => number): Line[] {
  const width = lineWidth + 0.01; // measured widths are floats: a word exactly as wide as the line fits
  const lines: Line[] = [];
  let line: Piece[] = [];
  let w = 0;
  const finish = () => {
    while (line.length && line[line.length - 1]!.space) line.pop();
    const lw = line.reduce((s, p) => s + p.width, 0);
    const sizes = line.filter((p) => !p.style.sup).map((p) => p.size);
    const size = sizes.length ? Math.max(...sizes) : (list[0]?.size ?? 10);
    const ascents = line.filter((p) => !p.style.sup).map((p) => m.ascent(p.font, p.size));
    const font = line[0]?.font ?? list[0]?.font;
    const ascent = ascents.length ? Math.max(...ascents) : font ? m.ascent(font, size) : size * 0.8;
    lines.push({ pieces: line, width: lw, ascent, height: lineHeight(size) });
    line = [];
    w = 0;
  };
  // Words are the runs of non-space pieces between spaces (a word may mix fonts).
  let i = 0;
  while (i < list.length) {
    const p = list[i]!;
    if (p.text === '\n') {
      finish();
      i++;
      continue;
    }
    if (p.space) {
      if (line.length) {
        line.push(p);
        w += p.width;
      }
      i++;
      continue;
    }
    let j = i;
    let ww = 0;
    while (j < list.length && !list[j]!.space) ww += list[j++]!.width;
    const word = list.slice(i, j);
    if (w + ww <= width || line.length === 0) {
      if (ww <= width) {
        line.push(...word);
        w += ww;
      } else {
        // Longer than a whole line: break it character by character.
        for (const part of word) {
          let chunk = '';
          for (const ch of part.text) {
            const cw = m.width(part.font, part.size, chunk + ch);
            if (w + cw > width && (chunk || line.length)) {
              if (chunk) line.push({ ...part, text: chunk, width: m.width(part.font, part.size, chunk) });
              finish();
              chunk = ch;
            } else chunk += ch;
          }
          if (chunk) {
            const cw = m.width(part.font, part.size, chunk);
            line.push({ ...part, text: chunk, width: cw });
            w += cw;
          }
        }
      }
      i = j;
    } else {
      finish();
    }
  }
  if (line.length || lines.length === 0) finish();
  return lines;
}

/** The widest single word: a column cannot be narrower without breaking words. */
export function minWidth(list: Piece[]): number {
  let best = 0;
  let cur = 0;
  for (const p of list) {
    if (p.space) {
      best = Math.max(best, cur);
      cur = 0;
    } else cur += p.width;
  }
  return Math.max(best, cur);
}

export function maxWidth(list: Piece[]): number {
  let best = 0;
  let cur = 0;
  for (const p of list) {
    if (p.text === '\n') {
      best = Math.max(best, cur);
      cur = 0;
    } else cur += p.width;
  }
  return Math.max(best, cur);
}
