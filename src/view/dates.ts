/**
 * Dates as the sources give them: a day, a month, a year, a quarter, a
 * season, part of a year, a range, or relative to the meeting ("later this
 * year"). Each reads as a report would put it ("autumn 2025", "later in
 * 2025") and sorts by when it could begin, then by how precise it is.
 */
import { fill, formatDate, formatDays, type Labels } from '../shared/labels.js';
import { meetingDays } from '../data/dates.js';
import type { Dataset } from '../data/types.js';
import type { View } from './types.js';

export interface When {
  /** As a report would put it. */
  text: string;
  /** Sorts events: the earliest day it could be (YYYY-MM-DD), then the most precise first. */
  sort: string;
}

const SEASON_MONTH: Record<string, string> = { spring: '03', summer: '06', autumn: '09', winter: '12' };
const PART_MONTH: Record<string, string> = { early: '01', mid: '05', late: '09' };
const MONTH_PART_DAY: Record<string, string> = { early: '01', mid: '11', late: '21' };

function one(s: string, labels: Labels): { text: string; start: string; precision: number } {
  let m: RegExpExecArray | null;
  const year = (y: string) => ({ year: y });
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)))
    return { text: formatDate(s, labels.language), start: s, precision: 0 };
  // Part of a month ("later this month"): sorts from the first day it could be.
  if ((m = /^(\d{4})-(\d{2})-(early|mid|late)$/.exec(s)))
    return {
      text: fill(labels.dates.month_parts[m[3] as 'early']!, { month: formatDate(`${m[1]}-${m[2]}`, labels.language) }),
      start: `${m[1]}-${m[2]}-${MONTH_PART_DAY[m[3]!]}`,
      precision: 1,
    };
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)))
    return { text: formatDate(s, labels.language), start: `${s}-01`, precision: 1 };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s)))
    return {
      text: fill(labels.dates.quarters[Number(m[2]) - 1]!, year(m[1]!)),
      start: `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`,
      precision: 2,
    };
  if ((m = /^(\d{4})-(spring|summer|autumn|winter)$/.exec(s)))
    return {
      text: fill(labels.dates.seasons[m[2]!]!, year(m[1]!)),
      start: `${m[1]}-${SEASON_MONTH[m[2]!]}-01`,
      precision: 3,
    };
  if ((m = /^(\d{4})-(early|mid|late)$/.exec(s)))
    return {
      text: fill(labels.dates.parts[m[2]!]!, year(m[1]!)),
      start: `${m[1]}-${PART_MONTH[m[2]!]}-01`,
      precision: 3,
    };
  if ((m = /^(\d{4})$/.exec(s))) return { text: m[1]!, start: `${m[1]}-01-01`, precision: 4 };
  throw new Error(`not a date: ${JSON.stringify(s)}`);
}

/** A date as the dataset gives it (see the schema's events[].when), read relative to the meeting's date where it is relative, in the labels' language. */
export function whenOf(
  when: string,
  meeting: string,
  labels: Labels,
  time?: string,
  timezone?: string,
  zoneLabel?: string,
): When {
  // Relative dates count from the meeting's last day: "in the coming weeks" after it ended.
  const meetingDate = meetingDays(meeting).end;
  const year = Number(meetingDate.slice(0, 4));
  const d = labels.dates;
  switch (when) {
    case 'later_this_year':
      // Sorted after anything dated within the year: it may fall at its very end.
      return { text: fill(d.later_this_year, { year }), sort: `${year}-12-31~5` };
    case 'coming_weeks':
      return { text: d.coming_weeks, sort: `${meetingDate}~2` };
    case 'coming_months':
      return { text: d.coming_months, sort: `${meetingDate}~3` };
    case 'next_year':
      return { text: fill(d.next_year, { year: year + 1 }), sort: `${year + 1}-01-01~4` };
    case 'undated':
      // No report dates it: after everything that has a date.
      return { text: d.undated, sort: '9999-12-31~9' };
  }
  const [from, to] = when.split('/');
  const a = one(from!, labels);
  if (!to) {
    const at = time ? fill(d.at, { date: a.text, time: timeText(time, timezone, labels, from, zoneLabel) }) : a.text;
    // Events of one day in the order of their times (an event without one first).
    return {
      text: a.precision === 0 ? at : a.text,
      sort: `${a.start}~${a.precision}${a.precision === 0 && time ? `~${time}` : ''}`,
    };
  }
  const b = one(to, labels);
  // Days: "11–12 November 2025", "11 October – 2 November 2025", as the language writes them.
  if (a.precision === 0 && b.precision === 0) return { text: formatDays(from!, to, labels), sort: `${a.start}~0` };
  // "September to November 2025", "March 2025 to January 2026", "2025 to 2027".
  const sameYear = from!.slice(0, 4) === to.slice(0, 4) && a.precision === b.precision && a.precision <= 1;
  return {
    text: fill(d.range, { from: sameYear ? a.text.replace(/ \d{4}$/, '') : a.text, to: b.text }),
    sort: `${a.start}~${a.precision}`,
  };
}

