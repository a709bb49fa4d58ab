// What real reports say, part two (issue 26): meetings over several days,
// events during the meeting, vague dates and curator-dated sources,
// translated quotations and statements, elided quotations, names. The
// errors are tested on the Tokyo trilateral fixture with one thing changed;
// the G7 fixture (test/fixtures/reports/) is built once in every format.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { diffDatasets } from '../src/data/diff.js';
import type { Dataset, Person } from '../src/data/types.js';
import { nameKeys } from '../src/view/names.js';
import { englishLabels, formatDays, labelsFor } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { changesView } from '../src/view/changes.js';
import { ROOT, runCli, tempDir, tool, writeTemp } from './helpers.js';
// The run's shared build cache (test/support/build-cache.ts): each fixture built once for all test files that read it.
import { built } from './support/build-cache.js';
import { buildMarkdown, expectProblem, TRILATERAL, trilateralWith } from './support/reports.js';

const en = () => englishLabels();

describe('1. a meeting over several days', () => {
  const en = englishLabels();
  it('days as each language writes them, with the en dash', () => {
    expect(formatDays('2025-11-11', '2025-11-12', en)).toBe('11–12 November 2025');
    expect(formatDays('2025-10-11', '2025-11-02', en)).toBe('11 October – 2 November 2025');
    expect(formatDays('2025-12-30', '2026-01-02', en)).toBe('30 December 2025 – 2 January 2026');
    expect(formatDays('2025-11-11', '2025-11-11', en)).toBe('11 November 2025');
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr-FR');
    expect(formatDays('2025-11-11', '2025-11-12', fr)).toBe('11–12 novembre 2025');
    expect(formatDays('2025-10-11', '2025-11-02', fr)).toBe('11 octobre – 2 novembre 2025');
    expect(formatDays('2025-11-11', '2025-11-12', { ...en, language: 'en-US' })).toBe('November 11–12, 2025');
  });

  it('every document says the days: the memo, the FAQ and the matrix title', async () => {
    const docs = await buildMarkdown(
      trilateralWith([
        '  date: 2025-03-22\n',
        '  date: 2025-03-22/2025-03-23\n  time: "20:30"\n  time_zone: Asia/Tokyo\n',
      ]),
    );
    expect(docs.memo).toContain('met at the Iikura Guest House in Tokyo on 22–23 March 2025.');
    expect(docs.matrix).toContain(
      "# Country positions: Japan–China–South Korea foreign ministers' meeting, 22–23 March 2025",
    );
    expect(docs.memo).not.toContain('22 March 2025.[');
  });

  it('a range that ends before it starts is an error at the date', async () => {
    const text = trilateralWith(['  date: 2025-03-22\n', '  date: 2025-03-22/2025-03-21\n']);
    const err = await expectProblem(
      text,
      '2025-03-22/2025-03-21',
      'meeting.date',
      /^the range "2025-03-22\/2025-03-21" ends before it starts$/,
    );
    expect(err).toContain('hint: write the earlier date first');
  });

  it('a day that does not exist, a wrong form, an unknown time zone with a did-you-mean, a bad time', async () => {
    await expectProblem(
      trilateralWith(['  date: 2025-03-22\n', '  date: 2025-02-28/2025-02-30\n']),
      '2025-02-28/',
      'meeting.date',
      /^"2025-02-30" is not a valid date \(YYYY-MM-DD, a real calendar date\)$/,
    );
    await expectProblem(
      trilateralWith(['  date: 2025-03-22\n', '  date: 22-23 March 2025\n']),
      '22-23 March',
      'meeting.date',
      /^"22-23 March 2025" has the wrong form: date of the meeting: a day \(YYYY-MM-DD\), or for a meeting over several days/,
    );
    const err = await expectProblem(
      trilateralWith(['  date: 2025-03-22\n', '  date: 2025-03-22\n  time_zone: Asia/Tokio\n']),
      'Asia/Tokio',
      'meeting.time_zone',
      /^unknown time zone "Asia\/Tokio"$/,
    );
    expect(err).toContain('hint: did you mean "Asia/Tokyo"?');
    await expectProblem(
      trilateralWith(['  date: 2025-03-22\n', '  date: 2025-03-22\n  time: "25:00"\n']),
      '"25:00"',
      'meeting.time',
      /has the wrong form: the time the meeting began/,
    );
    const typo = await expectProblem(
      trilateralWith(['  date: 2025-03-22\n', '  date: 2025-03-22\n  timezone: Asia/Tokyo\n']),
      'timezone: Asia',
      'meeting.timezone',
      /^unknown property "timezone"$/,
    );
    expect(typo).toContain('hint: did you mean "time_zone"?');
  });

  it('--since: relative dates count from the last day, and a span of days prints in words', () => {
    const v1 = parseYamlText(readFileSync(TRILATERAL, 'utf8')) as Dataset;
    const longer = structuredClone(v1);
    longer.meeting.date = '2025-03-22/2025-03-23';
    // "In the coming weeks" now counts from the 23rd; "later this year" of the same year is still the same.
    expect(
      diffDatasets(v1, longer)
        .filter((c) => c.section === 'events')
        .map((c) => c.id),
    ).toEqual(['ev-summit', 'ev-officials']);
    const same = structuredClone(longer);
    expect(diffDatasets(longer, same)).toEqual([]);
    const event = structuredClone(longer);
    event.events![2]!.when = '2025-03-22/2025-03-23';
    const view = changesView({ data: longer, label: 'old' }, event, en).view!;
    expect(view.items.map((i) => i.text)).toEqual([
      'Changed: Trilateral cultural year: date now 22–23 March 2025 (was: autumn 2025).',
    ]);
  });
});

