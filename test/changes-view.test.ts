// What changed since an earlier version, in words (src/view/changes.ts),
// called in this process so that the mutation run (npm run test:mutation)
// sees it: each change's sentence, its fields as was and now (names for ids,
// category words, dates in words), the count and the breakdown. The earlier
// and later versions are the Tokyo trilateral fixture with a few things
// changed here; every expected sentence is written out from the fixture and
// the English labels, not computed by the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { diffDatasets } from '../src/data/diff.js';
import { changesView } from '../src/view/changes.js';
import { ROOT } from './helpers.js';

const TRILATERAL = join(ROOT, 'test', 'fixtures', 'shapes', 'trilateral-tokyo-2025-03-22.yaml');
const en = englishLabels();
let text: string;
const data = (): Dataset => parseYamlText(text) as Dataset;

beforeAll(() => {
  text = readFileSync(TRILATERAL, 'utf8');
});

const view = (old: Dataset, now: Dataset) => changesView({ data: old, label: 'old.yaml' }, now, en).view!;

describe('no earlier version, or nothing changed', () => {
  it('none without an earlier version', () => {
    expect(changesView(undefined, data(), en)).toEqual({ view: null, changes: [] });
  });

  it("the same data: no changes, since the earlier version's number and date, else its as-of date", () => {
    const v = view(data(), data());
    expect(v).toMatchObject({
      since: 'version 1.1 of 23 March 2025',
      none: true,
      count: 0,
      count_text: 'no changes',
      breakdown_text: '',
      added: 0,
      removed: 0,
      changed: 0,
      items: [],
      sections: [],
      cells_changed: false,
    });
    const old = data();
    delete old.control;
    old.brief.as_of = '2025-03-22';
    expect(view(old, data()).since).toBe('the version of 22 March 2025');
  });
});

