// The whole view (src/view/view.ts) of a small fixture, built in this process
// so that the mutation run (npm run test:mutation) sees it: which facts the
// documents get and in which order, which answers decline or hesitate, the
// legend, the events before and after the brief's date, what changed in a
// matrix cell. Every expected value is written out from the Tokyo trilateral
// fixture (test/fixtures/shapes) and the English labels, not computed by the
// code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { loadTheme, type Theme } from '../src/shared/theme.js';
import { factIndex } from '../src/view/coverage.js';
import { buildView, sharedConditions } from '../src/view/view.js';
import type { ActorView, CellView } from '../src/view/types.js';
import { ROOT } from './helpers.js';

const TRILATERAL = join(ROOT, 'test', 'fixtures', 'shapes', 'trilateral-tokyo-2025-03-22.yaml');
const en = englishLabels();
let theme: Theme;
let text: string;
const data = (): Dataset => parseYamlText(text) as Dataset;
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

beforeAll(async () => {
  theme = await loadTheme(join(DEFAULT_TEMPLATES, 'theme.yaml'));
  text = readFileSync(TRILATERAL, 'utf8');
});

describe('the view of the trilateral fixture', () => {
  it("actors, people and matrix rows sorted by the name they show; attendees in the dataset's order", () => {
    const v = buildView(data(), theme, en);
    expect(ids(v.actors)).toEqual(['china', 'japan', 'dprk', 'korea']);
    expect(ids(v.people)).toEqual(['cho', 'iwaya', 'wang']);
    expect(v.positions.map((p) => p.actor.id)).toEqual(['china', 'japan', 'korea']);
    expect(ids(v.meeting.attendees)).toEqual(['iwaya', 'wang', 'cho']);
    expect(ids(v.meeting.hosts)).toEqual(['japan']);
    expect(ids(v.meeting.chairs)).toEqual(['iwaya']);
    expect(v.meeting).toMatchObject({
      level: 'foreign_ministers',
      level_label: 'foreign ministers',
      fictional: true,
      first_at_level: false,
      absent: [],
      delegations: null,
      sources: ['t1', 't2', 't3'],
    });
    expect(v.counts).toEqual({ sources: 3, claims: 8, quotes: 1, actors: 4, people: 3, positions: 3 });
    expect(v.marking).toBe('OFFICIAL');
  });

  it('each cell: its category, whether stated, its condition named by actor and question, its sources', () => {
    const v = buildView(data(), theme, en);
    const china = v.positions[0]!;
    expect(
      china.cells.map((c) => [
        c.dimension.id,
        c.dimension.short_label,
        c.category.id,
        c.stated,
        c.condition,
        c.condition_note,
        c.speaker?.id,
        c.sources,
        c.changed,
      ]),
    ).toEqual([
      [
        'denuclearisation',
        'North Korea',
        'reserved',
        true,
        'Spoke of peace and stability on the Korean Peninsula instead.',
        'China, in the “North Korea” column: Spoke of peace and stability on the Korean Peninsula instead.',
        'wang',
        ['t2'],
        false,
      ],
      ['summit', "Leaders' summit", 'supports', true, null, null, 'wang', ['t1', 't3'], false],
    ]);
    expect(v.positions.map((p) => p.sources)).toEqual([
      ['t2', 't1', 't3'],
      ['t1', 't2', 't3'],
      ['t2', 't3'],
    ]);
    expect(v.positions.map((p) => p.key_quote?.id ?? null)).toEqual([null, 'q-iwaya', null]);
    expect(v.positions[2]!.cells[1]!.speaker).toBeNull();
    expect(v.has_key_quotes).toBe(true);
    expect(v.long_quotes).toEqual([]);
  });

  it('a not-stated answer is not stated, and not in any group', () => {
    const d = data();
    d.positions[2]!.stances.summit = { value: 'not_stated' };
    d.positions[0]!.stances.summit = { value: 'not_applicable' };
    const v = buildView(d, theme, en);
    expect(v.positions.map((p) => p.stated_cells.map((c) => c.dimension.id))).toEqual([
      ['denuclearisation'],
      ['denuclearisation', 'summit'],
      ['denuclearisation'],
    ]);
    expect(v.dimensions[1]!.groups.map((g) => [g.category.id, ids(g.actors)])).toEqual([['supports', ['japan']]]);
  });

  it('the dimensions: categories, the meanings the question gives, actors grouped by answer with their conditions', () => {
    const v = buildView(data(), theme, en);
    expect(
      v.dimensions.map((d) => [d.id, d.label, d.short_label, d.categories.map((c) => c.id), d.meanings.length]),
    ).toEqual([
      ['denuclearisation', "North Korea's denuclearisation", 'North Korea', ['supports', 'reserved', 'not_stated'], 0],
      ['summit', "Leaders' summit", "Leaders' summit", ['supports', 'reserved', 'not_stated'], 0],
    ]);
    expect(v.dimensions[0]!.groups.map((g) => [g.category.id, ids(g.actors), g.conditions, g.sources])).toEqual([
      ['supports', ['japan', 'korea'], [], ['t1', 't2']],
      ['reserved', ['china'], ['Spoke of peace and stability on the Korean Peninsula instead.'], ['t2']],
    ]);
    expect(v.matrix_dimensions.map((d) => d.id)).toEqual(['denuclearisation', 'summit']);
  });

  it('which answers hesitate (undecided or conditional) or decline, by actor; the legend of the categories used', () => {
    const v = buildView(data(), theme, en);
    expect(v.declined).toEqual([]);
    expect(v.hesitant.map((c) => [c.actor.id, c.cell.dimension.id, c.sources])).toEqual([
      ['china', 'denuclearisation', ['t2']],
    ]);
    expect(v.hesitant_by_actor.map((g) => [g.actor.id, g.cells.map((c) => c.category.id), g.sources])).toEqual([
      ['china', ['reserved'], ['t2']],
    ]);
    expect(v.legend.map((c) => c.id)).toEqual(['supports', 'reserved']);
    expect(v.legend_by_question).toEqual([]);
    // Supports is a support and reserved undecided: no answer without a framing.
    expect(v.answers_by_question).toEqual([]);
  });

  it("declines and conditions: a refusal, a conditional answer, an answer no framing covers (a question's own words drop the stance)", () => {
    const d = data();
    d.dimensions[1]!.categories = [
      'supports',
      'no',
      'depends',
      { id: 'required', word: 'Only in Japan' },
      'not_stated',
    ];
    d.positions[0]!.stances.summit = { value: 'no', sources: ['t2'] };
    d.positions[1]!.stances.summit = { value: 'depends', sources: ['t1'] };
    d.positions[2]!.stances.summit = { value: 'required', sources: ['t3'] };
    const v = buildView(d, theme, en);
    expect(v.declined.map((c) => [c.actor.id, c.cell.category.id])).toEqual([['china', 'no']]);
    expect(v.declined_by_actor.map((g) => [g.actor.id, g.sources])).toEqual([['china', ['t2']]]);
    expect(v.hesitant.map((c) => [c.actor.id, c.cell.category.id])).toEqual([
      ['china', 'reserved'],
      ['japan', 'depends'],
    ]);
    expect(v.hesitant_by_actor.map((g) => [g.actor.id, g.cells.map((c) => c.dimension.id), g.sources])).toEqual([
      ['china', ['denuclearisation'], ['t2']],
      ['japan', ['summit'], ['t1']],
    ]);
    expect(
      v.answers_by_question.map((q) => [q.id, q.groups.map((g) => [g.category.id, ids(g.actors)]), q.sources]),
    ).toEqual([['summit', [['required', ['korea']]], ['t3']]]);
    // Brief's categories in the vocabulary's order, then the dataset's; "required" is in the question's own words, so its legend is the question's.
    expect(v.legend.map((c) => c.id)).toEqual(['no', 'depends', 'supports', 'reserved']);
    expect(v.legend_by_question.map((q) => [q.id, q.categories.map((c) => [c.id, c.label])])).toEqual([
      ['summit', [['required', 'Only in Japan']]],
    ]);
  });

  it("facts: key points, statements and remarks, topics with their claims, the FAQ's topics", () => {
    const v = buildView(data(), theme, en);
    expect(ids(v.key_points)).toEqual(['c-met', 'c-summit-prep', 'c-dprk-split']);
    expect(ids(v.remarks)).toEqual(['q-iwaya']);
    expect(v.statements).toEqual([]);
    expect(ids(v.quotes)).toEqual(['q-iwaya']);
    expect(v.topic_sections.map((t) => [t.id, t.heading, ids(t.claims), t.sources])).toEqual([
      ['meeting', 'The meeting', ['c-met', 'c-two-hours'], ['t1', 't2', 't3']],
      ['summit', "The leaders' summit", ['c-summit-prep', 'c-summit-date'], ['t1', 't3']],
      ['korea', 'North Korea', ['c-dprk-split', 'c-dprk-japan'], ['t2', 't1']],
      ['exchanges', 'Exchanges', ['c-exchanges', 'c-4-people'], ['t3']],
    ]);
    expect(v.faq_topics.map((t) => t.id)).toEqual(['summit', 'korea', 'exchanges']);
    expect(Object.keys(v.topics)).toEqual([
      'meeting',
      'summit',
      'korea',
      'exchanges',
      'planning',
      'positions',
      'context',
      'next_steps',
    ]);
    expect(v.topics.planning).toEqual([]);
    expect(v.topic_labels).toMatchObject({
      meeting: 'The meeting',
      summit: "The leaders' summit",
      next_steps: 'Next steps',
    });
    expect(v.brief.summary.map((s) => [ids(s.claims), s.sources])).toEqual([
      [
        ['c-met', 'c-summit-prep'],
        ['t1', 't2', 't3'],
      ],
      [['c-dprk-split'], ['t2']],
    ]);
    expect(v.brief).toMatchObject({
      subject: 'Japan–China–South Korea foreign ministers in Tokyo (fictional)',
      keywords: [],
      language: 'en-GB',
      as_of: '2025-03-23',
    });
    expect(v.open_questions).toEqual([]);
  });

  it('a statement is a quotation by an actor of kind document; FAQ topics leave out the meeting and next steps', () => {
    const d = data();
    d.actors.push({ id: 'joint', name: 'Joint statement', kind: 'document', role: 'participant' });
    d.quotes.push({ id: 'q-joint', speaker: 'joint', text: 'We agree.', context: 'c', sources: ['t3'] });
    d.claims[3]!.topic = 'next_steps';
    d.open_questions = [
      {
        id: 'oq',
        topic: 'When',
        question: 'When is the *summit*?',
        detail: 'd',
        raised_by: ['korea'],
        claims: ['c-met'],
        sources: ['t3'],
      },
    ];
    const v = buildView(d, theme, en);
    expect(ids(v.statements)).toEqual(['q-joint']);
    expect(ids(v.remarks)).toEqual(['q-iwaya']);
    expect(v.faq_topics.map((t) => t.id)).toEqual(['summit', 'korea', 'exchanges']);
    expect(v.topic_sections.map((t) => t.id)).toEqual(['meeting', 'summit', 'korea', 'exchanges', 'next_steps']);
    expect(v.open_questions).toHaveLength(1);
    expect(v.open_questions[0]).toMatchObject({ id: 'oq', question: 'When is the \\*summit\\*?', sources: ['t3'] });
    expect(ids(v.open_questions[0]!.raised_by)).toEqual(['korea']);
    expect(ids(v.open_questions[0]!.claims)).toEqual(['c-met']);
  });

  it("events before, during and after; those the brief's date has passed, and those still to come", () => {
    const v = buildView(data(), theme, en);
    expect(ids(v.events)).toEqual(['ev-previous', 'ev-press', 'ev-officials', 'ev-culture', 'ev-summit']);
    expect(ids(v.preceding_events)).toEqual(['ev-previous']);
    expect(ids(v.following_events)).toEqual(['ev-press', 'ev-officials', 'ev-culture', 'ev-summit']);
    expect(ids(v.during_events)).toEqual([]);
    expect(ids(v.since_events)).toEqual(['ev-press']);
    expect(ids(v.next_events)).toEqual(['ev-officials', 'ev-culture', 'ev-summit']);
    const d = data();
    d.events![3]!.pending = true;
    d.events![4]!.relation = 'during';
    const w = buildView(d, theme, en);
    expect(ids(w.since_events)).toEqual([]);
    // What is still to come first, then the pending event the brief's date has passed (a fitted memo keeps the first).
    expect(ids(w.next_events)).toEqual(['ev-officials', 'ev-culture', 'ev-summit', 'ev-press']);
    expect(ids(w.during_events)).toEqual(['ev-previous']);
  });

  it('discrepancies, resolved and not', () => {
    const d = data();
    d.discrepancies!.push({
      id: 'd-open',
      topic: 't',
      kind: 'fact',
      variants: [
        { value: 'a', sources: ['t1'] },
        { value: 'b', sources: ['t2'] },
      ],
      resolution: 'r',
      status: 'unresolved',
    });
    const v = buildView(d, theme, en);
    expect(ids(v.discrepancies)).toEqual(['d-duration', 'd-open']);
    expect(ids(v.resolved_discrepancies)).toEqual(['d-duration']);
    expect(ids(v.unresolved_discrepancies)).toEqual(['d-open']);
  });

  it('a long key quotation is numbered in the order of the matrix rows', () => {
    const d = data();
    const long = 'word '.repeat(40).trim();
    d.quotes.push(
      { id: 'q-wang', speaker: 'wang', text: long, context: 'c', sources: ['t2'] },
      { id: 'q-cho', speaker: 'cho', text: long, context: 'c', sources: ['t3'] },
    );
    d.positions[2]!.key_quote = 'q-wang';
    d.positions[0]!.key_quote = 'q-cho';
    d.positions[1]!.key_quote = 'q-cho';
    const v = buildView(d, theme, en);
    // Rows: China (q-cho), Japan (q-cho again: once), South Korea (q-wang).
    expect(v.long_quotes.map((q) => [q.id, q.number])).toEqual([
      ['q-cho', 1],
      ['q-wang', 2],
    ]);
    expect(v.quotes.find((q) => q.id === 'q-iwaya')!.number).toBe(0);
    expect(v.positions[0]!.sources).toEqual(['t2', 't1', 't3']);
  });

  it('the view is frozen all the way down', () => {
    const v = buildView(data(), theme, en);
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.positions[0]!.cells[0]!.category)).toBe(true);
    expect(Object.isFrozen(v.meeting.place)).toBe(true);
  });
});