describe('2. events during the meeting', () => {
  const twoDays = [
    '  date: 2025-03-22\n',
    '  date: 2025-03-22/2025-03-23\n  time: "17:00"\n  time_zone: Asia/Tokyo\n',
  ] as [string, string];
  const during = (extra: string) => ['events:\n', `events:\n${extra}`] as [string, string];
  const sessions = during(
    [
      '  - { id: ev-lunch, name: Working lunch, when: 2025-03-23, time: "12:30", relation: during, summary: The ministers discussed exchanges., sources: [t2] }',
      '  - { id: ev-open, name: Opening session, when: 2025-03-22, time: "17:00", relation: during, summary: The host opened the talks., sources: [t1] }',
      '  - { id: ev-morning, name: Session on North Korea, when: 2025-03-23, time: "09:00", relation: during, summary: The ministers compared their lines., sources: [t1, t2] }',
      '',
    ].join('\n'),
  );

  it("are shown in time order, with the meeting's time zone: the FAQ's programme and the memo's background", async () => {
    const docs = await buildMarkdown(
      trilateralWith(twoDays, sessions, [
        '    relation: following\n    place: { venue: the Iikura',
        '    relation: during\n    place: { venue: the Iikura',
      ]),
    );
    const faq = docs.faq.slice(docs.faq.indexOf('## How did the meeting run?'), docs.faq.indexOf('## Who is who?'));
    expect(faq).toMatch(
      /^## How did the meeting run\?\n\nIt ran over two days, 22–23 March 2025, opening at 17:00 \(Japan Standard Time\); the reports give its programme in this order\.\[\^\d+\]/,
    );
    const items = faq.split('\n').filter((l) => l.startsWith('- '));
    expect(items.map((l) => l.replace(/\[\^\d+\]/g, ''))).toEqual([
      '- **Opening session**, 22 March at 17:00 (Japan Standard Time). The host opened the talks.',
      '- **Joint press conference**, 22 March at 18:30 (Japan Standard Time), the Iikura Guest House, Tokyo. The three ministers spoke to the press after the talks.',
      '- **Session on North Korea**, 23 March at 09:00 (Japan Standard Time). The ministers compared their lines.',
      '- **Working lunch**, 23 March at 12:30 (Japan Standard Time). The ministers discussed exchanges.',
    ]);
    // Every event's place prints where its date does (issue 37), in the memo's programme too.
    expect(docs.memo.replace(/\[\^\d+\]/g, '')).toContain(
      'The programme: Opening session, 22 March at 17:00 (Japan Standard Time); Joint press conference, 22 March at 18:30 (Japan Standard Time), the Iikura Guest House, Tokyo; Session on North Korea, 23 March at 09:00 (Japan Standard Time); Working lunch, 23 March at 12:30 (Japan Standard Time).',
    );
    // A part of the meeting is not what comes next.
    expect(docs.faq.slice(docs.faq.indexOf('## What happens next?'))).not.toContain('Working lunch');
  });

  it('an event during the meeting outside its days, or without a day, is an error at its date', async () => {
    const err = await expectProblem(
      trilateralWith(
        twoDays,
        during(
          '  - { id: ev-x, name: Dinner, when: 2025-03-24, relation: during, summary: A dinner., sources: [t1] }\n',
        ),
      ),
      '2025-03-24',
      'events[0].when',
      /^"2025-03-24" is not a day of the meeting \(2025-03-22\/2025-03-23\): an event during the meeting falls on one of its days$/,
    );
    expect(err).toContain('hint: make it relation: following, or correct the day');
    const vague = await expectProblem(
      trilateralWith(
        during('  - { id: ev-x, name: Dinner, when: 2025-03, relation: during, summary: A dinner., sources: [t1] }\n'),
      ),
      '2025-03, relation',
      'events[0].when',
      /^"2025-03" is not a day of the meeting \(2025-03-22\)/,
    );
    expect(vague).toContain('hint: write the day (YYYY-MM-DD), from 2025-03-22 to 2025-03-22');
    const typo = await expectProblem(
      trilateralWith(
        during(
          '  - { id: ev-x, name: Dinner, when: 2025-03-22, relation: durng, summary: A dinner., sources: [t1] }\n',
        ),
      ),
      'durng',
      'events[0].relation',
      /^"durng" is not one of the allowed values: "preceding", "following", "during"$/,
    );
    expect(typo).toContain('hint: did you mean "during"?');
    await expectProblem(
      trilateralWith(
        during(
          '  - { id: ev-x, name: Dinner, when: 2025-03-22, time: "7pm", relation: during, summary: A dinner., sources: [t1] }\n',
        ),
      ),
      '"7pm"',
      'events[0].time',
      /has the wrong form/,
    );
  });
});

