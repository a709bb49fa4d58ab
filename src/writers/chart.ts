/**
 * A chart figure laid out once as boxes and text lines, which every writer
 * draws: the PDF writer with pdfkit (vector, its own fonts), the DOCX and
 * Markdown writers as SVG (svgOf). One horizontal bar per question, a
 * segment per category in the legend's order, each in its category's fill
 * or the tone the vocabulary gives it, as its matrix cells take it (style.ts
 * decides fills), with its symbol and count; below it a key line
 * per segment with its symbol, word, count and the actors. Symbols and words
 * carry the meaning, never the colour alone.
 */
import type { Chart } from '../doc/tree.js';
import type { Theme } from '../shared/theme.js';
import { primaryOf, type FontChain } from '../shared/theme.js';
import { cellFill, resolveStyle } from './style.js';

/** The widest a chart is drawn, in points: wider bars read no better. */
export const CHART_MAX_WIDTH = 520;
/** Proportions of the type size: the bar's height, the key's line height and its swatch. */
const BAR = 2;
const LINE = 1.4;
const SWATCH = 1.1;
const GAP = 0.5;
const STROKE = 0.5;

export interface ChartBox {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}
/** A line of text: its left edge (or centre), its top and its baseline. */
export interface ChartText {
  x: number;
  top: number;
  baseline: number;
  text: string;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle';
  /** A key line's words and names, for a writer that sets each on its own (so that no two names reorder as one right-to-left run). */
  items?: string[];
}

export interface ChartLayout {
  width: number;
  height: number;
  boxes: ChartBox[];
  texts: ChartText[];
  /** The outline colour of every box, and the colour of the text. */
  ink: string;
  stroke: number;
}

/** Text width in points at a size, bold or not. */
export type ChartMeasure = (text: string, size: number, bold: boolean) => number;

const LRM = '\u200e';
const round = (n: number) => Math.round(n * 100) / 100;

/** The widest a dense figure (one with a crowd) is drawn: its title beside its bar takes a fifth. */
export const CHART_WIDE_MAX_WIDTH = 760;
/** The share of a dense figure's width its title takes, beside the bar. */
const TITLE_SHARE = 0.2;
/** A dense figure's key type, as a proportion of the table's. */
const KEY_SIZE = 0.9;

/** The chart laid out in a box `width` points wide (at most CHART_MAX_WIDTH), from its top left. */
export function layoutChart(chart: Chart, width: number, theme: Theme, measure: ChartMeasure): ChartLayout {
  if (chart.segments.some((s) => s.crowd)) return layoutDense(chart, width, theme, measure);
  const size = resolveStyle(theme).size.table;
  const w = Math.min(width, CHART_MAX_WIDTH);
  const texts: ChartText[] = [];
  const boxes: ChartBox[] = [];
  const text = (x: number, top: number, t: string, bold = false, anchor: ChartText['anchor'] = 'start', s = size) =>
    texts.push({ x: round(x), top: round(top), baseline: round(top + s), text: t, size: s, bold, anchor });
  text(0, 0, chart.title, true);
  const barTop = size * LINE;
  const barH = size * BAR;
  const total = chart.segments.reduce((n, s) => n + s.count, 0) || 1;
  let x = 0;
  for (const s of chart.segments) {
    const sw = (w * s.count) / total;
    boxes.push({
      x: round(x),
      y: round(barTop),
      w: round(sw),
      h: round(barH),
      fill: fillOf(theme, s.category, s.tone),
    });
    const inner = `${s.symbol} ${s.count}`.trim();
    // The symbol and count inside the segment when they fit; the key below always has them.
    if (measure(inner, size, true) + size <= sw)
      text(x + sw / 2, barTop + (barH - size * 1.2) / 2, inner, true, 'middle');
    x += sw;
  }
  let y = barTop + barH + size * GAP * 2;
  // A figure that names no one (names=0, or no answer stated) keeps its key to as few lines as its items fill.
  if (chart.segments.every((s) => !s.actors.length)) y = compactKey(chart, w, y, size, theme, measure, boxes, text);
  const textX = size * (SWATCH + GAP * 2);
  for (const s of chart.segments) {
    if (chart.segments.every((x) => !x.actors.length)) break;
    const sq = size * SWATCH;
    boxes.push({
      x: 0,
      y: round(y + (size * LINE - sq) / 2 - size * 0.1),
      w: round(sq),
      h: round(sq),
      fill: fillOf(theme, s.category, s.tone),
    });
    if (s.symbol) text(sq / 2, y + (size * LINE - size * 1.2) / 2 - size * 0.1, s.symbol, false, 'middle', size * 0.9);
    const head = `${s.label} (${s.count})${s.actors.length ? ':' : ''}`;
    const names = s.actors.map((a, i) => (i < s.actors.length - 1 ? `${a},` : a));
    for (const items of wrapWords([head, ...names], w - textX, (t) => measure(t, size, false))) {
      // A left-to-right mark between names where one line of text holds them (SVG): two right-to-left names in a row keep the list's order.
      text(textX, y, items.join(`${LRM} `));
      texts[texts.length - 1]!.items = items;
      y += size * LINE;
    }
  }
  return { width: round(w), height: round(y), boxes, texts, ink: theme.colours.text, stroke: STROKE };
}