describe('each change in words', () => {
  const texts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.text);

  it('an answer in the matrix: its actor and question, the category words was and now', () => {
    const now = data();
    now.positions[0]!.stances.summit!.value = 'reserved';
    const v = view(data(), now);
    expect(v.items.map((i) => [i.section, i.id, i.kind, i.kind_word, i.subject, i.text, i.sources])).toEqual([
      [
        'positions',
        'china/summit',
        'changed',
        'Changed',
        "China, Leaders' summit",
        "Changed: China, Leaders' summit: now Reserved (was: Supports).",
        ['t1', 't3'],
      ],
    ]);
    expect(v.items[0]!.fields).toEqual([
      { field: 'value', was: 'Supports', now: 'Reserved', text: 'now Reserved (was: Supports)' },
    ]);
    expect(v.cells_changed).toBe(true);
    expect(v).toMatchObject({
      none: false,
      count: 1,
      count_text: 'one change',
      breakdown_text: 'one changed',
      added: 0,
      removed: 0,
      changed: 1,
    });
    expect(v.sections.map((s) => [s.id, s.heading, s.items.length])).toEqual([['positions', 'Positions', 1]]);
  });

  it("a condition given where there was none; a question's own word for a category", () => {
    const old = data();
    const now = data();
    now.positions[1]!.stances.summit!.condition = 'if held in Japan';
    old.dimensions[0]!.categories = ['supports', { id: 'reserved', word: 'Holds back' }, 'not_stated'];
    now.dimensions[0]!.categories = ['supports', { id: 'reserved', word: 'Holds back' }, 'not_stated'];
    now.positions[0]!.stances.denuclearisation!.value = 'supports';
    expect(texts(old, now)).toEqual([
      'Changed: China, North Korea: now Supports (was: Holds back).',
      "Changed: Japan, Leaders' summit: condition now “if held in Japan” (was: none).",
    ]);
  });

  it("a speaker alone changed is no change of the answer's cell", () => {
    const now = data();
    now.positions[2]!.stances.summit!.speaker = 'cho';
    const v = view(data(), now);
    expect(v.items.map((i) => i.text)).toEqual([
      "Changed: South Korea, Leaders' summit: speaker now Cho Tae-yul (was: none).",
    ]);
    expect(v.cells_changed).toBe(false);
  });

  it('a claim reworded, added, withdrawn, its sources changed', () => {
    const old = data();
    const now = data();
    old.claims[1]!.text = 'The talks lasted three hours.';
    now.claims.push({ id: 'c-new', kind: 'fact', topic: 'meeting', text: 'A new fact.', sources: ['t1'] });
    now.claims.splice(7, 1);
    now.claims[0]!.sources = ['t2', 't1', 't4'];
    now.sources.push({ id: 't4', file: 'tri-4.txt', title: 'Ministers meet again', kind: 'news_report' });
    const v = view(old, now);
    expect(v.items.map((i) => [i.kind, i.text, i.sources])).toEqual([
      [
        'changed',
        'Changed: The foreign ministers of Japan, China and South Korea met in Tokyo for the first time in nearly two years: sources: adds one, drops one.',
        ['t2', 't1', 't4'],
      ],
      [
        'changed',
        'Changed: The talks lasted about two hours and were followed by a working dinner: was: “The talks lasted three hours.”.',
        ['t1'],
      ],
      // Added items come in the later version's order, withdrawn ones after them.
      ['added', 'New: A new fact.', ['t1']],
      ['removed', 'Withdrawn: Four working groups are to report before the summit.', ['t3']],
      ['added', 'New: “Ministers meet again”.', ['t4']],
    ]);
    expect(v.items[0]!.fields).toEqual([
      {
        field: 'sources',
        was: "“Three foreign ministers meet in Tokyo, eye summit”, “Tokyo talks end without joint line on Pyongyang” and “Trilateral ministers agree to prepare leaders' summit”",
        now: '“Tokyo talks end without joint line on Pyongyang”, “Three foreign ministers meet in Tokyo, eye summit” and “Ministers meet again”',
        text: "sources: adds “Ministers meet again”, and drops “Trilateral ministers agree to prepare leaders' summit”",
      },
    ]);
    expect(v).toMatchObject({
      count: 5,
      count_text: 'five changes',
      breakdown_text: 'two new, two changed, one withdrawn',
      added: 2,
      changed: 2,
      removed: 1,
      cells_changed: false,
    });
    expect(v.sections.map((s) => [s.id, s.heading, s.items.map((i) => i.id)])).toEqual([
      ['claims', 'Facts and statements', ['c-met', 'c-two-hours', 'c-new', 'c-4-people']],
      ['sources', 'Sources', ['t4']],
    ]);
  });

  it('a list that gains two and loses two names them with "and"', () => {
    const now = data();
    now.claims[0]!.sources = ['t4', 't5'];
    now.sources.push(
      { id: 't4', file: 'a', title: 'Four', kind: 'news' },
      { id: 't5', file: 'b', title: 'Five', kind: 'news' },
    );
    const old = data();
    old.claims[0]!.sources = ['t1', 't2'];
    expect(view(old, now).items[0]!.fields[0]!.text).toBe(
      'sources: adds “Four” and “Five”, and drops “Three foreign ministers meet in Tokyo, eye summit” and “Tokyo talks end without joint line on Pyongyang”',
    );
  });

  it('dates in words: an event moved, a source redated', () => {
    const now = data();
    now.events![0]!.when = '2025-11';
    now.sources[2]!.date = '2025-03-24';
    now.sources[1]!.date = '2025-03-late';
    expect(texts(data(), now)).toEqual([
      "Changed: Trilateral leaders' summit: date now November 2025 (was: later in 2025).",
      // A field the labels do not name (changes.fields) is named by its key.
      'Changed: “Tokyo talks end without joint line on Pyongyang”: date late March 2025 (was: 22 March 2025).',
      "Changed: “Trilateral ministers agree to prepare leaders' summit”: date 24 March 2025 (was: 23 March 2025).",
    ]);
  });

  it("names for ids: a quotation's speaker, an event's chairs, a person's actor", () => {
    const old = data();
    const now = data();
    now.quotes[0]!.speaker = 'wang';
    now.events![1]!.chairs = ['japan', 'korea'];
    now.people[2]!.actor = 'japan';
    now.quotes[0]!.context = 'At the dinner.';
    expect(texts(old, now)).toEqual([
      'Changed: Cho Tae-yul: actor Japan (was: South Korea).',
      'Changed: “We have restarted a conversation that our region cannot do without” (Wang Yi): speaker now Wang Yi (was: Iwaya Takeshi); context now “At the dinner.” (was: “At the closing press conference.”).',
      "Changed: Senior officials' meeting: chairs: adds two.",
    ]);
  });

  it("an actor's, a person's, an open question's and a discrepancy's subject; a withdrawn item in the words it had", () => {
    const old = data();
    const now = data();
    now.actors[2]!.note = 'Officially the ROK.';
    now.people[0]!.role = 'Foreign Minister';
    now.open_questions = [
      { id: 'oq', topic: 'Summit', question: 'When will the *leaders* meet?', detail: 'd', sources: ['t3'] },
    ];
    now.discrepancies![0]!.status = 'unresolved';
    old.actors[3]!.short_name = 'DPRK';
    expect(texts(old, now)).toEqual([
      'Changed: South Korea: note “Officially the ROK.” (was: “Officially the Republic of Korea; the reports call it South Korea.”).',
      'Changed: North Korea: was: DPRK.',
      'Changed: Iwaya Takeshi: role now Foreign Minister (was: Minister for Foreign Affairs).',
      'New: When will the \\*leaders\\* meet?',
      'Changed: How long the talks lasted: status now unresolved (was: resolved).',
    ]);
  });

  it("document control: the section's name stands for the subject; the as-of time in its zone", () => {
    const now = data();
    now.control!.version = '1.2';
    now.control!.as_of = '2025-03-24T03:00:00Z';
    delete now.control!.superseded_by;
    const v = view(data(), now);
    expect(v.items.map((i) => [i.subject, i.text])).toEqual([
      [
        '',
        'Changed: Document control: version now 1.2 (was: 1.1); superseded by none (was: 1.2); as of 24 March 2025, 12:00 GMT+9 (was: 23 March 2025, 10:30 GMT+9).',
      ],
    ]);
  });

  it('a withdrawn quotation names its speaker as the earlier version did; an actor as speaker by its short name', () => {
    const old = data();
    old.actors.push({
      id: 'joint',
      name: 'Joint statement of the ministers',
      short_name: 'Joint statement',
      kind: 'document',
      role: 'participant',
    });
    old.quotes.push({ id: 'q-joint', speaker: 'joint', text: 'We agree.', context: 'c', sources: ['t3'] });
    old.quotes.push({ id: 'q-ghost', speaker: 'nobody', text: 'Who?', context: 'c', sources: ['t3'] });
    expect(texts(old, data())).toEqual([
      'Withdrawn: Joint statement.',
      'Withdrawn: “We agree.” (Joint statement).',
      'Withdrawn: “Who?” (nobody).',
    ]);
  });
});

