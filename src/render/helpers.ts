/**
 * The template helpers. Each one is documented in the README's template
 * reference. They receive view values, which are already escaped for
 * Markdown, and return Markdown. A helper given nothing (a misspelt field)
 * throws, so that a template mistake is never silently printed as blank.
 * Each helper is a function here, named in the table makeHelpers returns;
 * what they are given (arguments, options, notes) is read in helper-args.ts.
 */
import type { CategoryView } from '../view/category.js';
import { countIn, fill, formatDate, formatDays } from '../shared/labels.js';
import { quoted } from '../shared/show.js';
import { HelperError } from './errors.js';
import { fit, fitCited, rest, uncited } from './fit.js';
import { argsOf, factOf, labelsOf, need, notesOf, option, sourceIds } from './helper-args.js';

export { HelperError } from './errors.js';

type Helper = (...args: unknown[]) => unknown;

/** {{date meeting.date}} -> 10 April 2025; {{date "2025-03"}} -> March 2025; {{date "2025-11-11/2025-11-12"}} -> 11–12 November 2025. */
function date(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  need('date', params[0], 'the date');
  try {
    const span = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(String(params[0]));
    if (span) return formatDays(span[1]!, span[2]!, labelsOf(options));
    return formatDate(String(params[0]), labelsOf(options).language);
  } catch {
    throw new HelperError('date', `{{date}} needs a YYYY-MM-DD or YYYY-MM date, got ${JSON.stringify(params[0])}`);
  }
}

