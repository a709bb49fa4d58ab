// The checks a schema cannot express (src/data/references.ts), called in this
// process so that the mutation run (npm run test:mutation) sees them: ids
// unique in each section, every reference resolving, the vocabulary's
// topics, roles, categories and tones, and each position's actor, key
// quotation, stances and speakers. The datasets are made here, small; every
// message, code, hint and file:line:col is written out, the place found by
// searching this file's own YAML text, not by the code under test.
import { describe, expect, it } from 'vitest';
import { checkReferences } from '../src/data/references.js';
import type { Dataset } from '../src/data/types.js';
import { parseYaml } from '../src/shared/yaml.js';

const FILE = 'refs.yaml';

function load(lines: string[]) {
  const { data, map } = parseYaml(lines.join('\n') + '\n', FILE, 'empty');
  return { data: data as Dataset, map };
}

/**
 * Where `token` is: on the one line of `lines` that contains `marker` (the token itself when none is given), at
 * the token's `nth` occurrence on that line; line and column 1-based.
 */
function place(lines: string[], token: string, marker = token, nth = 0): { line: number; col: number } {
  const found = lines.flatMap((l, i) => (l.includes(marker) ? [i] : []));
  if (found.length !== 1) throw new Error(`marker ${marker} is on ${found.length} lines`);
  const text = lines[found[0]!]!;
  let col = -1;
  for (let k = 0; k <= nth; k++) col = text.indexOf(token, col + 1);
  if (col < 0) throw new Error(`no ${token} on the line of ${marker}`);
  return { line: found[0]! + 1, col: col + 1 };
}

type Diag = { file: string; line: number; col: number; path: string; code: string; message: string; hint?: string };
const diagAt = (at: { line: number; col: number }, path: string, code: string, message: string, hint?: string): Diag =>
  hint === undefined ? { file: FILE, ...at, path, code, message } : { file: FILE, ...at, path, code, message, hint };

/** Every section with ids has a second use of one; every reference of every kind, in every place, names no entry. */
const BAD = [
  'schema_version: 2',
  'brief:',
  '  summary:',
  '    - { text: S, claims: [c1, c-summ] }',
  'meeting:',
  '  sources: [src-a, src-mtg]',
  '  first_at_level_sources: [src-first]',
  '  participants: { count: 3, sources: [src-part] }',
  '  hosts: [fr, frx]',
  '  absent: [qqqqqqqqqq-absent]',
  '  absent_sources: [src-abs]',
  '  chairs: [macronx]',
  'sources:',
  '  - title: First source',
  '    id: src-a',
  '  - id: src-b',
  '  - id: src-a # second source',
  'actors:',
  '  - { id: fr, name: France, role: host, delegation: { led_by: macron } }',
  '  - { id: de, name: Germany, role: particpant, delegation: { led_by: qqqqqqqqqq-led } }',
  '  - { id: it, name: Italy, role: qqqqqqqqqq-role }',
  '  - { id: fr, name: France again, role: host }',
  'people:',
  '  - id: macron',
  '    name: Emmanuel Macron',
  '    actor: fr',
  '    sources: [src-a, src-pers]',
  '    variants: [{ spelling: Macrone, sources: [src-var] }]',
  '  - { id: merz, name: Friedrich Merz, actor: dee }',
  '  - { id: pistorius, name: Boris Pistorius, actor: de }',
  '  - { id: pistorius, name: Boris Pistorius, actor: de } # second pistorius',
  'quotes:',
  '  - { id: q1, speaker: macron, sources: [src-quote] }',
  '  - { id: q2, speaker: merz }',
  '  - { id: q3, speaker: it }',
  '  - { id: q4, speaker: pistorius }',
  '  - { id: q1, speaker: macron }',
  'claims:',
  '  - { id: c1, topic: meeting, speaker: macron, actor: fr, sources: [src-a] }',
  '  - { id: c2, topic: meetnig, speaker: merzz, actor: frr, sources: [qqqqqqqqqq-claim] }',
  '  - { id: c3, topic: qqqqqqqqqq-topic }',
  '  - { id: c1, topic: planning }',
  'open_questions:',
  '  - { id: oq1, raised_by: [de, dex], claims: [c-oq], sources: [src-oq] }',
  '  - { id: oq1 }',
  'events:',
  '  - { id: e1, chairs: [itx], convener: macronx-ev, attendance: { sources: [src-att] }, claims: [c-ev], sources: [src-ev] }',
  '  - { id: e2 }',
  '  - { id: e1 }',
  'discrepancies:',
  '  - { id: d1, person: merzx, claims: [c-disc], variants: [{ sources: [src-disc] }] }',
  '  - { id: d1, variants: [] }',
  'vocabulary:',
  '  categories:',
  '    wary: { like: noo, tone: neutral }',
  '    bold: { like: yes, tone: blue }',
  '    plain: { word: Plain }',
  'dimensions:',
  '  - { id: troops, categories: [yes, no, not_stated, { id: wary }, { id: zz-maybe, tone: red }, { id: yess, tone: no }] }',
  '  - { id: money, categories: [yes, no] }',
  '  - { id: money, categories: [yes, no] } # second money',
  'positions:',
  '  - key_quote: q2',
  '    actor: fr',
  '    stances:',
  '      troops: { value: yes, speaker: merz, sources: [src-stance] }',
  '      money: { value: wary, speaker: speakerx }',
  '      troopz: { value: yes }',
  '      qqqqqqqqqq-dim: { value: yes }',
  '  - actor: fr',
  '    key_quote: qz',
  '    stances: { money: { value: no } }',
  '  - actor: qqqqqqqqqq-actor',
  '    key_quote: q3',
  '    stances: { troops: { value: yes, speaker: macron }, money: { value: no } }',
  '  - actor: de',
  '    key_quote: q4',
  '    stances: { troops: { value: no, speaker: pistorius }, money: { value: no } }',
];