describe('more fields in words', () => {
  const texts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.text);

  it('a summary of a position names its actor alone; a convener and a person by name; notes, a place and the versions as lists', () => {
    const old = data();
    const now = data();
    now.positions[1]!.summary = 'Backs both.';
    now.events![1]!.convener = 'wang';
    now.events![1]!.notes = ['Closed', 'Short'];
    now.events![1]!.place = { venue: 'the Foreign Ministry', city: 'Seoul' };
    now.discrepancies![0]!.person = 'cho';
    now.control!.history!.push({ version: '1.2', date: '2025-03-24', change: 'More.' });
    expect(texts(old, now)).toEqual([
      'Changed: Document control: versions now 1.0, 1.1 and 1.2 (was: 1.0 and 1.1).',
      'Changed: Japan: summary now “Backs both.” (was: none).',
      'Changed: How long the talks lasted: person Cho Tae-yul (was: none).',
      "Changed: Senior officials' meeting: convener Wang Yi (was: none); notes Closed and Short (was: none); place venue: the Foreign Ministry, city: Seoul (was: none).",
    ]);
    const v = view(old, now);
    // (A discrepancy carries its sources on its variants, and its change cites none: reported, not settled here.)
    expect(v.items.map((i) => [i.section_label, i.section === 'discrepancies' ? '-' : i.sources])).toEqual([
      ['Document control', []],
      ['Positions', []],
      ['Points on which reports differ', '-'],
      ['Events', ['t1']],
    ]);
  });

  it('without document control, the as-of date; document control given or dropped', () => {
    const old = data();
    const now = data();
    delete old.control;
    delete now.control;
    now.brief.as_of = '2025-03-24';
    expect(texts(old, now)).toEqual(['Changed: Document control: as of 24 March 2025 (was: 23 March 2025).']);
    expect(texts(old, data())).toEqual(['New: Document control.']);
    expect(texts(data(), now)).toEqual(['Withdrawn: Document control.']);
  });

  it('a list only dropped from; an open question raised by other actors', () => {
    const old = data();
    const now = data();
    old.open_questions = [
      { id: 'oq', topic: 't', question: 'When?', detail: 'd', raised_by: ['japan', 'korea'], sources: ['t1', 't3'] },
    ];
    now.open_questions = [
      { id: 'oq', topic: 't', question: 'When?', detail: 'd', raised_by: ['china'], sources: ['t1'] },
    ];
    const v = view(old, now);
    expect(v.items.map((i) => i.text)).toEqual(['Changed: When?: raised by: adds one, drops two; sources: drops one.']);
    expect(v.items[0]!.fields.map((f) => f.text)).toEqual([
      'raised by: adds China, and drops Japan and South Korea',
      "sources: drops “Trilateral ministers agree to prepare leaders' summit”",
    ]);
  });
});

