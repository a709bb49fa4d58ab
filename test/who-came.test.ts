// What real reports say, part three (issue 37): who came and how (delegations
// by level, a leader by video), time as the reader stands in it. The errors
// are tested on the Tokyo trilateral fixture with one thing changed; the
// BRICS fixture (test/fixtures/reports/) is built once in every format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels, labelsFor } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { loadTheme, type Theme } from '../src/shared/theme.js';
import { buildView } from '../src/view/view.js';
import { ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';
// The run's shared build cache (test/support/build-cache.ts): each fixture built once for all test files that read it.
import { built } from './support/build-cache.js';
import { buildMarkdown, expectProblem, TRILATERAL, trilateralWith } from './support/reports.js';

const BRICS = join(ROOT, 'test', 'fixtures', 'reports', 'brics-johannesburg-2023-08-22.yaml');
const SOURCES = join(ROOT, 'test', 'fixtures', 'reports', 'sources');

const JAPAN = 'kind: state, iso: JP, role: host }';
const CHINA = 'kind: state, iso: CN, role: participant }';
const withDelegation = (actor: string, delegation: string) => actor.replace(' }', `, delegation: ${delegation} }`);

describe('1. delegations: who came and how', () => {
  let theme: Theme;
  beforeAll(async () => {
    theme = await loadTheme(join(DEFAULT_TEMPLATES, 'theme.yaml'));
  });
  const view = (text: string) => buildView(parseYamlText(text) as Dataset, theme, englishLabels());

  it('a delegation by video without a named leader is the actor\'s short name as a sentence reads it: "the ROK"', () => {
    const v = view(
      trilateralWith([
        'short_name: South Korea, name_in_sentence: South Korea, kind: state, iso: KR, role: participant',
        'short_name: ROK, kind: state, iso: KR, role: participant, delegation: { level: minister, remote: true }',
      ]),
    );
    expect(v.meeting.delegations!.text).toMatch(/one took part by video: the ROK\.$/);
  });

  it("counts delegations by level, heads of state and of government together, an actor without one at the meeting's level", () => {
    const v = view(
      trilateralWith(
        [JAPAN, withDelegation(JAPAN, '{ level: head_of_government, led_by: iwaya }')],
        [CHINA, withDelegation(CHINA, '{ level: head_of_state, led_by: wang, remote: true }')],
      ),
    );
    // Japan and China count together; South Korea has no delegation, so the meeting's level (foreign ministers) places it.
    expect(v.meeting.delegations!.levels.map((l) => [l.group, l.count])).toEqual([
      ['head of state or government', 2],
      ['minister', 1],
    ]);
    expect(v.meeting.delegations!.remote.map((a) => a.id)).toEqual(['china']);
    expect(v.meeting.delegations!.text).toBe(
      "By level, the three delegations were two at head of state or government level and one at minister level; one took part by video: China's Minister of Foreign Affairs, Wang Yi.",
    );
    const china = v.actors.find((a) => a.id === 'china')!;
    expect(china.delegation).toMatchObject({
      level: 'head_of_state',
      level_word: 'head of state',
      leader_name: 'Wang Yi',
      leader_title: 'Minister of Foreign Affairs Wang Yi',
      remote: true,
    });
    expect(v.actors.find((a) => a.id === 'korea')!.delegation).toBeNull();
  });

  it("the FAQ's participants table gives each delegation's level, who led it and whether by video; an actor without one reads as before", async () => {
    const { faq } = await buildMarkdown(
      trilateralWith(
        [JAPAN, withDelegation(JAPAN, '{ level: head_of_government, led_by: iwaya }')],
        [CHINA, withDelegation(CHINA, '{ level: head_of_state, led_by: wang }')],
        ['    actor: china\n    attended: true', '    actor: china\n    attended: remote'],
      ),
    );
    const rows = faq
      .split('\n')
      .filter((l) => /^\| (China|Japan|South Korea) \|/.test(l))
      .map((l) => l.split(' | ')[2]!.replace(/ \|$/, ''));
    expect(rows).toEqual([
      'Participant (head of state, led by Minister of Foreign Affairs Wang Yi, by video)',
      'Host (head of government, led by Minister for Foreign Affairs Iwaya Takeshi)',
      'Participant. Officially the Republic of Korea; the reports call it South Korea.',
    ]);
    // "Who is who?" says a leader took part by video, as it says "at the meeting" of one there in person.
    expect(faq).toMatch(/^- \*\*Wang Yi\*\*[^\n]*: Minister of Foreign Affairs, China; at the meeting by video\./m);
  });

  it('a leader whose attended is remote makes the delegation remote; a dataset without delegations has none (and its documents read as before)', () => {
    const v = view(
      trilateralWith(
        [CHINA, withDelegation(CHINA, '{ level: minister, led_by: wang }')],
        ['    actor: china\n    attended: true', '    actor: china\n    attended: remote'],
      ),
    );
    expect(v.actors.find((a) => a.id === 'china')!.delegation!.remote).toBe(true);
    expect(v.people.find((p) => p.id === 'wang')).toMatchObject({ attended: false, remote: true });
    expect(view(readFileSync(TRILATERAL, 'utf8')).meeting.delegations).toBeNull();
  });

  it("a dataset's own levels, and Brief's in French", () => {
    const text = trilateralWith(
      ['vocabulary:\n  topics:', 'vocabulary:\n  levels:\n    deputy_minister: { word: deputy minister }\n  topics:'],
      [CHINA, withDelegation(CHINA, '{ level: deputy_minister }')],
    );
    const data = parseYamlText(text) as Dataset;
    expect(buildView(data, theme, englishLabels()).meeting.delegations!.text).toBe(
      'By level, the three delegations were two at minister level and one at deputy minister level.',
    );
    expect(buildView(data, theme, labelsFor(DEFAULT_TEMPLATES, 'fr')).meeting.delegations!.text).toBe(
      'Par niveau, les trois délégations étaient : deux au niveau ministre et une au niveau deputy minister.',
    );
  });

  it('bad input: an unknown level, with a did-you-mean', async () => {
    const text = trilateralWith([CHINA, withDelegation(CHINA, '{ level: head_of_stat }')]);
    const at = where(text, 'head_of_stat }');
    await expectProblem(
      text,
      at,
      'actors[1].delegation.level',
      /^unknown delegation level "head_of_stat": the vocabulary has head_of_state, head_of_government, minister, official$/,
      [],
      /did you mean "head_of_state"\?/,
    );
  });

  it('bad input: led_by a person of another actor, or no person at all', async () => {
    let text = trilateralWith([CHINA, withDelegation(CHINA, '{ level: minister, led_by: cho }')]);
    await expectProblem(
      text,
      where(text, 'cho }'),
      'actors[1].delegation.led_by',
      /^Cho Tae-yul \("cho"\) speaks for "korea", not for "china": a delegation is led by one of its own$/,
      [],
      /did you mean "wang"\?/,
    );
    text = trilateralWith([CHINA, withDelegation(CHINA, '{ level: minister, led_by: wangg }')]);
    await expectProblem(
      text,
      where(text, 'wangg }'),
      'actors[1].delegation.led_by',
      /^unknown person id "wangg"/,
      [],
      /did you mean "wang"\?/,
    );
  });

  it('bad input: remote on a delegation whose leader is recorded there in person; attended misspelt', async () => {
    let text = trilateralWith([CHINA, withDelegation(CHINA, '{ level: head_of_state, led_by: wang, remote: true }')]);
    await expectProblem(
      text,
      where(text, 'true }'),
      'actors[1].delegation.remote',
      /^the delegation took part by video, but its leader Wang Yi is recorded at the meeting in person$/,
      [],
      /write attended: remote for "wang" \(line \d+\), or drop remote: true/,
    );
    text = trilateralWith(['    actor: china\n    attended: true', '    actor: china\n    attended: remot']);
    await expectProblem(
      text,
      where(text, 'remot\n'),
      'people[1].attended',
      /^"remot" is not one of the allowed values: true, false, "remote"$/,
      [],
      /did you mean "remote"\?/,
    );
  });

  it("bad input: a level of the dataset's own needs schema_version 2 and a vocabulary", async () => {
    const text = trilateralWith([CHINA, withDelegation(CHINA, '{ level: deputy_minister }')]);
    await expectProblem(
      text,
      where(text, 'deputy_minister }'),
      'actors[1].delegation.level',
      /^unknown delegation level "deputy_minister"/,
      [],
      /declare it under vocabulary.levels/,
    );
  });
});

describe('2. time as the reader stands in it', () => {
  it("the last day a date could fall on, for every form an event's date takes", async () => {
    const { lastDay } = await import('../src/data/dates.js');
    const cases: [string, string | undefined][] = [
      ['2025-04-10', '2025-04-10'],
      ['2025-04-late', '2025-04-30'],
      ['2025-02', '2025-02-28'],
      ['2025-Q3', '2025-09-30'],
      ['2025-autumn', '2025-11-30'],
      ['2025-winter', '2026-02-28'],
      ['2025-mid', '2025-08-31'],
      ['2025', '2025-12-31'],
      ['2025-09/2025-11', '2025-11-30'],
      ['later_this_year', '2025-12-31'],
      ['next_year', '2026-12-31'],
      ['coming_weeks', undefined],
      ['undated', undefined],
    ];
    for (const [when, last] of cases) expect(lastDay(when, '2025-03-22'), when).toBe(last);
  });

  it("an event after the meeting that passed before the brief's date: told since the meeting (its outcome), gone from next events; pending stays", async () => {
    const { memo, faq } = await buildMarkdown(
      trilateralWith(
        ['    when: 2025-autumn\n', '    when: 2025-03-23\n    outcome: A year of cultural exchanges opened.\n'],
        ['    when: coming_weeks\n', '    when: 2025-03-23\n    pending: true\n'],
      ),
    );
    const since = memo.slice(memo.indexOf('## Since the meeting'), memo.indexOf('## Outlook and next events'));
    expect(since).toContain(
      '- **Joint press conference, 22 March 2025 at 18:30 (Japan Standard Time), the Iikura Guest House, Tokyo.** The three ministers spoke to the press after the talks.',
    );
    expect(since).toContain('- **Trilateral cultural year, 23 March 2025.** A year of cultural exchanges opened.');
    const next = memo.slice(memo.indexOf('## Outlook and next events'));
    expect(next).not.toContain('Trilateral cultural year');
    expect(next).toContain('It was due by then; the reports do not yet say it took place.');
    expect(faq).toContain('## What has happened since?');
    // The FAQ tells the pending event as the memo does, not as one still to come.
    const faqNext = faq.slice(faq.indexOf('## What happens next?'));
    expect(faqNext).toMatch(/23 March 2025\.[^\n]*It was due by then; the reports do not yet say it took place\./);
  });

  it("--check: a warning at the event's date, naming it and the brief's date, exit 0; the build writes and warns the same", async () => {
    const text = trilateralWith(['    when: 2025-autumn\n', '    when: 2025-03-23\n']);
    const file = writeTemp('trilateral-tokyo-2025-03-22.yaml', text, tempDir('brief-who-came-'));
    const r = await runCli(['--check', '--data', file]);
    expect(r.code, r.stderr).toBe(0);
    const at = where(text, '    when: 2025-03-23\n', 10);
    expect(r.stderr).toContain(
      `${file}:${at.line}:${at.col}: warning: events[2].when: event "ev-culture" was due by 2025-03-23, which passed before the brief's date (2025-03-23)`,
    );
    expect(r.stderr).toMatch(/hint: record what happened \(outcome: \.\.\.\) or mark it pending \(pending: true\)/);
    const b = await runCli(['--data', file, '--out', tempDir('brief-who-came-'), '--format', 'md']);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('warning: events[2].when: event "ev-culture" was due by 2025-03-23');
  });
});

describe('6. discrepancies: every variant with its sources, worded for its kind', () => {
  const attribution = `  - id: d-quote
    topic: Who said the summit was off
    kind: attribution
    variants:
      - { value: A wire report attributed it to Iwaya, sources: [t1, t3] }
      - { value: Iwaya called the report false, sources: [t2] }
    resolution: The brief does not attribute it.
    status: unresolved
  - id: d-framing
    topic: How the talks went
    kind: wording
    variants:
      - { value: a reset, sources: [t1] }
      - { value: a cautious first step, sources: [t2] }
      - { value: a meeting without a joint line, sources: [t3] }
    resolution: The brief keeps all three.
    status: resolved
`;

  it('a disputed attribution reads as the reports tell it, under "disputed"; framings as "describe it as …; as …"; a resolved one prints its variants too; never "Against that"', async () => {
    const { memo, faq } = await buildMarkdown(trilateralWith(['discrepancies:\n', `discrepancies:\n${attribution}`]));
    expect(memo).toContain(
      '- **Who said the summit was off: disputed.** A wire report attributed it to Iwaya (two reports);[^1][^3] Iwaya called the report false (one report).[^2] The brief does not attribute it.',
    );
    expect(faq).toContain(
      '- **How the talks went.** Reports describe it as a reset (one report);[^1] as a cautious first step (one report);[^2] as a meeting without a joint line (one report).[^3] The brief keeps all three.',
    );
    expect(faq).toContain(
      '- **How long the talks lasted.** Figures differ: About two hours (one report);[^1] Ninety minutes (one report).[^2] The brief gives the longer figure',
    );
    expect(memo + faq).not.toContain('Against that');
  });
});

describe('the BRICS fixture from real reports, in every format', () => {
  let dir = '';
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const text: Record<string, Record<'md' | 'pdf' | 'docx', string>> = {};

  beforeAll(async () => {
    const r = await built(['--data', BRICS, '--sources', SOURCES, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    dir = join(r.out, 'brics-johannesburg-2023-08-22');
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
            /(?<=[.”);])[\d,–]+/g,
            '',
          ),
        ),
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
            .replace(/&amp;/g, '&')
            .replace(/(?<=[.”);])[\d,–\u2060]+/g, ''),
        ),
      };
    }
  }, 180_000);

  const each = (doc: string, expected: string) => {
    for (const f of ['md', 'pdf', 'docx'] as const) expect(text[doc]![f], `${doc}.${f}`).toContain(expected);
  };

  it("verifies its quotations, one in Arabic with the report's translation, against the excerpts", async () => {
    const r = await runCli(['--check', '--data', BRICS, '--sources', SOURCES]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/25 actors|26 actors/);
    expect(r.stdout).toMatch(/; 6 quote citations verified against the source texts$/);
  });

  it('1: the memo and the FAQ count the 25 delegations by level and name the president who took part by video', () => {
    const sentence =
      "By level, the 25 delegations were 20 at head of state or government level, two at vice-president or envoy level, two at organisation head level and one at minister level; one took part by video: Russia's President, Vladimir Putin.";
    each(
      'memo',
      'Delegations from at least 25 states and organisations met at the Sandton Convention Centre in Johannesburg',
    );
    each('memo', sentence);
    each('faq', sentence);
  });

  it('2: six weeks after, what happened since the meeting is told in the past and the next events are what is still to come, then what is pending', () => {
    each('memo', 'Since the meeting');
    each(
      'memo',
      "Egypt's cabinet sets up a BRICS unit, 30 August 2023, Cairo. The cabinet agreed to set up a unit of the relevant ministers and officials for cooperation with BRICS.",
    );
    const pending =
      "G20 summit: September 2023, New Delhi. Argentina's president was to meet BRICS leaders there. It was due by then; the reports do not yet say it took place.";
    for (const f of ['md', 'pdf', 'docx'] as const) {
      const next = text.memo![f].slice(
        text.memo![f].indexOf('Outlook and next events'),
        text.memo![f].indexOf('Sources', text.memo![f].indexOf('Outlook and next events')),
      );
      expect(next, f).not.toContain("Egypt's cabinet sets up");
      // The memo is fitted to its two pages (issue 28): the one next event it keeps is one still to come, not the
      // G20 summit that was due in September and is pending; it says where the others are. The FAQ has them all.
      expect(next, f).toContain(
        'The six new members join, 1 January 2024. Membership of the six invited states takes effect.',
      );
      expect(next, f).not.toContain('G20 summit');
      expect(next, f).toContain('The FAQ lists two more events.');
      const faqNext = text.faq![f].slice(text.faq![f].indexOf('What happens next?'));
      expect(faqNext, f).toContain('The six new members join: 1 January 2024.');
      expect(faqNext.slice(0, faqNext.indexOf('The six new members join')), f).not.toContain("Egypt's cabinet sets up");
      // Still to come in date order, then the pending one, told as such ("16th" loses its digits with the note marks stripped here).
      const kazan = faqNext.indexOf('th BRICS Summit: October 2024, Kazan.');
      expect(kazan, f).toBeGreaterThan(faqNext.indexOf('The six new members join'));
      expect(faqNext.indexOf(pending), f).toBeGreaterThan(kazan);
    }
  });

  it('6: the count and the framings of who led Russia, each variant with its reports, though both are resolved', () => {
    each(
      'faq',
      'How many states and organisations came. Figures differ: 34 countries had confirmed, of 67 leaders invited (one report); more than 30 heads of state and government from Africa expected (one report);',
    );
    each(
      'faq',
      "Who led Russia's delegation. Reports describe it as Lavrov standing in for Putin (two reports); as a delegation led by Lavrov with Putin online (one report); as Putin taking part in full by video (two reports). The brief records",
    );
  });

  // The FAQ cites every source of a statement (the memo, fitted to its two pages, cites two of them: test/fit.test.ts).
  it("5: eighteen sources on one sentence are marked as ranges in the FAQ's PDF, each range's ends linked and every note's way back landing in the text", () => {
    const pdf = flat(
      execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(dir, 'faq.pdf'), '-'], { encoding: 'utf8' }),
    );
    expect(pdf).toContain('from 1 January 2024.1–11 ');
    expect(pdf).toContain('represented Russia in person.7,12–28');
    // Six marks with no three numbers in a row stay as they are; three in a row become a range.
    expect(pdf).toContain('the report carrying it appeared.8,11,37,41,43,44 ');
    // Every note's number is the target of a link from the text, and every back-link from a note lands on a named destination.
    const raw = execFileSync(tool('qpdf'), ['--qdf', '--object-streams=disable', join(dir, 'faq.pdf'), '-']).toString(
      'latin1',
    );
    const notes = Number(/from (\d+) sources/.exec(pdf)![1]);
    // A range's ends link to their notes, its dash to the note after the first; the notes between follow it in the list.
    for (const n of [1, 2, 11, 12, 13, 28]) expect(raw, `link to note ${n}`).toContain(`/Contents (Note ${n})`);
    for (let n = 1; n <= notes; n++) {
      expect(raw, `anchor ref-${n}`).toContain(`(ref-${n})`);
    }
  });

  it("5: in the FAQ's DOCX, runs of marks as ranges too, each number a link to a note of the list after the text, every note reachable", () => {
    const xml = strFromU8(unzipSync(readFileSync(join(dir, 'faq.docx')))['word/document.xml']!);
    // docx_notes: list (the default): every link from the text lands on a note's bookmark, and every note has one.
    const anchors = new Set([...xml.matchAll(/<w:hyperlink [^>]*w:anchor="_Note(\d+)"/g)].map((m) => Number(m[1])));
    const marks = new Set([...xml.matchAll(/<w:bookmarkStart w:name="_Note(\d+)"/g)].map((m) => Number(m[1])));
    const notes = Number(/from (\d+) sources/.exec(text.faq!.docx)![1]);
    expect([...marks].sort((a, b) => a - b)).toEqual(Array.from({ length: notes }, (_, i) => i + 1));
    for (const n of anchors) expect(marks.has(n), `note ${n}`).toBe(true);
    // A word joiner after a range's dash: LibreOffice broke lines at "7–" / "10"; no dash is left without one.
    expect(xml).toMatch(/<w:t[^>]*>–\u2060<\/w:t>/);
    expect(xml).not.toMatch(/<w:t[^>]*>–<\/w:t>/);
  });

  it('builds without a warning: every passed event has its outcome or is pending', async () => {
    const r = await runCli(['--check', '--data', BRICS]);
    expect(r.stderr).toBe('');
  });
});
