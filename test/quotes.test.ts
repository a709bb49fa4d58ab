// What decides whether a memo's quotations are trusted, called in this
// process (so that the mutation run of npm run test:mutation sees it): who a
// quotation is by and how its translation is glossed (checkQuotes), and
// whether each quotation, translation, native name and variant spelling is in
// the sources it cites (verifyAgainstSources), with the messages, codes,
// hints and file:line:col a user is shown. Every expected value is written
// out here; the line of a value is found by searching this file's own YAML
// text, not by the code under test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuotes } from '../src/data/quoting.js';
import { normaliseForQuote, partNotFound, quoteParts, verifyAgainstSources } from '../src/data/quotes.js';
import type { Dataset } from '../src/data/types.js';
import { parseYaml } from '../src/shared/yaml.js';
import { tempDir } from './helpers.js';

const FILE = 'q.yaml';

function load(lines: string[]) {
  const { data, map } = parseYaml(lines.join('\n') + '\n', FILE, 'empty');
  const d = { people: [], actors: [], sources: [], quotes: [], positions: [], ...(data as object) } as unknown as Dataset;
  return { data: d, map };
}

/** The 1-based line of the one line of `lines` that contains `marker`. */
function lineOf(lines: string[], marker: string): number {
  const found = lines.flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`marker ${marker} is on ${found.length} lines`);
  return found[0]!;
}

function diag(line: number, col: number, path: string, code: string, message: string, hint?: string) {
  return hint === undefined ? { file: FILE, line, col, path, code, message } : { file: FILE, line, col, path, code, message, hint };
}

