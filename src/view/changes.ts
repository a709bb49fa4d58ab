/**
 * The changes since an earlier version, for templates: each change with its
 * section, what it is about, what it was and what it is now, in words, and
 * the sources that back it (a withdrawn item cites the sources it had). Null
 * in the view when no earlier version was given (--since).
 */
import { diffDatasets, SECTIONS, type Change, type FieldChange, type Section } from '../data/diff.js';
import type { Dataset } from '../data/types.js';
import { dimensionCategories, vocabularyOf } from '../data/vocabulary.js';
import { countIn, fill, formatDate, type Labels } from '../shared/labels.js';
import { md } from '../shared/markdown.js';
import { own } from '../shared/own.js';
import { asOfText } from './control.js';
import { whenOf } from './dates.js';
import type { ChangesView, ChangeView } from './types.js';

export interface Previous {
  data: Dataset;
  /** Where it came from, for messages: a file, or "HEAD~1:data/x.yaml". */
  label: string;
}

/** Words for one version of the dataset: names, titles, category words, dates. */
class Words {
  private readonly vocabulary;
  constructor(
    readonly data: Dataset,
    readonly labels: Labels,
  ) {
    this.vocabulary = vocabularyOf(data, labels.categories);
  }
  actor(id: string): string {
    const a = this.data.actors.find((x) => x.id === id);
    return a ? (a.short_name ?? a.name) : id;
  }
  person(id: string): string {
    // A quotation's speaker may be an actor (a joint statement).
    return (
      this.data.people.find((x) => x.id === id)?.name ??
      (this.data.actors.some((a) => a.id === id) ? this.actor(id) : id)
    );
  }
  source(id: string): string {
    return this.data.sources.find((x) => x.id === id)?.title ?? id;
  }
  /** A claim by its words, quoted: ids mean nothing to a reader. */
  claim(id: string): string {
    const c = this.data.claims.find((x) => x.id === id);
    return c ? `“${c.text}”` : id;
  }
  /** A quotation as its item reads: its words and its speaker. */
  quote(id: string): string {
    const q = this.data.quotes.find((x) => x.id === id);
    return q ? `“${q.text}” (${this.person(q.speaker)})` : id;
  }
  dimension(id: string): string {
    const d = this.data.dimensions.find((x) => x.id === id);
    return d ? (d.short_label ?? d.label) : id;
  }
  category(dim: string, value: string): string {
    const d = this.data.dimensions.find((x) => x.id === dim);
    const on = d ? dimensionCategories(d).find((c) => c.id === value) : undefined;
    return (on && 'word' in on && on.word) || this.vocabulary.categories.get(value)?.word || value;
  }
  when(value: { value: string; from?: string }, e: Record<string, unknown>): string {
    return whenOf(
      value.value,
      value.from ?? this.data.meeting.date,
      this.labels,
      e.time as string | undefined,
      e.timezone as string | undefined,
    ).text;
  }
}

/** What an item is, in words: a claim's text, a position's actor and question, a quotation and its speaker. */
function subject(c: Change, w: Words): string {
  const item = (c.new ?? c.old)!;
  switch (c.section) {
    case 'positions':
      return item.dimension
        ? `${w.actor(String(item.actor))}, ${w.dimension(String(item.dimension))}`
        : w.actor(String(item.actor));
    case 'claims':
      return String(item.text);
    case 'quotes':
      return `“${String(item.text)}” (${w.person(String(item.speaker))})`;
    case 'people':
      return String(item.name);
    case 'actors':
      return String(item.short_name ?? item.name);
    case 'sources':
      return `“${String(item.title)}”`;
    case 'open_questions':
      return String(item.question);
    case 'discrepancies':
      return String(item.topic);
    case 'events':
      return String(item.name);
    case 'control':
      return '';
  }
}

/** Fields that an item's subject shows as they are now. */
const SUBJECT_FIELDS = new Set(['text', 'question', 'title', 'name', 'short_name', 'topic']);

/** Free text, quoted where it is cited as a value: context now “…” (was: “…”). */
const QUOTED = new Set([
  'text',
  'question',
  'title',
  'context',
  'condition',
  'summary',
  'detail',
  'resolution',
  'purpose',
  'note',
  'change',
  'when_note',
]);

