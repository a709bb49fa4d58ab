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
import { CATEGORY_LABELS, CLAIM_KIND_LABELS, LEVEL_LABELS, QUALIFIER_WORDS, TOPIC_LABELS, ukDate } from './labels.js';

export interface ActorView {
  id: string; name: string;
  /** The name as it stands inside a sentence: "the United Kingdom", "France". */
  the_name: string;
  short_name: string; kind: string; iso: string | null; role: string; note: string | null }
export interface PersonView {
  id: string; name: string; native_name: string | null; role: string; actor: ActorView;
  attended: boolean; sources: string[]; variants: { spelling: string; kind: string | null; sources: string[] }[];
  /** "Defence Secretary John Healey (United Kingdom)" style: role and name. */
  title: string;
}
export interface SourceView {
  id: string; file: string; title: string; has_headline: boolean; kind: string; outlet: string | null; byline: string | null;
  date: string | null; date_text: string | null; dateline: string | null; url: string | null; link: string | null;
  reliability: string | null; notes: string[];
  /** The endnote text: title, outlet/byline, date, file name. */
  citation: string;
}
export interface CountView { value: number; qualifier: string; unit: string; text: string; sources: string[] }
export interface PlaceView {
  venue: string | null; city: string; country: string | null;
  /** "NATO headquarters, Brussels" */
  text: string;
  /** "at NATO headquarters in Brussels" or "in Tallinn" */
  where: string;
}
export interface QuoteView { id: string; speaker: PersonView; text: string; context: string; medium: string | null; sources: string[] }
export interface ClaimView { id: string; kind: string; kind_label: string; topic: Topic; text: string; speaker: PersonView | null; actor: ActorView | null; sources: string[] }
export interface CellView {
  dimension: { id: string; label: string };
  category: CategoryView;
  stated: boolean;
  condition: string | null;
  /** The condition with what it is about, for a note away from its cell: "Greece, troop contribution: …". */
  condition_note: string | null;
  speaker: PersonView | null;
  sources: string[];
}
export interface PositionView {
  actor: ActorView; summary: string | null; key_quote: QuoteView | null; cells: CellView[];
  /** The cells with a stated answer (not not_stated or not_applicable). */
  stated_cells: CellView[];
  sources: string[];
}

export interface View {
  brief: {
    title: string; subject: string; to: string; from: string; as_of: string; author: string; language: string; keywords: string[];
    summary: { text: string; claims: ClaimView[]; sources: string[] }[];
  };
  meeting: {
    name: string; fictional: boolean; date: string; place: PlaceView; format: string; level: string; level_label: string;
    first_at_level: boolean; first_at_level_sources: string[]; hosts: ActorView[]; chairs: PersonView[]; participants: CountView; purpose: string;
    absent: ActorView[]; attendees: PersonView[]; sources: string[];
  };
  marking: string;
  sources: SourceView[];
  actors: ActorView[];
  people: PersonView[];
  dimensions: {
    id: string; label: string; question: string; categories: CategoryView[];
    /** The stated answers grouped by category, in category order: who said what. */
    groups: { category: CategoryView; actors: ActorView[]; sources: string[] }[];
  }[];
  positions: PositionView[];
  quotes: QuoteView[];
  claims: ClaimView[];
  /** Claims marked key: true, in dataset order: the memo's key points. */
  key_points: ClaimView[];
  topics: Record<Topic, ClaimView[]>;
  topic_labels: Record<Topic, string>;
  open_questions: { id: string; topic: string; question: string; detail: string; raised_by: ActorView[]; claims: ClaimView[]; sources: string[] }[];
  events: EventView[];
  preceding_events: EventView[];
  following_events: EventView[];
  discrepancies: DiscrepancyView[];
  unresolved_discrepancies: DiscrepancyView[];
  resolved_discrepancies: DiscrepancyView[];
  /** Stances whose category is "no", with their actors: who declined what. */
  declined: ActorCell[];
  /** Stances that are open, undecided or depend on something. */
  hesitant: ActorCell[];
  /** The categories the matrix uses, in the order of the category list, for its legend. */
  legend: CategoryView[];
  counts: { sources: number; claims: number; quotes: number; actors: number; people: number; positions: number };
}

