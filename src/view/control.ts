/**
 * Document control in the view: the version, its status in the document's
 * words, the as-of time in its time zone, who wrote, reviewed and approved
 * it, and the history; null when the dataset has no control section.
 */
import type { Control } from '../data/types.js';
import { fill, formatDate, type Labels } from '../shared/labels.js';
import { md } from '../shared/markdown.js';
import type { ControlView } from './types.js';

/** The as-of time as the document prints it: "11 April 2025, 09:30 CEST", in the named zone or at the offset written. */
export function asOfText(asOf: string, zone: string | undefined, labels: Labels): { date: string; text: string } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.exec(asOf);
  if (!m) throw new Error(`not an RFC 3339 date and time: ${JSON.stringify(asOf)}`);
  if (zone) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(asOf));
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    const date = `${get('year')}-${get('month')}-${get('day')}`;
    const name = new Intl.DateTimeFormat(labels.language, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(asOf))
      .find((p) => p.type === 'timeZoneName')!.value;
    return {
      date,
      text: fill(labels.control.as_of, {
        date: formatDate(date, labels.language),
        time: `${get('hour')}:${get('minute')}`,
        zone: name,
      }),
    };
  }
  const offset = m[4]!.toUpperCase() === 'Z' || m[4] === '+00:00' || m[4] === '-00:00' ? 'UTC' : `UTC${m[4]}`;
  return {
    date: m[1]!,
    text: fill(labels.control.as_of, {
      date: formatDate(m[1]!, labels.language),
      time: `${m[2]}:${m[3]}`,
      zone: offset,
    }),
  };
}

/** The version for a header band ("Version 2.0, Draft") and the watermark (DRAFT, SUPERSEDED, or none for a final version), as plain text. */
export function controlWords(control: Control, labels: Labels): { band: string; watermark: string | null } {
  const status = labels.control.status[control.status];
  return {
    band: fill(labels.control.band, { version: control.version, status }),
    watermark: control.status === 'final' ? null : labels.control.watermark[control.status],
  };
}

export function controlView(control: Control | undefined, labels: Labels): ControlView | null {
  if (!control) return null;
  const status = labels.control.status[control.status];
  const { band, watermark } = controlWords(control, labels);
  const asOf = asOfText(control.as_of, control.time_zone, labels);
  return {
    version: md(control.version),
    status: control.status,
    status_word: md(status),
    as_of: control.as_of,
    as_of_date: asOf.date,
    as_of_text: md(asOf.text),
    time_zone: control.time_zone ?? null,
    author: md(control.author),
    reviewer: control.reviewer ? md(control.reviewer) : null,
    approver: control.approver ? md(control.approver) : null,
    superseded_by: control.superseded_by ? md(control.superseded_by) : null,
    history: (control.history ?? []).map((h) => ({
      version: md(h.version),
      date: h.date,
      change: md(h.change),
      current: h.version === control.version,
    })),
    band: md(band),
    watermark: watermark ? md(watermark) : null,
  };
}
