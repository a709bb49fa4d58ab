/**
 * The matrix's notes on its cells: who and which column each is about. A condition that several cells set is one
 * note naming them all, so the notes give it once and the cells share its number; a column whose label is also an
 * actor's name is named as a column ("France, in the “Ukraine” column: …"), so a note cannot read as two actors.
 */
import type { Dataset, Dimension } from '../data/types.js';
import { fill, type Labels } from '../shared/labels.js';
import type { PositionView } from './types.js';

/**
 * A column as a note names it: its label as the table prints it, or, when an actor is called that too (its name
 * or short name, letter case aside), the label as a column (labels' `matrix_column`).
 */
export function columnName(data: Dataset, labels: Labels, dim: Dimension, prose: (text: string) => string): string {
  const label = dim.short_label ?? dim.label;
  const key = (s: string) => s.trim().toLocaleLowerCase();
  const clash = data.actors.some((a) => [a.name, a.short_name].some((n) => n !== undefined && key(n) === key(label)));
  return clash ? fill(labels.matrix_column, { label: prose(label) }) : prose(label);
}

/**
 * Rewrites the condition notes of rows (in table order) so that cells with the same condition share one note:
 * "France and Germany, Caribbean strikes: …" for one column; "Mexico, Pressure on Russia and New support: …" for
 * one actor; "France, Pressure on Russia; Germany, New support: …" otherwise. `column` names a column by its id.
 */
export function shareConditionNotes(rows: PositionView[], column: (dimId: string) => string, labels: Labels): void {
  const byCondition = new Map<string, { actor: string; dim: string; cell: PositionView['cells'][number] }[]>();
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.condition === null) continue;
      byCondition.set(cell.condition, [
        ...(byCondition.get(cell.condition) ?? []),
        { actor: row.actor.short_name, dim: cell.dimension.id, cell },
      ]);
    }
  }
  for (const [condition, cells] of byCondition) {
    if (cells.length < 2) continue;
    // Each actor with its columns, in table order; actors that set it in the same columns are named together.
    const columns = new Map<string, string[]>();
    for (const c of cells) columns.set(c.actor, [...(columns.get(c.actor) ?? []), c.dim]);
    const segments = new Map<string, string[]>();
    for (const [actor, dims] of columns) {
      const key = dims.join('\u0000');
      segments.set(key, [...(segments.get(key) ?? []), actor]);
    }
    const who = [...segments]
      .map(([key, actors]) => `${list(actors, labels)}, ${list(key.split('\u0000').map(column), labels)}`)
      .join('; ');
    for (const c of cells) c.cell.condition_note = `${who}: ${condition}`;
  }
}

/** "a, b and c" in the document's language. */
function list(items: string[], labels: Labels): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${labels.and} ${items[items.length - 1]}`;
}
