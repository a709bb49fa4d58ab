// The data checks a schema cannot express, called in this process so that the
// mutation run (npm run test:mutation) sees them: places (src/data/places.ts),
// delegations (delegations.ts), document control (control.ts), language tags
// (languages.ts) and dates typed from another calendar (calendars.ts). Each
// check reads a small dataset written
// here as YAML text, and every finding is compared whole: its message, code,
// hint, file, line and column, all written out here. A line and column are
// found by searching this file's own YAML text, never by the code under test.
import { describe, expect, it } from 'vitest';
import { calendarGuesses, checkCalendars } from '../src/data/calendars.js';
import { checkControl, knownTimeZone } from '../src/data/control.js';
import { checkDelegations } from '../src/data/delegations.js';
import { checkLanguages, guessTag, knownTag } from '../src/data/languages.js';
import { checkPlaces } from '../src/data/places.js';
import type { Control, Dataset } from '../src/data/types.js';
import { parseYaml } from '../src/shared/yaml.js';

const FILE = 'd.yaml';

/** The dataset and source map of YAML lines, with the lists a check may read defaulting to empty. */
function load(lines: string[]) {
  const { data, map } = parseYaml(lines.join('\n') + '\n', FILE, 'empty');
  const d = { brief: {}, meeting: { participants: {} }, people: [], actors: [], sources: [], quotes: [], claims: [], positions: [], ...(data as object) } as unknown as Dataset;
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
  const hint = 'give its city (city: Johannesburg), or its country alone (country: ZA, the ISO code) where the reports name no city';

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
    expect(checkPlaces(data, map)).toStrictEqual([diag(spot(lines, 'description'), 'meeting.place', 'schema/place', 'a place needs a city or a country', hint)]);
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
      diag(spot(lines, 'minster'), 'actors[0].delegation.level', 'ref/unknown-level', `unknown delegation level "minster": the vocabulary has ${levels}`, 'did you mean "minister"?'),
      // fr has one person of its own, bo, too far from "anna" to be a misspelling: the one there is.
      diag(spot(lines, 'anna', 'led_by: anna', 0), 'actors[0].delegation.led_by', 'ref/leader-actor', 'Anna Berg ("anna") speaks for "uk", not for "fr": a delegation is led by one of its own', 'did you mean "bo"?'),
      diag(spot(lines, 'zzzzzzzzzzz'), 'actors[1].delegation.level', 'ref/unknown-level', `unknown delegation level "zzzzzzzzzzz": the vocabulary has ${levels}`, 'declare it under vocabulary.levels (schema_version 2)'),
      diag(spot(lines, 'true', 'remote: true', 0), 'actors[1].delegation.remote', 'ref/remote-in-person', 'the delegation took part by video, but its leader Anna Berg is recorded at the meeting in person', `write attended: remote for "anna" (line ${spot(lines, 'attended: true').line}), or drop remote: true`),
      // es has no one of its own.
      diag(spot(lines, 'anna', 'led_by: anna', 2), 'actors[4].delegation.led_by', 'ref/leader-actor', 'Anna Berg ("anna") speaks for "uk", not for "es": a delegation is led by one of its own', 'add the leader to people with actor: es'),
      // pt has two, and "dorc" is one letter from "dora", the first of them.
      diag(spot(lines, 'dorc', 'led_by: dorc'), 'actors[5].delegation.led_by', 'ref/leader-actor', 'Dorc Lind ("dorc") speaks for "it", not for "pt": a delegation is led by one of its own', 'did you mean "dora"?'),
      // ie has two, neither near "dora": no guess.
      diag(spot(lines, 'dora', 'led_by: dora'), 'actors[8].delegation.led_by', 'ref/leader-actor', 'Dora Lind ("dora") speaks for "pt", not for "ie": a delegation is led by one of its own', 'add the leader to people with actor: ie'),
    ]);
  });

  it('a level the dataset declares is known; its list is in the message', () => {
    const own = ['schema_version: 2', 'vocabulary:', '  levels:', '    envoy:', '      word: special envoy', 'actors:', '  - id: us', '    delegation:', '      level: envoy', '  - id: ua', '    delegation:', '      level: envoi'];
    const { data, map } = load(own);
    expect(checkDelegations(data, map)).toStrictEqual([
      diag(spot(own, 'envoi'), 'actors[1].delegation.level', 'ref/unknown-level', `unknown delegation level "envoi": the vocabulary has ${levels}, envoy`, 'did you mean "envoy"?'),
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
      diag(spot(lines, 'Europe/Pariss'), 'control.time_zone', 'control/time-zone', 'unknown time zone "Europe/Pariss"', 'did you mean "Europe/Paris"? (an IANA name, such as Europe/Brussels)'),
      diag(spot(lines, "'2.0'"), 'control.superseded_by', 'control/superseded-by', "superseded_by is for a superseded version; this one's status is final", 'set status: superseded, or remove superseded_by'),
      diag(spot(lines, "'1.0'", "'1.0'", 1), 'control.history[1].version', 'control/duplicate-version', 'version "1.0" is already in the history', `first at line ${firstVersion}`),
      diag(spot(lines, "'2025-04-09'"), 'control.history[1].date', 'control/history-order', 'the history goes oldest first, but "1.0" (2025-04-09) comes after "1.0" (2025-04-10)'),
      diag(spot(lines, "'2025-04-13'"), 'control.history[4].date', 'control/history-date', 'version "1.3" is dated 2025-04-13, after this version\'s as_of (2025-04-12)', 'a history lists versions up to this one'),
    ]);
  });

  it('no control, or one that is right, has no problems; a zone nothing is near has no guess', () => {
    expect(checkControl(undefined, load(['author: A']).map)).toStrictEqual([]);
    const right = ['control:', "  version: '2'", '  status: superseded', "  as_of: '2025-04-12T23:30:00-05:00'", '  time_zone: America/Toronto', '  author: A', "  superseded_by: '3'", '  history:', "    - version: '1'", "      date: '2025-04-12'", '      change: c'];
    const ok = load(right);
    expect(checkControl(ok.data.control, ok.map)).toStrictEqual([]);
    const far = ['control:', "  version: '2'", '  status: draft', "  as_of: '2025-04-12T09:00:00Z'", '  time_zone: Qqqqqqqqqqqqqqqqqqqq', '  author: A'];
    const bad = load(far);
    expect(checkControl(bad.data.control as Control, bad.map)).toStrictEqual([
      diag(spot(far, 'Qqqq'), 'control.time_zone', 'control/time-zone', 'unknown time zone "Qqqqqqqqqqqqqqqqqqqq"', 'an IANA name, such as Europe/Brussels or Asia/Tokyo'),
    ]);
  });

  it('knows the zones of the system\'s database', () => {
    expect(knownTimeZone('Europe/Brussels')).toBe(true);
    expect(knownTimeZone('Asia/Tokyo')).toBe(true);
    expect(knownTimeZone('Europe/Brussel')).toBe(false);
    expect(knownTimeZone('')).toBe(false);
  });
});

