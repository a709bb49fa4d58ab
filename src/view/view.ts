/**
 * The view: one plain, read-only object that the templates see, built from a
 * checked dataset. Ids are resolved into the objects they name, lists are
 * sorted, categories carry their labels and symbols, claims are grouped by
 * topic, and every free-text value is escaped for Markdown. Every field a
 * template may name is present (null or [] when the data has none), so that
 * strict templates catch a misspelt field instead of printing nothing.
 */
import type { Category, Claim, Count, Dataset, Person, Place, Quote, Source, Topic } from '../data/types.js';
import type { Theme } from '../shared/theme.js';
import { md, mdUrl } from '../shared/markdown.js';
import { own } from '../shared/own.js';
import { categoryView, type CategoryView } from './category.js';

export type { CategoryView } from './category.js';
import { countIn, englishLabels, fill, formatDayMonth, type Labels } from '../shared/labels.js';
import { behavesAs, dimensionCategories, vocabularyOf } from '../data/vocabulary.js';
import { meetingDates, sourceDateText, timeText, whenOf } from './dates.js';
import { controlView } from './control.js';
import { nameKeys, variantNote } from './names.js';
import { actorAsSpeaker, glossOf } from './speakers.js';
import { changesView, type Previous } from './changes.js';

export type * from './types.js';
import type { ActorCell, ActorView, CellView, ClaimView, CountView, DiscrepancyView, EventView, PersonView, PlaceView, PositionView, QuoteView, SourceView, TopicSection, View } from './types.js';

import { inLanguage } from './language.js';

/** The primary language subtag, lower-cased: "en" for en-GB. */
const primaryTag = (tag: string) => tag.split('-')[0]!.toLowerCase();

