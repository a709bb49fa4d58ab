// The view's records (src/view/records.ts), called in this process so that
// the mutation run (npm run test:mutation) sees them: how actors, people,
// claims, quotations, events, discrepancies, places, counts and sources read
// in the documents, and in which order. The dataset is made here, small;
// every expected value is written out from it and the English labels, not
// computed by the code under test.
import { describe, expect, it } from 'vitest';
import type { Actor, Claim, Dataset, Discrepancy, Event, Person, Quote, Source } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import type { Theme } from '../src/shared/theme.js';
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
  shortInSentence,
  sortPeople,
  sourcesOf,
  sourceView,
  unique,
  type Resolve,
} from '../src/view/records.js';

const en = englishLabels();
const THEME = {} as Theme;

const ACTORS: Actor[] = [
  {
    id: 'uk',
    name: 'United Kingdom',
    short_name: 'UK',
    kind: 'state',
    iso: 'GB',
    role: 'host',
    note: 'Co-chair of *the* talks',
  },
  { id: 'nl', name: 'Netherlands', kind: 'state', role: 'participant' },
  { id: 'gb', name: 'Great Britain', name_in_sentence: 'Britain', kind: 'state', role: 'mediator' },
  { id: 'eu', name: 'European Union', short_name: 'EU', kind: 'organisation', role: 'participant' },
  {
    id: 'stmt',
    name: 'Joint statement of the leaders',
    short_name: 'Joint statement',
    kind: 'document',
    role: 'participant',
  },
  { id: 'ee', name: 'Estonia', kind: 'state', role: 'participant' },
];

const PEOPLE: Person[] = [
  {
    id: 'leyen',
    name: 'Ursula von der Leyen',
    role: 'President of the Commission',
    actor: 'eu',
    attended: true,
    sources: ['s1'],
  },
  {
    id: 'kallas',
    name: 'Kaja Kallas',
    role: 'High Representative',
    actor: 'eu',
    attended: 'remote',
    sources: ['s1', 's2'],
    native_name_sources: ['s2', 's3'],
  },
  {
    id: 'iwaya',
    name: 'Iwaya Takeshi',
    name_order: 'family_first',
    native_name: '岩屋毅',
    native_lang: 'ja',
    role: 'Foreign Minister',
    actor: 'nl',
    sources: ['s1', 's2', 's3'],
    variants: [
      { spelling: 'Takeshi Iwaya', kind: 'other_order', sources: ['s1', 's2', 's3'] },
      { spelling: '岩屋 毅', kind: 'native_script', sources: ['s2'] },
      { spelling: 'Iwaja', sources: ['s3'] },
    ],
  },
  {
    id: 'jsmith',
    name: 'John Smith',
    role: 'Envoy',
    actor: 'uk',
    attended: false,
    sources: ['s2'],
    short_reference: 'Mr Smith',
  },
  { id: 'asmith', name: 'Anna Smith', role: 'Envoy', actor: 'gb', sources: ['s2'], sort_as: 'Smith' },
];

const SOURCES: Source[] = [
  {
    id: 's1',
    file: 'reuters.txt',
    title: 'Leaders meet in Paris',
    kind: 'news',
    outlet: 'Reuters',
    byline: 'Jane Doe',
    date: '2025-04-10',
    url: 'https://example.org/news/1',
    reliability: 'high',
    notes: ['Updated *twice*'],
  },
  {
    id: 's2',
    file: 'statement.txt',
    title: 'Joint statement',
    has_headline: false,
    kind: 'official',
    date: '2025-04',
    date_basis: 'url',
    dateline: 'PARIS',
  },
  { id: 's3', file: 'blog.txt', title: 'Notes', kind: 'analysis', byline: 'A. Writer' },
];

const CLAIMS: Claim[] = [
  { id: 'c1', kind: 'fact', topic: 'meeting', text: 'Thirty *countries* met.', sources: ['s1'], actor: 'uk' },
  {
    id: 'c2',
    kind: 'official_position',
    topic: 'security',
    text: 'The EU will help.',
    speaker: 'kallas',
    sources: ['s2', 's1'],
  },
  { id: 'c3', kind: 'constructor' as Claim['kind'], topic: 'security', text: 'Odd kind.', sources: [] },
];

