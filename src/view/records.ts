/**
 * The view's records, one builder each: actors, people, claims, quotations, events and discrepancies, with
 * the places, counts and sources they carry. Each builder takes the Scope (what the whole view shares) and
 * the records already built that it points at; view.ts calls them in order and puts the view together.
 */
import type { Actor, Category, Claim, Count, Dataset, Person, Place, Quote, Source } from '../data/types.js';
import type { Theme } from '../shared/theme.js';
import { md, mdUrl } from '../shared/markdown.js';
import { own } from '../shared/own.js';
import { categoryView, type CategoryView } from './category.js';
import { countIn, fill, formatDayMonth, type Labels } from '../shared/labels.js';
import { dimensionCategories, vocabularyOf, type OnDimension, type Vocabulary } from '../data/vocabulary.js';
import { sourceDateText, timeText, whenOf } from './dates.js';
import { lastDay, meetingDays } from '../data/dates.js';
import { nameKeys, variantNote } from './names.js';
import { actorAsSpeaker, glossOf } from './speakers.js';
import { inLanguage, isolated } from './language.js';
import { languageDirection } from '../shared/direction.js';
import { delegationView } from './delegations.js';
import type {
  ActorView,
  ClaimView,
  CountView,
  DiscrepancyView,
  EventView,
  PersonView,
  PlaceView,
  QuoteView,
  SourceView,
} from './types.js';

/** What every part of the view shares: the dataset, the document's labels and theme, how prose is tagged and names sort. */
export interface Scope {
  data: Dataset;
  theme: Theme;
  labels: Labels;
  vocabulary: Vocabulary;
  /** The dataset's language when the document is in another one, else undefined. */
  foreign: string | undefined;
  /**
   * The dataset's text (prose, names, roles, titles, places), escaped and tagged with the dataset's language when
   * that differs from the document's: in a French memo of an English dataset, "Prime Minister" is read as English.
   */
  prose: (text: string) => string;
  collator: Intl.Collator;
  byShort: (a: { short_name: string }, b: { short_name: string }) => number;
  category: (id: Category, on?: OnDimension) => CategoryView;
  /** A category's word and meaning on one dimension, if that dimension gives them. */
  onDimension: (dimId: string, id: Category) => OnDimension;
}

/** The primary language subtag, lower-cased: "en" for en-GB. */
const primaryTag = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** Decides the scope: which language the prose is in, how lists sort, how categories read. */
export function scopeOf(data: Dataset, theme: Theme, labels: Labels): Scope {
  // The dataset's prose is in the dataset's language: in a document in another language (a French memo of an
  // English dataset) it is a span in that language, so that a screen reader reads it with the right rules.
  const foreign = primaryTag(data.brief.language) !== primaryTag(labels.language) ? data.brief.language : undefined;
  const vocabulary = vocabularyOf(data, labels.categories, labels.delegations.levels);
  // Lists are sorted by the name they show, as the brief's language sorts it (Å after Z in Swedish, not in English).
  const collator = new Intl.Collator(data.brief.language, { sensitivity: 'base', numeric: true });
  return {
    data,
    theme,
    labels,
    vocabulary,
    foreign,
    collator,
    prose: (text) => inLanguage(md(text), foreign),
    byShort: (a, b) => collator.compare(a.short_name, b.short_name),
    category: (id, on = {}) => categoryView(id, theme, vocabulary, on),
    onDimension: (dimId, id) =>
      data.dimensions.find((d) => d.id === dimId)
        ? (dimensionCategories(data.dimensions.find((d) => d.id === dimId)!).find((c) => c.id === id) ?? {})
        : {},
  };
}

/** Actors by id, with the forms a sentence needs ("the United Kingdom", "the United Kingdom's"). */
export function actorViews({ data, vocabulary, prose, foreign }: Scope): Map<string, ActorView> {
  return new Map(
    data.actors.map((a) => {
      const short = a.short_name ?? a.name;
      // The sentence forms are in the dataset's language: in a document in another one (a French memo of an English
      // dataset) a name reads bare, "UK" and "United Kingdom", never "the UK" inside French text; Brief cannot
      // translate "le Royaume-Uni", and a curator who wants it writes the dataset's names in the document's language.
      const theShort = foreign ? short : shortInSentence(a, data.brief.language);
      const the = foreign
        ? withoutArticle(a.name_in_sentence ?? a.short_name ?? a.name, foreign)
        : (a.name_in_sentence ?? theShort);
      return [
        a.id,
        {
          id: a.id,
          name: prose(a.name),
          the_name: prose(the),
          the_names: prose(/s$/.test(the) ? `${the}'` : `${the}'s`),
          short_name: prose(short),
          the_short_name: prose(theShort),
          kind: a.kind,
          iso: a.iso ?? null,
          role: a.role,
          role_word: md(vocabulary.roles.get(a.role) ?? a.role),
          note: a.note ? prose(a.note) : null,
          delegation: delegationView(data, vocabulary, a),
          native_name: a.native_name ? inLanguage(md(a.native_name), a.native_lang) : null,
        } satisfies ActorView,
      ];
    }),
  );
}