/**
 * A time with its zone as the reader's language names it (CLDR, through
 * Intl): "20:30 (Eastern Standard Time)", "20:30 (heure normale de
 * Brasilia)", the name in force on that day (summer or standard time).
 * `name` (meeting.time_zone_name) replaces it as written; a zone CLDR names
 * only by its offset ("GMT+03:00") prints as its city ("Amman time").
 * Without a zone, the time alone.
 */
export function timeText(
  time: string,
  timezone: string | undefined,
  labels: Labels,
  day?: string,
  name?: string,
): string {
  if (!timezone) return time;
  if (name) return fill(labels.dates.zone_name, { time, zone: name });
  const cldr = zoneName(
    timezone,
    labels.language,
    instant(day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '2000-01-01', time, timezone),
  );
  return cldr
    ? fill(labels.dates.zone_name, { time, zone: cldr })
    : fill(labels.dates.zone, { time, zone: timezone.split('/').pop()!.replace(/_/g, ' ') });
}

/** Zone formats are costly to make: one per zone and language (and one per zone for offsets). */
const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string, language: string, style: 'long' | 'longOffset'): Intl.DateTimeFormat {
  const key = `${zone}\u0000${language}\u0000${style}`;
  let f = ZONE_FORMATS.get(key);
  if (!f) ZONE_FORMATS.set(key, (f = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: style })));
  return f;
}

/** The zone's long name in the language at that instant, or undefined when CLDR has only its offset for it. */
export function zoneName(zone: string, language: string, at: Date): string | undefined {
  const name = zoneFormat(zone, language, 'long')
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name && !/(GMT|UTC)\s*[+\u2212-]\d/.test(name) && !/\d{1,2}:\d{2}/.test(name) ? name : undefined;
}

/** The zone's offset from UTC in minutes at an instant. */
function offsetMinutes(zone: string, at: number): number {
  const text =
    zoneFormat(zone, 'en', 'longOffset')
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /([+-])(\d{2}):(\d{2})/.exec(text);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant a wall-clock day and time (YYYY-MM-DD, HH:MM) is in a zone: its offset taken at that time, checked once more across a change of offset. */
function instant(day: string, time: string, zone: string): Date {
  const wall = Date.UTC(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
    Number(time.slice(0, 2)),
    Number(time.slice(3, 5)),
  );
  const first = wall - offsetMinutes(zone, wall) * 60_000;
  return new Date(wall - offsetMinutes(zone, first) * 60_000);
}

/** The meeting's days and starting time, for the view. */
export function meetingDates(
  meeting: Dataset['meeting'],
  labels: Labels,
): Pick<View['meeting'], 'date' | 'date_text' | 'start' | 'end' | 'days' | 'time' | 'time_zone' | 'time_text'> {
  const { start, end } = meetingDays(meeting.date);
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  return {
    date: meeting.date,
    date_text: formatDays(start, end, labels),
    start,
    end,
    days,
    time: meeting.time ?? null,
    time_zone: meeting.time_zone ?? null,
    time_text: meeting.time ? timeText(meeting.time, meeting.time_zone, labels, start, meeting.time_zone_name) : null,
  };
}

/** A source's date in words: a day or a month as the calendar writes it, part of a month as a report would put it ("late November 2025"). */
export function sourceDateText(date: string, labels: Labels): string {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(date) ? formatDate(date, labels.language) : whenOf(date, date, labels).text;
}
