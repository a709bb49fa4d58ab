/**
 * The view: one plain, read-only object that the templates see, built from a
 * checked dataset. Ids are resolved into the objects they name, lists are
 * sorted, categories carry their labels and symbols, claims are grouped by
 * topic, and every free-text value is escaped for Markdown. Every field a
 * template may name is present (null or [] when the data has none), so that
 * strict templates catch a misspelt field instead of printing nothing.
 */
import { highestMarking } from '../data/markings.js';
import type { Category, Dataset } from '../data/types.js';
import type { Theme } from '../shared/theme.js';
import { md } from '../shared/markdown.js';
import { own } from '../shared/own.js';

export type { CategoryView } from './category.js';
import { englishLabels, fill, type Labels } from '../shared/labels.js';
import { dimensionCategories } from '../data/vocabulary.js';
import { meetingDates } from './dates.js';
import { capitalFirst, delegationsView, matrixWords, takingPart } from './delegations.js';
import { controlView } from './control.js';
import { changesView, type Previous } from './changes.js';
import { columnName, shareConditionNotes } from './conditions.js';
import {
  actorViews,
  claimViews,
  countView,
  discrepancyViews,
  eventViews,
  personViews,
  place,
  quoteViews,
  scopeOf,
  sortPeople,
  sourcesOf,
  sourceView,
  unique,
  type Resolve,
  type Scope,
} from './records.js';

export type * from './types.js';
import type {
  ActorCell,
  ActorView,
  CellView,
  ClaimView,
  EventView,
  PersonView,
  PositionView,
  QuoteView,
  TopicSection,
  View,
} from './types.js';

export function buildView(data: Dataset, theme: Theme, labels: Labels = englishLabels(), previous?: Previous): View {
  const scope = scopeOf(data, theme, labels);
  const diff = changesView(previous, data, labels);
  const actorView = actorViews(scope);
  const actor = (id: string) => actorView.get(id)!;
  const personView = personViews(scope, actor);
  const person = (id: string) => personView.get(id)!;
  const claimView = claimViews(scope, actor, person);
  const resolve: Resolve = { actor, person, claims: (ids) => (ids ?? []).map((id) => claimView.get(id)!) };
  const quoteView = quoteViews(scope, actor, personView);
  const isStatement = (speaker: string) => data.actors.some((a) => a.id === speaker && a.kind === 'document');
  const positions = positionViews(scope, resolve, quoteView, cellChanges(scope, resolve, diff));
  const events = eventViews(scope, resolve);
  const discrepancies = discrepancyViews(scope, resolve);
  const { topics, topicSections } = topicViews(scope, claimView);
  const dimensions = dimensionViews(scope, positions);
  const answers = answerViews(scope, positions, dimensions);
  const actors = [...actorView.values()].sort(scope.byShort);
  const taking = takingPart(data, actors);
  if (diff.view) {
    const known = new Set(data.sources.map((x) => x.id));
    diff.view.old_sources = previous!.data.sources.filter((x) => !known.has(x.id)).map((x) => sourceView(x, scope));
  }
  const view: View = {
    changes: diff.view,
    control: controlView(data.control, labels),
    brief: briefView(scope, resolve),
    meeting: {
      ...meetingView(scope, resolve, personView),
      delegations: delegationsView(data, scope.vocabulary, labels, actors),
    },
    marking: md(highestMarking(data)?.word ?? theme.marking),
    sources: data.sources.map((s) => sourceView(s, scope)),
    actors,
    people: sortPeople(scope, personView),
    dimensions,
    positions,
    matrix_dimensions: dimensions.filter((d) => d.groups.length > 0),
    taking_part: taking,
    ...matrixWords(data, labels, taking),
    long_quotes: numberLongQuotes(positions),
    has_key_quotes: positions.some((p) => p.key_quote),
    quotes: [...quoteView.values()],
    statements: data.quotes.filter((q) => isStatement(q.speaker)).map((q) => quoteView.get(q.id)!),
    remarks: data.quotes.filter((q) => !isStatement(q.speaker)).map((q) => quoteView.get(q.id)!),
    claims: [...claimView.values()],
    key_points: data.claims.filter((c) => c.key).map((c) => claimView.get(c.id)!),
    topics,
    topic_labels: Object.fromEntries(scope.vocabulary.topics.map((t) => [t.id, md(t.heading)])),
    topic_sections: topicSections,
    faq_topics: topicSections.filter((t) => t.id !== 'meeting' && t.id !== 'next_steps'),
    open_questions: openQuestionViews(data, scope, resolve),
    ...eventLists(events, topics.next_steps ?? []),
    discrepancies,
    unresolved_discrepancies: discrepancies.filter((d) => !d.resolved),
    resolved_discrepancies: discrepancies.filter((d) => d.resolved),
    ...answers,
    vocabulary: vocabularyView(scope),
    counts: {
      sources: data.sources.length,
      claims: data.claims.length,
      quotes: data.quotes.length,
      actors: data.actors.length,
      people: data.people.length,
      positions: data.positions.length,
    },
  };
  return deepFreeze(view);
}