/** People by id, in the dataset's order, each with the name forms, variants and sentence the templates use. */
/**
 * The sources that name a person, for counting how many print a variant: the person's, those that print the name in
 * its own script, and the variant's own, so that "the one report that names them" is never said of two.
 */
const naming = (p: Person, v: { sources: string[] }) =>
  unique([...p.sources, ...(p.native_name_sources ?? []), ...v.sources]);

/** Source kinds a reader calls reports; an official statement, a transcript or a post is a source but not a report. */
const REPORT_KINDS = new Set<Source['kind']>(['news_report', 'wire_report', 'analysis']);

/** Whether every one of these sources is a report ("two of the four reports"), else they are "sources". */
export function allReports(data: Dataset, ids: string[]): boolean {
  return ids.every((id) => {
    const s = data.sources.find((x) => x.id === id);
    return !s || REPORT_KINDS.has(s.kind);
  });
}

export function personViews({ data, labels, prose }: Scope, actor: (id: string) => ActorView): Map<string, PersonView> {
  return new Map(
    data.people.map((p: Person) => {
      const a = actor(p.actor);
      const keys = nameKeys(p);
      return [
        p.id,
        {
          id: p.id,
          name: prose(p.name),
          native_name: p.native_name ? inLanguage(md(p.native_name), p.native_lang) : null,
          role: prose(p.role),
          actor: a,
          attended: p.attended === true,
          remote: p.attended === 'remote',
          sources: unique([
            ...p.sources,
            ...(p.native_name_sources ?? []),
            ...(p.variants ?? []).flatMap((v) => v.sources),
          ]),
          native_name_sources: [...(p.native_name_sources ?? [])],
          sort_as: prose(keys.sort),
          short_reference: p.short_reference ? prose(p.short_reference) : null,
          after_first: prose(keys.later),
          variants: (p.variants ?? []).map((v) => ({
            spelling: v.kind === 'native_script' ? inLanguage(md(v.spelling), p.native_lang) : md(v.spelling),
            kind: v.kind ?? null,
            sources: [...v.sources],
            sentence: variantNote(v, naming(p, v).length, labels, p.native_lang, allReports(data, naming(p, v))),
          })),
          title: prose(`${p.role} ${p.name}`),
          described: fill(labels.described, {
            owner: a.the_names,
            actor: a.short_name,
            role: prose(p.role),
            name: prose(p.name),
          }),
          name_order: p.name_order ?? 'given_first',
        } satisfies PersonView,
      ];
    }),
  );
}

/** People sorted by sort_as, else by family name (view/names.ts: particles, Arabic names, names written family first). */
export function sortPeople({ data, collator }: Scope, personView: Map<string, PersonView>): PersonView[] {
  const sortKey = new Map(data.people.map((p) => [p.id, nameKeys(p).sort]));
  return [...data.people]
    .sort((x, y) => collator.compare(sortKey.get(x.id)!, sortKey.get(y.id)!) || collator.compare(x.name, y.name))
    .map((p) => personView.get(p.id)!);
}

/** Claims by id, with their speaker and actor resolved. */
export function claimViews(
  { data, labels, prose }: Scope,
  actor: (id: string) => ActorView,
  person: (id: string) => PersonView,
): Map<string, ClaimView> {
  return new Map(
    data.claims.map((c: Claim) => [
      c.id,
      {
        id: c.id,
        kind: c.kind,
        kind_label: own(labels.claim_kinds, c.kind) ?? c.kind,
        topic: c.topic,
        text: prose(c.text),
        speaker: c.speaker ? person(c.speaker) : null,
        actor: c.actor ? actor(c.actor) : null,
        sources: [...c.sources],
      } satisfies ClaimView,
    ]),
  );
}

