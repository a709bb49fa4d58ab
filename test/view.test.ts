// What the view decides for a reader, called in this process (so that the
// mutation run of npm run test:mutation sees it): dates as a report would put
// them and their order, the as-of time in its zone, the version band and the
// watermark, and a category's symbol and word. Every expected value is
// written out here from the README and the English labels file, not computed
// by the code under test.
import { describe, expect, it } from 'vitest';
import type { Control } from '../src/data/types.js';
import { vocabularyOf } from '../src/data/vocabulary.js';
import { englishLabels } from '../src/shared/labels.js';
import { asOfText, controlView, controlWords } from '../src/view/control.js';
import { categoryView, themeCategory } from '../src/view/category.js';
import { whenOf } from '../src/view/dates.js';
import { shortInSentence } from '../src/view/records.js';
import { sharedConditions } from '../src/view/view.js';
import type { ActorView, CellView } from '../src/view/types.js';
import type { Theme } from '../src/shared/theme.js';

const en = englishLabels();
const MEETING = '2025-04-10';

describe('dates as the sources give them', () => {
  it.each([
    ['2025-04-11', '11 April 2025', '2025-04-11~0'],
    ['2025-06', 'June 2025', '2025-06-01~1'],
    ['2025-Q1', 'the first quarter of 2025', '2025-01-01~2'],
    ['2025-Q2', 'the second quarter of 2025', '2025-04-01~2'],
    ['2025-Q3', 'the third quarter of 2025', '2025-07-01~2'],
    ['2025-Q4', 'the fourth quarter of 2025', '2025-10-01~2'],
    ['2025-spring', 'spring 2025', '2025-03-01~3'],
    ['2025-summer', 'summer 2025', '2025-06-01~3'],
    ['2025-autumn', 'autumn 2025', '2025-09-01~3'],
    ['2025-winter', 'winter 2025', '2025-12-01~3'],
    ['2025-early', 'early 2025', '2025-01-01~3'],
    ['2025-mid', 'mid-2025', '2025-05-01~3'],
    ['2025-late', 'late 2025', '2025-09-01~3'],
    ['2026', '2026', '2026-01-01~4'],
    ['later_this_year', 'later in 2025', '2025-12-31~5'],
    ['coming_weeks', 'in the coming weeks', '2025-04-10~2'],
    ['coming_months', 'in the coming months', '2025-04-10~3'],
    ['next_year', 'in 2026', '2026-01-01~4'],
    ['2025-09/2025-11', 'September to November 2025', '2025-09-01~1'],
    ['2025-03/2026-01', 'March 2025 to January 2026', '2025-03-01~1'],
    ['2025/2027', '2025 to 2027', '2025-01-01~4'],
    // A span of days reads as a language writes one (issue 26): one month and year, an en dash.
    ['2025-05-01/2025-05-03', '1–3 May 2025', '2025-05-01~0'],
    // The year is said once only where both ends are as precise.
    ['2025-05-01/2025-06', '1 May 2025 to June 2025', '2025-05-01~0'],
    ['2025-spring/2025-summer', 'spring 2025 to summer 2025', '2025-03-01~3'],
  ])('%s reads "%s" and sorts as %s', (when, text, sort) => {
    expect(whenOf(when, MEETING, en)).toEqual({ text, sort });
  });

  it('a day with a time, with or without its zone; a time on anything less than a day is left out', () => {
    expect(whenOf('2025-04-11', MEETING, en, '09:30').text).toBe('11 April 2025 at 09:30');
    expect(whenOf('2025-04-11', MEETING, en, '09:30', 'Europe/Brussels').text).toBe(
      '11 April 2025 at 09:30 (Central European Summer Time)',
    );
    expect(whenOf('2025-04-11', MEETING, en, '09:30', 'America/New_York').text).toBe(
      '11 April 2025 at 09:30 (Eastern Daylight Time)',
    );
    expect(whenOf('2025-06', MEETING, en, '09:30').text).toBe('June 2025');
  });

  it("relative dates follow the meeting's year", () => {
    expect(whenOf('later_this_year', '2031-02-01', en)).toEqual({ text: 'later in 2031', sort: '2031-12-31~5' });
    expect(whenOf('next_year', '2031-02-01', en)).toEqual({ text: 'in 2032', sort: '2032-01-01~4' });
    expect(whenOf('coming_weeks', '2031-02-01', en).sort).toBe('2031-02-01~2');
  });

  it('sorts by the earliest day it could be, then the most precise first', () => {
    const order = ['2025-09', '2025-autumn', '2025-Q3', '2025-09-15', 'later_this_year', '2025', '2025-mid'];
    const sorted = [...order].sort((a, b) => (whenOf(a, MEETING, en).sort < whenOf(b, MEETING, en).sort ? -1 : 1));
    expect(sorted).toEqual(['2025', '2025-mid', '2025-Q3', '2025-09', '2025-autumn', '2025-09-15', 'later_this_year']);
  });

  it('refuses what is not a date', () => {
    for (const bad of ['2025-13-01x', '2025-Q5', '2025-fall', 'soon', '25'])
      expect(() => whenOf(bad, MEETING, en), bad).toThrow(/not a date/);
  });
});