describe('checkReferences', () => {
  // Called inside each test, not in describe's body, so that the mutation run sees which test covers which mutant.
  it('a second use of an id in each section, at the second, with the line of the first', () => {
    const { data, map } = load(BAD);
    const P = (token: string, marker?: string, nth?: number) => place(BAD, token, marker, nth);
    const dup = (at: { line: number; col: number }, path: string, id: string, section: string, first: number) =>
      diagAt(at, path, 'ref/duplicate-id', `duplicate id "${id}" in ${section}`, `first used at line ${first}`);
    expect(checkReferences(data, map).filter((d) => d.code === 'ref/duplicate-id')).toStrictEqual([
      dup(P('src-a', '# second source'), 'sources[2].id', 'src-a', 'sources', BAD.indexOf('    id: src-a') + 1),
      dup(P('fr', 'France again'), 'actors[3].id', 'fr', 'actors', P('fr', 'name: France,').line),
      dup(
        P('pistorius', '# second pistorius'),
        'people[3].id',
        'pistorius',
        'people',
        BAD.indexOf('  - { id: pistorius, name: Boris Pistorius, actor: de }') + 1,
      ),
      dup(
        P('money', '# second money'),
        'dimensions[2].id',
        'money',
        'dimensions',
        BAD.indexOf('  - { id: money, categories: [yes, no] }') + 1,
      ),
      dup(P('q1', '{ id: q1, speaker: macron }'), 'quotes[4].id', 'q1', 'quotes', P('q1', 'src-quote').line),
      dup(P('c1', 'topic: planning'), 'claims[3].id', 'c1', 'claims', P('c1', 'topic: meeting,').line),
      dup(P('oq1', '{ id: oq1 }'), 'open_questions[1].id', 'oq1', 'open_questions', P('oq1', 'raised_by').line),
      dup(P('e1', '{ id: e1 }'), 'events[2].id', 'e1', 'events', P('e1', 'convener').line),
      dup(P('d1', 'variants: [] }'), 'discrepancies[1].id', 'd1', 'discrepancies', P('d1', 'person').line),
    ]);
  });

  it('every reference that names no entry, where it is, with the closest id as a hint when one is close', () => {
    const { data, map } = load(BAD);
    const P = (token: string, marker?: string, nth?: number) => place(BAD, token, marker, nth);
    const unknown = (token: string, path: string, kind: string, section: string, guess?: string, marker?: string) =>
      diagAt(
        P(token, marker),
        path,
        `ref/unknown-${kind}`,
        `unknown ${kind} id "${token}": no entry in ${section} has it`,
        guess === undefined ? undefined : `did you mean "${guess}"?`,
      );
    expect(
      checkReferences(data, map).filter((d) => /^ref\/unknown-(source|actor|person|claim|quote)$/.test(d.code)),
    ).toStrictEqual([
      unknown('c-summ', 'brief.summary[0].claims[1]', 'claim', 'claims'),
      unknown('src-mtg', 'meeting.sources[1]', 'source', 'sources'),
      unknown('src-first', 'meeting.first_at_level_sources[0]', 'source', 'sources'),
      unknown('src-part', 'meeting.participants.sources[0]', 'source', 'sources'),
      unknown('frx', 'meeting.hosts[1]', 'actor', 'actors', 'fr'),
      unknown('qqqqqqqqqq-absent', 'meeting.absent[0]', 'actor', 'actors'),
      unknown('src-abs', 'meeting.absent_sources[0]', 'source', 'sources', 'src-a'),
      unknown('macronx', 'meeting.chairs[0]', 'person', 'people', 'macron', '  chairs: ['),
      unknown('qqqqqqqqqq-led', 'actors[1].delegation.led_by', 'person', 'people'),
      unknown('src-pers', 'people[0].sources[1]', 'source', 'sources'),
      unknown('src-var', 'people[0].variants[0].sources[0]', 'source', 'sources', 'src-a'),
      unknown('dee', 'people[1].actor', 'actor', 'actors', 'de'),
      unknown('src-quote', 'quotes[0].sources[0]', 'source', 'sources'),
      unknown('merzz', 'claims[1].speaker', 'person', 'people', 'merz'),
      unknown('frr', 'claims[1].actor', 'actor', 'actors', 'fr'),
      unknown('qqqqqqqqqq-claim', 'claims[1].sources[0]', 'source', 'sources'),
      unknown('dex', 'open_questions[0].raised_by[1]', 'actor', 'actors', 'de'),
      unknown('c-oq', 'open_questions[0].claims[0]', 'claim', 'claims'),
      unknown('src-oq', 'open_questions[0].sources[0]', 'source', 'sources', 'src-a'),
      unknown('itx', 'events[0].chairs[0]', 'actor', 'actors', 'it'),
      unknown('macronx-ev', 'events[0].convener', 'person', 'people'),
      unknown('src-att', 'events[0].attendance.sources[0]', 'source', 'sources', 'src-a'),
      unknown('c-ev', 'events[0].claims[0]', 'claim', 'claims'),
      unknown('src-ev', 'events[0].sources[0]', 'source', 'sources', 'src-a'),
      unknown('merzx', 'discrepancies[0].person', 'person', 'people', 'merz'),
      unknown('c-disc', 'discrepancies[0].claims[0]', 'claim', 'claims'),
      unknown('src-disc', 'discrepancies[0].variants[0].sources[0]', 'source', 'sources'),
      unknown('src-stance', 'positions[0].stances.troops.sources[0]', 'source', 'sources'),
      unknown('speakerx', 'positions[0].stances.money.speaker', 'person', 'people'),
      unknown('qz', 'positions[1].key_quote', 'quote', 'quotes', 'q1'),
      unknown('qqqqqqqqqq-actor', 'positions[2].actor', 'actor', 'actors'),
    ]);
  });
});

