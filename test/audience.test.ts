// Which facts an audience's variant keeps (src/data/audience.ts) and how items
// rank by their handling marking (src/data/markings.ts), called in this
// process so that the mutation run (npm run test:mutation) sees them; the
// variants built through the CLI are test/audiences.test.ts. The dataset is
// made here; every expected list is written out from its markings, not
// computed by the code under test.
import { describe, expect, it } from 'vitest';
import { earlierRanks, forAudience, levelOf, ownRanks } from '../src/data/audience.js';
import { highestMarking, keyOf, rankIn } from '../src/data/markings.js';
import type { Dataset } from '../src/data/types.js';

const MARKINGS = [
  { id: 'official', word: 'OFFICIAL' },
  { id: 'sensitive', word: 'OFFICIAL-SENSITIVE' },
  { id: 'secret', word: 'SECRET' },
];
const OPEN = 0;
const SENSITIVE = 1;
const SECRET = 2;

function dataset(): Dataset {
  return {
    schema_version: 2,
    vocabulary: { markings: MARKINGS },
    brief: {
      title: 'T',
      to: 'a',
      from: 'b',
      as_of: '2025-04-15',
      author: 'c',
      language: 'en',
      summary: [
        { text: 'open point', claims: ['c1'] },
        { text: 'point citing a sensitive claim', claims: ['c2'] },
        { text: 'secret point', claims: ['c1'], marking: 'secret' },
      ],
    },
    meeting: {
      name: 'M',
      date: '2025-04-10',
      place: { city: 'Paris' },
      format: 'f',
      level: 'officials',
      hosts: ['fr'],
      purpose: 'p',
      chairs: ['p1', 'p2'],
      participants: { value: 3, qualifier: 'exact', unit: 'countries', sources: ['s2', 's1'] },
      sources: ['s1', 's2', 's3'],
      first_at_level: true,
      first_at_level_sources: ['s3', 's1'],
    },
    sources: [
      { id: 's1', file: 'a.txt', title: 'A', kind: 'news' },
      { id: 's2', file: 'b.txt', title: 'B', kind: 'news', marking: 'sensitive' },
      { id: 's3', file: 'c.txt', title: 'C', kind: 'news', marking: 'secret' },
    ],
    actors: [
      { id: 'fr', name: 'France', kind: 'state', role: 'host' },
      { id: 'de', name: 'Germany', kind: 'state', role: 'participant' },
    ],
    people: [
      {
        id: 'p1',
        name: 'Open Person',
        role: 'r',
        actor: 'fr',
        sources: ['s1', 's2'],
        native_name_sources: ['s2', 's1'],
        variants: [
          { spelling: 'Only sensitive', sources: ['s2'] },
          { spelling: 'Both', sources: ['s2', 's1'] },
        ],
      },
      { id: 'p2', name: 'Sensitive Person', role: 'r', actor: 'de', sources: ['s1'], marking: 'sensitive' },
    ],
    dimensions: [
      { id: 'd', label: 'D', question: 'Q?', categories: ['yes', 'no'] },
      { id: 'e', label: 'E', question: 'Q?', categories: ['yes', 'no'] },
    ],
    positions: [
      {
        actor: 'fr',
        key_quote: 'q2',
        stances: { d: { value: 'yes', speaker: 'p2', sources: ['s1', 's2'] }, e: { value: 'no' } },
      },
      {
        actor: 'de',
        key_quote: 'q1',
        stances: { d: { value: 'no', speaker: 'p1', sources: ['s3'] }, e: { value: 'yes' } },
        marking: 'secret',
      },
    ],
    quotes: [
      { id: 'q1', speaker: 'p1', text: 't', context: 'c', sources: ['s1', 's2'] },
      { id: 'q2', speaker: 'p2', text: 't', context: 'c', sources: ['s1'], marking: 'sensitive' },
      // An actor's statement: no person to lose.
      { id: 'q3', speaker: 'fr', text: 't', context: 'c', sources: ['s1', 's3'] },
      // Unmarked, but by a person an open audience may not read about.
      { id: 'q4', speaker: 'p2', text: 't', context: 'c', sources: ['s1'] },
    ],
    claims: [
      { id: 'c1', kind: 'fact', topic: 'meeting', text: 't', speaker: 'p1', sources: ['s1', 's3'] },
      { id: 'c2', kind: 'fact', topic: 'meeting', text: 't', sources: ['s1'], marking: 'sensitive' },
      { id: 'c3', kind: 'fact', topic: 'meeting', text: 't', speaker: 'p2', sources: ['s1'] },
    ],
    open_questions: [
      { id: 'oq1', topic: 't', question: 'q', detail: 'd', claims: ['c2'], sources: ['s1'] },
      { id: 'oq2', topic: 't', question: 'q', detail: 'd', sources: ['s1', 's2'] },
      { id: 'oq3', topic: 't', question: 'q', detail: 'd', sources: ['s1'], marking: 'secret' },
    ],
    events: [
      { id: 'e1', name: 'n', when: '2025-05', relation: 'following', summary: 's', convener: 'p2', sources: ['s1'] },
      {
        id: 'e2',
        name: 'n',
        when: '2025-05',
        relation: 'following',
        summary: 's',
        attendance: { value: 9, qualifier: 'about', unit: 'u', sources: ['s1', 's2'] },
        sources: ['s2', 's1'],
      },
      {
        id: 'e3',
        name: 'n',
        when: '2025-05',
        relation: 'following',
        summary: 's',
        claims: ['c1'],
        convener: 'p1',
        sources: ['s1'],
      },
      {
        id: 'e4',
        name: 'n',
        when: '2025-05',
        relation: 'following',
        summary: 's',
        sources: ['s1'],
        marking: 'sensitive',
      },
      { id: 'e5', name: 'n', when: '2025-05', relation: 'following', summary: 's', claims: ['c2'], sources: ['s1'] },
    ],
    discrepancies: [
      {
        id: 'd1',
        topic: 't',
        kind: 'spelling',
        variants: [{ value: 'a', sources: ['s1'] }],
        resolution: 'r',
        status: 'resolved',
        person: 'p2',
      },
      {
        id: 'd2',
        topic: 't',
        kind: 'fact',
        variants: [
          { value: 'a', sources: ['s2'] },
          { value: 'b', sources: ['s1', 's3'] },
        ],
        resolution: 'r',
        status: 'resolved',
        person: 'p1',
        claims: ['c1'],
      },
      {
        id: 'd3',
        topic: 't',
        kind: 'fact',
        variants: [{ value: 'a', sources: ['s1'] }],
        resolution: 'r',
        status: 'resolved',
        claims: ['c3'],
      },
      {
        id: 'd4',
        topic: 't',
        kind: 'fact',
        variants: [{ value: 'a', sources: ['s1'] }],
        resolution: 'r',
        status: 'resolved',
        marking: 'secret',
      },
    ],
  } as Dataset;
}

