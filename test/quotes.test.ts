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
  const d = {
    people: [],
    actors: [],
    sources: [],
    quotes: [],
    positions: [],
    ...(data as object),
  } as unknown as Dataset;
  return { data: d, map };
}

/** The 1-based line of the one line of `lines` that contains `marker`. */
function lineOf(lines: string[], marker: string): number {
  const found = lines.flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`marker ${marker} is on ${found.length} lines`);
  return found[0]!;
}

function diag(line: number, col: number, path: string, code: string, message: string, hint?: string) {
  return hint === undefined
    ? { file: FILE, line, col, path, code, message }
    : { file: FILE, line, col, path, code, message, hint };
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
  /** The line of `field` in the entry of `list` that begins with `- first`. */
  const F = (first: string, field: string) => {
    const from = lines.indexOf(`  - ${first}`) + 1;
    if (from === 0) throw new Error(`no entry ${first}`);
    const i = lines.findIndex((l, n) => n >= from - 1 && l.trimStart().replace(/^- /, '').startsWith(`${field}:`));
    return i + 1;
  };
  const latin =
    'native_script is for the name in its own script (فيصل بن فرحان); a Latin spelling is a transliteration or a short_form';

  // Called inside the test, not in describe's body, so that the mutation run sees which test covers which mutant.
  it('reports exactly these problems, in this order, each at its place', () => {
    const { data, map } = load(lines);
    expect(checkQuotes(data, map)).toStrictEqual([
      diag(
        F('id: q0', 'speaker'),
        14,
        'quotes[0].speaker',
        'ref/unknown-speaker',
        'unknown speaker id "anan": no entry in people or actors has it',
        'did you mean "anna"?',
      ),
      diag(
        F('id: q1', 'speaker'),
        14,
        'quotes[1].speaker',
        'ref/unknown-speaker',
        'unknown speaker id "qqqqqqqqqqqqqqqq": no entry in people or actors has it',
        "a speaker is a person id, or an actor id for a ministry's or a joint statement",
      ),
      diag(
        F('id: q2', 'translation'),
        5,
        'quotes[2].translation',
        'quote/translation-by',
        'a translation needs translation_by: who made it',
        'translation_by: curator (your own), or translation_by: source with translation_source: the report that printed it',
      ),
      diag(
        F('id: q2', 'translation'),
        5,
        'quotes[2].translation',
        'quote/translation-lang',
        'a translated quotation needs lang, the language of its original',
        'lang: de, lang: it… (so that documents tag the original for screen readers and Word)',
      ),
      diag(
        F('id: q4', 'translation_by'),
        5,
        'quotes[4].translation_by',
        'quote/no-translation',
        'translation_by says where a translation comes from, but the quotation has no translation',
        "add translation: the quotation in the brief's language",
      ),
      diag(
        F('id: q5', 'translation_source'),
        5,
        'quotes[5].translation_source',
        'quote/no-translation',
        'translation_source says where a translation comes from, but the quotation has no translation',
        "add translation: the quotation in the brief's language",
      ),
      diag(
        F('id: q6', 'translation_by'),
        21,
        'quotes[6].translation_by',
        'quote/translation-source',
        'translation_by: source needs translation_source, the id of the source that printed the translation',
        'add translation_source: <source id>, or write translation_by: curator for your own',
      ),
      diag(
        F('id: q7', 'translation_source'),
        5,
        'quotes[7].translation_source',
        'quote/translation-source',
        'translation_source names the report that gave the translation, but translation_by is curator',
        'write translation_by: source, or remove translation_source',
      ),
      diag(
        F('id: q8', 'translation_source'),
        25,
        'quotes[8].translation_source',
        'ref/unknown-source',
        'unknown source id "sl": no entry in sources has it',
        'did you mean "s1"?',
      ),
      diag(
        F('id: q9', 'translation_source'),
        5,
        'quotes[9].translation_source',
        'quote/no-translation',
        'translation_source says where a translation comes from, but the quotation has no translation',
        "add translation: the quotation in the brief's language",
      ),
      diag(
        F('id: q9', 'translation_source'),
        25,
        'quotes[9].translation_source',
        'ref/unknown-source',
        'unknown source id "zzzzzzzzzz": no entry in sources has it',
      ),
      diag(
        F('id: anna', 'native_name_sources'),
        5,
        'people[0].native_name_sources',
        'ref/native-name-sources',
        'native_name_sources names the sources that print native_name, but Anna Berg has no native_name',
        'add native_name (and native_lang), or remove native_name_sources',
      ),
      diag(
        F('id: anna', 'native_name_sources'),
        31,
        'people[0].native_name_sources[1]',
        'ref/unknown-source',
        'unknown source id "sx1": no entry in sources has it',
        'did you mean "s1"?',
      ),
      diag(
        F('id: anna', 'spelling'),
        19,
        'people[0].variants[0].spelling',
        'ref/native-script',
        '"Faisal" is written in Latin letters, but its kind is native_script',
        latin,
      ),
      diag(
        F('id: bo', 'native_name_sources'),
        27,
        'people[1].native_name_sources[0]',
        'ref/unknown-source',
        'unknown source id "zzzzzzzzzz": no entry in sources has it',
      ),
      diag(
        lines.indexOf('  - actor: uk') + 2,
        16,
        'positions[1].key_quote',
        'ref/quote-actor',
        'key quote "qfr" is "fr"\'s, not "uk"\'s',
      ),
    ]);
  });
});