/** One value as a reader should see it: names for ids, category words, dates in words. */
function valueText(section: Section, field: string, value: unknown, item: Record<string, unknown>, w: Words): string {
  if (value === undefined || value === null) return w.labels.changes.none;
  if (field === 'value' && section === 'positions') return w.category(String(item.dimension), String(value));
  if (field === 'when' && section === 'events') return w.when(value as { value: string; from?: string }, item);
  if (field === 'speaker' || field === 'convener' || field === 'person') return w.person(String(value));
  if (field === 'actor') return w.actor(String(value));
  if (field === 'key_quote') return w.quote(String(value));
  if (field === 'translation_source') return `“${w.source(String(value))}”`;
  if (section === 'control' && field === 'as_of' && typeof value === 'string' && value.includes('T'))
    return asOfText(value, item.time_zone as string | undefined, w.labels).text;
  if ((field === 'date' || field === 'as_of') && typeof value === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(value))
    return formatDate(value, w.labels.language);
  // A span of days or a vague date (a source's "2025-11-late"), in words.
  if (field === 'date' && typeof value === 'string' && /^\d{4}(-[\w]+)*(\/[\d-]+)?$/.test(value))
    return w.when({ value }, {});
  if (field === 'history' && Array.isArray(value))
    return listOf(
      value.map((h) => String((h as { version?: unknown }).version)),
      w.labels,
    );
  if (Array.isArray(value)) {
    const name = (v: unknown) => {
      if (field === 'sources' || field.endsWith('_sources')) return `“${w.source(String(v))}”`;
      if (field === 'chairs' || field === 'raised_by') return w.actor(String(v));
      return field === 'claims' ? w.claim(String(v)) : entryText(v);
    };
    const names = value.map(name);
    return listOf(names, w.labels) || w.labels.changes.none;
  }
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');
  return String(value);
}

/** An entry of a list of records by the words it carries: a discrepancy's account by its value, a name's variant by its spelling. */
function entryText(v: unknown): string {
  if (!v || typeof v !== 'object') return String(v);
  const r = v as Record<string, unknown>;
  return String(r.value ?? r.spelling ?? JSON.stringify(v));
}

