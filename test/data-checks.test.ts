// The data checks a schema cannot express, called in this process so that the
// mutation run (npm run test:mutation) sees them: places (src/data/places.ts),
// delegations (delegations.ts), document control (control.ts), language tags
// (languages.ts), dates typed from another calendar (calendars.ts) and
// handling markings (markings.ts). Each check reads a small dataset written
// here as YAML text, and every finding is compared whole: its message, code,
// hint, file, line and column, all written out here. A line and column are
// found by searching this file's own YAML text, never by the code under test.
import { describe, expect, it } from 'vitest';
import { calendarGuesses, checkCalendars } from '../src/data/calendars.js';
import { checkControl, knownTimeZone } from '../src/data/control.js';
import { checkDelegations } from '../src/data/delegations.js';
import { checkLanguages, guessTag, knownTag } from '../src/data/languages.js';
import { checkMarkings } from '../src/data/markings.js';
import { checkPlaces } from '../src/data/places.js';
import type { Control, Dataset } from '../src/data/types.js';
import { parseYaml } from '../src/shared/yaml.js';

const FILE = 'd.yaml';

/** The dataset and source map of YAML lines, with the lists a check may read defaulting to empty. */
function load(lines: string[]) {
  const { data, map } = parseYaml(lines.join('\n') + '\n', FILE, 'empty');
  const d = {
    brief: {},
    meeting: { participants: {} },
    people: [],
    actors: [],
    sources: [],
    quotes: [],
    claims: [],
    positions: [],
    ...(data as object),
  } as unknown as Dataset;
  return { data: d, map };
}

/**
 * Where `value` begins on the `nth` (0-based) line of `lines` that contains
 * `marker` (the value itself when no marker is given), as 1-based line and column.
 */
function spot(lines: string[], value: string, marker = value, nth = 0): { line: number; col: number } {
  const found = lines.flatMap((l, i) => (l.includes(marker) ? [i] : []));
  const i = found[nth];
  if (i === undefined) throw new Error(`no line ${nth} with ${marker}`);
  const col = lines[i]!.indexOf(value);
  if (col < 0) throw new Error(`no ${value} on the line of ${marker}`);
  return { line: i + 1, col: col + 1 };
}

function diag(where: { line: number; col: number }, path: string, code: string, message: string, hint?: string) {
  const d = { file: FILE, line: where.line, col: where.col, path, code, message };
  return hint === undefined ? d : { ...d, hint };
}

describe('places: a city or a country', () => {
  const hint =
    'give its city (city: Johannesburg), or its country alone (country: ZA, the ISO code) where the reports name no city';

  it('reports a place with neither, at the meeting and at each event, and nothing for one with either', () => {
    const lines = [
      'meeting:',
      '  place:',
      '    venue: Lancaster House',
      'events:',
      '  - id: e0',
      '    place:',
      '      city: Paris',
      '  - id: e1',
      '  - id: e2',
      '    place:',
      '      country: ZA',
      '  - id: e3',
      '    place:',
      '      description: aboard a ship',
      '  - id: e4',
      '    place:',
      '      city: Rome',
      '      country: IT',
    ];
    const { data, map } = load(lines);
    expect(checkPlaces(data, map)).toStrictEqual([
      diag(spot(lines, 'venue'), 'meeting.place', 'schema/place', 'a place needs a city or a country', hint),
      diag(spot(lines, 'description'), 'events[3].place', 'schema/place', 'a place needs a city or a country', hint),
    ]);
  });

  it('a meeting with no events; a place with a city or a country alone', () => {
    for (const place of ['    city: Kyiv', '    country: UA']) {
      const { data, map } = load(['meeting:', '  place:', place]);
      expect(checkPlaces(data, map)).toStrictEqual([]);
    }
    const lines = ['meeting:', '  place:', '    description: online'];
    const { data, map } = load(lines);
    expect(checkPlaces(data, map)).toStrictEqual([
      diag(spot(lines, 'description'), 'meeting.place', 'schema/place', 'a place needs a city or a country', hint),
    ]);
  });
});