describe('checkReferences: the vocabulary and the positions', () => {
  const CATEGORIES =
    'leading, yes, open, no, required, important, depends, not_required, undecided, not_stated, not_applicable, deterrence, monitoring, peacekeeping';

  it("unknown topics, roles and categories, a category's like and tone, a dimension without not_stated; then each position", () => {
    const { data, map } = load(BAD);
    const P = (token: string, marker?: string, nth?: number) => place(BAD, token, marker, nth);
    const TOPICS = 'meeting, planning, positions, context, next_steps';
    const firstFr = BAD.indexOf('  - key_quote: q2') + 2; // the line after it: '    actor: fr'
    expect(
      checkReferences(data, map).filter(
        (d) => !/^ref\/(duplicate-id|unknown-(source|actor|person|claim|quote))$/.test(d.code),
      ),
    ).toStrictEqual([
      diagAt(
        P('meetnig'),
        'claims[1].topic',
        'ref/unknown-topic',
        `unknown topic "meetnig": the vocabulary has ${TOPICS}`,
        'did you mean "meeting"?',
      ),
      diagAt(
        P('qqqqqqqqqq-topic'),
        'claims[2].topic',
        'ref/unknown-topic',
        `unknown topic "qqqqqqqqqq-topic": the vocabulary has ${TOPICS}`,
        'declare it under vocabulary.topics (schema_version 2)',
      ),
      diagAt(
        P('particpant'),
        'actors[1].role',
        'ref/unknown-role',
        'unknown role "particpant"',
        'did you mean "participant"?',
      ),
      diagAt(
        P('qqqqqqqqqq-role'),
        'actors[2].role',
        'ref/unknown-role',
        'unknown role "qqqqqqqqqq-role"',
        'declare it under vocabulary.roles (schema_version 2)',
      ),
      diagAt(
        P('noo'),
        'vocabulary.categories.wary.like',
        'ref/category',
        '"noo" is not one of Brief\'s categories',
        `use one of: ${CATEGORIES}`,
      ),
      diagAt(
        P('blue'),
        'vocabulary.categories.bold.tone',
        'ref/tone',
        '"blue" is not a tone',
        `use neutral or one of Brief's categories: ${CATEGORIES}`,
      ),
      diagAt(
        P('red'),
        'dimensions[0].categories[4].tone',
        'ref/tone',
        '"red" is not a tone',
        `use neutral or one of Brief's categories: ${CATEGORIES}`,
      ),
      diagAt(
        P('{ id: zz-maybe'),
        'dimensions[0].categories[4]',
        'ref/unknown-category',
        'unknown category "zz-maybe"',
        'declare it under vocabulary.categories (schema_version 2)',
      ),
      diagAt(
        P('{ id: yess'),
        'dimensions[0].categories[5]',
        'ref/unknown-category',
        'unknown category "yess"',
        'did you mean "yes"?',
      ),
      ...[1, 2].map((i) =>
        diagAt(
          {
            line: BAD.indexOf('  - { id: money, categories: [yes, no] }') + i,
            col: '  - { id: money, categories: '.length + 1,
          },
          `dimensions[${i}].categories`,
          'ref/no-not-stated',
          'dimension "money" has no "not_stated" category',
          'add not_stated, so that an actor the sources are silent on is not forced into "no"',
        ),
      ),
      diagAt(
        P('q2', '- key_quote: q2'),
        'positions[0].key_quote',
        'ref/quote-actor',
        'key quote "q2" is by Friedrich Merz, who speaks for "dee", not "fr"',
      ),
      diagAt(
        P('merz', 'src-stance'),
        'positions[0].stances.troops.speaker',
        'ref/speaker-actor',
        'Friedrich Merz speaks for "dee", not for "fr"',
      ),
      diagAt(
        P('wary', 'speakerx'),
        'positions[0].stances.money.value',
        'ref/category',
        '"wary" is not a category of dimension "money"',
        'use one of: yes, no',
      ),
      diagAt(
        P('troopz'),
        'positions[0].stances.troopz',
        'ref/unknown-dimension',
        'unknown dimension "troopz": no entry in dimensions has it',
        'did you mean "troops"?',
      ),
      diagAt(
        P('qqqqqqqqqq-dim'),
        'positions[0].stances.qqqqqqqqqq-dim',
        'ref/unknown-dimension',
        'unknown dimension "qqqqqqqqqq-dim": no entry in dimensions has it',
        'dimensions are: troops, money',
      ),
      diagAt(
        { line: BAD.indexOf('    key_quote: qz'), col: '  - actor: fr'.indexOf('fr') + 1 },
        'positions[1].actor',
        'ref/duplicate-position',
        'a second position for actor "fr"',
        `the first is at line ${firstFr}; merge them`,
      ),
      diagAt(
        P('{', '{ money: { value: no } }'),
        'positions[1].stances',
        'ref/missing-stance',
        'no stance on dimension "troops"',
        'write `{ value: not_stated }` where the sources are silent, so that silence is recorded, not guessed',
      ),
      diagAt(
        P('macron', '{ value: yes, speaker: macron }'),
        'positions[2].stances.troops.speaker',
        'ref/speaker-actor',
        'Emmanuel Macron speaks for "fr", not for "qqqqqqqqqq-actor"',
      ),
    ]);
  });
});