export interface ActorCell { actor: ActorView; cell: CellView; sources: string[] }

export interface EventView {
  id: string; name: string; when: string; when_text: string; when_note: string | null; relation: string;
  place: PlaceView | null; chairs: ActorView[]; convener: PersonView | null; attendance: CountView | null;
  summary: string; notes: string[]; claims: ClaimView[]; sources: string[];
}
export interface DiscrepancyView {
  id: string; topic: string; kind: string; variants: { value: string; sources: string[] }[]; resolution: string;
  status: string; resolved: boolean; person: PersonView | null; claims: ClaimView[]; sources: string[];
}

const TOPICS: Topic[] = ['meeting', 'planning', 'force', 'positions', 'us_role', 'context', 'next_steps'];

/** Text in a language the data names: an attribute span, so that every format can tag it (PDF Lang, Word w:lang). */
function inLanguage(text: string, lang: string | undefined): string {
  return lang ? `<span lang="${lang}">${text}</span>` : text;
}

export function buildView(data: Dataset, theme: Theme): View {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

  const actorView = new Map(data.actors.map((a) => [a.id, {
    id: a.id, name: md(a.name), the_name: md(withArticle(a.name)), short_name: md(a.short_name ?? a.name), kind: a.kind, iso: a.iso ?? null, role: a.role, note: a.note ? md(a.note) : null,
  } satisfies ActorView]));
  const actor = (id: string) => actorView.get(id)!;

  const personView = new Map(data.people.map((p: Person) => {
    const a = actor(p.actor);
    return [p.id, {
      id: p.id, name: md(p.name), native_name: p.native_name ? inLanguage(md(p.native_name), p.native_lang) : null, role: md(p.role), actor: a,
      attended: p.attended ?? false, sources: [...p.sources],
      variants: (p.variants ?? []).map((v) => ({ spelling: md(v.spelling), kind: v.kind ?? null, sources: [...v.sources] })),
      title: `${md(p.role)} ${md(p.name)}`,
    } satisfies PersonView];
  }));
  const person = (id: string) => personView.get(id)!;

  const category = (id: Category): CategoryView => categoryView(id, theme);

  const claimView = new Map(data.claims.map((c: Claim) => [c.id, {
    id: c.id, kind: c.kind, kind_label: CLAIM_KIND_LABELS[c.kind], topic: c.topic, text: md(c.text),
    speaker: c.speaker ? person(c.speaker) : null, actor: c.actor ? actor(c.actor) : null, sources: [...c.sources],
  } satisfies ClaimView]));
  const claims = (ids: string[] | undefined) => (ids ?? []).map((id) => claimView.get(id)!);
  const sourcesOf = (items: { sources: string[] }[]) => unique(items.flatMap((i) => i.sources));

  const quoteView = new Map(data.quotes.map((q: Quote) => [q.id, {
    id: q.id, speaker: person(q.speaker), text: inLanguage(md(q.text), q.lang), context: md(q.context), medium: q.medium ?? null, sources: [...q.sources],
  } satisfies QuoteView]));

  const positions: PositionView[] = data.positions.map((p) => {
    const cells = data.dimensions.map((dim): CellView => {
      const s = p.stances[dim.id]!;
      return {
        dimension: { id: dim.id, label: md(dim.label) },
        category: category(s.value),
        stated: s.value !== 'not_stated' && s.value !== 'not_applicable',
        condition: s.condition ? md(s.condition) : null,
        condition_note: s.condition ? `${actor(p.actor).name}, ${md(/^[A-Z][a-z]/.test(dim.label) ? dim.label.charAt(0).toLowerCase() + dim.label.slice(1) : dim.label)}: ${md(s.condition)}` : null,
        speaker: s.speaker ? person(s.speaker) : null,
        sources: [...(s.sources ?? [])],
      };
    });
    return {
      actor: actor(p.actor), summary: p.summary ? md(p.summary) : null,
      key_quote: p.key_quote ? quoteView.get(p.key_quote)! : null, cells, stated_cells: cells.filter((c) => c.stated),
      sources: unique([...sourcesOf(cells), ...(p.key_quote ? quoteView.get(p.key_quote)!.sources : [])]),
    };
  }).sort((a, b) => byName(a.actor, b.actor));

  const events: EventView[] = (data.events ?? []).map((e) => ({
    id: e.id, name: md(e.name), when: e.when, when_text: ukDate(e.when), when_note: e.when_note ? md(e.when_note) : null,
    relation: e.relation, place: e.place ? place(e.place) : null, chairs: (e.chairs ?? []).map(actor),
    convener: e.convener ? person(e.convener) : null, attendance: e.attendance ? count(e.attendance) : null,
    summary: md(e.summary), notes: (e.notes ?? []).map(md), claims: claims(e.claims), sources: [...e.sources],
  })).sort((a, b) => a.when.localeCompare(b.when));

  const discrepancies: DiscrepancyView[] = (data.discrepancies ?? []).map((d) => ({
    id: d.id, topic: md(d.topic), kind: d.kind, variants: d.variants.map((v) => ({ value: md(v.value), sources: [...v.sources] })),
    resolution: md(d.resolution), status: d.status, resolved: d.status === 'resolved',
    person: d.person ? person(d.person) : null, claims: claims(d.claims), sources: sourcesOf(d.variants),
  }));

  const topics = Object.fromEntries(TOPICS.map((t) => [t, [] as ClaimView[]])) as unknown as Record<Topic, ClaimView[]>;
  for (const c of claimView.values()) topics[c.topic].push(c);

  const allCells: ActorCell[] = positions.flatMap((p) => p.cells.map((cell) => ({ actor: p.actor, cell, sources: cell.sources })));
  const used = new Set(allCells.map((c) => c.cell.category.id));
  const legend = (Object.keys(CATEGORY_LABELS) as Category[]).filter((c) => used.has(c)).map(category);

  const { brief, meeting } = data;
  const view: View = {
    brief: {
      title: md(brief.title), subject: md(brief.subject ?? brief.title), to: md(brief.to), from: md(brief.from),
      as_of: brief.as_of, author: md(brief.author), language: brief.language, keywords: (brief.keywords ?? []).map(md),
      summary: (brief.summary ?? []).map((s) => {
        const cs = claims(s.claims);
        return { text: md(s.text), claims: cs, sources: sourcesOf(cs) };
      }),
    },
    meeting: {
      name: md(meeting.name), fictional: meeting.fictional ?? false, date: meeting.date, place: place(meeting.place),
      format: md(meeting.format), level: meeting.level, level_label: own(LEVEL_LABELS, meeting.level) ?? md(meeting.level),
      first_at_level: meeting.first_at_level ?? false, first_at_level_sources: [...(meeting.first_at_level_sources ?? [])], hosts: meeting.hosts.map(actor), chairs: (meeting.chairs ?? []).map(person),
      participants: count(meeting.participants), purpose: md(meeting.purpose), absent: (meeting.absent ?? []).map(actor),
      attendees: [...personView.values()].filter((p) => p.attended), sources: [...meeting.sources],
    },
    marking: md(theme.marking),
    sources: data.sources.map(sourceView),
    actors: [...actorView.values()].sort(byName),
    people: [...personView.values()].sort(byName),
    dimensions: data.dimensions.map((d) => ({
      id: d.id, label: md(d.label), question: md(d.question), categories: d.categories.map(category),
      groups: d.categories.map((c) => {
        const cells = positions.map((p) => ({ actor: p.actor, cell: p.cells.find((x) => x.dimension.id === d.id)! })).filter((x) => x.cell.category.id === c && x.cell.stated);
        return { category: category(c), actors: cells.map((x) => x.actor), sources: sourcesOf(cells.map((x) => x.cell)) };
      }).filter((g) => g.actors.length > 0),
    })),
    positions,
    quotes: [...quoteView.values()],
    claims: [...claimView.values()],
    key_points: data.claims.filter((c) => c.key).map((c) => claimView.get(c.id)!),
    topics,
    topic_labels: { ...TOPIC_LABELS },
    open_questions: (data.open_questions ?? []).map((q) => ({
      id: q.id, topic: md(q.topic), question: md(q.question), detail: md(q.detail),
      raised_by: (q.raised_by ?? []).map(actor), claims: claims(q.claims), sources: [...q.sources],
    })),
    events,
    preceding_events: events.filter((e) => e.relation === 'preceding'),
    following_events: events.filter((e) => e.relation === 'following'),
    discrepancies,
    unresolved_discrepancies: discrepancies.filter((d) => !d.resolved),
    resolved_discrepancies: discrepancies.filter((d) => d.resolved),
    declined: allCells.filter((c) => c.cell.category.id === 'no'),
    hesitant: allCells.filter((c) => ['open', 'undecided', 'depends'].includes(c.cell.category.id)),
    legend,
    counts: {
      sources: data.sources.length, claims: data.claims.length, quotes: data.quotes.length,
      actors: data.actors.length, people: data.people.length, positions: data.positions.length,
    },
  };
  return deepFreeze(view);
}