const long = (n: number) => 'x'.repeat(n);
const QUOTES: Quote[] = [
  {
    id: 'q-short',
    speaker: 'kallas',
    text: 'We are *ready*.',
    context: 'At the press conference',
    sources: ['s1'],
    medium: 'press conference',
  },
  {
    id: 'q-long',
    speaker: 'leyen',
    text: long(100),
    translation: long(61),
    translation_by: 'curator',
    context: 'c',
    sources: ['s2'],
    lang: 'de',
  },
  {
    id: 'q-edge',
    speaker: 'iwaya',
    text: long(100),
    translation: long(60),
    translation_by: 'source',
    translation_source: 's1',
    context: 'c',
    sources: ['s3', 's1'],
  },
  { id: 'q-unkeyed', speaker: 'stmt', text: long(300), context: 'c', sources: ['s2'] },
];

function dataset(more: Partial<Dataset> = {}): Dataset {
  return {
    schema_version: 2,
    brief: { title: 'T', to: 'a', from: 'b', as_of: '2025-04-15', author: 'c', language: 'en-GB' },
    meeting: { date: '2025-04-10', time_zone: 'Europe/Paris', level: 'officials' },
    sources: SOURCES,
    actors: ACTORS,
    people: PEOPLE,
    claims: CLAIMS,
    quotes: QUOTES,
    dimensions: [
      {
        id: 'troops',
        label: 'Troops',
        question: 'Will you send troops?',
        categories: ['support', { id: 'conditional', word: 'If asked', meaning: 'Only when asked' }],
      },
      { id: 'money', label: 'Money', question: 'Will you pay?', categories: ['no'] },
    ],
    positions: [
      { actor: 'eu', key_quote: 'q-long', stances: {} },
      { actor: 'uk', key_quote: 'q-edge', stances: {} },
      { actor: 'nl', key_quote: 'q-short', stances: {} },
    ],
    ...more,
  } as unknown as Dataset;
}

/** The records built in the order view.ts builds them. */
function records(data = dataset()) {
  const scope = scopeOf(data, THEME, en);
  const actorView = actorViews(scope);
  const actor = (id: string) => actorView.get(id)!;
  const personView = personViews(scope, actor);
  const person = (id: string) => personView.get(id)!;
  const claimView = claimViews(scope, actor, person);
  const resolve: Resolve = { actor, person, claims: (ids) => (ids ?? []).map((id) => claimView.get(id)!) };
  return { scope, actorView, personView, claimView, resolve, actor, person };
}

