/**
 * Document control in the DOCX package, where the docx library has no API:
 * the version and status in the core properties (cp:version,
 * cp:contentStatus), and the DRAFT or SUPERSEDED watermark as Word writes
 * one, a WordArt shape in the header behind the text (Word and LibreOffice
 * show it on every page).
 */
import { escapeXml as xml } from '../../shared/xml.js';

/** core.xml with the version and status added (the core properties are an xs:all: any order). */
export function withCoreControl(core: string, props: readonly [string, string][]): string {
  const get = (k: string) => props.find(([name]) => name === k)?.[1];
  const version = get('Version');
  const status = get('Status');
  const extra = `${status ? `<cp:contentStatus>${xml(status)}</cp:contentStatus>` : ''}${version ? `<cp:version>${xml(version)}</cp:version>` : ''}`;
  return extra ? core.replace('</cp:coreProperties>', `${extra}</cp:coreProperties>`) : core;
}

/** Word's text-path shape type ("WordArt plain text"), which a watermark shape refers to. */
const SHAPETYPE =
  '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>';

/**
 * The header with the watermark: a run holding the shape, centred on the page
 * between the margins, turned along the diagonal, solid light grey
 * (legible in greyscale), behind the text.
 */
export function withWatermark(
  header: string,
  text: string,
  font: string,
  page: { width: number; height: number },
): string {
  // Along the page's diagonal, three fifths of its length; the shape is four times as wide as high.
  const width = (0.6 * Math.hypot(page.width, page.height)) / 20;
  const height = width / Math.max(3, text.length * 0.75);
  const angle = Math.round(360 - (Math.atan2(page.height, page.width) * 180) / Math.PI);
  const shape = `<v:shape id="BriefWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:${width.toFixed(1)}pt;height:${height.toFixed(1)}pt;rotation:${angle};z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:page;mso-position-vertical:center;mso-position-vertical-relative:page" o:allowincell="f" fillcolor="#c8c8c8" stroked="f"><v:textpath style="font-family:&quot;${xml(font)}&quot;;font-size:1pt;font-weight:bold" string="${xml(text)}"/><w10:wrap anchorx="page" anchory="page"/></v:shape>`;
  const run = `<w:r><w:rPr><w:noProof/></w:rPr><w:pict>${SHAPETYPE}${shape}</w:pict></w:r>`;
  const end = header.indexOf('</w:p>');
  return end < 0 ? header : header.slice(0, end) + run + header.slice(end);
}
