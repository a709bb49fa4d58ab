/** The shape of the view templates see (src/view/shape.ts declares the same for the field check; a test keeps them equal). */
import type { Topic } from '../data/types.js';
import type { CategoryView } from './category.js';

export type { CategoryView } from './category.js';

export interface ActorView {
  id: string;
  /** The full name, as in official lists: "Republic of Malta". */
  name: string;
  /** The name as it stands inside a sentence: "the United Kingdom", "France" (the dataset's name_in_sentence, else the_short_name). */
  the_name: string;
  /** "the United Kingdom's", "the Netherlands'": for a person's role in a sentence. */
  the_names: string;
  short_name: string;
  /** The short name as it stands in a sentence or list: "the UK", "the Netherlands", "France", "NATO" (see records.ts shortInSentence). */
  the_short_name: string;
  kind: string;
  iso: string | null;
  role: string;
  /** The role as the vocabulary words it: "host", "observer". */
  role_word: string;
  note: string | null;
  /** Who came for the actor and how (actors[].delegation), or null when the dataset does not say. */
  delegation: DelegationView | null;
  /** The official name in the state's own script, tagged with its language (actors[].native_name, native_lang), or null. */
  native_name: string | null;
}
/** A delegation: its level in the document's words, who led it, and whether it took part by video. */
export interface DelegationView {
  /** The level id and how it reads for one delegation ("head of state"), and the level it is counted under ("head of state or government"). */
  level: string;
  level_word: string;
  group: string;
  /** The leader's name and "President Vladimir Putin" (role and name), or null when the dataset names no leader. */
  leader_name: string | null;
  leader_title: string | null;
  /** true when the delegation took part by video (its own remote, or its leader's attended: remote). */
  remote: boolean;
  /** The leader's sources. */
  sources: string[];
}
/** Delegations counted by level (only when some actor has a delegation). */
export interface DelegationsView {
  /** How many delegations: actors with a delegation, and hosts and participants without one (at the meeting's level). */
  total: number;
  levels: { id: string; group: string; count: number; count_text: string; actors: ActorView[] }[];
  /** Delegations that took part by video. */
  remote: ActorView[];
  /** The sentence: "31 delegations: 18 at head of state or government level, …; one took part by video: …". */
  text: string;
  sources: string[];
}
export interface VariantView {
  spelling: string;
  kind: string | null;
  sources: string[];
  /** A sentence that says how many reports write it so: "Every report writes it “Takeshi Iwaya”." */
  sentence: string;
}
export interface PersonView {
  id: string;
  name: string;
  native_name: string | null;
  role: string;
  actor: ActorView;
  /** At the meeting in person (attended: true). */
  attended: boolean;
  /** Took part by video (attended: remote). */
  remote: boolean;
  /** Every source that names them: the person's, those printing native_name, and each variant's, so that a variant's sentence can be traced. */
  sources: string[];
  variants: VariantView[];
  /** Role and name: "Defence Secretary John Healey". */
  title: string;
  /** Whose role, then the name, for a sentence: "Malta's Minister for Transport, Ġorġ Żammit". */
  described: string;
  /** "given_first" or "family_first": the order name is written in. */
  name_order: string;
  /** The sources that print native_name (also in sources). */
  native_name_sources: string[];
  /** The key lists sort by ("Fuente"); the dataset's short_reference ("Prince Faisal") or null; what {{mention}} prints after the first mention (the short reference, else "de la Fuente", "Faisal bin Farhan"). */
  sort_as: string;
  short_reference: string | null;
  after_first: string;
}
export interface SourceView {
  id: string;
  file: string;
  title: string;
  has_headline: boolean;
  kind: string;
  outlet: string | null;
  byline: string | null;
  date: string | null;
  date_text: string | null;
  /** How the date is known: report, url or curator (report where the dataset does not say); null without a date. */
  date_basis: string | null;
  dateline: string | null;
  url: string | null;
  link: string | null;
  reliability: string | null;
  notes: string[];
  /** The language the source is written in (sources[].lang), or null; its title is tagged with it. */
  lang: string | null;
  /** The endnote text: title, outlet, byline, date and link (never the file name). */
  citation: string;
}
export interface CountView {
  value: number;
  qualifier: string;
  unit: string;
  text: string;
  sources: string[];
}
export interface PlaceView {
  /** The city, or null for a place that is a country alone; country_name is the country's name ("South Africa") when the place gives one. */
  venue: string | null;
  city: string | null;
  country: string | null;
  country_name: string | null;
  /** The curator's free description (place.description), or null; text and where end with it in brackets. */
  description: string | null;
  /** "NATO headquarters, Brussels" */
  text: string;
  /** "at NATO headquarters in Brussels" or "in Tallinn" */
  where: string;
}
export interface QuoteView {
  /** The speaker: a person, or an actor (a ministry, a joint statement) shown as one, its name the actor's short name. */
  id: string;
  speaker: PersonView;
  text: string;
  context: string;
  medium: string | null;
  /** The quote's sources, and the report that gave its translation. */
  sources: string[];
  /** Whether the speaker is an actor (a ministry, a joint statement) rather than a person. */
  speaker_is_actor: boolean;
  /** The gloss in the brief's language, who made it (source, curator) and the source id that gave it; null without a translation. */
  translation: string | null;
  translation_by: string | null;
  translation_source: string | null;
  /** The gloss as printed after the speaker: "our translation: “…”", "translated by Reuters: “…”". */
  gloss: string | null;
  /** Long enough to dominate a matrix row: the matrix lists it after the table, by number. */
  long: boolean;
  /** The date of the first report that carries it ("12 November 2025"), null when that report is undated. */
  date_text: string | null;
  /** Its number in the matrix's list of long key quotations (0 when it is not one). */
  number: number;
}
export interface ClaimView {
  id: string;
  kind: string;
  kind_label: string;
  topic: Topic;
  text: string;
  speaker: PersonView | null;
  actor: ActorView | null;
  sources: string[];
}
export interface CellView {
  dimension: { id: string; label: string; short_label: string };
  category: CategoryView;
  stated: boolean;
  condition: string | null;
  /** The condition with what it is about, for a note away from its cell: "Greece, troop contribution: …"; one note for every cell that sets the same condition ("Greece and Italy, troop contribution: …"), a column named as one when an actor has its name (view/conditions.ts). */
  condition_note: string | null;
  speaker: PersonView | null;
  sources: string[];
  /** Changed since the earlier version (--since): its answer or its condition. */
  changed: boolean;
  /** The earlier answer, when the answer changed. */
  was: CategoryView | null;
  /** For a note away from the cell: "France, Troop contribution: was Undecided in version 1.0 of 10 April 2025". */
  was_note: string | null;
}
export interface PositionView {
  actor: ActorView;
  summary: string | null;
  key_quote: QuoteView | null;
  cells: CellView[];
  /** The cells with a stated answer (not not_stated or not_applicable). */
  stated_cells: CellView[];
  sources: string[];
}