describe('normaliseForQuote and quoteParts: what counts as the same words', () => {
  it.each([
    [' a\u00A0\u00A0b\n', 'a b'],
    ['a\u2026b', 'a...b'],
    ['a \u2013 b', 'a-b'],
    ['a\u2014b', 'a-b'],
    ['\u2018x\u2019 \u201Cy\u201D \u00ABz\u00BB', '\'x\' "y" "z"'],
    ['\uFF27\uFF17', 'G7'],
  ])('%j is compared as %j', (text, want) => {
    expect(normaliseForQuote(text)).toBe(want);
  });

  it.each([
    ['Ukraine[...]for as long', ['Ukraine', 'for as long']],
    ['a [...]b', ['a', 'b']],
    ['a[\u2026] b', ['a', 'b']],
    ['a \u2026 b', ['a', 'b']],
    ['[...] a', ['a']],
    ['well\u2026 said', ['well... said']],
  ])('%j is cut into %j', (text, want) => {
    expect(quoteParts(text)).toStrictEqual(want);
  });

  it('finds parts in order, the first at the very start of the text', () => {
    expect(partNotFound(['ab', 'cd'], 'ab cd')).toBeUndefined();
  });
});

describe('verifyAgainstSources: every quotation, translation and name is in the sources it cites', () => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'a.txt'),
    'The minister said: we will stand by Ukraine for as long as it takes. Talks were \u201Cuseful\u201D \u2014 and long.\n',
  );
  writeFileSync(join(dir, 'c.txt'), '王毅表示，双方进行了坦诚的交流。\n');
  writeFileSync(join(dir, 'd.txt'), 'The spokesman said the talks were frank.\n');
  writeFileSync(join(dir, 'e.txt'), '双方\u{20000}进行\n');
  mkdirSync(join(dir, 'sub'));
  const Q = 'Q'.repeat(60);
  const quote = (text: string, sources: string, ...more: string[]) => [
    '  - id: x',
    '    speaker: anna',
    `    text: ${text}`,
    `    sources: [${sources}]`,
    ...more.map((m) => `    ${m}`),
  ];
  const lines = [
    'sources:',
    '  - {id: s1, file: a.txt}',
    '  - id: s2',
    '    file: b.txt',
    '  - id: s3',
    '    file: sub',
    '  - id: s4',
    '    file: ../out.txt',
    '  - {id: s6, file: c.txt}',
    '  - {id: s7, file: d.txt}',
    '  - {id: s8, file: e.txt}',
    'quotes:',
    ...quote('we will stand by Ukraine for as long as it takes', 's1, s2, s3, s4, nosuch'),
    ...quote('we will stand by Ukraine … as it takes', 's1'),
    ...quote('\'Talks were "useful" - and long\'', 's1'),
    ...quote('The minister said', 's1'),
    ...quote('we will stand by Russia for as long as it takes', 's6, s1'),
    ...quote('The miniX', 's1'),
    ...quote('The minX', 's1'),
    ...quote('we will stand by Ukraine for as long as it lasts', 's1'),
    ...quote('as it takes [...] we will stand by', 's1'),
    ...quote('The minister said [...] minister', 's1'),
    ...quote('we will stand by Ukraine … zzz qqq', 's1'),
    ...quote(`The minister said [...] ${Q}`, 's1'),
    ...quote(`The minister said [...] ${Q}Q`, 's1'),
    ...quote('双方进行了坦率的交流', 's6'),
    ...quote('双方谈判', 's6'),
    ...quote('交流。谢谢', 's6'),
    ...quote('双方进行了X', 's6'),
    ...quote('双方\u{20001}进行', 's8'),
    ...quote(
      'we will stand by Ukraine',
      's1',
      'translation: The spokesman said the talks were frank.',
      'translation_by: source',
      'translation_source: s7',
    ),
    ...quote(
      'we will stand by Ukraine',
      's1',
      'translation: The spokesman said the talks were useful.',
      'translation_by: source',
      'translation_source: s7',
    ),
    ...quote(
      'we will stand by Ukraine',
      's1',
      'translation: talks were frank [...] The spokesman',
      'translation_by: source',
      'translation_source: s7',
    ),
    ...quote(
      'we will stand by Ukraine',
      's1',
      'translation: Wrong words here.',
      'translation_by: curator',
      'translation_source: s7',
    ),
    ...quote(
      'we will stand by Ukraine',
      's1',
      'translation: Wrong words here.',
      'translation_by: source',
      'translation_source: s2',
    ),
    ...quote('we will stand by Ukraine', 's1', 'translation_by: source', 'translation_source: s7'),
    ...quote('we will stand by Ukraine', 's1', 'translation: Wrong words again.', 'translation_by: source'),
    'people:',
    '  - id: wang',
    '    native_name: 王毅',
    '    native_name_sources: [s6, s2]',
    '    variants:',
    '      - spelling: 王毅',
    '        sources: [s6]',
    '      - spelling: Wang Yee',
    '        sources: [s6, s2]',
    '  - id: li',
    '    native_name: 李强',
    '    native_name_sources: [s1, s6]',
    '  - id: nn',
    '    native_name_sources: [s6]',
  ];
  // The line of quotes[n].text: each quotation takes 4 lines, and 18 to 23 three more for their translation.
  const textLine = (n: number) => lines.indexOf('quotes:') + 1 + n * 4 + 3 + Math.max(0, n - 18) * 3;
  const cited = (n: number, j = 0) => ` (cited at quotes[${n}].sources[${j}])`;

  it('reports unreadable sources, then each quotation, translation and name not found, each at its place', async () => {
    const { data, map } = load(lines);
    const got = await verifyAgainstSources(data, map, dir);
    const sourceProblems = got.diagnostics
      .filter((d) => d.code.startsWith('quote/source-'))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(sourceProblems).toStrictEqual([
      diag(
        4,
        11,
        'sources[1].file',
        'quote/source-missing',
        `source text "b.txt" is not in ${dir}`,
        'pass the folder that holds the source texts with --sources DIR',
      ),
      diag(
        6,
        11,
        'sources[2].file',
        'quote/source-missing',
        `source text "sub" cannot be read (it is a folder) in ${dir}`,
        'pass the folder that holds the source texts with --sources DIR',
      ),
      diag(
        8,
        11,
        'sources[3].file',
        'quote/source-path',
        'source text "../out.txt" is outside the --sources folder',
        'name a file inside the folder given with --sources',
      ),
    ]);
    const notFound = (n: number, message: string, hint: string) =>
      diag(textLine(n), 11, `quotes[${n}].text`, 'quote/not-found', message, hint);
    const nothing = 'the source has nothing like its opening words';
    const order = "the parts of an elided quotation must come in the source's order";
    expect(got.diagnostics.slice(3)).toStrictEqual([
      notFound(4, 'quote not found in source s6 (c.txt)', nothing + cited(4)),
      notFound(
        4,
        'quote not found in source s1 (a.txt)',
        'matches as far as "…we will stand by ", then the quote has "Russia for as long as it takes…" where the source has "Ukraine for as long as it take…"' +
          cited(4, 1),
      ),
      notFound(
        5,
        'quote not found in source s1 (a.txt)',
        'matches as far as "…The mini", then the quote has "X…" where the source has "ster said: we will stand by Uk…"' +
          cited(5),
      ),
      notFound(6, 'quote not found in source s1 (a.txt)', nothing + cited(6)),
      notFound(
        7,
        'quote not found in source s1 (a.txt)',
        'matches as far as "… by Ukraine for as long as it ", then the quote has "lasts…" where the source has "takes. Talks were \\"useful\\"-and…"' +
          cited(7),
      ),
      notFound(
        8,
        'quote not found in source s1 (a.txt): part 2 of 2, "we will stand by", comes before part 1 in the source, not after it',
        order + cited(8),
      ),
      notFound(
        9,
        'quote not found in source s1 (a.txt): part 2 of 2, "minister", comes before part 1 in the source, not after it',
        order + cited(9),
      ),
      notFound(10, 'quote not found in source s1 (a.txt): part 2 of 2, "zzz qqq", is not in it', nothing + cited(10)),
      notFound(11, `quote not found in source s1 (a.txt): part 2 of 2, "${Q}", is not in it`, nothing + cited(11)),
      notFound(12, `quote not found in source s1 (a.txt): part 2 of 2, "${Q}…", is not in it`, nothing + cited(12)),
      notFound(
        13,
        'quote not found in source s6 (c.txt)',
        'matches as far as "…双方进行了坦", then the quote has "率的交流…" where the source has "诚的交流。…": character 7 of the quote, 率 (U+7387), is 诚 (U+8BDA) in the source' +
          cited(13),
      ),
      notFound(
        14,
        'quote not found in source s6 (c.txt)',
        'matches as far as "…双方", then the quote has "谈判…" where the source has "进行了坦诚的交流。…": character 3 of the quote, 谈 (U+8C08), is 进 (U+8FDB) in the source' +
          cited(14),
      ),
      notFound(
        15,
        'quote not found in source s6 (c.txt)',
        'matches as far as "…交流。", then the quote has "谢谢…" where the source has "…": character 4 of the quote, 谢 (U+8C22), is past the end of the source' +
          cited(15),
      ),
      notFound(
        16,
        'quote not found in source s6 (c.txt)',
        'matches as far as "…双方进行了", then the quote has "X…" where the source has "坦诚的交流。…": character 6 of the quote, X (U+0058), is 坦 (U+5766) in the source' +
          cited(16),
      ),
      notFound(
        17,
        'quote not found in source s8 (e.txt)',
        'matches as far as "…双方", then the quote has "\u{20001}进行…" where the source has "\u{20000}进行…": character 3 of the quote, \u{20001} (U+20001), is \u{20000} (U+20000) in the source' +
          cited(17),
      ),
      diag(
        textLine(19) + 2,
        18,
        'quotes[19].translation',
        'quote/translation-not-found',
        'translation not found in its translation_source s7 (d.txt)',
        'matches as far as "…spokesman said the talks were ", then the quote has "useful.…" where the source has "frank.…"',
      ),
      diag(
        textLine(20) + 2,
        18,
        'quotes[20].translation',
        'quote/translation-not-found',
        'translation not found in its translation_source s7 (d.txt): part 2 of 2, "The spokesman", comes before part 1 in the source, not after it',
        order,
      ),
      diag(
        lineOf(lines, 'Wang Yee') + 1,
        19,
        'people[0].variants[1].sources[0]',
        'quote/variant-not-found',
        'spelling "Wang Yee" does not occur in source s6',
      ),
      diag(
        lineOf(lines, '[s1, s6]'),
        27,
        'people[1].native_name_sources[0]',
        'quote/native-name-not-found',
        'native name "李强" does not occur in source s1',
      ),
      diag(
        lineOf(lines, '[s1, s6]'),
        31,
        'people[1].native_name_sources[1]',
        'quote/native-name-not-found',
        'native name "李强" does not occur in source s6',
      ),
    ]);
    // Found: quotations 0-3 and 18-24 in s1 (11 quote-in-source pairs) and the translation of 18 in s7.
    expect(got.quotesChecked).toBe(12);
  });
});
