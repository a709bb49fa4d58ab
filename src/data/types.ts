/**
 * The dataset's TypeScript shape. It mirrors data/schema/brief.schema.json,
 * which is the reference for dataset authors; a value of this type has
 * passed that schema and the reference checks.
 */

/** What an answer says, when the vocabulary says it: the only framings the documents put on an answer. */
export type AnswerStance = 'support' | 'refusal' | 'undecided' | 'conditional';

/** An answer category id: one of Brief's or one the dataset's vocabulary declares. */
export type Category = string;

/** Where something happened: a city, or a country alone ("in South Africa"); a venue and a free description may add to either. */
export interface Place {
  venue?: string;
  city?: string;
  country?: string;
  description?: string;
}
export interface Count {
  value: number;
  qualifier: 'exact' | 'about' | 'at_least' | 'up_to';
  unit: string;
  sources: string[];
}

export interface VocabularyInput {
  topics?: { id: string; heading: string; question?: string }[];
  categories?: Record<
    string,
    { word?: string; meaning?: string; symbol?: string; like?: string; stance?: AnswerStance; tone?: string }
  >;
  roles?: Record<string, { word: string }>;
  /** Handling markings, lowest first. */
  markings?: MarkingWords[];
  /** Delegation levels beyond Brief's (head_of_state, head_of_government, minister, official), or Brief's in other words. */
  levels?: Record<string, { word?: string; group?: string }>;
}

/** A handling marking: its id, how the bands print it, its portion mark ("OS"). */
export interface MarkingWords {
  id: string;
  word: string;
  portion?: string;
}

/** Who a variant is for: every item marked up to `up_to`, nothing above. */
export interface Audience {
  id: string;
  name: string;
  up_to: string;
}

/** What an item may carry: a vocabulary.markings id (brief.marking when left out). */
export interface Marked {
  marking?: string;
}

export interface Dataset {
  schema_version: 1 | 2;
  vocabulary?: VocabularyInput;
  brief: {
    title: string;
    /** A shorter title for running heads. */
    short_title?: string;
    subject?: string;
    to: string;
    from: string;
    as_of: string;
    author: string;
    language: string;
    keywords?: string[];
    summary?: { text: string; claims: string[]; marking?: string }[];
    /** The marking of every item that carries none. */
    marking?: string;
  };
  audiences?: Audience[];
  control?: Control;
  meeting: {
    name: string;
    fictional?: boolean;
    /** A day, or the first and last day of a meeting over several days: 2025-11-11/2025-11-12. */
    date: string;
    /** HH:MM, when the meeting began on its first day, in time_zone. */
    time?: string;
    /** IANA name: the zone of time and of the times of events during the meeting. */
    time_zone?: string;
    /** The name printed for time_zone in place of CLDR's ("Brasília time"). */
    time_zone_name?: string;
    place: Place;
    format: string;
    level: string;
    first_at_level?: boolean;
    first_at_level_sources?: string[];
    hosts: string[];
    chairs?: string[];
    participants: Count;
    purpose: string;
    absent?: string[];
    /** Sources that report who was absent (meeting.sources when left out). */
    absent_sources?: string[];
    sources: string[];
  };
  sources: Source[];
  actors: Actor[];
  people: Person[];
  /** The matrix's questions; [] for a meeting whose reports compare no positions (left out in the file, filled in by the check). */
  dimensions: Dimension[];
  /** [] when no positions are recorded, as it must be when there are no dimensions. */
  positions: Position[];
  quotes: Quote[];
  claims: Claim[];
  open_questions?: OpenQuestion[];
  events?: Event[];
  discrepancies?: Discrepancy[];
}

export interface Source extends Marked {
  id: string;
  file: string;
  title: string;
  has_headline?: boolean;
  kind: string;
  outlet?: string;
  byline?: string;
  /** A day, or as precisely as known: part of a month (2025-11-late), a month, a year. */
  date?: string;
  /** How the date is known: the text prints it, the address carries it, or the curator dated it. */
  date_basis?: 'report' | 'url' | 'curator';
  dateline?: string;
  url?: string;
  reliability?: 'high' | 'medium' | 'low';
  notes?: string[];
  /** The language of the text (BCP 47), so that its headline is tagged with it. */
  lang?: string;
}