describe('a matrix cell changed since an earlier version', () => {
  it('says what it was: its category, its condition, or none', () => {
    const old = data();
    old.positions[0]!.stances.summit = { value: 'reserved', speaker: 'wang', sources: ['t1', 't3'] };
    old.positions[2]!.stances.summit = { value: 'supports', condition: 'if *invited*', sources: ['t3'] };
    const now = data();
    now.positions[1]!.stances.summit = {
      value: 'supports',
      speaker: 'iwaya',
      condition: 'in Japan',
      sources: ['t1', 't3'],
    };
    const v = buildView(now, theme, en, { data: old, label: 'old.yaml' });
    const cell = (row: number) => v.positions[row]!.cells[1]!;
    expect([cell(0).changed, cell(0).was?.id, cell(0).was_note]).toEqual([
      true,
      'reserved',
      "China, Leaders' summit: was: Reserved (version 1.1 of 23 March 2025)",
    ]);
    expect([cell(1).changed, cell(1).was, cell(1).was_note]).toEqual([
      true,
      null,
      "Japan, Leaders' summit: was: none (version 1.1 of 23 March 2025)",
    ]);
    expect([cell(2).changed, cell(2).was, cell(2).was_note]).toEqual([
      true,
      null,
      "South Korea, Leaders' summit: was: if \\*invited\\* (version 1.1 of 23 March 2025)",
    ]);
    expect(v.positions[0]!.cells[0]!).toMatchObject({ changed: false, was: null, was_note: null });
    expect(v.changes).not.toBeNull();
    expect(v.changes!.old_sources).toEqual([]);
  });

  it('a source the earlier version cited and this one does not is listed as an old source', () => {
    const old = data();
    old.sources.push({ id: 't9', file: 'gone.txt', title: 'Gone', kind: 'news_report' });
    const v = buildView(data(), theme, en, { data: old, label: 'old.yaml' });
    expect(v.changes!.old_sources.map((s) => [s.id, s.citation])).toEqual([['t9', '“Gone”, undated.']]);
  });

  it('a speaker changed alone is no change of the answer', () => {
    const old = data();
    old.positions[2]!.stances.summit = { value: 'supports', speaker: 'cho', sources: ['t3'] };
    const v = buildView(data(), theme, en, { data: old, label: 'old.yaml' });
    expect(v.positions[2]!.cells[1]).toMatchObject({ changed: false, was: null, was_note: null });
  });
});

