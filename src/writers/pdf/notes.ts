/**
 * The notes at the end: each number links back to its first reference and
 * the reference to the note; a note's number never stands apart from its
 * first lines.
 */
import type { Inline, Note } from '../../doc/tree.js';
import { block } from './blocks.js';
import type { Flow } from './flow.js';
import type { El } from './frames.js';
import { resolveStyle } from '../style.js';

export function notes(f: Flow, list: readonly Note[], parent: El): void {
  if (!list.length) return;
  const t = f.theme;
  const size = resolveStyle(t).size.note;
  const { note_indent: indent, list_label_gap: gap, note_after: after } = t.spacing;
  const left = f.frame.left;
  f.tags.tag('Sect', parent, (sect) => {
    for (const note of list) {
      f.tags.tag('Note', sect, (el) => {
        const first = note.children[0];
        const lines = f.layout(
          first?.type === 'paragraph' ? first.children : [],
          f.style('body', size, t.colours.text),
          f.width - indent,
        );
        // The number goes with the note's first lines: both, or neither, on this page.
        f.ensure(lines.slice(0, 2).reduce((s, l) => s + l.height, 0) || f.lineHeight(size));
        f.tags.close();
        f.out.push({ k: 'dest', name: `note-${note.n}`, x: left, y: Math.max(0, f.y - 4) });
        // The number links back to the first reference.
        const number: Inline[] = [{ type: 'text', value: `${note.n}.` }];
        const label = f.layout(
          number,
          { ...f.style('body', size, t.colours.link, true), link: { dest: `ref-${note.n}` } },
          indent * 4,
        )[0]!;
        if (lines[0]) label.ascent = lines[0].ascent;
        const top = f.y;
        f.tags.tag('Lbl', el, (lbl) => f.drawLine(label, left, top, lbl, 'right', indent - gap));
        f.tags.tag('P', el, (p) => f.lines(lines, left + indent, p, 'left', f.width - indent));
        for (const more of first?.type === 'paragraph' ? note.children.slice(1) : note.children)
          block(f, more, el, left + indent, f.width - indent);
        f.y += after;
      });
    }
  });
}
