/**
 * Handling markings as data. `vocabulary.markings` orders them from the
 * lowest to the highest; an item carries one with `marking: <id>` (else
 * `brief.marking`, else the lowest). The checks here: every marking named is
 * declared, and no item is marked lower than an item its substance comes
 * from (a bottom-line point below a claim it cites would leak the claim to
 * an audience cleared only for the point). The audience filter itself is
 * audience.ts.
 */
import { quoted } from '../shared/show.js';
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import type { Segment, SourceMap } from '../shared/yaml.js';
import type { Dataset, Marked, MarkingWords } from './types.js';

/** The sections whose items may carry a marking, keyed the way a ranker is asked. */
export const MARKED_SECTIONS = [
  'sources',
  'people',
  'positions',
  'quotes',
  'claims',
  'open_questions',
  'events',
  'discrepancies',
] as const;
export type MarkedSection = (typeof MARKED_SECTIONS)[number];

/** The dataset's markings, lowest first (none when it declares none). */
export function markingsOf(data: Pick<Dataset, 'vocabulary'>): MarkingWords[] {
  return data.vocabulary?.markings ?? [];
}

/** An item's rank: the index of its marking, of brief.marking when it has none, else 0 (the lowest). An unknown id ranks highest. */
export function rankIn(data: Pick<Dataset, 'vocabulary' | 'brief'>): (item: Marked) => number {
  const ids = markingsOf(data).map((m) => m.id);
  const rank = (id: string | undefined) => (id === undefined ? 0 : ids.includes(id) ? ids.indexOf(id) : ids.length);
  const base = rank(data.brief.marking);
  return (item) => (item.marking === undefined ? base : rank(item.marking));
}

/** The key an item is known by across versions: its id, or a position's actor. */
export function keyOf(item: object): string {
  const o = item as { id?: string; actor?: string };
  return o.id ?? `actor:${o.actor}`;
}

/** The highest marking any item of the dataset carries (by default or its own), or undefined when it declares none. */
export function highestMarking(data: Dataset): MarkingWords | undefined {
  const markings = markingsOf(data);
  if (!markings.length) return undefined;
  const rank = rankIn(data);
  let top = rank({});
  for (const section of MARKED_SECTIONS)
    for (const item of (data[section] ?? []) as Marked[]) top = Math.max(top, rank(item));
  for (const point of data.brief.summary ?? []) top = Math.max(top, rank(point));
  return markings[Math.min(top, markings.length - 1)];
}

/** Every marking named is declared; audiences are unique and name a marking; then no item is marked below what it draws on. */
export function checkMarkings(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = markingsOf(data).map((m) => m.id);
  const known = (id: string, path: Segment[], what = 'marking') => {
    if (ids.includes(id)) return;
    const guess = closest(id, ids);
    out.push(
      map.at(
        path,
        'ref/unknown-marking',
        ids.length
          ? `${what} ${quoted(id)} is not a marking: vocabulary.markings has ${ids.join(', ')}`
          : `${what} ${quoted(id)} is not declared: the dataset has no vocabulary.markings`,
        {
          hint: guess
            ? `did you mean ${quoted(guess)}?`
            : ids.length
              ? `use one of: ${ids.join(', ')}`
              : 'declare the markings, lowest first, under vocabulary.markings (schema_version 2)',
        },
      ),
    );
  };
  duplicates(ids, ['vocabulary', 'markings'], 'marking', map, out);
  if (data.brief.marking !== undefined) known(data.brief.marking, ['brief', 'marking']);
  data.brief.summary?.forEach(
    (p, i) => p.marking !== undefined && known(p.marking, ['brief', 'summary', i, 'marking']),
  );
  for (const section of MARKED_SECTIONS) {
    ((data[section] ?? []) as Marked[]).forEach(
      (item, i) => item.marking !== undefined && known(item.marking, [section, i, 'marking']),
    );
  }
  const audiences = data.audiences ?? [];
  duplicates(
    audiences.map((a) => a.id),
    ['audiences'],
    'audience',
    map,
    out,
  );
  audiences.forEach((a, i) => {
    if (a.id === 'all')
      out.push(
        map.at(
          ['audiences', i, 'id'],
          'ref/audience-id',
          'an audience cannot be called "all": --audience all means every audience',
          { hint: 'choose another id' },
        ),
      );
    known(a.up_to, ['audiences', i, 'up_to'], `audience ${quoted(a.id)}: up_to`);
  });
  if (out.length || !ids.length) return out;
  // The meeting, the brief's own words and every unmarked item are at brief.marking: an audience below it could be given none of them.
  const base = data.brief.marking === undefined ? 0 : ids.indexOf(data.brief.marking);
  audiences.forEach((a, i) => {
    if (ids.indexOf(a.up_to) < base) {
      out.push(
        map.at(
          ['audiences', i, 'up_to'],
          'ref/audience-below',
          `audience ${quoted(a.id)} is cleared up to ${markingsOf(data)[ids.indexOf(a.up_to)]!.word}, below the dataset's marking ${markingsOf(data)[base]!.word} (brief.marking): the meeting and every unmarked item are marked higher than it may read`,
          {
            hint: `set brief.marking to ${quoted(a.up_to)} and mark the items this audience may not read, or raise up_to`,
          },
        ),
      );
    }
  });
  if (out.length) return out;
  return checkDrawsOn(data, map);
}