/** Document control: the dataset's control section, worded for the document. */
export interface ControlView {
  version: string;
  /** draft, final or superseded. */
  status: string;
  /** The status in the document's words: "Draft". */
  status_word: string;
  /** As written (RFC 3339), its day in the time zone shown, and as printed: "11 April 2025, 09:30 CEST". */
  as_of: string;
  as_of_date: string;
  as_of_text: string;
  time_zone: string | null;
  author: string;
  reviewer: string | null;
  approver: string | null;
  superseded_by: string | null;
  /** Oldest first; current marks this version's own entry. */
  history: { version: string; date: string; change: string; current: boolean }[];
  /** For the header band: "Version 2.0, Draft". */
  band: string;
  /** DRAFT or SUPERSEDED, or null for a final version. */
  watermark: string | null;
}

/** One change since the earlier version. */
export interface ChangeView {
  /** The dataset section: claims, positions, quotes... */
  section: string;
  section_label: string;
  /** The item's id (a position's "actor/dimension"). */
  id: string;
  /** added, removed or changed; kind_word as printed: New, Withdrawn, Changed. */
  kind: string;
  kind_word: string;
  /** What the item is, in words: a claim's text, "France, Troop contribution". */
  subject: string;
  /** For a changed item, each field: what it was and is now, and a phrase saying so. */
  fields: { field: string; was: string; now: string; text: string }[];
  /** The whole change as a sentence: "Changed: France, Troop contribution: now Leading (was: Undecided)." */
  text: string;
  /** What backs it: the item's sources (a withdrawn item's, as they were). */
  sources: string[];
}

