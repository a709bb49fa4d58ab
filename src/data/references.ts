/**
 * Checks a schema cannot express: ids unique within their section, every
 * reference resolves (source, person, actor, claim, quote, dimension), each
 * position answers every dimension with one of that dimension's categories,
 * and a named speaker speaks for the actor whose position they state.
 */
import { quoted } from '../shared/show.js';
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import type { Segment, SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';
import { BRIEF_CATEGORIES, dimensionCategories, vocabularyOf } from './vocabulary.js';

type Kind = 'source' | 'actor' | 'person' | 'claim' | 'quote';

const SECTION: Record<Kind, keyof Dataset> = {
  source: 'sources',
  actor: 'actors',
  person: 'people',
  claim: 'claims',
  quote: 'quotes',
};

export function checkReferences(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const c = checker(data, map, out, uniqueIds(data, map, out));
  resolveReferences(c);
  checkVocabulary(data, map, out);
  checkPositions(c);
  return out;
}

/** What the reference checks share: the dataset, where its values are, the diagnostics so far, and how one reference is checked. */
interface Checker {
  data: Dataset;
  map: SourceMap;
  out: Diagnostic[];
  /** One reference to an entry of a section: a diagnostic, with the closest id as a hint, unless it resolves. */
  ref: (kind: Kind, id: string | undefined, path: Segment[]) => void;
  /** A list of references, each checked as ref does, at its index under path. */
  refs: (kind: Kind, list: string[] | undefined, path: Segment[]) => void;
}

function checker(data: Dataset, map: SourceMap, out: Diagnostic[], ids: Map<string, Set<string>>): Checker {
  const ref = (kind: Kind, id: string | undefined, path: Segment[]) => {
    if (id === undefined) return;
    const known = ids.get(SECTION[kind])!;
    if (known.has(id)) return;
    const guess = closest(id, known);
    out.push(
      map.at(path, `ref/unknown-${kind}`, `unknown ${kind} id ${quoted(id)}: no entry in ${SECTION[kind]} has it`, {
        hint: guess ? `did you mean ${quoted(guess)}?` : undefined,
      }),
    );
  };
  const refs = (kind: Kind, list: string[] | undefined, path: Segment[]) =>
    list?.forEach((id, i) => ref(kind, id, [...path, i]));
  return { data, map, out, ref, refs };
}

/** 1. Ids unique within each section that has them: a second use is reported; returns each section's ids. */
function uniqueIds(data: Dataset, map: SourceMap, out: Diagnostic[]): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const section of [
    'sources',
    'actors',
    'people',
    'dimensions',
    'quotes',
    'claims',
    'open_questions',
    'events',
    'discrepancies',
  ] as const) {
    const items = (data[section] ?? []) as { id: string }[];
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const prev = first.get(item.id);
      if (prev !== undefined) {
        const { line } = map.locate([section, prev, 'id']);
        out.push(
          map.at([section, i, 'id'], 'ref/duplicate-id', `duplicate id ${quoted(item.id)} in ${section}`, {
            hint: `first used at line ${line}`,
          }),
        );
      } else first.set(item.id, i);
    });
    ids.set(section, new Set(first.keys()));
  }
  return ids;
}

/** 2. Every reference outside the positions resolves: the brief, the meeting, people, quotes, claims, questions, events, discrepancies. */
function resolveReferences({ data, ref, refs }: Checker): void {
  const { brief, meeting } = data;
  brief.summary?.forEach((s, i) => refs('claim', s.claims, ['brief', 'summary', i, 'claims']));
  refs('source', meeting.sources, ['meeting', 'sources']);
  refs('source', meeting.first_at_level_sources, ['meeting', 'first_at_level_sources']);
  refs('source', meeting.participants.sources, ['meeting', 'participants', 'sources']);
  refs('actor', meeting.hosts, ['meeting', 'hosts']);
  refs('actor', meeting.absent, ['meeting', 'absent']);
  refs('source', meeting.absent_sources, ['meeting', 'absent_sources']);
  refs('person', meeting.chairs, ['meeting', 'chairs']);
  data.actors.forEach((a, i) => ref('person', a.delegation?.led_by, ['actors', i, 'delegation', 'led_by']));
  data.people.forEach((p, i) => {
    ref('actor', p.actor, ['people', i, 'actor']);
    refs('source', p.sources, ['people', i, 'sources']);
    p.variants?.forEach((v, j) => refs('source', v.sources, ['people', i, 'variants', j, 'sources']));
  });
  data.quotes.forEach((q, i) => {
    // The speaker, a person or an actor, and the translation: quoting.ts.
    refs('source', q.sources, ['quotes', i, 'sources']);
  });
  data.claims.forEach((c, i) => {
    ref('person', c.speaker, ['claims', i, 'speaker']);
    ref('actor', c.actor, ['claims', i, 'actor']);
    refs('source', c.sources, ['claims', i, 'sources']);
  });
  data.open_questions?.forEach((q, i) => {
    refs('actor', q.raised_by, ['open_questions', i, 'raised_by']);
    refs('claim', q.claims, ['open_questions', i, 'claims']);
    refs('source', q.sources, ['open_questions', i, 'sources']);
  });
  data.events?.forEach((e, i) => {
    refs('actor', e.chairs, ['events', i, 'chairs']);
    ref('person', e.convener, ['events', i, 'convener']);
    if (e.attendance) refs('source', e.attendance.sources, ['events', i, 'attendance', 'sources']);
    refs('claim', e.claims, ['events', i, 'claims']);
    refs('source', e.sources, ['events', i, 'sources']);
  });
  data.discrepancies?.forEach((d, i) => {
    ref('person', d.person, ['discrepancies', i, 'person']);
    refs('claim', d.claims, ['discrepancies', i, 'claims']);
    d.variants.forEach((v, j) => refs('source', v.sources, ['discrepancies', i, 'variants', j, 'sources']));
  });
}