/** {{join meeting.hosts "name"}} -> United Kingdom and France; conj="or" for "or"; max=N or others=N for "and 12 others". */
function join(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const [list, key] = params;
  need('join', list, 'the list');
  if (!Array.isArray(list)) throw new HelperError('join', `{{join}} needs a list, got ${typeof list}`);
  const item = list.find((i) => i !== null && typeof i === 'object' && !Array.isArray(i)) as
    Record<string, unknown> | undefined;
  if (key === undefined && item) {
    const texts = Object.keys(item).filter((k) => typeof item[k] === 'string');
    throw new HelperError(
      'join',
      `{{join}} was given a list of mappings without the field to join: name it, as in {{join list "${texts.includes('name') ? 'name' : (texts[0] ?? 'name')}"}}`,
      texts.length ? `fields of an item that are text: ${texts.slice(0, 10).join(', ')}` : undefined,
    );
  }
  const words = list.map((item: unknown) => {
    // Only own fields: a key such as "constructor.constructor" must not reach Object.prototype.
    const v =
      typeof key === 'string'
        ? key
            .split('.')
            .reduce<unknown>(
              (o, k) =>
                o !== null && typeof o === 'object' && Object.hasOwn(o, k)
                  ? (o as Record<string, unknown>)[k]
                  : undefined,
              item,
            )
        : item;
    if (v === undefined) throw new HelperError('join', `{{join}}: an item has no field ${quoted(key)}`);
    if (v !== null && typeof v === 'object')
      throw new HelperError(
        'join',
        `{{join}}: field ${quoted(key)} of an item is not text but a ${Array.isArray(v) ? 'list' : 'mapping'}`,
      );
    return String(v);
  });
  const labels = labelsOf(options);
  const conj = (option('join', options, 'conjunction') as string | undefined) ?? labels.and;
  // max=N: the first N, then "and 12 others", for lists that would run on (one more is named, never "one other").
  const max = (option('join', options, 'max') as number | undefined) ?? Infinity;
  // others=N: N more not in the list, as (rest actors) after a (fit actors ...): "and 12 others".
  const others = (option('join', options, 'others') as number | undefined) ?? 0;
  if (others > 0 && words.length)
    return `${words.join(', ')} ${conj} ${fill(labels.others, { n: countIn(labels, others) })}`;
  if (words.length > max + 1 && max >= 1)
    return `${words.slice(0, max).join(', ')} ${conj} ${fill(labels.others, { n: countIn(labels, words.length - max) })}`;
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conj} ${words[words.length - 1]}`;
}

/** {{#each (first key_points 6)}}: the first N items of a list. */
function first(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  const [list, n] = params;
  need('first', list, 'the list');
  if (!Array.isArray(list) || typeof n !== 'number')
    throw new HelperError('first', '{{first}} needs a list and a number, as (first key_points 6)');
  return list.slice(0, Math.max(0, n));
}

/** {{#if (more key_points 6)}}…{{more key_points 6}} more…: how many items a list has beyond the first N (0 when none). */
function more(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  const [list, n] = params;
  need('more', list, 'the list');
  if (!Array.isArray(list) || typeof n !== 'number')
    throw new HelperError('more', '{{more}} needs a list and a number, as (more key_points 6)');
  return Math.max(0, list.length - n);
}

/** {{#each (chunks dimensions 4)}}: a list cut into the fewest even groups of at most N (a wide matrix as several tables). */
function chunks(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  const [list, n] = params;
  need('chunks', list, 'the list');
  if (!Array.isArray(list) || typeof n !== 'number' || n < 1)
    throw new HelperError('chunks', '{{chunks}} needs a list and a number of at least 1, as (chunks dimensions 4)');
  const groups = Math.max(1, Math.ceil(list.length / n));
  const size = Math.ceil(list.length / groups);
  return Array.from({ length: groups }, (_, i) => list.slice(i * size, (i + 1) * size)).filter((g) => g.length);
}

/** {{#each (cells_for position dimensions)}}: a position's cells for some dimensions, in their order. */
function cells_for(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  const [position, dims] = params;
  need('cells_for', position, 'the position');
  const cells = (position as { cells?: unknown }).cells;
  if (!Array.isArray(cells) || !Array.isArray(dims))
    throw new HelperError(
      'cells_for',
      '{{cells_for}} needs a position and a list of dimensions, as (cells_for this ../this)',
    );
  return dims
    .map((d: { id: string }) => cells.find((c: { dimension: { id: string } }) => c.dimension.id === d.id))
    .filter(Boolean);
}

/** {{#if (or a b)}}: true when any argument is (a non-empty list counts). */
function or(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  return params.some((p) => (Array.isArray(p) ? p.length > 0 : !!p));
}

/** {{sources_cited}}: how many sources this document cites, in words ("five sources"), known once it is rendered. */
function sources_cited(...args: unknown[]): unknown {
  const { options } = argsOf(args);
  return notesOf('sources_cited', options).countPlaceholder();
}

/** {{category cell.category}} or {{category "open"}} -> "◐ Open": symbol and word, never colour alone. */
function category(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const c = params[0];
  need('category', c, 'the category');
  if (typeof c === 'string') {
    // The dataset's own categories and words, from the view being rendered.
    const table =
      (options.data as { root?: { vocabulary?: { categories?: Record<string, CategoryView> } } }).root?.vocabulary
        ?.categories ?? {};
    if (!Object.hasOwn(table, c))
      throw new HelperError(
        'category',
        `{{category}}: unknown category ${quoted(c)}`,
        `categories are: ${Object.keys(table).join(', ')}`,
      );
    return table[c]!.text;
  }
  if (
    typeof c !== 'object' ||
    c === null ||
    !Object.hasOwn(c, 'text') ||
    typeof (c as Partial<CategoryView>).text !== 'string'
  ) {
    throw new HelperError(
      'category',
      `{{category}} needs a category id or a cell's category, got ${Array.isArray(c) ? 'a list' : typeof c === 'object' ? 'a mapping without a category' : quoted(c)}`,
    );
  }
  return (c as CategoryView).text;
}

type ChartRoot = {
  matrix_dimensions?: { id: string; short_label: string }[];
  positions?: {
    actor: { short_name: string };
    cells: { dimension: { id: string }; category: CategoryView; stated: boolean }[];
  }[];
  legend?: CategoryView[];
};

