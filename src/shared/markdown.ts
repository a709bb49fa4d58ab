/**
 * Escaping text for Markdown, from one table. Every free-text value the
 * templates see has passed through `md`, so that no character in the data
 * (`*`, `_`, `|`, `#`, `<b>`, `[x](y)`, backticks, a line break) can change a
 * document's shape, in running text or in a table cell; and the Markdown
 * writer escapes the text of the document tree with the same table, so that
 * parsing what it writes gives the same tree. Handlebars' own HTML escaping
 * is off.
 *
 * One thing stays: GFM makes a bare web or mail address in text a link to
 * itself (it does so after escapes are resolved, so no escape prevents it).
 * The text is unchanged; only the address becomes clickable.
 */

/**
 * Where a character has Markdown meaning, as data (modelled on
 * mdast-util-to-markdown's `unsafe` list): `anywhere` in a line, or only at
 * the start of a line (`lineStart`, after any indentation), and only when
 * what comes `after` it matches (the rest of the text, `$` its end, which
 * may be followed by anything a template or the writer puts next), or when
 * the line up to it matches `before`.
 */
export interface Unsafe {
  character: string;
  where: 'anywhere' | 'lineStart';
  /** A regular expression source the text after the character must match. */
  after?: string;
  /** A regular expression source the start of the line up to the character must match. */
  before?: string;
  why: string;
}

export const UNSAFE: readonly Unsafe[] = [
  { character: '\\', where: 'anywhere', why: 'escapes the next character' },
  { character: '`', where: 'anywhere', why: 'opens a code span' },
  { character: '*', where: 'anywhere', why: 'emphasis, or a list item at a line start' },
  { character: '_', where: 'anywhere', why: 'emphasis' },
  { character: '[', where: 'anywhere', why: 'opens a link, a footnote reference or an image' },
  { character: ']', where: 'anywhere', why: 'closes a link text' },
  { character: '<', where: 'anywhere', why: 'HTML or an autolink' },
  { character: '>', where: 'anywhere', why: 'closes HTML; a block quote at a line start' },
  { character: '|', where: 'anywhere', why: 'a GFM table cell boundary' },
  { character: '~', where: 'anywhere', why: 'GFM strikethrough' },
  { character: '!', where: 'anywhere', after: '\\[|$', why: 'an image when a [ follows, here or in what comes next' },
  {
    character: '^',
    where: 'anywhere',
    after: '\\[|$',
    why: 'an inline note (^[…]) when a [ follows, here or in what comes next',
  },
  { character: '&', where: 'anywhere', after: '#?[A-Za-z0-9]+;', why: 'an entity reference would be decoded' },
  { character: '#', where: 'lineStart', why: 'a heading' },
  { character: '+', where: 'lineStart', why: 'a list item' },
  { character: '-', where: 'lineStart', why: 'a list item or a thematic break' },
  { character: '=', where: 'lineStart', why: 'a setext heading underline' },
  { character: '.', where: 'lineStart', before: '\\d+', why: 'an ordered list item (1.)' },
  { character: ')', where: 'lineStart', before: '\\d+', why: 'an ordered list item (1))' },
];

const reEscape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** One alternation for the rules that apply anywhere, compiled once from the table. */
const ANYWHERE = new RegExp(
  UNSAFE.filter((u) => u.where === 'anywhere')
    .map((u) => reEscape(u.character) + (u.after ? `(?=${u.after})` : ''))
    .join('|'),
  'g',
);

/** The line-start rules: (indentation, what comes before, the character). */
const LINE_START = UNSAFE.filter((u) => u.where === 'lineStart').map(
  (u) => new RegExp(`^(\\s*${u.before ?? ''})(${reEscape(u.character)})`),
);

/** Text escaped where a character would have Markdown meaning anywhere in a line. */
export function escapeInline(text: string): string {
  return text.replace(ANYWHERE, (c) => '\\' + c);
}

/** A line with the character that would start a block (a heading, a list item) escaped. */
export function escapeLineStart(line: string): string {
  for (const rule of LINE_START) {
    if (rule.test(line)) return line.replace(rule, '$1\\$2');
  }
  return line;
}

/**
 * A web address in text, wherever it stands: up to a space, the end, or a
 * character no address holds (a table cell's |, the <> of an address written
 * as <https://…> in the data), without the punctuation that ends the sentence
 * around it. An address left in the text would be escaped, and GFM would then
 * link it with the escapes in it; one made an autolink keeps its text.
 */
const URL_IN_TEXT = /https?:\/\/[^\s<>"|]+?(?=[.,;:!?)\]'"]*(?:[\s<>"|]|$))/g;

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

/** Block syntax only matters where a value starts a line: the value's start is treated as one. */
function escapeText(value: string, atStart: boolean): string {
  const s = escapeInline(value);
  return atStart ? escapeLineStart(s) : s;
}

/** A link destination: angle-bracketed, with the characters that would end it percent-encoded. */
export function mdUrl(url: string): string {
  return '<' + url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c)) + '>';
}
