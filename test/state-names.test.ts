// What real reports say, part three (issue 37, item 3 and part of item 7):
// states' official names in their own scripts, the languages of sources'
// headlines, places that are a country alone or carry a description, every
// event's place where its date prints, and absentees printed and counted by
// --check. The BRICS fixture (test/fixtures/reports/) is built once in every
// format and read back with independent readers; the errors are tested on the
// Tokyo trilateral fixture with one thing changed.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { place } from '../src/view/records.js';
import { guessTag, knownTag } from '../src/data/languages.js';
import { BUNDLED, ROOT, runCli, tempDir, tool, tree, where, writeTemp } from './helpers.js';
// The run's shared build cache (test/support/build-cache.ts): each fixture built once for all test files that read it.
import { built as shared } from './support/build-cache.js';
import { docxRuns, pdfRuns, type Run } from './support/lang-runs.js';
import { buildMarkdown, expectProblem, TRILATERAL, trilateralWith } from './support/reports.js';

const NAME = 'brics-johannesburg-2023-08-22';
const BRICS = join(ROOT, 'test', 'fixtures', 'reports', `${NAME}.yaml`);
const BRICS_SOURCES = join(ROOT, 'test', 'fixtures', 'reports', 'sources');
const DATA = parseYamlText(readFileSync(BRICS, 'utf8')) as Dataset;
const NATIVE = DATA.actors.filter((a) => a.native_name);
const CHINA = "name: People's Republic of China, short_name: China,";
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('language tags: BCP 47 with known subtags', () => {
  it('accepts tags ICU knows, in any case, and gives the canonical form', () => {
    for (const [tag, canonical] of [
      ['ru', 'ru'],
      ['zh-Hans', 'zh-Hans'],
      ['ZH-hans', 'zh-Hans'],
      ['pt-BR', 'pt-BR'],
      ['am', 'am'],
      ['ti', 'ti'],
      ['ar-001', 'ar-001'],
      ['sr-Latn-RS', 'sr-Latn-RS'],
      ['qaa', 'qaa'],
      ['aii', 'aii'],
      ['hbo', 'hbo'],
      ['cmn', 'zh'],
    ] as [string, string][]) {
      expect(knownTag(tag), tag).toBe(canonical);
    }
  });

  it('refuses what is not one, and guesses what was meant', () => {
    for (const tag of [
      'zh_Hans',
      'Russian',
      'ru-RUS',
      'xx',
      'qz',
      'und',
      'zh-Hanz',
      'ar-XY',
      'en-ZZZ',
      '',
      'ar ',
      'x-klingon',
      'chinese',
    ])
      expect(knownTag(tag), tag).toBeUndefined();
    expect(guessTag('zh_Hans')).toBe('zh-Hans');
    expect(guessTag('Russian')).toBe('ru');
    expect(guessTag('ru-RUS')).toBe('ru');
    expect(guessTag('zh-Hanz')).toBe('zh');
    expect(guessTag('arabic')).toBe('ar');
  });
});

const RUNS = Number(process.env.BRIEF_PROPERTY_RUNS ?? 60);
const LANGUAGES = ['ar', 'fa', 'ru', 'zh', 'hi', 'bn', 'am', 'ti', 'pt', 'es', 'id', 'sw', 'uk', 'he', 'ja', 'ko'];
const SCRIPTS = ['Arab', 'Cyrl', 'Hans', 'Hant', 'Deva', 'Beng', 'Ethi', 'Latn'];
const REGIONS = ['EG', 'IR', 'RU', 'CN', 'IN', 'BD', 'ET', 'ER', 'BR', 'AR', 'ID', 'TZ', '419', '001'];

