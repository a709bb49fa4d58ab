/**
 * The words Brief prints itself, per language: templates/labels/<tag>.yaml
 * (data/schema/labels.schema.json). A language's file is read over en.yaml,
 * the templates folder's over Brief's own, so that a file may give only the
 * words it changes. Days, months and numbers come from the language's own
 * calendar and number formats (Intl).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Problems } from './diagnostics.js';
import { readUserFileSync } from './files.js';
import { LIMITS } from './limits.js';
import { DEFAULT_TEMPLATES, LABELS_SCHEMA_FILE } from './paths.js';
import { checkSchema } from './schema.js';
import { shown } from './show.js';
import { parseYaml } from './yaml.js';

type Variants = Record<'only' | 'both' | 'every' | 'one' | 'some' | 'many', string>;

export interface Labels {
  /** The BCP 47 tag these words are for. */
  language: string;
  page: string;
  and: string;
  others: string;
  numbers: string[];
  sources: { one: string; many: string };
  undated: string;
  where: { venue: string; city: string; country: string };
  described: string;
  qualifiers: Record<'about' | 'at_least' | 'up_to', string>;
  levels: Record<string, string>;
  /** A discrepancy's variants, worded by its kind: {value}, {reports} ("two reports"); joiner ends every variant but the last. */
  discrepancies: {
    reports: { one: string; many: string };
    /** The heading's verdict: reports differ, sources differ (one of them is not a report), parties dispute it (kind attribution). */
    differ: Record<'reports' | 'sources' | 'dispute', string>;
    kinds: Record<string, { first: string; next: string; joiner: string }>;
  };
  /** Who came and how: Brief's delegation levels (word, and the group they are counted under) and the counting sentence. */
  delegations: {
    levels: Record<string, { word?: string; group?: string }>;
    at_level: string;
    sentence: string;
    remote_one: string;
    remote_many: string;
    by_video: string;
    /** Counts of delegations in words, where they differ from numbers (French: une délégation). */
    numbers?: string[];
  };
  claim_kinds: Record<string, string>;
  dates: {
    later_this_year: string;
    coming_weeks: string;
    coming_months: string;
    next_year: string;
    quarters: string[];
    seasons: Record<string, string>;
    parts: Record<string, string>;
    range: string;
    at: string;
    /** A time with its zone's city, where CLDR names the zone only by its offset: {time}, {zone}. */
    zone: string;
    /** A time with its zone's name (CLDR's in the language, or meeting.time_zone_name): {time}, {zone}. */
    zone_name: string;
    /** Days of one month: {from}–{to} in place of the day ("11–12 November 2025"). */
    days: string;
    /** Days across months or years: "11 October – 2 November 2025". */
    span: string;
    /** Part of a month: {month} is the month and year ("late November 2025"). */
    month_parts: Record<'early' | 'mid' | 'late', string>;
    /** An event no report dates. */
    undated: string;
  };
  /** The sentences say "reports"; the _sources forms, "sources", for a person one of whose sources is not a report (a ministry's statement). */
  /** A matrix column in a note when an actor has the same name: {label} ("in the “Ukraine” column"). */
  matrix_column: string;
  /** A matrix with nothing to compare: no questions (then taking_part, {names} those who took part), or questions but no positions. */
  matrix: { no_questions: string; taking_part: string; no_positions: string };
  variants: { spell: Variants; write: Variants; spell_sources: Variants; write_sources: Variants };
  /** A quotation's gloss: {text} is the translation, {source} the report that gave it. */
  translations: { curator: string; source: string };
  categories: Record<string, { word?: string; meaning?: string }>;
  control: {
    status: Record<'draft' | 'final' | 'superseded', string>;
    watermark: Record<'draft' | 'superseded', string>;
    band: string;
    as_of: string;
    copy: string;
    copy_for: string;
  };
  changes: {
    kinds: Record<'added' | 'removed' | 'changed', string>;
    sections: Record<
      | 'control'
      | 'actors'
      | 'people'
      | 'positions'
      | 'claims'
      | 'quotes'
      | 'open_questions'
      | 'discrepancies'
      | 'events'
      | 'sources',
      string
    >;
    added_text: string;
    removed_text: string;
    changed_text: string;
    field: string;
    was: string;
    adds: string;
    drops: string;
    none: string;
    since_version: string;
    since_date: string;
    one: string;
    many: string;
    /** A count of one kind of change: "{n} new". */
    counted: Record<'added' | 'removed' | 'changed', string>;
    fields: Record<string, string>;
  };
}

/** {n}, {year}... filled in from `values`; a name not given stays as written. */
export function fill(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}