describe('what counts as a change (src/data/diff.ts)', () => {
  const brief = (c: ReturnType<typeof diffDatasets>) =>
    c.map((x) => [x.section, x.id, x.kind, x.fields.map((f) => f.field)]);

  it('lists of ids compare as sets, wherever they are; a nested place by its own fields', () => {
    const old = data();
    const now = data();
    now.claims[0]!.sources = ['t3', 't2', 't1'];
    now.meeting.hosts = ['japan'];
    now.events![3]!.place = { venue: 'the Iikura Guest House', city: 'Kyoto', country: 'JP' };
    now.events![0]!.place = { city: 'Tokyo', country: 'JP' };
    now.people[0]!.variants = [{ spelling: 'Takeshi Iwaya', kind: 'other_order', sources: ['t3', 't2', 't1'] }];
    now.events![2]!.notes = ['b', 'a'];
    old.events![2]!.notes = ['a', 'b'];
    expect(brief(diffDatasets(old, now))).toEqual([
      // Inside a list of objects too: a variant's reports reordered is no change.
      ['events', 'ev-press', 'changed', ['place.city']],
    ]);
  });

  it('a place given where there was none is one change of the whole', () => {
    const old = data();
    delete old.events![1]!.place;
    const now = data();
    now.events![1]!.place = { city: 'Seoul' };
    expect(diffDatasets(old, now).map((c) => [c.id, c.fields])).toEqual([
      ['ev-officials', [{ field: 'place', old: undefined, new: { city: 'Seoul' } }]],
    ]);
  });

  it('a position is an item per question and one for its summary and key quotation', () => {
    const old = data();
    const now = data();
    now.positions[1]!.summary = 'Backs both.';
    now.positions[0]!.key_quote = 'q-iwaya';
    delete now.positions[1]!.key_quote;
    expect(diffDatasets(old, now).map((c) => [c.id, c.kind, c.fields.map((f) => [f.field, f.old, f.new])])).toEqual([
      ['china', 'added', []],
      [
        'japan',
        'changed',
        [
          ['key_quote', 'q-iwaya', undefined],
          ['summary', undefined, 'Backs both.'],
        ],
      ],
    ]);
    expect(diffDatasets(old, now)[0]!.new).toEqual({ id: 'china', actor: 'china', key_quote: 'q-iwaya' });
  });

  it('a relative date moves with the meeting; an absolute one does not', () => {
    const old = data();
    const now = data();
    now.meeting.date = '2025-03-22/2025-03-23';
    expect(
      diffDatasets(old, now)
        .filter((c) => c.section === 'events')
        .map((c) => [c.id, c.fields]),
    ).toEqual([
      [
        'ev-summit',
        [
          {
            field: 'when',
            old: { value: 'later_this_year', from: '2025-03-22' },
            new: { value: 'later_this_year', from: '2025-03-23' },
          },
        ],
      ],
      [
        'ev-officials',
        [
          {
            field: 'when',
            old: { value: 'coming_weeks', from: '2025-03-22' },
            new: { value: 'coming_weeks', from: '2025-03-23' },
          },
        ],
      ],
    ]);
  });

  it("without document control, a new as-of date is a change of the version; with it, the control's own fields are", () => {
    const old = data();
    const now = data();
    delete old.control;
    delete now.control;
    now.brief.as_of = '2025-03-24';
    expect(diffDatasets(old, now)).toEqual([
      {
        section: 'control',
        id: 'as_of',
        kind: 'changed',
        fields: [{ field: 'as_of', old: '2025-03-23', new: '2025-03-24' }],
        old: { id: 'as_of', as_of: '2025-03-23' },
        new: { id: 'as_of', as_of: '2025-03-24' },
      },
    ]);
    const withControl = data();
    withControl.brief.as_of = '2025-03-24';
    expect(diffDatasets(data(), withControl)).toEqual([]);
    expect(brief(diffDatasets(old, withControl))).toEqual([['control', 'control', 'added', []]]);
    expect(brief(diffDatasets(data(), now))).toEqual([['control', 'control', 'removed', []]]);
  });

  it("sections in their order; in each, the new version's order, then what it no longer has", () => {
    const old = data();
    const now = data();
    now.sources.reverse();
    now.sources[0]!.title = 'Retitled';
    now.discrepancies = [];
    now.open_questions = [{ id: 'oq', topic: 't', question: 'q', detail: 'd', sources: ['t1'] }];
    now.people[1]!.role = 'Foreign Minister';
    now.actors.splice(3, 1);
    expect(brief(diffDatasets(old, now))).toEqual([
      ['actors', 'dprk', 'removed', []],
      ['people', 'wang', 'changed', ['role']],
      ['open_questions', 'oq', 'added', []],
      ['discrepancies', 'd-duration', 'removed', []],
      ['sources', 't3', 'changed', ['title']],
    ]);
  });
});