/** Items as a list in running text: "A", "A and B", "A, B and C". */
function listOf(items: readonly string[], labels: Labels): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${labels.and} ${items[items.length - 1]}`;
}

/** "sources: adds “X”; drops “Y”" for a list of ids; "was → now" for anything else. */
function fieldText(
  c: Change,
  f: FieldChange,
  was: Words,
  now: Words,
): { was: string; now: string; text: string; brief: string } {
  const L = now.labels.changes;
  const field = own(L.fields, f.field) ?? f.field.replace(/_/g, ' ');
  const LISTS = ['sources', 'claims', 'chairs', 'raised_by'];
  if (
    LISTS.includes(f.field) &&
    (Array.isArray(f.old) || f.old === undefined) &&
    (Array.isArray(f.new) || f.new === undefined)
  ) {
    // A list given or dropped is a list that was, or is, empty.
    const o = new Set(((f.old ?? []) as unknown[]).map(String));
    const n = new Set(((f.new ?? []) as unknown[]).map(String));
    const added = [...n].filter((x) => !o.has(x)).map((x) => valueText(c.section, f.field, [x], c.new!, now));
    const dropped = [...o].filter((x) => !n.has(x)).map((x) => valueText(c.section, f.field, [x], c.old!, was));
    // A list inside a clause is joined with commas and "and": "; " separates the clauses themselves.
    const parts = [
      ...(added.length ? [fill(L.adds, { x: listOf(added, now.labels) })] : []),
      ...(dropped.length ? [fill(L.drops, { x: listOf(dropped, was.labels) })] : []),
    ];
    // In a sentence, how many; in the changes list, which.
    const counted = [
      ...(added.length ? [fill(L.adds, { x: countIn(now.labels, added.length) })] : []),
      ...(dropped.length ? [fill(L.drops, { x: countIn(now.labels, dropped.length) })] : []),
    ];
    return {
      was: valueText(c.section, f.field, f.old, c.old!, was),
      now: valueText(c.section, f.field, f.new, c.new!, now),
      text: `${field}: ${parts.join(`, ${now.labels.and} `)}`,
      brief: `${field}: ${counted.join(', ')}`,
    };
  }
  const quote = (v: string) => (QUOTED.has(f.field) && v !== L.none ? `“${v}”` : v);
  const w = quote(valueText(c.section, f.field, f.old, c.old!, was));
  const n = quote(valueText(c.section, f.field, f.new, c.new!, now));
  // The item's own words are its subject already: say only what they were.
  const text = SUBJECT_FIELDS.has(f.field) ? fill(L.was, { was: w }) : fill(L.field, { field, now: n, was: w });
  return { was: w, now: n, text, brief: text };
}

function changeView(c: Change, was: Words, now: Words): ChangeView {
  const L = now.labels.changes;
  const words = c.kind === 'removed' ? was : now;
  const about = md(subject(c, words));
  const fields = c.fields.map((f) => fieldText(c, f, was, now));
  const item = (c.new ?? c.old)!;
  // What backs it: the item's own sources (a source backs itself); a withdrawn item cites those it had.
  const sources =
    c.section === 'sources' ? [c.id] : Array.isArray(item.sources) ? (item.sources as unknown[]).map(String) : [];
  const detail = fields.map((f) => md(f.brief)).join('; ');
  const sectionWord = L.sections[c.section];
  const text =
    c.kind === 'changed'
      ? // A subject that is a sentence gives up its full stop before the colon: "… troops: was: “…”".
        fill(L.changed_text, { section: sectionWord, subject: about.replace(/(?<!\.)\.$/, '') || sectionWord, detail })
      : fill(c.kind === 'added' ? L.added_text : L.removed_text, {
          section: sectionWord,
          subject: about || sectionWord,
        });
  return {
    // A subject that ends a sentence already takes no second full stop.
    text: text.replace(/([.?!…])\.$/, '$1'),
    section: c.section,
    section_label: md(sectionWord),
    id: c.id,
    kind: c.kind,
    kind_word: md(L.kinds[c.kind]),
    subject: about,
    fields: fields.map((f, i) => ({ field: c.fields[i]!.field, was: md(f.was), now: md(f.now), text: md(f.text) })),
    sources,
  };
}

/** "version 1.0 of 10 April 2025", or the date the earlier version was current to. */
function sinceText(old: Dataset, labels: Labels): string {
  if (old.control)
    return fill(labels.changes.since_version, {
      version: old.control.version,
      date: formatDate(old.control.as_of.slice(0, 10), labels.language),
    });
  return fill(labels.changes.since_date, { date: formatDate(old.brief.as_of, labels.language) });
}

export function changesView(
  previous: Previous | undefined,
  data: Dataset,
  labels: Labels,
): { view: ChangesView | null; changes: Change[] } {
  if (!previous) return { view: null, changes: [] };
  const changes = diffDatasets(previous.data, data);
  const was = new Words(previous.data, labels);
  const now = new Words(data, labels);
  const items = changes.map((c) => changeView(c, was, now));
  const count = (k: string) => items.filter((i) => i.kind === k).length;
  const since = md(sinceText(previous.data, labels));
  return {
    changes,
    view: {
      since,
      none: items.length === 0,
      count: items.length,
      count_text:
        items.length === 1 ? labels.changes.one : fill(labels.changes.many, { n: countIn(labels, items.length) }),
      // Counted in words, as count_text is: "one new, one changed, one withdrawn" (kinds with none left out).
      breakdown_text: (['added', 'changed', 'removed'] as const)
        .filter((k) => count(k) > 0)
        .map((k) => fill(labels.changes.counted[k], { n: countIn(labels, count(k)) }))
        .join(', '),
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      items,
      sections: SECTIONS.map((s) => ({
        id: s,
        heading: md(labels.changes.sections[s]),
        items: items.filter((i) => i.section === s),
      })).filter((s) => s.items.length > 0),
      old_sources: [],
      cells_changed: changes.some(
        (c) =>
          c.section === 'positions' &&
          c.kind === 'changed' &&
          c.fields.some((f) => f.field === 'value' || f.field === 'condition'),
      ),
    },
  };
}
