// Who came and how (src/view/delegations.ts), called in this process so that
// the mutation run (npm run test:mutation) sees it: each actor's delegation,
// the delegations counted by level and the memo's sentence. The datasets are
// made here, small; every expected value is written out from them and the
// English and French labels, not computed by the code under test.
import { describe, expect, it } from 'vitest';
import type { Actor, Dataset, Person } from '../src/data/types.js';
import { englishLabels, labelsFor, type Labels } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import type { Theme } from '../src/shared/theme.js';
import { capitalFirst, delegationsView, delegationView } from '../src/view/delegations.js';
import { actorViews, scopeOf } from '../src/view/records.js';

const en = englishLabels();
const state = (id: string, name: string, more: Partial<Actor> = {}): Actor => ({
  id,
  name,
  kind: 'state',
  role: 'participant',
  ...more,
});
const led = (
  id: string,
  actor: string,
  name: string,
  role: string,
  sources: string[],
  attended: Person['attended'] = true,
): Person => ({ id, name, role, actor, attended, sources });

const PEOPLE: Person[] = [
  led('macron', 'fr', 'Emmanuel Macron', 'President', ['s1']),
  led('starmer', 'uk', 'Keir Starmer', 'Prime Minister', ['s2', 's1']),
  led('wadephul', 'de', 'Johann Wadephul', 'Foreign Minister', ['s3']),
  led('iwaya', 'jp', 'Iwaya Takeshi', 'Minister for Foreign Affairs', ['s4', 's3'], 'remote'),
];

const ACTORS: Actor[] = [
  state('fr', 'France', { delegation: { level: 'head_of_state', led_by: 'macron' } }),
  state('uk', 'United Kingdom', { short_name: 'UK', delegation: { level: 'head_of_government', led_by: 'starmer' } }),
  state('de', 'Germany', { delegation: { level: 'minister', led_by: 'wadephul', remote: true } }),
  // A leader who took part by video makes the delegation one by video.
  state('jp', 'Japan', { role: 'host', delegation: { level: 'minister', led_by: 'iwaya' } }),
  // No delegation given: counted at the meeting's level (heads of state or government).
  state('it', 'Italy'),
  state('ca', 'Canada', { delegation: { level: 'official' } }),
  state('pl', 'Poland', { delegation: { level: 'official' } }),
  state('nl', 'Netherlands', { delegation: { level: 'official', remote: true } }),
  state('se', 'Sweden', { delegation: { level: 'official' } }),
  // Neither an observer nor a joint statement sends a delegation.
  state('nato', 'North Atlantic Treaty Organization', { short_name: 'NATO', kind: 'organisation', role: 'observer' }),
  state('stmt', 'Joint statement', { kind: 'document' }),
];

function dataset(actors: Actor[], level = 'heads_of_state_or_government', people = PEOPLE): Dataset {
  return { schema_version: 2, brief: { language: 'en' }, meeting: { level }, actors, people } as unknown as Dataset;
}

function views(data: Dataset, labels: Labels = en) {
  const scope = scopeOf(data, {} as Theme, labels);
  const actors = actorViews(scope);
  return { scope, actors, all: data.actors.map((a) => actors.get(a.id)!) };
}

describe("an actor's delegation", () => {
  it('its level, group, leader and sources; none when the dataset gives none', () => {
    const data = dataset(ACTORS);
    const { scope } = views(data);
    const of = (id: string) =>
      delegationView(
        data,
        scope.vocabulary,
        ACTORS.find((a) => a.id === id)!,
      );
    expect(of('fr')).toEqual({
      level: 'head_of_state',
      level_word: 'head of state',
      group: 'head of state or government',
      leader_name: 'Emmanuel Macron',
      leader_title: 'President Emmanuel Macron',
      remote: false,
      sources: ['s1'],
    });
    expect(of('uk')).toMatchObject({
      level: 'head_of_government',
      level_word: 'head of government',
      group: 'head of state or government',
      sources: ['s2', 's1'],
    });
    expect(of('de')).toMatchObject({
      level_word: 'minister',
      group: 'minister',
      leader_title: 'Foreign Minister Johann Wadephul',
      remote: true,
    });
    expect(of('jp')).toMatchObject({ leader_name: 'Iwaya Takeshi', remote: true, sources: ['s4', 's3'] });
    expect(of('ca')).toEqual({
      level: 'official',
      level_word: 'senior official',
      group: 'senior official',
      leader_name: null,
      leader_title: null,
      remote: false,
      sources: [],
    });
    expect(of('nl')!.remote).toBe(true);
    expect(of('it')).toBeNull();
  });

  it("the leader's name and role are escaped for Markdown", () => {
    const data = dataset([state('x', 'Xland', { delegation: { level: 'minister', led_by: 'p' } })], 'officials', [
      led('p', 'x', 'Anna *Star*', 'Minister [acting]', ['s1']),
    ]);
    const d = delegationView(data, views(data).scope.vocabulary, data.actors[0]!)!;
    expect(d.leader_name).toBe('Anna \\*Star\\*');
    expect(d.leader_title).toBe('Minister \\[acting\\] Anna \\*Star\\*');
  });
});