const CONTROL: Control = {
  version: '2.0',
  status: 'draft',
  as_of: '2025-04-11T09:30:00+02:00',
  author: 'Unit & <Team>',
};

describe('document control', () => {
  it.each([
    ['2025-04-11T09:30:00+02:00', 'Europe/Brussels', '2025-04-11', '11 April 2025, 09:30 CEST'],
    ['2025-01-11T09:30:00+01:00', 'Europe/Brussels', '2025-01-11', '11 January 2025, 09:30 CET'],
    // In its zone the time can fall on another day than the offset written.
    ['2025-04-11T23:30:00Z', 'Europe/Kyiv', '2025-04-12', '12 April 2025, 02:30 EEST'],
    ['2025-04-11T09:30:00+02:00', undefined, '2025-04-11', '11 April 2025, 09:30 UTC+02:00'],
    ['2025-04-11T09:30:00Z', undefined, '2025-04-11', '11 April 2025, 09:30 UTC'],
    ['2025-04-11t09:30:00z', undefined, '2025-04-11', '11 April 2025, 09:30 UTC'],
    ['2025-04-11T09:30:00-00:00', undefined, '2025-04-11', '11 April 2025, 09:30 UTC'],
    ['2025-04-11T09:30:00+00:00', undefined, '2025-04-11', '11 April 2025, 09:30 UTC'],
    ['2025-04-11T09:30:15.250-05:00', undefined, '2025-04-11', '11 April 2025, 09:30 UTC-05:00'],
    ['2025-04-11T09:30-05:00', undefined, '2025-04-11', '11 April 2025, 09:30 UTC-05:00'],
  ])('as of %s in %s: %s, "%s"', (asOf, zone, date, text) => {
    expect(asOfText(asOf, zone, en)).toEqual({ date, text });
  });

  it('refuses an as-of time without its offset, or with junk around it', () => {
    for (const bad of [
      '2025-04-11T09:30:00',
      '2025-04-11',
      'x2025-04-11T09:30:00Z',
      '2025-04-11T09:30:00Zx',
      '2025-04-11 09:30:00Z',
    ]) {
      expect(() => asOfText(bad, undefined, en), bad).toThrow(/not an RFC 3339/);
    }
  });

  it('the band and the watermark for each status', () => {
    expect(controlWords(CONTROL, en)).toEqual({ band: 'Version 2.0, Draft', watermark: 'DRAFT' });
    expect(controlWords({ ...CONTROL, status: 'final' }, en)).toEqual({ band: 'Version 2.0, Final', watermark: null });
    expect(controlWords({ ...CONTROL, status: 'superseded' }, en)).toEqual({
      band: 'Version 2.0, Superseded',
      watermark: 'SUPERSEDED',
    });
  });

  it('the view: escaped for Markdown, absent parts null, the current version marked in the history', () => {
    expect(controlView(undefined, en)).toBeNull();
    const v = controlView(
      {
        ...CONTROL,
        time_zone: 'Europe/Brussels',
        reviewer: 'R *one*',
        approver: 'A',
        superseded_by: '2.1',
        history: [
          { version: '1.0', date: '2025-04-10', change: 'First.' },
          { version: '2.0', date: '2025-04-11', change: 'Second_one.' },
        ],
      },
      en,
    )!;
    // Markdown-escaped: '2.0' at the start of a line would begin a numbered list.
    expect(v).toMatchObject({
      version: '2\\.0',
      status: 'draft',
      status_word: 'Draft',
      as_of: '2025-04-11T09:30:00+02:00',
      as_of_date: '2025-04-11',
      as_of_text: '11 April 2025, 09:30 CEST',
      time_zone: 'Europe/Brussels',
      band: 'Version 2.0, Draft',
      watermark: 'DRAFT',
      superseded_by: '2\\.1',
      approver: 'A',
    });
    expect(v.author).toBe('Unit & \\<Team\\>');
    expect(v.reviewer).toBe('R \\*one\\*');
    expect(v.history.map((h) => [h.version, h.date, h.current])).toEqual([
      ['1\\.0', '2025-04-10', false],
      ['2\\.0', '2025-04-11', true],
    ]);
    expect(v.history[1]!.change).toBe('Second\\_one.');
    const bare = controlView({ ...CONTROL, status: 'final' }, en)!;
    expect([bare.reviewer, bare.approver, bare.superseded_by, bare.time_zone, bare.watermark, bare.history]).toEqual([
      null,
      null,
      null,
      null,
      null,
      [],
    ]);
  });
});

