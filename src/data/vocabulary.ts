/**
 * The words a dataset's documents use for its claim topics, its answer
 * categories and its actor roles. Brief's defaults are neutral ("Undecided:
 * has not decided"); a dataset written for schema version 2 declares its own
 * (what "Undecided" means in this meeting) and new ones; a dataset written
 * for version 1 keeps the words it was written with.
 */
import type { AnswerStance, Dataset, Dimension } from './types.js';

export interface TopicWords {
  id: string;
  heading: string;
  question: string;
}
export interface CategoryWords {
  id: string;
  word: string;
  meaning: string;
  /** A symbol of its own (else the theme's, or that of the category it is like). */
  symbol?: string;
  /** One of Brief's categories whose symbol and colour it borrows, and whose stance it takes unless it declares one. */
  like?: string;
  /** What an answer in it says, where the vocabulary says so: the FAQ lists refusals and undecided or conditional answers under those words, and only those. */
  stance?: AnswerStance;
  /** Whose colour its cells take: one of Brief's categories, or "neutral" (no fill). */
  tone?: string;
}

export type { AnswerStance } from './types.js';

/** The words a dimension gives one of its categories, and what it says they mean. */
export interface OnDimension {
  word?: string;
  meaning?: string;
  stance?: AnswerStance;
  tone?: string;
}
/** A delegation level: how one delegation's level reads, and the level it is counted under. */
export interface LevelWords {
  id: string;
  word: string;
  group: string;
}

export interface Vocabulary {
  topics: TopicWords[];
  categories: Map<string, CategoryWords>;
  roles: Map<string, string>;
  levels: Map<string, LevelWords>;
}

/** Brief's categories, with neutral meanings that put no words in anyone's mouth. */
const CATEGORIES: CategoryWords[] = [
  { id: 'leading', word: 'Leading', meaning: 'leads or co-leads this effort', stance: 'support' },
  { id: 'yes', word: 'Yes', meaning: 'says it will', stance: 'support' },
  { id: 'open', word: 'Open', meaning: 'does not rule it out', stance: 'undecided' },
  { id: 'no', word: 'No', meaning: 'says it will not', stance: 'refusal' },
  { id: 'required', word: 'Required', meaning: 'makes it a condition' },
  { id: 'important', word: 'Important', meaning: 'wants it, short of a condition' },
  { id: 'depends', word: 'Depends', meaning: 'says it depends', stance: 'conditional' },
  { id: 'not_required', word: 'Not required', meaning: 'does not need it' },
  { id: 'undecided', word: 'Undecided', meaning: 'has not decided', stance: 'undecided' },
  { id: 'not_stated', word: 'Not stated', meaning: 'the sources do not say' },
  { id: 'not_applicable', word: 'n/a', meaning: 'does not apply to this actor' },
];

/** Brief's topics, in the order the documents show them. */
const TOPICS: TopicWords[] = [
  { id: 'meeting', heading: 'The meeting', question: 'What happened?' },
  { id: 'planning', heading: 'Planning', question: 'What is being planned?' },
  { id: 'positions', heading: 'Positions', question: 'Where do the participants stand?' },
  { id: 'context', heading: 'Context', question: 'What is the background?' },
  { id: 'next_steps', heading: 'Next steps', question: 'What happens next?' },
];

/** Brief's delegation levels; heads of state and of government are counted together. */
export const LEVELS: LevelWords[] = [
  { id: 'head_of_state', word: 'head of state', group: 'head of state or government' },
  { id: 'head_of_government', word: 'head of government', group: 'head of state or government' },
  { id: 'minister', word: 'minister', group: 'minister' },
  { id: 'official', word: 'senior official', group: 'senior official' },
];

const ROLES: [string, string][] = [
  ['host', 'host'],
  ['participant', 'participant'],
  ['subject', 'subject'],
  ['absent', 'absent'],
  ['venue', 'venue'],
  ['mentioned', 'mentioned'],
];

/**
 * Version 1's words: its topics named the first meeting's force and the
 * United States, and it had three categories of that meeting's force, which
 * a version 1 dataset may still use. Their meanings are neutral: a dataset of
 * another meeting is never told what the first meeting's categories meant
 * ("depends on the mission"); a dataset that wants those words declares them.
 */
const VERSION_1: { topics: TopicWords[]; categories: CategoryWords[] } = {
  topics: [
    TOPICS[0]!,
    TOPICS[1]!,
    { id: 'force', heading: 'The force', question: 'What would the force do, how big would it be, and where?' },
    TOPICS[2]!,
    { id: 'us_role', heading: 'The US role', question: 'What will the United States do?' },
    TOPICS[3]!,
    TOPICS[4]!,
  ],
  categories: [
    ...CATEGORIES,
    { id: 'deterrence', word: 'Deterrence', meaning: 'names deterrence as the aim', like: 'yes', stance: 'support' },
    { id: 'monitoring', word: 'Monitoring', meaning: 'names monitoring as the aim', like: 'yes', stance: 'support' },
    {
      id: 'peacekeeping',
      word: 'Peacekeeping',
      meaning: 'names peacekeeping as the aim',
      like: 'yes',
      stance: 'support',
    },
  ],
};