describe('what counts as a change, field by field (src/data/diff.ts)', () => {
  const brief = (c: ReturnType<typeof diffDatasets>) =>
    c.map((x) => [x.section, x.id, x.kind, x.fields.map((f) => f.field)]);

  it("every list of ids is a set: an event's claims and chairs, a question's claims and raisers, a discrepancy's claims", () => {
    const old = data();
    const now = data();
    old.events![0]!.claims = ['c-summit-date', 'c-summit-prep'];
    now.events![0]!.claims = ['c-summit-prep', 'c-summit-date'];
    old.events![1]!.chairs = ['japan', 'korea'];
    now.events![1]!.chairs = ['korea', 'japan'];
    old.open_questions = [
      {
        id: 'oq',
        topic: 't',
        question: 'q',
        detail: 'd',
        raised_by: ['japan', 'china'],
        claims: ['c-met', 'c-two-hours'],
        sources: ['t1'],
      },
    ];
    now.open_questions = [
      {
        id: 'oq',
        topic: 't',
        question: 'q',
        detail: 'd',
        raised_by: ['china', 'japan'],
        claims: ['c-two-hours', 'c-met'],
        sources: ['t1'],
      },
    ];
    old.discrepancies![0]!.claims = ['c-met', 'c-two-hours'];
    now.discrepancies![0]!.claims = ['c-two-hours', 'c-met'];
    expect(diffDatasets(old, now)).toEqual([]);
  });

  it("any other list keeps its order: a discrepancy's variants swapped is a change", () => {
    const now = data();
    now.discrepancies![0]!.variants.reverse();
    expect(brief(diffDatasets(data(), now))).toEqual([['discrepancies', 'd-duration', 'changed', ['variants']]]);
  });

  it('the same fields in another order are no change, in an item or in its place', () => {
    const now = data();
    const c = now.claims[1]!;
    now.claims[1] = { sources: c.sources, text: c.text, topic: c.topic, kind: c.kind, id: c.id };
    now.events![3]!.place = { country: 'JP', city: 'Tokyo', venue: 'the Iikura Guest House' };
    expect(diffDatasets(data(), now)).toEqual([]);
  });

  it("an event's attendance is compared by its own fields", () => {
    const old = data();
    const now = data();
    old.events![3]!.attendance = { value: 40, qualifier: 'about', unit: 'journalists', sources: ['t1'] };
    now.events![3]!.attendance = { value: 60, qualifier: 'about', unit: 'journalists', sources: ['t1'] };
    expect(diffDatasets(old, now).map((c) => [c.id, c.fields])).toEqual([
      ['ev-press', [{ field: 'attendance.value', old: 40, new: 60 }]],
    ]);
  });

  it('each relative date moves with the meeting: the coming months, next year', () => {
    const old = data();
    old.events![0]!.when = 'coming_months';
    old.events![2]!.when = 'next_year';
    const now = structuredClone(old);
    now.meeting.date = '2025-03-21/2025-03-23';
    expect(diffDatasets(old, now).map((c) => [c.id, c.fields.map((f) => [f.field, f.old, f.new])])).toEqual([
      [
        'ev-summit',
        [['when', { value: 'coming_months', from: '2025-03-22' }, { value: 'coming_months', from: '2025-03-23' }]],
      ],
      [
        'ev-officials',
        [['when', { value: 'coming_weeks', from: '2025-03-22' }, { value: 'coming_weeks', from: '2025-03-23' }]],
      ],
      [
        'ev-culture',
        [['when', { value: 'next_year', from: '2025-03-22' }, { value: 'next_year', from: '2025-03-23' }]],
      ],
    ]);
  });

  it('a version without events, open questions or discrepancies: everything in them added or withdrawn', () => {
    const old = data();
    delete old.events;
    const now = data();
    delete now.discrepancies;
    now.open_questions = [{ id: 'oq', topic: 't', question: 'q', detail: 'd', sources: ['t1'] }];
    const back = data();
    back.open_questions = [{ id: 'oq', topic: 't', question: 'q', detail: 'd', sources: ['t1'] }];
    delete now.open_questions;
    expect(brief(diffDatasets(old, now))).toEqual([
      ['discrepancies', 'd-duration', 'removed', []],
      ...['ev-summit', 'ev-officials', 'ev-culture', 'ev-press', 'ev-previous'].map((id) => [
        'events',
        id,
        'added',
        [],
      ]),
    ]);
    expect(brief(diffDatasets(back, now))).toEqual([
      ['open_questions', 'oq', 'removed', []],
      ['discrepancies', 'd-duration', 'removed', []],
    ]);
  });

  it('without document control and the same as-of date: no change; a position without summary or key quotation is its answers alone', () => {
    const old = data();
    delete old.control;
    const now = data();
    delete now.control;
    expect(diffDatasets(old, now)).toEqual([]);
    now.positions.push({ actor: 'dprk', stances: { summit: { value: 'reserved', sources: ['t1'] } } });
    expect(diffDatasets(old, now)).toEqual([
      {
        section: 'positions',
        id: 'dprk/summit',
        kind: 'added',
        fields: [],
        new: { id: 'dprk/summit', actor: 'dprk', dimension: 'summit', value: 'reserved', sources: ['t1'] },
      },
    ]);
  });
});