describe('delegations: a known level, a leader of its own, by video or in person', () => {
  const levels = 'head_of_state, head_of_government, minister, official';
  const lines = [
    'people:',
    '  - id: anna',
    '    name: Anna Berg',
    '    actor: uk',
    '    attended: true',
    '  - id: dora',
    '    name: Dora Lind',
    '    actor: pt',
    '  - id: dorb',
    '    name: Dorb Lind',
    '    actor: pt',
    '  - id: dorc',
    '    name: Dorc Lind',
    '    actor: it',
    '  - id: bo',
    '    name: Bo Ek',
    '    actor: fr',
    '  - id: cy',
    '    name: Cy Ek',
    '    actor: de',
    '    attended: true',
    '  - id: xavier',
    '    name: Xavier Ek',
    '    actor: ie',
    '  - id: yolanda',
    '    name: Yolanda Ek',
    '    actor: ie',
    '  - id: eve',
    '    name: Eve Ek',
    '    actor: se',
    '    attended: remote',
    'actors:',
    '  - id: fr',
    '    delegation:',
    '      level: minster',
    '      led_by: anna',
    '  - id: uk',
    '    delegation:',
    '      level: zzzzzzzzzzz',
    '      led_by: anna',
    '      remote: true',
    '  - id: at',
    '    delegation:',
    '      level: minister',
    '      led_by: nobody',
    '      remote: true',
    '  - id: it',
    '  - id: es',
    '    delegation:',
    '      level: official',
    '      led_by: anna',
    '  - id: pt',
    '    delegation:',
    '      level: official',
    '      led_by: dorc',
    '  - id: lv',
    '    delegation:',
    '      level: head_of_state',
    '  - id: se',
    '    delegation:',
    '      level: head_of_government',
    '      led_by: eve',
    '      remote: true',
    '  - id: ie',
    '    delegation:',
    '      level: official',
    '      led_by: dora',
    '  - id: de',
    '    delegation:',
    '      level: official',
    '      led_by: cy',
    '      remote: false',
  ];

  it('reports exactly these problems, in this order, each at its place', () => {
    const { data, map } = load(lines);
    expect(checkDelegations(data, map)).toStrictEqual([
      diag(
        spot(lines, 'minster'),
        'actors[0].delegation.level',
        'ref/unknown-level',
        `unknown delegation level "minster": the vocabulary has ${levels}`,
        'did you mean "minister"?',
      ),
      // fr has one person of its own, bo, too far from "anna" to be a misspelling: the one there is.
      diag(
        spot(lines, 'anna', 'led_by: anna', 0),
        'actors[0].delegation.led_by',
        'ref/leader-actor',
        'Anna Berg ("anna") speaks for "uk", not for "fr": a delegation is led by one of its own',
        'did you mean "bo"?',
      ),
      diag(
        spot(lines, 'zzzzzzzzzzz'),
        'actors[1].delegation.level',
        'ref/unknown-level',
        `unknown delegation level "zzzzzzzzzzz": the vocabulary has ${levels}`,
        'declare it under vocabulary.levels (schema_version 2)',
      ),
      diag(
        spot(lines, 'true', 'remote: true', 0),
        'actors[1].delegation.remote',
        'ref/remote-in-person',
        'the delegation took part by video, but its leader Anna Berg is recorded at the meeting in person',
        `write attended: remote for "anna" (line ${spot(lines, 'attended: true').line}), or drop remote: true`,
      ),
      // es has no one of its own.
      diag(
        spot(lines, 'anna', 'led_by: anna', 2),
        'actors[4].delegation.led_by',
        'ref/leader-actor',
        'Anna Berg ("anna") speaks for "uk", not for "es": a delegation is led by one of its own',
        'add the leader to people with actor: es',
      ),
      // pt has two, and "dorc" is one letter from "dora", the first of them.
      diag(
        spot(lines, 'dorc', 'led_by: dorc'),
        'actors[5].delegation.led_by',
        'ref/leader-actor',
        'Dorc Lind ("dorc") speaks for "it", not for "pt": a delegation is led by one of its own',
        'did you mean "dora"?',
      ),
      // ie has two, neither near "dora": no guess.
      diag(
        spot(lines, 'dora', 'led_by: dora'),
        'actors[8].delegation.led_by',
        'ref/leader-actor',
        'Dora Lind ("dora") speaks for "pt", not for "ie": a delegation is led by one of its own',
        'add the leader to people with actor: ie',
      ),
    ]);
  });

  it('a level the dataset declares is known; its list is in the message', () => {
    const own = [
      'schema_version: 2',
      'vocabulary:',
      '  levels:',
      '    envoy:',
      '      word: special envoy',
      'actors:',
      '  - id: us',
      '    delegation:',
      '      level: envoy',
      '  - id: ua',
      '    delegation:',
      '      level: envoi',
    ];
    const { data, map } = load(own);
    expect(checkDelegations(data, map)).toStrictEqual([
      diag(
        spot(own, 'envoi'),
        'actors[1].delegation.level',
        'ref/unknown-level',
        `unknown delegation level "envoi": the vocabulary has ${levels}, envoy`,
        'did you mean "envoy"?',
      ),
    ]);
  });
});