function duplicates(ids: string[], at: Segment[], what: string, map: SourceMap, out: Diagnostic[]): void {
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first < i)
      out.push(
        map.at([...at, i, 'id'], 'ref/duplicate-id', `duplicate ${what} id ${quoted(id)}`, {
          hint: `first used at line ${map.locate([...at, first, 'id']).line}`,
        }),
      );
  });
}

/**
 * No item is marked below an item whose substance it carries: a claim it
 * cites, a quote it shows, a person it names as speaker; and at least one
 * of the sources it cites is marked at or below it (a source above an
 * item is dropped from that item's notes for an audience that may not see it).
 */
function checkDrawsOn(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rank = rankIn(data);
  const words = markingsOf(data);
  const word = (r: number) => words[Math.min(r, words.length - 1)]!;
  const byId = <T extends { id: string }>(list: T[] | undefined) => new Map((list ?? []).map((x) => [x.id, x]));
  const sections = {
    claim: byId(data.claims),
    quote: byId(data.quotes),
    person: byId(data.people),
    source: byId(data.sources),
  };
  const what = (at: Segment[]) => placeName(data, at);
  const below = (
    owner: Marked,
    at: Segment[],
    kind: keyof typeof sections,
    ids: (string | undefined)[],
    path: Segment[],
  ) => {
    ids.forEach((id, j) => {
      const target = id === undefined ? undefined : sections[kind].get(id);
      if (!target || rank(target) <= rank(owner)) return;
      const place = owner.marking !== undefined ? [...at, 'marking'] : ids.length > 1 ? [...path, j] : path;
      out.push(
        map.at(
          place,
          'ref/marking-leak',
          `${what(at)} is marked ${word(rank(owner)).word} but draws on ${kind} ${quoted(id)}, marked ${word(rank(target)).word}: an audience cleared for ${word(rank(owner)).word} would read the ${kind}'s substance`,
          {
            hint: `mark it ${quoted(word(rank(target)).id)} (or higher), or leave out the ${kind}`,
          },
        ),
      );
    });
  };
  const sourced = (owner: Marked, at: Segment[], list: string[] | undefined, path: Segment[]) => {
    if (!list?.length || list.some((id) => !sections.source.has(id) || rank(sections.source.get(id)!) <= rank(owner)))
      return;
    out.push(
      map.at(
        owner.marking !== undefined ? [...at, 'marking'] : path,
        'ref/marking-leak',
        `${what(at)} is marked ${word(rank(owner)).word} but every source it cites is marked higher: for an audience cleared for ${word(rank(owner)).word} it would stand with no source`,
        {
          hint: `mark it ${quoted(word(Math.min(...list.map((id) => rank(sections.source.get(id)!)))).id)}, or cite a source marked ${word(rank(owner)).word} or lower`,
        },
      ),
    );
  };
  checkRecords(data, below, sourced);
  checkLists(data, below, sourced);
  return out;
}

