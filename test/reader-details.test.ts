// What real reports say, part three (issue 37, item 7's smaller points): a
// time zone as the reader's language names it, running heads cut at a word,
// a date typed from another calendar, an event not followed by the claim it
// cites, and "Positions in brief" saying where a cut list is given in full.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { englishLabels, labelsFor } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { timeText, whenOf } from '../src/view/dates.js';
import { cutAtWord } from '../src/writers/text/measure.js';
import { ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';
import { buildMarkdown, expectProblem, trilateralWith } from './support/reports.js';

const en = englishLabels();
const fr = labelsFor(DEFAULT_TEMPLATES, 'fr-FR');
const DATE = '  date: 2025-03-22\n';

describe('time zones as the reader names them', () => {
  it("CLDR's name in the document's language, summer or standard time as the day has it", () => {
    expect(timeText('09:30', 'Europe/Brussels', en, '2025-04-11')).toBe('09:30 (Central European Summer Time)');
    expect(timeText('09:30', 'Europe/Brussels', en, '2025-01-11')).toBe('09:30 (Central European Standard Time)');
    expect(timeText('20:30', 'America/Sao_Paulo', en, '2025-11-11')).toBe('20:30 (Brasilia Standard Time)');
    expect(timeText('20:30', 'America/Sao_Paulo', fr, '2025-11-11')).toBe('20:30 (heure normale de Brasilia)');
    expect(timeText('10:00', 'Africa/Johannesburg', en, '2023-08-22')).toBe('10:00 (South Africa Standard Time)');
    // The change of offset is taken at the wall-clock time: 01:30 is before New York's clocks went forward on 9 March 2025, 03:30 after.
    expect(timeText('01:30', 'America/New_York', en, '2025-03-09')).toBe('01:30 (Eastern Standard Time)');
    expect(timeText('03:30', 'America/New_York', en, '2025-03-09')).toBe('03:30 (Eastern Daylight Time)');
  });

  it("a zone CLDR names only by its offset prints its city; a name given replaces CLDR's; no zone, the time alone", () => {
    expect(timeText('09:00', 'Asia/Amman', en, '2025-04-11')).toBe('09:00 (Amman time)');
    expect(timeText('09:00', 'America/Sao_Paulo', en, '2025-04-11', 'Brasília time')).toBe('09:00 (Brasília time)');
    expect(timeText('09:00', undefined, en, '2025-04-11', 'Brasília time')).toBe('09:00');
    expect(whenOf('2025-04-11', '2025-04-10', fr, '09:30', 'Europe/Paris').text).toBe(
      '11 avril 2025 à 09:30 (heure d’été d’Europe centrale)',
    );
  });

  it("meeting.time_zone_name prints for the meeting's time and every event in its zone", async () => {
    const docs = await buildMarkdown(
      trilateralWith(
        [DATE, `${DATE}  time: "17:00"\n  time_zone: Asia/Tokyo\n  time_zone_name: Tokyo time (JST)\n`],
        [
          'events:\n',
          'events:\n  - { id: ev-open, name: Opening session, when: 2025-03-22, time: "17:00", relation: during, summary: The host opened the talks., sources: [t1] }\n',
        ],
      ),
    );
    expect(docs.memo).toContain('Joint press conference, 22 March 2025 at 18:30 (Tokyo time (JST))');
    expect(docs.faq).toContain('opening at 17:00 (Tokyo time (JST))');
    expect(docs.memo).toContain('The programme: Opening session, 22 March at 17:00 (Tokyo time (JST)).');
    expect(docs.faq).not.toContain('Japan Standard Time');
  });

  it("without it, CLDR's name in the brief's language", async () => {
    const docs = await buildMarkdown(
      trilateralWith(['  language: en-GB\n', '  language: fr-FR\n'], [DATE, `${DATE}  time_zone: Asia/Tokyo\n`]),
    );
    expect(docs.memo).toContain('22 mars 2025 à 18:30 (heure normale du Japon)');
  });

  it('time_zone_name without a time_zone is an error at the key', async () => {
    const text = trilateralWith([DATE, `${DATE}  time_zone_name: Tokyo time\n`]);
    await expectProblem(
      text,
      'time_zone_name',
      'meeting.time_zone_name',
      /^time_zone_name names the meeting's time zone, but the meeting has no time_zone$/,
      [],
      /hint: add time_zone/,
    );
  });
});

describe('running heads', () => {
  const LONG =
    "Japan–China–South Korea foreign ministers in Tokyo: denuclearisation, exchanges, a leaders' summit and the cultural year ahead";
  const TITLE = '  title: "Japan–China–South Korea foreign ministers in Tokyo (fictional)"\n';
  const build = (extra: string) => {
    const dir = tempDir('brief-heads-');
    const file = writeTemp('x.yaml', trilateralWith([TITLE, `  title: "${LONG}"\n${extra}`]), dir);
    return { dir, file, out: join(dir, 'out') };
  };
  /** The running head: the header band's line that starts as the document's title does. */
  const pdfHead = (pdf: string) =>
    execFileSync(tool('pdftotext'), ['-l', '1', pdf, '-'], { encoding: 'utf8' })
      .split('\n')
      .slice(0, 8)
      .find((l) => l.startsWith('Japan–China') || l.startsWith('Tokyo trilateral'))!;
  const docxHead = (docx: string) => {
    const files = unzipSync(readFileSync(docx));
    const xml = Object.keys(files)
      .filter((f) => /^word\/header\d*\.xml$/.test(f))
      .map((f) => strFromU8(files[f]!))
      .join('');
    return xml
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;/g, "'")
      .split('\t')
      .find((t) => t.startsWith('Japan–China') || t.startsWith('Tokyo trilateral'))!;
  };

  it('cuts a long title at the end of a word with an ellipsis, in PDF and DOCX; the metadata keeps the whole title', async () => {
    const { file, out } = build('');
    const r = await runCli(['--data', file, '--out', out, '--format', 'pdf,docx', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['memo', 'faq']) {
      const title = name === 'memo' ? LONG : `${LONG}: questions and answers`;
      for (const head of [pdfHead(join(out, 'x', `${name}.pdf`)), docxHead(join(out, 'x', `${name}.docx`))]) {
        expect(head, name).toMatch(/\S…$/);
        const kept = head.slice(0, -1);
        expect(title.startsWith(kept), `${head} is not the start of ${title}`).toBe(true);
        // At a word's end: what follows in the title is not a letter.
        expect(title[kept.length], head).toMatch(/[\s,:;]/);
        expect(kept.length).toBeGreaterThan(20);
      }
    }
    expect(execFileSync(tool('pdfinfo'), [join(out, 'x', 'memo.pdf')], { encoding: 'utf8' })).toContain(
      `Title:           ${LONG}`,
    );
  });

  it("brief.short_title takes the title's place in every running head, whole", async () => {
    const { file, out } = build('  short_title: Tokyo trilateral 2025\n');
    const r = await runCli(['--data', file, '--out', out, '--format', 'pdf,docx', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfHead(join(out, 'x', 'memo.pdf'))).toBe('Tokyo trilateral 2025');
    expect(docxHead(join(out, 'x', 'memo.docx'))).toBe('Tokyo trilateral 2025');
    expect(pdfHead(join(out, 'x', 'faq.pdf'))).toBe('Tokyo trilateral 2025: questions and answers');
    expect(docxHead(join(out, 'x', 'faq.docx'))).toBe('Tokyo trilateral 2025: questions and answers');
    // The document's own title is unchanged.
    expect(
      execFileSync(tool('pdftotext'), ['-l', '1', join(out, 'x', 'memo.pdf'), '-'], { encoding: 'utf8' }),
    ).toContain(LONG.slice(0, 40));
  });

  it("cutAtWord: at a word's end, a comma or dash dropped; by word breaks in a script without spaces; inside a word only when one word is too wide", () => {
    const width = (s: string) => [...s].length;
    expect(cutAtWord('The BRICS summit and Trade', 22, width)).toBe('The BRICS summit and…');
    expect(cutAtWord('Ukraine, Gaza and maritime security', 14, width)).toBe('Ukraine, Gaza…');
    expect(cutAtWord('Ukraine, Gaza and maritime security', 12, width)).toBe('Ukraine…');
    expect(cutAtWord('short', 10, width)).toBe('short');
    expect(cutAtWord('Supercalifragilistic words', 8, width)).toBe('Superca…');
    const cjk = cutAtWord('日本と中国と韓国の外務大臣会合', 8, width);
    expect(cjk).toMatch(/…$/);
    expect('日本と中国と韓国の外務大臣会合'.startsWith(cjk.slice(0, -1))).toBe(true);
  });
});

describe('a date typed from another calendar', () => {
  const T1 = 'outlet: Pacific Wire, date: 2025-03-22,';
  const check = async (text: string) => {
    const dir = tempDir('brief-calendar-');
    const file = writeTemp('trilateral-tokyo-2025-03-22.yaml', text, dir);
    const r = await runCli(['--check', '--data', file]);
    return { file, r, dir };
  };

  it('--check warns at the date, names the calendar and the Gregorian day, exit 0, nothing written', async () => {
    const text = trilateralWith([T1, 'outlet: Pacific Wire, date: 1404-01-02,']);
    const { file, r, dir } = await check(text);
    expect(r.code, r.stderr).toBe(0);
    const at = where(text, '1404-01-02');
    expect(r.stderr).toContain(
      `${file}:${at.line}:${at.col}: warning: sources[0].date: "1404-01-02" is more than five years from the meeting (2025-03-22): typed from another calendar? 1404 looks like a Solar Hijri (Persian) year`,
    );
    expect(r.stderr).toContain(
      'hint: write the Gregorian date (Solar Hijri (Persian): 1404-01-02 there is 2025-03-22), or leave it if it is right',
    );
    expect(readdirSync(dir)).toEqual(['trilateral-tokyo-2025-03-22.yaml']);
  });

  it('Hijri, Buddhist, Hebrew and Japanese era years, in events and document control too; a year no calendar explains asks to check it', async () => {
    const cases: [string, string, string, RegExp][] = [
      [
        T1,
        'outlet: Pacific Wire, date: 1446-09-22,',
        'sources[0].date',
        /"1446-09-22" .*1446 looks like a Hijri \(Islamic\) year/,
      ],
      [T1, 'outlet: Pacific Wire, date: 2568-03-22,', 'sources[0].date', /2568 looks like a Buddhist \(Thai\) year/],
      [
        '    when: 2025-autumn\n',
        '    when: 5785-autumn\n',
        'events[2].when',
        /"5785-autumn" .*5785 looks like a Hebrew year/,
      ],
      [
        '{ version: "1.0", date: 2025-03-22,',
        '{ version: "1.0", date: 0007-03-22,',
        'control.history[0].date',
        /0007 looks like a Japanese era \(Reiwa\) year/,
      ],
      [
        T1,
        'outlet: Pacific Wire, date: 1998-03-22,',
        'sources[0].date',
        /^"1998-03-22" is more than five years from the meeting \(2025-03-22\)$/,
      ],
      // Just over five years (the month's last day is still too far); 2020-04-01, just under, says nothing (below).
      [
        T1,
        'outlet: Pacific Wire, date: 2020-02,',
        'sources[0].date',
        /^"2020-02" is more than five years from the meeting \(2025-03-22\)$/,
      ],
    ];
    for (const [find, replace, path, message] of cases) {
      const text = trilateralWith([find, replace]);
      const { file, r } = await check(text);
      expect(r.code, r.stderr).toBe(0);
      const at = where(
        text,
        replace
          .trim()
          .replace(/^.*(date|when): /, '')
          .replace(/,$/, ''),
      );
      const line = r.stderr.split('\n').find((l) => l.startsWith(`${file}:${at.line}:${at.col}: warning: ${path}: `));
      expect(line, r.stderr).toBeDefined();
      expect(line!.replace(/^.*?: warning: [^:]+: /, '')).toMatch(message);
    }
  });

  it('dates within five years, as every shipped dataset has, say nothing', async () => {
    const { r } = await check(trilateralWith([T1, 'outlet: Pacific Wire, date: 2020-04-01,']));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('date/far-from-meeting');
    expect(r.stderr).not.toContain('five years');
  });
});

describe('an event is not followed by the claim it cites', () => {
  const BRICS = join(ROOT, 'test', 'fixtures', 'reports', 'brics-johannesburg-2023-08-22.yaml');
  const EGYPT = "Egypt's cabinet set up a unit to handle cooperation with BRICS.";
  const KAZAN = 'Russia takes the BRICS chair in 2024';

  it("the BRICS FAQ tells Egypt's unit and the Kazan summit once, as events; --check counts their claims as printed", async () => {
    const dir = tempDir('brief-told-');
    const r = await runCli(['--data', BRICS, '--out', join(dir, 'out'), '--format', 'md', '--only', 'faq', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const faq = readFileSync(join(dir, 'out', 'brics-johannesburg-2023-08-22', 'faq.md'), 'utf8');
    expect(faq).toContain(
      "- Egypt's cabinet sets up a BRICS unit, 30 August 2023, Cairo: The cabinet agreed to set up a unit",
    );
    expect(faq).toContain("- 16th BRICS Summit: October 2024, Kazan. Russia's chairmanship ends with the next summit.");
    expect(faq).not.toContain(EGYPT);
    expect(faq).not.toContain(KAZAN);
    const c = await runCli(['--check', '--data', BRICS]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).not.toMatch(/claim c-(egypt-unit|kazan) appears in no document/);
  });

  it('a next-steps claim no event cites still prints after the events', async () => {
    const docs = await buildMarkdown(
      trilateralWith([
        'claims:\n',
        'claims:\n  - { id: c-hotline, kind: fact, topic: next_steps, text: The three ministries agreed to test a hotline., sources: [t1] }\n',
      ]),
    );
    const next = docs.faq.slice(docs.faq.indexOf('## What happens next?'));
    expect(next.replace(/\[\^\d+\]/g, '')).toContain('- The three ministries agreed to test a hotline.');
  });
});

describe('"Positions in brief": a list of names cut only when the pages need it, saying where the full list is', () => {
  const BRICS = join(ROOT, 'test', 'fixtures', 'reports', 'brics-johannesburg-2023-08-22.yaml');
  const MORE = ['china', 'russia', 'iran', 'ethiopia', 'argentina', 'senegal', 'tanzania', 'bangladesh'];
  /** The BRICS fixture with eight more states answering yes on expansion: twelve names in one group. */
  const text = readFileSync(BRICS, 'utf8').replace(
    'positions:\n',
    `positions:\n${MORE.map((a) => `  - actor: ${a}\n    stances:\n      expansion: { value: yes, sources: [khaleej] }\n      membership: { value: not_stated }\n`).join('')}`,
  );
  const memo = async (pages: number) => {
    const dir = tempDir('brief-positions-');
    const templates = join(dir, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    const file = join(templates, 'memo.md.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^pages: 2$/m, `pages: ${pages}`));
    const data = writeTemp('x.yaml', text, dir);
    const r = await runCli([
      '--data',
      data,
      '--templates',
      templates,
      '--out',
      join(dir, 'out'),
      '--format',
      'md',
      '--only',
      'memo',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'out', 'x', 'memo.md'), 'utf8');
    return md
      .slice(md.indexOf('## Positions in brief'), md.indexOf('\n## ', md.indexOf('## Positions in brief') + 5))
      .replace(/\[\^\d+\]/g, '');
  };

  it('within the budget every name prints; over it, six, "and six others" and where they all are', async () => {
    const whole = await memo(10);
    expect(whole).toMatch(
      /Yes<\/span>: Argentina, Bangladesh, Brazil, China, Egypt, Ethiopia, India, Iran, Russia, Senegal, Tanzania and the UAE\./,
    );
    expect(whole).not.toContain('others');
    expect(whole).not.toContain('the matrix names them all');
    const cut = await memo(1);
    expect(cut).toMatch(/Yes<\/span>: (?:[^,;]+, ){5}[^,;]+ and six others \(the matrix names them all\)[.;]/);
  });
});