/** The ids of Brief's own categories (the theme gives each a symbol and a colour). */
export const BRIEF_CATEGORIES = [...CATEGORIES.map((c) => c.id), 'deterrence', 'monitoring', 'peacekeeping'];

export function vocabularyOf(
  data: Pick<Dataset, 'schema_version' | 'vocabulary'>,
  language: Record<string, { word?: string; meaning?: string }> = {},
  levelWords: Record<string, { word?: string; group?: string }> = {},
): Vocabulary {
  const v1 = data.schema_version === 1;
  const declared = data.vocabulary ?? {};
  const topics =
    declared.topics?.map((t) => ({ id: t.id, heading: t.heading, question: t.question ?? t.heading })) ??
    (v1 ? VERSION_1.topics : TOPICS);
  // Brief's topics stay available (in their place after the declared ones) so that templates can always name them.
  for (const t of v1 ? VERSION_1.topics : TOPICS) if (!topics.some((x) => x.id === t.id)) topics.push(t);
  const categories = new Map((v1 ? VERSION_1.categories : CATEGORIES).map((c) => [c.id, { ...c }]));
  // Brief's words in the document's language (templates/labels), under the dataset's own.
  for (const [id, w] of Object.entries(language)) {
    const base = categories.get(id);
    if (base)
      categories.set(id, {
        ...base,
        ...(w.word ? { word: w.word } : {}),
        ...(w.meaning ? { meaning: w.meaning } : {}),
      });
  }
  for (const [id, c] of Object.entries(declared.categories ?? {})) {
    const base = categories.get(id);
    categories.set(id, {
      id,
      word: c.word ?? base?.word ?? id.replace(/_/g, ' ').replace(/^./, (x) => x.toUpperCase()),
      meaning: c.meaning ?? base?.meaning ?? '',
      ...(c.symbol ? { symbol: c.symbol } : base?.symbol ? { symbol: base.symbol } : {}),
      ...(c.like ? { like: c.like } : base?.like ? { like: base.like } : {}),
      ...stanceOf(c, base, categories),
      ...(c.tone ? { tone: c.tone } : base?.tone ? { tone: base.tone } : {}),
    });
  }
  const roles = new Map(ROLES);
  for (const [id, r] of Object.entries(declared.roles ?? {})) roles.set(id, r.word);
  return { topics, categories, roles, levels: levelsOf(declared.levels ?? {}, levelWords) };
}

/** Brief's levels in the document's language (labels), then the dataset's own over them. */
function levelsOf(
  declared: Record<string, { word?: string; group?: string }>,
  language: Record<string, { word?: string; group?: string }>,
): Map<string, LevelWords> {
  const levels = new Map(LEVELS.map((l) => [l.id, { ...l }]));
  for (const over of [language, declared]) {
    for (const [id, w] of Object.entries(over)) {
      const base = levels.get(id);
      const word = w.word ?? base?.word ?? id.replace(/_/g, ' ');
      // A level the dataset renames keeps its group unless it names one; a new level is counted under its own word.
      levels.set(id, { id, word, group: w.group ?? base?.group ?? word });
    }
  }
  return levels;
}

/** A declared category's stance: its own, else that of the category it is like, else what Brief's category of that id says. */
function stanceOf(
  c: { like?: string; stance?: AnswerStance },
  base: CategoryWords | undefined,
  known: Map<string, CategoryWords>,
): { stance?: AnswerStance } {
  const stance = c.stance ?? (c.like ? known.get(c.like)?.stance : base?.stance);
  return stance ? { stance } : {};
}

/** A dimension's categories as ids, with the words and meanings the dimension gives them. */
export function dimensionCategories(dim: Dimension): ({ id: string } & OnDimension)[] {
  return dim.categories.map((c) => (typeof c === 'string' ? { id: c } : c));
}

/**
 * What an answer in category `id` says and whose colour it takes, on a
 * dimension that may give the category words of its own. A dimension that
 * redefines a category's word or meaning has changed what it says: its
 * answers carry no stance and no colour unless the dimension gives them
 * (`stance:`, `tone:`), so that "Unlawful" on a question about legality is
 * never listed as a refusal nor coloured as one.
 */
export function senseOf(
  vocabulary: Vocabulary,
  id: string,
  on: OnDimension = {},
): { stance: AnswerStance | null; tone: string | null } {
  const redefined = !!(on.word || on.meaning);
  const c = vocabulary.categories.get(id);
  return {
    stance: on.stance ?? (redefined ? null : (c?.stance ?? null)),
    tone: on.tone ?? (redefined ? 'neutral' : (c?.tone ?? null)),
  };
}
