/**
 * Chart figures in the DOCX: the shared layout (chart.ts) as an SVG image,
 * with the PNG Word requires beside it for applications that cannot show
 * SVG. The PNGs are rendered by resvg with the theme's own font files (no
 * system fonts, so the bytes are the same on every machine), all of a
 * document's figures in one rendering (the fonts are read once, not once a
 * figure), each then cut out of it. Each image's description (docPr descr)
 * says what the figure shows.
 */
import { createRequire } from 'node:module';
import { ImageRun, Paragraph } from 'docx';
import { zlibSync } from 'fflate';
import type { Block, Chart } from '../../doc/tree.js';
import { chartTexts, walkBlocks } from '../../doc/walk.js';
import type { Theme } from '../../shared/theme.js';
import { CHART_MAX_WIDTH, estimateWidth, layoutChart, svgOf } from '../chart.js';
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
/** Figures stand this far apart in the one rendering, in points: a whole number of pixels at ZOOM (3 pt = 4 px). */
const STACK_GAP = 3;
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
  // The SVG the Markdown writes too (its text set by the reader's fonts), at the width the page gives.
  const laid = layoutChart(chart, Math.min(CHART_MAX_WIDTH, contentWidth / 20), theme, estimateWidth);
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
 * Every figure of the document rendered to PNG in one pass: stacked in one
 * SVG, rendered once, cut apart. Keyed by each figure's SVG.
 */
export function renderFigures(blocks: readonly Block[], theme: Theme, fonts: FontSet, contentWidth: number): Map<string, Buffer> {
  const drawn: Drawn[] = [];
  walkBlocks(blocks, { block: (b) => { if (b.type === 'figure') drawn.push(draw(b.chart, theme, contentWidth)); } });
  const pngs = new Map<string, Buffer>();
  if (!drawn.length) return pngs;
  const tops: number[] = [];
  let y = 0;
  for (const d of drawn) {
    tops.push(y);
    y = Math.ceil((y + d.height) / STACK_GAP) * STACK_GAP + STACK_GAP;
  }
  const width = Math.max(...drawn.map((d) => d.width));
  // Each figure's own SVG nested at its place (its viewBox keeps its coordinates).
  const stack = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">\n${drawn
    .map((d, i) => d.svg.replace(/^<svg /, `<svg x="0" y="${tops[i]}" `).replace(/ role="img" aria-labelledby="t"/, ''))
    .join('\n')}\n</svg>\n`;
  const fontFiles = [...new Set(familiesOf(drawn.map((d) => d.chart), fonts).flatMap((f) => [f.faces.regular.path, f.faces.bold.path]))];
  const { Resvg } = loadResvg();
  const image = new Resvg(stack, {
    fitTo: { mode: 'zoom', value: ZOOM },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: fonts.primary('heading').name },
    background: '#ffffff',
  }).render();
  drawn.forEach((d, i) => {
    const rows = [Math.round(tops[i]! * ZOOM), Math.round((tops[i]! + d.height) * ZOOM)] as const;
    pngs.set(d.svg, png(image.pixels, image.width, rows, Math.round(d.width * ZOOM)));
  });
  return pngs;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of body) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0, body.length + 4);
  return out;
}

/** Rows [from, to) and the first `width` columns of an opaque RGBA image, as an RGB PNG. */
function png(rgba: Buffer, stride: number, [from, to]: readonly [number, number], width: number): Buffer {
  const height = to - from;
  const raw = Buffer.alloc(height * (width * 3 + 1));
  let o = 0;
  for (let r = from; r < to; r++) {
    raw[o++] = 0; // filter: none
    for (let c = 0; c < width; c++) {
      const p = (r * stride + c) * 4;
      raw[o++] = rgba[p]!;
      raw[o++] = rgba[p + 1]!;
      raw[o++] = rgba[p + 2]!;
    }
  }
  const head = Buffer.alloc(13);
  head.writeUInt32BE(width, 0);
  head.writeUInt32BE(height, 4);
  head.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head), chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array())]);
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