/** What changed since an earlier version of the dataset (--since). */
export interface ChangesView {
  /** "version 1.0 of 10 April 2025" or "the version of 10 April 2025". */
  since: string;
  /** No changes at all. */
  none: boolean;
  count: number;
  count_text: string;
  added: number;
  removed: number;
  changed: number;
  /** "one new, one changed, one withdrawn": the counts in words, kinds with none left out. */
  breakdown_text: string;
  items: ChangeView[];
  /** The items by section, in a fixed order, sections with changes only. */
  sections: { id: string; heading: string; items: ChangeView[] }[];
  /** Whether any matrix cell changed its answer or condition (the matrix legend's mark). */
  cells_changed: boolean;
  /** Sources that only the earlier version had: withdrawn items cite them. */
  old_sources: SourceView[];
}

export interface View {
  /** What changed since the earlier version given with --since, or null. */
  changes: ChangesView | null;
  /** Document control, or null when the dataset has none. */
  control: ControlView | null;
  brief: {
    title: string;
    subject: string;
    to: string;
    from: string;
    as_of: string;
    author: string;
    language: string;
    keywords: string[];
    /** brief.short_title, for running heads; null when the dataset gives none. */
    short_title: string | null;
    summary: { text: string; claims: ClaimView[]; sources: string[] }[];
  };
  meeting: {
    name: string;
    fictional: boolean;
    /** As written: a day, or a range of days (2025-11-11/2025-11-12); {{date meeting.date}} prints either. */
    date: string;
    /** The days in the document's language: "11–12 November 2025". */
    date_text: string;
    /** The first and last day (the same for a one-day meeting), and how many days it ran. */
    start: string;
    end: string;
    days: number;
    /** When it began on its first day (HH:MM), its IANA time zone, and the two in words: "20:30 (Toronto time)". */
    time: string | null;
    time_zone: string | null;
    time_text: string | null;
    place: PlaceView;
    format: string;
    level: string;
    level_label: string;
    first_at_level: boolean;
    first_at_level_sources: string[];
    hosts: ActorView[];
    chairs: PersonView[];
    participants: CountView;
    purpose: string;
    /** Notable absentees (meeting.absent), and the sources that say so (absent_sources, else the meeting's). */
    absent: ActorView[];
    absent_sources: string[];
    attendees: PersonView[];
    sources: string[];
    delegations: DelegationsView | null;
  };
  marking: string;
  sources: SourceView[];
  actors: ActorView[];
  people: PersonView[];
  dimensions: {
    id: string;
    label: string;
    /** The column heading for a narrow matrix (the label where the dataset gives none). */
    short_label: string;
    question: string;
    categories: CategoryView[];
    /** The categories this question gives a meaning of its own: "Undecided: wants the mission defined first". */
    meanings: CategoryView[];
    /** The stated answers grouped by category, in category order: who said what. */
    groups: {
      category: CategoryView;
      actors: ActorView[];
      /** The answers' conditions, each given once with the actors that set it: "France and Germany: …". */
      conditions: string[];
      sources: string[];
    }[];
  }[];
  positions: PositionView[];
  /** The dimensions at least one actor answers (a column where every cell is silent says nothing). */
  matrix_dimensions: View['dimensions'];
  /** Who took part (not a text, not the absent); what a matrix with no questions, or no positions, says (view/delegations.ts). */
  taking_part: ActorView[];
  no_questions: { text: string; taking_part: string | null } | null;
  no_positions: string | null;
  /** The long key quotations, numbered, for a list after the matrix. */
  long_quotes: QuoteView[];
  /** Whether any actor has a key quotation (else the matrix drops the column). */
  has_key_quotes: boolean;
  quotes: QuoteView[];
  /** Quotations whose speaker is an actor of kind document: what a joint statement or communiqué says. */
  statements: QuoteView[];
  /** Every other quotation, in the dataset's order: what people and ministries said, for the FAQ's "in their own words". */
  remarks: QuoteView[];
  claims: ClaimView[];
  /** Claims marked key: true, in dataset order: the memo's key points. */
  key_points: ClaimView[];
  /** Claims by topic id: every topic of the vocabulary (and Brief's) is present, empty or not. */
  topics: Record<Topic, ClaimView[]>;
  topic_labels: Record<Topic, string>;
  /** The topics that have claims, in the vocabulary's order, with their heading and FAQ question. */
  topic_sections: TopicSection[];
  /** The same, less the meeting and next steps, which the FAQ answers in sections of their own. */
  faq_topics: TopicSection[];
  open_questions: {
    id: string;
    topic: string;
    question: string;
    detail: string;
    raised_by: ActorView[];
    claims: ClaimView[];
    sources: string[];
  }[];
  events: EventView[];
  preceding_events: EventView[];
  following_events: EventView[];
  /** Events after the meeting that the brief's date has passed (not pending): told in the past, "Since the meeting". */
  since_events: EventView[];
  /** Events after the meeting still to come at the brief's date (in date order), then those due but pending (in date order). */
  next_events: EventView[];
  /** The next_steps topic's claims that no event after the meeting cites: an event tells the claim it cites, so a list after the events leaves it out. */
  next_step_claims: ClaimView[];
  /** The parts of the meeting (relation: during): sessions, dinners, press conferences, in time order. */
  during_events: EventView[];
  discrepancies: DiscrepancyView[];
  unresolved_discrepancies: DiscrepancyView[];
  resolved_discrepancies: DiscrepancyView[];
  /** Stated answers whose category the vocabulary calls a refusal (stance: refusal; Brief's "no"): who declined what. */
  declined: ActorCell[];
  /** Stated answers whose category the vocabulary calls undecided or conditional (Brief's open, undecided, depends). */
  hesitant: ActorCell[];
  /** The questions with answers no such framing covers (no stance: a category a question words its own way), each with those answers grouped by category. */
  answers_by_question: (View['dimensions'][number] & { sources: string[] })[];
  /** The same answers grouped by actor: who declined what, who is still deciding what. */
  declined_by_actor: ActorCells[];
  hesitant_by_actor: ActorCells[];
  /** The categories the matrix uses, in the order of the category list, for its legend. */
  legend: CategoryView[];
  /** For each question whose cells use words of its own, those categories with its words and meanings. */
  legend_by_question: { id: string; label: string; short_label: string; categories: CategoryView[] }[];
  /** The dataset's words: every category (by id), topic and role it may use. */
  vocabulary: {
    categories: Record<string, CategoryView>;
    topics: { id: string; heading: string; question: string }[];
    roles: Record<string, string>;
  };
  counts: { sources: number; claims: number; quotes: number; actors: number; people: number; positions: number };
}

