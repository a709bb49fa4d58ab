/**
 * A DOCX package made over to a reference document (reference.ts): its
 * styles part becomes the reference's, with the styles Brief needs that the
 * reference lacks added from Brief's own; its numbering part the reference's
 * with Brief's lists numbered after the reference's; its theme the
 * reference's; and the content (body, notes, header and footer) refers to the
 * reference's style ids. The docx package has no API for any of this
 * (its externalStyles option takes a whole styles part, nothing else), so
 * the parts it wrote are rewritten here, before package.ts zips them. Brief's
 * own parts are its own output and are edited as text; the reference's are
 * edited through the DOM they were checked with.
 */
import type { Element } from '@xmldom/xmldom';
import { strFromU8, strToU8 } from 'fflate';
import { parseXml, serialise, STYLE_NAMES, W, type Reference } from './reference.js';

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
  if (ref.styles) files['word/styles.xml'] = strToU8(withStyles(ref.styles, addedStyles(own, ref, ids), ids.get('Normal')!, language));
  else files['word/styles.xml'] = strToU8(renameIn(own, ids));
  const numbering = text('word/numbering.xml');
  if (ref.numbering && numbering) files['word/numbering.xml'] = strToU8(withNumbering(ref.numbering, numbering, ref.numbers));
  if (ref.theme && files['word/theme/theme1.xml']) files['word/theme/theme1.xml'] = strToU8(ref.theme);
  for (const name of Object.keys(files)) {
    if (!/^word\/(document|footnotes|endnotes|header\d+|footer\d+)\.xml$/.test(name)) continue;
    let s = text(name)!;
    if (ref.numbering) s = s.replace(/(<w:numId w:val=")(\d+)(")/g, (_m, a: string, n: string, b: string) => `${a}${Number(n) + ref.numbers.num}${b}`);
    // A list style that numbers its paragraphs itself: Brief's list paragraphs take its list, at their own level.
    s = s.replace(/(<w:pStyle w:val="(ListBullet|ListNumber)"\/><w:numPr><w:ilvl w:val="\d+"\/><w:numId w:val=")(\d+)(")/g, (m, a: string, style: string, _n: string, b: string) => {
      const list = style === 'ListBullet' ? ref.lists.bullet : ref.lists.number;
      return list ? `${a}${list}${b}` : m;
    });
    files[name] = strToU8(renameIn(s, ids));
  }
}

/** Style references (paragraph, run, table, and a style's basedOn, next and link) renamed. */
function renameIn(xml: string, ids: Map<string, string>): string {
  return xml.replace(/(<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val=")([^"]*)(")/g, (_m, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/(<w:style\b[^>]*?w:styleId=")([^"]*)(")/g, (_m, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`);
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

/**
 * The reference's styles part with Brief's added at its end, and the
 * document's language on its Normal style (Word checks spelling and
 * hyphenates in it), as Brief's own Normal has it.
 */
function withStyles(styles: string, added: readonly string[], normal: string, language: string): string {
  const doc = parseXml(styles, 'word/styles.xml');
  const root = doc.documentElement!;
  for (const s of added) root.appendChild(doc.importNode(parseXml(s, 'a style of Brief').documentElement!, true));
  const style = [...root.getElementsByTagNameNS(W, 'style')].find((e) => e.getAttributeNS(W, 'styleId') === normal);
  if (style && language) {
    const own = (parent: Element, name: string, before: readonly string[]) => {
      const found = [...parent.childNodes].find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === name);
      if (found) return found;
      const made = doc.createElementNS(W, `w:${name}`);
      parent.insertBefore(made, [...parent.childNodes].find((n) => n.nodeType === 1 && before.includes((n as Element).localName ?? '')) ?? null);
      return made;
    };
    // w:rPr before a style's table properties; w:lang before the few run properties the schema puts after it.
    const rPr = own(style, 'rPr', ['tblPr', 'trPr', 'tcPr', 'tblStylePr']);
    own(rPr, 'lang', ['eastAsianLayout', 'specVanish', 'oMath']).setAttributeNS(W, 'w:val', language);
  }
  return serialise(doc);
}

/**
 * The reference's numbering part with Brief's lists after its own: Brief's
 * list definitions and lists renumbered past the reference's highest ids,
 * each kind in the place the schema gives it (definitions before lists).
 */
function withNumbering(numbering: string, own: string, after: Reference['numbers']): string {
  const doc = parseXml(numbering, 'word/numbering.xml');
  const root = doc.documentElement!;
  const mine = parseXml(own.replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, ''), 'numbering of Brief').documentElement!;
  const kids = (e: Element, name: string) => [...e.childNodes].filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === name);
  const firstOf = (...names: string[]) => [...root.childNodes].find((n) => n.nodeType === 1 && names.includes((n as Element).localName ?? '') && (n as Element).namespaceURI === W) ?? null;
  for (const a of kids(mine, 'abstractNum')) {
    const copy = doc.importNode(a, true) as Element;
    copy.setAttributeNS(W, 'w:abstractNumId', String(Number(a.getAttributeNS(W, 'abstractNumId')) + after.abstract));
    root.insertBefore(copy, firstOf('num', 'numIdMacAtCleanup'));
  }
  for (const n of kids(mine, 'num')) {
    const copy = doc.importNode(n, true) as Element;
    copy.setAttributeNS(W, 'w:numId', String(Number(n.getAttributeNS(W, 'numId')) + after.num));
    const abstract = kids(copy, 'abstractNumId')[0];
    abstract?.setAttributeNS(W, 'w:val', String(Number(abstract.getAttributeNS(W, 'val')) + after.abstract));
    root.insertBefore(copy, firstOf('numIdMacAtCleanup'));
  }
  return serialise(doc);
}
