/**
 * Checks of dates a schema cannot express: days that are real calendar days,
 * ranges that do not end before they start, time zones the system knows, and
 * events during the meeting that fall on one of its days.
 */
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { Segment, SourceMap } from '../shared/yaml.js';
import { knownTimeZone } from './control.js';
import type { Dataset } from './types.js';

/** The first and last day of a meeting's date (the same day for a one-day meeting). */
export function meetingDays(date: string): { start: string; end: string } {
  const [start, end] = date.split('/');
  return { start: start!, end: end ?? start! };
}

/** Whether YYYY-MM-DD is a day of the calendar (no 30 February). */
export function isRealDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads a year below 100 as 19xx, and 0007-04-10 (Reiwa 7 typed as a year) is a day.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The days of a month that its early, middle and late parts cover. */
const MONTH_PARTS: Record<string, [string, string]> = { early: ['01', '10'], mid: ['11', '20'], late: ['21', '31'] };

/** The day a date (a day, part of a month, a month, a year) could begin, for comparing the ends of a range. */
function earliest(when: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}|early|mid|late))?/.exec(when);
  return m ? `${m[1]}-${m[2] ?? '01'}-${MONTH_PARTS[m[3] ?? '']?.[0] ?? m[3] ?? '01'}` : when;
}

/** The day a date could end, for comparing the ends of a range. */
function latest(when: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}|early|mid|late))?/.exec(when);
  if (!m) return when;
  if (m[3]) return `${m[1]}-${m[2]}-${MONTH_PARTS[m[3]]?.[1] ?? m[3]}`;
  if (m[2]) return `${m[1]}-${m[2]}-${new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()}`;
  return `${m[1]}-12-31`;
}

/** Problems with a range A/B (a meeting's days, an event's span): days that do not exist, an end before the start. */
function checkRange(value: string, path: Segment[], map: SourceMap, out: Diagnostic[]): void {
  const [from, to] = value.split('/');
  for (const part of [from!, to].filter((x): x is string => x !== undefined)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(part) && !isRealDay(part)) {
      out.push(map.at(path, 'date/invalid', `${quoted(part)} is not a valid date (YYYY-MM-DD, a real calendar date)`));
      return;
    }
  }
  if (to !== undefined && latest(to) < earliest(from!)) {
    out.push(
      map.at(path, 'date/range-order', `the range ${quoted(value)} ends before it starts`, {
        hint: 'write the earlier date first: FROM/TO',
      }),
    );
  }
}

function checkZone(zone: string | undefined, path: Segment[], map: SourceMap, out: Diagnostic[]): void {
  if (zone === undefined || knownTimeZone(zone)) return;
  const guess = closest(zone, Intl.supportedValuesOf('timeZone'));
  out.push(
    map.at(path, 'date/time-zone', `unknown time zone ${quoted(zone)}`, {
      hint: guess
        ? `did you mean ${quoted(guess)}? (an IANA name, such as America/Toronto)`
        : 'an IANA name, such as America/Toronto or Europe/Brussels',
    }),
  );
}

/** The last day an event's date could fall on (a day, part of a month, a month, a quarter, a season, part of a year, a year, a range's end), or undefined when it is relative or undated. */
export function lastDay(when: string, meetingDate: string): string | undefined {
  const end = when.split('/').pop()!;
  const year = Number(meetingDays(meetingDate).end.slice(0, 4));
  if (when === 'later_this_year') return `${year}-12-31`;
  if (when === 'next_year') return `${year + 1}-12-31`;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(end))) return latest(`${m[1]}-${String(Number(m[2]) * 3).padStart(2, '0')}`);
  if ((m = /^(\d{4})-(spring|summer|autumn|winter|early|mid|late)$/.exec(end))) {
    const last: Record<string, string> = {
      spring: '05',
      summer: '08',
      autumn: '11',
      early: '04',
      mid: '08',
      late: '12',
    };
    return m[2] === 'winter' ? latest(`${Number(m[1]) + 1}-02`) : latest(`${m[1]}-${last[m[2]!]}`);
  }
  // Late in a month ends on its last day (latest() reads "late" as the 31st, which is enough for ordering).
  if ((m = /^(\d{4}-\d{2})-late$/.exec(end))) return latest(m[1]!);
  return /^\d{4}(-\d{2})?(-(\d{2}|early|mid))?$/.test(end) ? latest(end) : undefined;
}

/**
 * Time as the reader stands in it: an event after the meeting that was due
 * by the brief's date (brief.as_of) and has no outcome and is not marked
 * pending is a warning, so that "next events" do not list what has passed.
 */
export function checkTimeline(data: Dataset, map: SourceMap): Diagnostic[] {
  const asOf = data.brief.as_of;
  const out: Diagnostic[] = [];
  data.events?.forEach((e, i) => {
    if (e.relation !== 'following' || e.outcome !== undefined || e.pending) return;
    const last = lastDay(e.when, data.meeting.date);
    if (last === undefined || last > asOf) return;
    out.push({
      ...map.at(
        ['events', i, 'when'],
        'date/event-passed',
        `event ${quoted(e.id)} was due by ${e.when}, which passed before the brief's date (${asOf})`,
        {
          hint: 'record what happened (outcome: ...) or mark it pending (pending: true)',
        },
      ),
      severity: 'warning',
    });
  });
  return out;
}

export function checkDates(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { meeting } = data;
  checkRange(meeting.date, ['meeting', 'date'], map, out);
  checkZone(meeting.time_zone, ['meeting', 'time_zone'], map, out);
  if (meeting.time_zone_name !== undefined && meeting.time_zone === undefined) {
    out.push(
      map.at(
        ['meeting', 'time_zone_name'],
        'date/zone-name-without-zone',
        "time_zone_name names the meeting's time zone, but the meeting has no time_zone",
        { which: 'key', hint: 'add time_zone (an IANA name, such as America/Sao_Paulo), or remove time_zone_name' },
      ),
    );
  }
  data.sources.forEach((s, i) => {
    if (s.date !== undefined) checkRange(s.date, ['sources', i, 'date'], map, out);
    else if (s.date_basis !== undefined) {
      out.push(
        map.at(
          ['sources', i, 'date_basis'],
          'date/basis-without-date',
          `date_basis says how the date is known, but source ${s.id} has no date`,
          { which: 'key', hint: 'add its date (YYYY-MM-DD), or remove date_basis' },
        ),
      );
    }
  });
  const days = meetingDays(meeting.date);
  const meetingValid = isRealDay(days.start) && isRealDay(days.end) && days.start <= days.end;
  data.events?.forEach((e, i) => {
    checkRange(e.when, ['events', i, 'when'], map, out);
    checkZone(e.timezone, ['events', i, 'timezone'], map, out);
    // A session, a dinner, a press conference: on one of the meeting's days.
    if (e.relation === 'during' && meetingValid && !(isRealDay(e.when) && e.when >= days.start && e.when <= days.end)) {
      const span = days.start === days.end ? days.start : meeting.date;
      out.push(
        map.at(
          ['events', i, 'when'],
          'date/during',
          `${quoted(e.when)} is not a day of the meeting (${span}): an event during the meeting falls on one of its days`,
          {
            hint: !isRealDay(e.when)
              ? `write the day (YYYY-MM-DD), from ${days.start} to ${days.end}`
              : e.when < days.start
                ? 'make it relation: preceding, or correct the day'
                : 'make it relation: following, or correct the day',
          },
        ),
      );
    }
  });
  return out;
}