/**
 * {{chart}} (every question the matrix shows) or {{chart "dimension_id"}}:
 * how the actors divide on a question, as a figure. Written as a paragraph
 * of classed spans, which the parser turns into a figure node
 * (doc/parse.ts): the title, then a segment per category in the legend's
 * order with its symbol, count, word and, where stated, the actors.
 * names=N names the actors of a segment of at most N (a large meeting's
 * figure names who stands apart and counts the crowd; the matrix's table
 * names everyone), and a figure with such a crowd is drawn dense (its title
 * beside its bar, its key in one flow); names=0 gives counts only, one
 * compact bar and key line.
 */
function chart(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const root = ((options.data as { root?: ChartRoot }).root ?? {}) as ChartRoot;
  const dims = root.matrix_dimensions ?? [];
  let chosen = dims;
  if (params.length) {
    need('chart', params[0], 'the question');
    const id = typeof params[0] === 'string' ? params[0] : (params[0] as { id?: unknown }).id;
    chosen = dims.filter((d) => d.id === id);
    if (!chosen.length)
      throw new HelperError(
        'chart',
        `{{chart}}: no question ${quoted(id)} has positions to chart`,
        `questions are: ${dims.map((d) => d.id).join(', ') || 'none'}`,
      );
  }
  const order = (root.legend ?? []).map((c) => c.id);
  const names = option('chart', options, 'names') as number | undefined;
  if (names !== undefined && (names < 0 || !Number.isInteger(names)))
    throw new HelperError('chart', `{{chart}}: names= takes a whole number of actors, 0 or more; got ${names}`);
  return chosen.map((d) => chartOf(d, root.positions ?? [], order, names ?? Infinity)).join('\n\n');
}