export function buildView(data: Dataset, theme: Theme, labels: Labels = englishLabels(), previous?: Previous): View {
  // The dataset's prose is in the dataset's language: in a document in another language (a French memo of an
  // English dataset) it is a span in that language, so that a screen reader reads it with the right rules.
  const foreign = primaryTag(data.brief.language) !== primaryTag(labels.language) ? data.brief.language : undefined;
  const prose = (text: string) => inLanguage(md(text), foreign);
  const diff = changesView(previous, data, labels);
  const changedCell = new Map(diff.changes.filter((c) => c.section === 'positions' && c.kind === 'changed' && c.new?.dimension !== undefined).map((c) => [c.id, c]));
  const vocabulary = vocabularyOf(data, labels.categories);
  // Lists are sorted by the name they show, as the brief's language sorts it (Å after Z in Swedish, not in English).
  const collator = new Intl.Collator(data.brief.language, { sensitivity: 'base', numeric: true });
  const byShort = (a: { short_name: string }, b: { short_name: string }) => collator.compare(a.short_name, b.short_name);

  const actorView = new Map(data.actors.map((a) => {
    const short = a.short_name ?? a.name;
    const the = a.name_in_sentence ?? withArticle(short);
    return [a.id, {
      id: a.id, name: md(a.name), the_name: md(the), the_names: md(/s$/.test(the) ? `${the}'` : `${the}'s`), short_name: md(short),
      kind: a.kind, iso: a.iso ?? null, role: a.role, role_word: md(vocabulary.roles.get(a.role) ?? a.role), note: a.note ? md(a.note) : null,
    } satisfies ActorView];
  }));
  const actor = (id: string) => actorView.get(id)!;

  const personView = new Map(data.people.map((p: Person) => {
    const a = actor(p.actor);
    const keys = nameKeys(p);
    return [p.id, {
      id: p.id, name: md(p.name), native_name: p.native_name ? inLanguage(md(p.native_name), p.native_lang) : null, role: md(p.role), actor: a,
      attended: p.attended ?? false, sources: unique([...p.sources, ...(p.native_name_sources ?? [])]),
      native_name_sources: [...(p.native_name_sources ?? [])],
      sort_as: md(keys.sort), short_reference: p.short_reference ? md(p.short_reference) : null, after_first: md(keys.later),
      variants: (p.variants ?? []).map((v) => ({ spelling: v.kind === 'native_script' ? inLanguage(md(v.spelling), p.native_lang) : md(v.spelling), kind: v.kind ?? null, sources: [...v.sources], sentence: variantNote(v, p.sources.length, labels, p.native_lang) })),
      title: `${md(p.role)} ${md(p.name)}`,
      described: fill(labels.described, { owner: a.the_names, actor: a.short_name, role: md(p.role), name: md(p.name) }),
      name_order: p.name_order ?? 'given_first',
    } satisfies PersonView];
  }));
  // People sort by sort_as, else by family name (view/names.ts: particles, Arabic names, names written family first).
  const sortKey = new Map(data.people.map((p) => [p.id, nameKeys(p).sort]));
  const peopleSorted = [...data.people].sort((x, y) => collator.compare(sortKey.get(x.id)!, sortKey.get(y.id)!) || collator.compare(x.name, y.name)).map((p) => personView.get(p.id)!);
  const person = (id: string) => personView.get(id)!;

  const category = (id: Category, on: { word?: string; meaning?: string } = {}): CategoryView => categoryView(id, theme, vocabulary, on);
  const onDimension = (dimId: string, id: Category) => data.dimensions.find((d) => d.id === dimId) ? dimensionCategories(data.dimensions.find((d) => d.id === dimId)!).find((c) => c.id === id) ?? {} : {};

  const claimView = new Map(data.claims.map((c: Claim) => [c.id, {
    id: c.id, kind: c.kind, kind_label: own(labels.claim_kinds, c.kind) ?? c.kind, topic: c.topic, text: prose(c.text),
    speaker: c.speaker ? person(c.speaker) : null, actor: c.actor ? actor(c.actor) : null, sources: [...c.sources],
  } satisfies ClaimView]));
  const claims = (ids: string[] | undefined) => (ids ?? []).map((id) => claimView.get(id)!);
  const sourcesOf = (items: { sources: string[] }[]) => unique(items.flatMap((i) => i.sources));

  // Key quotations of more than about 25 words take over a matrix row: the matrix lists them after the table.
  const keyQuotes = new Set(data.positions.map((p) => p.key_quote).filter(Boolean));
  // A gloss counts: the original and its translation share the cell.
  const longIds = data.quotes.filter((q) => keyQuotes.has(q.id) && q.text.length + (q.translation?.length ?? 0) > LONG_QUOTE).map((q) => q.id);
  // A quotation's speaker may be an actor (a ministry, a joint statement): shown as a person would be, by its short name.
  const speaker = (id: string): PersonView => personView.get(id) ?? actorAsSpeaker(actor(id));
  const quoteView = new Map(data.quotes.map((q: Quote) => [q.id, {
    id: q.id, speaker: speaker(q.speaker), text: inLanguage(md(q.text), q.lang ?? foreign), context: prose(q.context), medium: q.medium ?? null,
    sources: unique([...q.sources, ...(q.translation_source ? [q.translation_source] : [])]),
    long: longIds.includes(q.id), number: 0,
    speaker_is_actor: !personView.has(q.speaker),
    translation: q.translation ? md(q.translation) : null, translation_by: q.translation_by ?? null, translation_source: q.translation_source ?? null,
    gloss: q.translation ? glossOf(q, data, labels) : null,
  } satisfies QuoteView]));

  // A cell whose answer or condition changed since the earlier version: what it was, for the matrix's note.
  const cellChange = (actorId: string, dimId: string): Pick<CellView, 'changed' | 'was' | 'was_note'> => {
    const c = changedCell.get(`${actorId}/${dimId}`);
    const fields = c?.fields.filter((f) => f.field === 'value' || f.field === 'condition') ?? [];
    if (!c || !fields.length || !diff.view) return { changed: false, was: null, was_note: null };
    const old = c.old as { value: Category; condition?: string };
    const was = fields.some((f) => f.field === 'value') ? category(old.value, onDimension(dimId, old.value)) : null;
    const dim = data.dimensions.find((d) => d.id === dimId)!;
    const what = was ? was.label : old.condition ? md(old.condition) : labels.changes.none;
    return { changed: true, was, was_note: `${actor(actorId).short_name}, ${md(dim.short_label ?? dim.label)}: ${fill(labels.changes.was, { was: what })} (${diff.view.since})` };
  };
  const positions: PositionView[] = data.positions.map((p) => {
    const cells = data.dimensions.map((dim): CellView => {
      const s = p.stances[dim.id]!;
      return {
        dimension: { id: dim.id, label: md(dim.label), short_label: md(dim.short_label ?? dim.label) },
        category: category(s.value, onDimension(dim.id, s.value)),
        stated: s.value !== 'not_stated' && s.value !== 'not_applicable',
        condition: s.condition ? prose(s.condition) : null,
        // Who and which question, as the table names them; labels keep their capitals.
        condition_note: s.condition ? `${actor(p.actor).short_name}, ${md(dim.short_label ?? dim.label)}: ${md(s.condition)}` : null,
        speaker: s.speaker ? person(s.speaker) : null,
        sources: [...(s.sources ?? [])],
        ...cellChange(p.actor, dim.id),
      };
    });
    return {
      actor: actor(p.actor), summary: p.summary ? prose(p.summary) : null,
      key_quote: p.key_quote ? quoteView.get(p.key_quote)! : null, cells, stated_cells: cells.filter((c) => c.stated),
      sources: unique([...sourcesOf(cells), ...(p.key_quote ? quoteView.get(p.key_quote)!.sources : [])]),
    };
  }).sort((a, b) => byShort(a.actor, b.actor));

  // An event during the meeting has its time in the meeting's time zone unless it names another.
  const zoneOf = (e: (typeof data.events & object)[number]) => e.timezone ?? (e.relation === 'during' ? data.meeting.time_zone : undefined);
  const whenOfEvent = (e: (typeof data.events & object)[number]) => whenOf(e.when, data.meeting.date, labels, e.time, zoneOf(e));
  const events: EventView[] = [...(data.events ?? [])].sort((a, b) => whenOfEvent(a).sort.localeCompare(whenOfEvent(b).sort)).map((e) => ({
    id: e.id, name: md(e.name), when: e.when, when_text: whenOfEvent(e).text, when_note: e.when_note ? md(e.when_note) : null,
    day_text: /^\d{4}-\d{2}-\d{2}$/.test(e.when) ? formatDayMonth(e.when, labels.language) : null,
    time: e.time ?? null, time_text: e.time ? timeText(e.time, zoneOf(e), labels) : null,
    relation: e.relation, place: e.place ? place(e.place, labels) : null, chairs: (e.chairs ?? []).map(actor),
    convener: e.convener ? person(e.convener) : null, attendance: e.attendance ? countView(e.attendance, labels) : null,
    summary: prose(e.summary), notes: (e.notes ?? []).map(prose), claims: claims(e.claims), sources: [...e.sources],
  }));

  const discrepancies: DiscrepancyView[] = (data.discrepancies ?? []).map((d) => ({
    id: d.id, topic: md(d.topic), kind: d.kind, variants: d.variants.map((v) => ({ value: md(v.value), sources: [...v.sources] })),
    resolution: prose(d.resolution), status: d.status, resolved: d.status === 'resolved',
    person: d.person ? person(d.person) : null, claims: claims(d.claims), sources: sourcesOf(d.variants),
  }));

  const topics = Object.fromEntries(vocabulary.topics.map((t) => [t.id, [] as ClaimView[]])) as Record<Topic, ClaimView[]>;
  for (const c of claimView.values()) topics[c.topic]?.push(c);
  const topicSections: TopicSection[] = vocabulary.topics.filter((t) => topics[t.id]!.length > 0).map((t) => ({
    id: t.id, heading: md(t.heading), question: md(t.question), claims: topics[t.id]!, sources: sourcesOf(topics[t.id]!),
  }));

  const allCells: ActorCell[] = positions.flatMap((p) => p.cells.map((cell) => ({ actor: p.actor, cell, sources: cell.sources })));
  const used = new Set(allCells.map((c) => c.cell.category.id));
  const legend = [...vocabulary.categories.keys()].filter((c) => used.has(c)).map((c) => category(c));
  const declined = allCells.filter((c) => behavesAs(vocabulary, c.cell.category.id) === 'no');
  const hesitant = allCells.filter((c) => ['open', 'undecided', 'depends'].includes(behavesAs(vocabulary, c.cell.category.id)));

  // Long key quotations, numbered in the order of the matrix's rows.
  const longQuotes: QuoteView[] = [];
  for (const p of positions) if (p.key_quote?.long && !longQuotes.includes(p.key_quote)) longQuotes.push(p.key_quote);
  longQuotes.forEach((q, i) => (q.number = i + 1));
  const dimensionViews = data.dimensions.map((d) => ({
    id: d.id, label: md(d.label), short_label: md(d.short_label ?? d.label), question: md(d.question),
    categories: dimensionCategories(d).map((c) => category(c.id, c)),
    meanings: dimensionCategories(d).filter((c) => c.meaning || c.word).map((c) => category(c.id, c)),
    groups: dimensionCategories(d).map((c) => {
      const cells = positions.map((p) => ({ actor: p.actor, cell: p.cells.find((x) => x.dimension.id === d.id)! })).filter((x) => x.cell.category.id === c.id && x.cell.stated);
      return { category: category(c.id, c), actors: cells.map((x) => x.actor), sources: sourcesOf(cells.map((x) => x.cell)) };
    }).filter((g) => g.actors.length > 0),
  }));

  const { brief, meeting } = data;
  if (diff.view) {
    const known = new Set(data.sources.map((x) => x.id));
    diff.view.old_sources = previous!.data.sources.filter((x) => !known.has(x.id)).map((x) => sourceView(x, labels));
  }
  const view: View = {
    changes: diff.view,
    control: controlView(data.control, labels),
    brief: {
      title: md(brief.title), subject: md(brief.subject ?? brief.title), to: md(brief.to), from: md(brief.from),
      as_of: brief.as_of, author: md(brief.author), language: brief.language, keywords: (brief.keywords ?? []).map(md),
      summary: (brief.summary ?? []).map((s) => {
        const cs = claims(s.claims);
        return { text: prose(s.text), claims: cs, sources: sourcesOf(cs) };
      }),
    },
    meeting: {
      name: md(meeting.name), fictional: meeting.fictional ?? false, ...meetingDates(meeting, labels), place: place(meeting.place, labels),
      format: md(meeting.format), level: meeting.level, level_label: own(labels.levels, meeting.level) ?? md(meeting.level),
      first_at_level: meeting.first_at_level ?? false, first_at_level_sources: [...(meeting.first_at_level_sources ?? [])], hosts: meeting.hosts.map(actor), chairs: (meeting.chairs ?? []).map(person),
      participants: countView(meeting.participants, labels), purpose: prose(meeting.purpose), absent: (meeting.absent ?? []).map(actor),
      attendees: [...personView.values()].filter((p) => p.attended), sources: [...meeting.sources],
    },
    marking: md(theme.marking),
    sources: data.sources.map((s) => sourceView(s, labels)),
    actors: [...actorView.values()].sort(byShort),
    people: peopleSorted,
    dimensions: dimensionViews,
    positions,
    matrix_dimensions: dimensionViews.filter((d) => d.groups.length > 0),
    long_quotes: longQuotes,
    has_key_quotes: positions.some((p) => p.key_quote),
    quotes: [...quoteView.values()],
    statements: data.quotes.filter((q) => data.actors.some((a) => a.id === q.speaker && a.kind === 'document')).map((q) => quoteView.get(q.id)!),
    claims: [...claimView.values()],
    key_points: data.claims.filter((c) => c.key).map((c) => claimView.get(c.id)!),
    topics,
    topic_labels: Object.fromEntries(vocabulary.topics.map((t) => [t.id, md(t.heading)])),
    topic_sections: topicSections,
    faq_topics: topicSections.filter((t) => t.id !== 'meeting' && t.id !== 'next_steps'),
    open_questions: (data.open_questions ?? []).map((q) => ({
      id: q.id, topic: md(q.topic), question: prose(q.question), detail: prose(q.detail),
      raised_by: (q.raised_by ?? []).map(actor), claims: claims(q.claims), sources: [...q.sources],
    })),
    events,
    preceding_events: events.filter((e) => e.relation === 'preceding'),
    following_events: events.filter((e) => e.relation === 'following'),
    during_events: events.filter((e) => e.relation === 'during'),
    discrepancies,
    unresolved_discrepancies: discrepancies.filter((d) => !d.resolved),
    resolved_discrepancies: discrepancies.filter((d) => d.resolved),
    declined,
    hesitant,
    declined_by_actor: byActor(declined),
    hesitant_by_actor: byActor(hesitant),
    legend,
    vocabulary: {
      categories: Object.fromEntries([...vocabulary.categories.keys()].map((c) => [c, category(c)])),
      topics: vocabulary.topics.map((t) => ({ id: t.id, heading: md(t.heading), question: md(t.question) })),
      roles: Object.fromEntries([...vocabulary.roles].map(([id, w]) => [id, md(w)])),
    },
    counts: {
      sources: data.sources.length, claims: data.claims.length, quotes: data.quotes.length,
      actors: data.actors.length, people: data.people.length, positions: data.positions.length,
    },
  };
  return deepFreeze(view);
}

