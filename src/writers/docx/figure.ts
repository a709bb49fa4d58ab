/**
 * Chart figures in the DOCX: the shared layout (chart.ts) as an SVG image,
 * with the PNG Word requires beside it for applications that cannot show
 * SVG. The PNGs are rendered by resvg with the theme's own font files (no
 * system fonts, so the bytes are the same on every machine), each figure
 * on its own and encoded by resvg. Each image's description (docPr descr)
 * says what the figure shows.
 */
import { createRequire } from 'node:module';
import { ImageRun, Paragraph } from 'docx';
import type { Block, Chart } from '../../doc/tree.js';
import { chartTexts, walkBlocks } from '../../doc/walk.js';
import type { Theme } from '../../shared/theme.js';
import { estimateWidth, layoutChart, svgOf } from '../chart.js';
import type { FontSet, LoadedFamily } from '../text/fonts.js';
import { scriptsOf } from '../text/scripts.js';

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

/** A figure as the DOCX holds it: its SVG and size in points. */
interface Drawn { chart: Chart; svg: string; width: number; height: number }

function draw(chart: Chart, theme: Theme, contentWidth: number): Drawn {
  // The SVG the Markdown writes too (its text set by the reader's fonts), at the width the page gives (layoutChart keeps to its widest).
  const laid = layoutChart(chart, contentWidth / 20, theme, estimateWidth);
  const svg = svgOf(chart, laid, theme);
  return { chart, svg, width: laid.width + laid.stroke * 2, height: laid.height + laid.stroke * 2 };
}

/** The families the charts' own characters are set in (the heading role's, as tables). */
function familiesOf(charts: readonly Chart[], fonts: FontSet): LoadedFamily[] {
  const families = new Set([fonts.primary('heading')]);
  for (const text of charts.flatMap(chartTexts)) {
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
export function renderFigures(blocks: readonly Block[], theme: Theme, fonts: FontSet, contentWidth: number): Map<string, Buffer> {
  const drawn: Drawn[] = [];
  walkBlocks(blocks, { block: (b) => { if (b.type === 'figure') drawn.push(draw(b.chart, theme, contentWidth)); } });
  const pngs = new Map<string, Buffer>();
  if (!drawn.length) return pngs;
  const fontFiles = [...new Set(familiesOf(drawn.map((d) => d.chart), fonts).flatMap((f) => [f.faces.regular.path, f.faces.bold.path]))];
  const { Resvg } = loadResvg();
  const options = { fitTo: { mode: 'zoom', value: ZOOM }, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: fonts.primary('heading').name }, background: '#ffffff' } as const;
  for (const d of drawn) if (!pngs.has(d.svg)) pngs.set(d.svg, new Resvg(d.svg, options).render().asPng());
  return pngs;
}

export function figure(chart: Chart, theme: Theme, contentWidth: number, n: number, pngs: ReadonlyMap<string, Buffer>): Paragraph {
  const d = draw(chart, theme, contentWidth);
  const fallback = pngs.get(d.svg);
  if (!fallback) throw new Error('a figure was not rendered before the document was written');
  return new Paragraph({
    keepLines: true,
    children: [new ImageRun({
      type: 'svg',
      data: Buffer.from(d.svg, 'utf8'),
      fallback: { type: 'png', data: fallback },
      transformation: { width: Math.round(d.width * PX_PER_PT), height: Math.round(d.height * PX_PER_PT) },
      altText: { id: String(FIRST_ID + n), name: chart.title, description: chart.alt, title: chart.title },
    })],
  });
}
