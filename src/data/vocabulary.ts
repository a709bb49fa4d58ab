/**
 * The words a dataset's documents use for its claim topics, its answer
 * categories and its actor roles. Brief's defaults are neutral ("Undecided:
 * has not decided"); a dataset written for schema version 2 declares its own
 * (what "Undecided" means in this meeting) and new ones; a dataset written
 * for version 1 keeps the words it was written with.
 */
import type { Dataset, Dimension } from './types.js';

export interface TopicWords { id: string; heading: string; question: string }
export interface CategoryWords {
  id: string;
  word: string;
  meaning: string;
  /** A symbol of its own (else the theme's, or that of the category it is like). */
  symbol?: string;
  /** One of Brief's categories whose symbol and colour it borrows, and whose role it plays (no: declined; open: still deciding). */
  like?: string;
}

/** A delegation level: how one delegation's level reads, and the level it is counted under. */
export interface LevelWords { id: string; word: string; group: string }

export interface Vocabulary {
  topics: TopicWords[];
  categories: Map<string, CategoryWords>;
  roles: Map<string, string>;
  levels: Map<string, LevelWords>;
}

/** Brief's categories, with neutral meanings that put no words in anyone's mouth. */
const CATEGORIES: CategoryWords[] = [
  { id: 'leading', word: 'Leading', meaning: 'leads or co-leads this effort' },
  { id: 'yes', word: 'Yes', meaning: 'says it will' },
  { id: 'open', word: 'Open', meaning: 'does not rule it out' },
  { id: 'no', word: 'No', meaning: 'says it will not' },
  { id: 'required', word: 'Required', meaning: 'makes it a condition' },
  { id: 'important', word: 'Important', meaning: 'wants it, short of a condition' },
  { id: 'depends', word: 'Depends', meaning: 'says it depends' },
  { id: 'not_required', word: 'Not required', meaning: 'does not need it' },
  { id: 'undecided', word: 'Undecided', meaning: 'has not decided' },
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

const ROLES: [string, string][] = [['host', 'host'], ['participant', 'participant'], ['subject', 'subject'], ['absent', 'absent'], ['venue', 'venue'], ['mentioned', 'mentioned']];

/**
 * Version 1's words, which named the first meeting's force and the United
 * States: a version 1 dataset builds with them, as it always did.
 */
const VERSION_1: { topics: TopicWords[]; categories: CategoryWords[] } = {
  topics: [
    TOPICS[0]!, TOPICS[1]!,
    { id: 'force', heading: 'The force', question: 'What would the force do, how big would it be, and where?' },
    TOPICS[2]!,
    { id: 'us_role', heading: 'The US role', question: 'What will the United States do?' },
    TOPICS[3]!, TOPICS[4]!,
  ],
  categories: [
    ...CATEGORIES.filter((c) => !['depends', 'undecided'].includes(c.id)),
    { id: 'depends', word: 'Depends', meaning: 'depends on the mission' },
    { id: 'deterrence', word: 'Deterrence', meaning: 'wants a force to deter attack', like: 'yes' },
    { id: 'monitoring', word: 'Monitoring', meaning: 'wants a force to monitor a ceasefire', like: 'yes' },
    { id: 'peacekeeping', word: 'Peacekeeping', meaning: 'wants a peacekeeping force', like: 'yes' },
    { id: 'undecided', word: 'Undecided', meaning: 'wants the mission defined first' },
  ],
};

/** The ids of Brief's own categories (the theme gives each a symbol and a colour). */
export const BRIEF_CATEGORIES = [...CATEGORIES.map((c) => c.id), 'deterrence', 'monitoring', 'peacekeeping'];

export function vocabularyOf(
  data: Pick<Dataset, 'schema_version' | 'vocabulary'>, language: Record<string, { word?: string; meaning?: string }> = {},
  levelWords: Record<string, { word?: string; group?: string }> = {},
): Vocabulary {
  const v1 = data.schema_version === 1;
  const declared = data.vocabulary ?? {};
  const topics = declared.topics?.map((t) => ({ id: t.id, heading: t.heading, question: t.question ?? t.heading })) ?? (v1 ? VERSION_1.topics : TOPICS);
  // Brief's topics stay available (in their place after the declared ones) so that templates can always name them.
  for (const t of v1 ? VERSION_1.topics : TOPICS) if (!topics.some((x) => x.id === t.id)) topics.push(t);
  const categories = new Map((v1 ? VERSION_1.categories : CATEGORIES).map((c) => [c.id, { ...c }]));
  // Brief's words in the document's language (templates/labels), under the dataset's own.
  for (const [id, w] of Object.entries(language)) {
    const base = categories.get(id);
    if (base) categories.set(id, { ...base, ...(w.word ? { word: w.word } : {}), ...(w.meaning ? { meaning: w.meaning } : {}) });
  }
  for (const [id, c] of Object.entries(declared.categories ?? {})) {
    const base = categories.get(id);
    categories.set(id, {
      id,
      word: c.word ?? base?.word ?? id.replace(/_/g, ' ').replace(/^./, (x) => x.toUpperCase()),
      meaning: c.meaning ?? base?.meaning ?? '',
      ...(c.symbol ? { symbol: c.symbol } : base?.symbol ? { symbol: base.symbol } : {}),
      ...(c.like ? { like: c.like } : base?.like ? { like: base.like } : {}),
    });
  }
  const roles = new Map(ROLES);
  for (const [id, r] of Object.entries(declared.roles ?? {})) roles.set(id, r.word);
  return { topics, categories, roles, levels: levelsOf(declared.levels ?? {}, levelWords) };
}

/** Brief's levels in the document's language (labels), then the dataset's own over them. */
function levelsOf(declared: Record<string, { word?: string; group?: string }>, language: Record<string, { word?: string; group?: string }>): Map<string, LevelWords> {
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

/** A dimension's categories as ids, with the words and meanings the dimension gives them. */
export function dimensionCategories(dim: Dimension): { id: string; word?: string; meaning?: string }[] {
  return dim.categories.map((c) => (typeof c === 'string' ? { id: c } : c));
}

/** The category a category behaves as, for grouping (declined, still deciding): itself, or the one it is like. */
export function behavesAs(vocabulary: Vocabulary, id: string): string {
  return vocabulary.categories.get(id)?.like ?? id;
}