describe('a category as shown', () => {
  const theme = {
    categories: { yes: { symbol: '✓', fill: '#e0f0e0' }, open: { symbol: '◐', fill: '#fff4d6' } },
  } as unknown as Theme;
  const vocabulary = vocabularyOf({
    schema_version: 2,
    vocabulary: {
      categories: {
        signed: { word: 'Signed', meaning: 'signed it', like: 'yes' },
        marked: { word: 'Marked', symbol: '§' },
        bare: {},
      },
    },
  } as never);
  const span = (id: string, content: string, tone?: string) =>
    `<span data-category="${id}"${tone ? ` data-tone="${tone}"` : ''}>${content}</span>`;

  it.each([
    [
      'open',
      {},
      {
        label: 'Open',
        meaning: 'does not rule it out',
        symbol: span('open', '◐'),
        text: span('open', '◐\u00a0Open'),
        stance: 'undecided',
        own_words: false,
      },
    ],
    // A category of the dataset's own borrows the symbol and fill of the one it is like.
    [
      'signed',
      {},
      {
        label: 'Signed',
        meaning: 'signed it',
        symbol: span('yes', '✓'),
        text: span('yes', '✓\u00a0Signed'),
        stance: 'support',
        own_words: false,
      },
    ],
    // Its own symbol, with no theme entry: marked with its own id.
    [
      'marked',
      {},
      {
        label: 'Marked',
        meaning: '',
        symbol: span('marked', '§'),
        text: span('marked', '§\u00a0Marked'),
        stance: null,
        own_words: false,
      },
    ],
    // Declared with nothing: its id, as words, and no symbol.
    [
      'bare',
      {},
      {
        label: 'Bare',
        meaning: '',
        symbol: span('bare', ''),
        text: span('bare', 'Bare'),
        stance: null,
        own_words: false,
      },
    ],
    // A word of several words never wraps; a dimension's own word and meaning win, and a category it rewords has no stance and a neutral tone (issue 25).
    [
      'not_required',
      {},
      {
        label: 'Not required',
        meaning: 'does not need it',
        symbol: span('not_required', ''),
        text: span('not_required', 'Not\u00a0required'),
        stance: null,
        own_words: false,
      },
    ],
    [
      'open',
      { word: 'Maybe *so*', meaning: 'for this question' },
      {
        label: 'Maybe \\*so\\*',
        meaning: 'for this question',
        symbol: span('open', '◐', 'neutral'),
        text: span('open', '◐\u00a0Maybe\u00a0\\*so\\*', 'neutral'),
        stance: null,
        own_words: true,
      },
    ],
    [
      'unknown',
      {},
      {
        label: 'unknown',
        meaning: '',
        symbol: span('unknown', ''),
        text: span('unknown', 'unknown'),
        stance: null,
        own_words: false,
      },
    ],
  ])('%s %j', (id, on, expected) => {
    expect(categoryView(id, theme, vocabulary, on)).toEqual({ id, ...expected });
  });

  it('the look: its own theme entry, else the one it is like, else none', () => {
    expect(themeCategory(theme, vocabulary, 'open')).toEqual({ symbol: '◐', fill: '#fff4d6' });
    expect(themeCategory(theme, vocabulary, 'signed')).toEqual({ symbol: '✓', fill: '#e0f0e0' });
    expect(themeCategory(theme, vocabulary, 'marked')).toBeUndefined();
    expect(themeCategory(theme, vocabulary, 'toString')).toBeUndefined();
  });
});