/** The events, and the lists the templates take of them: before, during and after the meeting, since, next. */
function eventLists(events: EventView[], nextSteps: readonly ClaimView[]) {
  return {
    events,
    preceding_events: events.filter((e) => e.relation === 'preceding'),
    following_events: events.filter((e) => e.relation === 'following'),
    since_events: events.filter((e) => e.relation === 'following' && e.past && !e.pending),
    // Still to come first, then those due but not reported: a memo that keeps one keeps a real next event.
    next_events: [
      ...events.filter((e) => e.relation === 'following' && !e.past),
      ...events.filter((e) => e.relation === 'following' && e.past && e.pending),
    ],
    next_step_claims: untold(
      nextSteps,
      events.filter((e) => e.relation === 'following'),
    ),
    during_events: events.filter((e) => e.relation === 'during'),
  };
}

/** The questions the meeting left open, each with who raised it and the claims it rests on. */
function openQuestionViews(data: Dataset, scope: Scope, resolve: Resolve): View['open_questions'] {
  return (data.open_questions ?? []).map((q) => ({
    id: q.id,
    topic: scope.prose(q.topic),
    question: scope.prose(q.question),
    detail: scope.prose(q.detail),
    raised_by: (q.raised_by ?? []).map(resolve.actor),
    claims: resolve.claims(q.claims),
    sources: [...q.sources],
  }));
}

type CellChange = Pick<CellView, 'changed' | 'was' | 'was_note'>;

/** The actor as a matrix note names it: its short name, with its name in its own script beside it when the dataset gives one. */
const noteName = (a: ActorView) => (a.native_name ? `${a.short_name} (${a.native_name})` : a.short_name);

/** Decides, for a cell whose answer or condition changed since the earlier version, what it was, for the matrix's note. */
function cellChanges(
  { data, labels, category, onDimension, prose }: Scope,
  { actor }: Resolve,
  diff: ReturnType<typeof changesView>,
): (actorId: string, dimId: string) => CellChange {
  const changedCell = new Map(
    diff.changes
      .filter((c) => c.section === 'positions' && c.kind === 'changed' && c.new?.dimension !== undefined)
      .map((c) => [c.id, c]),
  );
  return (actorId, dimId) => {
    const c = changedCell.get(`${actorId}/${dimId}`);
    const fields = c?.fields.filter((f) => f.field === 'value' || f.field === 'condition') ?? [];
    if (!c || !fields.length || !diff.view) return { changed: false, was: null, was_note: null };
    const old = c.old as { value: Category; condition?: string };
    const was = fields.some((f) => f.field === 'value') ? category(old.value, onDimension(dimId, old.value)) : null;
    const dim = data.dimensions.find((d) => d.id === dimId)!;
    const what = was ? was.label : old.condition ? prose(old.condition) : labels.changes.none;
    return {
      changed: true,
      was,
      was_note: `${noteName(actor(actorId))}, ${columnName(data, labels, dim, prose)}: ${fill(labels.changes.was, { was: what })} (${diff.view.since})`,
    };
  };
}

