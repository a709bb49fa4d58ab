/**
 * The document tree: the one structure every writer reads. Small on purpose:
 * what the templates produce and the writers can typeset, nothing else.
 */

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; url: string; children: Inline[] }
  | { type: 'footnoteRef'; n: number }
  | { type: 'break' };

export type Align = 'left' | 'right' | 'center' | null;

export type Block =
  | { type: 'heading'; depth: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'table'; align: Align[]; header: Inline[][]; rows: Inline[][][] }
  | { type: 'code'; lang: string | null; value: string }
  | { type: 'rule' };

export interface Footnote {
  /** Number shown to the reader: order of first reference. */
  n: number;
  children: Block[];
}

export interface Doc {
  blocks: Block[];
  /** Footnotes in number order. */
  footnotes: Footnote[];
}

/** The plain text of inline content. */
export function inlineText(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'code':
        s += n.value;
        break;
      case 'break':
        s += '\n';
        break;
      case 'footnoteRef':
        s += `[${n.n}]`;
        break;
      default:
        s += inlineText(n.children);
    }
  }
  return s;
}