/** A count as running text writes it: words up to nine, figures from 10 in the language's format (10, 1,204; 1 204 in French). */
export function countIn(labels: Labels, n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? labels.numbers[n]! : n.toLocaleString(labels.language);
}

/** A day (YYYY-MM-DD) or month (YYYY-MM) in the language's calendar words: 10 April 2025, 10 avril 2025, March 2025. */
export function formatDate(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  const month = m ? Number(m[2]) : 0;
  const day = m?.[3] ? Number(m[3]) : 1;
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  const date = new Date(Date.UTC(Number(m[1]), month - 1, day));
  const key = `${language}\u0000${m[3] ? 'd' : 'm'}`;
  let format = FORMATS.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = m[3]
      ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    FORMATS.set(key, (format = new Intl.DateTimeFormat(language, options)));
  }
  return format.format(date);
}

/** A day without its year, in the language's words: 11 October, October 11, 11 octobre. */
export function formatDayMonth(iso: string, language: string): string {
  const key = `${language}\u0000dm`;
  let format = FORMATS.get(key);
  if (!format)
    FORMATS.set(key, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' })));
  return format.format(utcDay(iso));
}

function utcDay(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

/**
 * Days from `from` to `to` (YYYY-MM-DD each) as the language writes them: in
 * one month, the last day's date with the first day put before its day
 * number ("11–12 November 2025", "November 11–12, 2025", "11–12 novembre
 * 2025"); across months, the first day without its year ("11 October – 2
 * November 2025"); across years, both in full. One day is that day.
 */
export function formatDays(from: string, to: string, labels: Pick<Labels, 'language' | 'dates'>): string {
  const language = labels.language;
  if (from === to) return formatDate(from, language);
  if (from.slice(0, 7) === to.slice(0, 7)) {
    formatDate(to, language); // makes (and checks) the day format
    const format = FORMATS.get(`${language}\u0000d`)!;
    const first = format.formatToParts(utcDay(from)).find((p) => p.type === 'day')!.value;
    return format
      .formatToParts(utcDay(to))
      .map((p) => (p.type === 'day' ? fill(labels.dates.days, { from: first, to: p.value }) : p.value))
      .join('');
  }
  const start = from.slice(0, 4) === to.slice(0, 4) ? formatDayMonth(from, language) : formatDate(from, language);
  return fill(labels.dates.span, { from: start, to: formatDate(to, language) });
}

/** Date formats are costly to make and cheap to use: one per language and precision. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isMap(v) && isMap(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

const cache = new Map<string, Labels>();

/** The files that give a language's words, least specific first: Brief's English, the folder's English, the primary language, the full tag. */
function filesFor(dir: string, language: string): string[] {
  const tags = [...new Set(['en', language.split('-')[0]!.toLowerCase(), language])];
  const files = [join(DEFAULT_TEMPLATES, 'labels', 'en.yaml')];
  for (const tag of tags) files.push(join(dir, 'labels', `${tag}.yaml`));
  return [...new Set(files)].filter((f) => existsSync(f));
}

/** The words for `language` from the templates folder `dir`; a mistake in a labels file is an error at its place. */
export function labelsFor(dir: string, language: string): Labels {
  const files = filesFor(dir, language);
  // Regular files only: a named pipe here would hang the run (files.ts).
  const texts = files.map((f) =>
    readUserFileSync(f, {
      max: LIMITS.themeBytes,
      shownAs: shown(f),
      what: 'labels file',
      code: 'theme/labels',
    }).toString('utf8'),
  );
  // Keyed by the files' text: watch mode sees an edit, a run reads each file once per language.
  const key = `${language}\u0000${files.map((f, i) => `${f}\u0000${texts[i]}`).join('\u0000')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const problems = new Problems();
  let words: Record<string, unknown> = {};
  for (const [i, f] of files.entries()) {
    const file = shown(f);
    const parsed = problems.collect(() => parseYaml(texts[i]!, file, 'empty labels file'));
    if (!parsed) continue;
    const errors = checkSchema(parsed.data, parsed.map, LABELS_SCHEMA_FILE);
    if (errors.length) problems.add(...errors);
    else if (isMap(parsed.data)) words = merge(words, parsed.data);
  }
  problems.throwIfAny();
  const labels = { categories: {}, ...words, language } as Labels;
  cache.set(key, labels);
  return labels;
}

/** English from Brief's own file: for code that runs without a templates folder (tests, tools). */
export function englishLabels(): Labels {
  return labelsFor(DEFAULT_TEMPLATES, 'en-GB');
}
