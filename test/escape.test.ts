// One Markdown escape table (src/shared/markdown.ts) serves the view, which
// escapes dataset text before a template places it, and the Markdown writer,
// which escapes the document tree's text. Whatever the text, it must come
// back as the same text: placed by a template at a line's start, inside a
// sentence, before a citation, in a table cell; and written by the writer
// next to a link or a note. Checked for every rule of the table and for any
// text (fast-check; BRIEF_PROPERTY_RUNS sets how many, a few dozen in npm test).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Doc, Inline } from '../src/doc/tree.js';
import { md, UNSAFE } from '../src/shared/markdown.js';
import { toMarkdown } from '../src/writers/md.js';
import { parse } from './helpers.js';

const RUNS = Number(process.env.BRIEF_PROPERTY_RUNS ?? 60);

/** Plain text of inline nodes, with footnote references as [^n]. */
function textOf(nodes: readonly Inline[]): string {
  return nodes
    .map((n) =>
      'value' in n ? n.value : 'children' in n ? textOf(n.children) : n.type === 'noteRef' ? `[^${n.n}]` : '\n',
    )
    .join('');
}

/** How a template places a value: alone, after words, before a citation, after a list-item marker, in a table cell. */
const PLACES: { name: string; wrap: (v: string) => string; read: (d: Doc) => string; expect: (v: string) => string }[] =
  [
    { name: 'a paragraph of its own', wrap: (v) => v, read: (d) => textOf(firstInline(d)), expect: (v) => v },
    {
      name: 'after words',
      wrap: (v) => `Said: ${v}`,
      read: (d) => textOf(firstInline(d)),
      expect: (v) => `Said: ${v}`,
    },
    {
      name: 'before a citation',
      wrap: (v) => `${v}[^1]\n\n[^1]: A source.`,
      read: (d) => textOf(firstInline(d)),
      expect: (v) => `${v}[^1]`,
    },
    { name: 'a list item', wrap: (v) => `- ${v}`, read: (d) => listText(d), expect: (v) => v },
    {
      name: 'a table cell',
      wrap: (v) => `| A | B |\n| --- | --- |\n| ${v} | x |`,
      read: (d) => cellText(d),
      expect: (v) => v,
    },
  ];

function firstInline(d: Doc): readonly Inline[] {
  const b = d.blocks[0];
  if (d.blocks.length !== 1 || b?.type !== 'paragraph')
    throw new Error(`not one paragraph: ${JSON.stringify(d.blocks)}`);
  return b.children;
}
function listText(d: Doc): string {
  const b = d.blocks[0];
  if (d.blocks.length !== 1 || b?.type !== 'list' || b.items.length !== 1)
    throw new Error(`not one list item: ${JSON.stringify(d.blocks)}`);
  const p = b.items[0]![0];
  if (b.items[0]!.length !== 1 || p?.type !== 'paragraph') throw new Error('list item is not one paragraph');
  return textOf(p.children);
}
function cellText(d: Doc): string {
  const b = d.blocks[0];
  if (d.blocks.length !== 1 || b?.type !== 'table' || b.rows.length !== 1 || b.rows[0]!.length !== 2)
    throw new Error(`not one two-cell row: ${JSON.stringify(d.blocks)}`);
  return textOf(b.rows[0]![0]!.children);
}

/** The same text as the view gives it: white space collapsed, trimmed. */
const collapsed = (v: string) => v.replace(/[\s\u00A0]+/g, ' ').trim();

/** A sample of each rule's character where it has meaning. */
const SAMPLE: Record<string, string[]> = {
  '\\': ['a\\*b\\', '\\'],
  '`': ['a `code` b', '``'],
  '*': ['*a*', '* item', '**b**'],
  _: ['_a_', '__b__'],
  '[': ['[x](y)', '[^1]', '[x]'],
  ']': ['[x]', 'a]'],
  '<': ['<b>x</b>', '<https://example.org>', '<!-- c -->'],
  '>': ['> quote', 'a > b'],
  '|': ['a | b', '|'],
  '~': ['~~x~~', '~x~'],
  '!': ['Look!', '![x](y)', '!'],
  '^': ['^', 'x^', '^[x]'],
  '&': ['&amp;', '&#39;', 'A & B'],
  '#': ['# H', '#'],
  '+': ['+ item'],
  '-': ['- item', '---', '-'],
  '=': ['===', '='],
  '.': ['1. item', '2025.'],
  ')': ['1) item'],
};

describe('one Markdown escape table', () => {
  it('has a sample for every rule', () => {
    expect(UNSAFE.map((u) => u.character).filter((c) => !SAMPLE[c])).toEqual([]);
  });

  for (const place of PLACES) {
    it(`every rule's character in its meaning comes back as text: ${place.name}`, () => {
      for (const value of Object.values(SAMPLE).flat()) {
        // A setext underline needs a line above: the paragraph case also gets one.
        for (const v of [value, `${value} end`]) {
          expect(place.read(parse(place.wrap(md(v)))), JSON.stringify(v)).toBe(place.expect(collapsed(v)));
        }
      }
    });
  }

  it('a value under a line of text does not make it a heading', () => {
    for (const v of ['===', '---', '- x', '# x']) {
      const d = parse(`Line above\n${md(v)}`);
      expect(d.blocks.map((b) => b.type)).toEqual(['paragraph']);
      // The line break inside a paragraph is soft: it reads as a space.
      expect(textOf(firstInline(d))).toBe(`Line above ${v}`);
    }
  });

  it('any text comes back as itself wherever a template places it (property)', () => {
    const alphabet = fc.constantFrom(
      ...'abc 12.)!#*+-=_[]()<>|~`\\&;^:/\n\t'.split(''),
      'https://example.org/a_b',
      'www.example.org',
      'a@example.org',
      '&amp;',
      '[^1]',
      '<b>',
      '"',
      "'",
      '{',
      '$',
      'é',
      'ー',
      '،',
      '\u00a0',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')),
        fc.constantFrom(...PLACES),
        (v, place) => {
          if (!collapsed(v)) return;
          const got = place.read(parse(place.wrap(md(v))));
          // A bare address becomes a link to itself: its text is unchanged.
          expect(got).toBe(place.expect(collapsed(v)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the Markdown writer escapes with the same table', () => {
  it('a text before a link stays text, and the link a link (the writer once escaped ! everywhere, the view never)', () => {
    const doc = parse('placeholder');
    const children: Inline[] = [
      { type: 'text', value: 'Look!' },
      { type: 'link', url: 'https://example.org/', children: [{ type: 'text', value: 'here' }] },
    ];
    const tree = { ...doc, blocks: [{ type: 'paragraph' as const, children }] };
    const again = parse(toMarkdown(tree));
    expect(again.blocks[1]).toEqual(tree.blocks[0]);
  });

  it('any text node, next to a link and a note, parses back to itself (property)', () => {
    const alphabet = fc.constantFrom(...'ab 1.)!#*+-=_[]<>|~`\\&;\n'.split(''), '&amp;', '[^1]', '<b>');
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 24 }).map((a) => a.join('').replace(/\s+/g, ' ').trim()),
        (v) => {
          if (!v) return;
          const doc = parse('x[^1]\n\n[^1]: A note.');
          const children: Inline[] = [
            { type: 'text', value: v },
            { type: 'link', url: 'https://example.org/', children: [{ type: 'text', value: 'l' }] },
            { type: 'noteRef', n: 1 },
          ];
          const tree = { ...doc, blocks: [{ type: 'paragraph' as const, children }] };
          expect(parse(toMarkdown(tree)).blocks[1]).toEqual(tree.blocks[0]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
