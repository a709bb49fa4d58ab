/**
 * Which of the dataset's facts a document printed. The view hands out one
 * object per quotation, event, person, actor, open question, discrepancy and
 * claim (the same object wherever it appears); a fact counts as printed when
 * a template read the field that carries its words (a claim's text, an
 * actor's official name...). An absentee (meeting.absent) is a fact of its
 * own: the view hands out a copy of the actor for it, printed when a
 * template names it from meeting.absent by any of its names. The renderer hears the reads (render/strict.ts)
 * and the --check reports what no document printed (run/coverage.ts).
 */
import type { View } from './types.js';

/** The kinds of fact, as the dataset's top-level lists name them (absent: meeting.absent), with the fields whose reading prints one. */
export const FACT_KINDS = {
  quotes: ['text'],
  events: ['name'],
  people: ['name', 'title', 'described'],
  actors: ['name'],
  open_questions: ['question'],
  discrepancies: ['variants', 'resolution'],
  claims: ['text'],
  absent: ['name', 'short_name', 'the_name', 'the_short_name'],
} as const;

export type FactKind = keyof typeof FACT_KINDS;

/** The view's fact objects, each with its key ("quotes:q-kallas") and the fields that print it. */
export function factIndex(view: View): WeakMap<object, { key: string; fields: readonly string[] }> {
  const index = new WeakMap<object, { key: string; fields: readonly string[] }>();
  const lists: Record<FactKind, readonly { id: string }[]> = {
    quotes: view.quotes,
    events: view.events,
    people: view.people,
    actors: view.actors,
    open_questions: view.open_questions,
    discrepancies: view.discrepancies,
    claims: view.claims,
    absent: view.meeting.absent,
  };
  for (const [kind, items] of Object.entries(lists) as [FactKind, readonly { id: string }[]][]) {
    for (const item of items) index.set(item, { key: `${kind}:${item.id}`, fields: FACT_KINDS[kind] });
  }
  return index;
}
