// The Markdown writer writes from the document tree, and what it writes
// parses back to the same tree (the round trip), for every node type and for
// the real documents. And readers get what they got before: today's Markdown
// outputs parse to the trees recorded in test/golden/ (first from version 0.1;
// re-recorded for issue 13's deliberate changes to the templates). A change
// to a template that changes what readers get shows here; when it is meant,
// record it again with BRIEF_UPDATE_GOLDEN=1 npx vitest run test/markdown.test.ts
// and read the diff of test/golden/ before committing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc, Inline } from '../src/doc/tree.js';
import { loadTemplates } from '../src/render/templates.js';
import { checkFile, documentsOf } from '../src/run/pipeline.js';
import { toMarkdown } from '../src/writers/md.js';
import { BUNDLED, FIXTURE, parse, ROOT, TEST_META } from './helpers.js';

/** The tree of what the writer wrote, without the marking paragraphs that frame it. */
function roundTrip(doc: Doc): Doc {
  const again = parse(toMarkdown(doc), doc.meta);
  const marking = {
    type: 'paragraph',
    children: [{ type: 'strong', children: [{ type: 'text', value: doc.meta.marking }] }],
  };
  expect(again.blocks[0]).toEqual(marking);
  expect(again.blocks[again.blocks.length - 1]).toEqual(marking);
  return { ...again, blocks: again.blocks.slice(1, -1) };
}

describe('the Markdown writer round-trips', () => {
  it('every node type, including the awkward ones', () => {
    const md = [
      '# Title with *emphasis*, `code` and a [link](https://example.org/a_(b)?x=1&y=2)',
      'Text with **strong**, *emphasis*, ~~struck~~, `a ``tick`` span`, a break\\\nand a note.[^1][^2]',
      'Characters that mean something: \\* \\_ \\[x\\](y) \\<b\\> \\| \\~ \\# \\\\ \\&amp; 1\\. and a <span data-category="open">◐ Open</span> span, <span lang="ar" dir="rtl">مرحبا</span>.',
      '\\# not a heading, \\- not a list, 2\\. not a number',
      '- one\n- two\n  - nested\n  - again\n- three',
      '3. three\n4. four',
      '> quoted *text*\n>\n> second paragraph',
      '| Left | Centre | Right | None |\n| :-- | :-: | --: | --- |\n| a \\| b | <span data-category="no">✗ No</span>[^1] | `x\\|y` | |',
      '```ts\nconst x = `y`;\n```',
      '---',
      'Bare address https://www.nato.int/ and mail@example.org.',
      '[^1]: First note with *emphasis*.\n[^2]: Second note.\n\n    With a second paragraph.',
    ].join('\n\n');
    const doc = parse(md);
    expect(doc.blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'list',
      'list',
      'blockquote',
      'table',
      'code',
      'rule',
      'paragraph',
    ]);
    expect(doc.notes.map((n) => n.n)).toEqual([1, 2]);
    expect(roundTrip(doc)).toEqual(doc);
  });

  it.each([
    ['bundled dataset', BUNDLED],
    ['fixture', FIXTURE],
  ])('the %s documents', async (_label, file) => {
    const templates = await loadTemplates(join(ROOT, 'templates'));
    for (const { name, doc } of documentsOf(await checkFile(file), templates, ['memo', 'faq', 'matrix'])) {
      expect(roundTrip(doc), name).toEqual(doc);
    }
  });
});

/** The tree as version 0.1's parser gave it: no spans or attributes, notes called footnotes, no metadata. */
function asBefore(doc: Doc): unknown {
  const inline = (nodes: readonly Inline[]): unknown[] => {
    const out: { type: string; value?: string }[] = [];
    const push = (n: { type: string; value?: string }) => {
      const last = out[out.length - 1];
      if (n.type === 'text' && last?.type === 'text') last.value += n.value!;
      else out.push(n);
    };
    for (const n of nodes) {
      if (n.type === 'span') inline(n.children).forEach((c) => push(c as { type: string; value?: string }));
      else if (n.type === 'noteRef') push({ type: 'footnoteRef', n: n.n } as never);
      else if ('children' in n) push({ ...n, children: inline(n.children) } as never);
      else push({ ...n });
    }
    return out;
  };
  const block = (b: Doc['blocks'][number]): unknown => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, children: inline(b.children) };
      case 'list':
        return { ...b, items: b.items.map((i) => i.map(block)) };
      case 'blockquote':
        return { ...b, children: b.children.map(block) };
      case 'table':
        return {
          ...b,
          header: b.header.map((c) => inline(c.children)),
          rows: b.rows.map((r) => r.map((c) => inline(c.children))),
        };
      default:
        return b;
    }
  };
  return {
    blocks: doc.blocks.map(block),
    footnotes: doc.notes.map((n) => ({ n: n.n, children: n.children.map(block) })),
  };
}