/** Quotations by id; which key quotations are long enough to leave the matrix row (numbered later, in row order). */
export function quoteViews(
  { data, labels, foreign, prose }: Scope,
  actor: (id: string) => ActorView,
  personView: Map<string, PersonView>,
): Map<string, QuoteView> {
  // Key quotations of more than about 25 words take over a matrix row: the matrix lists them after the table.
  const keyQuotes = new Set(data.positions.map((p) => p.key_quote).filter(Boolean));
  // A gloss counts: the original and its translation share the cell.
  const longIds = data.quotes
    .filter((q) => keyQuotes.has(q.id) && q.text.length + (q.translation?.length ?? 0) > LONG_QUOTE)
    .map((q) => q.id);
  // A quotation's speaker may be an actor (a ministry, a joint statement): shown as a person would be, by its short name.
  const speaker = (id: string): PersonView => personView.get(id) ?? actorAsSpeaker(actor(id));
  const reportDate = (id: string | undefined) => {
    const s = data.sources.find((x) => x.id === id);
    return s ? sourceView(s, { labels, prose }).date_text : null;
  };
  return new Map(
    data.quotes.map((q: Quote) => [
      q.id,
      {
        id: q.id,
        speaker: speaker(q.speaker),
        text: inLanguage(md(q.text), q.lang ?? foreign),
        context: prose(q.context),
        medium: q.medium ?? null,
        sources: unique([...q.sources, ...(q.translation_source ? [q.translation_source] : [])]),
        long: longIds.includes(q.id),
        number: 0,
        speaker_is_actor: !personView.has(q.speaker),
        translation: q.translation ? prose(q.translation) : null,
        translation_by: q.translation_by ?? null,
        translation_source: q.translation_source ?? null,
        gloss: q.translation ? glossOf(q, data, labels) : null,
        date_text: reportDate(q.sources[0]),
      } satisfies QuoteView,
    ]),
  );
}

/** What the records point at, resolved: an actor, a person, a list of claims. */
export interface Resolve {
  actor: (id: string) => ActorView;
  person: (id: string) => PersonView;
  claims: (ids: string[] | undefined) => ClaimView[];
}

/** Events in time order; an event during the meeting has its time in the meeting's time zone unless it names another. */
export function eventViews(scope: Scope, { actor, person, claims }: Resolve): EventView[] {
  const { data, labels, prose } = scope;
  const zoneOf = (e: (typeof data.events & object)[number]) =>
    e.timezone ?? (e.relation === 'during' ? data.meeting.time_zone : undefined);
  // The meeting's own name for its zone (meeting.time_zone_name) wherever an event is in that zone.
  const nameOf = (e: (typeof data.events & object)[number]) =>
    zoneOf(e) === data.meeting.time_zone ? data.meeting.time_zone_name : undefined;
  const whenOfEvent = (e: (typeof data.events & object)[number]) =>
    whenOf(e.when, data.meeting.date, labels, e.time, zoneOf(e), nameOf(e));
  // Time as the reader stands in it: an event is past when the brief's date is after the last day it could fall on.
  const isPast = (e: (typeof data.events & object)[number]) =>
    e.relation !== 'following' || (lastDay(e.when, data.meeting.date) ?? '9999') <= data.brief.as_of;
  return [...(data.events ?? [])]
    .sort((a, b) => whenOfEvent(a).sort.localeCompare(whenOfEvent(b).sort))
    .map((e) => ({
      id: e.id,
      name: prose(e.name),
      when: e.when,
      when_text: whenOfEvent(e).text,
      when_note: e.when_note ? prose(e.when_note) : null,
      day_text: /^\d{4}-\d{2}-\d{2}$/.test(e.when) ? formatDayMonth(e.when, labels.language) : null,
      time: e.time ?? null,
      time_text: e.time
        ? timeText(
            e.time,
            zoneOf(e),
            labels,
            /^\d{4}-\d{2}-\d{2}$/.test(e.when) ? e.when : meetingDays(data.meeting.date).start,
            nameOf(e),
          )
        : null,
      relation: e.relation,
      place: e.place ? place(e.place, scope) : null,
      chairs: (e.chairs ?? []).map(actor),
      convener: e.convener ? person(e.convener) : null,
      attendance: e.attendance ? countView(e.attendance, scope) : null,
      summary: prose(e.summary),
      notes: (e.notes ?? []).map(prose),
      claims: claims(e.claims),
      sources: [...e.sources],
      outcome: e.outcome ? prose(e.outcome) : null,
      past: isPast(e),
      pending: e.pending ?? false,
    }));
}