describe('3. vague dates, undated events, sources the curator dated', () => {
  const later = ['    when: coming_weeks\n', '    when: 2025-04-late\n'] as [string, string];
  const undated = ['    when: 2025-autumn\n', '    when: undated\n'] as [string, string];

  it('"later this month" and "undated" print in words and sort: late April after March, undated last', async () => {
    const docs = await buildMarkdown(trilateralWith(later, undated));
    // The press conference has passed at the brief's date (issue 37): it is told under "What has happened since?".
    const next = docs.faq.slice(docs.faq.indexOf('## What has happened since?'));
    const order = [
      'Joint press conference',
      '## What happens next?',
      "Senior officials' meeting",
      "Trilateral leaders' summit",
      'Trilateral cultural year',
    ].map((n) => next.indexOf(n));
    expect(
      order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]!)),
      next,
    ).toBe(true);
    expect(next).toContain("Senior officials' meeting: late April 2025.");
    expect(next).toContain('- Trilateral cultural year: date not reported.');
    expect(docs.memo).toContain("**Senior officials' meeting, late April 2025.**");
  });

  it('in French: "fin avril 2025", "date non communiquée"', async () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    const { whenOf } = await import('../src/view/dates.js');
    expect(whenOf('2025-04-late', '2025-03-22', fr).text).toBe('fin avril 2025');
    expect(whenOf('2025-04-mid', '2025-03-22', fr).text).toBe('mi-avril 2025');
    expect(whenOf('undated', '2025-03-22', fr).text).toBe('date non communiquée');
    expect(whenOf('2025-11-early', '2025-03-22', en()).text).toBe('early November 2025');
  });

  it('a source the curator dated prints its date, not "undated"; part of a month prints in words', async () => {
    const text = trilateralWith(
      ['kind: news_report, date: 2025-03-23, url:', 'kind: news_report, date: 2025-03-23, date_basis: url, url:'],
      [
        'kind: news_report, outlet: Seoul Evening Post, date: 2025-03-22 }',
        'kind: news_report, outlet: Seoul Evening Post, date: 2025-03-late, date_basis: curator }',
      ],
    );
    const docs = await buildMarkdown(text);
    expect(docs.faq).toContain(
      '“Tokyo talks end without joint line on Pyongyang”, Seoul Evening Post, late March 2025.',
    );
    expect(docs.faq).toContain("“Trilateral ministers agree to prepare leaders' summit”, 23 March 2025.");
    expect(docs.faq).not.toContain('undated');
  });

  it('bad input: date_basis without a date, a misspelt basis, a date of the wrong form, a vague form that does not exist', async () => {
    const err = await expectProblem(
      trilateralWith(['kind: news_report, date: 2025-03-23, url:', 'kind: news_report, date_basis: curator, url:']),
      'date_basis: curator',
      'sources[2].date_basis',
      /^date_basis says how the date is known, but source t3 has no date$/,
    );
    expect(err).toContain('hint: add its date (YYYY-MM-DD), or remove date_basis');
    const typo = await expectProblem(
      trilateralWith([
        'kind: news_report, date: 2025-03-23, url:',
        'kind: news_report, date: 2025-03-23, date_basis: curater, url:',
      ]),
      'curater',
      'sources[2].date_basis',
      /^"curater" is not one of the allowed values: "report", "url", "curator"$/,
    );
    expect(typo).toContain('hint: did you mean "curator"?');
    await expectProblem(
      trilateralWith(['kind: news_report, date: 2025-03-23, url:', 'kind: news_report, date: 2025-03-later, url:']),
      '2025-03-later',
      'sources[2].date',
      /has the wrong form: publication date: a day/,
    );
    await expectProblem(
      trilateralWith(['kind: news_report, date: 2025-03-23, url:', 'kind: news_report, date: 2025-02-30, url:']),
      '2025-02-30',
      'sources[2].date',
      /^"2025-02-30" is not a valid date/,
    );
    await expectProblem(
      trilateralWith(['    when: coming_weeks\n', '    when: 2025-04-lately\n']),
      '2025-04-lately',
      'events[1].when',
      /has the wrong form: when, as precisely as the sources say/,
    );
  });
});