type TextAt = (x: number, top: number, t: string, bold?: boolean, anchor?: ChartText['anchor'], s?: number) => void;

/**
 * A dense figure, for a meeting too large to name everyone (a segment is a
 * crowd, counted and not named): the title beside the bar, and below the
 * bar one key flowing from item to item (swatch with its symbol, "Word
 * (count)", then the names of a group small enough to name), wrapped where
 * the width ends. At 36 actors and eight questions the eight figures take
 * about the height the separate key lines gave two.
 */
function layoutDense(chart: Chart, width: number, theme: Theme, measure: ChartMeasure): ChartLayout {
  const size = resolveStyle(theme).size.table;
  const w = Math.min(width, CHART_WIDE_MAX_WIDTH);
  const texts: ChartText[] = [];
  const boxes: ChartBox[] = [];
  const text: TextAt = (x, top, t, bold = false, anchor = 'start', s = size) =>
    texts.push({ x: round(x), top: round(top), baseline: round(top + s), text: t, size: s, bold, anchor });
  const left = round(w * TITLE_SHARE);
  const barH = size * BAR;
  const titleLines = wrapWords(chart.title.split(' '), left - size, (t) => measure(t, size, true));
  titleLines.forEach((l, i) => text(0, (barH - size * 1.2) / 2 + i * size * LINE, l.join(' '), true));
  const total = chart.segments.reduce((n, s) => n + s.count, 0) || 1;
  let x = left;
  for (const s of chart.segments) {
    const sw = ((w - left) * s.count) / total;
    boxes.push({ x: round(x), y: 0, w: round(sw), h: round(barH), fill: fillOf(theme, s.category, s.tone) });
    const inner = `${s.symbol} ${s.count}`.trim();
    if (measure(inner, size, true) + size <= sw) text(x + sw / 2, (barH - size * 1.2) / 2, inner, true, 'middle');
    x += sw;
  }
  const top = Math.max(barH + size * GAP, titleLines.length * size * LINE);
  const bottom = denseKey(chart, { left, right: w, top }, size * KEY_SIZE, theme, measure, boxes, texts);
  return { width: round(w), height: round(bottom), boxes, texts, ink: theme.colours.text, stroke: STROKE };
}

/** A dense figure's key, from `left` to `right` below `top`: each item's swatch, then its words and names flowing on; returns the height reached. */
function denseKey(
  chart: Chart,
  at: { left: number; right: number; top: number },
  size: number,
  theme: Theme,
  measure: ChartMeasure,
  boxes: ChartBox[],
  texts: ChartText[],
): number {
  const sq = size * SWATCH;
  const gap = size * GAP * 2;
  const space = (t: string[]) => measure(t.join(' '), size, false);
  let x = at.left;
  let y = at.top;
  let line: string[] = [];
  let lineX = x;
  const flush = () => {
    if (line.length)
      texts.push({
        x: round(lineX),
        top: round(y),
        baseline: round(y + size),
        text: line.join(`${LRM} `),
        size,
        bold: false,
        anchor: 'start',
        items: line,
      });
    line = [];
  };
  const newLine = () => {
    flush();
    x = at.left;
    y += size * LINE;
  };
  for (const s of chart.segments) {
    const head = `${s.label} (${s.count})${s.actors.length ? ':' : ''}`;
    if (x > at.left && x + sq + gap + space([head]) > at.right) newLine();
    flush();
    boxes.push({
      x: round(x),
      y: round(y + (size * LINE - sq) / 2 - size * 0.1),
      w: round(sq),
      h: round(sq),
      fill: fillOf(theme, s.category, s.tone),
    });
    if (s.symbol)
      texts.push({
        x: round(x + sq / 2),
        top: round(y + (size * LINE - size * 1.2) / 2 - size * 0.1),
        baseline: round(y + (size * LINE - size * 1.2) / 2 + size * 0.8),
        text: s.symbol,
        size: round(size * 0.9),
        bold: false,
        anchor: 'middle',
      });
    x += sq + gap;
    lineX = x;
    const names = s.actors.map((a, i) => (i < s.actors.length - 1 ? `${a},` : a));
    for (const item of [head, ...names]) {
      if (line.length && lineX + space([...line, item]) > at.right) {
        newLine();
        lineX = x;
      }
      line.push(item);
    }
    x = lineX + space(line) + gap * 2;
  }
  flush();
  return y + size * LINE;
}

