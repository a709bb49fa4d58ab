// The words a dataset's documents use for topics, answer categories, roles and
// delegation levels (src/data/vocabulary.ts), called in this process so that
// the mutation run (npm run test:mutation) sees them: Brief's defaults, a
// version 1 dataset's, the document language's, the dataset's own over them,
// and what an answer says (its stance) and whose colour it takes. Every
// expected value is written out here from the README's vocabulary tables.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../src/data/types.js';
import { BRIEF_CATEGORIES, dimensionCategories, senseOf, vocabularyOf } from '../src/data/vocabulary.js';

const v2 = (vocabulary?: Dataset['vocabulary']) => ({
  schema_version: 2 as const,
  ...(vocabulary ? { vocabulary } : {}),
});

describe("Brief's vocabulary", () => {
  it('categories with neutral words and meanings, and the stance each says', () => {
    const v = vocabularyOf(v2());
    expect([...v.categories.values()].map((c) => [c.id, c.word, c.meaning, c.stance ?? null])).toEqual([
      ['leading', 'Leading', 'leads or co-leads this effort', 'support'],
      ['yes', 'Yes', 'says it will', 'support'],
      ['open', 'Open', 'does not rule it out', 'undecided'],
      ['no', 'No', 'says it will not', 'refusal'],
      ['required', 'Required', 'makes it a condition', null],
      ['important', 'Important', 'wants it, short of a condition', null],
      ['depends', 'Depends', 'says it depends', 'conditional'],
      ['not_required', 'Not required', 'does not need it', null],
      ['undecided', 'Undecided', 'has not decided', 'undecided'],
      ['not_stated', 'Not stated', 'the sources do not say', null],
      ['not_applicable', 'n/a', 'does not apply to this actor', null],
    ]);
    expect(BRIEF_CATEGORIES).toEqual([
      'leading',
      'yes',
      'open',
      'no',
      'required',
      'important',
      'depends',
      'not_required',
      'undecided',
      'not_stated',
      'not_applicable',
      'deterrence',
      'monitoring',
      'peacekeeping',
    ]);
  });

  it('topics, roles and delegation levels', () => {
    const v = vocabularyOf(v2());
    expect(v.topics).toEqual([
      { id: 'meeting', heading: 'The meeting', question: 'What happened?' },
      { id: 'planning', heading: 'Planning', question: 'What is being planned?' },
      { id: 'positions', heading: 'Positions', question: 'Where do the participants stand?' },
      { id: 'context', heading: 'Context', question: 'What is the background?' },
      { id: 'next_steps', heading: 'Next steps', question: 'What happens next?' },
    ]);
    expect([...v.roles]).toEqual([
      ['host', 'host'],
      ['participant', 'participant'],
      ['subject', 'subject'],
      ['absent', 'absent'],
      ['venue', 'venue'],
      ['mentioned', 'mentioned'],
    ]);
    expect([...v.levels.values()]).toEqual([
      { id: 'head_of_state', word: 'head of state', group: 'head of state or government' },
      { id: 'head_of_government', word: 'head of government', group: 'head of state or government' },
      { id: 'minister', word: 'minister', group: 'minister' },
      { id: 'official', word: 'senior official', group: 'senior official' },
    ]);
  });

  it('a version 1 dataset keeps the topics and the three force categories it was written with', () => {
    const v = vocabularyOf({ schema_version: 1 });
    expect(v.topics.map((t) => t.id)).toEqual([
      'meeting',
      'planning',
      'force',
      'positions',
      'us_role',
      'context',
      'next_steps',
    ]);
    expect(v.topics[2]).toEqual({
      id: 'force',
      heading: 'The force',
      question: 'What would the force do, how big would it be, and where?',
    });
    expect(v.topics[4]).toEqual({ id: 'us_role', heading: 'The US role', question: 'What will the United States do?' });
    expect([...v.categories.values()].slice(11).map((c) => [c.id, c.word, c.meaning, c.like, c.stance])).toEqual([
      ['deterrence', 'Deterrence', 'names deterrence as the aim', 'yes', 'support'],
      ['monitoring', 'Monitoring', 'names monitoring as the aim', 'yes', 'support'],
      ['peacekeeping', 'Peacekeeping', 'names peacekeeping as the aim', 'yes', 'support'],
    ]);
    expect(vocabularyOf(v2()).categories.has('deterrence')).toBe(false);
  });
});