// A change detector, not a check of correctness: the recorded trees were made
// by this code (BRIEF_UPDATE_GOLDEN=1 records them again), so they show that a
// change to the documents was meant, while the other files check that what the
// documents say is right against the data.
describe('readers get the same documents as the recorded ones (a change detector)', () => {
  it.each([
    ['coalition-of-the-willing-2025-04-10', BUNDLED],
    ['fictional-roundtable-2024-11-05', FIXTURE],
  ])('%s: each Markdown output parses to the tree recorded from an earlier run', async (name, file) => {
    const templates = await loadTemplates(join(ROOT, 'templates'));
    for (const { name: doc, doc: tree } of documentsOf(await checkFile(file), templates, ['memo', 'faq', 'matrix'])) {
      // 0.1's parser also kept the empty text tokens markdown-it leaves around emphasis; they drew nothing.
      const goldenFile = join(ROOT, 'test', 'golden', name, `${doc}.tree.json`);
      if (process.env.BRIEF_UPDATE_GOLDEN === '1')
        writeFileSync(goldenFile, JSON.stringify(asBefore(parse(toMarkdown(tree), TEST_META)), null, 1) + '\n');
      const golden = JSON.parse(readFileSync(goldenFile, 'utf8'), (_key, v: unknown) =>
        Array.isArray(v) ? v.filter((x) => !(x?.type === 'text' && x.value === '')) : v,
      ) as unknown;
      expect(asBefore(parse(toMarkdown(tree), TEST_META)), `${name}/${doc}`).toEqual(golden);
    }
  });
});

describe("the notes' tail step (markdown-it-footnote's, made linear)", () => {
  it('gives exactly the tokens the plugin gives, for numbered, named, inline, repeated, missing and nested notes', async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const { default: footnote } = await import('markdown-it-footnote');
    const { footnoteTail } = await import('../src/doc/footnotes.js');
    const text = [
      'Text[^1] and again[^1], a named one[^a], an inline one^[said *here* [^2]] and a missing one[^x].',
      '',
      '| Cell[^2] | b |',
      '| - | - |',
      '| c[^3] | d |',
      '',
      '[^1]: The first, with *emphasis*.',
      '[^a]: Named.',
      '',
      '    Two paragraphs, a list:',
      '',
      '    - one',
      '[^2]: Second.',
      '[^3]: Third.[^1]',
      '[^4]: Never cited.',
      '',
      ...Array.from({ length: 300 }, (_, i) => `Claim ${i}.[^${i + 10}]\n\n[^${i + 10}]: Source ${i}.\n`),
    ].join('\n');
    const theirs = new MarkdownIt('default', { html: true, linkify: true }).use(footnote);
    const ours = new MarkdownIt('default', { html: true, linkify: true }).use(footnote);
    ours.core.ruler.at('footnote_tail', footnoteTail);
    const a = theirs.parse(text, {});
    const b = ours.parse(text, {});
    expect(b.length).toBeGreaterThan(2000);
    expect(b.filter((t) => t.type === 'footnote_open')).toHaveLength(304);
    expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
    expect(ours.render(text)).toBe(theirs.render(text));
    // No notes at all: nothing appended.
    expect(ours.parse('Plain text.', {})).toEqual(theirs.parse('Plain text.', {}));
  });
});

// The parser knows every token markdown-it gives with its options; one it does
// not know is a bug to fix, never text that reaches readers unseen (it once
// became text silently).
describe('the parser refuses a token it does not know', () => {
  it('inline and block, naming the token', async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const { parseTokens, UnknownToken } = await import('../src/doc/parse.js');
    const it = new MarkdownIt();
    const inlineTokens = it.parse('a *b*', {});
    inlineTokens[1]!.children![1]!.type = 'math_inline';
    expect(() => parseTokens(inlineTokens, {}, TEST_META)).toThrow(UnknownToken);
    expect(() => parseTokens(inlineTokens, {}, TEST_META)).toThrow(
      'the Markdown parser met an inline token it does not know: math_inline',
    );
    const blockTokens = it.parse('para', {});
    blockTokens[0]!.type = 'math_block';
    expect(() => parseTokens(blockTokens, {}, TEST_META)).toThrow(
      'the Markdown parser met a block token it does not know: math_block',
    );
  });
});