describe('the delegations counted by level', () => {
  it("groups by level, largest first, the meeting's level for an actor without one; who came by video, named", () => {
    const data = dataset(ACTORS);
    const { all } = views(data);
    const v = delegationsView(data, views(data).scope.vocabulary, en, all)!;
    expect(v.total).toBe(9);
    expect(v.levels.map((l) => [l.id, l.group, l.count, l.count_text, l.actors.map((a) => a.id)])).toEqual([
      ['official', 'senior official', 4, 'four', ['ca', 'pl', 'nl', 'se']],
      ['head_of_state', 'head of state or government', 3, 'three', ['fr', 'uk', 'it']],
      ['minister', 'minister', 2, 'two', ['de', 'jp']],
    ]);
    expect(v.remote.map((a) => a.id)).toEqual(['de', 'jp', 'nl']);
    expect(v.sources).toEqual(['s1', 's2', 's3', 's4']);
    expect(v.text).toBe(
      'By level, the nine delegations were four at senior official level, three at head of state or government level and two at minister level; ' +
        "three took part by video: Germany's Foreign Minister, Johann Wadephul, Japan's Minister for Foreign Affairs, Iwaya Takeshi and the Netherlands.",
    );
  });

  it("one level, one by video; equal counts keep the vocabulary's order", () => {
    let data = dataset([ACTORS[2]!, state('at', 'Austria', { delegation: { level: 'minister' } })], 'officials');
    let v = delegationsView(data, views(data).scope.vocabulary, en, views(data).all)!;
    expect(v.text).toBe(
      "By level, the two delegations were two at minister level; one took part by video: Germany's Foreign Minister, Johann Wadephul.",
    );
    expect(v.remote.map((a) => a.id)).toEqual(['de']);
    data = dataset(
      [
        state('ca', 'Canada', { delegation: { level: 'official' } }),
        state('at', 'Austria', { delegation: { level: 'minister' } }),
        state('fr', 'France', { delegation: { level: 'head_of_state' } }),
      ],
      'officials',
    );
    v = delegationsView(data, views(data).scope.vocabulary, en, views(data).all)!;
    expect(v.levels.map((l) => l.id)).toEqual(['head_of_state', 'minister', 'official']);
    expect(v.text).toBe(
      'By level, the three delegations were one at head of state or government level, one at minister level and one at senior official level.',
    );
  });

  it("the meeting's level places an actor without a delegation: ministers, officials", () => {
    for (const [level, group] of [
      ['foreign_ministers', 'minister'],
      ['defence_ministers', 'minister'],
      ['other_ministers', 'minister'],
      ['officials', 'senior official'],
      ['military_planners', 'senior official'],
    ]) {
      const data = dataset(
        [state('ca', 'Canada', { delegation: { level: 'head_of_state' } }), state('it', 'Italy')],
        level,
      );
      const v = delegationsView(data, views(data).scope.vocabulary, en, views(data).all)!;
      expect(
        v.levels.map((l) => [l.group, l.actors.map((a) => a.id)]),
        level,
      ).toEqual([
        ['head of state or government', ['ca']],
        [group, ['it']],
      ]);
    }
  });

  it('none when no actor has a delegation, so that a dataset written before them reads as it did', () => {
    const data = dataset([state('it', 'Italy'), state('fr', 'France')]);
    expect(delegationsView(data, views(data).scope.vocabulary, en, views(data).all)).toBeNull();
  });

  it('in French: the labels\' own feminine numbers for delegations, and their word for "and"', () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    const data = dataset(
      [
        ACTORS[0]!,
        state('ca', 'Canada', { delegation: { level: 'official' } }),
        state('pl', 'Poland', { delegation: { level: 'official' } }),
      ],
      'officials',
    );
    const { scope, all } = views(data, fr);
    expect(delegationsView(data, scope.vocabulary, fr, all)!.text).toBe(
      'Par niveau, les trois délégations étaient : deux au niveau haut fonctionnaire et une au niveau chef d’État ou de gouvernement.',
    );
  });
});

describe('the delegations, from the mutants that survived the first run', () => {
  it("a host without a delegation is counted at the meeting's level; a meeting of mixed levels places no one", () => {
    let data = dataset(
      [state('ca', 'Canada', { delegation: { level: 'official' } }), state('jp', 'Japan', { role: 'host' })],
      'foreign_ministers',
    );
    expect(
      delegationsView(data, views(data).scope.vocabulary, en, views(data).all)!.levels.map((l) => [
        l.id,
        l.actors.map((a) => a.id),
      ]),
    ).toEqual([
      ['minister', ['jp']],
      ['official', ['ca']],
    ]);
    data = dataset(
      [state('ca', 'Canada', { delegation: { level: 'official' } }), state('jp', 'Japan', { role: 'host' })],
      'mixed',
    );
    expect(
      delegationsView(data, views(data).scope.vocabulary, en, views(data).all)!.levels.map((l) => [
        l.id,
        l.actors.map((a) => a.id),
      ]),
    ).toEqual([['official', ['ca']]]);
  });

  it('in French, one delegation by video is "une a participé" (the English name tagged as English)', () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    const data = dataset(
      [
        state('ca', 'Canada', { delegation: { level: 'official', remote: true } }),
        state('pl', 'Poland', { delegation: { level: 'official' } }),
      ],
      'officials',
    );
    const { scope, all } = views(data, fr);
    expect(delegationsView(data, scope.vocabulary, fr, all)!.text).toBe(
      'Par niveau, les deux délégations étaient : deux au niveau haut fonctionnaire ; une a participé par vidéo : <span lang="en">Canada</span>.',
    );
  });
});

describe('a sentence opens with a capital', () => {
  it.each([
    ['by level', 'By level'],
    ['<span lang="fr">été</span>', '<span lang="fr">Été</span>'],
    ['<span lang="fr"><span lang="de">über</span></span>', '<span lang="fr"><span lang="de">Über</span></span>'],
    ['éclat', 'Éclat'],
    ['', ''],
  ])('%s → %s', (text, capital) => {
    expect(capitalFirst(text)).toBe(capital);
  });
});
