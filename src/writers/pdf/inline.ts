/**
 * Inline layout for the PDF writer: inline runs -> pieces -> lines that fit a width. A piece is a stretch
 * of text set in one font, one way (glyph for glyph, or shaped), at one bidirectional level. Lines break at
 * spaces, at word boundaries inside scripts written without spaces (Chinese, Japanese, Thai...), and inside
 * a word only when the word alone is wider than the line, between grapheme clusters. Latin text keeps the
 * fast path: no bidi, no shaping, no segmentation.
 */
import { unreachable, type Inline } from '../../doc/tree.js';
import { noteMarks } from './notemarks.js';
import { isolateOf, isolatesOf, levelsOf } from '../text/bidi.js';
import { graphemeClusters, urlBreaks, wordSegments } from '../text/breaks.js';
import { fontKey, type Face, type FontSet, type LoadedFamily, type Role } from '../text/fonts.js';
import { hasRtl, isMark, scriptsOf, type Script } from '../text/scripts.js';

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
  /** Named destinations to place at this text (the first reference to a note; a range's dash holds those of the notes inside it). */
  anchor?: string | string[];
  underline?: boolean;
  /** Struck through (a `delete` node), as the DOCX writer shows it too. */
  strike?: boolean;
  /** The language of the text, from a span's attribute. */
  lang?: string;
  /** The span the text is in is a directional isolate (its `dir`, or a right-to-left `lang` over right-to-left text); one object per span. */
  isolate?: { dir: 'ltr' | 'rtl' };
}

export interface Piece {
  /** The text in logical (reading) order. */
  text: string;
  style: Style;
  /** pdfkit's key for the font (the glyph-for-glyph one; see drawnFont). */
  font: string;
  size: number;
  width: number;
  space: boolean;
  /** Set with OpenType shaping rather than glyph for glyph. */
  shaped: boolean;
  /** Bidirectional embedding level: even is left to right. */
  level: number;
  /** A line may break before this piece although no space precedes it. */
  breakBefore: boolean;
  /** The script that made the piece, for a language tag when the language is unknown. */
  script: Script | null;
  /** Tagged as a Span of its own: another language or script, shaped, or right to left. */
  span: boolean;
  /** The space at a soft line break: drawn, so that extraction and screen readers get two words, but of no width. */
  trailing?: boolean;
}

export interface Line {
  pieces: Piece[];
  width: number;
  ascent: number;
  height: number;
  /** The paragraph reads right to left: its lines align right. */
  rtl: boolean;
}