describe('the words of each change, field by field (src/view/changes.ts)', () => {
  const texts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.text);
  const fieldTexts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.fields.map((f) => f.text));

  it("an item's own words changed read as what they were: a title, a question, a name, a topic (quoted where free text)", () => {
    const old = data();
    const now = data();
    now.sources[0]!.title = 'Ministers meet';
    now.people[0]!.name = 'Takeshi Iwaya';
    now.discrepancies![0]!.topic = 'How long the meeting lasted';
    old.open_questions = [{ id: 'oq', topic: 't', question: 'When?', detail: 'd', sources: ['t1'] }];
    now.open_questions = [{ id: 'oq', topic: 't', question: 'When exactly?', detail: 'd', sources: ['t1'] }];
    expect(texts(old, now)).toEqual([
      'Changed: Takeshi Iwaya: was: Iwaya Takeshi.',
      'Changed: When exactly?: was: “When?”.',
      'Changed: How long the meeting lasted: was: How long the talks lasted.',
      'Changed: “Ministers meet”: was: “Three foreign ministers meet in Tokyo, eye summit”.',
    ]);
  });

  it("free text cited as a value is quoted: a question's detail, a resolution, a date's note", () => {
    const old = data();
    const now = data();
    old.open_questions = [{ id: 'oq', topic: 't', question: 'When?', detail: 'Not said.', sources: ['t1'] }];
    now.open_questions = [{ id: 'oq', topic: 't', question: 'When?', detail: 'Not yet said.', sources: ['t1'] }];
    now.discrepancies![0]!.resolution = 'Left open.';
    now.events![1]!.when_note = 'Within a month.';
    expect(texts(old, now)).toEqual([
      'Changed: When?: detail “Not yet said.” (was: “Not said.”).',
      'Changed: How long the talks lasted: resolution now “Left open.” (was: “The brief gives the longer figure, from the wire report filed at the venue.”).',
      "Changed: Senior officials' meeting: when note “Within a month.” (was: none).",
    ]);
  });

  it('a list given where there was none, or dropped whole: what it adds or drops', () => {
    const old = data();
    const now = data();
    now.events![1]!.chairs = ['japan'];
    delete now.events![0]!.claims;
    expect(texts(old, now)).toEqual([
      "Changed: Trilateral leaders' summit: claims: drops one.",
      "Changed: Senior officials' meeting: chairs: adds one.",
    ]);
    // A claim by its words, never its id (before, "claims: drops c-summit-date").
    expect(fieldTexts(old, now)).toEqual([
      ['claims: drops “No date was set; officials spoke of later this year.”'],
      ['chairs: adds Japan'],
    ]);
    expect(view(old, now).items.map((i) => i.fields.map((f) => [f.was, f.now]))).toEqual([
      [['“No date was set; officials spoke of later this year.”', 'none']],
      [['none', 'Japan']],
    ]);
  });

  it("ids a reader cannot read are named: a key quotation, a translation's source, the sources of a native name", () => {
    const old = data();
    const now = data();
    old.positions[1]!.summary = 'Backs both.';
    delete old.positions[1]!.key_quote;
    now.positions[1]!.summary = 'Backs both.';
    now.quotes[0]!.translation_source = 't2';
    now.people[1]!.native_name_sources = ['t3', 't1'];
    old.people[1]!.native_name_sources = ['t1'];
    expect(texts(old, now)).toEqual([
      "Changed: Wang Yi: native name sources “Trilateral ministers agree to prepare leaders' summit” and “Three foreign ministers meet in Tokyo, eye summit” (was: “Three foreign ministers meet in Tokyo, eye summit”).",
      'Changed: Japan: key quotation now “We have restarted a conversation that our region cannot do without” (Iwaya Takeshi) (was: none).',
      'Changed: “We have restarted a conversation that our region cannot do without” (Iwaya Takeshi): translation source “Tokyo talks end without joint line on Pyongyang” (was: none).',
    ]);
  });

  it("lists of records by their words: accounts, a name's variants; an unknown id as it is; a question's label without a short one", () => {
    const old = data();
    const now = data();
    now.discrepancies![0]!.variants = [{ value: 'Two hours', sources: ['t1'] }];
    now.events![1]!.chairs = ['nowhere'];
    now.positions[0]!.stances.summit!.value = 'reserved';
    now.positions[0]!.stances.denuclearisation!.condition = 'if asked';
    old.dimensions[1]!.label = 'The summit';
    now.dimensions[1]!.label = 'The summit';
    now.dimensions[0]!.short_label = undefined;
    expect(texts(old, now)).toEqual([
      "Changed: China, North Korea's denuclearisation: condition now “if asked” (was: “Spoke of peace and stability on the Korean Peninsula instead.”).",
      'Changed: China, The summit: now Reserved (was: Supports).',
      // A list of records by the words each carries, not as data (it read {"value":"Two hours","sources":["t1"]}).
      'Changed: How long the talks lasted: accounts now Two hours (was: About two hours and Ninety minutes).',
      "Changed: Senior officials' meeting: chairs: adds one.",
    ]);
    expect(fieldTexts(old, now)[3]).toEqual(['chairs: adds nowhere']);
    const renamed = data();
    renamed.people[2]!.variants = [
      { spelling: 'Jo Tae-yeol', kind: 'transliteration', sources: ['t1'] },
      { spelling: 'Cho Taeyul', kind: 'transliteration', sources: ['t2'] },
    ];
    // (The labels name the field "variants" once, for a discrepancy's accounts and a person's spellings alike.)
    expect(texts(data(), renamed)).toEqual([
      'Changed: Cho Tae-yul: accounts now Jo Tae-yeol and Cho Taeyul (was: Cho Tae-yeol).',
    ]);
  });
});

