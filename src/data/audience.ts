/**
 * An audience's variant of a dataset: every item marked above the
 * audience's level is left out, and every reference to a left-out item
 * goes with it (a source's citations, a speaker, a key quote), so that
 * everything the view derives (counts, lists, notes, the bottom line, the
 * changes) is made from what remains. The checks (markings.ts) have made
 * sure that no kept item draws its substance from a left-out one.
 */
import { keyOf, markingsOf, rankIn, type MarkedSection } from './markings.js';
import type { Audience, Count, Dataset, Marked } from './types.js';

/** How an item of a section ranks; `ranks` of a later version raise an earlier version's items (see forAudience). */
export type Ranker = (section: MarkedSection | 'summary', item: Marked) => number;

/** The rank (index in vocabulary.markings) up to which an audience may read. */
export function levelOf(data: Dataset, audience: Audience): number {
  return markingsOf(data).findIndex((m) => m.id === audience.up_to);
}

/** Ranks an item by its own marking in `data`. */
export function ownRanks(data: Dataset): Ranker {
  const rank = rankIn(data);
  return (_section, item) => rank(item);
}

/**
 * Ranks an earlier version's items by the higher of their own marking and
 * the current version's marking of the same item: an item marked now is left
 * out of the earlier version too, so that the changes never show it (as
 * "withdrawn", or in a tracked deletion) to an audience that may not see it.
 * Marking ids are read in the current version's vocabulary.
 */
export function earlierRanks(earlier: Dataset, current: Dataset): Ranker {
  const ids = markingsOf(current).map((m) => m.id);
  const rank = (id: string | undefined, fallback: number) =>
    id === undefined ? fallback : ids.includes(id) ? ids.indexOf(id) : ids.length;
  const base = rank(earlier.brief.marking, rank(current.brief.marking, 0));
  const now = new Map<string, number>();
  const currentRank = rankIn(current);
  for (const section of [
    'sources',
    'people',
    'positions',
    'quotes',
    'claims',
    'open_questions',
    'events',
    'discrepancies',
  ] as const) {
    for (const item of (current[section] ?? []) as Marked[]) now.set(`${section}/${keyOf(item)}`, currentRank(item));
  }
  return (section, item) => Math.max(rank(item.marking, base), now.get(`${section}/${keyOf(item)}`) ?? 0);
}

/** The dataset as an audience cleared up to `level` may read it. */
export function forAudience(data: Dataset, level: number, ranks: Ranker = ownRanks(data)): Dataset {
  const keep = <T extends Marked>(section: MarkedSection, list: T[] | undefined) =>
    (list ?? []).filter((x) => ranks(section, x) <= level);
  const sources = new Set(keep('sources', data.sources).map((s) => s.id));
  const people = new Set(keep('people', data.people).map((p) => p.id));
  // An item that draws on a left-out item goes too (the checks forbid it in a current version; an earlier one may have it).
  const keptClaims = keep('claims', data.claims).filter((c) => c.speaker === undefined || people.has(c.speaker));
  const claims = new Set(keptClaims.map((c) => c.id));
  const cites = (list: string[] | undefined) => (list ?? []).every((c) => claims.has(c));
  const quotes = new Set(keep('quotes', data.quotes).map((q) => q.id));
  const src = (list: string[]) => list.filter((id) => sources.has(id));
  const only = <T>(value: T | undefined, set: Set<T>) => (value !== undefined && set.has(value) ? value : undefined);
  const count = (c: Count): Count => ({ ...c, sources: src(c.sources) });
  const out: Dataset = {
    ...data,
    meeting: meetingFor(data.meeting, src, people),
    sources: data.sources.filter((s) => sources.has(s.id)),
    people: keep('people', data.people).map((p) => ({
      ...p,
      sources: src(p.sources),
      ...(p.native_name_sources ? { native_name_sources: src(p.native_name_sources) } : {}),
      ...(p.variants
        ? { variants: p.variants.map((v) => ({ ...v, sources: src(v.sources) })).filter((v) => v.sources.length) }
        : {}),
    })),
    positions: keep('positions', data.positions).map((p) => ({
      ...without(p, 'key_quote'),
      ...(only(p.key_quote, quotes) ? { key_quote: p.key_quote! } : {}),
      stances: Object.fromEntries(
        Object.entries(p.stances).map(([d, s]) => [
          d,
          {
            ...without(s, 'speaker', 'sources'),
            ...(only(s.speaker, people) ? { speaker: s.speaker! } : {}),
            ...(s.sources ? { sources: src(s.sources) } : {}),
          },
        ]),
      ),
    })),
    quotes: keep('quotes', data.quotes)
      .filter((q) => !isPerson(data, q.speaker) || people.has(q.speaker))
      .map((q) => ({ ...q, sources: src(q.sources) })),
    claims: keptClaims.map((c) => ({ ...c, sources: src(c.sources) })),
  };
  out.brief = {
    ...data.brief,
    ...(data.brief.summary
      ? { summary: data.brief.summary.filter((p) => ranks('summary', p) <= level && cites(p.claims)) }
      : {}),
  };
  if (data.open_questions)
    out.open_questions = keep('open_questions', data.open_questions)
      .filter((q) => cites(q.claims))
      .map((q) => ({ ...q, sources: src(q.sources) }));
  if (data.events) {
    out.events = keep('events', data.events)
      .filter((e) => cites(e.claims) && (e.convener === undefined || people.has(e.convener)))
      .map((e) => ({
        ...e,
        sources: src(e.sources),
        ...(e.attendance ? { attendance: count(e.attendance) } : {}),
      }));
  }
  if (data.discrepancies) {
    out.discrepancies = keep('discrepancies', data.discrepancies)
      .filter((d) => cites(d.claims) && (d.person === undefined || people.has(d.person)))
      .map((d) => ({
        ...d,
        variants: d.variants.map((v) => ({ ...v, sources: src(v.sources) })).filter((v) => v.sources.length),
      }));
  }
  return out;
}

function meetingFor(
  meeting: Dataset['meeting'],
  src: (l: string[]) => string[],
  people: Set<string>,
): Dataset['meeting'] {
  const m: Dataset['meeting'] = {
    ...meeting,
    sources: src(meeting.sources),
    participants: { ...meeting.participants, sources: src(meeting.participants.sources) },
  };
  if (meeting.chairs) m.chairs = meeting.chairs.filter((c) => people.has(c));
  if (meeting.first_at_level_sources) m.first_at_level_sources = src(meeting.first_at_level_sources);
  if (meeting.absent_sources) m.absent_sources = src(meeting.absent_sources);
  return m;
}

function isPerson(data: Dataset, id: string): boolean {
  return data.people.some((p) => p.id === id);
}

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const k of keys) delete copy[k];
  return copy;
}