export interface Actor {
  id: string;
  name: string;
  short_name?: string;
  name_in_sentence?: string;
  /** The short name as it stands in a sentence or list: "the UK", "NATO". */
  short_name_in_sentence?: string;
  /** document: a joint statement or communiqué, held as an actor so that it can be quoted. */
  kind: 'state' | 'organisation' | 'document';
  iso?: string;
  role: string;
  note?: string;
  /** Who came for the actor and how: at which level, led by whom, by video or not. */
  delegation?: Delegation;
  /** The official name in the state's own script and language (Российская Федерация), with its BCP 47 tag. */
  native_name?: string;
  native_lang?: string;
}

export interface Delegation {
  /** An id of vocabulary.levels (head_of_state, head_of_government, minister, official, or the dataset's own). */
  level: string;
  /** The person id of who led it (a person of this actor). */
  led_by?: string;
  /** true when the delegation took part by video. */
  remote?: boolean;
}

export interface Person extends Marked {
  id: string;
  name: string;
  family_name?: string;
  /** The key lists sort by, where the default (view/names.ts) is wrong. */
  sort_as?: string;
  /** The name after the first mention: "Prince Faisal". */
  short_reference?: string;
  name_order?: 'given_first' | 'family_first';
  native_name?: string;
  native_lang?: string;
  /** Sources that print native_name. */
  native_name_sources?: string[];
  role: string;
  actor: string;
  /** true: at the meeting; remote: took part by video; false: not there. */
  attended?: boolean | 'remote';
  variants?: { spelling: string; kind?: string; sources: string[] }[];
  sources: string[];
}

/** A dimension's category: its id, or its id with what it means on this question. */
export type DimensionCategory =
  Category | { id: Category; word?: string; meaning?: string; stance?: AnswerStance; tone?: string };

export interface Dimension {
  id: string;
  label: string;
  short_label?: string;
  question: string;
  categories: DimensionCategory[];
}

export interface Stance {
  value: Category;
  condition?: string;
  speaker?: string;
  sources?: string[];
}

export interface Position extends Marked {
  actor: string;
  key_quote?: string;
  summary?: string;
  stances: Record<string, Stance>;
}

export interface Quote extends Marked {
  id: string;
  /** A person id, or an actor id (a ministry's statement, a joint statement of kind document). */
  speaker: string;
  text: string;
  lang?: string;
  /** The gloss in the brief's language, who made it, and the source that printed it (translation_by: source). */
  translation?: string;
  translation_by?: 'source' | 'curator';
  translation_source?: string;
  context: string;
  medium?: string;
  sources: string[];
}

export type ClaimKind = 'fact' | 'attributed' | 'estimate' | 'official_position';
/** A claim topic id: one the vocabulary declares (or Brief's defaults). */
export type Topic = string;

export interface Claim extends Marked {
  id: string;
  kind: ClaimKind;
  topic: Topic;
  text: string;
  key?: boolean;
  speaker?: string;
  actor?: string;
  sources: string[];
}

export interface OpenQuestion extends Marked {
  id: string;
  topic: string;
  question: string;
  detail: string;
  raised_by?: string[];
  claims?: string[];
  sources: string[];
}

export interface Event extends Marked {
  id: string;
  name: string;
  when: string;
  time?: string;
  timezone?: string;
  when_note?: string;
  relation: 'preceding' | 'following' | 'during';
  place?: Place;
  chairs?: string[];
  convener?: string;
  attendance?: Count;
  summary: string;
  notes?: string[];
  claims?: string[];
  sources: string[];
  /** What happened, in the past tense: for an event the brief's date has passed. */
  outcome?: string;
  /** true when an event that was due before the brief's date has not happened yet, or its outcome is not known. */
  pending?: boolean;
}

export interface Discrepancy extends Marked {
  id: string;
  topic: string;
  kind: 'spelling' | 'count' | 'fact' | 'attribution' | 'wording';
  variants: { value: string; sources: string[] }[];
  resolution: string;
  status: 'resolved' | 'unresolved';
  person?: string;
  claims?: string[];
}

/** Document control: which version this is, its status and who is answerable for it. */
export interface Control {
  version: string;
  status: 'draft' | 'final' | 'superseded';
  /** RFC 3339 date and time with its offset. */
  as_of: string;
  /** IANA time zone the time is printed in. */
  time_zone?: string;
  author: string;
  reviewer?: string;
  approver?: string;
  superseded_by?: string;
  history?: { version: string; date: string; change: string }[];
}