/** How a message names the place of a marked item: the meeting, a bottom-line point, a position, or a record by its id. */
function placeName(data: Dataset, at: Segment[]): string {
  return at[0] === 'meeting'
    ? "the meeting (at the dataset's marking)"
    : at[0] === 'brief'
      ? `bottom-line point ${Number(at[2]) + 1}`
      : at[0] === 'positions'
        ? `the position of ${quoted(data.positions[at[1] as number]!.actor)}`
        : `${String(at[0]).replace(/ies$/, 'y').replace(/s$/, '').replace('people', 'person').replace('_', ' ')} ${quoted((item(data, at) as { id?: string }).id)}`;
}

/** The meeting and each claim, quotation, person and position: what each draws on, against its marking. */
function checkRecords(data: Dataset, below: Below, sourced: Sourced): void {
  data.brief.summary?.forEach((p, i) =>
    below(p, ['brief', 'summary', i], 'claim', p.claims, ['brief', 'summary', i, 'claims']),
  );
  sourced({}, ['meeting'], data.meeting.sources, ['meeting', 'sources']);
  sourced({}, ['meeting'], data.meeting.participants.sources, ['meeting', 'participants', 'sources']);
  data.claims.forEach((c, i) => {
    below(c, ['claims', i], 'person', [c.speaker], ['claims', i, 'speaker']);
    sourced(c, ['claims', i], c.sources, ['claims', i, 'sources']);
  });
  data.quotes.forEach((q, i) => {
    below(q, ['quotes', i], 'person', [q.speaker], ['quotes', i, 'speaker']);
    below(q, ['quotes', i], 'source', [q.translation_source], ['quotes', i, 'translation_source']);
    sourced(q, ['quotes', i], q.sources, ['quotes', i, 'sources']);
  });
  data.people.forEach((p, i) => {
    sourced(p, ['people', i], p.sources, ['people', i, 'sources']);
    p.variants?.forEach((v, j) => sourced(p, ['people', i], v.sources, ['people', i, 'variants', j, 'sources']));
  });
  data.positions.forEach((p, i) => {
    below(p, ['positions', i], 'quote', [p.key_quote], ['positions', i, 'key_quote']);
    for (const [dim, s] of Object.entries(p.stances)) {
      below(p, ['positions', i], 'person', [s.speaker], ['positions', i, 'stances', dim, 'speaker']);
      sourced(p, ['positions', i], s.sources, ['positions', i, 'stances', dim, 'sources']);
    }
  });
}

type Below = (
  owner: Marked,
  at: Segment[],
  kind: 'claim' | 'quote' | 'person' | 'source',
  ids: (string | undefined)[],
  path: Segment[],
) => void;
type Sourced = (owner: Marked, at: Segment[], list: string[] | undefined, path: Segment[]) => void;

/** Open questions, events and discrepancies: the claims and people they name, the sources they cite. */
function checkLists(data: Dataset, below: Below, sourced: Sourced): void {
  data.open_questions?.forEach((q, i) => {
    below(q, ['open_questions', i], 'claim', q.claims ?? [], ['open_questions', i, 'claims']);
    sourced(q, ['open_questions', i], q.sources, ['open_questions', i, 'sources']);
  });
  data.events?.forEach((e, i) => {
    below(e, ['events', i], 'claim', e.claims ?? [], ['events', i, 'claims']);
    below(e, ['events', i], 'person', [e.convener], ['events', i, 'convener']);
    sourced(e, ['events', i], e.sources, ['events', i, 'sources']);
  });
  data.discrepancies?.forEach((d, i) => {
    below(d, ['discrepancies', i], 'claim', d.claims ?? [], ['discrepancies', i, 'claims']);
    below(d, ['discrepancies', i], 'person', [d.person], ['discrepancies', i, 'person']);
    d.variants.forEach((v, j) =>
      sourced(d, ['discrepancies', i], v.sources, ['discrepancies', i, 'variants', j, 'sources']),
    );
  });
}

function item(data: Dataset, at: Segment[]): unknown {
  return (data[at[0] as keyof Dataset] as unknown[])[at[1] as number];
}