/** One question's chart; a segment names its actors when it has at most `names` of them (names=0: counts only, a compact figure). */
function chartOf(
  d: { id: string; short_label: string },
  positions: NonNullable<ChartRoot['positions']>,
  order: string[],
  names: number,
): string {
  const groups = new Map<string, { category: CategoryView; stated: boolean; actors: string[] }>();
  for (const p of positions) {
    const cell = p.cells.find((c) => c.dimension.id === d.id);
    if (!cell) continue;
    const g = groups.get(cell.category.id) ?? { category: cell.category, stated: cell.stated, actors: [] };
    g.actors.push(p.actor.short_name);
    groups.set(cell.category.id, g);
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const segments = [...groups.values()]
    .sort((a, b) => rank(a.category.id) - rank(b.category.id))
    .map((g) => {
      const named = g.stated && g.actors.length <= names;
      const actors = named ? ` (${g.actors.map((a) => `<span class="chart-actor">${a}</span>`).join(', ')})` : '';
      // A stated answer counted but not named (more actors than names=N) is a crowd: its figure is drawn dense (chart.ts).
      return `<span class="${g.stated && !named && names > 0 ? 'chart-crowd' : 'chart-segment'}">${g.category.symbol} <span class="chart-count">${g.actors.length}</span> <span class="chart-label">${g.category.label}</span>${actors}</span>`;
    });
  return `<span class="chart"><span class="chart-title">${d.short_label}</span>: ${segments.join(', ')}</span>`;
}

/** {{plural 3 "country"}} -> 3 countries; {{plural n "person" "people"}}. */
function plural(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const [n, one, many] = params;
  need('plural', n, 'the number');
  if (typeof n !== 'number' && !Array.isArray(n))
    throw new HelperError('plural', `{{plural}} needs a number or a list, got ${JSON.stringify(n)}`);
  const k = Array.isArray(n) ? n.length : n;
  const word = k === 1 ? String(one) : typeof many === 'string' ? many : `${String(one)}s`;
  return `${countIn(labelsOf(options), k)} ${word}`;
}

/** {{cite claim}} / {{cite quote.sources}} / {{cite a b}} -> footnote references [^1][^3], numbered by first use. */
function cite(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const ids: string[] = [];
  if (params.length === 0)
    throw new HelperError('cite', '{{cite}} needs something to cite: source ids, or an item with sources');
  for (const p of params) {
    need('cite', p, 'what to cite');
    sourceIds('cite', p, ids);
  }
  const notes = notesOf('cite', options);
  const refs = notes.refs(fitCited(ids, options, (id) => notes.cites(id)).map((id) => notes.source(id)));
  // Rendered for tracked changes: the marks carry the fact they cite, which the two versions are aligned by.
  const facts = (options.data as { facts?: boolean | 'marks' }).facts;
  const fact = facts && params.length === 1 ? factOf(params[0], facts === 'marks') : undefined;
  return fact ? `<span data-fact="${fact}">${refs}</span>` : refs;
}

/** {{note cell.condition cell}} -> a footnote reference whose note holds the text and cites the sources. */
function note(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const [text, ...cited] = params;
  need('note', text, 'the note text');
  const ids: string[] = [];
  for (const c of cited) if (c !== null && c !== undefined) sourceIds('note', c, ids);
  const notes = notesOf('note', options);
  return notes.refs([notes.note(String(text), ids)]);
}

/** {{endnotes}}: where the footnote definitions go (all of them, numbered by first use). */
function endnotes(...args: unknown[]): unknown {
  const { options } = argsOf(args);
  return notesOf('endnotes', options).placeholder();
}

/** {{capital meeting.level_label}} -> "Defence ministers": first letter upper-case. */
function capital(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  need('capital', params[0], 'the text');
  if (typeof params[0] === 'object')
    throw new HelperError('capital', `{{capital}} needs text, got a ${Array.isArray(params[0]) ? 'list' : 'mapping'}`);
  // The first letter of the text, inside a language span if it opens with one (view/language.ts).
  return String(params[0]).replace(
    /^((?:<span lang="[^"<>]*">)*)(.)/su,
    (_m, tags: string, c: string) => tags + c.toUpperCase(),
  );
}

/** {{mention speaker}} -> "Faisal bin Farhan Al Saud" the first time a document names the person, "Prince Faisal" (their short reference) after. */
function mention(...args: unknown[]): unknown {
  const { params, options } = argsOf(args);
  const p = params[0] as { id?: unknown; name?: unknown; after_first?: unknown } | null | undefined;
  need('mention', p, 'the person');
  if (!p || typeof p !== 'object' || typeof p.name !== 'string' || typeof p.id !== 'string') {
    throw new HelperError(
      'mention',
      `{{mention}} needs a person (a speaker, a chair…), got ${Array.isArray(p) ? 'a list' : typeof p === 'object' ? 'a mapping without a name' : quoted(p)}`,
    );
  }
  const seen = (options.data as { mentioned?: Set<string> } | undefined)?.mentioned;
  if (!seen || !seen.has(p.id)) {
    seen?.add(p.id);
    return p.name;
  }
  return typeof p.after_first === 'string' ? p.after_first : p.name;
}

/** {{#if (eq a b)}}: equality for conditions. */
function eq(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  return params[0] === params[1];
}

/** {{#if (gt list.length 1)}}. */
function gt(...args: unknown[]): unknown {
  const { params } = argsOf(args);
  return Number(params[0]) > Number(params[1]);
}

/** Every helper templates may call, by the name they call it: a new object each time. */
export function makeHelpers(): Record<string, Helper> {
  return {
    date,
    join,
    first,
    more,
    fit,
    rest,
    uncited,
    chunks,
    cells_for,
    or,
    sources_cited,
    category,
    plural,
    cite,
    note,
    endnotes,
    capital,
    mention,
    eq,
    gt,
    chart,
  };
}

/** Helpers Handlebars has itself, which templates may use too. */
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'];

/** How many arguments Handlebars' own helpers take (they throw without a position otherwise). */
export const BUILT_IN_ARITY: Record<string, number> = { if: 1, unless: 1, each: 1, with: 1, lookup: 2 };
