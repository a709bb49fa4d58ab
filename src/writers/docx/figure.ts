/**
 * A chart figure in the DOCX: the shared layout (chart.ts) as an SVG image,
 * with the PNG Word requires beside it for applications that cannot show
 * SVG, rendered from the same SVG by resvg with the theme's own font files
 * (no system fonts, so the bytes are the same on every machine). Its
 * description (docPr descr) says what the figure shows.
 */
import { createRequire } from 'node:module';
import { ImageRun, Paragraph } from 'docx';
import type { Chart } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import { CHART_MAX_WIDTH, estimateWidth, layoutChart, svgOf } from '../chart.js';
import type { FontSet } from '../text/fonts.js';
import { scriptsOf } from '../text/scripts.js';
import { chartTexts } from '../../doc/walk.js';

/** Pixels (docx's unit for images, 96 to the inch) per point. */
const PX_PER_PT = 96 / 72;
/** The PNG fallback's resolution: twice the figure's size in pixels, sharp enough to print. */
const PNG_SCALE = 2;

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

/** resvg, loaded the first time a DOCX has a figure (a native module: kept out of the bundle). */
function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

/** The SVG rendered to PNG with the fonts the document has loaded. */
export function pngOf(svg: string, width: number, fonts: FontSet, texts: readonly string[]): Buffer {
  // Only the families the chart's own characters are set in: the same files, so the same bytes, whatever else the run drew.
  const families = new Set([fonts.primary('heading')]);
  for (const text of texts) {
    const scripts = scriptsOf(text);
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      families.add(fonts.familyFor('heading', cp, scripts?.[i] ?? null));
      if (cp > 0xffff) i++;
    }
  }
  const fontFiles = [...new Set([...families].flatMap((f) => [f.faces.regular.path, f.faces.bold.path]))];
  const { Resvg } = loadResvg();
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * PX_PER_PT * PNG_SCALE) },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: fonts.primary('heading').name },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
  });
  return r.render().asPng();
}

/** Drawing ids of figures start here, clear of the few docx numbers itself. */
const FIRST_ID = 1000;

export function figure(chart: Chart, theme: Theme, fonts: FontSet, contentWidth: number, n: number): Paragraph {
  // The SVG the Markdown writes too (its text set by the reader's fonts), at the width the page gives.
  const laid = layoutChart(chart, Math.min(CHART_MAX_WIDTH, contentWidth / 20), theme, estimateWidth);
  const svg = svgOf(chart, laid, theme);
  const w = laid.width + laid.stroke * 2;
  const h = laid.height + laid.stroke * 2;
  return new Paragraph({
    keepLines: true,
    children: [new ImageRun({
      type: 'svg',
      data: Buffer.from(svg, 'utf8'),
      fallback: { type: 'png', data: pngOf(svg, w, fonts, chartTexts(chart)) },
      transformation: { width: Math.round(w * PX_PER_PT), height: Math.round(h * PX_PER_PT) },
      altText: { id: String(FIRST_ID + n), name: chart.title, description: chart.alt, title: chart.title },
    })],
  });
}