describe('a short name as a sentence or list reads it (actors[].short_name_in_sentence, else the default)', () => {
  it.each([
    [{ name: 'United Kingdom', short_name: 'UK' }, 'the UK'],
    [{ name: 'United States', short_name: 'US' }, 'the US'],
    [{ name: 'European Union', short_name: 'EU' }, 'the EU'],
    [{ name: 'United Arab Emirates', short_name: 'UAE' }, 'the UAE'],
    [{ name: 'UK', short_name: 'UK', name_in_sentence: 'the United Kingdom' }, 'the UK'],
    // Four capitals may be read as a word: no article unless the data gives one.
    [{ name: 'North Atlantic Treaty Organization', short_name: 'NATO' }, 'NATO'],
    [
      {
        name: 'Organization for Security and Co-operation in Europe',
        short_name: 'OSCE',
        short_name_in_sentence: 'the OSCE',
      },
      'the OSCE',
    ],
    // The full name's own sentence form decides: a curator who writes it without "the" gets none.
    [{ name: 'United Kingdom', short_name: 'UK', name_in_sentence: 'Britain' }, 'UK'],
    [{ name: 'Republic of Korea', short_name: 'ROK' }, 'the ROK'],
    [{ name: 'Kingdom of the Netherlands', short_name: 'Netherlands' }, 'the Netherlands'],
    [{ name: 'French Republic', short_name: 'France' }, 'France'],
    [{ name: 'Japan', short_name: 'JP' }, 'JP'],
    [{ name: 'Russian Federation', short_name: 'Russia' }, 'Russia'],
    [{ name: 'Canada' }, 'Canada'],
    [{ name: 'United Kingdom', short_name: 'UK', short_name_in_sentence: 'Britain' }, 'Britain'],
  ])('%j reads %s', (actor, expected) => {
    expect(shortInSentence(actor)).toBe(expected);
  });
});

describe('conditions shared by some of a group name them as a sentence reads them', () => {
  const actor = (the_short_name: string) => ({ the_short_name }) as ActorView;
  const cell = (condition: string | null) => ({ condition }) as CellView;
  it('"The UK and France: …" opens its sentence with a capital; an actor alone keeps its own form', () => {
    expect(
      sharedConditions([
        { actor: actor('the UK'), cell: cell('if the mandate is clear') },
        { actor: actor('France'), cell: cell('if the mandate is clear') },
        { actor: actor('Latvia'), cell: cell('once the mission is defined') },
      ]),
    ).toEqual(['The UK and France: if the mandate is clear', 'Latvia: once the mission is defined']);
  });
  it('a condition every actor sets needs no names', () => {
    expect(
      sharedConditions([
        { actor: actor('the EU'), cell: cell('with a US backstop') },
        { actor: actor('Italy'), cell: cell('with a US backstop') },
      ]),
    ).toEqual(['with a US backstop']);
  });
  it('a language span around the name keeps its capital inside', () => {
    expect(
      sharedConditions([
        { actor: actor('<span lang="en">the UK</span>'), cell: cell('if asked') },
        { actor: actor('Italy'), cell: cell(null) },
      ]),
    ).toEqual(['<span lang="en">The UK</span>: if asked']);
  });
});
