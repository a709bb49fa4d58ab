// Right-to-left text inside a left-to-right line keeps its ends (issue 37):
// a span in a right-to-left language (sources[].lang, quotations' lang,
// native_lang), or one with a `dir`, is a directional isolate (UAX #9 RLI or
// LRI ... PDI, as HTML's dir attribute makes an element one), so a headline
// that opens with a digit or closes with a quotation mark keeps them at its
// own ends; and each part of a source line (title, outlet, byline, dateline)
// written against the document's direction is an isolate of its own, so
// the date after an Arabic outlet stays whole, to its right. Read from the
// PDF's glyph positions (mupdf), the view's Markdown and the written .md.
// In the DOCX, an address holding Arabic words keeps their order as
// LibreOffice lays it out (a left-to-right mark where each word meets the
// rest of the address: src/writers/docx/urls.ts), and a right-to-left
// headline its ends (a right-to-left mark at each: docx/inline.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import type { Theme } from '../src/shared/theme.js';
import { loadTemplates } from '../src/render/templates.js';
import { inLanguage } from '../src/view/language.js';
import { sourceView } from '../src/view/records.js';
import { levelsOf, visualOrder } from '../src/writers/text/bidi.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { breakableUrls, LRM, WORD_JOINER, ZWSP } from '../src/writers/docx/urls.js';
import { writeMarkdown } from '../src/writers/md.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { parse, ROOT, tempDir, tool } from './helpers.js';

const ARABIC = /[\u0600-\u06ff\ufb50-\ufeff]/;
const en = englishLabels();

/** The glyphs of a PDF page with their left edges and baselines, from mupdf (each glyph's own Unicode). */
function glyphs(file: string, page = 1): { c: string; x: number; y: number }[] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file, String(page)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return [...xml.matchAll(/<char quad="([\d.\s-]+)"[^>]*c="([^"]*)"/g)].map((m) => {
    const q = m[1]!.trim().split(/\s+/).map(Number);
    const c = m[2]!
      .replace(/&#x([0-9a-f]+);/gi, (_e, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    return { c, x: q[0]!, y: q[1]! };
  });
}

/** Each paragraph's line of glyphs, left to right, found by a word it holds. */
type Glyph = ReturnType<typeof glyphs>[number];
function lineWith(page: Glyph[], word: string): Glyph[] {
  const text = page.map((g) => g.c).join('');
  const at = text.indexOf(word);
  expect(at, word).toBeGreaterThanOrEqual(0);
  const y = page[at]!.y;
  return page.filter((g) => Math.abs(g.y - y) < 3).sort((a, b) => a.x - b.x);
}

let theme: Theme;
let pdfOf: (markdown: string) => Promise<Glyph[]>;
beforeAll(async () => {
  theme = (await loadTemplates(join(ROOT, 'templates'))).theme;
  const fonts = loadFonts(theme);
  const dir = tempDir('brief-isolates-');
  let n = 0;
  pdfOf = async (markdown) => {
    const { bytes } = await writePdf(parse(`# Sources\n\n${markdown}\n`), { theme, fonts });
    const file = join(dir, `${n++}.pdf`);
    writeFileSync(file, bytes);
    return glyphs(file);
  };
}, 60_000);