describe('document control: a known time zone, a history in order, superseded_by only when superseded', () => {
  it('reports exactly these problems, in this order, each at its place', () => {
    const lines = [
      'control:',
      "  version: '1.2'",
      '  status: final',
      "  as_of: '2025-04-12T09:00:00+02:00'",
      '  time_zone: Europe/Pariss',
      '  author: A. Clerk',
      "  superseded_by: '2.0'",
      '  history:',
      "    - date: '2025-04-10'",
      "      version: '1.0'",
      '      change: first',
      "    - version: '1.0'",
      "      date: '2025-04-09'",
      '      change: again',
      "    - version: '1.1'",
      "      date: '2025-04-09'",
      '      change: same day',
      "    - version: '1.2'",
      "      date: '2025-04-12'",
      '      change: on the day',
      "    - version: '1.3'",
      "      date: '2025-04-13'",
      '      change: after',
    ];
    const { data, map } = load(lines);
    const firstVersion = spot(lines, "'1.0'").line;
    expect(checkControl(data.control, map)).toStrictEqual([
      diag(
        spot(lines, 'Europe/Pariss'),
        'control.time_zone',
        'control/time-zone',
        'unknown time zone "Europe/Pariss"',
        'did you mean "Europe/Paris"? (an IANA name, such as Europe/Brussels)',
      ),
      diag(
        spot(lines, "'2.0'"),
        'control.superseded_by',
        'control/superseded-by',
        "superseded_by is for a superseded version; this one's status is final",
        'set status: superseded, or remove superseded_by',
      ),
      diag(
        spot(lines, "'1.0'", "'1.0'", 1),
        'control.history[1].version',
        'control/duplicate-version',
        'version "1.0" is already in the history',
        `first at line ${firstVersion}`,
      ),
      diag(
        spot(lines, "'2025-04-09'"),
        'control.history[1].date',
        'control/history-order',
        'the history goes oldest first, but "1.0" (2025-04-09) comes after "1.0" (2025-04-10)',
      ),
      diag(
        spot(lines, "'2025-04-13'"),
        'control.history[4].date',
        'control/history-date',
        'version "1.3" is dated 2025-04-13, after this version\'s as_of (2025-04-12)',
        'a history lists versions up to this one',
      ),
    ]);
  });

  it('no control, or one that is right, has no problems; a zone nothing is near has no guess', () => {
    expect(checkControl(undefined, load(['author: A']).map)).toStrictEqual([]);
    const right = [
      'control:',
      "  version: '2'",
      '  status: superseded',
      "  as_of: '2025-04-12T23:30:00-05:00'",
      '  time_zone: America/Toronto',
      '  author: A',
      "  superseded_by: '3'",
      '  history:',
      "    - version: '1'",
      "      date: '2025-04-12'",
      '      change: c',
    ];
    const ok = load(right);
    expect(checkControl(ok.data.control, ok.map)).toStrictEqual([]);
    const far = [
      'control:',
      "  version: '2'",
      '  status: draft',
      "  as_of: '2025-04-12T09:00:00Z'",
      '  time_zone: Qqqqqqqqqqqqqqqqqqqq',
      '  author: A',
    ];
    const bad = load(far);
    expect(checkControl(bad.data.control as Control, bad.map)).toStrictEqual([
      diag(
        spot(far, 'Qqqq'),
        'control.time_zone',
        'control/time-zone',
        'unknown time zone "Qqqqqqqqqqqqqqqqqqqq"',
        'an IANA name, such as Europe/Brussels or Asia/Tokyo',
      ),
    ]);
  });

  it("knows the zones of the system's database", () => {
    expect(knownTimeZone('Europe/Brussels')).toBe(true);
    expect(knownTimeZone('Asia/Tokyo')).toBe(true);
    expect(knownTimeZone('Europe/Brussel')).toBe(false);
    expect(knownTimeZone('')).toBe(false);
  });
});

describe('language tags: BCP 47, with the tag a mistyped one meant', () => {
  it.each([
    ['ru', 'ru'],
    ['ZH-hans', 'zh-Hans'],
    ['pt-br', 'pt-BR'],
    ['sr-Latn-RS', 'sr-Latn-RS'],
    ['hbo', 'hbo'],
    ['qaa', 'qaa'],
    ['und', undefined],
    ['qq', undefined],
    ['xx', undefined],
    ['zh-Hanz', undefined],
    ['ru-AA', undefined],
    ['not a tag', undefined],
    ['', undefined],
  ])('%j is known as %j', (tag, known) => {
    expect(knownTag(tag)).toBe(known);
  });

  it.each([
    ['zh_Hans', 'zh-Hans'],
    [' ru ', 'ru'],
    [' zh-Hans ', 'zh-Hans'],
    ['Russian', 'ru'],
    ['english', 'en'],
    ['Afar', 'aa'],
    ['Zulu', 'zu'],
    ['ru-RUS', 'ru'],
    ['zh-Hanz', 'zh'],
    ['sr-Latn-QQ', 'sr-Latn'],
    ['e-n', 'en'],
    ['russian1', undefined],
  ])('%j most likely meant %j', (tag, meant) => {
    expect(guessTag(tag)).toBe(meant);
  });

  it('reports each tag that is not one at its place, in the order actors, people, quotes, sources', () => {
    const hint = (guess?: string) =>
      `${guess ? `did you mean "${guess}"? ` : ''}(a BCP 47 tag: ru, ar, zh-Hans, pt-BR, hi; a language subtag, then script and region if needed, joined by hyphens)`;
    const message = (tag: string) => `"${tag}" is not a BCP 47 language tag that names a known language`;
    const lines = [
      'sources:',
      '  - id: s1',
      '    lang: Ukrainian',
      '  - id: s2',
      '    lang: uk',
      'quotes:',
      '  - id: q1',
      '    lang: zh_Hant',
      '  - id: q2',
      'people:',
      '  - id: p1',
      '    native_lang: ru-RUS',
      '  - id: p2',
      '    native_lang: ar',
      'actors:',
      '  - id: a1',
      '    native_lang: qqqqqqqqq',
      '  - id: a2',
    ];
    const { data, map } = load(lines);
    expect(checkLanguages(data, map)).toStrictEqual([
      diag(spot(lines, 'qqqqqqqqq'), 'actors[0].native_lang', 'schema/language-tag', message('qqqqqqqqq'), hint()),
      diag(spot(lines, 'ru-RUS'), 'people[0].native_lang', 'schema/language-tag', message('ru-RUS'), hint('ru')),
      diag(spot(lines, 'zh_Hant'), 'quotes[0].lang', 'schema/language-tag', message('zh_Hant'), hint('zh-Hant')),
      diag(spot(lines, 'Ukrainian'), 'sources[0].lang', 'schema/language-tag', message('Ukrainian'), hint('uk')),
    ]);
  });
});