export interface ActorCell {
  actor: ActorView;
  cell: CellView;
  sources: string[];
}
export interface ActorCells {
  actor: ActorView;
  cells: CellView[];
  sources: string[];
}
export interface TopicSection {
  id: string;
  heading: string;
  question: string;
  claims: ClaimView[];
  sources: string[];
}

export interface EventView {
  id: string;
  name: string;
  when: string;
  when_text: string;
  when_note: string | null;
  relation: string;
  /** The day without its year ("11 November"), or null when the event has no single day; the time with its zone ("20:52 (Toronto time)"), or null. */
  day_text: string | null;
  time: string | null;
  time_text: string | null;
  place: PlaceView | null;
  chairs: ActorView[];
  convener: PersonView | null;
  attendance: CountView | null;
  summary: string;
  notes: string[];
  claims: ClaimView[];
  sources: string[];
  /** What happened (the dataset's outcome, in the past tense), or null. */
  outcome: string | null;
  /** Whether the brief's date (brief.as_of) has passed the last day the event could fall on; pending: due, but not known to have happened. */
  past: boolean;
  pending: boolean;
}
export interface DiscrepancyView {
  id: string;
  topic: string;
  kind: string;
  resolution: string;
  /** What the heading says of it: "reports differ", "sources differ" (one of them is not a report), "disputed" (kind attribution: parties disagree). */
  differ: string;
  /** Each variant with how many reports give it ("two reports") and its part of the sentence, worded for the discrepancy's kind ("Reports describe it as …;", "as …."). */
  variants: { value: string; sources: string[]; reports: string; text: string }[];
  status: string;
  resolved: boolean;
  person: PersonView | null;
  claims: ClaimView[];
  sources: string[];
}