function place(p: Place, labels: Labels): PlaceView {
  const parts = [p.venue, p.city].filter((x): x is string => !!x).map(md);
  const text = parts.join(', ');
  const where = p.venue ? fill(labels.where.venue, { venue: md(p.venue), city: md(p.city) }) : fill(labels.where.city, { city: md(p.city) });
  return { venue: p.venue ? md(p.venue) : null, city: md(p.city), country: p.country ?? null, text, where };
}

function countView(c: Count, labels: Labels): CountView {
  const q = c.qualifier === 'exact' ? '' : own(labels.qualifiers, c.qualifier) ?? '';
  return { value: c.value, qualifier: c.qualifier, unit: md(c.unit), text: `${q ? q + ' ' : ''}${countIn(labels, c.value)} ${md(c.unit)}`, sources: [...c.sources] };
}

/** A source as a reader needs it to find it: title, outlet or publisher and byline, date, and its address as a link. Never the file it was read from. */
function sourceView(s: Source, labels: Labels): SourceView {
  const by = [s.outlet, s.byline].filter((x): x is string => !!x).map(md).join(', ');
  // A date the curator knows (from the address, or "on Wednesday") prints as any other: the reader needs the day.
  const date = s.date ? sourceDateText(s.date, labels) : null;
  const title = md(s.title);
  const shownTitle = s.has_headline === false ? title : `“${title}”`;
  const citation = `${[shownTitle, by || null, date ?? labels.undated].filter(Boolean).join(', ')}.${s.url ? ` ${mdUrl(s.url)}` : ''}`;
  return {
    id: s.id, file: md(s.file), title, has_headline: s.has_headline ?? true, kind: s.kind,
    outlet: s.outlet ? md(s.outlet) : null, byline: s.byline ? md(s.byline) : null,
    date: s.date ?? null, date_text: date, date_basis: s.date ? s.date_basis ?? 'report' : null, dateline: s.dateline ? md(s.dateline) : null,
    url: s.url ? md(s.url) : null, link: s.url ? mdUrl(s.url) : null,
    reliability: s.reliability ?? null, notes: (s.notes ?? []).map(md), citation,
  };
}