/** 3. The vocabulary: every topic, category and role used is one it has, and only schema_version 2 declares one. */
function checkVocabulary(data: Dataset, map: SourceMap, out: Diagnostic[]): void {
  const vocabulary = vocabularyOf(data);
  const topics = vocabulary.topics.map((t) => t.id);
  data.claims.forEach((c, i) => {
    if (!topics.includes(c.topic)) {
      const guess = closest(c.topic, topics);
      out.push(
        map.at(
          ['claims', i, 'topic'],
          'ref/unknown-topic',
          `unknown topic ${quoted(c.topic)}: the vocabulary has ${topics.join(', ')}`,
          {
            hint: guess ? `did you mean ${quoted(guess)}?` : 'declare it under vocabulary.topics (schema_version 2)',
          },
        ),
      );
    }
  });
  data.actors.forEach((a, i) => {
    if (!vocabulary.roles.has(a.role)) {
      const guess = closest(a.role, vocabulary.roles.keys());
      out.push(
        map.at(['actors', i, 'role'], 'ref/unknown-role', `unknown role ${quoted(a.role)}`, {
          hint: guess ? `did you mean ${quoted(guess)}?` : 'declare it under vocabulary.roles (schema_version 2)',
        }),
      );
    }
  });
  if (data.schema_version === 1 && data.vocabulary) {
    out.push(
      map.at(['vocabulary'], 'ref/vocabulary-version', 'a vocabulary needs schema_version 2', {
        which: 'key',
        hint: 'set schema_version: 2 (version 1 keeps the words it was written with)',
      }),
    );
  }
  Object.entries(data.vocabulary?.categories ?? {}).forEach(([id, c]) => {
    if (c.like && !BRIEF_CATEGORIES.includes(c.like))
      out.push(
        map.at(
          ['vocabulary', 'categories', id, 'like'],
          'ref/category',
          `${quoted(c.like)} is not one of Brief's categories`,
          { hint: `use one of: ${BRIEF_CATEGORIES.join(', ')}` },
        ),
      );
    if (c.tone) checkTone(c.tone, ['vocabulary', 'categories', id, 'tone'], map, out);
  });
  data.dimensions.forEach((dim, i) =>
    dim.categories.forEach((c, j) => {
      if (typeof c === 'object' && c.tone) checkTone(c.tone, ['dimensions', i, 'categories', j, 'tone'], map, out);
    }),
  );

  checkDimensionCategories(data, vocabulary, map, out);
}

/** Each dimension's categories are in the vocabulary, and include not_stated. */
function checkDimensionCategories(
  data: Dataset,
  vocabulary: ReturnType<typeof vocabularyOf>,
  map: SourceMap,
  out: Diagnostic[],
): void {
  data.dimensions.forEach((dim, i) => {
    const ids = dimensionCategories(dim).map((c) => c.id);
    ids.forEach((id, j) => {
      if (!vocabulary.categories.has(id)) {
        const guess = closest(id, vocabulary.categories.keys());
        out.push(
          map.at(['dimensions', i, 'categories', j], 'ref/unknown-category', `unknown category ${quoted(id)}`, {
            hint: guess
              ? `did you mean ${quoted(guess)}?`
              : 'declare it under vocabulary.categories (schema_version 2)',
          }),
        );
      }
    });
    if (!ids.includes('not_stated')) {
      out.push(
        map.at(
          ['dimensions', i, 'categories'],
          'ref/no-not-stated',
          `dimension ${quoted(dim.id)} has no "not_stated" category`,
          {
            hint: 'add not_stated, so that an actor the sources are silent on is not forced into "no"',
          },
        ),
      );
    }
  });
}

