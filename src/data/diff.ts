/**
 * What changed between two versions of a dataset, fact by fact: items are
 * matched by id (a position by its actor and question), and each is added,
 * removed or changed, with the fields that differ. Lists of ids (sources,
 * claims, chairs) compare as sets: reordering them is not a change. A
 * renamed id reads as one item removed and another added.
 */
import { meetingDays } from './dates.js';
import type { Dataset } from './types.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export const SECTIONS = [
  'control',
  'actors',
  'people',
  'positions',
  'claims',
  'quotes',
  'open_questions',
  'discrepancies',
  'events',
  'sources',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface FieldChange {
  /** The field's path inside the item: "text", "value", "place.city". */
  field: string;
  old: unknown;
  new: unknown;
}

export interface Change {
  section: Section;
  /** The item's id; a position's is "actor/dimension", or the actor's for its summary and key quote. */
  id: string;
  kind: ChangeKind;
  /** For a changed item: what differs, in the item's field order. */
  fields: FieldChange[];
  /** The item as it was (removed, changed) and as it is (added, changed). */
  old?: Record<string, unknown>;
  new?: Record<string, unknown>;
}

/** Fields holding lists of ids or words whose order carries no meaning. */
const SETS = new Set([
  'sources',
  'claims',
  'chairs',
  'raised_by',
  'first_at_level_sources',
  'absent',
  'absent_sources',
  'notes',
  'keywords',
]);

/** Mappings compared field by field ("place.city"); any other value is compared whole. */
const NESTED = new Set(['place', 'attendance', 'participants']);

/** A value in a form where equal meaning is equal text: keys sorted, id lists as sets. */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return SETS.has(key) ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k], k)]),
    );
  }
  return value;
}

const same = (a: unknown, b: unknown, key = '') =>
  JSON.stringify(canonical(a, key)) === JSON.stringify(canonical(b, key));

/** The fields of two versions of one item that differ (a nested mapping such as place by its own fields). */
function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (k === 'id') continue;
    const x = a[k];
    const y = b[k];
    if (same(x, y, k)) continue;
    const nested =
      NESTED.has(k) &&
      x &&
      y &&
      typeof x === 'object' &&
      typeof y === 'object' &&
      !Array.isArray(x) &&
      !Array.isArray(y);
    if (nested) out.push(...fieldChanges(x as Record<string, unknown>, y as Record<string, unknown>, `${prefix}${k}.`));
    else out.push({ field: `${prefix}${k}`, old: x, new: y });
  }
  return out;
}

function byId(section: Section, older: readonly { id: string }[], newer: readonly { id: string }[]): Change[] {
  const was = new Map(older.map((i) => [i.id, i as unknown as Record<string, unknown>]));
  const now = new Map(newer.map((i) => [i.id, i as unknown as Record<string, unknown>]));
  const out: Change[] = [];
  // In the new version's order, then what it no longer has in the old order.
  for (const [id, item] of now) {
    const before = was.get(id);
    if (!before) out.push({ section, id, kind: 'added', fields: [], new: item });
    else {
      const fields = fieldChanges(before, item);
      if (fields.length) out.push({ section, id, kind: 'changed', fields, old: before, new: item });
    }
  }
  for (const [id, item] of was) if (!now.has(id)) out.push({ section, id, kind: 'removed', fields: [], old: item });
  return out;
}

/** Positions as items: one per actor and question (its stance), one per actor for its summary and key quote. */
function positionItems(data: Dataset): { id: string }[] {
  const out: { id: string }[] = [];
  for (const p of data.positions) {
    for (const [dim, stance] of Object.entries(p.stances))
      out.push({ id: `${p.actor}/${dim}`, actor: p.actor, dimension: dim, ...stance } as { id: string });
    if (p.summary !== undefined || p.key_quote !== undefined)
      out.push({
        id: p.actor,
        actor: p.actor,
        ...(p.summary !== undefined ? { summary: p.summary } : {}),
        ...(p.key_quote !== undefined ? { key_quote: p.key_quote } : {}),
      } as { id: string });
  }
  return out;
}

/** When the dates relative to the meeting fall: "later this year" of a 2025 meeting is not that of a 2026 one. */
const RELATIVE = new Set(['later_this_year', 'coming_weeks', 'coming_months', 'next_year']);

/**
 * Events with their date as a comparable value: a relative date carries the
 * meeting's day it counts from, so that moving the meeting moves it; a vague
 * absolute date ("2025-Q3") is compared as written, so that "2025-Q3" to
 * "2025-09" is a change (more precise), as the sources put it.
 */
function eventItems(data: Dataset): { id: string }[] {
  // A relative date counts from the meeting's last day (see view/dates.ts): a meeting that runs a day longer moves it.
  const from = meetingDays(data.meeting.date).end;
  return (data.events ?? []).map((e) => ({
    ...e,
    when: RELATIVE.has(e.when) ? { value: e.when, from } : { value: e.when },
  }));
}

/** Every change from `older` to `newer`, section by section (SECTIONS order). */
export function diffDatasets(older: Dataset, newer: Dataset): Change[] {
  const control = (d: Dataset) => (d.control ? [{ id: 'control', ...d.control }] : []);
  const parts: Record<Section, Change[]> = {
    control: byId('control', control(older), control(newer)),
    actors: byId('actors', older.actors, newer.actors),
    people: byId('people', older.people, newer.people),
    positions: byId('positions', positionItems(older), positionItems(newer)),
    claims: byId('claims', older.claims, newer.claims),
    quotes: byId('quotes', older.quotes, newer.quotes),
    open_questions: byId('open_questions', older.open_questions ?? [], newer.open_questions ?? []),
    discrepancies: byId('discrepancies', older.discrepancies ?? [], newer.discrepancies ?? []),
    events: byId('events', eventItems(older), eventItems(newer)),
    sources: byId('sources', older.sources, newer.sources),
  };
  // Without document control, the brief's as-of date is what dates a version: a new one is a change too.
  if (!older.control && !newer.control && older.brief.as_of !== newer.brief.as_of) {
    const was = { id: 'as_of', as_of: older.brief.as_of };
    const now = { id: 'as_of', as_of: newer.brief.as_of };
    parts.control.push({
      section: 'control',
      id: 'as_of',
      kind: 'changed',
      fields: [{ field: 'as_of', old: was.as_of, new: now.as_of }],
      old: was,
      new: now,
    });
  }
  return SECTIONS.flatMap((s) => parts[s]);
}