/** "the United Kingdom", "the Netherlands", "the Republic of Malta", "the European Union"; "France". */
function withArticle(name: string): string {
  if (/^(the|The) /.test(name)) return name;
  const takesThe = /^(United |Netherlands|European |North Atlantic|Russian Federation|Czech Republic|Philippines|Gambia|Bahamas|Holy See|Vatican|Maldives|Seychelles|Comoros)/.test(name)
    || /^(Republic|Kingdom|Federal Republic|Federation|Commonwealth|Union|Sultanate|State|Principality|Grand Duchy|Islamic Republic|People's Republic|Democratic Republic|Arab Republic|Hashemite Kingdom|Plurinational State|Bolivarian Republic|Socialist Republic|Independent State)\b/.test(name)
    || /\b(Republic|Kingdom|Union|Organi[sz]ation|Islands|Emirates|States|Group|Council|Commission|Alliance|Secretariat|Institute|Agency|Bank|Fund|Forum)$/.test(name);
  return takesThe ? `the ${name}` : name;
}

/** A key quotation longer than this many characters takes over a matrix row. */
const LONG_QUOTE = 160;

/** Answers grouped by actor, in the order they come (actors sorted by the name they show). */
function byActor(cells: ActorCell[]): { actor: ActorView; cells: CellView[]; sources: string[] }[] {
  const groups = new Map<string, { actor: ActorView; cells: CellView[]; sources: string[] }>();
  for (const c of cells) {
    const g = groups.get(c.actor.id) ?? { actor: c.actor, cells: [], sources: [] };
    g.cells.push(c.cell);
    g.sources = unique([...g.sources, ...c.sources]);
    groups.set(c.actor.id, g);
  }
  return [...groups.values()];
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
    Object.freeze(value);
  }
  return value;
}