describe('4. translations and statements', () => {
  const glossed = [
    'text: "We have restarted a conversation that our region cannot do without", context:',
    'text: "対話を再開した", lang: ja, translation: "We have restarted the dialogue", translation_by: curator, context:',
  ] as [string, string];
  const statement = [
    'quotes:\n',
    'quotes:\n  - { id: q-joint, speaker: joint-statement, text: "The three countries will hold the summit in Japan", medium: statement, context: The closing joint statement., sources: [t3] }\n  - { id: q-mfa, speaker: china, text: "China is ready to work with both sides", medium: statement, context: A statement of China\'s foreign ministry after the talks., sources: [t2] }\n',
  ] as [string, string];
  const documentActor = [
    'actors:\n',
    "actors:\n  - { id: joint-statement, name: Joint Statement of the Trilateral Foreign Ministers' Meeting, short_name: Joint statement, kind: document, role: mentioned }\n",
  ] as [string, string];
  const chinaQuote = ['  - actor: china\n    stances:', '  - actor: china\n    key_quote: q-mfa\n    stances:'] as [
    string,
    string,
  ];

  it("the original with its gloss in the matrix, a joint statement in the FAQ, a ministry's statement as a key quote", async () => {
    const docs = await buildMarkdown(trilateralWith(glossed, statement, documentActor, chinaQuote));
    expect(docs.matrix).toContain(
      '“<span lang="ja">対話を再開した</span>” (Iwaya Takeshi; our translation: “We have restarted the dialogue”)',
    );
    expect(docs.matrix).toContain('“China is ready to work with both sides” (China)');
    const faq = docs.faq.slice(
      docs.faq.indexOf('## What did the meeting put in writing?'),
      docs.faq.indexOf('## Who is who?'),
    );
    expect(faq).toMatch(
      /^## What did the meeting put in writing\?\n\n- \*\*Joint statement:\*\* “The three countries will hold the summit in Japan”\[\^\d+\]\n/,
    );
  });

  it("a report's translation names that report, which the quotation then cites", async () => {
    const docs = await buildMarkdown(
      trilateralWith([
        'text: "We have restarted a conversation that our region cannot do without", context:',
        'text: "対話を再開した", lang: ja, translation: "We have restarted the dialogue", translation_by: source, translation_source: t2, context:',
      ]),
    );
    const row = docs.matrix.split('\n').find((l) => l.includes('対話を再開した'))!;
    expect(row).toContain('(Iwaya Takeshi; translated by Seoul Evening Post: “We have restarted the dialogue”)');
    const notes = [...row.matchAll(/\[\^(\d+)\]/g)].map((m) => m[1]);
    const cited = notes.map((n) => docs.matrix.split('\n').find((l) => l.startsWith(`[^${n}]:`))).join('\n');
    expect(cited).toContain('Seoul Evening Post');
  });

  it('bad input: translation_by: source without a source, a translation without its maker or its language, an unknown speaker or translation source', async () => {
    const text = (replace: string) =>
      trilateralWith(['text: "We have restarted a conversation that our region cannot do without", context:', replace]);
    let err = await expectProblem(
      text('text: "対話を再開した", lang: ja, translation: "We restarted it", translation_by: source, context:'),
      'source, context',
      'quotes[0].translation_by',
      /^translation_by: source needs translation_source, the id of the source that printed the translation$/,
    );
    expect(err).toContain('hint: add translation_source: <source id>');
    err = await expectProblem(
      text('text: "対話を再開した", lang: ja, translation: "We restarted it", context:'),
      'translation: "We',
      'quotes[0].translation',
      /^a translation needs translation_by: who made it$/,
    );
    err = await expectProblem(
      text('text: "対話を再開した", translation: "We restarted it", translation_by: curator, context:'),
      'translation: "We',
      'quotes[0].translation',
      /^a translated quotation needs lang, the language of its original$/,
    );
    err = await expectProblem(
      text('text: "x", lang: ja, translation: "y", translation_by: source, translation_source: t4, context:'),
      't4, context',
      'quotes[0].translation_source',
      /^unknown source id "t4"/,
    );
    expect(err).toContain('hint: did you mean "t1"?');
    err = await expectProblem(
      text('text: "x", lang: ja, translation: "y", translation_by: curator, translation_source: t1, context:'),
      'translation_source: t1',
      'quotes[0].translation_source',
      /^translation_source names the report that gave the translation, but translation_by is curator$/,
    );
    err = await expectProblem(
      text('text: "x", lang: ja, translation_by: curater, context:'),
      'curater',
      'quotes[0].translation_by',
      /^"curater" is not one of the allowed values: "source", "curator"$/,
    );
    expect(err).toContain('hint: did you mean "curator"?');
    const speaker = trilateralWith(['{ id: q-iwaya, speaker: iwaya,', '{ id: q-iwaya, speaker: iwaja,']);
    err = await expectProblem(
      speaker,
      'iwaja',
      'quotes[0].speaker',
      /^unknown speaker id "iwaja": no entry in people or actors has it$/,
    );
    expect(err).toContain('hint: did you mean "iwaya"?');
    const kind = trilateralWith(['{ id: japan, name: Japan, kind: state,', '{ id: japan, name: Japan, kind: documnt,']);
    err = await expectProblem(
      kind,
      'documnt',
      'actors[0].kind',
      /^"documnt" is not one of the allowed values: "state", "organisation", "document"$/,
    );
    expect(err).toContain('hint: did you mean "document"?');
    err = await expectProblem(
      trilateralWith(statement, [
        '  - actor: japan\n    key_quote: q-iwaya\n',
        '  - actor: japan\n    key_quote: q-mfa\n',
      ]),
      'q-mfa\n    stances',
      'positions[1].key_quote',
      /^key quote "q-mfa" is "china"'s, not "japan"'s$/,
    );
  });
});

