// The distribution registers with hostile names: the Markdown register, the
// one a reader opens and copies into a spreadsheet, defuses formulas as the
// CSV does, and keeps its table shape whatever a name holds (|, line breaks,
// links, HTML, entity references, backslashes, markup).
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { registerCsv, registerMarkdown, type Copy } from '../src/run/recipients.js';

const NAMES: [string, string][] = [
  // [as written in the recipients file, as a reader must see it in the table]
  ['=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['\t=1+1', "'=1+1"],
  ['\r\n=1+1', "'=1+1"],
  ['a | b || c', 'a | b || c'],
  ['line one\nline two\r\nthree', 'line one line two three'],
  ['[link](http://evil.example) and <http://auto.example>', '[link](http://evil.example) and <http://auto.example>'],
  ['<b>bold</b><script>alert(1)</script><!-- x -->', '<b>bold</b><script>alert(1)</script><!-- x -->'],
  ['&amp; &#124; &lt;', '&amp; &#124; &lt;'],
  ['back\\slash\\', 'back\\slash\\'],
  ['*star* _under_ `code` ~~strike~~ # not a heading', '*star* _under_ `code` ~~strike~~ # not a heading'],
  ['Jane Doe', 'Jane Doe'],
];

const copies: Copy[] = NAMES.map(([name], i) => ({
  n: i + 1,
  recipient: { name, organisation: `Org | ${i}\n<i>x</i>` },
  document: 'memo',
  file: `copies/memo-copy-${String(i + 1).padStart(2, '0')}.pdf`,
  bytes: new Uint8Array([i]),
}));

/** The table's body rows as the text of each cell, as a Markdown reader shows them. */
function rows(markdown: string): string[][] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const out: string[][] = [];
  let row: string[] | undefined;
  let inBody = false;
  for (const t of tokens) {
    if (t.type === 'tbody_open') inBody = true;
    if (!inBody) continue;
    if (t.type === 'tr_open') row = [];
    if (t.type === 'tr_close') out.push(row!);
    if (t.type === 'inline' && row) {
      // Only text: any link, HTML or emphasis token would mean a name changed the markup.
      const kinds = new Set(t.children!.map((c) => c.type));
      for (const k of kinds) expect(['text', 'code_inline'], `${k} in ${t.content}`).toContain(k);
      row.push(t.children!.map((c) => c.content).join(''));
    }
  }
  return out;
}

describe('the Markdown register', () => {
  const md = registerMarkdown(copies, { dataset: 'x', title: 'T | <b>', asOf: '2025-04-10' });
  const body = rows(md);

  it('has one row of six cells per copy, whatever the names hold', () => {
    expect(body).toHaveLength(NAMES.length);
    for (const r of body) expect(r).toHaveLength(6);
  });

  it('shows each name as written, on one line, a formula defused with an apostrophe as in the CSV', () => {
    body.forEach((r, i) => {
      expect(r[0]).toBe(String(i + 1));
      expect(r[1]).toBe(NAMES[i]![1]);
      expect(r[2]).toBe(`Org | ${i} <i>x</i>`);
      expect(r[4]).toBe(`memo-copy-${String(i + 1).padStart(2, '0')}.pdf`);
    });
    for (const r of body) expect(r[1]).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('the CSV defuses the same names', () => {
    const csv = registerCsv(copies);
    for (const [name] of NAMES.slice(0, 4)) expect(csv).toContain(`'${name.replace(/"/g, '""')}`);
  });
});
