/**
 * What a document may shrink to keep to its page budget. A template marks a
 * list with {{#each (fit key_points keep=3 order=1)}}: show it whole, but if
 * the document takes more pages than its front matter's `pages:`, drop items
 * from its end, never below `keep`, lists with a lower `order` first.
 * {{rest key_points}} then says how many the last fit of that list left out
 * (for "the FAQ gives 4 further key points").
 *
 * Rendering only records the places that may shrink (`FitSite`) and applies
 * the counts it is given (`FitPlan`); how many items each keeps is decided
 * by measuring the laid-out pages (src/run/fit.ts), once for all formats.
 */
import type { HelperOptions } from 'handlebars';
import { quoted } from '../shared/show.js';
import { HelperError } from './errors.js';
import { argsOf, need, option } from './helper-args.js';

/** One place in a rendering that may shrink: its key, its order, and how many items it has and must keep. */
export interface FitSite {
  /** The call's place in the template and the how-many-th time it ran there: stable between renderings. */
  key: string;
  order: number;
  keep: number;
  full: number;
}

/** How many items each place keeps, by key; a place not named keeps all its items. */
export type FitPlan = ReadonlyMap<string, number>;

/** One rendering's record of its fit calls, and the plan it applies. */
export class Fitting {
  readonly sites: FitSite[] = [];
  private readonly runs = new Map<string, number>();
  private readonly rests = new WeakMap<object, number>();
  /** How many citations of sources (cite keep=) the plan left out of the document so far. */
  uncited = 0;

  constructor(private readonly plan: FitPlan = new Map()) {}

  /** `list` as the plan shortens it; `byOne` lets it lose a single item (a citation: no line says where the rest is). */
  take(list: readonly unknown[], keep: number, order: number, at: string, byOne = false): unknown[] {
    const run = (this.runs.get(at) ?? 0) + 1;
    this.runs.set(at, run);
    const key = `${at}#${run}`;
    const floor = Math.min(keep, list.length);
    this.sites.push({ key, order, keep: floor, full: list.length });
    let count = Math.min(list.length, Math.max(floor, this.plan.get(key) ?? list.length));
    // Never one left out: the line that says where it is ("and one other") takes about its room.
    if (count === list.length - 1 && !byOne) count = list.length;
    this.rests.set(list, list.length - count);
    return list.slice(0, count);
  }

  rest(list: readonly unknown[]): number {
    return this.rests.get(list) ?? 0;
  }
}

/** The rendering's Fitting; outside a document (no fitting) every list is shown whole. */
function fittingOf(data: unknown): Fitting | undefined {
  const f = (data as { fit?: unknown } | undefined)?.fit;
  return f instanceof Fitting ? f : undefined;
}

/** A whole number at least `min`, or the option's mistake. */
function whole(name: string, value: number | undefined, min: number, fallback?: number, helper = 'fit'): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new HelperError(
      'fit',
      `{{fit}} needs ${name}=, the fewest items to keep, as in (fit key_points keep=3 order=1)`,
    );
  }
  if (!Number.isInteger(value) || value < min)
    throw new HelperError(
      helper,
      `{{${helper}}}: ${name}= takes a whole number of at least ${min}; got ${quoted(value)}`,
    );
  return value;
}

/** {{#each (fit key_points keep=3 order=1)}}: the list, shortened from its end only as far as the page budget needs. */
export function fit(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const [list] = params;
  need('fit', list, 'the list');
  if (!Array.isArray(list) || params.length !== 1)
    throw new HelperError('fit', '{{fit}} needs one list, as (fit key_points keep=3 order=1)');
  const keep = whole('keep', option('fit', options, 'keep') as number | undefined, 0);
  const order = whole('order', option('fit', options, 'order') as number | undefined, 1, 1);
  const fitting = fittingOf(options.data);
  if (!fitting) return list;
  const loc = (options as { loc?: { start?: { line: number; column: number } } }).loc?.start;
  // A partial's lines count from its own start; the run count in the key keeps two calls at one place apart.
  return fitting.take(list, keep, order, `${order}:${keep}@${loc?.line ?? 0}:${loc?.column ?? 0}`);
}

/**
 * {{cite this keep=2 order=10}}: the sources a citation names, cut to `keep`
 * (those the document already cites first, then in the item's own order)
 * only as far as the page budget needs; without keep= every one.
 */
export function fitCited(ids: readonly string[], options: HelperOptions, cited: (id: string) => boolean): string[] {
  const unique = [...new Set(ids)];
  const given = option('cite', options, 'keep') as number | undefined;
  const order = whole('order', option('cite', options, 'order') as number | undefined, 1, 1, 'cite');
  if (given === undefined) {
    if (Object.hasOwn(options.hash ?? {}, 'order'))
      throw new HelperError('cite', '{{cite}}: order= goes with keep=, as in (cite this keep=2 order=10)');
    return unique;
  }
  const keep = whole('keep', given, 1, undefined, 'cite');
  const fitting = fittingOf(options.data);
  if (!fitting) return unique;
  const loc = (options as { loc?: { start?: { line: number; column: number } } }).loc?.start;
  const kept = fitting.take(
    [...unique.filter(cited), ...unique.filter((id) => !cited(id))],
    keep,
    order,
    `cite:${order}:${keep}@${loc?.line ?? 0}:${loc?.column ?? 0}`,
    true,
  ) as string[];
  fitting.uncited += unique.length - kept.length;
  return kept;
}

/** {{#if (uncited)}}: how many citations of sources (cite keep=) fitting left out of the document so far (0 when none). */
export function uncited(...args: unknown[]): unknown {
  const { options } = argsOf(args);
  return fittingOf(options.data)?.uncited ?? 0;
}

/** {{#if (rest key_points)}}…{{plural (rest key_points) "further point"}}: how many items the last (fit key_points) left out. */
export function rest(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const [list] = params;
  need('rest', list, 'the list');
  if (!Array.isArray(list) || params.length !== 1)
    throw new HelperError(
      'rest',
      '{{rest}} needs one list, the one given to (fit ...) before it, as (rest key_points)',
    );
  return fittingOf(options.data)?.rest(list) ?? 0;
}