describe('5. elided quotations', () => {
  // Source texts for the trilateral fixture, written here: each quotation below is checked against them.
  const sourcesDir = () => {
    const dir = tempDir('brief-reports-sources-');
    writeTemp(
      'tri-1.txt',
      'TOKYO - "We have restarted a conversation, after two years, that our region cannot do without," the minister said. Iwaya Takeshi and Takeshi Iwaya.',
      dir,
    );
    writeTemp('tri-2.txt', 'Takeshi Iwaya. 対話を再開した、と述べた。 "We have restarted the dialogue," he said.', dir);
    writeTemp('tri-3.txt', 'Takeshi Iwaya.', dir);
    return dir;
  };
  const quote = (text: string) =>
    trilateralWith(['text: "We have restarted a conversation that our region cannot do without"', `text: "${text}"`]);
  const noVariants = (text: string) =>
    text.replace('    variants: [{ spelling: Cho Tae-yeol, kind: transliteration, sources: [t1] }]\n', '');

  it('each part is found in order, whether the elision is " … " or "[…]"; the documents print it as written', async () => {
    for (const text of [
      'We have restarted a conversation … that our region cannot do without',
      'We have restarted a conversation […] that our region cannot do without',
    ]) {
      const file = writeTemp('x.yaml', noVariants(quote(text)));
      const r = await runCli(['--check', '--data', file, '--sources', sourcesDir()]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('quote citation verified');
    }
    const docs = await buildMarkdown(
      noVariants(quote('We have restarted a conversation … that our region cannot do without')),
    );
    expect(docs.matrix).toContain('“We have restarted a conversation … that our region cannot do without”');
  });

  it('the message names the part not found, or the part out of order', async () => {
    const dir = sourcesDir();
    let err = await expectProblem(
      noVariants(quote('We have restarted a conversation … that our continent cannot do without')),
      '"We have restarted a conversation …',
      'quotes[0].text',
      /^quote not found in source t1 \(tri-1\.txt\): part 2 of 2, "that our continent cannot do without", is not in it$/,
      ['--sources', dir],
    );
    expect(err).toContain('hint: matches as far as "…that our ", then the quote has "continent cannot do without…"');
    err = await expectProblem(
      noVariants(quote('that our region cannot do without […] We have restarted a conversation')),
      '"that our region',
      'quotes[0].text',
      /^quote not found in source t1 \(tri-1\.txt\): part 2 of 2, "We have restarted a conversation", comes before part 1 in the source, not after it$/,
      ['--sources', dir],
    );
    expect(err).toContain("hint: the parts of an elided quotation must come in the source's order");
  });

  it("an ellipsis inside a word is the speaker's own, not an elision", async () => {
    const { quoteParts } = await import('../src/data/quotes.js');
    expect(quoteParts('We have to move forward to pressure Russia … to end this war.')).toEqual([
      'We have to move forward to pressure Russia',
      'to end this war.',
    ]);
    expect(quoteParts('Well… we [...] will see […]')).toEqual(['Well... we', 'will see']);
    expect(quoteParts('No elision here')).toEqual(['No elision here']);
  });

  it("a report's translation is found in that report; an elided translation too", async () => {
    const dir = sourcesDir();
    const ok = writeTemp(
      'x.yaml',
      noVariants(
        quote(
          '対話を再開した", lang: ja, translation: "We have restarted … dialogue", translation_by: source, translation_source: "t2',
        ).replace('sources: [t1] }\n\nclaims', 'sources: [t2] }\n\nclaims'),
      ),
    );
    const r = await runCli(['--check', '--data', ok, '--sources', dir]);
    expect(r.stderr).toBe('');
    const err = await expectProblem(
      noVariants(
        quote(
          '対話を再開した", lang: ja, translation: "We restarted the talks", translation_by: source, translation_source: "t2',
        ).replace('sources: [t1] }\n\nclaims', 'sources: [t2] }\n\nclaims'),
      ),
      '"We restarted the talks',
      'quotes[0].translation',
      /^translation not found in its translation_source t2 \(tri-2\.txt\)$/,
      ['--sources', dir],
    );
    expect(err).toContain('hint: the source has nothing like its opening words');
  });
});

describe('6. names', () => {
  const person = (name: string, extra: Partial<Person> = {}): Person => ({
    id: 'x',
    name,
    role: 'Minister',
    actor: 'a',
    sources: ['s'],
    ...extra,
  });

  it('sort keys and short references by default: Arabic bin and Al, particles, names written family first, and what the dataset says', () => {
    expect(nameKeys(person('Faisal bin Farhan Al Saud'))).toEqual({
      sort: 'Faisal bin Farhan Al Saud',
      later: 'Faisal bin Farhan',
    });
    expect(nameKeys(person('Faisal bin Farhan Al Saud', { short_reference: 'Prince Faisal' }))).toEqual({
      sort: 'Faisal bin Farhan Al Saud',
      later: 'Prince Faisal',
    });
    expect(nameKeys(person('Juan Ramón de la Fuente'))).toEqual({ sort: 'Fuente', later: 'de la Fuente' });
    expect(nameKeys(person('Ursula von der Leyen'))).toEqual({ sort: 'Leyen', later: 'von der Leyen' });
    expect(nameKeys(person('Ruben van der Linden'))).toEqual({ sort: 'Linden', later: 'van der Linden' });
    expect(nameKeys(person('Adel al-Jubeir'))).toEqual({ sort: 'Jubeir', later: 'al-Jubeir' });
    expect(nameKeys(person('Ahmed Al Harbi'))).toEqual({ sort: 'Harbi', later: 'Al Harbi' });
    expect(nameKeys(person('Johann Wadephul'))).toEqual({ sort: 'Wadephul', later: 'Wadephul' });
    expect(nameKeys(person('Anna La Rosa'))).toEqual({ sort: 'Rosa', later: 'Rosa' });
    expect(nameKeys(person('Iwaya Takeshi', { name_order: 'family_first' }))).toEqual({
      sort: 'Iwaya',
      later: 'Iwaya',
    });
    // What the dataset writes wins: a family name as written (Belgian "de Vos" under D), sort_as over all.
    expect(nameKeys(person('Pieter de Vos', { family_name: 'de Vos' }))).toEqual({ sort: 'de Vos', later: 'de Vos' });
    expect(nameKeys(person('Juan Ramón de la Fuente', { sort_as: 'De la Fuente' })).sort).toBe('De la Fuente');
  });

  const people = [
    'people:\n',
    `people:
  - id: faisal
    name: Faisal bin Farhan Al Saud
    short_reference: Prince Faisal
    native_name: فيصل بن فرحان آل سعود
    native_lang: ar
    native_name_sources: [t2]
    role: Minister of Foreign Affairs
    actor: japan
    variants: [{ spelling: فيصل بن فرحان, kind: native_script, sources: [t2] }]
    sources: [t1, t2]
  - { id: fuente, name: Juan Ramón de la Fuente, role: Secretary of Foreign Affairs, actor: japan, sources: [t1] }
  - { id: leyen, name: Ursula von der Leyen, role: President of the European Commission, actor: japan, sources: [t1] }
`,
  ] as [string, string];

  it('the FAQ lists people by those keys, with the short reference and the name in its own script tagged', async () => {
    const docs = await buildMarkdown(trilateralWith(people));
    const who = docs.faq.slice(docs.faq.indexOf('## Who is who?'));
    const names = [...who.slice(0, who.indexOf('\n## ')).matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]);
    expect(names).toEqual([
      'Cho Tae-yul',
      'Faisal bin Farhan Al Saud',
      'Juan Ramón de la Fuente',
      'Iwaya Takeshi',
      'Ursula von der Leyen',
      'Wang Yi',
    ]);
    const faisal = docs.faq.split('\n').find((l) => l.startsWith('- **Faisal'))!;
    expect(faisal).toContain(
      '- **Faisal bin Farhan Al Saud** (<span lang="ar" dir="rtl">فيصل بن فرحان آل سعود</span>), “Prince Faisal”: Minister of Foreign Affairs',
    );
    expect(faisal).toContain('One report writes it “<span lang="ar" dir="rtl">فيصل بن فرحان</span>”.');
  });

  it('{{mention}}: the full name first, the short reference after, in each document afresh', async () => {
    const dir = tempDir('brief-reports-templates-');
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'names.md.hbs'),
      '---\ntitle: Names\nkind: Test\norientation: portrait\n---\n# Names\n\n{{#each people}}\n- {{mention this}}; then {{mention this}}.\n{{/each}}\n',
    );
    const data = writeTemp('x.yaml', trilateralWith(people));
    const out = join(dir, 'out');
    for (let i = 0; i < 2; i++) {
      const r = await runCli([
        '--data',
        data,
        '--templates',
        dir,
        '--only',
        'names',
        '--format',
        'md',
        '--out',
        out,
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const md = readFileSync(join(out, 'x', 'names.md'), 'utf8');
      expect(md).toContain('- Faisal bin Farhan Al Saud; then Prince Faisal.');
      expect(md).toContain('- Juan Ramón de la Fuente; then de la Fuente.');
      expect(md).toContain('- Iwaya Takeshi; then Iwaya.');
    }
  });

  it('bad input: native_name_sources without a native name or with an unknown source, a Latin native_script, a misspelt kind, a native name not in its source', async () => {
    const faisal = (from: string, to: string) => trilateralWith(people, [from, to]);
    let err = await expectProblem(
      faisal('    native_name: فيصل بن فرحان آل سعود\n', ''),
      'native_name_sources',
      'people[0].native_name_sources',
      /^native_name_sources names the sources that print native_name, but Faisal bin Farhan Al Saud has no native_name$/,
    );
    err = await expectProblem(
      faisal('native_name_sources: [t2]', 'native_name_sources: [t5]'),
      't5]',
      'people[0].native_name_sources[0]',
      /^unknown source id "t5"/,
    );
    expect(err).toContain('did you mean');
    await expectProblem(
      faisal('spelling: فيصل بن فرحان, kind', 'spelling: Faisal bin Farhan, kind'),
      'Faisal bin Farhan, kind',
      'people[0].variants[0].spelling',
      /^"Faisal bin Farhan" is written in Latin letters, but its kind is native_script$/,
    );
    err = await expectProblem(
      faisal('kind: native_script', 'kind: native_scrip'),
      'native_scrip',
      'people[0].variants[0].kind',
      /is not one of the allowed values/,
    );
    expect(err).toContain('hint: did you mean "native_script"?');
    const typo = await expectProblem(
      faisal('    short_reference: Prince Faisal\n', '    short_referense: Prince Faisal\n'),
      'short_referense',
      'people[0].short_referense',
      /^unknown property "short_referense"$/,
    );
    expect(typo).toContain('hint: did you mean "short_reference"?');
    const sources = tempDir('brief-reports-sources-');
    writeTemp('tri-1.txt', 'Takeshi Iwaya. Cho Tae-yeol. Faisal bin Farhan.', sources);
    writeTemp('tri-2.txt', 'Takeshi Iwaya. فيصل بن فرحان', sources);
    writeTemp('tri-3.txt', 'Takeshi Iwaya.', sources);
    await expectProblem(
      trilateralWith(people),
      't2]\n    role: Minister of Foreign Affairs',
      'people[0].native_name_sources[0]',
      /^native name "فيصل بن فرحان آل سعود" does not occur in source t2$/,
      ['--sources', sources],
    );
  });
});

