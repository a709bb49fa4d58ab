/**
 * The theme resolved once into what both writers draw with: every size
 * (body, table, note, each heading level), the heading level of a depth, the
 * bullet of each list depth and the fill of each table cell. The PDF and DOCX
 * writers read these and compute none of them, so they agree by
 * construction (they once applied the size defaults in three places, worked
 * out heading levels by two formulas and drew '•' at every depth in PDF but
 * '•', '◦', '▪' in DOCX).
 */
import { own } from '../shared/own.js';
import type { Theme } from '../shared/theme.js';

/** Heading depth 1 is the document's title; 2, 3 and 4+ are headings 1, 2 and 3. */
export type HeadingLevel = 0 | 1 | 2 | 3;

export interface ResolvedStyle {
  readonly size: { body: number; table: number; note: number; heading: readonly [number, number, number, number] };
  /** The bullet at each list depth (0 outermost); deeper lists take the last. */
  readonly bullets: readonly string[];
}

/** A table's own size, and a note's, when the theme leaves them out: a point and two under the body's. */
const TABLE_BELOW_BODY = 1;
const NOTE_BELOW_BODY = 2;
const BULLETS = ['•', '◦', '▪'] as const;

const CACHE = new WeakMap<Theme, ResolvedStyle>();

export function resolveStyle(t: Theme): ResolvedStyle {
  let style = CACHE.get(t);
  if (!style) {
    const f = t.fonts;
    style = {
      size: {
        body: f.size,
        table: f.table_size ?? f.size - TABLE_BELOW_BODY,
        note: f.note_size ?? f.size - NOTE_BELOW_BODY,
        heading: f.heading_sizes,
      },
      bullets: BULLETS,
    };
    CACHE.set(t, style);
  }
  return style;
}

export function headingLevel(depth: number): HeadingLevel {
  return depth <= 1 ? 0 : depth === 2 ? 1 : depth === 3 ? 2 : 3;
}

/** The bullet of a list at this depth (0 outermost). */
export function bulletAt(style: ResolvedStyle, depth: number): string {
  return style.bullets[Math.min(depth, style.bullets.length - 1)]!;
}

/**
 * A table cell's fill: the header's; else its tone's (the category whose
 * colour the vocabulary gives it; none for `neutral`); else its category's;
 * else the stripe on every second body row (index from 0).
 */
export function cellFill(
  t: Theme,
  category: string | undefined,
  header: boolean,
  row: number,
  tone?: string,
): string | undefined {
  if (header) return t.colours.table_header_fill;
  return categoryFill(t, category, tone) ?? (row % 2 === 1 ? t.colours.table_stripe : undefined);
}

/** A position category's cell colour, if the cell has one: its tone's (a category's id, or neutral for none), else its category's. */
export function categoryFill(t: Theme, category: string | undefined, tone?: string): string | undefined {
  const key = tone ?? category;
  return key && key !== 'neutral' ? own(t.categories, key)?.fill : undefined;
}