describe('PDF: a right-to-left headline in a left-to-right line', () => {
  it('keeps a digit it opens with at its right end, next to the closing quotation mark', async () => {
    const page = await pdfOf('“<span lang="ar">6 دول منها 3 عربية ستنضم إلى بريكس</span>”, El Masdar, 24 August 2023.');
    const line = lineWith(page, 'El');
    const arabic = line.filter((g) => ARABIC.test(g.c));
    const six = line.find((g) => g.c === '6')!,
      close = line.find((g) => g.c === '”')!,
      open = line.find((g) => g.c === '“')!;
    expect(arabic.length).toBeGreaterThan(20);
    // Logical start at the right: the 6, then the closing mark; the 3 inside the words, not beside the opening mark.
    expect(six.x).toBeGreaterThan(Math.max(...arabic.map((g) => g.x)));
    expect(six.x).toBeLessThan(close.x);
    const three = line.find((g) => g.c === '3')!;
    expect(three.x).toBeGreaterThan(Math.min(...arabic.map((g) => g.x)));
    expect(line.indexOf(open)).toBe(0);
    expect(ARABIC.test(line[1]!.c)).toBe(true);
  });

  it('keeps a quotation mark it ends with at its left end, next to the opening one', async () => {
    const page = await pdfOf('“<span lang="ar">رسميًا.. مصر عضوًا فى تجمع "بريكس"</span>”, Al-Dostor, 24 August 2023.');
    const line = lineWith(page, 'Al-');
    const open = line.findIndex((g) => g.c === '“');
    // “"بريكس" تجمع ... رسميًا”: the headline's last character, its closing ", stands right after the opening mark.
    expect(line[open + 1]!.c).toBe('"');
    expect(ARABIC.test(line[open + 2]!.c)).toBe(true);
    const close = line.findIndex((g) => g.c === '”');
    expect(ARABIC.test(line[close - 1]!.c)).toBe(true);
  });

  it('isolates a span by its dir alone, and leaves a right-to-left language over Latin text alone', async () => {
    const page = await pdfOf('“<span dir="rtl">2023 قمة</span>”, X. And <span lang="ar">[Sabq report]</span>, 2023.');
    const line = lineWith(page, 'X.');
    const open = line.findIndex((g) => g.c === '“');
    // 2023 opens the headline: at its right end, before the closing mark.
    const close = line.findIndex((g) => g.c === '”');
    expect(
      line
        .slice(close - 4, close)
        .map((g) => g.c)
        .join(''),
    ).toBe('2023');
    expect(ARABIC.test(line[open + 1]!.c)).toBe(true);
    // A bracketed Latin placeholder tagged Arabic reads as it is written.
    expect(line.map((g) => g.c).join('')).toContain('[Sabq report], 2023.');
  });

  it('the levels: an isolate raises its span one level, and a web address stays a left-to-right isolate inside or outside one', () => {
    const text = 'A “6 دول” B https://x.org/دول C';
    const span = { start: 3, end: 8, dir: 'rtl' as const };
    const with_ = levelsOf(text, 'ltr', [span])!;
    const without = levelsOf(text, 'ltr')!;
    // Without the isolate the 6 follows Latin text: left to right, level 0; inside it, a digit in right-to-left text: level 2.
    expect(without[3]).toBe(0);
    expect(with_[3]).toBe(2);
    expect([...with_.slice(5, 8)]).toEqual([1, 1, 1]);
    const u = text.indexOf('https');
    expect(with_[u]).toBe(2);
    expect(with_[text.indexOf('دول', u)]).toBe(3);
    // Visual order of the isolate: the 6 at its right end.
    const order = visualOrder([...with_]);
    expect(order.indexOf(3)).toBeGreaterThan(order.indexOf(7));
  });
});

const ahram: Source = {
  id: 'ahram',
  file: 'none.txt',
  title: 'Summit opens in Johannesburg',
  kind: 'news',
  outlet: 'الأهرام',
  date: '2023-08-24',
  url: 'https://example.org/a',
};

describe('a source line: each part its own isolate', () => {
  it("the view sets an outlet, byline or dateline written against the document's direction apart, and nothing else", () => {
    const v = sourceView({ ...ahram, byline: 'John Smith', dateline: 'جوهانسبرغ' }, { labels: en, prose: (t) => t });
    expect(v.outlet).toBe('<span dir="rtl">الأهرام</span>');
    expect(v.byline).toBe('John Smith');
    expect(v.dateline).toBe('<span dir="rtl">جوهانسبرغ</span>');
    expect(v.citation).toBe(
      '“Summit opens in Johannesburg”, <span dir="rtl">الأهرام</span>, John Smith, 24 August 2023. <https://example.org/a>',
    );
    // An Arabic headline with no language given is an isolate too; one in Arabic is tagged and isolated.
    expect(
      sourceView({ ...ahram, outlet: 'Ahram Online', title: 'قمة 2023' }, { labels: en, prose: (t) => t }).citation,
    ).toMatch(/^“<span dir="rtl">قمة 2023<\/span>”, Ahram Online,/);
    expect(sourceView({ ...ahram, lang: 'ar', title: 'قمة 2023' }, { labels: en, prose: (t) => t }).title).toBe(
      '<span lang="ar" dir="rtl">قمة 2023</span>',
    );
    // A Latin source in an Arabic document: the Latin parts are the isolates.
    const ar = { ...englishLabels(), language: 'ar' };
    expect(sourceView({ ...ahram, outlet: 'Reuters' }, { labels: ar, prose: (t) => t }).outlet).toBe(
      '<span dir="ltr">Reuters</span>',
    );
  });

  it('PDF: the date after an Arabic outlet stays whole, to its right, in reading order', async () => {
    const v = sourceView({ ...ahram, lang: 'ar', title: '6 دول ستنضم إلى بريكس' }, { labels: en, prose: (t) => t });
    const page = await pdfOf(v.citation);
    const line = lineWith(page, 'August');
    const arabic = line.filter((g) => ARABIC.test(g.c)).map((g) => g.x);
    const text = line.map((g) => g.c).join('');
    // Left to right: the headline, the outlet, then "24 August 2023." and the address; no digit among the Arabic letters.
    expect(text).toMatch(/”, \S+, 24 August 2023\. https:\/\/example\.org\/a$/);
    const two = line.find((g) => g.c === '2')!;
    expect(two.x).toBeGreaterThan(Math.max(...arabic));
    const six = line.find((g) => g.c === '6')!;
    const outlet = line.filter((g, i) => ARABIC.test(g.c) && i > line.findIndex((h) => h.c === '”'));
    expect(outlet.length).toBeGreaterThanOrEqual(5); // الأهرام, لأ perhaps one glyph
    expect(six.x).toBeLessThan(Math.min(...outlet.map((g) => g.x)));
  });
});

