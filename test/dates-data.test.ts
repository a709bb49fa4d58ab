// The data's dates (src/data/dates.ts), called in this process so that the
// mutation run (npm run test:mutation) sees them: the last day a vague date
// could fall on (which decides whether an event is listed as past or still to
// come), real calendar days, and the date checks' messages. Every expected
// value is written out here from the calendar, not computed by the code
// under test. The checks' file:line:col through the CLI are test/data.test.ts.
import { describe, expect, it } from 'vitest';
import { checkDates, checkTimeline, isRealDay, lastDay, meetingDays } from '../src/data/dates.js';
import type { Dataset, Event } from '../src/data/types.js';
import type { SourceMap } from '../src/shared/yaml.js';

/** A source map that gives back where and what, so that a check's findings can be compared whole. */
const MAP = {
  at: (path: unknown[], code: string, message: string, extra: object = {}) => ({
    path: path.join('.'),
    code,
    message,
    ...extra,
  }),
} as unknown as SourceMap;

describe('the last day a date could fall on', () => {
  it.each([
    ['2025-04-11', '2025-04-11'],
    ['2025-06', '2025-06-30'],
    ['2024-02', '2024-02-29'],
    ['2025-02', '2025-02-28'],
    ['2025-12', '2025-12-31'],
    ['2025-Q1', '2025-03-31'],
    ['2025-Q2', '2025-06-30'],
    ['2025-Q3', '2025-09-30'],
    ['2025-Q4', '2025-12-31'],
    ['2025-spring', '2025-05-31'],
    ['2025-summer', '2025-08-31'],
    ['2025-autumn', '2025-11-30'],
    ['2025-winter', '2026-02-28'],
    ['2027-winter', '2028-02-29'],
    ['2025-early', '2025-04-30'],
    ['2025-mid', '2025-08-31'],
    ['2025-late', '2025-12-31'],
    ['2025-06-early', '2025-06-10'],
    ['2025-06-mid', '2025-06-20'],
    ['2025-06-late', '2025-06-30'],
    ['2025-02-late', '2025-02-28'],
    ['2025', '2025-12-31'],
    ['2025-03/2025-05', '2025-05-31'],
    ['2025-05-01/2025-05-03', '2025-05-03'],
    ['2025-spring/2025-summer', '2025-08-31'],
    ['later_this_year', '2025-12-31'],
    ['next_year', '2026-12-31'],
  ])('%s: %s', (when, last) => {
    expect(lastDay(when, '2025-04-10')).toBe(last);
  });

  it('relative dates count from the year the meeting ends in; "in the coming weeks" and junk have none', () => {
    expect(lastDay('later_this_year', '2024-12-30/2025-01-02')).toBe('2025-12-31');
    expect(lastDay('next_year', '2024-12-30/2025-01-02')).toBe('2026-12-31');
    expect(lastDay('coming_weeks', '2025-04-10')).toBeUndefined();
    expect(lastDay('coming_months', '2025-04-10')).toBeUndefined();
    expect(lastDay('soon', '2025-04-10')).toBeUndefined();
    expect(lastDay('x2025-06', '2025-04-10')).toBeUndefined();
    expect(lastDay('2025-06-01x', '2025-04-10')).toBeUndefined();
    expect(lastDay('2025-Q5', '2025-04-10')).toBeUndefined();
  });
});

describe('days', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-12-31', true],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-4-1', false],
    ['2025-04-10x', false],
    ['x2025-04-10', false],
    // Years below 100 are days too (a Japanese era's or Minguo year typed as the year: calendars.ts warns of it).
    ['0007-04-10', true],
    ['0099-12-31', true],
    ['0000-02-29', true],
    ['0001-02-29', false],
  ])('%s is a day of the calendar: %s', (day, real) => {
    expect(isRealDay(day)).toBe(real);
  });

  it("a meeting's first and last day", () => {
    expect(meetingDays('2025-04-10')).toEqual({ start: '2025-04-10', end: '2025-04-10' });
    expect(meetingDays('2025-04-10/2025-04-11')).toEqual({ start: '2025-04-10', end: '2025-04-11' });
  });
});

const EVENT = (when: string, more: Partial<Event> = {}): Event => ({
  id: `e-${when}`,
  name: 'n',
  when,
  relation: 'following',
  summary: 's',
  sources: ['s1'],
  ...more,
});
const data = (events: Event[], more: { date?: string; time_zone?: string; sources?: Dataset['sources'] } = {}) =>
  ({
    brief: { as_of: '2025-04-15' },
    meeting: { date: more.date ?? '2025-04-10', ...(more.time_zone ? { time_zone: more.time_zone } : {}) },
    sources: more.sources ?? [],
    events,
  }) as unknown as Dataset;