describe("the index of the view's facts (which fields print each)", () => {
  it('one key per quotation, event, person, actor, open question, discrepancy and claim, with the fields that print it', () => {
    const d = data();
    d.open_questions = [{ id: 'oq', topic: 't', question: 'q', detail: 'd', sources: ['t1'] }];
    const v = buildView(d, theme, en);
    const index = factIndex(v);
    expect(
      [v.quotes[0], v.events[0], v.people[0], v.actors[0], v.open_questions[0], v.discrepancies[0], v.claims[0]].map(
        (x) => index.get(x!),
      ),
    ).toEqual([
      { key: 'quotes:q-iwaya', fields: ['text'] },
      { key: 'events:ev-previous', fields: ['name'] },
      { key: 'people:cho', fields: ['name', 'title', 'described'] },
      { key: 'actors:china', fields: ['name'] },
      { key: 'open_questions:oq', fields: ['question'] },
      { key: 'discrepancies:d-duration', fields: ['variants', 'resolution'] },
      { key: 'claims:c-met', fields: ['text'] },
    ]);
    // The same object wherever it appears; anything else is no fact.
    expect(index.get(v.positions[1]!.key_quote!)).toEqual({ key: 'quotes:q-iwaya', fields: ['text'] });
    expect(index.get(v.positions[0]!)).toBeUndefined();
    expect(index.get(v.sources[0]!)).toBeUndefined();
  });
});

