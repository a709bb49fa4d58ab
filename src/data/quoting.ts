/**
 * Checks of who a quotation is by and how it is glossed: the speaker is a
 * person or an actor (a ministry, a joint statement held as an actor of kind
 * document); a translation says who made it, a report's translation names
 * that report, and a translated quotation says its language; a key quote by
 * an actor sums up that actor's own position (or is a document's). And the
 * names' sources: native_name_sources need a native name, and a variant of
 * kind native_script is written in a script other than Latin.
 */
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';

type Quote = Dataset['quotes'][number];
type Person = Dataset['people'][number];
type Actor = Dataset['actors'][number];
/** What the checks of a quotation look up: the ids of people, the actors by id, the ids of sources. */
interface Known {
  people: Set<string>;
  actors: Map<string, Actor>;
  sources: Set<string>;
}

export function checkQuotes(data: Dataset, map: SourceMap): Diagnostic[] {
  const known: Known = {
    people: new Set(data.people.map((p) => p.id)),
    actors: new Map(data.actors.map((a) => [a.id, a])),
    sources: new Set(data.sources.map((s) => s.id)),
  };
  return [
    ...data.quotes.flatMap((q, i) => [...speakerProblems(q, i, known, map), ...translationProblems(q, i, known, map)]),
    ...data.people.flatMap((p, i) => nameProblems(p, i, known, map)),
    ...keyQuoteProblems(data, known, map),
  ];
}

/** The speaker is a person or an actor. */
function speakerProblems(q: Quote, i: number, { people, actors }: Known, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (field: string) => ['quotes', i, field];
  if (!people.has(q.speaker) && !actors.has(q.speaker)) {
    const guess = closest(q.speaker, [...people, ...actors.keys()]);
    out.push(
      map.at(
        at('speaker'),
        'ref/unknown-speaker',
        `unknown speaker id ${quoted(q.speaker)}: no entry in people or actors has it`,
        {
          hint: guess
            ? `did you mean ${quoted(guess)}?`
            : "a speaker is a person id, or an actor id for a ministry's or a joint statement",
        },
      ),
    );
  }
  return out;
}

/** A translation says who made it and from which language; a report's translation names that report. */
function translationProblems(q: Quote, i: number, { sources }: Known, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (field: string) => ['quotes', i, field];
  if (q.translation !== undefined && q.translation_by === undefined) {
    out.push(
      map.at(at('translation'), 'quote/translation-by', 'a translation needs translation_by: who made it', {
        which: 'key',
        hint: 'translation_by: curator (your own), or translation_by: source with translation_source: the report that printed it',
      }),
    );
  }
  if (q.translation !== undefined && q.lang === undefined) {
    out.push(
      map.at(
        at('translation'),
        'quote/translation-lang',
        'a translated quotation needs lang, the language of its original',
        { which: 'key', hint: 'lang: de, lang: it… (so that documents tag the original for screen readers and Word)' },
      ),
    );
  }
  if (q.translation === undefined && (q.translation_by !== undefined || q.translation_source !== undefined)) {
    const field = q.translation_by !== undefined ? 'translation_by' : 'translation_source';
    out.push(
      map.at(
        at(field),
        'quote/no-translation',
        `${field} says where a translation comes from, but the quotation has no translation`,
        { which: 'key', hint: "add translation: the quotation in the brief's language" },
      ),
    );
  } else if (q.translation_by === 'source' && q.translation_source === undefined) {
    out.push(
      map.at(
        at('translation_by'),
        'quote/translation-source',
        'translation_by: source needs translation_source, the id of the source that printed the translation',
        { hint: 'add translation_source: <source id>, or write translation_by: curator for your own' },
      ),
    );
  } else if (q.translation_by === 'curator' && q.translation_source !== undefined) {
    out.push(
      map.at(
        at('translation_source'),
        'quote/translation-source',
        'translation_source names the report that gave the translation, but translation_by is curator',
        { which: 'key', hint: 'write translation_by: source, or remove translation_source' },
      ),
    );
  }
  if (q.translation_source !== undefined && !sources.has(q.translation_source)) {
    const guess = closest(q.translation_source, sources);
    out.push(
      map.at(
        at('translation_source'),
        'ref/unknown-source',
        `unknown source id ${quoted(q.translation_source)}: no entry in sources has it`,
        { hint: guess ? `did you mean ${quoted(guess)}?` : undefined },
      ),
    );
  }
  return out;
}

/** Names: the sources that print a native name, and a variant in the name's own script. */
function nameProblems(p: Person, i: number, { sources }: Known, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (p.native_name_sources !== undefined && p.native_name === undefined) {
    out.push(
      map.at(
        ['people', i, 'native_name_sources'],
        'ref/native-name-sources',
        `native_name_sources names the sources that print native_name, but ${p.name} has no native_name`,
        { which: 'key', hint: 'add native_name (and native_lang), or remove native_name_sources' },
      ),
    );
  }
  p.native_name_sources?.forEach((sid, j) => {
    if (sources.has(sid)) return;
    const guess = closest(sid, sources);
    out.push(
      map.at(
        ['people', i, 'native_name_sources', j],
        'ref/unknown-source',
        `unknown source id ${quoted(sid)}: no entry in sources has it`,
        { hint: guess ? `did you mean ${quoted(guess)}?` : undefined },
      ),
    );
  });
  p.variants?.forEach((v, j) => {
    if (v.kind === 'native_script' && !/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(v.spelling)) {
      out.push(
        map.at(
          ['people', i, 'variants', j, 'spelling'],
          'ref/native-script',
          `${quoted(v.spelling)} is written in Latin letters, but its kind is native_script`,
          {
            hint: 'native_script is for the name in its own script (فيصل بن فرحان); a Latin spelling is a transliteration or a short_form',
          },
        ),
      );
    }
  });
  return out;
}

/** A key quotation by an actor: the actor's own words, or a document's (a joint statement speaks for all who signed it). */
function keyQuoteProblems(data: Dataset, { people, actors }: Known, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const quotes = new Map(data.quotes.map((q) => [q.id, q]));
  data.positions.forEach((pos, i) => {
    const speaker = pos.key_quote ? actors.get(quotes.get(pos.key_quote)?.speaker ?? '') : undefined;
    if (speaker && !people.has(speaker.id) && speaker.kind !== 'document' && speaker.id !== pos.actor) {
      out.push(
        map.at(
          ['positions', i, 'key_quote'],
          'ref/quote-actor',
          `key quote ${quoted(pos.key_quote)} is ${quoted(speaker.id)}'s, not ${quoted(pos.actor)}'s`,
        ),
      );
    }
  });
  return out;
}