describe('language tags: BCP 47, with the tag a mistyped one meant', () => {
  it.each([
    ['ru', 'ru'], ['ZH-hans', 'zh-Hans'], ['pt-br', 'pt-BR'], ['sr-Latn-RS', 'sr-Latn-RS'], ['hbo', 'hbo'], ['qaa', 'qaa'],
    ['und', undefined], ['qq', undefined], ['xx', undefined], ['zh-Hanz', undefined], ['ru-AA', undefined], ['not a tag', undefined], ['', undefined],
  ])('%j is known as %j', (tag, known) => {
    expect(knownTag(tag)).toBe(known);
  });

  it.each([
    ['zh_Hans', 'zh-Hans'], [' ru ', 'ru'], [' zh-Hans ', 'zh-Hans'], ['Russian', 'ru'], ['english', 'en'], ['Afar', 'aa'], ['Zulu', 'zu'],
    ['ru-RUS', 'ru'], ['zh-Hanz', 'zh'], ['sr-Latn-QQ', 'sr-Latn'], ['e-n', 'en'], ['russian1', undefined],
  ])('%j most likely meant %j', (tag, meant) => {
    expect(guessTag(tag)).toBe(meant);
  });

  it('reports each tag that is not one at its place, in the order actors, people, quotes, sources', () => {
    const hint = (guess?: string) => `${guess ? `did you mean "${guess}"? ` : ''}(a BCP 47 tag: ru, ar, zh-Hans, pt-BR, hi; a language subtag, then script and region if needed, joined by hyphens)`;
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
    ['1403', ['Solar Hijri (Persian)']], ['1405', ['Solar Hijri (Persian)']], ['1402', []], ['1406', []],
    ['1445', ['Hijri (Islamic)']], ['1447', ['Hijri (Islamic)']],
    ['2567', ['Buddhist (Thai)']], ['2569', ['Buddhist (Thai)']],
    ['5784', ['Hebrew']], ['5786', ['Hebrew']],
    ['0006', ['Japanese era (Reiwa)']], ['0008', ['Japanese era (Reiwa)']],
    ['0113', ['Minguo (Taiwan)']], ['0115', ['Minguo (Taiwan)']],
    ['2020', []], ['1404-01-21x', []], ['x1404', []], ['1404/1405', []],
  ])('%s may be %j', (date, guesses) => {
    expect(calendarGuesses(date, '2025-04-10')).toStrictEqual(guesses);
  });

  it('the era of a Japanese year is the meeting\'s', () => {
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
  const warn = (where: { line: number; col: number }, path: string, message: string, hint: string) => ({ ...diag(where, path, 'date/far-from-meeting', message, hint), severity: 'warning' });
  const unknown = 'check the year; leave it if it is right';

  it('warns at each date more than five years (1,826 days) from the meeting\'s first day, once for a range', () => {
    const { data, map } = load(lines);
    expect(checkCalendars(data, map)).toStrictEqual([
      warn(spot(lines, "'1404-01-25'"), 'brief.as_of', `${far('1404-01-25')}: typed from another calendar? 1404 looks like a Solar Hijri (Persian) year`,
        'write the Gregorian date (Solar Hijri (Persian): 1404-01-25 there is 2025-04-14), or leave it if it is right'),
      warn(spot(lines, "'2020-04-09'"), 'sources[1].date', far('2020-04-09'), unknown),
      warn(spot(lines, "'2020-03'"), 'sources[4].date', far('2020-03'), unknown),
      warn(spot(lines, "'2019'"), 'sources[6].date', far('2019'), unknown),
      warn(spot(lines, "'2030-04-11'"), 'sources[8].date', far('2030-04-11'), unknown),
      warn(spot(lines, "'2031'"), 'sources[10].date', far('2031'), unknown),
      warn(spot(lines, "'2025-04-10/2568-04-12'"), 'events[1].when', `${far('2568-04-12')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai): 2568-04-12 there is 2025-04-12), or leave it if it is right'),
      warn(spot(lines, "'1404-01-01/1404-02-01'"), 'events[2].when', `${far('1404-01-01')}: typed from another calendar? 1404 looks like a Solar Hijri (Persian) year`,
        'write the Gregorian date (Solar Hijri (Persian): 1404-01-01 there is 2025-03-21), or leave it if it is right'),
      warn(spot(lines, "'2568-Q2'"), 'events[3].when', `${far('2568-Q2')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai)), or leave it if it is right'),
      warn(spot(lines, "'0114-04-12T09:00:00+08:00'"), 'control.as_of', `${far('0114-04-12')}: typed from another calendar? 0114 looks like a Minguo (Taiwan) year`,
        'write the Gregorian date (Minguo (Taiwan): 0114-04-12 there is 2025-04-12), or leave it if it is right'),
      warn(spot(lines, "'2568-04-09'"), 'control.history[1].date', `${far('2568-04-09')}: typed from another calendar? 2568 looks like a Buddhist (Thai) year`,
        'write the Gregorian date (Buddhist (Thai): 2568-04-09 there is 2025-04-09), or leave it if it is right'),
    ]);
  });

  it('a year of two calendars names both; no warning when the meeting\'s own date is not a day', () => {
    // Around 1920 a year of the Taishō era is also one of the Minguo calendar (both count from 1912).
    const two = ['brief:', "  as_of: '0009-03-01'", 'meeting:', "  date: '1920-06-01'"];
    const { data, map } = load(two);
    expect(checkCalendars(data, map)).toStrictEqual([
      warn(spot(two, "'0009-03-01'"), 'brief.as_of', '"0009-03-01" is more than five years from the meeting (1920-06-01): typed from another calendar? 0009 looks like a Japanese era (Taishō) or Minguo (Taiwan) year',
        'write the Gregorian date (Japanese era (Taishō): 0009-03-01 there is 1920-03-01; Minguo (Taiwan): 0009-03-01 there is 1920-03-01), or leave it if it is right'),
    ]);
    // A document control with no history.
    const control = load(['brief:', "  as_of: '2025-04-12'", 'meeting:', "  date: '2025-04-10'", 'control:', "  as_of: '2025-04-12T09:00:00Z'"]);
    expect(checkCalendars(control.data, control.map)).toStrictEqual([]);
    const invalid = load(['brief:', "  as_of: '1404-01-25'", 'meeting:', "  date: '2025-02-30'"]);
    expect(checkCalendars(invalid.data, invalid.map)).toStrictEqual([]);
  });
});
