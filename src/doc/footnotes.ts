/**
 * markdown-it-footnote's last step, the notes appended after the text, with
 * the same tokens in the same order (test/markdown.test.ts compares the two).
 * The plugin's own version copies the whole token list once per note
 * (`tokens = tokens.concat(...)`), so that a document with thousands of
 * citations spent most of its parse there: 0.7 s of the 100x FAQ. This one
 * appends. parse.ts puts it in the plugin's place.
 */
import type MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
type CoreState = Parameters<Parameters<InstanceType<typeof MarkdownIt>['core']['ruler']['push']>[1]>[0];
interface FootnoteEnv { footnotes?: { list?: { label?: string; content?: string; count: number; tokens?: Token[] }[] } }

/** The notes' tokens after the text's, as markdown-it-footnote's tail rule gives them. */
export function footnoteTail(state: CoreState): void {
  const env = state.env as FootnoteEnv;
  if (!env.footnotes) return;
  // Reference-style definitions ([^a]: text) were parsed in place; lift their tokens out of the text.
  const refTokens = new Map<string, Token[]>();
  const kept: Token[] = [];
  let current: Token[] | undefined;
  for (const tok of state.tokens) {
    if (tok.type === 'footnote_reference_open') {
      current = [];
      refTokens.set(String((tok.meta as { label: string }).label), current);
    } else if (tok.type === 'footnote_reference_close') current = undefined;
    else if (current) current.push(tok);
    else kept.push(tok);
  }
  state.tokens = kept;
  const list = env.footnotes.list;
  if (!list) return;
  const out = state.tokens;
  const token = (type: string, tag: string, nesting: -1 | 0 | 1) => new state.Token(type, tag, nesting);
  out.push(token('footnote_block_open', '', 1));
  list.forEach((note, i) => {
    const open = token('footnote_open', '', 1);
    open.meta = { id: i, label: note.label };
    out.push(open);
    if (note.tokens) {
      const po = token('paragraph_open', 'p', 1);
      po.block = true;
      const inline = token('inline', '', 0);
      inline.children = note.tokens;
      inline.content = note.content ?? '';
      const pc = token('paragraph_close', 'p', -1);
      pc.block = true;
      out.push(po, inline, pc);
    } else if (note.label !== undefined) {
      for (const t of refTokens.get(note.label) ?? []) out.push(t);
    }
    const lastParagraph = out[out.length - 1]!.type === 'paragraph_close' ? out.pop() : undefined;
    for (let j = 0, n = note.count > 0 ? note.count : 1; j < n; j++) {
      const anchor = token('footnote_anchor', '', 0);
      anchor.meta = { id: i, subId: j, label: note.label };
      out.push(anchor);
    }
    if (lastParagraph) out.push(lastParagraph);
    out.push(token('footnote_close', '', -1));
  });
  out.push(token('footnote_block_close', '', -1));
}