describe('the G7 fixture from real reports, in every format', () => {
  const G7 = join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');
  const SOURCES = join(ROOT, 'test', 'fixtures', 'reports', 'sources');
  let dir = '';
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const text: Record<string, Record<'md' | 'pdf' | 'docx', string>> = {};

  beforeAll(async () => {
    const r = await built(['--data', G7, '--sources', SOURCES, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    dir = join(r.out, 'g7-foreign-ministers-niagara-2025-11-11');
    for (const d of ['memo', 'faq', 'matrix']) {
      text[d] = {
        md: flat(
          readFileSync(join(dir, `${d}.md`), 'utf8')
            .replace(/\[\^\d+\]/g, '')
            .replace(/<\/?span[^>]*>/g, '')
            .replace(/\*\*|\\/g, ''),
        ),
        pdf: flat(
          execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(dir, `${d}.pdf`), '-'], { encoding: 'utf8' }).replace(
            /(?<=[.”)])\d+(,\d+)*/g,
            '',
          ),
        ),
        // The body, then the footnotes (where the DOCX keeps the sources).
        docx: flat(
          ['word/document.xml', 'word/footnotes.xml']
            .map((f) => strFromU8(unzipSync(readFileSync(join(dir, `${d}.docx`)))[f] ?? new Uint8Array()))
            .join(' ')
            .replace(/<w:footnoteReference[^>]*>/g, '')
            .replace(/<[^>]+>/g, '')
            .replace(/&apos;/g, "'")
            .replace(/&quot;/g, '"')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&'),
        ),
      };
    }
  }, 120_000);

  const each = (doc: string, expected: string) => {
    for (const f of ['md', 'pdf', 'docx'] as const) expect(text[doc]![f], `${doc}.${f}`).toContain(expected);
  };

  it("verifies every quotation, each part of the elided ones and the report's translation, against the excerpts", async () => {
    const r = await runCli(['--check', '--data', G7, '--sources', SOURCES]);
    expect(r.stdout).toMatch(/; 8 quote citations verified against the source texts$/);
  });

  it('1: the two days in the memo, the FAQ and the matrix title', () => {
    each('memo', 'met in Niagara-on-the-Lake on 11–12 November 2025.');
    each('matrix', "G7 Foreign Ministers' Meeting in the Niagara region, 11–12 November 2025");
    each('faq', 'It ran over two days, 11–12 November 2025, opening at 20:52 (Eastern Standard Time)');
  });

  it('2: the sessions in time order, the timed dinner first', () => {
    each('faq', 'Opening working dinner on global peace and security, 11 November at 20:52 (Eastern Standard Time).');
    const faq = text.faq!.md;
    expect(faq.indexOf('Opening working dinner')).toBeLessThan(faq.indexOf('Working session on Ukraine, 12 November.'));
    each(
      'memo',
      'The programme: Opening working dinner on global peace and security, 11 November at 20:52 (Eastern Standard Time); Working session on Ukraine, 12 November; Discussion on the future of Gaza, 12 November.',
    );
  });

  it('3: late this month and undated events; curator-dated sources print their dates', () => {
    each('memo', "Cairo conference on Gaza's early recovery and reconstruction, late November 2025, Cairo.");
    each('memo', 'Mexico–United States high-level follow-up group, date not reported, Mexico City.');
    each('memo', 'Reuters, Daphne Psaledakis and Maria Cheng, 12 November 2025.');
    each('memo', 'Anadolu Agency, 17 October 2025.');
    for (const d of ['memo', 'faq', 'matrix']) expect(text[d]!.md).not.toContain('undated');
  });

  it("4: the originals with their glosses in two languages, a ministry's statement and the joint statement", () => {
    each(
      'matrix',
      '“Die G7 bleiben ein Kraftzentrum internationaler Kooperation und des gemeinsamen Einsatzes für Frieden und Stabilität” (Johann Wadephul; translated by Federal Foreign Office: “The G7 remains a powerhouse of international cooperation and shared efforts for peace and stability”)',
    );
    each(
      'matrix',
      '(Antonio Tajani; our translation: “We are ready to send a new package of support … and we will invest several tens of millions”)',
    );
    each(
      'matrix',
      '(Mexico; our translation: “The above, to guarantee the sovereignty of States while fostering international cooperation”)',
    );
    each('faq', 'G7 joint statement: “We reiterated that an immediate ceasefire is urgently needed.”');
    // The originals are tagged with their languages for Word (and the PDF's structure tree).
    const xml = strFromU8(unzipSync(readFileSync(join(dir, 'matrix.docx')))['word/document.xml']!);
    for (const lang of ['de', 'it', 'es']) expect(xml).toMatch(new RegExp(`<w:lang w:val="${lang}"`));
  });

  it('5: the elided quotations print as written', () => {
    each('faq', '“We reaffirmed our unwavering support for Ukraine … and its freedom, sovereignty, and independence.”');
    each('matrix', '“Siamo pronti a inviare un nuovo pacchetto di sostegno … e investiremo diverse decine di milioni”');
  });

  it("6: Arabic and Spanish names sorted and referred to as their owners' governments do", () => {
    const md = readFileSync(join(dir, 'faq.md'), 'utf8');
    const who = md.slice(md.indexOf('## Who is who?'));
    const names = [...who.slice(0, who.indexOf('\n## ')).matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]);
    expect(names).toEqual([
      'Anita Anand',
      'Jean-Noël Barrot',
      'Faisal bin Farhan Al Saud',
      'Juan Ramón de la Fuente',
      'Kaja Kallas',
      'Marco Rubio',
      'Andrii Sybiha',
      'Antonio Tajani',
      'Johann Wadephul',
    ]);
    // pdftotext gives Arabic in visual order; the PDF's own text is checked by test/scripts.test.ts' means, here the Latin around it.
    // (the DOCX holds the Arabic name between two right-to-left marks, which keep it together in a left-to-right line)
    for (const f of ['md', 'docx'] as const)
      expect(text.faq![f].replace(/\u200f(?=[\u0600-\u06ff])|(?<=[\u0600-\u06ff])\u200f/g, '')).toContain(
        'Faisal bin Farhan Al Saud (فيصل بن فرحان آل سعود), “Prince Faisal”: Minister of Foreign Affairs, Saudi Arabia',
      );
    expect(text.faq!.docx).toContain('(\u200fفيصل بن فرحان آل سعود\u200f)');
    expect(text.faq!.pdf).toMatch(
      /Faisal bin Farhan Al Saud \(\u202b?\)?فيصل بن فرحان آل سعود\u202c?\)?, “Prince Faisal”: Minister of Foreign Affairs, Saudi Arabia/,
    );
  });
});