describe('the scope', () => {
  it("the dataset's prose is a span in its language only where that differs from the document's", () => {
    expect(scopeOf(dataset(), THEME, en).foreign).toBeUndefined();
    const upper = dataset();
    upper.brief.language = 'EN-us';
    expect(scopeOf(upper, THEME, en).foreign).toBeUndefined();
    const german = dataset();
    german.brief.language = 'de-AT';
    const scope = scopeOf(german, THEME, en);
    expect(scope.foreign).toBe('de-AT');
    expect(scope.prose('a *b*')).toBe('<span lang="de-AT">a \\*b\\*</span>');
    expect(scopeOf(dataset(), THEME, en).prose('a *b*')).toBe('a \\*b\\*');
    // Languages are compared by their whole primary tag: Spanish is not English.
    const spanish = dataset();
    spanish.brief.language = 'es';
    expect(scopeOf(spanish, THEME, en).foreign).toBe('es');
  });

  it("lists sort as the brief's language sorts, numbers by value, case and accents aside", () => {
    const names = ['Zeeland', 'Åland', 'G10', 'G7', 'austria'];
    const sorted = (language: string) => {
      const data = dataset();
      data.brief.language = language;
      const { byShort } = scopeOf(data, THEME, en);
      return names
        .map((short_name) => ({ short_name }))
        .sort(byShort)
        .map((x) => x.short_name);
    };
    expect(sorted('en')).toEqual(['Åland', 'austria', 'G7', 'G10', 'Zeeland']);
    expect(sorted('sv')).toEqual(['austria', 'G7', 'G10', 'Zeeland', 'Åland']);
    expect(scopeOf(dataset(), THEME, en).byShort({ short_name: 'Eu' }, { short_name: 'EU' })).toBe(0);
  });

  it("a category's words on a dimension, if it gives them", () => {
    const { onDimension } = scopeOf(dataset(), THEME, en);
    expect(onDimension('troops', 'conditional')).toEqual({
      id: 'conditional',
      word: 'If asked',
      meaning: 'Only when asked',
    });
    expect(onDimension('troops', 'support')).toEqual({ id: 'support' });
    expect(onDimension('troops', 'refusal')).toEqual({});
    expect(onDimension('money', 'no')).toEqual({ id: 'no' });
    expect(onDimension('money', 'conditional')).toEqual({});
    expect(onDimension('votes', 'support')).toEqual({});
  });

  it("a category as shown, in its vocabulary words or the dimension's", () => {
    const { category } = scopeOf(dataset(), { categories: {} } as unknown as Theme, en);
    expect(category('open')).toMatchObject({
      id: 'open',
      label: 'Open',
      meaning: 'does not rule it out',
      stance: 'undecided',
      own_words: false,
    });
    expect(category('open', { word: 'Maybe' })).toMatchObject({ label: 'Maybe', stance: null, own_words: true });
  });
});

describe('actors', () => {
  it('each with the forms a sentence needs', () => {
    const { actorView } = records();
    expect(actorView.get('uk')).toEqual({
      id: 'uk',
      name: 'United Kingdom',
      the_name: 'the UK',
      the_names: "the UK's",
      short_name: 'UK',
      the_short_name: 'the UK',
      kind: 'state',
      iso: 'GB',
      role: 'host',
      role_word: 'host',
      note: 'Co-chair of \\*the\\* talks',
      delegation: null,
      native_name: null,
    });
    expect(actorView.get('nl')).toMatchObject({
      name: 'Netherlands',
      the_name: 'the Netherlands',
      the_names: "the Netherlands'",
      short_name: 'Netherlands',
      iso: null,
      note: null,
      role_word: 'participant',
    });
    // A role the vocabulary does not know prints as written.
    expect(actorView.get('gb')).toMatchObject({
      the_name: 'Britain',
      the_names: "Britain's",
      short_name: 'Great Britain',
      the_short_name: 'Great Britain',
      role_word: 'mediator',
    });
    expect(actorView.get('eu')).toMatchObject({ the_name: 'the EU', the_names: "the EU's" });
    expect(actorView.get('ee')).toMatchObject({ the_name: 'Estonia', the_names: "Estonia's" });
  });

  it("a dataset's own role words", () => {
    const { actorView } = records(dataset({ vocabulary: { roles: { mediator: { word: 'go-*between*' } } } }));
    expect(actorView.get('gb')!.role_word).toBe('go-\\*between\\*');
  });
});