/** 4. Positions: one per actor, a key quote by someone who speaks for that actor, then each stance (checkStance) and every dimension answered. */
function checkPositions(c: Checker): void {
  const { data, map, out, ref } = c;
  const people = new Map(data.people.map((p) => [p.id, p]));
  const quotes = new Map(data.quotes.map((q) => [q.id, q]));
  const dimensions = new Map(data.dimensions.map((d) => [d.id, d]));
  const positionOf = new Map<string, number>();
  data.positions.forEach((pos, i) => {
    const at: Segment[] = ['positions', i];
    ref('actor', pos.actor, [...at, 'actor']);
    const prev = positionOf.get(pos.actor);
    if (prev !== undefined) {
      out.push(
        map.at([...at, 'actor'], 'ref/duplicate-position', `a second position for actor ${quoted(pos.actor)}`, {
          hint: `the first is at line ${map.locate(['positions', prev, 'actor']).line}; merge them`,
        }),
      );
    } else positionOf.set(pos.actor, i);

    ref('quote', pos.key_quote, [...at, 'key_quote']);
    const keyQuote = pos.key_quote ? quotes.get(pos.key_quote) : undefined;
    const keySpeaker = keyQuote ? people.get(keyQuote.speaker) : undefined;
    if (keySpeaker && keySpeaker.actor !== pos.actor) {
      out.push(
        map.at(
          [...at, 'key_quote'],
          'ref/quote-actor',
          `key quote ${quoted(pos.key_quote)} is by ${keySpeaker.name}, who speaks for ${quoted(keySpeaker.actor)}, not ${quoted(pos.actor)}`,
        ),
      );
    }

    for (const [dimId, stance] of Object.entries(pos.stances))
      checkStance(c, { people, dimensions }, pos.actor, dimId, stance, [...at, 'stances', dimId]);
    for (const dim of data.dimensions) {
      if (!Object.hasOwn(pos.stances, dim.id)) {
        out.push(
          map.at([...at, 'stances'], 'ref/missing-stance', `no stance on dimension ${quoted(dim.id)}`, {
            hint: 'write `{ value: not_stated }` where the sources are silent, so that silence is recorded, not guessed',
          }),
        );
      }
    }
  });
}

type Position = Dataset['positions'][number];

/** One stance: its dimension exists and the answer is one of that dimension's categories; its speaker and sources resolve, and the speaker speaks for the position's actor. */
function checkStance(
  { map, out, ref, refs }: Checker,
  {
    people,
    dimensions,
  }: { people: Map<string, Dataset['people'][number]>; dimensions: Map<string, Dataset['dimensions'][number]> },
  actor: string,
  dimId: string,
  stance: Position['stances'][string],
  sp: Segment[],
): void {
  const dim = dimensions.get(dimId);
  if (!dim && dimensions.size === 0) {
    out.push(
      map.at(sp, 'ref/unknown-dimension', `unknown dimension ${quoted(dimId)}: the dataset declares no dimensions`, {
        which: 'key',
        hint: 'declare the question under dimensions, or leave positions out (empty) for a meeting whose reports compare no positions',
      }),
    );
  } else if (!dim) {
    const guess = closest(dimId, dimensions.keys());
    out.push(
      map.at(sp, 'ref/unknown-dimension', `unknown dimension ${quoted(dimId)}: no entry in dimensions has it`, {
        which: 'key',
        hint: guess ? `did you mean ${quoted(guess)}?` : `dimensions are: ${[...dimensions.keys()].join(', ')}`,
      }),
    );
  } else if (!dimensionCategories(dim).some((c) => c.id === stance.value)) {
    out.push(
      map.at(
        [...sp, 'value'],
        'ref/category',
        `${quoted(stance.value)} is not a category of dimension ${quoted(dimId)}`,
        {
          hint: `use one of: ${dimensionCategories(dim)
            .map((c) => c.id)
            .join(', ')}`,
        },
      ),
    );
  }
  ref('person', stance.speaker, [...sp, 'speaker']);
  refs('source', stance.sources, [...sp, 'sources']);
  const speaker = stance.speaker ? people.get(stance.speaker) : undefined;
  if (speaker && speaker.actor !== actor) {
    out.push(
      map.at(
        [...sp, 'speaker'],
        'ref/speaker-actor',
        `${speaker.name} speaks for ${quoted(speaker.actor)}, not for ${quoted(actor)}`,
      ),
    );
  }
}

/** A tone names one of Brief's categories (whose colour the cells take) or "neutral". */
function checkTone(tone: string, at: (string | number)[], map: SourceMap, out: Diagnostic[]): void {
  if (tone !== 'neutral' && !BRIEF_CATEGORIES.includes(tone))
    out.push(
      map.at(at, 'ref/tone', `${quoted(tone)} is not a tone`, {
        hint: `use neutral or one of Brief's categories: ${BRIEF_CATEGORIES.join(', ')}`,
      }),
    );
}