/** The matrix's rows: one per actor with a position, sorted by the name it shows, a cell per dimension. */
function positionViews(
  scope: Scope,
  { actor, person }: Resolve,
  quoteView: Map<string, QuoteView>,
  cellChange: (actorId: string, dimId: string) => CellChange,
): PositionView[] {
  const { data, prose, category, onDimension } = scope;
  const rows = data.positions
    .map((p) => {
      const cells = data.dimensions.map((dim): CellView => {
        const s = p.stances[dim.id]!;
        return {
          dimension: { id: dim.id, label: prose(dim.label), short_label: prose(dim.short_label ?? dim.label) },
          category: category(s.value, onDimension(dim.id, s.value)),
          stated: s.value !== 'not_stated' && s.value !== 'not_applicable',
          condition: s.condition ? prose(s.condition) : null,
          // Who and which question, as the table names them; labels keep their capitals.
          condition_note: s.condition
            ? `${noteName(actor(p.actor))}, ${columnName(data, scope.labels, dim, prose)}: ${prose(s.condition)}`
            : null,
          speaker: s.speaker ? person(s.speaker) : null,
          sources: [...(s.sources ?? [])],
          ...cellChange(p.actor, dim.id),
        };
      });
      return {
        actor: actor(p.actor),
        summary: p.summary ? prose(p.summary) : null,
        key_quote: p.key_quote ? quoteView.get(p.key_quote)! : null,
        cells,
        stated_cells: cells.filter((c) => c.stated),
        sources: unique([...sourcesOf(cells), ...(p.key_quote ? quoteView.get(p.key_quote)!.sources : [])]),
      };
    })
    .sort((a, b) => scope.byShort(a.actor, b.actor));
  shareConditionNotes(
    rows,
    (id) =>
      columnName(
        data,
        scope.labels,
        data.dimensions.find((d) => d.id === id)!,
        prose,
      ),
    scope.labels,
  );
  return rows;
}

/** The claims none of the events cites: the events print them (an event and the claim it cites are one fact). */
function untold(claims: readonly ClaimView[], events: readonly EventView[]): ClaimView[] {
  const told = new Set(events.flatMap((e) => e.claims));
  return claims.filter((c) => !told.has(c));
}

/** Claims grouped by topic (every topic present, [] when it has none) and the sections of the topics that have claims. */
function topicViews({ vocabulary }: Scope, claimView: Map<string, ClaimView>) {
  const topics = Object.fromEntries(vocabulary.topics.map((t) => [t.id, [] as ClaimView[]])) as View['topics'];
  for (const c of claimView.values()) topics[c.topic]?.push(c);
  const topicSections: TopicSection[] = vocabulary.topics
    .filter((t) => topics[t.id]!.length > 0)
    .map((t) => ({
      id: t.id,
      heading: md(t.heading),
      question: md(t.question),
      claims: topics[t.id]!,
      sources: sourcesOf(topics[t.id]!),
    }));
  return { topics, topicSections };
}

/**
 * Which answers decline and which hesitate: only those whose category the
 * vocabulary says is a refusal, or undecided or conditional (its stance);
 * the answers no such framing covers, by question in the question's own
 * words; and the legend: the vocabulary's categories the matrix uses in
 * their vocabulary words, then each question's own words and meanings.
 */
function answerViews({ vocabulary, category }: Scope, positions: PositionView[], dimensions: View['dimensions']) {
  const allCells: ActorCell[] = positions.flatMap((p) =>
    p.cells.map((cell) => ({ actor: p.actor, cell, sources: cell.sources })),
  );
  const used = new Set(allCells.filter((c) => !c.cell.category.own_words).map((c) => c.cell.category.id));
  const stated = allCells.filter((c) => c.cell.stated);
  const declined = stated.filter((c) => c.cell.category.stance === 'refusal');
  const hesitant = stated.filter(
    (c) => c.cell.category.stance === 'undecided' || c.cell.category.stance === 'conditional',
  );
  const ownWords = (d: View['dimensions'][number]) =>
    d.categories.filter(
      (c) => c.own_words && allCells.some((x) => x.cell.dimension.id === d.id && x.cell.category.id === c.id),
    );
  return {
    declined,
    hesitant,
    declined_by_actor: byActor(declined),
    hesitant_by_actor: byActor(hesitant),
    answers_by_question: dimensions
      .map((d) => {
        const groups = d.groups.filter((g) => g.category.stance === null);
        return { ...d, groups, sources: sourcesOf(groups) };
      })
      .filter((d) => d.groups.length > 0),
    legend: [...vocabulary.categories.keys()].filter((c) => used.has(c)).map((c) => category(c)),
    legend_by_question: dimensions
      .map((d) => ({ id: d.id, label: d.label, short_label: d.short_label, categories: ownWords(d) }))
      .filter((d) => d.categories.length > 0),
  };
}

/** Long key quotations, numbered in the order of the matrix's rows. */
function numberLongQuotes(positions: PositionView[]): QuoteView[] {
  const longQuotes: QuoteView[] = [];
  for (const p of positions) if (p.key_quote?.long && !longQuotes.includes(p.key_quote)) longQuotes.push(p.key_quote);
  longQuotes.forEach((q, i) => (q.number = i + 1));
  return longQuotes;
}