/** The key as items side by side (swatch with its symbol, then "Word (count)"), wrapped onto more lines when they do not fit; returns the height reached. */
function compactKey(
  chart: Chart,
  w: number,
  top: number,
  size: number,
  theme: Theme,
  measure: ChartMeasure,
  boxes: ChartBox[],
  text: TextAt,
): number {
  const sq = size * SWATCH;
  const gap = size * GAP * 2;
  let x = 0;
  let y = top;
  for (const s of chart.segments) {
    const label = `${s.label} (${s.count})`;
    const width = sq + gap + measure(label, size, false);
    if (x > 0 && x + width > w) {
      x = 0;
      y += size * LINE;
    }
    boxes.push({
      x: round(x),
      y: round(y + (size * LINE - sq) / 2 - size * 0.1),
      w: round(sq),
      h: round(sq),
      fill: fillOf(theme, s.category, s.tone),
    });
    if (s.symbol)
      text(x + sq / 2, y + (size * LINE - size * 1.2) / 2 - size * 0.1, s.symbol, false, 'middle', size * 0.9);
    text(x + sq + gap, y, label);
    x += width + gap * 2;
  }
  return y + size * LINE;
}

/** A category's fill, as the matrix's cells take it (style.ts: its tone's, where the vocabulary gives one); white where the theme gives none. */
function fillOf(theme: Theme, category: string, tone?: string): string {
  return cellFill(theme, category || undefined, false, 0, tone) ?? '#ffffff';
}

/** Items (a name stays whole) packed into lines of at most `width`, a space between them. */
function wrapWords(items: string[], width: number, measure: (t: string) => number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  for (const item of items) {
    const next = [...line, item];
    if (line.length && measure(next.join(' ')) > width) {
      lines.push(line);
      line = [item];
    } else line = next;
  }
  if (line.length) lines.push(line);
  return lines;
}

/**
 * A width for SVG, where the reader's viewer sets the text: generous, from
 * the characters alone (wide East Asian characters a full em, others 0.6),
 * so that the same chart gives the same SVG whatever fonts are loaded.
 */
export const estimateWidth: ChartMeasure = (text, size, bold) => {
  let em = 0;
  for (const ch of text)
    em += /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\u3000-\u303f\uff00-\uffef]/u.test(ch)
      ? 1
      : bold
        ? 0.64
        : 0.6;
  return em * size;
};

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The font families an SVG names: the theme's heading list (tables are set in it), its fallbacks, then any sans. */
function families(theme: Theme): string {
  const list = (c: FontChain | undefined) => (c === undefined ? [] : Array.isArray(c) ? c : [c]);
  const names = [
    primaryOf(theme.fonts.heading),
    ...list(theme.fonts.heading).slice(1),
    ...list(theme.fonts.fallback),
  ].map((f) => f.name);
  return [...new Set(names)]
    .map((n) => `'${n.replace(/['"\\<>&]/g, '')}'`)
    .concat('sans-serif')
    .join(', ');
}

/**
 * The laid-out chart as an SVG document, its alternative text as its title.
 * `drawn` may give a text's own markup (glyph outlines, for a PNG renderer
 * spared the font files); where it gives none the text is SVG text.
 */
export function svgOf(
  chart: Chart,
  laid: ChartLayout,
  theme: Theme,
  drawn?: (t: ChartText) => string | undefined,
): string {
  const out: string[] = [];
  const w = laid.width + laid.stroke * 2;
  const h = laid.height + laid.stroke * 2;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${-laid.stroke} ${-laid.stroke} ${w} ${h}" role="img" aria-labelledby="t">`,
  );
  out.push(`<title id="t">${escapeXml(chart.alt)}</title>`);
  out.push(`<g stroke="${escapeXml(laid.ink)}" stroke-width="${laid.stroke}">`);
  for (const b of laid.boxes)
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="${escapeXml(b.fill)}"/>`);
  out.push('</g>');
  out.push(`<g font-family="${escapeXml(families(theme))}" fill="${escapeXml(laid.ink)}">`);
  for (const t of laid.texts) {
    const own = drawn?.(t);
    if (own !== undefined) out.push(own);
    else
      out.push(
        `<text x="${t.x}" y="${t.baseline}" font-size="${round(t.size)}"${t.bold ? ' font-weight="bold"' : ''}${t.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${escapeXml(t.text)}</text>`,
      );
  }
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