describe('properties, for any tag of known subtags and any place', () => {
  it('a known tag in any case is accepted and canonical once; written with underscores, it is refused and guessed back', () => {
    const tag = fc
      .tuple(
        fc.constantFrom(...LANGUAGES),
        fc.option(fc.constantFrom(...SCRIPTS), { nil: undefined }),
        fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
      )
      .map(([l, s, r]) => [l, s, r].filter(Boolean).join('-'));
    fc.assert(
      fc.property(tag, fc.boolean(), (t, upper) => {
        const written = upper ? t.toUpperCase() : t;
        const canonical = knownTag(written);
        expect(canonical, written).toBeDefined();
        expect(knownTag(canonical!)).toBe(canonical);
        if (t.includes('-')) {
          expect(knownTag(t.replace(/-/g, '_'))).toBeUndefined();
          expect(guessTag(t.replace(/-/g, '_'))).toBe(canonical);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a place with a city or a country always prints something, and its description after it', () => {
    const data = {
      actors: [
        {
          id: 'za',
          name: 'Republic of South Africa',
          short_name: 'South Africa',
          kind: 'state',
          iso: 'ZA',
          role: 'host',
        },
      ],
    } as unknown as Dataset;
    const scope = { data, labels: englishLabels(), prose: (t: string) => t };
    const word = fc.stringMatching(/^[A-Z][a-z]{1,12}$/);
    const where = fc.record({
      venue: fc.option(word, { nil: undefined }),
      city: fc.option(word, { nil: undefined }),
      country: fc.constantFrom('ZA', 'BR', 'EG'),
      description: fc.option(word, { nil: undefined }),
    });
    fc.assert(
      fc.property(where, fc.boolean(), (p, withCountry) => {
        const given = withCountry || !p.city ? p : { ...p, country: undefined };
        const v = place(Object.fromEntries(Object.entries(given).filter(([, x]) => x !== undefined)), scope);
        expect(v.text.length).toBeGreaterThan(0);
        expect(v.where).toMatch(/^(at|in) /);
        if (p.city) expect(v.text).toContain(p.city);
        else expect(v.text).toContain({ ZA: 'South Africa', BR: 'Brazil', EG: 'Egypt' }[p.country]);
        if (p.description)
          expect(v.text.endsWith(`(${p.description})`) && v.where.endsWith(`(${p.description})`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('bad input: positioned errors, exit 1, out/ unchanged', () => {
  it('a native_lang that is not BCP 47, with a did-you-mean', async () => {
    const text = trilateralWith([CHINA, `${CHINA} native_name: 中华人民共和国, native_lang: zh_Hans,`]);
    await expectProblem(
      text,
      'zh_Hans',
      'actors[1].native_lang',
      /^"zh_Hans" is not a BCP 47 language tag that names a known language$/,
      [],
      /did you mean "zh-Hans"\?/,
    );
    const named = trilateralWith([CHINA, `${CHINA} native_name: 中华人民共和国, native_lang: Chinese,`]);
    await expectProblem(
      named,
      'Chinese,',
      'actors[1].native_lang',
      /^"Chinese" is not a BCP 47 language tag/,
      [],
      /did you mean "zh"\?/,
    );
  });

  it("the same check for people's native_lang and a source's lang (once a pattern with no hint)", async () => {
    const text = trilateralWith(['native_lang: ko', 'native_lang: ko_KR']);
    await expectProblem(
      text,
      'ko_KR',
      'people[2].native_lang',
      /^"ko_KR" is not a BCP 47 language tag/,
      [],
      /did you mean "ko-KR"\?/,
    );
    const src = readFileSync(TRILATERAL, 'utf8');
    const id = /^ {2}- \{ id: ([a-z0-9-]+), file:/m.exec(src)![1]!;
    const withLang = src.replace(`- { id: ${id}, file:`, `- { id: ${id}, lang: ja_JP, file:`);
    await expectProblem(
      withLang,
      'ja_JP',
      'sources[0].lang',
      /^"ja_JP" is not a BCP 47 language tag/,
      [],
      /did you mean "ja-JP"\?/,
    );
  });

  it('a native name with a character no font has: the glyph error at the character, nothing written', async () => {
    const dir = tempDir('brief-state-glyph-');
    const out = join(dir, 'out');
    const good = await runCli(['--data', TRILATERAL, '--out', out, '--format', 'pdf', '--only', 'faq', '--quiet']);
    expect(good.code, good.stderr).toBe(0);
    const before = tree(out);
    const text = trilateralWith([CHINA, `${CHINA} native_name: 中华人民共和国𓀀, native_lang: zh-Hans,`]);
    const file = writeTemp('trilateral-tokyo-2025-03-22.yaml', text, dir);
    const r = await runCli(['--data', file, '--out', out, '--format', 'pdf', '--only', 'faq']);
    expect(r.code, r.stderr).toBe(1);
    const at = where(text, '𓀀');
    expect(r.stderr).toContain(
      `${file}:${at.line}:${at.col}: actors[1].native_name: the character 𓀀 (U+13000): no font in the `,
    );
    expect(r.stderr).toMatch(/: no font in the (body|heading) font list has it\n/);
    expect(tree(out)).toEqual(before);
  });

  it('a place with neither city nor country', async () => {
    const text = readFileSync(TRILATERAL, 'utf8');
    const m = /place: \{ ([^}]*)\}/.exec(text)!;
    const bad = text.replace(m[0], 'place: { venue: the Iikura Guest House }');
    await expectProblem(
      bad,
      { ...where(bad, 'place: {', 7) },
      'meeting.place',
      /^a place needs a city or a country$/,
      [],
      /give its city \(city: Johannesburg\), or its country alone/,
    );
  });
});

describe('the BRICS fixture: names of states in their own scripts, headlines in their languages', () => {
  let dir = '';
  const md: Record<string, string> = {};
  const pdf: Record<string, Run[]> = {};
  const docx: Record<string, Run[]> = {};
  beforeAll(async () => {
    // Every document, as who-came.test.ts reads them: one build for both files.
    const r = await shared(['--data', BRICS, '--sources', BRICS_SOURCES, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    dir = join(r.out, NAME);
    for (const d of ['faq', 'matrix']) {
      md[d] = readFileSync(join(dir, `${d}.md`), 'utf8');
      pdf[d] = await pdfRuns(join(dir, `${d}.pdf`));
      docx[d] = docxRuns(join(dir, `${d}.docx`));
    }
  }, 180_000);

  it('the fixture gives native names in seven scripts, each with its language', () => {
    expect(NATIVE.length).toBeGreaterThanOrEqual(12);
    const scripts = new Set(NATIVE.map((a) => new Intl.Locale(a.native_lang!).maximize().script));
    expect([...scripts].sort()).toEqual(['Arab', 'Beng', 'Cyrl', 'Deva', 'Ethi', 'Hans', 'Latn']);
  });

  it('Markdown: the participants table gives each official name with the native one beside it, tagged', () => {
    for (const a of NATIVE) {
      expect(md.faq, a.id).toContain(
        `| ${a.short_name} | ${a.name.replace(/'/g, "'")} (<span lang="${a.native_lang}"${/^(ar|fa)$/.test(a.native_lang ?? '') ? ' dir="rtl"' : ''}>${a.native_name}</span>) |`,
      );
    }
    // A state without one reads as before.
    expect(md.faq).toContain(
      '| Senegal | Republic of Senegal | Participant (head of state, led by President Macky Sall) |',
    );
  });

  it("Markdown: the matrix's note names the state with its native name", () => {
    expect(md.matrix).toMatch(/^\[\^\d+\]: Indonesia \(<span lang="id">Republik Indonesia<\/span>\), Membership: /m);
  });

  it("PDF: each native name is a run in its language (/Lang), the English name around it in the document's", () => {
    // pdf.js reads shaped scripts (Arabic, Bengali's reordered vowels) as glyphs, not letters: for those, the
    // tagged run is there and pdftotext (which maps the glyphs back) finds the name in its logical order.
    const plain = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(dir, 'faq.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    for (const a of NATIVE) {
      const runs = pdf.faq!.filter((r) => r.lang === a.native_lang);
      if (['Arab', 'Beng'].includes(new Intl.Locale(a.native_lang!).maximize().script!)) {
        expect(runs.length, a.id).toBeGreaterThan(0);
        // (a name that wraps in its cell is two lines, which pdftotext joins with the bracket between them)
        expect(squeeze(plain).replace(/[()]/g, ''), a.id).toContain(squeeze(a.native_name!));
      } else
        expect(
          runs.some((r) => squeeze(r.text).includes(squeeze(a.native_name!))),
          `${a.id}: ${JSON.stringify(runs)}`,
        ).toBe(true);
    }
    const russia = pdf.faq!.filter((r) => r.text.includes('Russian Federation'));
    expect(russia.map((r) => r.lang)).toContain('en-GB');
    expect(pdf.matrix!.filter((r) => r.text.includes('Republik Indonesia')).map((r) => r.lang)).toEqual(['id']);
  });

  it('DOCX: each native name is a run with its language in the attribute Word reads for its script', () => {
    const attr = (lang: string) => {
      const script = new Intl.Locale(lang).maximize().script;
      if (script === 'Hans') return `w:eastAsia="${lang}"`;
      if (['Arab', 'Deva', 'Beng'].includes(script!)) return `w:bidi="${lang}"`;
      return `w:val="${lang}"`;
    };
    for (const a of NATIVE) {
      const runs = docx.faq!.filter((r) => squeeze(r.text) === squeeze(a.native_name!));
      expect(runs.length, a.id).toBeGreaterThan(0);
      for (const r of runs) expect(r.lang, `${a.id}: ${r.text}`).toContain(attr(a.native_lang!));
    }
  });

  it("sources[].lang tags a headline in every format; a curator's bracketed title stays in the brief's language", () => {
    const arabic = DATA.sources.find((s) => s.id === 'alquds')!;
    const bracketed = DATA.sources.find((s) => s.id === 'maghress')!;
    expect(arabic.lang).toBe('ar');
    expect(bracketed.lang).toBe('ar');
    expect(md.faq).toMatch(
      new RegExp(`^\\[\\^\\d+\\]: “<span lang="ar" dir="rtl">${arabic.title}</span>”, Al-Quds Al-Arabi,`, 'm'),
    );
    expect(md.faq).toMatch(/^\[\^\d+\]: \\\[Al3omk report on the six invitations, via Maghress\\\], Al3omk,/m);
    expect(pdf.faq!.filter((r) => r.lang === 'ar').length).toBeGreaterThan(0);
    const spanish = DATA.sources.find((s) => s.id === 'mercopress')!;
    expect(spanish.lang).toBe('es');
    expect(pdf.faq!.filter((r) => r.text.includes(spanish.title)).map((r) => r.lang)).toEqual(['es']);
    expect(pdf.faq!.filter((r) => r.text.includes('Al3omk report')).map((r) => r.lang)).toEqual(['en-GB']);
    const persian = DATA.sources.find((s) => s.id === 'jahansanat')!;
    const persianRuns = docx.faq!.filter((r) => squeeze(r.text) === squeeze(persian.title));
    expect(persianRuns.length).toBeGreaterThan(0);
    expect(persianRuns.every((r) => r.lang.includes('w:bidi="fa"'))).toBe(true);
    expect(docx.faq!.filter((r) => r.text.includes(spanish.title)).map((r) => r.lang)).toEqual(['w:val="es"']);
    expect(docx.faq!.filter((r) => r.text.includes('Al3omk report')).every((r) => r.lang === 'w:val="en-GB"')).toBe(
      true,
    );
    // A headline in the document's own language is not wrapped.
    expect(md.faq).toContain('[^');
    expect(md.faq).not.toContain('<span lang="en">');
  });

  it("a place that is a country alone, a place with a description; every event's place where its date prints", () => {
    expect(md.faq).toContain('- **Lavrov arrives to represent Russia**, 22 August, South Africa. ');
    expect(md.faq).toContain(
      "- **China–Africa Leaders' Dialogue**, 24 August, Johannesburg (on the margins of the summit). ",
    );
  });
});

describe("every event's place where its date prints, in the memo's programme and the FAQ's later next events", () => {
  it('memo and FAQ', async () => {
    const dir = await built();
    const memo = readFileSync(join(dir, 'memo.md'), 'utf8');
    const faq = readFileSync(join(dir, 'faq.md'), 'utf8');
    expect(memo).toContain('The programme: Lavrov arrives to represent Russia, 22 August, South Africa; ');
    expect(memo).toContain("China–Africa Leaders' Dialogue, 24 August, Johannesburg (on the margins of the summit).");
    // The FAQ's next events: the first as the answer's opening (an event without a place reads as before), then the Kazan summit with its city.
    expect(faq).toMatch(/^The six new members join: 1 January 2024\.(\[\^\d+\])+ /m);
    expect(faq).toMatch(/^- 16th BRICS Summit: October 2024, Kazan\. /m);
  });
});

let builtDir: string | undefined;
/** The BRICS memo and FAQ in Markdown, built once for the tests that read them. */
async function built(): Promise<string> {
  if (builtDir) return builtDir;
  const r = await shared(['--data', BRICS, '--sources', BRICS_SOURCES, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return (builtDir = join(r.out, NAME));
}

describe('meeting.absent: printed where readers look for who was there, and counted by --check', () => {
  it("the bundled dataset's memo and FAQ say who was not at the meeting, with the meeting's sources", async () => {
    const out = tempDir('brief-absent-');
    const r = await runCli(['--data', BUNDLED, '--out', out, '--format', 'md', '--only', 'memo,faq', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    for (const d of ['memo', 'faq']) {
      const text = readFileSync(join(out, 'coalition-of-the-willing-2025-04-10', `${d}.md`), 'utf8');
      expect(text, d).toMatch(/ The United States was not at the meeting\.(\[\^\d+\]){5}/);
    }
  });

  it("two absentees read as a list; absent_sources are cited in place of the meeting's", async () => {
    const text = trilateralWith([
      'kind: state, iso: KP, role: subject }',
      'kind: state, iso: KP, role: absent }',
    ]).replace(/^meeting:\n/m, 'meeting:\n  absent: [dprk, korea]\n  absent_sources: [t2]\n');
    const docs = await buildMarkdown(text);
    expect(docs.faq).toMatch(/ North Korea and South Korea were not at the meeting\.\[\^2\] /);
    expect(docs.faq).toMatch(/^\[\^2\]: “Tokyo talks end without joint line on Pyongyang”/m);
    expect(docs.memo).toContain(' North Korea and South Korea were not at the meeting.[^');
  });

  it('--check warns at meeting.absent when no document prints an absentee', async () => {
    const templates = join(tempDir('brief-absent-t-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    for (const d of ['faq', 'memo']) {
      const f = join(templates, `${d}.md.hbs`);
      const t = readFileSync(f, 'utf8');
      const cut = t.replace(
        /\{\{capital \(join meeting\.absent "the_name"\)\}\}[^\n]*?\{\{cite meeting\.absent_sources[^}]*\}\}/,
        '',
      );
      expect(cut, d).not.toBe(t);
      writeFileSync(f, cut);
    }
    const r = await runCli(['--check', '--data', BUNDLED, '--templates', templates]);
    expect(r.code, r.stderr).toBe(0);
    const data = readFileSync(BUNDLED, 'utf8');
    const at = where(data, 'absent: [us]', 9);
    const file = relative(process.cwd(), BUNDLED);
    expect(r.stderr).toContain(
      `${file}:${at.line}:${at.col}: warning: meeting.absent[0]: absentee us appears in no document of `,
    );
    // With the shipped templates, no such warning.
    const ok = await runCli(['--check', '--data', BUNDLED]);
    expect(ok.stderr).not.toContain('absentee');
  });
});
