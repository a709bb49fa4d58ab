/**
 * One handler per block type, each giving Word paragraphs or tables with the
 * named styles of styles.ts. The handler table is checked by the compiler: a
 * new block type without a handler does not build.
 */
import { BorderStyle, HeadingLevel, LineRuleType, Paragraph, Table } from 'docx';
import { headingLevel, resolveStyle } from '../style.js';
import type { Block, Inline } from '../../doc/tree.js';
import type { Theme } from '../../shared/theme.js';
import type { FontSet } from '../text/fonts.js';
import type { Runs } from './inline.js';
import { table } from './table.js';
import { figure } from './figure.js';
import { eighths, hex, twips } from './units.js';

export interface BlockEnv {
  theme: Theme;
  fonts: FontSet;
  runs: Runs;
  /** Width between the margins, in twips. */
  contentWidth: number;
  /** w:bidi for a paragraph whose main direction is right to left. */
  direction: (children: readonly Inline[]) => { bidirectional?: boolean };
  /** A reference document's table style rules the tables (restyle.ts): no direct fills or colours of the theme's, but a category's. */
  tableStyled?: boolean;
  /** Figures drawn so far in this document: each one's drawing id follows from it, not from docx's process-wide counter. */
  figures: number;
  /** Each figure's PNG fallback, by its SVG, rendered before the blocks (figure.ts). */
  pngs: ReadonlyMap<string, Buffer>;
}

type Out = (Paragraph | Table)[];
type Handler<K extends Block['type']> = (b: Extract<Block, { type: K }>, env: BlockEnv, depth: number) => Out;

/** Word's heading of each level (src/writers/style.ts: depth 1 is the title; 2, 3 and 4+ are Heading 1, 2 and 3). */
const LEVELS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

const HANDLERS: { [K in Block['type']]: Handler<K> } = {
  heading: (b, env) => {
    const level = headingLevel(b.depth);
    return [
      new Paragraph({
        heading: LEVELS[level],
        ...env.direction(b.children),
        ...env.runs.paragraphMark(b.revision),
        children: env.runs.of(b.children, 'heading', { pt: resolveStyle(env.theme).size.heading[level] }),
      }),
    ];
  },

  paragraph: (b, env) => [
    new Paragraph({
      ...env.direction(b.children),
      ...env.runs.paragraphMark(b.revision),
      children: env.runs.of(b.children),
    }),
  ],

  list(b, env, depth) {
    const out: Out = [];
    for (const item of b.items) {
      item.forEach((child, i) => {
        if (child.type !== 'paragraph') {
          out.push(...blocks([child], env, depth + 1));
          return;
        }
        out.push(
          new Paragraph({
            style: b.ordered ? 'ListNumber' : 'ListBullet',
            ...(i === 0
              ? { numbering: { reference: b.ordered ? 'numbers' : 'bullets', level: Math.min(depth, 2) } }
              : { indent: { left: twips(env.theme.spacing.list_indent) * (depth + 1) } }),
            ...env.direction(child.children),
            ...env.runs.paragraphMark(child.revision),
            children: env.runs.of(child.children),
          }),
        );
      });
    }
    return out;
  },

  blockquote: (b, env, depth) =>
    b.children.flatMap((child) =>
      child.type === 'paragraph'
        ? [new Paragraph({ style: 'Quote', ...env.direction(child.children), children: env.runs.of(child.children) })]
        : blocks([child], env, depth),
    ),

  code: (b, env) =>
    b.value
      .split('\n')
      .map((line) => new Paragraph({ children: env.runs.of([{ type: 'text', value: line }], 'mono') })),

  rule: (_b, env) => [
    new Paragraph({
      border: {
        bottom: {
          style: BorderStyle.SINGLE,
          size: eighths(env.theme.spacing.rule_width),
          color: hex(env.theme.colours.rule),
          space: 1,
        },
      },
      children: [],
    }),
  ],

  figure: (b, env) => [figure(b.chart, env.theme, env.contentWidth, ++env.figures, env.pngs)],

  table: (b, env) => [
    table(b, env.theme, env.fonts, env.runs, env.contentWidth, env.tableStyled),
    // Word needs a paragraph after a table; exactly as tall as the space after a table.
    new Paragraph({
      spacing: { before: 0, after: 0, line: twips(env.theme.spacing.table_after), lineRule: LineRuleType.EXACT },
      children: [],
    }),
  ],
};

export function blocks(list: readonly Block[], env: BlockEnv, depth = 0): Out {
  return list.flatMap((b) => (HANDLERS[b.type] as Handler<typeof b.type>)(b as never, env, depth));
}
