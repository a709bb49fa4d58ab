/**
 * Page breaks that need to see past one block: a heading kept with what
 * follows it (laid out, and laid out again from a new page when what follows
 * went to the next one), and a short last page pulled back by tightening the
 * space between blocks. Both work on the page frames, which can be rewound.
 */
import type { Block } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import { block } from './blocks.js';
import type { Flow, Place } from './flow.js';
import type { El, Item, Page } from './frames.js';

/** A last page holding fewer lines than this is pulled back onto the page before when tightening can. */
export const FEW_LINES = 5;

/**
 * The PDF tightens a last page holding fewer lines than this. The DOCX
 * follows the PDF's decision (pdfTightening, through followPdfLayout in
 * writers/formats.ts), and LibreOffice lays a DOCX out a few lines longer,
 * so a PDF last page of five to seven lines can be a DOCX last page of one
 * to four (the north-sea partners' memo: five lines in PDF, one in DOCX).
 */
export const PULL_BACK_BELOW = FEW_LINES + 3;

/** The space between blocks is tightened in these steps (a share of the theme's), until the short last page goes. */
export const TIGHTER = [0.75, 0.5];

/**
 * The top-level blocks laid out in order, then `last` (the notes). A heading
 * (or a run of headings) whose page holds nothing of what follows it, when
 * it did not start the page, is laid out again from a new page, with what
 * follows.
 */
export function layBlocks(f: Flow, blocks: readonly Block[], root: El, x: number, last: () => void): void {
  let run: { at: Place; index: number } | undefined;
  for (let i = 0; i <= blocks.length; i++) {
    const b = blocks[i];
    const at = f.save();
    if (b) block(f, b, root, x, f.width);
    else last();
    if (b?.type === 'heading') {
      run ??= { at, index: i };
      continue;
    }
    if (run && !run.at.atTop && stranded(f, at)) {
      f.restore(run.at);
      f.newPage();
      i = run.index - 1;
    }
    run = undefined;
  }
}

/** Whether the block laid out since `at` put none of its lines on the page it started on, and went on to another. */
function stranded(f: Flow, at: Place): boolean {
  if (f.pages === at.pages) return false;
  return !f.out.pages[at.pages - 1]!.items.slice(at.items).some(drawsText);
}

function drawsText(it: Item): boolean {
  return it.k === 'line' || it.k === 'boxes' || (it.k === 'artifact' && it.items.some(drawsText));
}

/** How many lines of content a page holds: the distinct heights its lines of text stand at (a table row's cells are one). */
export function linesOn(page: Page): number {
  const tops = new Set<number>();
  for (const it of page.items) if (it.k === 'line' && it.el) tops.add(Math.round(it.top));
  return tops.size;
}

/** The theme with the space between blocks (not the lines of a paragraph) at `k` of its own. */
export function tightened(theme: Theme, k: number): Theme {
  const s = theme.spacing;
  return {
    ...theme,
    spacing: {
      ...s,
      paragraph_after: s.paragraph_after * k,
      heading_before: s.heading_before.map((v) => v * k) as typeof s.heading_before,
      heading_after: s.heading_after.map((v) => v * k) as typeof s.heading_after,
      list_item_after: s.list_item_after * k,
      list_after: s.list_after * k,
      table_after: s.table_after * k,
      note_after: s.note_after * k,
      rule_space: s.rule_space * k,
    },
  };
}
