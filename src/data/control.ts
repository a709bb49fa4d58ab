/**
 * Checks of document control that a schema cannot express: the time zone is
 * one the system knows, each version appears once in the history, no
 * version is dated after the as-of time, and only a superseded version
 * names what supersedes it.
 */
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Control } from './types.js';

/** Whether the system's time zone database knows this IANA name. */
export function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkControl(control: Control | undefined, map: SourceMap): Diagnostic[] {
  if (!control) return [];
  const out: Diagnostic[] = [];
  if (control.time_zone !== undefined && !knownTimeZone(control.time_zone)) {
    const guess = closest(control.time_zone, Intl.supportedValuesOf('timeZone'));
    out.push(
      map.at(['control', 'time_zone'], 'control/time-zone', `unknown time zone ${quoted(control.time_zone)}`, {
        hint: guess
          ? `did you mean ${quoted(guess)}? (an IANA name, such as Europe/Brussels)`
          : 'an IANA name, such as Europe/Brussels or Asia/Tokyo',
      }),
    );
  }
  if (control.superseded_by !== undefined && control.status !== 'superseded') {
    out.push(
      map.at(
        ['control', 'superseded_by'],
        'control/superseded-by',
        `superseded_by is for a superseded version; this one's status is ${control.status}`,
        { hint: 'set status: superseded, or remove superseded_by' },
      ),
    );
  }
  const day = control.as_of.slice(0, 10);
  const first = new Map<string, number>();
  control.history?.forEach((h, i) => {
    const prev = first.get(h.version);
    if (prev !== undefined) {
      out.push(
        map.at(
          ['control', 'history', i, 'version'],
          'control/duplicate-version',
          `version ${quoted(h.version)} is already in the history`,
          { hint: `first at line ${map.locate(['control', 'history', prev, 'version']).line}` },
        ),
      );
    } else first.set(h.version, i);
    if (h.date > day) {
      out.push(
        map.at(
          ['control', 'history', i, 'date'],
          'control/history-date',
          `version ${quoted(h.version)} is dated ${h.date}, after this version's as_of (${day})`,
          { hint: 'a history lists versions up to this one' },
        ),
      );
    }
    const earlier = control.history![i - 1];
    if (earlier && h.date < earlier.date) {
      out.push(
        map.at(
          ['control', 'history', i, 'date'],
          'control/history-order',
          `the history goes oldest first, but ${quoted(h.version)} (${h.date}) comes after ${quoted(earlier.version)} (${earlier.date})`,
        ),
      );
    }
  });
  return out;
}