/** Each dimension with its categories, the meanings it gives them, and the actors grouped by their answer. */
function dimensionViews({ data, category, prose }: Scope, positions: PositionView[]) {
  return data.dimensions.map((d) => ({
    id: d.id,
    label: prose(d.label),
    short_label: prose(d.short_label ?? d.label),
    question: prose(d.question),
    categories: dimensionCategories(d).map((c) => category(c.id, c)),
    meanings: dimensionCategories(d)
      .filter((c) => c.meaning || c.word)
      .map((c) => category(c.id, c)),
    groups: dimensionCategories(d)
      .map((c) => {
        const cells = positions
          .map((p) => ({ actor: p.actor, cell: p.cells.find((x) => x.dimension.id === d.id)! }))
          .filter((x) => x.cell.category.id === c.id && x.cell.stated);
        return {
          category: category(c.id, c),
          actors: cells.map((x) => x.actor),
          conditions: sharedConditions(cells),
          sources: sourcesOf(cells.map((x) => x.cell)),
        };
      })
      .filter((g) => g.actors.length > 0),
  }));
}

/** The brief's own fields: title, addressees, keywords, and its summary points with the claims behind them. */
function briefView({ data: { brief }, prose }: Scope, { claims }: Resolve): View['brief'] {
  return {
    title: prose(brief.title),
    short_title: brief.short_title ? prose(brief.short_title) : null,
    subject: prose(brief.subject ?? brief.title),
    to: prose(brief.to),
    from: prose(brief.from),
    as_of: brief.as_of,
    author: prose(brief.author),
    language: brief.language,
    keywords: (brief.keywords ?? []).map(prose),
    summary: (brief.summary ?? []).map((s) => {
      const cs = claims(s.claims);
      return { text: prose(s.text), claims: cs, sources: sourcesOf(cs) };
    }),
  };
}

/** The meeting: dates, place, level, hosts and chairs, who came and who did not. */
function meetingView(
  scope: Scope,
  { actor, person }: Resolve,
  personView: Map<string, PersonView>,
): Omit<View['meeting'], 'delegations'> {
  const {
    data: { meeting },
    labels,
    prose,
  } = scope;
  return {
    name: prose(meeting.name),
    fictional: meeting.fictional ?? false,
    ...meetingDates(meeting, labels),
    place: place(meeting.place, scope),
    format: prose(meeting.format),
    level: meeting.level,
    level_label: own(labels.levels, meeting.level) ?? prose(meeting.level),
    first_at_level: meeting.first_at_level ?? false,
    first_at_level_sources: [...(meeting.first_at_level_sources ?? [])],
    hosts: meeting.hosts.map(actor),
    chairs: (meeting.chairs ?? []).map(person),
    participants: countView(meeting.participants, scope),
    purpose: prose(meeting.purpose),
    // Each absentee is its own object (the actor's fields, copied), so that --check can tell an absence printed from the actor's name printed elsewhere.
    absent: (meeting.absent ?? []).map((id) => ({ ...actor(id) })),
    absent_sources: [...(meeting.absent_sources ?? meeting.sources)],
    attendees: [...personView.values()].filter((p) => p.attended),
    sources: [...meeting.sources],
  };
}

/** The vocabulary as the templates name it: categories by id, topics, role words. */
function vocabularyView({ vocabulary, category }: Scope): View['vocabulary'] {
  return {
    categories: Object.fromEntries([...vocabulary.categories.keys()].map((c) => [c, category(c)])),
    topics: vocabulary.topics.map((t) => ({ id: t.id, heading: md(t.heading), question: md(t.question) })),
    roles: Object.fromEntries([...vocabulary.roles].map(([id, w]) => [id, md(w)])),
  };
}

/** The conditions of a group's answers, each given once with every actor that sets it: "France and the UK: if the mandate is clear" (a sentence of its own, so "The UK and France: …"). */
export function sharedConditions(cells: { actor: ActorView; cell: CellView }[]): string[] {
  const by = new Map<string, ActorView[]>();
  for (const { actor, cell } of cells)
    if (cell.condition) by.set(cell.condition, [...(by.get(cell.condition) ?? []), actor]);
  // A condition every actor of the group sets needs no names: the group's line already gives them.
  return [...by].map(([condition, actors]) =>
    actors.length === cells.length
      ? condition
      : capitalFirst(`${listNames(actors.map((a) => a.the_short_name))}: ${condition}`),
  );
}

function listNames(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

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

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
    Object.freeze(value);
  }
  return value;
}
