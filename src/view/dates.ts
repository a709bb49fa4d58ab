/**
 * Dates as the sources give them: a day, a month, a year, a quarter, a
 * season, part of a year, a range, or relative to the meeting ("later this
 * year"). Each reads as a report would put it ("autumn 2025", "later in
 * 2025") and sorts by when it could begin, then by how precise it is.
 */
import { MONTHS } from './labels.js';

export interface When {
  /** As a report would put it. */
  text: string;
  /** Sorts events: the earliest day it could be (YYYY-MM-DD), then the most precise first. */
  sort: string;
}

const SEASONS: Record<string, [string, string]> = { spring: ['spring', '03'], summer: ['summer', '06'], autumn: ['autumn', '09'], winter: ['winter', '12'] };
const PARTS: Record<string, [string, string]> = { early: ['early', '01'], mid: ['mid-', '05'], late: ['late', '09'] };

function one(s: string): { text: string; start: string; precision: number } {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return { text: `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`, start: s, precision: 0 };
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return { text: `${MONTHS[Number(m[2]) - 1]} ${m[1]}`, start: `${s}-01`, precision: 1 };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) return { text: `the ${['first', 'second', 'third', 'fourth'][Number(m[2]) - 1]} quarter of ${m[1]}`, start: `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, precision: 2 };
  if ((m = /^(\d{4})-(spring|summer|autumn|winter)$/.exec(s))) return { text: `${SEASONS[m[2]!]![0]} ${m[1]}`, start: `${m[1]}-${SEASONS[m[2]!]![1]}-01`, precision: 3 };
  if ((m = /^(\d{4})-(early|mid|late)$/.exec(s))) return { text: m[2] === 'mid' ? `mid-${m[1]}` : `${PARTS[m[2]!]![0]} ${m[1]}`, start: `${m[1]}-${PARTS[m[2]!]![1]}-01`, precision: 3 };
  if ((m = /^(\d{4})$/.exec(s))) return { text: m[1]!, start: `${m[1]}-01-01`, precision: 4 };
  throw new Error(`not a date: ${JSON.stringify(s)}`);
}

/** A date as the dataset gives it (see the schema's events[].when), read relative to the meeting's date where it is relative. */
export function whenOf(when: string, meetingDate: string, time?: string, timezone?: string): When {
  const year = Number(meetingDate.slice(0, 4));
  const at = time ? ` at ${time}${timezone ? ` (${timezone.split('/').pop()!.replace(/_/g, ' ')} time)` : ''}` : '';
  switch (when) {
    case 'later_this_year':
      // Sorted after anything dated within the year: it may fall at its very end.
      return { text: `later in ${year}`, sort: `${year}-12-31~5` };
    case 'coming_weeks':
      return { text: 'in the coming weeks', sort: `${meetingDate}~2` };
    case 'coming_months':
      return { text: 'in the coming months', sort: `${meetingDate}~3` };
    case 'next_year':
      return { text: `in ${year + 1}`, sort: `${year + 1}-01-01~4` };
  }
  const [from, to] = when.split('/');
  const a = one(from!);
  if (!to) return { text: a.text + (a.precision === 0 ? at : ''), sort: `${a.start}~${a.precision}` };
  const b = one(to);
  // "September to November 2025", "March 2025 to January 2026", "2025 to 2027".
  const sameYear = from!.slice(0, 4) === to.slice(0, 4) && a.precision === b.precision && a.precision <= 1;
  return { text: `${sameYear ? a.text.replace(/ \d{4}$/, '') : a.text} to ${b.text}`, sort: `${a.start}~${a.precision}` };
}
