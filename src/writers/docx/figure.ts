/**
 * Chart figures in the DOCX: the shared layout (chart.ts) as an SVG image,
 * with the PNG Word requires beside it for applications that cannot show
 * SVG. The PNGs are rendered by resvg from that SVG with its Latin and
 * common text as the outlines of the theme's own glyphs, and any other
 * text set by resvg with the theme's own font files (no system fonts, so the
 * bytes are the same on every machine), each figure on its own and encoded
 * by resvg. Each image's description (docPr descr) says what the figure
 * shows.
 */
import { createRequire } from 'node:module';
import { ImageRun, Paragraph } from 'docx';
import type { Block, Chart } from '../../doc/tree.js';
import { walkBlocks } from '../../doc/walk.js';
import type { Theme } from '../../shared/theme.js';
import { estimateWidth, layoutChart, svgOf, type ChartLayout, type ChartText } from '../chart.js';
import type { FontSet, LoadedFamily } from '../text/fonts.js';
import { hasRtl, isMark, scriptsOf } from '../text/scripts.js';

/** Pixels (docx's unit for images, 96 to the inch) per point. */
const PX_PER_PT = 96 / 72;
/**
 * The PNG fallback's resolution: the figure's size in pixels at 96 to the
 * inch, as Word shows it on screen (only Word 2013 and older show the
 * fallback at all). Twice that doubled the time the fallbacks take, which
 * put a cold run more than 10% over what it was before figures.
 */
const PNG_SCALE = 1;
const ZOOM = PX_PER_PT * PNG_SCALE;
/** Drawing ids of figures start here, clear of the few docx numbers itself. */
const FIRST_ID = 1000;

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

/** resvg, loaded the first time a DOCX has a figure (a native module: kept out of the bundle). */
function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

/** A figure as the DOCX holds it: its layout, SVG and size in points. */
interface Drawn {
  chart: Chart;
  laid: ChartLayout;
  svg: string;
  width: number;
  height: number;
}

function draw(chart: Chart, theme: Theme, contentWidth: number): Drawn {
  // The SVG the Markdown writes too (its text set by the reader's fonts), at the width the page gives (layoutChart keeps to its widest).
  const laid = layoutChart(chart, contentWidth / 20, theme, estimateWidth);
  const svg = svgOf(chart, laid, theme);
  return { chart, laid, svg, width: laid.width + laid.stroke * 2, height: laid.height + laid.stroke * 2 };
}

/** Characters that draw nothing: the marks that keep names in order, joiners, zero-width spaces. */
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064]/u;

/**
 * A figure's text as the outlines of the theme's glyphs (glyph for glyph, as
 * the PDF sets Latin and common characters), for the PNG: resvg, given a font
 * file, reads the whole file again for every glyph it draws. Undefined for
 * text in any other script, a right-to-left character or a combining mark:
 * resvg sets that text itself, with the files of its families.
 */
function outlined(t: ChartText, fonts: FontSet): string | undefined {
  if (scriptsOf(t.text)) return undefined;
  const glyphs: { x: number; k: number; d: string }[] = [];
  let width = 0;
  for (const ch of t.text) {
    const cp = ch.codePointAt(0)!;
    if (INVISIBLE.test(ch)) continue;
    if (isMark(cp) || hasRtl(ch)) return undefined;
    const font = fonts.familyFor('heading', cp, null).faces[t.bold ? 'bold' : 'regular'].plain;
    const g = font.glyphForCodePoint(cp);
    const k = t.size / font.unitsPerEm;
    glyphs.push({ x: width, k, d: g.path.toSVG() });
    width += g.advanceWidth * k;
  }
  const x0 = t.anchor === 'middle' ? t.x - width / 2 : t.x;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return glyphs
    .filter((g) => g.d)
    .map((g) => `<path transform="translate(${r(x0 + g.x)} ${t.baseline}) scale(${r(g.k)} ${-r(g.k)})" d="${g.d}"/>`)
    .join('\n');
}

/** The families the given texts' characters are set in (the heading role's, as tables). */
function familiesOf(texts: readonly string[], fonts: FontSet): LoadedFamily[] {
  const families = new Set([fonts.primary('heading')]);
  for (const text of texts) {
    const scripts = scriptsOf(text);
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      families.add(fonts.familyFor('heading', cp, scripts?.[i] ?? null));
      if (cp > 0xffff) i++;
    }
  }
  return [...families];
}

/**
 * Every figure of the document rendered to PNG by resvg, each on its own,
 * encoded by resvg itself (native code: encoding the pixels in JavaScript
 * took as long as rendering them). Keyed by each figure's SVG.
 */
export function renderFigures(
  blocks: readonly Block[],
  theme: Theme,
  fonts: FontSet,
  contentWidth: number,
): Map<string, Buffer> {
  const drawn: Drawn[] = [];
  walkBlocks(blocks, {
    block: (b) => {
      if (b.type === 'figure') drawn.push(draw(b.chart, theme, contentWidth));
    },
  });
  const pngs = new Map<string, Buffer>();
  if (!drawn.length) return pngs;
  const { Resvg } = loadResvg();
  for (const d of drawn) {
    if (pngs.has(d.svg)) continue;
    // Text outlined where it can be; resvg is given the font files of the rest only (none for a Latin figure).
    const rest: string[] = [];
    const svg = svgOf(d.chart, d.laid, theme, (t) => outlined(t, fonts) ?? void rest.push(t.text));
    const fontFiles = rest.length
      ? [...new Set(familiesOf(rest, fonts).flatMap((f) => [f.faces.regular.path, f.faces.bold.path]))]
      : [];
    const options = {
      fitTo: { mode: 'zoom', value: ZOOM },
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: fonts.primary('heading').name },
      background: '#ffffff',
    } as const;
    pngs.set(d.svg, new Resvg(svg, options).render().asPng());
  }
  return pngs;
}

export function figure(
  chart: Chart,
  theme: Theme,
  contentWidth: number,
  n: number,
  pngs: ReadonlyMap<string, Buffer>,
): Paragraph {
  const d = draw(chart, theme, contentWidth);
  const fallback = pngs.get(d.svg);
  if (!fallback) throw new Error('a figure was not rendered before the document was written');
  return new Paragraph({
    keepLines: true,
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(d.svg, 'utf8'),
        fallback: { type: 'png', data: fallback },
        transformation: { width: Math.round(d.width * PX_PER_PT), height: Math.round(d.height * PX_PER_PT) },
        altText: { id: String(FIRST_ID + n), name: chart.title, description: chart.alt, title: chart.title },
      }),
    ],
  });
}