describe('people', () => {
  it('each with the name forms, variants and sentence the templates use', () => {
    const { personView } = records();
    expect(personView.get('kallas')).toMatchObject({
      name: 'Kaja Kallas',
      native_name: null,
      role: 'High Representative',
      attended: false,
      remote: true,
      sources: ['s1', 's2', 's3'],
      native_name_sources: ['s2', 's3'],
      sort_as: 'Kallas',
      short_reference: null,
      after_first: 'Kallas',
      variants: [],
      title: 'High Representative Kaja Kallas',
      described: "the EU's High Representative, Kaja Kallas",
      name_order: 'given_first',
    });
    expect(personView.get('kallas')!.actor.id).toBe('eu');
    expect(personView.get('leyen')).toMatchObject({
      attended: true,
      remote: false,
      sort_as: 'Leyen',
      after_first: 'von der Leyen',
      sources: ['s1'],
      native_name_sources: [],
    });
    expect(personView.get('jsmith')).toMatchObject({
      attended: false,
      remote: false,
      short_reference: 'Mr Smith',
      after_first: 'Mr Smith',
      described: "the UK's Envoy, John Smith",
    });
    expect(personView.get('asmith')).toMatchObject({
      attended: false,
      remote: false,
      sort_as: 'Smith',
      described: "Britain's Envoy, Anna Smith",
    });
    expect(personView.get('iwaya')).toMatchObject({
      native_name: '<span lang="ja">岩屋毅</span>',
      sort_as: 'Iwaya',
      after_first: 'Iwaya',
      name_order: 'family_first',
      variants: [
        {
          spelling: 'Takeshi Iwaya',
          kind: 'other_order',
          sources: ['s1', 's2', 's3'],
          sentence: 'Every source writes it “Takeshi Iwaya”.',
        },
        {
          spelling: '<span lang="ja">岩屋 毅</span>',
          kind: 'native_script',
          sources: ['s2'],
          sentence: 'One source writes it “<span lang="ja">岩屋 毅</span>”.',
        },
        { spelling: 'Iwaja', kind: null, sources: ['s3'], sentence: 'One source spells it “Iwaja”.' },
      ],
    });
  });

  it('sorted by family name after its particles, a name written family first by its first word, then by the whole name', () => {
    const { scope, personView } = records();
    expect(sortPeople(scope, personView).map((p) => p.id)).toEqual(['iwaya', 'kallas', 'leyen', 'asmith', 'jsmith']);
  });
});

describe('claims', () => {
  it("with their kind's label, speaker and actor resolved; a kind the labels do not have prints as its id", () => {
    const { claimView } = records();
    expect(claimView.get('c1')).toMatchObject({
      kind: 'fact',
      kind_label: 'Reported fact',
      topic: 'meeting',
      text: 'Thirty \\*countries\\* met.',
      speaker: null,
      sources: ['s1'],
    });
    expect(claimView.get('c1')!.actor!.id).toBe('uk');
    expect(claimView.get('c2')).toMatchObject({ kind_label: 'Official position', actor: null, sources: ['s2', 's1'] });
    expect(claimView.get('c2')!.speaker!.id).toBe('kallas');
    expect(claimView.get('c3')!.kind_label).toBe('constructor');
  });
});

describe('quotations', () => {
  it('a key quotation of more than 160 characters with its gloss leaves the matrix row; one of 160 does not; a quotation no position keys never', () => {
    const { scope, actor, personView } = records();
    const q = quoteViews(scope, actor, personView);
    // q-short is a key quotation with no translation.
    expect([...q.values()].map((x) => [x.id, x.long])).toEqual([
      ['q-short', false],
      ['q-long', true],
      ['q-edge', false],
      ['q-unkeyed', false],
    ]);
  });

  it('speaker, language, sources, gloss and the date of the report that carries it', () => {
    const { scope, actor, personView } = records();
    const q = quoteViews(scope, actor, personView);
    expect(q.get('q-short')).toMatchObject({
      text: 'We are \\*ready\\*.',
      context: 'At the press conference',
      medium: 'press conference',
      sources: ['s1'],
      number: 0,
      speaker_is_actor: false,
      translation: null,
      translation_by: null,
      translation_source: null,
      gloss: null,
      date_text: '10 April 2025',
    });
    expect(q.get('q-short')!.speaker.id).toBe('kallas');
    expect(q.get('q-long')).toMatchObject({
      text: `<span lang="de">${long(100)}</span>`,
      translation_by: 'curator',
      gloss: `our translation: “${long(61)}”`,
      date_text: 'April 2025',
    });
    expect(q.get('q-edge')).toMatchObject({
      sources: ['s3', 's1'],
      translation_source: 's1',
      gloss: `translated by Reuters: “${long(60)}”`,
      date_text: null,
      medium: null,
    });
    expect(q.get('q-unkeyed')).toMatchObject({ speaker_is_actor: true });
    expect(q.get('q-unkeyed')!.speaker).toMatchObject({
      id: 'stmt',
      name: 'Joint statement',
      described: 'Joint statement',
    });
  });

  it("a translation's source joins the quotation's sources, once", () => {
    const data = dataset({
      quotes: [
        {
          id: 'q',
          speaker: 'kallas',
          text: 't',
          translation: 'u',
          translation_by: 'source',
          translation_source: 's2',
          context: 'c',
          sources: ['s1'],
        },
      ],
    });
    const { scope, actor, personView } = records(data);
    expect(quoteViews(scope, actor, personView).get('q')!.sources).toEqual(['s1', 's2']);
  });
});