describe('a date far from the meeting: typed from another calendar?', () => {
  // The Japanese era first: the formats are made (and so reached) by the first call only, and only this one prints an era.
  it.each([
    ['0007-04-10', ['Japanese era (Reiwa): 0007-04-10 there is 2025-04-10']],
    ['1404-01-21', ['Solar Hijri (Persian): 1404-01-21 there is 2025-04-10']],
    ['1446-10-12', ['Hijri (Islamic): 1446-10-12 there is 2025-04-10']],
    ['2568-04-10', ['Buddhist (Thai): 2568-04-10 there is 2025-04-10']],
    ['0114-04-10', ['Minguo (Taiwan): 0114-04-10 there is 2025-04-10']],
    // Hebrew months have names, not numbers, in ICU: the year alone.
    ['5785-08-12', ['Hebrew']],
    // No 13th month: the calendar alone.
    ['1404-13-01', ['Solar Hijri (Persian)']],
    ['1404-01', ['Solar Hijri (Persian)']],
    ['1403', ['Solar Hijri (Persian)']],
    ['1405', ['Solar Hijri (Persian)']],
    ['1402', []],
    ['1406', []],
    ['1445', ['Hijri (Islamic)']],
    ['1447', ['Hijri (Islamic)']],
    ['2567', ['Buddhist (Thai)']],
    ['2569', ['Buddhist (Thai)']],
    ['5784', ['Hebrew']],
    ['5786', ['Hebrew']],
    ['0006', ['Japanese era (Reiwa)']],
    ['0008', ['Japanese era (Reiwa)']],
    ['0113', ['Minguo (Taiwan)']],
    ['0115', ['Minguo (Taiwan)']],
    ['2020', []],
    ['1404-01-21x', []],
    ['x1404', []],
    ['1404/1405', []],
  ])('%s may be %j', (date, guesses) => {
    expect(calendarGuesses(date, '2025-04-10')).toStrictEqual(guesses);
  });

  it("the era of a Japanese year is the meeting's", () => {
    expect(calendarGuesses('0030', '2018-04-10')).toStrictEqual(['Japanese era (Heisei)']);
  });

  const lines = [
    'brief:',
    "  as_of: '1404-01-25'",
    'meeting:',
    "  date: '2025-04-10/2025-04-11'",
    'sources:',
    '  - id: s0',
    "    date: '2020-04-10'",
    '  - id: s1',
    "    date: '2020-04-09'",
    '  - id: s2',
    '  - id: s3',
    "    date: '2020-04'",
    '  - id: s4',
    "    date: '2020-03'",
    '  - id: s5',
    "    date: '2020'",
    '  - id: s6',
    "    date: '2019'",
    '  - id: s7',
    "    date: '2030-04-10'",
    '  - id: s8',
    "    date: '2030-04-11'",
    '  - id: s9',
    "    date: '2030'",
    '  - id: s10',
    "    date: '2031'",
    'events:',
    '  - id: e0',
    '    when: later_this_year',
    '  - id: e1',
    "    when: '2025-04-10/2568-04-12'",
    '  - id: e2',
    "    when: '1404-01-01/1404-02-01'",
    '  - id: e3',
    "    when: '2568-Q2'",
    'control:',
    "  as_of: '0114-04-12T09:00:00+08:00'",
    '  history:',
    "    - date: '2025-04-09'",
    "    - date: '2568-04-09'",
  ];
  const far = (part: string) => `"${part}" is more than five years from the meeting (2025-04-10)`;
  const warn = (where: { line: number; col: number }, path: string, message: string, hint: string) => ({
    ...diag(where, path, 'date/far-from-meeting', message, hint),
    severity: 'warning',
  });
  const unknown = 'check the year; leave it if it is right';

  it("warns at each date more than five years (1,826 days) from the meeting's first day, once for a range", () => {
    const { data, map } = load(lines);
    expect(checkCalendars(data, map)).toStrictEqual([
      warn(
        spot(lines, "'1404-01-25'"),
        'brief.as_of',
        `${far('1404-01-25')}: typed from another calendar? 1404 looks like a Solar Hijri (Persian) year`,
        'write the Gregorian date (Solar Hijri (Persian): 1404-01-25 there is 2025-04-14), or leave it if it is right',
      ),
      warn(spot(lines, "'2020-04-09'"), 'sources[1].date', far('2020-04-09'), unknown),
      warn(spot(lines, "'2020-03'"), 'sources[4].date', far('2020-03'), unknown),
      warn(spot(lines, "'2019'"), 'sources[6].date', far('2019'), unknown),
      warn(spot(lines, "'2030-04-11'"), 'sources[8].date', far('2030-04-11'), unknown),
      warn(spot(lines, "'2031'"), 'sources[10].date', far('2031'), unknown),
      warn(
        spot(lines, "'2025-04-10/2568-04-12'"),
        'events[1].when',
        `${far('2568-04-12')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai): 2568-04-12 there is 2025-04-12), or leave it if it is right',
      ),
      warn(
        spot(lines, "'1404-01-01/1404-02-01'"),
        'events[2].when',
        `${far('1404-01-01')}: typed from another calendar? 1404 looks like a Solar Hijri (Persian) year`,
        'write the Gregorian date (Solar Hijri (Persian): 1404-01-01 there is 2025-03-21), or leave it if it is right',
      ),
      warn(
        spot(lines, "'2568-Q2'"),
        'events[3].when',
        `${far('2568-Q2')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai)), or leave it if it is right',
      ),
      warn(
        spot(lines, "'0114-04-12T09:00:00+08:00'"),
        'control.as_of',
        `${far('0114-04-12')}: typed from another calendar? 0114 looks like a Minguo (Taiwan) year`,
        'write the Gregorian date (Minguo (Taiwan): 0114-04-12 there is 2025-04-12), or leave it if it is right',
      ),
      warn(
        spot(lines, "'2568-04-09'"),
        'control.history[1].date',
        `${far('2568-04-09')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai): 2568-04-09 there is 2025-04-09), or leave it if it is right',
      ),
    ]);
  });

  it("a year of two calendars names both; no warning when the meeting's own date is not a day", () => {
    // Around 1920 a year of the Taishō era is also one of the Minguo calendar (both count from 1912).
    const two = ['brief:', "  as_of: '0009-03-01'", 'meeting:', "  date: '1920-06-01'"];
    const { data, map } = load(two);
    expect(checkCalendars(data, map)).toStrictEqual([
      warn(
        spot(two, "'0009-03-01'"),
        'brief.as_of',
        '"0009-03-01" is more than five years from the meeting (1920-06-01): typed from another calendar? 0009 looks like a Japanese era (Taishō) or Minguo (Taiwan) year',
        'write the Gregorian date (Japanese era (Taishō): 0009-03-01 there is 1920-03-01; Minguo (Taiwan): 0009-03-01 there is 1920-03-01), or leave it if it is right',
      ),
    ]);
    // A document control with no history.
    const control = load([
      'brief:',
      "  as_of: '2025-04-12'",
      'meeting:',
      "  date: '2025-04-10'",
      'control:',
      "  as_of: '2025-04-12T09:00:00Z'",
    ]);
    expect(checkCalendars(control.data, control.map)).toStrictEqual([]);
    const invalid = load(['brief:', "  as_of: '1404-01-25'", 'meeting:', "  date: '2025-02-30'"]);
    expect(checkCalendars(invalid.data, invalid.map)).toStrictEqual([]);
  });
});

describe('handling markings: each one named is declared, no audience below the dataset, no item below what it draws on', () => {
  const MARKINGS = [
    'vocabulary:',
    '  markings:',
    '    - id: official',
    '      word: OFFICIAL',
    '    - id: sensitive',
    '      word: OFFICIAL-SENSITIVE',
    '    - id: secret',
    '      word: SECRET',
  ];

  it('a marking or an audience that names no declared marking; a duplicate id; an audience called "all"', () => {
    // The first marking's id is not its first key: a duplicate's "first used at line" is the id's own.
    const lines = [
      'vocabulary:',
      '  markings:',
      '    - word: OFFICIAL',
      '      id: official',
      '    - id: sensitive',
      '      word: OFFICIAL-SENSITIVE',
      '    - id: secret',
      '      word: SECRET',
      '    - id: official',
      '      word: AGAIN',
      'brief:',
      '  marking: oficial',
      '  summary:',
      '    - text: a',
      '      marking: sensitiv',
      '    - text: b',
      'sources:',
      '  - id: s1',
      '    marking: zzzzzzzzzz',
      'people:',
      '  - id: p1',
      '    marking: topsecret',
      'positions:',
      '  - actor: fr',
      '    marking: secrett',
      'quotes:',
      '  - id: q1',
      '    marking: secre',
      'claims:',
      '  - id: c1',
      '    marking: SECRET',
      'open_questions:',
      '  - id: o1',
      '    marking: offical',
      'events:',
      '  - id: e1',
      '    marking: sensitve',
      'discrepancies:',
      '  - id: d1',
      '    marking: secert',
      'audiences:',
      '  - id: all',
      '    name: All',
      '    up_to: official',
      '  - id: press',
      '    name: Press',
      '    up_to: publik',
      '  - id: press',
      '    name: Press again',
      '    up_to: secret',
    ];
    const ids = 'official, sensitive, secret, official';
    const not = (what: string, id: string) => `${what} "${id}" is not a marking: vocabulary.markings has ${ids}`;
    const { data, map } = load(lines);
    expect(checkMarkings(data, map)).toStrictEqual([
      diag(
        spot(lines, 'official', '- id: official'),
        'vocabulary.markings[3].id',
        'ref/duplicate-id',
        'duplicate marking id "official"',
        `first used at line ${spot(lines, '      id: official').line}`,
      ),
      diag(
        spot(lines, 'oficial'),
        'brief.marking',
        'ref/unknown-marking',
        not('marking', 'oficial'),
        'did you mean "official"?',
      ),
      diag(
        spot(lines, 'sensitiv', 'marking: sensitiv'),
        'brief.summary[0].marking',
        'ref/unknown-marking',
        not('marking', 'sensitiv'),
        'did you mean "sensitive"?',
      ),
      diag(
        spot(lines, 'zzzzzzzzzz'),
        'sources[0].marking',
        'ref/unknown-marking',
        not('marking', 'zzzzzzzzzz'),
        `use one of: ${ids}`,
      ),
      diag(
        spot(lines, 'topsecret'),
        'people[0].marking',
        'ref/unknown-marking',
        not('marking', 'topsecret'),
        'did you mean "secret"?',
      ),
      diag(
        spot(lines, 'secrett'),
        'positions[0].marking',
        'ref/unknown-marking',
        not('marking', 'secrett'),
        'did you mean "secret"?',
      ),
      diag(
        spot(lines, 'secre', 'marking: secre', 1),
        'quotes[0].marking',
        'ref/unknown-marking',
        not('marking', 'secre'),
        'did you mean "secret"?',
      ),
      diag(
        spot(lines, 'SECRET', 'marking: SECRET'),
        'claims[0].marking',
        'ref/unknown-marking',
        not('marking', 'SECRET'),
        'did you mean "secret"?',
      ),
      diag(
        spot(lines, 'offical'),
        'open_questions[0].marking',
        'ref/unknown-marking',
        not('marking', 'offical'),
        'did you mean "official"?',
      ),
      diag(
        spot(lines, 'sensitve'),
        'events[0].marking',
        'ref/unknown-marking',
        not('marking', 'sensitve'),
        'did you mean "sensitive"?',
      ),
      diag(
        spot(lines, 'secert'),
        'discrepancies[0].marking',
        'ref/unknown-marking',
        not('marking', 'secert'),
        'did you mean "secret"?',
      ),
      diag(
        spot(lines, 'press', '- id: press', 1),
        'audiences[2].id',
        'ref/duplicate-id',
        'duplicate audience id "press"',
        `first used at line ${spot(lines, '- id: press').line}`,
      ),
      diag(
        spot(lines, 'all', '- id: all'),
        'audiences[0].id',
        'ref/audience-id',
        'an audience cannot be called "all": --audience all means every audience',
        'choose another id',
      ),
      diag(
        spot(lines, 'publik'),
        'audiences[1].up_to',
        'ref/unknown-marking',
        not('audience "press": up_to', 'publik'),
        `use one of: ${ids}`,
      ),
    ]);
  });

  it('with no markings declared, a marking named is not declared; none named, nothing to say', () => {
    const lines = ['brief:', '  marking: official', 'claims:', '  - id: c1'];
    const { data, map } = load(lines);
    expect(checkMarkings(data, map)).toStrictEqual([
      diag(
        spot(lines, 'official'),
        'brief.marking',
        'ref/unknown-marking',
        'marking "official" is not declared: the dataset has no vocabulary.markings',
        'declare the markings, lowest first, under vocabulary.markings (schema_version 2)',
      ),
    ]);
    const none = load(['brief:', '  title: T', 'claims:', '  - id: c1', '    speaker: p1', 'people:', '  - id: p1']);
    expect(checkMarkings(none.data, none.map)).toStrictEqual([]);
  });

  it('an audience cleared below brief.marking, and only that, until it is put right', () => {
    const lines = [
      ...MARKINGS,
      'brief:',
      '  marking: sensitive',
      'claims:',
      '  - id: c1',
      '    marking: secret',
      '  - id: c2',
      '    sources: [s1]',
      'sources:',
      '  - id: s1',
      '    marking: secret',
      'audiences:',
      '  - id: public',
      '    name: Public',
      '    up_to: official',
      '  - id: staff',
      '    name: Staff',
      '    up_to: sensitive',
      '  - id: top',
      '    name: Top',
      '    up_to: secret',
    ];
    const { data, map } = load(lines);
    expect(checkMarkings(data, map)).toStrictEqual([
      diag(
        spot(lines, 'official', 'up_to: official'),
        'audiences[0].up_to',
        'ref/audience-below',
        'audience "public" is cleared up to OFFICIAL, below the dataset\'s marking OFFICIAL-SENSITIVE (brief.marking): the meeting and every unmarked item are marked higher than it may read',
        'set brief.marking to "official" and mark the items this audience may not read, or raise up_to',
      ),
    ]);
    // With brief.marking at the lowest, no audience is below it, and the leaks are looked for.
    const open = load(lines.map((l) => l.replace('marking: sensitive', 'marking: official')));
    expect(checkMarkings(open.data, open.map).map((d) => `${d.path} ${d.code}`)).toStrictEqual([
      'claims[1].sources ref/marking-leak',
    ]);
    // A marking that is not declared is reported alone: no audience is compared before it is put right.
    const unknown = load(
      [...lines, '  - id: c3', '    marking: zzzzzzzzzz'].map((l) =>
        l.replace('  - id: c3', 'open_questions:\n  - id: c3'),
      ),
    );
    expect(checkMarkings(unknown.data, unknown.map).map((d) => `${d.path} ${d.code}`)).toStrictEqual([
      'open_questions[0].marking ref/unknown-marking',
    ]);
    const unmarked = load(lines.filter((l) => !l.includes('marking: sensitive') && l !== 'brief:'));
    expect(checkMarkings(unmarked.data, unmarked.map).map((d) => `${d.path} ${d.code}`)).toStrictEqual([
      'claims[1].sources ref/marking-leak',
    ]);
  });

  it('no item is marked below a claim, quote or person it draws on, nor cites only sources marked above it', () => {
    const lines = [
      ...MARKINGS,
      'brief:',
      '  summary:',
      '    - text: a',
      '      claims: [c1, c2]',
      '    - text: b',
      '      marking: sensitive',
      '      claims: [c2]',
      '    - text: c',
      '      marking: official',
      '      claims: [c3]',
      'meeting:',
      '  sources: [s2, s3]',
      '  participants:',
      '    sources: [s3, s2]',
      'sources:',
      '  - id: s1',
      '  - id: s2',
      '    marking: sensitive',
      '  - id: s3',
      '    marking: secret',
      'people:',
      '  - id: p1',
      '    sources: [s2]',
      '    variants:',
      '      - sources: [s3]',
      '      - sources: [s1]',
      '  - id: p2',
      '    marking: secret',
      'claims:',
      '  - id: c1',
      '    speaker: p1',
      '    sources: [s1]',
      '  - id: c2',
      '    marking: sensitive',
      '    sources: [s1, s2]',
      '  - id: c3',
      '    marking: secret',
      '  - id: c4',
      '    speaker: p2',
      '  - id: c5',
      '    marking: sensitive',
      '    sources: [s3]',
      '  - id: c6',
      '    sources: [nosuch, s3]',
      'quotes:',
      '  - id: q1',
      '    speaker: p2',
      '  - id: q2',
      '    speaker: fr',
      '    translation_source: s3',
      '  - id: q3',
      '    sources: [s2]',
      '  - id: q5',
      '    marking: secret',
      'positions:',
      '  - actor: fr',
      '    key_quote: q5',
      '    stances:',
      '      d:',
      '        speaker: p2',
      '        sources: [s3]',
      '      e:',
      '        sources: [s1]',
      '  - actor: de',
      '    marking: secret',
      '    key_quote: q5',
      '    stances: {}',
      'open_questions:',
      '  - id: o1',
      '    claims: [c3]',
      '    sources: [s3]',
      '  - id: o2',
      'events:',
      '  - id: e1',
      '    claims: [c3]',
      '    convener: p2',
      '    sources: [s3]',
      '  - id: e2',
      'discrepancies:',
      '  - id: d1',
      '    claims: [c3]',
      '    person: p2',
      '    variants:',
      '      - sources: [s3]',
      '  - id: d2',
      '    variants: []',
    ];
    const { data, map } = load(lines);
    const leak = (what: string, mark: string, kind: string, id: string, its: string) =>
      `${what} is marked ${mark} but draws on ${kind} "${id}", marked ${its}: an audience cleared for ${mark} would read the ${kind}'s substance`;
    const bare = (what: string, mark: string) =>
      `${what} is marked ${mark} but every source it cites is marked higher: for an audience cleared for ${mark} it would stand with no source`;
    const v = (value: string, marker: string, nth = 0) => spot(lines, value, marker, nth);
    expect(checkMarkings(data, map)).toStrictEqual([
      diag(
        v('c2', '[c1, c2]'),
        'brief.summary[0].claims[1]',
        'ref/marking-leak',
        leak('bottom-line point 1', 'OFFICIAL', 'claim', 'c2', 'OFFICIAL-SENSITIVE'),
        'mark it "sensitive" (or higher), or leave out the claim',
      ),
      diag(
        v('official', 'marking: official'),
        'brief.summary[2].marking',
        'ref/marking-leak',
        leak('bottom-line point 3', 'OFFICIAL', 'claim', 'c3', 'SECRET'),
        'mark it "secret" (or higher), or leave out the claim',
      ),
      diag(
        v('[s2, s3]', 'sources: [s2, s3]'),
        'meeting.sources',
        'ref/marking-leak',
        bare("the meeting (at the dataset's marking)", 'OFFICIAL'),
        'mark it "sensitive", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[s3, s2]', 'sources: [s3, s2]'),
        'meeting.participants.sources',
        'ref/marking-leak',
        bare("the meeting (at the dataset's marking)", 'OFFICIAL'),
        'mark it "sensitive", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('p2', 'speaker: p2', 0),
        'claims[3].speaker',
        'ref/marking-leak',
        leak('claim "c4"', 'OFFICIAL', 'person', 'p2', 'SECRET'),
        'mark it "secret" (or higher), or leave out the person',
      ),
      diag(
        v('sensitive', 'marking: sensitive', 3),
        'claims[4].marking',
        'ref/marking-leak',
        bare('claim "c5"', 'OFFICIAL-SENSITIVE'),
        'mark it "secret", or cite a source marked OFFICIAL-SENSITIVE or lower',
      ),
      diag(
        v('p2', 'speaker: p2', 1),
        'quotes[0].speaker',
        'ref/marking-leak',
        leak('quote "q1"', 'OFFICIAL', 'person', 'p2', 'SECRET'),
        'mark it "secret" (or higher), or leave out the person',
      ),
      diag(
        v('s3', 'translation_source: s3'),
        'quotes[1].translation_source',
        'ref/marking-leak',
        leak('quote "q2"', 'OFFICIAL', 'source', 's3', 'SECRET'),
        'mark it "secret" (or higher), or leave out the source',
      ),
      diag(
        v('[s2]', 'sources: [s2]', 1),
        'quotes[2].sources',
        'ref/marking-leak',
        bare('quote "q3"', 'OFFICIAL'),
        'mark it "sensitive", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[s2]', 'sources: [s2]', 0),
        'people[0].sources',
        'ref/marking-leak',
        bare('person "p1"', 'OFFICIAL'),
        'mark it "sensitive", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[s3]', 'sources: [s3]', 0),
        'people[0].variants[0].sources',
        'ref/marking-leak',
        bare('person "p1"', 'OFFICIAL'),
        'mark it "secret", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('q5', 'key_quote: q5', 0),
        'positions[0].key_quote',
        'ref/marking-leak',
        leak('the position of "fr"', 'OFFICIAL', 'quote', 'q5', 'SECRET'),
        'mark it "secret" (or higher), or leave out the quote',
      ),
      diag(
        v('p2', 'speaker: p2', 2),
        'positions[0].stances.d.speaker',
        'ref/marking-leak',
        leak('the position of "fr"', 'OFFICIAL', 'person', 'p2', 'SECRET'),
        'mark it "secret" (or higher), or leave out the person',
      ),
      diag(
        v('[s3]', 'sources: [s3]', 2),
        'positions[0].stances.d.sources',
        'ref/marking-leak',
        bare('the position of "fr"', 'OFFICIAL'),
        'mark it "secret", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[c3]', 'claims: [c3]', 1),
        'open_questions[0].claims',
        'ref/marking-leak',
        leak('open question "o1"', 'OFFICIAL', 'claim', 'c3', 'SECRET'),
        'mark it "secret" (or higher), or leave out the claim',
      ),
      diag(
        v('[s3]', 'sources: [s3]', 3),
        'open_questions[0].sources',
        'ref/marking-leak',
        bare('open question "o1"', 'OFFICIAL'),
        'mark it "secret", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[c3]', 'claims: [c3]', 2),
        'events[0].claims',
        'ref/marking-leak',
        leak('event "e1"', 'OFFICIAL', 'claim', 'c3', 'SECRET'),
        'mark it "secret" (or higher), or leave out the claim',
      ),
      diag(
        v('p2', 'convener: p2'),
        'events[0].convener',
        'ref/marking-leak',
        leak('event "e1"', 'OFFICIAL', 'person', 'p2', 'SECRET'),
        'mark it "secret" (or higher), or leave out the person',
      ),
      diag(
        v('[s3]', 'sources: [s3]', 4),
        'events[0].sources',
        'ref/marking-leak',
        bare('event "e1"', 'OFFICIAL'),
        'mark it "secret", or cite a source marked OFFICIAL or lower',
      ),
      diag(
        v('[c3]', 'claims: [c3]', 3),
        'discrepancies[0].claims',
        'ref/marking-leak',
        leak('discrepancy "d1"', 'OFFICIAL', 'claim', 'c3', 'SECRET'),
        'mark it "secret" (or higher), or leave out the claim',
      ),
      diag(
        v('p2', 'person: p2'),
        'discrepancies[0].person',
        'ref/marking-leak',
        leak('discrepancy "d1"', 'OFFICIAL', 'person', 'p2', 'SECRET'),
        'mark it "secret" (or higher), or leave out the person',
      ),
      diag(
        v('[s3]', 'sources: [s3]', 5),
        'discrepancies[0].variants[0].sources',
        'ref/marking-leak',
        bare('discrepancy "d1"', 'OFFICIAL'),
        'mark it "secret", or cite a source marked OFFICIAL or lower',
      ),
    ]);
  });
});