describe("the document's language and the dataset's own words", () => {
  it("the labels' words for Brief's categories; a word for a category Brief does not have is not added", () => {
    const v = vocabularyOf(v2(), {
      open: { word: 'Ouvert', meaning: 'ne l’exclut pas' },
      no: { word: 'Non' },
      unknown: { word: 'X' },
    });
    expect(v.categories.get('open')).toEqual({
      id: 'open',
      word: 'Ouvert',
      meaning: 'ne l’exclut pas',
      stance: 'undecided',
    });
    expect(v.categories.get('no')).toEqual({ id: 'no', word: 'Non', meaning: 'says it will not', stance: 'refusal' });
    expect(v.categories.has('unknown')).toBe(false);
  });

  it("declared topics first, Brief's after them; a topic's question is its heading when it gives none", () => {
    const v = vocabularyOf(
      v2({
        topics: [
          { id: 'summit', heading: 'The summit' },
          { id: 'meeting', heading: 'Our meeting', question: 'What?' },
        ],
      }),
    );
    expect(v.topics).toEqual([
      { id: 'summit', heading: 'The summit', question: 'The summit' },
      { id: 'meeting', heading: 'Our meeting', question: 'What?' },
      { id: 'planning', heading: 'Planning', question: 'What is being planned?' },
      { id: 'positions', heading: 'Positions', question: 'Where do the participants stand?' },
      { id: 'context', heading: 'Context', question: 'What is the background?' },
      { id: 'next_steps', heading: 'Next steps', question: 'What happens next?' },
    ]);
  });

  it("declared categories: their own words over Brief's, a word made from the id, symbol, like, stance and tone", () => {
    const v = vocabularyOf(
      v2({
        categories: {
          open: { meaning: 'keeps its options open' },
          partly_yes: { like: 'yes', symbol: '◑' },
          wary: { like: 'no', stance: 'undecided', tone: 'neutral' },
          plain: {},
          yes: { word: 'Agrees', tone: 'open' },
          after_like: { like: 'wary' },
        },
      }),
      { open: { word: 'Ouvert' } },
    );
    expect(v.categories.get('open')).toEqual({
      id: 'open',
      word: 'Ouvert',
      meaning: 'keeps its options open',
      stance: 'undecided',
    });
    expect(v.categories.get('partly_yes')).toEqual({
      id: 'partly_yes',
      word: 'Partly yes',
      meaning: '',
      symbol: '◑',
      like: 'yes',
      stance: 'support',
    });
    expect(v.categories.get('wary')).toEqual({
      id: 'wary',
      word: 'Wary',
      meaning: '',
      like: 'no',
      stance: 'undecided',
      tone: 'neutral',
    });
    expect(v.categories.get('plain')).toEqual({ id: 'plain', word: 'Plain', meaning: '' });
    expect(v.categories.get('yes')).toEqual({
      id: 'yes',
      word: 'Agrees',
      meaning: 'says it will',
      stance: 'support',
      tone: 'open',
    });
    // "like" names a category declared before it: its stance too.
    expect(v.categories.get('after_like')).toEqual({
      id: 'after_like',
      word: 'After like',
      meaning: '',
      like: 'wary',
      stance: 'undecided',
    });
  });

  it('a declared category keeps the symbol, like and tone of the one it redeclares', () => {
    const first = vocabularyOf(v2({ categories: { mine: { symbol: '★', like: 'open', tone: 'no' } } }));
    expect(first.categories.get('mine')).toEqual({
      id: 'mine',
      word: 'Mine',
      meaning: '',
      symbol: '★',
      like: 'open',
      stance: 'undecided',
      tone: 'no',
    });
    const v1 = vocabularyOf({ schema_version: 1, vocabulary: { categories: { deterrence: { word: 'Deter' } } } });
    expect(v1.categories.get('deterrence')).toEqual({
      id: 'deterrence',
      word: 'Deter',
      meaning: 'names deterrence as the aim',
      like: 'yes',
      stance: 'support',
    });
  });

  it('declared roles and levels; a renamed level keeps its group, a new one is counted under its own word', () => {
    const v = vocabularyOf(
      v2({
        roles: { observer: { word: 'observer state' }, host: { word: 'hosting country' } },
        levels: {
          minister: { word: 'cabinet minister' },
          deputy_minister: {},
          envoy: { word: 'special envoy', group: 'senior official' },
        },
      }),
      {},
      { official: { word: 'haut fonctionnaire', group: 'haut fonctionnaire' }, head_of_state: { word: 'chef d’État' } },
    );
    expect(v.roles.get('observer')).toBe('observer state');
    expect(v.roles.get('host')).toBe('hosting country');
    expect(v.levels.get('minister')).toEqual({ id: 'minister', word: 'cabinet minister', group: 'minister' });
    expect(v.levels.get('deputy_minister')).toEqual({
      id: 'deputy_minister',
      word: 'deputy minister',
      group: 'deputy minister',
    });
    expect(v.levels.get('envoy')).toEqual({ id: 'envoy', word: 'special envoy', group: 'senior official' });
    expect(v.levels.get('official')).toEqual({
      id: 'official',
      word: 'haut fonctionnaire',
      group: 'haut fonctionnaire',
    });
    expect(v.levels.get('head_of_state')).toEqual({
      id: 'head_of_state',
      word: 'chef d’État',
      group: 'head of state or government',
    });
  });
});

describe('what an answer says on a dimension', () => {
  const v = () => vocabularyOf(v2({ categories: { wary: { like: 'no', tone: 'open' } } }));

  it("its category's stance and tone, unless the dimension rewords it: then none and a neutral colour, unless the dimension says", () => {
    expect(senseOf(v(), 'no')).toEqual({ stance: 'refusal', tone: null });
    expect(senseOf(v(), 'wary')).toEqual({ stance: 'refusal', tone: 'open' });
    expect(senseOf(v(), 'required')).toEqual({ stance: null, tone: null });
    expect(senseOf(v(), 'nothing')).toEqual({ stance: null, tone: null });
    expect(senseOf(v(), 'no', { word: 'Unlawful' })).toEqual({ stance: null, tone: 'neutral' });
    expect(senseOf(v(), 'no', { meaning: 'says it is unlawful' })).toEqual({ stance: null, tone: 'neutral' });
    expect(senseOf(v(), 'no', { word: 'Unlawful', stance: 'refusal', tone: 'no' })).toEqual({
      stance: 'refusal',
      tone: 'no',
    });
    expect(senseOf(v(), 'open', { stance: 'conditional' })).toEqual({ stance: 'conditional', tone: null });
    expect(senseOf(v(), 'wary', { tone: 'yes' })).toEqual({ stance: 'refusal', tone: 'yes' });
  });

  it("a dimension's categories as ids, with the words it gives them", () => {
    expect(
      dimensionCategories({ id: 'd', label: 'D', question: 'Q?', categories: ['yes', { id: 'no', word: 'Unlawful' }] }),
    ).toEqual([{ id: 'yes' }, { id: 'no', word: 'Unlawful' }]);
  });
});