describe('events', () => {
  const EVENTS: Event[] = [
    { id: 'later', name: 'Summit', when: 'coming_weeks', relation: 'following', summary: 'Next', sources: ['s1'] },
    {
      id: 'june',
      name: 'June talks',
      when: '2025-06',
      relation: 'following',
      summary: 'S',
      sources: ['s1'],
      pending: true,
    },
    {
      id: 'due',
      name: 'Due',
      when: '2025-04-15',
      relation: 'following',
      summary: 'S',
      sources: ['s1'],
      outcome: 'It *happened*.',
    },
    { id: 'after', name: 'After', when: '2025-04-16', relation: 'following', summary: 'S', sources: ['s1'] },
    { id: 'march', name: 'March', when: '2025-03', relation: 'following', summary: 'S', sources: ['s2'] },
    {
      id: 'dinner',
      name: 'Working dinner',
      when: '2025-04-10',
      time: '20:00',
      relation: 'during',
      summary: 'S',
      sources: ['s1'],
      place: { venue: 'Élysée Palace', city: 'Paris' },
      chairs: ['uk', 'eu'],
      convener: 'leyen',
      attendance: { value: 12, qualifier: 'about', unit: 'leaders', sources: ['s1'] },
      notes: ['Closed *door*'],
      claims: ['c2', 'c1'],
      when_note: 'reported *late*',
    },
    {
      id: 'call',
      name: 'Call',
      when: '2025-04-09',
      time: '09:00',
      timezone: 'America/New_York',
      relation: 'preceding',
      summary: 'S',
      sources: ['s1'],
    },
    {
      id: 'tokyo',
      name: 'Tokyo',
      when: '2025-04-11',
      time: '10:00',
      relation: 'following',
      summary: 'S',
      sources: ['s1'],
    },
    { id: 'span', name: 'Talks', when: '2025-05-01/2025-05-03', relation: 'following', summary: 'S', sources: ['s1'] },
    // Before the meeting, though its year runs on past the brief's date.
    { id: 'year', name: 'Talks this year', when: '2025', relation: 'preceding', summary: 'S', sources: ['s1'] },
  ];

  it('in time order, with the date as the sources give it and the day alone where it is one', () => {
    const { scope, resolve } = records(dataset({ events: EVENTS }));
    const events = eventViews(scope, resolve);
    expect(events.map((e) => [e.id, e.when_text, e.day_text])).toEqual([
      ['year', '2025', null],
      ['march', 'March 2025', null],
      ['call', '9 April 2025 at 09:00 (Eastern Daylight Time)', '9 April'],
      ['dinner', '10 April 2025 at 20:00 (Central European Summer Time)', '10 April'],
      ['later', 'in the coming weeks', null],
      ['tokyo', '11 April 2025 at 10:00', '11 April'],
      ['due', '15 April 2025', '15 April'],
      ['after', '16 April 2025', '16 April'],
      ['span', '1–3 May 2025', null],
      ['june', 'June 2025', null],
    ]);
  });

  it("past when the brief's date is on or after its last day; a preceding or during event always", () => {
    const { scope, resolve } = records(dataset({ events: EVENTS }));
    const past = Object.fromEntries(eventViews(scope, resolve).map((e) => [e.id, [e.past, e.pending]]));
    expect(past).toEqual({
      march: [true, false],
      call: [true, false],
      dinner: [true, false],
      later: [false, false],
      tokyo: [true, false],
      due: [true, false],
      after: [false, false],
      span: [false, false],
      june: [false, true],
      year: [true, false],
    });
  });

  it("an event during the meeting has its time in the meeting's zone, unless it names one; another has none", () => {
    const { scope, resolve } = records(dataset({ events: EVENTS }));
    const e = Object.fromEntries(eventViews(scope, resolve).map((x) => [x.id, x]));
    expect([
      e.dinner!.time,
      e.dinner!.time_text,
      e.call!.time_text,
      e.tokyo!.time_text,
      e.due!.time,
      e.due!.time_text,
    ]).toEqual(['20:00', '20:00 (Central European Summer Time)', '09:00 (Eastern Daylight Time)', '10:00', null, null]);
  });

  it('its place, chairs, convener, attendance, notes, claims and outcome', () => {
    const { scope, resolve } = records(dataset({ events: EVENTS }));
    const e = Object.fromEntries(eventViews(scope, resolve).map((x) => [x.id, x]));
    expect(e.dinner).toMatchObject({
      name: 'Working dinner',
      when: '2025-04-10',
      when_note: 'reported \\*late\\*',
      relation: 'during',
      place: {
        venue: 'Élysée Palace',
        city: 'Paris',
        country: null,
        text: 'Élysée Palace, Paris',
        where: 'at Élysée Palace in Paris',
      },
      attendance: { value: 12, qualifier: 'about', unit: 'leaders', text: 'about 12 leaders', sources: ['s1'] },
      notes: ['Closed \\*door\\*'],
      outcome: null,
      summary: 'S',
      sources: ['s1'],
    });
    expect(e.dinner!.chairs.map((a) => a.id)).toEqual(['uk', 'eu']);
    expect(e.dinner!.convener!.id).toBe('leyen');
    expect(e.dinner!.claims.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(e.due).toMatchObject({
      outcome: 'It \\*happened\\*.',
      place: null,
      chairs: [],
      convener: null,
      attendance: null,
      notes: [],
      claims: [],
      when_note: null,
    });
  });

  it('none in the dataset: none in the view', () => {
    const { scope, resolve } = records();
    expect(eventViews(scope, resolve)).toEqual([]);
  });
});

describe('discrepancies', () => {
  const D = (
    kind: Discrepancy['kind'],
    variants: Discrepancy['variants'],
    status: Discrepancy['status'] = 'unresolved',
    more: Partial<Discrepancy> = {},
  ): Discrepancy => ({ id: `d-${kind}`, topic: 'How *many*', kind, variants, resolution: 'Open', status, ...more });

  it('each variant worded for its kind with how many reports give it, the first with a capital, the last with a full stop', () => {
    const { scope, resolve } = records(
      dataset({
        discrepancies: [
          D(
            'count',
            [
              { value: '28 countries', sources: ['s1', 's2'] },
              { value: 'about 30;', sources: ['s3'] },
              { value: '31.  ', sources: ['s1', 's2', 's3'] },
            ],
            'resolved',
            { person: 'kallas', claims: ['c1'] },
          ),
          D('wording', [
            { value: 'a coalition', sources: ['s1'] },
            { value: 'a *club*', sources: ['s2'] },
          ]),
          D('spelling', [
            { value: 'Iwaya', sources: ['s1'] },
            { value: 'Iwaja', sources: ['s2'] },
          ]),
          D('fact', [
            { value: 'it met in Paris', sources: ['s1'] },
            { value: 'It met in London.', sources: ['s2'] },
          ]),
          D('attribution', [
            { value: 'CNN reported it', sources: ['s1'] },
            { value: 'Rubio called it false', sources: ['s2'] },
          ]),
          // Only a stop at the end gives way to the sentence's own.
          D('fact', [{ value: 'U.S. troops; none.', sources: ['s1'] }]),
        ],
      }),
    );
    const d = discrepancyViews(scope, resolve);
    expect(d.map((x) => x.variants.map((v) => v.text))).toEqual([
      ['Figures differ: 28 countries (two sources);', 'about 30 (one report);', '31 (three sources).'],
      ['Reports describe it as a coalition (one source);', 'as a \\*club\\* (one source).'],
      ['Written “Iwaya” (one source);', '“Iwaja” (one source).'],
      ['It met in Paris (one source).', 'It met in London (one source).'],
      ['CNN reported it (one source);', 'Rubio called it false (one source).'],
      ['U.S. troops; none (one source).'],
    ]);
    expect(d[0]!.variants.map((v) => [v.value, v.reports, v.sources])).toEqual([
      ['28 countries', 'two sources', ['s1', 's2']],
      ['about 30;', 'one report', ['s3']],
      ['31\\.', 'three sources', ['s1', 's2', 's3']],
    ]);
    expect(d[0]).toMatchObject({
      id: 'd-count',
      topic: 'How \\*many\\*',
      kind: 'count',
      resolution: 'Open',
      status: 'resolved',
      resolved: true,
      sources: ['s1', 's2', 's3'],
    });
    expect(d[0]!.person!.id).toBe('kallas');
    expect(d[0]!.claims.map((c) => c.id)).toEqual(['c1']);
    expect(d[1]).toMatchObject({ resolved: false, person: null, claims: [], sources: ['s1', 's2'] });
  });

  it('none in the dataset: none in the view', () => {
    const { scope, resolve } = records();
    expect(discrepancyViews(scope, resolve)).toEqual([]);
  });

  it('a count of ten reports in figures', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const { scope, resolve } = records(
      dataset({
        discrepancies: [
          D('count', [
            { value: '28', sources: ten },
            { value: '30', sources: ['s1'] },
          ]),
        ],
      }),
    );
    expect(discrepancyViews(scope, resolve)[0]!.variants.map((v) => v.text)).toEqual([
      'Figures differ: 28 (10 sources);',
      '30 (one source).',
    ]);
  });
});