describe('Markdown: right-to-left spans say dir="rtl", which GitHub keeps', () => {
  it('a span in a right-to-left language over right-to-left text, and no other', () => {
    expect(inLanguage('قمة 2023', 'ar')).toBe('<span lang="ar" dir="rtl">قمة 2023</span>');
    expect(inLanguage('נועה לוי', 'he-IL')).toBe('<span lang="he-IL" dir="rtl">נועה לוי</span>');
    expect(inLanguage('[Sabq report]', 'ar')).toBe('<span lang="ar">[Sabq report]</span>');
    expect(inLanguage('Российская Федерация', 'ru')).toBe('<span lang="ru">Российская Федерация</span>');
  });

  it('the written .md keeps lang and dir on the span', async () => {
    const v = sourceView({ ...ahram, lang: 'fa', title: 'ایران عضو بریکس شد' }, { labels: en, prose: (t) => t });
    const { bytes } = await writeMarkdown(parse(`# Sources\n\n${v.citation}\n`), { theme, fonts: loadFonts(theme) });
    const md = Buffer.from(bytes).toString('utf8');
    expect(md).toContain(
      '“<span lang="fa" dir="rtl">ایران عضو بریکس شد</span>”, <span dir="rtl">الأهرام</span>, 24 August 2023.',
    );
  });
});

const ADDRESS = 'https://taghribnews.com/ar/report/604810/رئيس-جنوب-أفريقيا-إيران-انظمت-رسميا-الى-مجموعة-بريكس';

describe('DOCX: an address with Arabic words keeps their order, a headline its ends', () => {
  it("a left-to-right mark where each Arabic word meets the rest, none after the last, and before a hyphen's word joiner", () => {
    const out = breakableUrls(ADDRESS);
    expect(out.replaceAll(LRM, '').replaceAll(ZWSP, '').replaceAll(WORD_JOINER, '')).toBe(ADDRESS);
    expect(out).toContain(`604810/${LRM}${ZWSP}رئيس${LRM}${ZWSP}-${LRM}${WORD_JOINER}جنوب`);
    expect(out.endsWith(`-${LRM}${WORD_JOINER}بريكس`)).toBe(true);
    expect(out.split(LRM).length - 1).toBe(1 + 2 * 8);
    // A Latin address is as before, with no mark.
    expect(breakableUrls('https://example.org/a-b')).toBe(`https://example${ZWSP}.org/${ZWSP}a${ZWSP}-${WORD_JOINER}b`);
  });

  it('LibreOffice lays the address out as the PDF does: its first Arabic word at the left, its last at the right', async () => {
    const doc = parse(
      `# Sources\n\n5. “Headline”, Taghrib News, 24 August 2023. [${ADDRESS}](${ADDRESS})\n\nA “<span lang="ar">6 دول منها 3 عربية</span>”, El Masdar.\n`,
    );
    const { bytes } = await writeDocx(doc, { theme, fonts: loadFonts(theme) });
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    // One run, not right to left.
    const link = /<w:hyperlink [^>]*>(.*?)<\/w:hyperlink>/s.exec(xml)![1]!;
    expect(link.match(/<w:r>/g)!.length).toBe(1);
    expect(link).not.toContain('<w:rtl/>');
    const dir = tempDir('brief-isolates-docx-');
    writeFileSync(join(dir, 'a.docx'), bytes);
    const r = spawnSync(
      tool('soffice'),
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'a.docx'),
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const page = glyphs(join(dir, 'a.pdf')).map((g) => ({ ...g, c: g.c.normalize('NFKC') }));
    // ئ is only in رئيس (the first word), ظ only in انظمت (the fifth), ك only in بريكس (the last); all on the address's lines.
    const x = (ch: string) => page.filter((g) => g.c.includes(ch));
    const [first, fifth, last] = [x('ئ'), x('ظ'), x('ك')];
    expect(first.length * fifth.length * last.length).toBeGreaterThan(0);
    const sameLine = Math.abs(first[0]!.y - last[0]!.y) < 3;
    if (sameLine) {
      expect(first[0]!.x).toBeLessThan(fifth[0]!.x);
      expect(fifth[0]!.x).toBeLessThan(last[0]!.x);
    } else expect(first[0]!.y).toBeLessThan(last[0]!.y);
    // The headline is held together by a right-to-left mark at each end, and LibreOffice keeps its 6 at its right end.
    const masdar = page.find((g) => g.c === 'M')!;
    const row = page.filter((g) => Math.abs(g.y - masdar.y) < 3);
    const arabic = row.filter((g) => ARABIC.test(g.c));
    expect(arabic.length).toBeGreaterThan(8);
    expect(row.find((g) => g.c === '6')!.x).toBeGreaterThan(Math.max(...arabic.map((g) => g.x)));
    expect([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toContain(
      '“\u200f6 دول منها 3 عربية\u200f”',
    );
    // The number before them stays at their left.
    const six = page.find((g, i) => g.c === '6' && page[i + 1]?.c === '0' && page[i + 2]?.c === '4')!;
    if (Math.abs(six.y - first[0]!.y) < 3) expect(six.x).toBeLessThan(first[0]!.x);
  }, 200_000);
});
