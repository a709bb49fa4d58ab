/**
 * Check: schema first (the later checks rely on the shape), then references,
 * then, given the source texts, quotes and spellings. Returns every problem.
 */
import { checkAlikeNames } from './alike.js';
import { checkControl } from './control.js';
import { checkCalendars } from './calendars.js';
import { checkDates, checkTimeline } from './dates.js';
import { checkDelegations } from './delegations.js';
import { checkLanguages } from './languages.js';
import { checkPlaces } from './places.js';
import { checkQuotes } from './quoting.js';
import { Problems, type Diagnostic } from '../shared/diagnostics.js';
import type { SourceMap } from '../shared/yaml.js';
import type { LoadedDataset } from './load.js';
import { verifyAgainstSources } from './quotes.js';
import { checkReferences } from './references.js';
import { checkMarkings } from './markings.js';
import { checkSchema } from '../shared/schema.js';
import type { Dataset } from './types.js';

export interface CheckedDataset {
  name: string;
  file: string;
  data: Dataset;
  map: SourceMap;
  /** Quote-in-source pairs verified; undefined when no source folder was given. */
  quotesVerified?: number;
  /** What is worth saying but fails nothing (an event that passed without an outcome), reported with the build. */
  warnings?: Diagnostic[];
  /** The earlier version it is compared with (--since), checked as carefully. */
  previous?: { data: Dataset; label: string };
}

export interface CheckOptions {
  /** Folder with the source texts; when given, quotes and variant spellings are verified. */
  sourcesDir?: string;
}

/** The checked dataset; a UserError with every problem found (sorted by place) otherwise. */
export async function checkDataset(loaded: LoadedDataset, opts: CheckOptions = {}): Promise<CheckedDataset> {
  const problems = new Problems();
  // The schema first: the later checks rely on the shape.
  problems.add(...checkSchema(loaded.data, loaded.map));
  problems.throwIfAny();
  const data = withDefaults(loaded.data as Dataset);
  problems.add(...checkReferences(data, loaded.map));
  problems.add(...checkMarkings(data, loaded.map));
  problems.add(...checkDelegations(data, loaded.map));
  problems.add(...checkLanguages(data, loaded.map));
  problems.add(...checkPlaces(data, loaded.map));
  problems.add(...checkControl(data.control, loaded.map));
  problems.add(...checkDates(data, loaded.map));
  problems.add(...checkQuotes(data, loaded.map));
  let quotesVerified: number | undefined;
  if (opts.sourcesDir !== undefined) {
    const v = await verifyAgainstSources(data, loaded.map, opts.sourcesDir);
    problems.add(...v.diagnostics);
    quotesVerified = v.quotesChecked;
  }
  problems.throwIfAny();
  const dataset: CheckedDataset = { name: loaded.name, file: loaded.file, data, map: loaded.map };
  if (quotesVerified !== undefined) dataset.quotesVerified = quotesVerified;
  const warnings = [
    ...checkTimeline(data, loaded.map),
    ...checkCalendars(data, loaded.map),
    ...checkAlikeNames(data, loaded.map),
  ];
  if (warnings.length) dataset.warnings = warnings;
  return dataset;
}

/** The sections a dataset may leave out, as the later stages see them: a meeting with no questions has `dimensions: []` and `positions: []`. */
function withDefaults(data: Dataset): Dataset {
  data.dimensions ??= [];
  data.positions ??= [];
  return data;
}

export function summarise(d: CheckedDataset): string {
  const { data } = d;
  const n = (count: number, word: string, plural = word + 's') => `${count} ${count === 1 ? word : plural}`;
  const parts = [
    n(data.sources.length, 'source'),
    n(data.claims.length, 'claim'),
    n(data.quotes.length, 'quote'),
    n(data.actors.length, 'actor'),
    n(data.people.length, 'person', 'people'),
    n(data.positions.length, 'position'),
  ];
  const verified =
    d.quotesVerified === undefined
      ? 'quotes not verified (no --sources)'
      : `${n(d.quotesVerified, 'quote citation')} verified against the source texts`;
  return `${d.name}: ok — ${parts.join(', ')}; ${verified}`;
}
