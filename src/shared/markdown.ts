/**
 * Escaping data for Markdown. Every free-text value the templates see has
 * passed through `md`, so that no character in the data (`*`, `_`, `|`, `#`,
 * `<b>`, `[x](y)`, backticks, a line break) can change a document's shape,
 * in running text or in a table cell. Handlebars' own HTML escaping is off.
 *
 * One thing stays: GFM makes a bare web or mail address in text a link to
 * itself (it does so after escapes are resolved, so no escape prevents it).
 * The text is unchanged; only the address becomes clickable.
 */

/** Characters with inline meaning anywhere in a line (GFM included: `|` cells, `~` strikethrough). */
const INLINE = /[\\`*_[\]<>|~]/g;

/** A web address in text, without the punctuation that ends the sentence around it. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+?(?=[.,;:!?)\]'"]*(?:\s|$))/g;

/**
 * Text escaped for Markdown. A web address becomes an autolink (<https://…>),
 * so that it ends exactly where the address does: a citation right after it
 * stays a citation, and the link's target is exactly the address.
 */
export function md(value: string): string {
  const text = value.replace(/[\s\u00A0]+/g, ' ').trim();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    out += escapeText(text.slice(last, m.index), last === 0);
    out += mdUrl(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last), last === 0);
}

function escapeText(value: string, atStart: boolean): string {
  let s = value;
  s = s.replace(INLINE, (c) => '\\' + c);
  // An entity reference (&amp; &#39;) would be decoded: keep the ampersand literal.
  s = s.replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block syntax only matters where a value starts a line.
  if (atStart) s = s.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return s;
}

/** A link destination: angle-bracketed, with the characters that would end it percent-encoded. */
export function mdUrl(url: string): string {
  return '<' + url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c)) + '>';
}
