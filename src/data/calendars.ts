/**
 * A date far from the meeting's may have been typed from another calendar: a
 * Persian report dated 1404-04-16, an Arabic one 1447-02-28, a Thai one
 * 2568-08-22. Every date more than five years from the meeting's first day
 * is a warning at its place; it names the calendars whose year, around the
 * meeting, the date's year is, and what that date is in the Gregorian
 * calendar where Intl can say (ICU's calendars, no table of our own).
 */
import type { Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { Segment, SourceMap } from '../shared/yaml.js';
import { isRealDay, meetingDays } from './dates.js';
import type { Dataset } from './types.js';

/** How far from the meeting a date may be before it is questioned, in days (five years). */
const FAR = Math.round(5 * 365.25);
const DAY = 86_400_000;

/** The calendars a report may be dated in, by their ICU names, as a reader knows them. */
const CALENDARS: readonly { id: string; name: string }[] = [
  { id: 'persian', name: 'Solar Hijri (Persian)' },
  { id: 'islamic-umalqura', name: 'Hijri (Islamic)' },
  { id: 'buddhist', name: 'Buddhist (Thai)' },
  { id: 'hebrew', name: 'Hebrew' },
  { id: 'japanese', name: 'Japanese era' },
  { id: 'roc', name: 'Minguo (Taiwan)' },
];

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** A day in a calendar: its year, and its month and day where the calendar numbers its months. */
function inCalendar(calendar: string, time: number): { year: number; month?: number; day: number; era: string } {
  let f = FORMATS.get(calendar);
  if (!f)
    FORMATS.set(
      calendar,
      (f = new Intl.DateTimeFormat(`en-u-ca-${calendar}`, {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        era: 'short',
      })),
    );
  const parts = Object.fromEntries(f.formatToParts(time).map((p) => [p.type, p.value]));
  const month = Number(parts.month);
  return {
    year: Number(parts.year),
    ...(Number.isInteger(month) ? { month } : {}),
    day: Number(parts.day),
    era: parts.era ?? '',
  };
}

/** The Gregorian day within two years of `around` that is year-month-day in the calendar, if there is one. */
function toGregorian(calendar: string, ymd: [number, number, number], around: number): string | undefined {
  for (let t = around - 2 * 366 * DAY; t <= around + 2 * 366 * DAY; t += DAY) {
    const c = inCalendar(calendar, t);
    if (c.year === ymd[0] && c.month === ymd[1] && c.day === ymd[2]) return new Date(t).toISOString().slice(0, 10);
  }
  return undefined;
}

/** What the date may be: each calendar whose year around the meeting is the date's year, with the Gregorian day where it converts. */
export function calendarGuesses(date: string, meetingStart: string): string[] {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return [];
  const year = Number(m[1]);
  const at = Date.parse(`${meetingStart}T00:00:00Z`);
  const out: string[] = [];
  for (const { id, name } of CALENDARS) {
    const years = new Set([at - 365 * DAY, at, at + 365 * DAY].map((t) => inCalendar(id, t).year));
    if (!years.has(year)) continue;
    const gregorian = m[3] ? toGregorian(id, [year, Number(m[2]), Number(m[3])], at) : undefined;
    // The era a Japanese year counts in (Reiwa, Heisei): the one of the meeting's day.
    const label = id === 'japanese' ? `${name} (${inCalendar(id, at).era})` : name;
    out.push(gregorian ? `${label}: ${date} there is ${gregorian}` : label);
  }
  return out;
}

/** The dates a dataset gives, with their places: sources, events (each end of a range), the brief's and document control's. */
function datesOf(data: Dataset): { value: string; path: Segment[] }[] {
  const out: { value: string; path: Segment[] }[] = [{ value: data.brief.as_of, path: ['brief', 'as_of'] }];
  data.sources.forEach((s, i) => s.date !== undefined && out.push({ value: s.date, path: ['sources', i, 'date'] }));
  data.events?.forEach((e, i) => out.push({ value: e.when, path: ['events', i, 'when'] }));
  if (data.control) {
    out.push({ value: data.control.as_of.slice(0, 10), path: ['control', 'as_of'] });
    data.control.history?.forEach((h, i) => out.push({ value: h.date, path: ['control', 'history', i, 'date'] }));
  }
  return out;
}

/** A warning at each date more than five years from the meeting's first day, naming the calendars it may have been typed from. */
export function checkCalendars(data: Dataset, map: SourceMap): Diagnostic[] {
  const start = meetingDays(data.meeting.date).start;
  if (!isRealDay(start)) return [];
  const at = Date.parse(`${start}T00:00:00Z`);
  const out: Diagnostic[] = [];
  for (const { value, path } of datesOf(data)) {
    for (const part of value.split('/')) {
      const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(part);
      if (!m) continue;
      // The nearest day the part could mean: a year or a month is as near as any of its days.
      const year = Number(m[1]);
      const month = m[2] ? Number(m[2]) : undefined;
      const from = Date.UTC(year, month ? month - 1 : 0, m[3] ? Number(m[3]) : 1);
      const to = m[3] ? from : month ? Date.UTC(year, month, 0) : Date.UTC(year, 11, 31);
      const distance = at < from ? from - at : at > to ? at - to : 0;
      if (distance <= FAR * DAY) continue;
      const guesses = calendarGuesses(/^\d{4}(-\d{2}){0,2}$/.test(part) ? part : m[1]!, start);
      const message = `${quoted(part)} is more than five years from the meeting (${start})${guesses.length ? `: typed from another calendar? ${m[1]} looks like a ${guesses.map((g) => g.split(':')[0]).join(' or ')} year` : ''}`;
      const hint = guesses.length
        ? `write the Gregorian date (${guesses.join('; ')}), or leave it if it is right`
        : 'check the year; leave it if it is right';
      out.push({ ...map.at(path, 'date/far-from-meeting', message, { hint }), severity: 'warning' });
      break;
    }
  }
  return out;
}