function place(p: Place): PlaceView {
  const parts = [p.venue, p.city].filter((x): x is string => !!x).map(md);
  const text = parts.join(', ');
  return { venue: p.venue ? md(p.venue) : null, city: md(p.city), country: p.country ?? null, text, where: p.venue ? `at ${md(p.venue)} in ${md(p.city)}` : `in ${md(p.city)}` };
}

function count(c: Count): CountView {
  const q = own(QUALIFIER_WORDS, c.qualifier) ?? '';
  return { value: c.value, qualifier: c.qualifier, unit: md(c.unit), text: `${q ? q + ' ' : ''}${c.value.toLocaleString('en-GB')} ${md(c.unit)}`, sources: [...c.sources] };
}

function sourceView(s: Source): SourceView {
  const by = [s.outlet, s.byline].filter((x): x is string => !!x).map(md).join(', ');
  const date = s.date ? ukDate(s.date) : null;
  const title = md(s.title);
  const shownTitle = s.has_headline === false ? title : `“${title}”`;
  const citation = `${[shownTitle, by || null, date ?? 'undated'].filter(Boolean).join(', ')}; file ${md(s.file)}.`;
  return {
    id: s.id, file: md(s.file), title, has_headline: s.has_headline ?? true, kind: s.kind,
    outlet: s.outlet ? md(s.outlet) : null, byline: s.byline ? md(s.byline) : null,
    date: s.date ?? null, date_text: date, dateline: s.dateline ? md(s.dateline) : null,
    url: s.url ? md(s.url) : null, link: s.url ? mdUrl(s.url) : null,
    reliability: s.reliability ?? null, notes: (s.notes ?? []).map(md), citation,
  };
}

/** "the United Kingdom", "the Netherlands", "the European Union"; "France". */
function withArticle(name: string): string {
  if (/^(the|The) /.test(name)) return name;
  const takesThe = /^(United |Netherlands|European |North Atlantic|Russian Federation|Czech Republic|Philippines|Gambia|Bahamas|Holy See|Vatican)/.test(name)
    || /\b(Republic|Kingdom|Union|Organi[sz]ation|Islands|Emirates|States|Group|Council|Commission|Alliance)$/.test(name);
  return takesThe ? `the ${name}` : name;
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