describe('the words of each change: fallbacks, dates and marks (src/view/changes.ts)', () => {
  const texts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.text);

  it("a question and a category the data does not name read as their ids; Brief's own category word otherwise", () => {
    const old = data();
    const now = data();
    old.positions[0]!.stances.other = { value: 'supports', sources: ['t1'] };
    now.positions[0]!.stances.other = { value: 'mystery', sources: ['t1'] };
    expect(texts(old, now)).toEqual(['Changed: China, other: now mystery (was: Supports).']);
  });

  it('an actor without a short name by its name; a list emptied reads none; a discrepancy cites no sources of its own', () => {
    const old = data();
    const now = data();
    now.actors[0]!.note = 'The host.';
    old.events![1]!.notes = ['Closed'];
    now.events![1]!.notes = [];
    now.discrepancies![0]!.status = 'unresolved';
    const v = view(old, now);
    expect(v.items.map((i) => [i.text, i.sources])).toEqual([
      ['Changed: Japan: note “The host.” (was: none).', []],
      ['Changed: How long the talks lasted: status now unresolved (was: resolved).', []],
      ["Changed: Senior officials' meeting: notes none (was: Closed).", ['t1']],
    ]);
  });

  it("a source's date as a month or a span of days in words", () => {
    const now = data();
    now.sources[0]!.date = '2025-03';
    now.sources[1]!.date = '2025-03-21/2025-03-22';
    expect(texts(data(), now)).toEqual([
      'Changed: “Three foreign ministers meet in Tokyo, eye summit”: date March 2025 (was: 22 March 2025).',
      'Changed: “Tokyo talks end without joint line on Pyongyang”: date 21–22 March 2025 (was: 22 March 2025).',
    ]);
  });

  it('a subject that ends in an ellipsis keeps it; one with a full stop gives it up before the colon', () => {
    const old = data();
    const now = data();
    old.claims[0]!.text = 'The ministers met...';
    now.claims[0]!.text = 'The ministers met in Tokyo...';
    old.claims[1]!.text = 'Two hours.';
    expect(texts(old, now)).toEqual([
      'Changed: The ministers met in Tokyo...: was: “The ministers met...”.',
      'Changed: The talks lasted about two hours and were followed by a working dinner: was: “Two hours.”.',
    ]);
  });

  it('a subject that ends a sentence with "!" or "…" takes no second full stop', () => {
    const now = data();
    now.claims.push(
      { id: 'c-wow', kind: 'fact', topic: 'meeting', text: 'They agreed!', sources: ['t1'] },
      { id: 'c-and', kind: 'fact', topic: 'meeting', text: 'And then…', sources: ['t1'] },
    );
    // (Markdown text: the "!" is escaped so that it opens no image.)
    expect(texts(data(), now)).toEqual(['New: They agreed\\!', 'New: And then…']);
  });

  it('a cell changes with its condition alone; a new answer is no changed cell', () => {
    const now = data();
    now.positions[1]!.stances.summit!.condition = 'if held in Japan';
    expect(view(data(), now).cells_changed).toBe(true);
    const added = data();
    added.positions.push({ actor: 'dprk', stances: { summit: { value: 'reserved', sources: ['t1'] } } });
    const v = view(data(), added);
    expect(v.items.map((i) => i.text)).toEqual(["New: North Korea, Leaders' summit."]);
    expect(v.cells_changed).toBe(false);
  });
});

