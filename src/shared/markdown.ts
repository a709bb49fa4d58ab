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

export function md(value: string): string {
  let s = value.replace(/[\s\u00A0]+/g, ' ').trim();
  s = s.replace(INLINE, (c) => '\\' + c);
  // An entity reference (&amp; &#39;) would be decoded: keep the ampersand literal.
  s = s.replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block syntax only matters where a value starts a line.
  s = s.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return s;
}

/** A link destination: angle-bracketed, with the characters that would end it percent-encoded. */
export function mdUrl(url: string): string {
  return '<' + url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c)) + '>';
}