describe('checkReferences: what is right passes', () => {
  it('a dataset whose every reference resolves, without the optional sections, with its own topics, roles and categories: no problem', () => {
    const lines = [
      'schema_version: 2',
      'brief: { title: T }',
      'meeting: { participants: { count: 2 } }',
      'sources: [{ id: s1 }]',
      'actors:',
      '  - { id: fr, name: France, role: observer, delegation: { level: minister } }',
      '  - { id: de, name: Germany, role: host }',
      'people: [{ id: p1, name: P One, actor: fr, sources: [s1] }]',
      'quotes: [{ id: q1, speaker: p1, sources: [s1] }, { id: q2, speaker: fr, sources: [s1] }]',
      'claims: [{ id: c1, topic: summit, sources: [s1] }, { id: c2, topic: next_steps, speaker: p1, actor: fr, sources: [s1] }]',
      'vocabulary:',
      '  topics: [{ id: summit, heading: The summit }]',
      '  roles: { observer: { word: observer state } }',
      '  categories: { wary: { like: no, tone: neutral } }',
      'dimensions: [{ id: d1, categories: [yes, wary, { id: open, tone: yes }, not_stated] }]',
      'positions:',
      '  - { actor: fr, key_quote: q1, stances: { d1: { value: wary, speaker: p1, sources: [s1] } } }',
      '  - { actor: de, key_quote: q2, stances: { d1: { value: not_stated } } }',
    ];
    const { data, map } = load(lines);
    expect(checkReferences(data, map)).toStrictEqual([]);
  });

  it('a dataset without a vocabulary or any optional section: no problem', () => {
    const lines = [
      'schema_version: 2',
      'brief: {}',
      'meeting: { participants: {} }',
      'sources: []',
      'actors: [{ id: fr, name: France, role: host }]',
      'people: []',
      'quotes: []',
      'claims: [{ id: c1, topic: meeting }]',
      'dimensions: [{ id: d1, categories: [yes, not_stated] }]',
      'positions: [{ actor: fr, stances: { d1: { value: yes } } }]',
    ];
    const { data, map } = load(lines);
    expect(checkReferences(data, map)).toStrictEqual([]);
  });

  it('a version 1 dataset: its own topics and categories pass, and a vocabulary is refused at its key', () => {
    const lines = [
      'schema_version: 1',
      'brief: {}',
      'meeting: { participants: {} }',
      'sources: []',
      'actors: [{ id: fr, name: France, role: participant }]',
      'people: []',
      'quotes: []',
      'claims: [{ id: c1, topic: force }, { id: c2, topic: us_role }]',
      'dimensions: [{ id: d1, categories: [deterrence, not_stated] }]',
      'positions: []',
      'vocabulary: { roles: { observer: { word: observer state } } }',
    ];
    const { data, map } = load(lines);
    expect(checkReferences(data, map)).toStrictEqual([
      diagAt(
        { line: lines.length, col: 1 },
        'vocabulary',
        'ref/vocabulary-version',
        'a vocabulary needs schema_version 2',
        'set schema_version: 2 (version 1 keeps the words it was written with)',
      ),
    ]);
  });
});