describe('more of what the view decides', () => {
  it("the highest marking of the data, else the theme's; the brief's subject and keywords; the meeting's own level word", () => {
    const d = data();
    d.vocabulary!.markings = [
      { id: 'official', word: 'OFFICIAL' },
      { id: 'sensitive', word: 'OFFICIAL-SENSITIVE' },
      { id: 'secret', word: 'SECRET' },
    ];
    d.claims[2]!.marking = 'sensitive';
    d.brief.subject = 'Tokyo *talks*';
    d.brief.keywords = ['Japan', 'Korea *DPRK*'];
    d.meeting.level = 'envoys';
    delete d.meeting.fictional;
    d.meeting.first_at_level = true;
    d.meeting.first_at_level_sources = ['t2'];
    const v = buildView(d, theme, en);
    expect(v.marking).toBe('OFFICIAL-SENSITIVE');
    expect(v.brief).toMatchObject({ subject: 'Tokyo \\*talks\\*', keywords: ['Japan', 'Korea \\*DPRK\\*'] });
    expect(v.meeting).toMatchObject({
      level: 'envoys',
      level_label: 'envoys',
      fictional: false,
      first_at_level: true,
      first_at_level_sources: ['t2'],
    });
  });

  it('the vocabulary as the templates name it: categories by id, topics, role words', () => {
    const v = buildView(data(), theme, en);
    expect(v.vocabulary.categories.supports!).toMatchObject({
      id: 'supports',
      label: 'Supports',
      meaning: 'says it supports the aim',
      stance: 'support',
    });
    expect(v.vocabulary.categories.open!).toMatchObject({ id: 'open', label: 'Open', stance: 'undecided' });
    expect(v.vocabulary.topics.map((t) => [t.id, t.heading, t.question])).toEqual([
      ['meeting', 'The meeting', 'What happened?'],
      ['summit', "The leaders' summit", 'When will the leaders meet?'],
      ['korea', 'North Korea', 'What did they say about North Korea?'],
      ['exchanges', 'Exchanges', 'What else did they agree?'],
      ['planning', 'Planning', 'What is being planned?'],
      ['positions', 'Positions', 'Where do the participants stand?'],
      ['context', 'Context', 'What is the background?'],
      ['next_steps', 'Next steps', 'What happens next?'],
    ]);
    expect(v.vocabulary.roles).toEqual({
      host: 'host',
      participant: 'participant',
      subject: 'subject',
      absent: 'absent',
      venue: 'venue',
      mentioned: 'mentioned',
    });
  });

  it("a position's summary; an answer's meanings on its question; an actor hesitant on two questions; a reworded category no one uses is in no legend", () => {
    const d = data();
    d.positions[0]!.summary = 'Keeps *options* open.';
    d.dimensions[0]!.categories = ['supports', 'reserved', { id: 'undecided', word: 'Silent' }, 'not_stated'];
    d.dimensions[1]!.categories = ['supports', { id: 'depends', meaning: 'only if held in Japan' }, 'not_stated'];
    d.positions[0]!.stances.summit = { value: 'depends', sources: ['t1'] };
    const v = buildView(d, theme, en);
    expect(v.positions.map((p) => p.summary)).toEqual(['Keeps \\*options\\* open.', null, null]);
    expect(v.dimensions.map((x) => x.meanings.map((c) => [c.id, c.label, c.meaning]))).toEqual([
      [['undecided', 'Silent', 'has not decided']],
      [['depends', 'Depends', 'only if held in Japan']],
    ]);
    // Reworded, "depends" says no stance: only China's reserved answer hesitates.
    expect(v.hesitant_by_actor.map((g) => [g.actor.id, g.cells.map((c) => c.dimension.id), g.sources])).toEqual([
      ['china', ['denuclearisation'], ['t2']],
    ]);
    expect(v.legend_by_question.map((q) => [q.id, q.categories.map((c) => c.id)])).toEqual([['summit', ['depends']]]);
    d.dimensions[1]!.categories = ['supports', 'depends', 'not_stated'];
    const w = buildView(d, theme, en);
    expect(w.hesitant_by_actor.map((g) => [g.actor.id, g.cells.map((c) => c.dimension.id), g.sources])).toEqual([
      ['china', ['denuclearisation', 'summit'], ['t2', 't1']],
    ]);
  });

  it('a condition some of a group share names three actors with commas and "and"', () => {
    const actor = (the_short_name: string) => ({ the_short_name }) as ActorView;
    const cell = (condition: string | null) => ({ condition }) as CellView;
    expect(
      sharedConditions([
        { actor: actor('the UK'), cell: cell('if asked') },
        { actor: actor('France'), cell: cell('if asked') },
        { actor: actor('Italy'), cell: cell('if asked') },
        { actor: actor('Spain'), cell: cell(null) },
      ]),
    ).toEqual(['The UK, France and Italy: if asked']);
  });
});