describe('checkQuotes: who a quotation is by and how it is translated', () => {
  const lines = [
    'people:',
    '  - id: anna',
    '    name: Anna Berg',
    '    native_name_sources: [s1, sx1]',
    '    variants:',
    '      - spelling: Faisal',
    '        kind: native_script',
    '        sources: [s1]',
    '      - spelling: فيصل',
    '        kind: native_script',
    '        sources: [s1]',
    '      - spelling: Faisal bin Farhan',
    '        kind: transliteration',
    '        sources: [s1]',
    '  - id: bo',
    '    name: Bo Lind',
    '    native_name: 林波',
    '    native_name_sources: [zzzzzzzzzz]',
    'actors:',
    '  - id: fr',
    '    kind: state',
    '  - id: uk',
    '    kind: state',
    '  - id: joint',
    '    kind: document',
    'sources:',
    '  - id: s1',
    '    file: a.txt',
    'quotes:',
    '  - id: q0',
    '    speaker: anan',
    '  - id: q1',
    '    speaker: qqqqqqqqqqqqqqqq',
    '  - id: q2',
    '    speaker: anna',
    '    translation: T2',
    '  - id: q3',
    '    speaker: fr',
    '    translation: T3',
    '    translation_by: curator',
    '    lang: de',
    '  - id: q4',
    '    speaker: anna',
    '    translation_by: curator',
    '  - id: q5',
    '    speaker: anna',
    '    translation_source: s1',
    '  - id: q6',
    '    speaker: anna',
    '    translation: T6',
    '    translation_by: source',
    '    lang: de',
    '  - id: q7',
    '    speaker: anna',
    '    translation: T7',
    '    translation_by: curator',
    '    translation_source: s1',
    '    lang: de',
    '  - id: q8',
    '    speaker: anna',
    '    translation: T8',
    '    translation_by: source',
    '    translation_source: sl',
    '    lang: de',
    '  - id: q9',
    '    speaker: anna',
    '    translation_source: zzzzzzzzzz',
    '  - id: q10',
    '    speaker: anna',
    '    translation: T10',
    '    translation_by: source',
    '    translation_source: s1',
    '    lang: it',
    '  - id: qfr',
    '    speaker: fr',
    '  - id: qjoint',
    '    speaker: joint',
    '  - id: qanna',
    '    speaker: anna',
    'positions:',
    '  - actor: fr',
    '    key_quote: qfr',
    '  - actor: uk',
    '    key_quote: qfr',
    '  - actor: uk',
    '    key_quote: qjoint',
    '  - actor: uk',
    '    key_quote: qanna',
    '  - actor: uk',
    '    key_quote: nosuchquote',
    '  - actor: fr',
  ];
  const { data, map } = load(lines);
  const got = checkQuotes(data, map);
  /** The line of `field` in the entry of `list` that begins with `- first`. */
  const F = (first: string, field: string) => {
    const from = lines.indexOf(`  - ${first}`) + 1;
    if (from === 0) throw new Error(`no entry ${first}`);
    const i = lines.findIndex((l, n) => n >= from - 1 && l.trimStart().replace(/^- /, '').startsWith(`${field}:`));
    return i + 1;
  };
  const latin = 'native_script is for the name in its own script (فيصل بن فرحان); a Latin spelling is a transliteration or a short_form';

  it('reports exactly these problems, in this order, each at its place', () => {
    expect(got).toStrictEqual([
      diag(F('id: q0', 'speaker'), 14, 'quotes[0].speaker', 'ref/unknown-speaker', 'unknown speaker id "anan": no entry in people or actors has it', 'did you mean "anna"?'),
      diag(F('id: q1', 'speaker'), 14, 'quotes[1].speaker', 'ref/unknown-speaker', 'unknown speaker id "qqqqqqqqqqqqqqqq": no entry in people or actors has it', "a speaker is a person id, or an actor id for a ministry's or a joint statement"),
      diag(F('id: q2', 'translation'), 5, 'quotes[2].translation', 'quote/translation-by', 'a translation needs translation_by: who made it', 'translation_by: curator (your own), or translation_by: source with translation_source: the report that printed it'),
      diag(F('id: q2', 'translation'), 5, 'quotes[2].translation', 'quote/translation-lang', 'a translated quotation needs lang, the language of its original', 'lang: de, lang: it… (so that documents tag the original for screen readers and Word)'),
      diag(F('id: q4', 'translation_by'), 5, 'quotes[4].translation_by', 'quote/no-translation', 'translation_by says where a translation comes from, but the quotation has no translation', "add translation: the quotation in the brief's language"),
      diag(F('id: q5', 'translation_source'), 5, 'quotes[5].translation_source', 'quote/no-translation', 'translation_source says where a translation comes from, but the quotation has no translation', "add translation: the quotation in the brief's language"),
      diag(F('id: q6', 'translation_by'), 21, 'quotes[6].translation_by', 'quote/translation-source', 'translation_by: source needs translation_source, the id of the source that printed the translation', 'add translation_source: <source id>, or write translation_by: curator for your own'),
      diag(F('id: q7', 'translation_source'), 5, 'quotes[7].translation_source', 'quote/translation-source', 'translation_source names the report that gave the translation, but translation_by is curator', 'write translation_by: source, or remove translation_source'),
      diag(F('id: q8', 'translation_source'), 25, 'quotes[8].translation_source', 'ref/unknown-source', 'unknown source id "sl": no entry in sources has it', 'did you mean "s1"?'),
      diag(F('id: q9', 'translation_source'), 5, 'quotes[9].translation_source', 'quote/no-translation', 'translation_source says where a translation comes from, but the quotation has no translation', "add translation: the quotation in the brief's language"),
      diag(F('id: q9', 'translation_source'), 25, 'quotes[9].translation_source', 'ref/unknown-source', 'unknown source id "zzzzzzzzzz": no entry in sources has it'),
      diag(F('id: anna', 'native_name_sources'), 5, 'people[0].native_name_sources', 'ref/native-name-sources', 'native_name_sources names the sources that print native_name, but Anna Berg has no native_name', 'add native_name (and native_lang), or remove native_name_sources'),
      diag(F('id: anna', 'native_name_sources'), 31, 'people[0].native_name_sources[1]', 'ref/unknown-source', 'unknown source id "sx1": no entry in sources has it', 'did you mean "s1"?'),
      diag(F('id: anna', 'spelling'), 19, 'people[0].variants[0].spelling', 'ref/native-script', '"Faisal" is written in Latin letters, but its kind is native_script', latin),
      diag(F('id: bo', 'native_name_sources'), 27, 'people[1].native_name_sources[0]', 'ref/unknown-source', 'unknown source id "zzzzzzzzzz": no entry in sources has it'),
      diag(lines.indexOf('  - actor: uk') + 2, 16, 'positions[1].key_quote', 'ref/quote-actor', 'key quote "qfr" is "fr"\'s, not "uk"\'s'),
    ]);
  });
});