const ids = (xs: { id: string }[] | undefined) => (xs ?? []).map((x) => x.id);

describe("an audience's variant of the dataset", () => {
  it('an audience cleared for the lowest marking: every item marked above it goes, with every reference to it', () => {
    const out = forAudience(dataset(), OPEN);
    expect(ids(out.sources)).toEqual(['s1']);
    expect(ids(out.people)).toEqual(['p1']);
    expect(out.people[0]).toMatchObject({
      sources: ['s1'],
      native_name_sources: ['s1'],
      variants: [{ spelling: 'Both', sources: ['s1'] }],
    });
    expect(out.positions.map((p) => p.actor)).toEqual(['fr']);
    // The key quote is marked higher and the speaker is a person left out: both go; the answers stay.
    expect(out.positions[0]).toEqual({
      actor: 'fr',
      stances: { d: { value: 'yes', sources: ['s1'] }, e: { value: 'no' } },
    });
    expect(ids(out.quotes)).toEqual(['q1', 'q3']);
    expect(out.quotes.map((q) => q.sources)).toEqual([['s1'], ['s1']]);
    expect(ids(out.claims)).toEqual(['c1']);
    expect(out.claims[0]!.sources).toEqual(['s1']);
    expect(out.brief.summary!.map((p) => p.text)).toEqual(['open point']);
    expect(ids(out.open_questions)).toEqual(['oq2']);
    expect(out.open_questions![0]!.sources).toEqual(['s1']);
    expect(ids(out.events)).toEqual(['e2', 'e3']);
    expect(out.events![0]).toMatchObject({
      sources: ['s1'],
      attendance: { value: 9, qualifier: 'about', unit: 'u', sources: ['s1'] },
    });
    expect(ids(out.discrepancies)).toEqual(['d2']);
    expect(out.discrepancies![0]!.variants).toEqual([{ value: 'b', sources: ['s1'] }]);
    expect(out.meeting).toMatchObject({
      sources: ['s1'],
      chairs: ['p1'],
      first_at_level_sources: ['s1'],
      participants: { value: 3, sources: ['s1'] },
    });
    // What no marking touches stays as it was.
    expect(out.actors).toEqual(dataset().actors);
    expect(out.dimensions).toEqual(dataset().dimensions);
    expect(out.brief.title).toBe('T');
  });

  it('an audience cleared for the middle marking reads the sensitive items, not the secret ones', () => {
    const out = forAudience(dataset(), SENSITIVE);
    expect(ids(out.sources)).toEqual(['s1', 's2']);
    expect(ids(out.people)).toEqual(['p1', 'p2']);
    expect(out.people[0]).toMatchObject({
      native_name_sources: ['s2', 's1'],
      variants: [
        { spelling: 'Only sensitive', sources: ['s2'] },
        { spelling: 'Both', sources: ['s2', 's1'] },
      ],
    });
    expect(out.positions).toEqual([
      {
        actor: 'fr',
        key_quote: 'q2',
        stances: { d: { value: 'yes', speaker: 'p2', sources: ['s1', 's2'] }, e: { value: 'no' } },
      },
    ]);
    expect(ids(out.quotes)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(out.quotes[2]!.sources).toEqual(['s1']);
    expect(ids(out.claims)).toEqual(['c1', 'c2', 'c3']);
    expect(out.brief.summary!.map((p) => p.text)).toEqual(['open point', 'point citing a sensitive claim']);
    expect(ids(out.open_questions)).toEqual(['oq1', 'oq2']);
    expect(ids(out.events)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(ids(out.discrepancies)).toEqual(['d1', 'd2', 'd3']);
    expect(out.discrepancies![1]!.variants).toEqual([
      { value: 'a', sources: ['s2'] },
      { value: 'b', sources: ['s1'] },
    ]);
    expect(out.meeting).toMatchObject({ sources: ['s1', 's2'], chairs: ['p1', 'p2'], first_at_level_sources: ['s1'] });
  });

  it('an audience cleared for the highest marking reads the whole dataset', () => {
    expect(forAudience(dataset(), SECRET)).toEqual(dataset());
  });

  it('a dataset without the optional lists gains none', () => {
    const data = dataset();
    delete data.open_questions;
    delete data.events;
    delete data.discrepancies;
    delete data.brief.summary;
    delete data.meeting.chairs;
    delete data.meeting.first_at_level_sources;
    delete data.people[0]!.native_name_sources;
    delete data.people[0]!.variants;
    const out = forAudience(data, OPEN);
    expect(['open_questions', 'events', 'discrepancies'].filter((k) => k in out)).toEqual([]);
    expect('summary' in out.brief).toBe(false);
    expect(['chairs', 'first_at_level_sources'].filter((k) => k in out.meeting)).toEqual([]);
    expect(['native_name_sources', 'variants'].filter((k) => k in out.people[0]!)).toEqual([]);
  });

  it('the level an audience may read up to: the index of its marking', () => {
    expect(levelOf(dataset(), { id: 'press', name: 'Press', up_to: 'official' })).toBe(0);
    expect(levelOf(dataset(), { id: 'cabinet', name: 'Cabinet', up_to: 'secret' })).toBe(2);
    expect(levelOf(dataset(), { id: 'x', name: 'X', up_to: 'nope' })).toBe(-1);
  });
});

describe('how an item ranks', () => {
  it('by its own marking, else brief.marking, else the lowest; an unknown marking ranks above every known one', () => {
    const data = dataset();
    const rank = rankIn(data);
    expect([
      rank({}),
      rank({ marking: 'official' }),
      rank({ marking: 'sensitive' }),
      rank({ marking: 'secret' }),
      rank({ marking: 'cosmic' }),
    ]).toEqual([0, 0, 1, 2, 3]);
    data.brief.marking = 'sensitive';
    expect([rankIn(data)({}), rankIn(data)({ marking: 'official' })]).toEqual([1, 0]);
    expect(ownRanks(data)('claims', { marking: 'secret' })).toBe(2);
    expect(ownRanks(data)('claims', {})).toBe(1);
    expect(rankIn({ brief: data.brief })({ marking: 'secret' })).toBe(0);
  });

  it('an item is known by its id, a position by its actor', () => {
    expect(keyOf({ id: 'c1' })).toBe('c1');
    expect(keyOf({ actor: 'fr', stances: {} })).toBe('actor:fr');
  });

  it("the highest marking any item carries, the brief's own included; none when the dataset declares none", () => {
    const data = dataset();
    expect(highestMarking(data)!.id).toBe('secret');
    const open = dataset();
    for (const section of [
      'sources',
      'people',
      'positions',
      'quotes',
      'claims',
      'open_questions',
      'events',
      'discrepancies',
    ] as const) {
      for (const item of (open[section] ?? []) as { marking?: string }[]) delete item.marking;
    }
    open.brief.summary = [];
    expect(highestMarking(open)!.id).toBe('official');
    open.brief.summary = [{ text: 'p', claims: [], marking: 'sensitive' }];
    expect(highestMarking(open)!.id).toBe('sensitive');
    open.brief.summary = [];
    open.brief.marking = 'sensitive';
    expect(highestMarking(open)!.id).toBe('sensitive');
    open.events![2]!.marking = 'cosmic';
    expect(highestMarking(open)!.id).toBe('secret');
    delete open.vocabulary;
    expect(highestMarking(open)).toBeUndefined();
  });

  it("an earlier version's items rank by the higher of their own marking and the current version's marking of the same item", () => {
    const earlier = dataset();
    const current = dataset();
    current.claims[0]!.marking = 'secret';
    current.positions[0]!.marking = 'sensitive';
    earlier.claims.push(
      { id: 'gone', kind: 'fact', topic: 'meeting', text: 't', sources: ['s1'] },
      { id: 'gone-secret', kind: 'fact', topic: 'meeting', text: 't', sources: ['s1'], marking: 'secret' },
    );
    const ranks = earlierRanks(earlier, current);
    expect(earlier.claims.map((c) => ranks('claims', c))).toEqual([SECRET, SENSITIVE, OPEN, OPEN, SECRET]);
    expect(earlier.positions.map((p) => ranks('positions', p))).toEqual([SENSITIVE, SECRET]);
    // The same id in another section is another item.
    expect(ranks('events', { id: 'c1' } as never)).toBe(OPEN);
    // The earlier version's own brief.marking ranks its unmarked items, else the current one's; an unknown id ranks highest.
    earlier.brief.marking = 'sensitive';
    expect(earlierRanks(earlier, current)('claims', earlier.claims[3]!)).toBe(SENSITIVE);
    delete earlier.brief.marking;
    current.brief.marking = 'sensitive';
    expect(earlierRanks(earlier, current)('claims', earlier.claims[3]!)).toBe(SENSITIVE);
    expect(earlierRanks(earlier, current)('claims', { marking: 'cosmic' } as never)).toBe(3);
    // Each section is looked up as itself: an item marked now in any section goes from the earlier version too.
    const now = dataset();
    now.sources[1]!.marking = 'secret';
    now.people[1]!.marking = 'secret';
    now.quotes[2]!.marking = 'secret';
    now.positions[0]!.marking = 'secret';
    now.open_questions![1]!.marking = 'secret';
    now.events![1]!.marking = 'secret';
    now.discrepancies![1]!.marking = 'secret';
    const was = forAudience(dataset(), SENSITIVE, earlierRanks(dataset(), now));
    expect([
      ids(was.sources),
      ids(was.people),
      was.positions.map((p) => p.actor),
      ids(was.quotes),
      ids(was.claims),
      ids(was.open_questions),
      ids(was.events),
      ids(was.discrepancies),
    ]).toEqual([['s1'], ['p1'], [], ['q1'], ['c1', 'c2'], ['oq1'], ['e3', 'e4', 'e5'], []]);
    const quoteNow = dataset();
    quoteNow.quotes[1]!.marking = 'secret';
    expect(
      forAudience(dataset(), SENSITIVE, earlierRanks(dataset(), quoteNow)).positions[0]!.key_quote,
    ).toBeUndefined();
    // The variant of an earlier version leaves out what is marked now.
    expect(ids(forAudience(earlier, OPEN, earlierRanks(earlier, dataset())).claims)).toEqual(['c1', 'gone']);
    expect(ids(forAudience(earlier, OPEN, ranks).claims)).toEqual(['gone']);
  });
});