describe('places, counts and sources', () => {
  it('a place with or without its venue, a country alone, a description', () => {
    const data = dataset({});
    expect(
      place({ venue: 'Élysée *Palace*', city: 'Paris', country: 'FR' }, { data, labels: en, prose: (t) => `[${t}]` }),
    ).toEqual({
      venue: '[Élysée *Palace*]',
      city: '[Paris]',
      country: 'FR',
      country_name: 'France',
      description: null,
      text: '[Élysée *Palace*], [Paris]',
      where: 'at [Élysée *Palace*] in [Paris]',
    });
    expect(place({ city: 'Paris' }, { data, labels: en, prose: (t) => t })).toEqual({
      venue: null,
      city: 'Paris',
      country: null,
      country_name: null,
      description: null,
      text: 'Paris',
      where: 'in Paris',
    });
    // A country no actor has: ICU's name for it in the document's language.
    expect(place({ country: 'ZA', description: 'on the *margins*' }, { data, labels: en, prose: (t) => t })).toEqual({
      venue: null,
      city: null,
      country: 'ZA',
      country_name: 'South Africa',
      description: 'on the *margins*',
      text: 'South Africa (on the *margins*)',
      where: 'in South Africa (on the *margins*)',
    });
  });

  it('a count with its qualifier, in words up to nine', () => {
    const c = (value: number, qualifier: 'exact' | 'about' | 'at_least' | 'up_to') =>
      countView({ value, qualifier, unit: 'countries', sources: ['s1'] }, { labels: en, prose: (t) => t }).text;
    expect([c(3, 'exact'), c(30, 'about'), c(12, 'at_least'), c(5, 'up_to'), c(1200, 'exact')]).toEqual([
      'three countries',
      'about 30 countries',
      'at least 12 countries',
      'up to five countries',
      '1,200 countries',
    ]);
    // A qualifier the labels do not have prints none.
    expect(c(30, 'roughly' as 'about')).toBe('30 countries');
    expect(
      countView(
        { value: 2, qualifier: 'exact', unit: 'leaders', sources: ['s1', 's2'] },
        { labels: en, prose: (t) => `<${t}>` },
      ),
    ).toEqual({ value: 2, qualifier: 'exact', unit: '<leaders>', text: 'two <leaders>', sources: ['s1', 's2'] });
  });

  it('a source as a reader finds it: headline in quotes, outlet and byline, date, link; never its file', () => {
    const s = sourceView(SOURCES[0]!, { labels: en, prose: (t) => t });
    expect(s).toEqual({
      id: 's1',
      file: 'reuters.txt',
      title: 'Leaders meet in Paris',
      has_headline: true,
      kind: 'news',
      outlet: 'Reuters',
      byline: 'Jane Doe',
      date: '2025-04-10',
      date_text: '10 April 2025',
      date_basis: 'report',
      dateline: null,
      url: '<https://example.org/news/1>',
      link: '<https://example.org/news/1>',
      reliability: 'high',
      notes: ['Updated \\*twice\\*'],
      citation: '“Leaders meet in Paris”, Reuters, Jane Doe, 10 April 2025. <https://example.org/news/1>',
      lang: null,
    });
    expect(sourceView(SOURCES[1]!, { labels: en, prose: (t) => t })).toMatchObject({
      has_headline: false,
      outlet: null,
      byline: null,
      date_text: 'April 2025',
      date_basis: 'url',
      dateline: 'PARIS',
      url: null,
      link: null,
      reliability: null,
      notes: [],
      citation: 'Joint statement, April 2025.',
    });
    expect(sourceView(SOURCES[2]!, { labels: en, prose: (t) => t })).toMatchObject({
      date: null,
      date_text: null,
      date_basis: null,
      citation: '“Notes”, A. Writer, undated.',
    });
    expect(sourceView({ ...SOURCES[2]!, date: '2025-late' }, { labels: en, prose: (t) => t }).date_text).toBe(
      'late 2025',
    );
  });
});

