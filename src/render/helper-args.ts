/**
 * What a template helper is given and reads from the document being
 * rendered: its arguments and `name=value` options (checked for their kind),
 * the document's notes and words, and the source ids a call cites. The
 * helpers themselves are in helpers.ts.
 */
import type { HelperOptions } from 'handlebars';
import { englishLabels, type Labels } from '../shared/labels.js';
import { quoted } from '../shared/show.js';
import { HelperError } from './errors.js';
import type { Notes } from './notes.js';

/**
 * The options (`name=value`) each helper takes, with the kind of value; a
 * helper not listed takes none. An option with `alias` is another name for
 * it. Checked where the template is loaded (static.ts) and, for a value
 * that comes from a field, when the helper runs.
 */
export const HELPER_OPTIONS: Record<string, Record<string, { kind: 'text' | 'number'; alias?: string }>> = {
  fit: { keep: { kind: 'number' }, order: { kind: 'number' } },
  chart: { names: { kind: 'number' } },
  cite: { keep: { kind: 'number' }, order: { kind: 'number' } },
  join: {
    conjunction: { kind: 'text' },
    conj: { kind: 'text', alias: 'conjunction' },
    max: { kind: 'number' },
    others: { kind: 'number' },
  },
};

/** An option's value (under its name or an alias), checked for its kind; undefined when not given. */
export function option(helper: string, options: HelperOptions, name: string): string | number | undefined {
  const table = HELPER_OPTIONS[helper] ?? {};
  const names = Object.keys(table).filter((k) => k === name || table[k]!.alias === name);
  const given = names.find((k) => Object.hasOwn(options.hash ?? {}, k));
  if (given === undefined) return undefined;
  const value: unknown = (options.hash as Record<string, unknown>)[given];
  const kind = table[given]!.kind;
  if (kind === 'number' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string') {
    throw new HelperError(
      helper,
      `{{${helper}}}: ${given}= takes ${kind === 'number' ? 'a number, as in max=8' : 'text, as in conjunction="or"'}; got ${value === null || value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : quoted(value)}`,
    );
  }
  return value as string | number;
}

/** A call's arguments apart from the options object Handlebars passes last. */
export function argsOf(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

/** Throws when a helper is given nothing (a misspelt field) for what it needs. */
export function need(helper: string, value: unknown, what: string): void {
  if (value === undefined || value === null) {
    throw new HelperError(helper, `{{${helper}}} was given nothing for ${what}: is the field name right?`);
  }
}

/** The notes of the document being rendered; a helper that makes notes cannot run outside one. */
export function notesOf(helper: string, options: HelperOptions): Notes {
  const notes = (options.data as { notes?: Notes } | undefined)?.notes;
  if (!notes) throw new HelperError(helper, `{{${helper}}} can only be used in a document template`);
  return notes;
}

/** The words of the document being rendered (its language's labels); English outside a document. */
export function labelsOf(options: HelperOptions | undefined): Labels {
  return (options?.data as { labels?: Labels } | undefined)?.labels ?? englishLabels();
}

/** Source ids from the many things a template may cite: ids, lists, anything with .sources, lists of those. */
export function sourceIds(helper: string, value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) sourceIds(helper, v, out);
  else if (value && typeof value === 'object' && Object.hasOwn(value, 'sources'))
    sourceIds(helper, (value as { sources: unknown }).sources, out);
  else
    throw new HelperError(
      helper,
      `{{${helper}}} cannot cite ${value && typeof value === 'object' ? 'a mapping without sources' : quoted(value)}: give it source ids or something with sources`,
    );
}

/**
 * Which fact a cited item is, for tracked changes: its id (a claim, quote,
 * open question, change...), a position cell's actor and question, an
 * actor's entry, or the claims a summary point rests on; with `actors`, also
 * the actors of a group of them (`actors:a+b`, for handling markings).
 * Undefined for anything else (a list of source ids).
 */
export function factOf(item: unknown, actors = false): string | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  // Only own fields: the view is strict, and reading a field it lacks is an error.
  const get = (x: unknown, k: string): unknown =>
    x && typeof x === 'object' && Object.hasOwn(x, k) ? (x as Record<string, unknown>)[k] : undefined;
  const idOf = (x: unknown) =>
    typeof x === 'string' ? x : typeof get(x, 'id') === 'string' ? (get(x, 'id') as string) : undefined;
  const actor = idOf(get(item, 'actor'));
  const claims = get(item, 'claims');
  let key: string | undefined;
  if (typeof get(item, 'id') === 'string') key = get(item, 'id') as string;
  else if (actor && idOf(get(item, 'dimension'))) key = `${actor}/${idOf(get(item, 'dimension'))}`;
  else if (actor && get(item, 'cell')) key = `${actor}/${idOf(get(get(item, 'cell'), 'dimension')) ?? ''}`;
  else if (actor) key = actor;
  else if (Array.isArray(claims) && claims.length) key = `claims:${claims.map(idOf).join('+')}`;
  else if (actors && Array.isArray(get(item, 'actors')))
    key = `actors:${(get(item, 'actors') as unknown[]).map(idOf).join('+')}`;
  // Ids are the dataset's (checked to a plain form); anything else is left out of the attribute.
  return key?.replace(/[^\p{L}\p{N}_.:+/-]/gu, '') || undefined;
}