/** Discrepancies between sources, each with its variants and whether it is resolved. */
export function discrepancyViews({ data, labels, prose }: Scope, { person, claims }: Resolve): DiscrepancyView[] {
  return (data.discrepancies ?? []).map((d) => ({
    id: d.id,
    topic: prose(d.topic),
    kind: d.kind,
    variants: variantsWorded(d, data, labels, prose),
    differ:
      labels.discrepancies.differ[
        d.kind === 'attribution' ? 'dispute' : allReports(data, sourcesOf(d.variants)) ? 'reports' : 'sources'
      ],
    resolution: prose(d.resolution),
    status: d.status,
    resolved: d.status === 'resolved',
    person: d.person ? person(d.person) : null,
    claims: claims(d.claims),
    sources: sourcesOf(d.variants),
  }));
}

/**
 * A discrepancy's variants as one sentence, worded for its kind: a differing
 * figure ("Figures differ: 28 countries (two reports); about 30 (one report)."),
 * differing framings ("Reports describe it as …; as …."), a disputed attribution
 * ("CNN reported …; Rubio called it false."), spellings, facts told otherwise.
 * Each variant ends with its punctuation, so that its note marks follow it.
 */
function variantsWorded(
  d: NonNullable<Dataset['discrepancies']>[number],
  data: Dataset,
  labels: Labels,
  prose: (t: string) => string,
): DiscrepancyView['variants'] {
  const words = labels.discrepancies.kinds[d.kind] ?? labels.discrepancies.kinds.fact!;
  return d.variants.map((v, i) => {
    // A variant one of whose sources is not a report (a government's denial) is counted in sources: "(one source)".
    const noun = allReports(data, v.sources) ? labels.discrepancies.reports : labels.sources;
    const reports = v.sources.length === 1 ? noun.one : fill(noun.many, { n: countIn(labels, v.sources.length) });
    const value = prose(v.value.replace(/[.;]\s*$/, ''));
    let text = fill(i === 0 ? words.first : words.next, { value, reports });
    if (i === 0) text = text.charAt(0).toLocaleUpperCase(labels.language) + text.slice(1);
    return {
      value: prose(v.value),
      sources: [...v.sources],
      reports,
      text: text + (i === d.variants.length - 1 ? '.' : words.joiner),
    };
  });
}

/**
 * A place as text ("the Sandton Convention Centre, Johannesburg") and in a sentence ("at … in Johannesburg").
 * A place may be a country alone ("in South Africa"): its name is the dataset's, from the actor with that ISO code
 * ("in the UAE"), else the one ICU gives in the document's language. A free description follows in brackets.
 */
export function place(p: Place, { data, labels, prose }: Pick<Scope, 'data' | 'labels' | 'prose'>): PlaceView {
  const country = p.country ? countryName(p.country, data, labels, prose) : null;
  const venue = p.venue ? prose(p.venue) : null;
  const description = p.description ? prose(p.description) : null;
  const city = p.city ? prose(p.city) : null;
  const text = [venue, city ?? country?.short].filter(Boolean).join(', ');
  let where: string;
  if (city) where = venue ? fill(labels.where.venue, { venue, city }) : fill(labels.where.city, { city });
  else where = fill(labels.where.country, { country: country!.in_sentence }) + (venue ? ` (${venue})` : '');
  const described = (s: string) => (description ? `${s}${s ? ' ' : ''}(${description})` : s);
  return {
    venue,
    city,
    country: p.country ?? null,
    country_name: country?.short ?? null,
    description,
    text: described(text),
    where: described(where),
  };
}

/** A country's name by its ISO code: the actor's that has the code, else ICU's in the document's language (the code itself if ICU has none). */
function countryName(
  iso: string,
  data: Dataset,
  labels: Labels,
  prose: (t: string) => string,
): { short: string; in_sentence: string } {
  const a = data.actors.find((x) => x.iso === iso);
  if (a) return { short: prose(a.short_name ?? a.name), in_sentence: prose(shortInSentence(a)) };
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([labels.language], { type: 'region', fallback: 'none' }).of(iso);
  } catch {
    /* a tag ICU cannot read: the code */
  }
  const shown = md(name ?? iso);
  return { short: shown, in_sentence: shown };
}

export function countView(c: Count, { labels, prose }: Pick<Scope, 'labels' | 'prose'>): CountView {
  const q = c.qualifier === 'exact' ? '' : (own(labels.qualifiers, c.qualifier) ?? '');
  return {
    value: c.value,
    qualifier: c.qualifier,
    unit: prose(c.unit),
    text: `${q ? q + ' ' : ''}${countIn(labels, c.value)} ${prose(c.unit)}`,
    sources: [...c.sources],
  };
}

