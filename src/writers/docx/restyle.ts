/**
 * A DOCX package made over to a reference document (reference.ts): its
 * styles part becomes the reference's, with the styles Brief needs that the
 * reference lacks added from Brief's own; its numbering part the reference's
 * with Brief's lists numbered after the reference's; its theme the
 * reference's; and the content (body, notes, header and footer) refers to the
 * reference's style ids. The docx package has no API for any of this
 * (its externalStyles option takes a whole styles part, nothing else), so
 * the parts it wrote are rewritten here, before package.ts zips them. Brief's
 * own parts are its own output and are edited as text; the reference's were
 * parsed and checked once (reference.ts), with the places Brief's parts go
 * marked, so each document only fills them in.
 */
import { strFromU8, strToU8 } from 'fflate';
import { escapeXml } from '../../shared/xml.js';
import { MARKS, STYLE_NAMES, W, type Reference } from './reference.js';

/** Brief's style ids, as its styles part names them (the header band is always Brief's own). */
const BRIEF_IDS = [...Object.keys(STYLE_NAMES), 'BriefBand'];

/** Brief's style id -> the id the package uses: the reference's where it has the style, else Brief's (renamed if the reference uses that id for another style). */
export function styleIds(ref: Reference): Map<string, string> {
  const taken = new Set(ref.taken);
  const ids = new Map<string, string>();
  for (const id of BRIEF_IDS) {
    let own = ref.ids[id];
    if (!own) {
      own = id;
      for (let n = 1; taken.has(own); n++) own = `Brief${id}${n > 1 ? n : ''}`;
      taken.add(own);
    }
    ids.set(id, own);
  }
  return ids;
}

/** Rewrites the package's styles, numbering, theme and content for the reference document. */
export function restyle(files: Record<string, Uint8Array>, ref: Reference, language: string): void {
  const ids = styleIds(ref);
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
  const own = text('word/styles.xml') ?? '';
  if (ref.styles) files['word/styles.xml'] = strToU8(withStyles(ref.styles, addedStyles(own, ref, ids), language));
  else files['word/styles.xml'] = strToU8(renameIn(own, ids));
  const numbering = text('word/numbering.xml');
  if (ref.numbering && numbering)
    files['word/numbering.xml'] = strToU8(withNumbering(ref.numbering, numbering, ref.numbers));
  if (ref.theme && files['word/theme/theme1.xml']) files['word/theme/theme1.xml'] = strToU8(ref.theme);
  for (const name of Object.keys(files)) {
    if (!/^word\/(document|footnotes|endnotes|header\d+|footer\d+)\.xml$/.test(name)) continue;
    let s = text(name)!;
    if (ref.numbering)
      s = s.replace(
        /(<w:numId w:val=")(\d+)(")/g,
        (_m, a: string, n: string, b: string) => `${a}${Number(n) + ref.numbers.num}${b}`,
      );
    // A list style that numbers its paragraphs itself: Brief's list paragraphs take its list, at their own level.
    s = s.replace(
      /(<w:pStyle w:val="(ListBullet|ListNumber)"\/><w:numPr><w:ilvl w:val="\d+"\/><w:numId w:val=")(\d+)(")/g,
      (m, a: string, style: string, _n: string, b: string) => {
        const list = style === 'ListBullet' ? ref.lists.bullet : ref.lists.number;
        return list ? `${a}${list}${b}` : m;
      },
    );
    files[name] = strToU8(renameIn(s, ids));
  }
}

/** Style references (paragraph, run, table, and a style's basedOn, next and link) renamed. */
function renameIn(xml: string, ids: Map<string, string>): string {
  return xml
    .replace(
      /(<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val=")([^"]*)(")/g,
      (_m, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`,
    )
    .replace(
      /(<w:style\b[^>]*?w:styleId=")([^"]*)(")/g,
      (_m, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`,
    );
}

/** Brief's styles the reference does not have, renamed, each declaring the namespace it uses. */
function addedStyles(own: string, ref: Reference, ids: Map<string, string>): string[] {
  const out: string[] = [];
  for (const m of own.matchAll(/<w:style\b[^>]*?w:styleId="([^"]*)"[\s\S]*?<\/w:style>/g)) {
    if (ref.ids[m[1]!]) continue;
    const style = renameIn(m[0], ids);
    out.push(style.includes('xmlns:w=') ? style : style.replace('<w:style', `<w:style xmlns:w="${W}"`));
  }
  return out;
}

/** The reference's styles part with Brief's added at its end and the document's language on its Normal style. */
function withStyles(styles: string, added: readonly string[], language: string): string {
  return styles
    .replace(MARKS.styles, () => added.join(''))
    .split(MARKS.language)
    .join(escapeXml(language));
}

/**
 * The reference's numbering part with Brief's lists after its own: Brief's
 * list definitions and lists renumbered past the reference's highest ids,
 * each kind where the reference marks its place (definitions before lists).
 */
function withNumbering(numbering: string, own: string, after: Reference['numbers']): string {
  const ns = (e: string) => (e.includes('xmlns:w=') ? e : e.replace(/^<w:(\w+)/, `<w:$1 xmlns:w="${W}"`));
  const abstracts = [...own.matchAll(/<w:abstractNum\b[\s\S]*?<\/w:abstractNum>/g)].map((m) =>
    ns(
      m[0]
        .replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, '')
        .replace(
          /^(<w:abstractNum\b[^>]*?w:abstractNumId=")(\d+)/,
          (_x, a: string, n: string) => `${a}${Number(n) + after.abstract}`,
        ),
    ),
  );
  const nums = [...own.matchAll(/<w:num\b[\s\S]*?<\/w:num>/g)].map((m) =>
    ns(
      m[0]
        .replace(/^(<w:num\b[^>]*?w:numId=")(\d+)/, (_x, a: string, n: string) => `${a}${Number(n) + after.num}`)
        .replace(/(<w:abstractNumId w:val=")(\d+)/, (_x, a: string, n: string) => `${a}${Number(n) + after.abstract}`),
    ),
  );
  return numbering.replace(MARKS.abstracts, () => abstracts.join('')).replace(MARKS.nums, () => nums.join(''));
}