describe("an event the brief's date has passed", () => {
  it("warns for an event after the meeting due by the brief's date, with no outcome and not pending", () => {
    const found = checkTimeline(
      data([
        EVENT('2025-04-12'),
        EVENT('2025-04-15'),
        EVENT('2025-04-16'),
        EVENT('2025-04'),
        EVENT('coming_weeks'),
        EVENT('2025-04-11', { outcome: 'done' }),
        EVENT('2025-04-13', { pending: true }),
        EVENT('2025-04-09', { relation: 'preceding' }),
        EVENT('2025-04-10', { relation: 'during' }),
      ]),
      MAP,
    );
    expect(found).toEqual([
      {
        path: 'events.0.when',
        code: 'date/event-passed',
        message: 'event "e-2025-04-12" was due by 2025-04-12, which passed before the brief\'s date (2025-04-15)',
        hint: 'record what happened (outcome: ...) or mark it pending (pending: true)',
        severity: 'warning',
      },
      {
        path: 'events.1.when',
        code: 'date/event-passed',
        message: 'event "e-2025-04-15" was due by 2025-04-15, which passed before the brief\'s date (2025-04-15)',
        hint: 'record what happened (outcome: ...) or mark it pending (pending: true)',
        severity: 'warning',
      },
    ]);
    expect(checkTimeline({ ...data([]), events: undefined } as unknown as Dataset, MAP)).toEqual([]);
  });
});