/** A source as a reader needs it to find it: title, outlet or publisher and byline, date, and its address as a link. Never the file it was read from. */
export function sourceView(s: Source, { labels, prose }: Pick<Scope, 'labels' | 'prose'>): SourceView {
  // Each part holding letters written against the document's direction is an isolate of its own (an Arabic outlet,
  // a Latin title in an Arabic brief), so that the parts keep their order and the date stays whole between them.
  const direction = languageDirection(labels.language);
  const part = (x: string | undefined) => (x ? isolated(prose(x), direction, x) : null);
  const by = [part(s.outlet), part(s.byline)].filter(Boolean).join(', ');
  // A date the curator knows (from the address, or "on Wednesday") prints as any other: the reader needs the day.
  const date = s.date ? sourceDateText(s.date, labels) : null;
  // A headline in the source's own language (sources[].lang) is tagged with it, unless the document is written in
  // it; a title the curator supplied ([in brackets], has_headline: false) is in the dataset's language, as prose.
  const lang = s.has_headline === false ? undefined : s.lang;
  const title =
    lang && primaryTag(lang) !== primaryTag(labels.language)
      ? inLanguage(md(s.title), lang)
      : isolated(lang ? md(s.title) : prose(s.title), direction, s.title);
  const shownTitle = s.has_headline === false ? title : `“${title}”`;
  const citation = `${[shownTitle, by || null, date ?? labels.undated].filter(Boolean).join(', ')}.${s.url ? ` ${mdUrl(s.url)}` : ''}`;
  return {
    id: s.id,
    file: md(s.file),
    title,
    has_headline: s.has_headline ?? true,
    kind: s.kind,
    lang: s.lang ?? null,
    outlet: part(s.outlet),
    byline: part(s.byline),
    date: s.date ?? null,
    date_text: date,
    date_basis: s.date ? (s.date_basis ?? 'report') : null,
    dateline: s.dateline ? isolated(md(s.dateline), direction, s.dateline) : null,
    url: s.url ? md(s.url) : null,
    link: s.url ? mdUrl(s.url) : null,
    reliability: s.reliability ?? null,
    notes: (s.notes ?? []).map(md),
    citation,
  };
}

/**
 * The short name as a sentence or list reads it (actors[].short_name_in_sentence, else a default): an initialism
 * of two or three capitals takes "the" when the full name does ("the UK" for the United Kingdom, "the EU", "the US",
 * "the UAE"); longer capitals may be read as a word and take none ("NATO"), so a curator who wants "the OSCE" says so;
 * any other short name takes "the" where English puts one ("the Netherlands", "France").
 */
export function shortInSentence(
  a: Pick<Actor, 'name' | 'short_name' | 'name_in_sentence' | 'short_name_in_sentence'>,
  language = 'en',
): string {
  if (a.short_name_in_sentence) return a.short_name_in_sentence;
  const short = a.short_name ?? a.name;
  // The defaults are English's articles; in a dataset in another language a short name reads bare unless the data
  // gives its form (short_name_in_sentence: "l'UE"), never "the UE".
  if (primaryTag(language) !== 'en') return short;
  if (/^[A-Z]{2,3}$/.test(short) && /^the /i.test(a.name_in_sentence ?? withArticle(a.name))) return `the ${short}`;
  return withArticle(short);
}

/** A name without the English article it opens with ("United Kingdom" for "the United Kingdom"), in an English dataset. */
function withoutArticle(name: string, language: string): string {
  return primaryTag(language) === 'en' ? name.replace(/^the /i, '') : name;
}

/** "the United Kingdom", "the Netherlands", "the Republic of Malta", "the European Union"; "France". */
function withArticle(name: string): string {
  if (/^(the|The) /.test(name)) return name;
  const takesThe =
    /^(United |Netherlands|European |North Atlantic|Russian Federation|Czech Republic|Philippines|Gambia|Bahamas|Holy See|Vatican|Maldives|Seychelles|Comoros)/.test(
      name,
    ) ||
    /^(Republic|Kingdom|Federal Republic|Federation|Commonwealth|Union|Sultanate|State|Principality|Grand Duchy|Islamic Republic|People's Republic|Democratic Republic|Arab Republic|Hashemite Kingdom|Plurinational State|Bolivarian Republic|Socialist Republic|Independent State)\b/.test(
      name,
    ) ||
    /\b(Republic|Kingdom|Union|Organi[sz]ation|Islands|Emirates|States|Group|Council|Commission|Alliance|Secretariat|Institute|Agency|Bank|Fund|Forum)$/.test(
      name,
    );
  return takesThe ? `the ${name}` : name;
}

/** A key quotation longer than this many characters takes over a matrix row. */
const LONG_QUOTE = 160;

/** Every source the items cite, once each, in the order first cited. */
export const sourcesOf = (items: { sources: string[] }[]) => unique(items.flatMap((i) => i.sources));

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