/** What the writer offers for measuring. */
export interface Measure {
  /** Width of text set glyph for glyph. */
  width(font: string, size: number, text: string): number;
  /** Width of text shaped in a direction. */
  shapedWidth(font: string, rtl: boolean, size: number, text: string): number;
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
        case 'span': // a span with a direction of its own is an isolate (text/bidi.ts)
          walk(
            n.children,
            n.attrs.lang || n.attrs.dir
              ? { ...style, ...(n.attrs.lang && { lang: n.attrs.lang }), ...isolateOf(n.attrs, n.children) }
              : style,
          );
          break;
        case 'link':
          walk(n.children, { ...style, color: ctx.linkColor, underline: true, link: { url: n.url } });
          break;
        case 'break':
          out.push({ text: '\n', style });
          break;
        case 'noteRef': {
          // A run of marks is drawn once, from its first: in ranges when it is long (doc/footnotes.ts).
          if (list[i - 1]?.type === 'noteRef') break;
          const run: number[] = [];
          for (let j = i; list[j]?.type === 'noteRef'; j++) run.push((list[j] as { n: number }).n);
          out.push(...noteMarks(run, style, ctx.linkColor, ctx.refAnchor));
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

/** The width of some of a piece's text, measured the way the piece is set. */
export function measurePart(m: Measure, p: Piece, text: string): number {
  return p.shaped ? m.shapedWidth(p.font, p.level % 2 === 1, p.size, text) : m.width(p.font, p.size, text);
}

/**
 * Splits runs into pieces: spaces, and words cut wherever the font, the
 * shaping, the script (itemised over the paragraph: text/scripts.ts), the
 * bidi level or a break opportunity changes. `base` is the paragraph's direction.
 */
export function pieces(
  list: { text: string; style: Style }[],
  fonts: FontSet,
  m: Measure,
  base: 'ltr' | 'rtl' = 'ltr',
): Piece[] {
  const out: Piece[] = [];
  const baseLevel = base === 'rtl' ? 1 : 0;
  const all = list.map((r) => r.text).join('');
  const levels =
    base === 'ltr' && !list.some((r) => hasRtl(r.text)) ? undefined : levelsOf(all, base, isolatesOf(list));
  const scripts = scriptsOf(all);
  let offset = 0;
  for (const { text, style } of list) {
    const size = style.sup ? style.size * SUP_SCALE : style.size;
    const face = faceOf(style);
    const piece = (
      t: string,
      family: LoadedFamily,
      space: boolean,
      shaped = false,
      level = baseLevel,
      script: Script | null = null,
      breakBefore = false,
    ): Piece => {
      const p: Piece = {
        text: t,
        style,
        font: fontKey(family, face),
        size,
        width: 0,
        space,
        shaped,
        level,
        breakBefore,
        script,
        span: shaped || level % 2 === 1 || !!style.lang || !!script,
      };
      p.width = measurePart(m, p, t);
      return p;
    };
    for (const token of text.split(/(\n| +)/)) {
      if (!token) continue;
      const at = offset;
      offset += token.length;
      const primary = fonts.primary(style.role);
      if (token === '\n') {
        out.push({ ...piece('', primary, true), text: '\n' });
        continue;
      }
      if (token[0] === ' ') {
        out.push(piece(token, primary, true, false, levels ? levels[at]! : baseLevel));
        continue;
      }
      const segmented = !!scripts?.slice(at, at + token.length).some((sc) => sc?.segmented);
      for (const c of cutWord(
        token,
        at,
        { fonts, role: style.role, scripts, levels, baseLevel },
        wordBreaks(token, segmented),
      )) {
        out.push(piece(token.slice(c.start, c.end), c.family, false, c.shaped, c.level, c.script, c.breakBefore));
      }
    }
  }
  return out;
}

/** A stretch of a word set in one font, shaping, bidi level and script: UTF-16 offsets in the word. */
interface Cut {
  start: number;
  end: number;
  family: LoadedFamily;
  shaped: boolean;
  level: number;
  script: Script | null;
  breakBefore: boolean;
}

/** What cutting a word reads: the fonts and the run's role, the paragraph's scripts and bidi levels (by offset). */
interface CutContext {
  fonts: FontSet;
  role: Role;
  scripts: ReturnType<typeof scriptsOf>;
  levels: ReturnType<typeof levelsOf> | undefined;
  baseLevel: number;
}

/** Break points inside words of scripts written without spaces; a web address only at its own (breaks.ts). */
function wordBreaks(token: string, segmented: boolean): Set<number> | undefined {
  const url = urlBreaks(token);
  if (url) return url;
  if (!segmented) return undefined;
  const breaks = new Set<number>();
  let b = 0;
  for (const seg of wordSegments(token)) {
    if (b > 0) breaks.add(b);
    b += seg.length;
  }
  return breaks;
}

/** Cuts a word (at offset `at` in the paragraph) wherever the font, the shaping, the script, the bidi level or a break opportunity changes. */
function cutWord(
  token: string,
  at: number,
  { fonts, role, scripts, levels, baseLevel }: CutContext,
  breaks: Set<number> | undefined,
): Cut[] {
  const cuts: Cut[] = [];
  let current: Cut | undefined;
  let i = 0;
  for (const ch of token) {
    const cp = ch.codePointAt(0)!;
    const level = levels ? levels[at + i]! : baseLevel,
      end = i + ch.length;
    if (current && isMark(cp)) {
      // A combining mark stays with its base letter, and makes the piece need shaping.
      current.end = end;
      current.shaped = true;
    } else {
      const script = scripts ? scripts[at + i]! : null;
      const family = fonts.familyFor(role, cp, script);
      const shaped = !!script?.shaped;
      const breakHere = breaks?.has(i) ?? false;
      const sameScript = !current?.shaped || !shaped || current.script === script;
      if (
        current &&
        current.family === family &&
        current.shaped === shaped &&
        current.level === level &&
        !breakHere &&
        sameScript
      )
        current.end = end;
      else {
        current = { start: i, end, family, shaped, level, script: script ?? null, breakBefore: breakHere };
        cuts.push(current);
      }
    }
    i = end;
  }
  return cuts;
}

/** Greedy line breaking; a word wider than the line is cut between grapheme clusters. */
export function wrap(
  list: Piece[],
  lineWidth: number,
  m: Measure,
  lineHeight: (size: number) => number,
  rtl = false,
): Line[] {
  const width = lineWidth + 0.01; // measured widths are floats: a word exactly as wide as the line fits
  const lines: Line[] = [];
  let line: Piece[] = [];
  let w = 0;
  // A line ending at a space or hard break keeps a space of no width: its last word and the next line's stay two words.
  const finish = (soft = false, hard?: Piece) => {
    let space: Piece | undefined;
    while (line.length && line[line.length - 1]!.space) space = line.pop();
    const lw = line.reduce((s, p) => s + p.width, 0),
      keep = hard ?? (soft ? space : undefined);
    if (keep && line.length) line.push({ ...keep, text: ' ', width: 0, space: true, trailing: true });
    const sizes = line.filter((p) => !p.style.sup).map((p) => p.size);
    const size = sizes.length ? Math.max(...sizes) : (list[0]?.size ?? 10);
    const ascents = line.filter((p) => !p.style.sup).map((p) => m.ascent(p.font, p.size));
    const font = line[0]?.font ?? list[0]?.font;
    const ascent = ascents.length ? Math.max(...ascents) : font ? m.ascent(font, size) : size * 0.8;
    lines.push({ pieces: line, width: lw, ascent, height: lineHeight(size), rtl });
    line = [];
    w = 0;
  };
  // Words are the runs of non-space pieces between spaces and break opportunities (a word may mix fonts).
  let i = 0;
  while (i < list.length) {
    const p = list[i]!;
    if (p.text === '\n') {
      finish(false, p);
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
    let j = i + 1;
    let ww = p.width;
    while (j < list.length && !list[j]!.space && !list[j]!.breakBefore) ww += list[j++]!.width;
    const word = list.slice(i, j);
    if (w + ww <= width || line.length === 0) {
      if (ww <= width) {
        line.push(...word);
        w += ww;
      } else {
        // Longer than a whole line: cut it between grapheme clusters.
        for (const part of word) {
          let chunk = '';
          for (const g of graphemeClusters(part.text)) {
            const cw = measurePart(m, part, chunk + g);
            if (w + cw > width && (chunk || line.length)) {
              if (chunk) line.push({ ...part, text: chunk, width: measurePart(m, part, chunk) });
              finish();
              chunk = g;
            } else chunk += g;
          }
          if (chunk) {
            const cw = measurePart(m, part, chunk);
            line.push({ ...part, text: chunk, width: cw });
            w += cw;
          }
        }
      }
      i = j;
    } else {
      finish(true);
    }
  }
  if (line.length || lines.length === 0) finish();
  return lines;
}

/** The widest unbreakable word: a column cannot be narrower without cutting words. */
export function minWidth(list: Piece[]): number {
  let best = 0;
  let cur = 0;
  for (const p of list) {
    if (p.space || p.breakBefore) {
      best = Math.max(best, cur);
      cur = 0;
    }
    if (!p.space) cur += p.width;
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