describe('a name as a sentence reads it: "the" where English puts one', () => {
  it.each([
    ['Holy See', 'the Holy See'],
    ['The Gambia', 'The Gambia'],
    ['the Bahamas', 'the Bahamas'],
    ['Republic of Moldova', 'the Republic of Moldova'],
    ['Federal Republic of Germany', 'the Federal Republic of Germany'],
    ['Kingdomland', 'Kingdomland'],
    ['Solomon Islands', 'the Solomon Islands'],
    ['World Bank', 'the World Bank'],
    ['Bank of England', 'Bank of England'],
    ['Philippines', 'the Philippines'],
    ['Unitedia', 'Unitedia'],
    ['Islands Trust Fund', 'the Islands Trust Fund'],
    ['World Health Organization', 'the World Health Organization'],
    ['Shanghai Cooperation Organisation', 'the Shanghai Cooperation Organisation'],
    ['Organisationland', 'Organisationland'],
    ['Ukraine', 'Ukraine'],
    ['The United Kingdom', 'The United Kingdom'],
    ['Republic of the Congo', 'the Republic of the Congo'],
  ])('%s reads "%s"', (name, expected) => {
    expect(shortInSentence({ name })).toBe(expected);
  });

  it('an initialism takes "the" only when its full name does, by its sentence form or its article', () => {
    expect(
      shortInSentence({ name: 'Republic of Korea', short_name: 'ROK', name_in_sentence: 'The Republic of Korea' }),
    ).toBe('the ROK');
    expect(shortInSentence({ name: 'Korea', short_name: 'ROK' })).toBe('ROK');
    expect(
      shortInSentence({
        name: 'Kingdom of the Netherlands',
        short_name: 'NL',
        name_in_sentence: 'Kingdom of the Netherlands',
      }),
    ).toBe('NL');
    expect(shortInSentence({ name: 'United Kingdom', short_name: 'Uk' })).toBe('Uk');
    expect(shortInSentence({ name: 'United Kingdom', short_name: 'U' })).toBe('U');
  });
});

describe('sources cited once, in the order first cited', () => {
  it('sourcesOf and unique', () => {
    expect(sourcesOf([{ sources: ['s2', 's1'] }, { sources: ['s1', 's3'] }, { sources: [] }])).toEqual([
      's2',
      's1',
      's3',
    ]);
    expect(unique(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });
});