describe('what the view decides, from the mutants that survived its first run', () => {
  it('sources, attendees and absent lists; a meeting without chairs; an event without claims; a question raised by no one', () => {
    const d = data();
    d.people[2]!.attended = false;
    delete d.meeting.chairs;
    d.open_questions = [{ id: 'oq', topic: 't', question: 'q', detail: 'd', sources: ['t1'] }];
    const v = buildView(d, theme, en);
    expect(ids(v.sources)).toEqual(['t1', 't2', 't3']);
    expect(v.sources[2]!.citation).toBe(
      "“Trilateral ministers agree to prepare leaders' summit”, 23 March 2025. <https://example.jp/en/trilateral-2025>",
    );
    expect(ids(v.meeting.attendees)).toEqual(['iwaya', 'wang']);
    expect(v.meeting.chairs).toEqual([]);
    expect(v.meeting.first_at_level_sources).toEqual([]);
    expect(v.events.find((e) => e.id === 'ev-officials')!.claims).toEqual([]);
    expect(v.open_questions[0]!.raised_by).toEqual([]);
    delete d.brief.summary;
    expect(buildView(d, theme, en).brief.summary).toEqual([]);
  });

  it("a quotation by an actor that is no document is a remark; rows sorted whatever the data's order; a question no one answers is not in the matrix", () => {
    const d = data();
    d.quotes.push({ id: 'q-ministry', speaker: 'japan', text: 'A ministry speaks.', context: 'c', sources: ['t1'] });
    d.positions.reverse();
    for (const p of d.positions) p.stances.summit = { value: 'not_stated' };
    const v = buildView(d, theme, en);
    expect(ids(v.remarks)).toEqual(['q-iwaya', 'q-ministry']);
    expect(v.statements).toEqual([]);
    expect(v.positions.map((p) => p.actor.id)).toEqual(['china', 'japan', 'korea']);
    expect(v.positions.map((p) => p.sources)).toEqual([['t2'], ['t1', 't2'], ['t2']]);
    expect(v.matrix_dimensions.map((x) => x.id)).toEqual(['denuclearisation']);
  });

  it('delegations counted over the actors sorted by the name they show', () => {
    const d = data();
    d.actors[0]!.delegation = { level: 'minister', led_by: 'iwaya', remote: true };
    d.actors[1]!.delegation = { level: 'minister', led_by: 'wang', remote: true };
    const v = buildView(d, theme, en);
    expect(v.meeting.delegations!.text).toBe(
      "By level, the three delegations were three at minister level; two took part by video: China's Minister of Foreign Affairs, Wang Yi and Japan's Minister for Foreign Affairs, Iwaya Takeshi.",
    );
  });

  it('a cell whose answer and condition both changed says what the answer was; a word one question gives a category another uses is not in its legend', () => {
    const old = data();
    old.positions[0]!.stances.denuclearisation = {
      value: 'supports',
      speaker: 'wang',
      condition: 'if all agree',
      sources: ['t2'],
    };
    const v = buildView(data(), theme, en, { data: old, label: 'old.yaml' });
    expect(v.positions[0]!.cells[0]!.was_note).toBe(
      'China, in the “North Korea” column: was: Supports (version 1.1 of 23 March 2025)',
    );
    const d = data();
    d.dimensions[0]!.categories = ['supports', 'reserved', { id: 'depends', word: 'Unclear' }, 'not_stated'];
    d.dimensions[1]!.categories = ['supports', { id: 'depends', word: 'If in Japan' }, 'not_stated'];
    d.positions[0]!.stances.summit = { value: 'depends', sources: ['t1'] };
    expect(buildView(d, theme, en).legend_by_question.map((q) => [q.id, q.categories.map((c) => c.label)])).toEqual([
      ['summit', ['If in Japan']],
    ]);
  });
});