describe('written after the mutation run, for its survivors', () => {
  const texts = (old: Dataset, now: Dataset) => view(old, now).items.map((i) => i.text);

  it("an earlier version without discrepancies: each is new; a variant's fields in another order are no change", () => {
    const old = data();
    delete old.discrepancies;
    expect(diffDatasets(old, data()).map((c) => [c.id, c.kind])).toEqual([['d-duration', 'added']]);
    const now = data();
    now.people[0]!.variants = [{ sources: ['t1', 't2', 't3'], kind: 'other_order', spelling: 'Takeshi Iwaya' }];
    expect(diffDatasets(data(), now)).toEqual([]);
  });

  it('a second quotation, a category on the second question, a source the data lacks, a text with a capital T in document control', () => {
    const old = data();
    const now = data();
    old.quotes.push({ id: 'q-wang', speaker: 'wang', text: 'Dialogue is back', context: 'c', sources: ['t2'] });
    now.quotes.push({ id: 'q-wang', speaker: 'wang', text: 'Dialogue is back', context: 'c', sources: ['t2'] });
    old.positions[0]!.summary = 'Cautious.';
    now.positions[0]!.summary = 'Cautious.';
    now.positions[0]!.key_quote = 'q-wang';
    old.dimensions[0]!.categories = ['supports', { id: 'reserved', word: 'Holds back' }, 'not_stated'];
    now.dimensions[0]!.categories = ['supports', { id: 'reserved', word: 'Holds back' }, 'not_stated'];
    now.positions[1]!.stances.summit!.value = 'reserved';
    now.claims[1]!.sources = ['t1', 't-lost'];
    now.control!.reviewer = 'The Tokyo desk';
    expect(texts(old, now)).toEqual([
      'Changed: Document control: reviewer The Tokyo desk (was: Director, North-East Asia).',
      // China's summary item follows its answers, before Japan's position.
      'Changed: China: key quotation now “Dialogue is back” (Wang Yi) (was: none).',
      "Changed: Japan, Leaders' summit: now Reserved (was: Supports).",
      'Changed: The talks lasted about two hours and were followed by a working dinner: sources: adds one.',
    ]);
    expect(view(old, now).items[3]!.fields[0]!.text).toBe('sources: adds “t-lost”');
  });

  it('a text that looks like a date is no date; a cell whose answer and speaker changed is a changed cell; no old sources here', () => {
    const old = data();
    const now = data();
    old.claims[1]!.text = '2025-03';
    now.claims[2]!.text = '2025-autumn';
    now.positions[0]!.stances.summit!.value = 'reserved';
    now.positions[0]!.stances.summit!.speaker = 'iwaya';
    const v = view(old, now);
    expect(v.items.map((i) => i.text)).toEqual([
      "Changed: China, Leaders' summit: now Reserved (was: Supports); speaker now Iwaya Takeshi (was: Wang Yi).",
      'Changed: The talks lasted about two hours and were followed by a working dinner: was: “2025-03”.',
      'Changed: 2025-autumn: was: “The ministers agreed to prepare a summit of the three leaders in Japan.”.',
    ]);
    expect(v.cells_changed).toBe(true);
    expect(v.old_sources).toEqual([]);
  });
});