describe('the date checks', () => {
  it('a day that does not exist; a range that ends before it starts', () => {
    expect(checkDates(data([], { date: '2025-04-31' }), MAP)).toEqual([
      {
        path: 'meeting.date',
        code: 'date/invalid',
        message: '"2025-04-31" is not a valid date (YYYY-MM-DD, a real calendar date)',
      },
    ]);
    expect(checkDates(data([], { date: '2025-04-10/2025-02-30' }), MAP).map((d) => d.message)).toEqual([
      '"2025-02-30" is not a valid date (YYYY-MM-DD, a real calendar date)',
    ]);
    expect(checkDates(data([], { date: '2025-04-11/2025-04-10' }), MAP)).toEqual([
      {
        path: 'meeting.date',
        code: 'date/range-order',
        message: 'the range "2025-04-11/2025-04-10" ends before it starts',
        hint: 'write the earlier date first: FROM/TO',
      },
    ]);
    const ranges = [
      '2025-05/2025-04',
      '2025-05-late/2025-05-20',
      '2025-05-late/2025-05-21',
      '2025-05/2025-05-01',
      '2025/2024-12',
      '2025-05-11/2025-05-mid',
      '2025-05-mid/2025-05-10',
      // Early in a month begins on its 1st; a range that ends late in a month ends on the 31st at the latest.
      '2025-05-early/2025-05-01',
      '2025-05-early/2025-04-30',
      '2025-05-31/2025-05-late',
      '2025-05-20/2025-05-early',
    ];
    expect(checkDates(data(ranges.map((w) => EVENT(w))), MAP).map((d) => `${d.path} ${d.code}`)).toEqual([
      'events.0.when date/range-order',
      'events.1.when date/range-order',
      'events.4.when date/range-order',
      'events.6.when date/range-order',
      'events.8.when date/range-order',
      'events.10.when date/range-order',
    ]);
    // Two days that do not exist: the first is reported, and no order.
    expect(checkDates(data([], { date: '2025-02-31/2025-02-30' }), MAP).map((d) => d.message)).toEqual([
      '"2025-02-31" is not a valid date (YYYY-MM-DD, a real calendar date)',
    ]);
  });

  it('an unknown time zone, with a did-you-mean', () => {
    expect(
      checkDates(data([EVENT('2025-04-20', { timezone: 'Europe/Pariss' })], { time_zone: 'Asia/Tokio' }), MAP),
    ).toEqual([
      {
        path: 'meeting.time_zone',
        code: 'date/time-zone',
        message: 'unknown time zone "Asia/Tokio"',
        hint: 'did you mean "Asia/Tokyo"? (an IANA name, such as America/Toronto)',
      },
      {
        path: 'events.0.timezone',
        code: 'date/time-zone',
        message: 'unknown time zone "Europe/Pariss"',
        hint: 'did you mean "Europe/Paris"? (an IANA name, such as America/Toronto)',
      },
    ]);
    expect(checkDates(data([], { time_zone: 'Europe/Paris' }), MAP)).toEqual([]);
    expect(checkDates(data([], { time_zone: 'Qqqqqqqqqqqqqqqqqqqq' }), MAP)).toEqual([
      {
        path: 'meeting.time_zone',
        code: 'date/time-zone',
        message: 'unknown time zone "Qqqqqqqqqqqqqqqqqqqq"',
        hint: 'an IANA name, such as America/Toronto or Europe/Brussels',
      },
    ]);
  });

  it("a time zone's name without the zone", () => {
    const named = (zone?: string) =>
      ({
        ...data([], zone ? { time_zone: zone } : {}),
        meeting: { date: '2025-04-10', time_zone_name: 'Brasília time', ...(zone ? { time_zone: zone } : {}) },
      }) as unknown as Dataset;
    expect(checkDates(named(), MAP)).toEqual([
      {
        path: 'meeting.time_zone_name',
        code: 'date/zone-name-without-zone',
        message: "time_zone_name names the meeting's time zone, but the meeting has no time_zone",
        which: 'key',
        hint: 'add time_zone (an IANA name, such as America/Sao_Paulo), or remove time_zone_name',
      },
    ]);
    expect(checkDates(named('America/Sao_Paulo'), MAP)).toEqual([]);
  });

  it("a source's date checked as any other; a date_basis without a date", () => {
    const sources = [
      { id: 's1', file: 'a', title: 'A', kind: 'news', date: '2025-02-30' },
      { id: 's2', file: 'b', title: 'B', kind: 'news', date_basis: 'url' as const },
      { id: 's3', file: 'c', title: 'C', kind: 'news', date: '2025-03-late' },
      // Neither a date nor a date_basis: nothing to say.
      { id: 's4', file: 'd', title: 'D', kind: 'news' },
    ];
    expect(checkDates(data([], { sources }), MAP)).toEqual([
      {
        path: 'sources.0.date',
        code: 'date/invalid',
        message: '"2025-02-30" is not a valid date (YYYY-MM-DD, a real calendar date)',
      },
      {
        path: 'sources.1.date_basis',
        code: 'date/basis-without-date',
        message: 'date_basis says how the date is known, but source s2 has no date',
        which: 'key',
        hint: 'add its date (YYYY-MM-DD), or remove date_basis',
      },
    ]);
  });

  it('an event during the meeting falls on one of its days', () => {
    const during = (when: string) => EVENT(when, { relation: 'during' });
    expect(
      checkDates(
        data([during('2025-04-10'), during('2025-04-11'), during('2025-04-09'), during('2025-04')], {
          date: '2025-04-10/2025-04-11',
        }),
        MAP,
      ),
    ).toEqual([
      {
        path: 'events.2.when',
        code: 'date/during',
        message:
          '"2025-04-09" is not a day of the meeting (2025-04-10/2025-04-11): an event during the meeting falls on one of its days',
        hint: 'make it relation: preceding, or correct the day',
      },
      {
        path: 'events.3.when',
        code: 'date/during',
        message:
          '"2025-04" is not a day of the meeting (2025-04-10/2025-04-11): an event during the meeting falls on one of its days',
        hint: 'write the day (YYYY-MM-DD), from 2025-04-10 to 2025-04-11',
      },
    ]);
    expect(checkDates(data([during('2025-04-12')]), MAP)).toEqual([
      {
        path: 'events.0.when',
        code: 'date/during',
        message:
          '"2025-04-12" is not a day of the meeting (2025-04-10): an event during the meeting falls on one of its days',
        hint: 'make it relation: following, or correct the day',
      },
    ]);
    // A range whose two ends are one day names the day.
    expect(
      checkDates(data([during('2025-04-12')], { date: '2025-04-10/2025-04-10' }), MAP).map((d) => d.message),
    ).toEqual([
      '"2025-04-12" is not a day of the meeting (2025-04-10): an event during the meeting falls on one of its days',
    ]);
    // A dataset with no events.
    expect(checkDates({ ...data([]), events: undefined } as unknown as Dataset, MAP)).toEqual([]);
    // A meeting whose own date is wrong is reported once, not again for each event.
    expect(checkDates(data([during('2025-04-12')], { date: '2025-04-31' }), MAP).map((d) => d.code)).toEqual([
      'date/invalid',
    ]);
    expect(checkDates(data([during('2025-04-12')], { date: '2025-04-12/2025-04-11' }), MAP).map((d) => d.code)).toEqual(
      ['date/range-order'],
    );
  });
});
