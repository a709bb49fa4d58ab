// Every script prints right. A fixture of names and quotations in Arabic,
// Hebrew, Devanagari, Thai, Chinese (simplified and traditional), Japanese,
// Korean, Vietnamese, Greek and Cyrillic, built in all three formats: the
// PDF's extracted text is logical, right-to-left words and a Devanagari vowel
// sign sit where they must (glyph positions), the fonts are embedded, the
// runs are tagged with their languages; the DOCX runs carry w:rtl, w:cs and
// w:eastAsia fonts, w:szCs and w:lang; the glyph check speaks per script.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import { mainDirection, mirrored, visualOrder } from '../src/writers/text/bidi.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { scriptsOf } from '../src/writers/text/scripts.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { parse, ROOT, runCli, tempDir, tool, where } from './helpers.js';

const NAME = 'multiscript-ministerial-2025-06-12';
const DATA = join(ROOT, 'test', 'fixtures', 'scripts', `${NAME}.yaml`);
const SOURCES = join(ROOT, 'test', 'fixtures', 'scripts', 'sources');
const TEXT = readFileSync(DATA, 'utf8');

/** pdftotext's output without the embedding marks it puts around right-to-left runs. */
const extract = (file: string) =>
  execFileSync(tool('pdftotext'), [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
/** Glyphs with their positions, from mupdf (which reads each glyph's own Unicode, not ActualText). */
function glyphs(file: string, page: number): { c: string; x: number; y: number }[] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file, String(page)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return [...xml.matchAll(/<char quad="([\d.\s-]+)"[^>]*c="([^"]*)"/g)].map((m) => {
    const q = m[1]!.trim().split(/\s+/).map(Number);
    const c = m[2]!
      .replace(/&#x([0-9a-f]+);/gi, (_e, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    return { c, x: q[0]!, y: q[1]! };
  });
}
/** Each drawn character with the font mupdf says draws it, in content order. */
function fontsOf(file: string, page: number): { c: string; font: string }[] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file, String(page)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const out: { c: string; font: string }[] = [];
  let font = '';
  for (const m of xml.matchAll(/<font name="([^"]+)"|<char [^>]*c="([^"]*)"/g)) {
    if (m[1]) font = m[1];
    else
      out.push({
        c: m[2]!.replace(/&#x([0-9a-f]+);/gi, (_e, h: string) => String.fromCodePoint(parseInt(h, 16))),
        font,
      });
  }
  return out;
}
const docxXml = (file: string, part = 'word/document.xml') => strFromU8(unzipSync(readFileSync(file))[part]!);

let out: string;
beforeAll(async () => {
  out = tempDir();
  const r = await runCli(['--data', DATA, '--out', out, '--sources', SOURCES]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
}, 60_000);
const file = (name: string) => join(out, NAME, name);

describe('PDF: every script, in reading order', () => {
  it('extracted text is logical: every name and quotation, word for word', () => {
    const text = extract(file('faq.pdf')) + extract(file('matrix.pdf'));
    const native = [...TEXT.matchAll(/native_name: ([^,]+),/g)].map((m) => m[1]!.trim());
    const quotes = [...TEXT.matchAll(/text: "([^"]+)", lang:/g)].map((m) => m[1]!);
    expect(native.length).toBe(21);
    expect(quotes.length).toBe(7);
    // Khmer, Lao and Thaana names are drawn right (see below) but poppler's extraction of them is not word for word
    // (it splits a Khmer or Lao word where shaping leaves a glyph with no character, and reorders Thaana's vowel signs).
    const exact = native.filter((n) => !/[\u1780-\u17ff\u0e80-\u0eff\u0780-\u07bf]/.test(n));
    expect(exact.length).toBe(18);
    for (const s of [...exact, ...quotes, 'Nguyễn Thị Hương']) {
      // Right-to-left words and CJK runs are whole; how a reader orders a line that mixes directions is its own business.
      // (poppler moves the Arabic comma, a neutral it reorders on its own, away from its word: the word is checked without it)
      for (const word of s.split(' ')) expect(text, s).toContain(word.replace(/،$/, ''));
    }
    expect(text).toContain('हर दिन समुद्र में सुरक्षा ज़रूरी है।');
    expect(text).toContain('เราจะส่งเรือตรวจการณ์สองลำ');
    expect(text).toContain('अर्जुन शर्मा');
  });

  it('right-to-left words are drawn right to left: the first word of the Hebrew quotation at the right', () => {
    const page = glyphs(file('matrix.pdf'), 1);
    // ל occurs only in נשלח (the first word), ה twice in השנה (the last); 3 sits between them.
    const lamed = page.find((g) => g.c === 'ל')!;
    const line = page.filter((g) => Math.abs(g.y - lamed.y) < 3);
    const he = line.filter((g) => g.c === 'ה');
    const hebrew = line.filter((g) => /[\u0590-\u05ff]/.test(g.c));
    const three = line.find(
      (g) => g.c === '3' && g.x > Math.min(...hebrew.map((h) => h.x)) && g.x < Math.max(...hebrew.map((h) => h.x)),
    )!;
    expect(he.length).toBe(2);
    for (const h of he) expect(h.x).toBeLessThan(lamed.x);
    expect(three.x).toBeGreaterThan(Math.max(...he.map((h) => h.x)));
    expect(three.x).toBeLessThan(lamed.x);
  });

  it('Arabic letters are joined and ordered: the first letter of the quotation is drawn rightmost of its run', () => {
    const page = glyphs(file('matrix.pdf'), 1);
    // The glyph run of the Arabic quotation: every Arabic-script glyph on the line with "2030".
    const zero = page.find((g, i) => g.c === '2' && page[i + 1]?.c === '0' && page[i + 2]?.c === '3')!;
    const run = page.filter((g) => Math.abs(g.y - zero.y) < 4 && /[\u0600-\u06ff\ufb50-\ufeff]/.test(g.c));
    expect(run.length).toBeGreaterThan(20);
    // Joining forms come from the presentation range or from the font's own glyphs: at least, not all isolated letters.
    const rightmost = run.reduce((a, b) => (b.x > a.x ? b : a));
    expect(rightmost.c).toMatch(/[نﻧﻥ]/); // ن, the first letter of نحن, in some form
    expect(zero.x).toBeLessThan(Math.min(...run.map((g) => g.x))); // 2030 ends the sentence: at its left
  });

  it('a Devanagari vowel sign that precedes its consonant in print is drawn before it', () => {
    const page = glyphs(file('matrix.pdf'), 1);
    const i = page.findIndex((g) => g.c === 'ि');
    expect(i).toBeGreaterThanOrEqual(0);
    const da = page.slice(i, i + 3).find((g) => g.c === 'द')!;
    expect(da).toBeDefined();
    expect(page[i]!.x).toBeLessThan(da.x);
  });

  it('embeds a font for every script, subset, with Unicode maps', () => {
    const fonts = execFileSync(tool('pdffonts'), [file('faq.pdf')], { encoding: 'utf8' });
    const all = [
      'NotoSerif',
      'NotoNaskhArabic',
      'NotoSansHebrew',
      'NotoSansDevanagari',
      'NotoSansThai',
      'NotoSansCJK',
      'NotoSansArmenian',
      'NotoSansGeorgian',
      'NotoSansBengali',
      'NotoSansTamil',
      'NotoSansSinhala',
      'NotoSansLao',
      'NotoSansKhmer',
      'NotoSansMyanmar',
      'NotoSansEthiopic',
      'NotoSansThaana',
      'NotoSerifTibetan',
    ];
    for (const f of all) expect(fonts, f).toContain(f);
    for (const line of fonts.split('\n').slice(2).filter(Boolean))
      expect(line, line).toMatch(/yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    expect(spawnSync(tool('qpdf'), ['--check', file('faq.pdf')]).status).toBe(0);
  });

  it("names in every script of a UN member state's official language are drawn by their script's font, every character", () => {
    const drawn = [1, 2, 3].flatMap((p) => {
      try {
        return fontsOf(file('faq.pdf'), p);
      } catch {
        return [];
      }
    });
    const expected: [string, string][] = [
      ['ዐቢይ አሕመድ', 'NotoSansEthiopic'],
      ['মুহাম্মদ ইউনূস', 'NotoSansBengali'],
      ['விவியன் பாலகிருஷ்ணன்', 'NotoSansTamil'],
      ['අනුර කුමාර දිසානායක', 'NotoSansSinhala'],
      ['ហ៊ុន ម៉ាណែត', 'NotoSansKhmer'],
      ['ສອນໄຊ ສີພັນດອນ', 'NotoSansLao'],
      ['မင်းအောင်လှိုင်', 'NotoSansMyanmar'],
      ['ཚེ་རིང་སྟོབས་རྒྱས།', 'NotoSerifTibetan'],
      ['މުޙައްމަދު މުޢިއްޒު', 'NotoSansThaana'],
      ['Նիկոլ Փաշինյան', 'NotoSansArmenian'],
      ['ირაკლი კობახიძე', 'NotoSansGeorgian'],
    ];
    for (const [name, font] of expected) {
      expect(TEXT, name).toContain(`native_name: ${name},`);
      // Base letters map one to one to glyphs: each is drawn, and by that font (marks may be drawn as part of a ligature).
      for (const ch of new Set([...name].filter((c) => /\p{L}/u.test(c)))) {
        const hits = drawn.filter((d) => d.c === ch);
        expect(hits.length, `${name}: ${ch}`).toBeGreaterThan(0);
        expect(
          hits.every((h) => h.font.startsWith(font)),
          `${name}: ${ch} in ${[...new Set(hits.map((h) => h.font))].join(', ')}`,
        ).toBe(true);
      }
    }
  });

  it('tags each run in another script with its language, and reordered Devanagari with its ActualText', () => {
    // qpdf's JSON (version 2): objects under qpdf[1], strings as "u:text".
    const json = JSON.parse(
      execFileSync(tool('qpdf'), ['--json', '--json-key=qpdf', file('matrix.pdf')], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const spans = Object.values(json.qpdf[1])
      .map((o) => o.value)
      .filter((v): v is Record<string, string> => !!v && typeof v === 'object' && v['/S'] === '/Span');
    const langs = new Set(
      spans
        .map((s) => s['/Lang'])
        .filter(Boolean)
        .map((l) => String(l).replace(/^u:/, '')),
    );
    for (const l of ['ar', 'he', 'hi', 'th', 'zh-Hans', 'ja', 'ko'])
      expect(
        [...langs].some((x) => x.includes(l)),
        l,
      ).toBe(true);
    expect(spans.some((s) => String(s['/ActualText'] ?? '').includes('हर'))).toBe(true);
  });

  it('a paragraph written right to left sits against the right margin', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const { bytes } = await writePdf(parse('# Test\n\nنحن ملتزمون بحماية الممرات البحرية\n\nAn English line.\n'), {
      theme: set.theme,
      fonts: loadFonts(set.theme),
    });
    const pdf = join(tempDir(), 'rtl.pdf');
    writeFileSync(pdf, bytes);
    const g = glyphs(pdf, 1);
    const arabic = g.filter((c) => /[\u0600-\u06ff\ufb50-\ufeff]/.test(c.c));
    const english = g.filter((c) => /[a-z]/i.test(c.c) && c.y > Math.max(...arabic.map((a) => a.y)));
    const right = 595.28 - (22 * 72) / 25.4;
    expect(Math.max(...arabic.map((a) => a.x))).toBeGreaterThan(right - 12);
    expect(Math.min(...english.map((e) => e.x))).toBeLessThan(70);
  });
});

describe('DOCX: Word and LibreOffice shape and order the text themselves', () => {
  it('right-to-left runs carry w:rtl, the complex-script font and size, and their language', () => {
    const xml = docxXml(file('faq.docx'));
    const run = (text: string) => {
      const at = xml.indexOf(`>${text}`); // the run that starts with it (a name's words are one run, spaces too)
      return xml.slice(xml.lastIndexOf('<w:r>', at), at);
    };
    expect(run('أمينة')).toMatch(/<w:rFonts [^>]*w:cs="Noto (Naskh|Sans) Arabic"/);
    expect(run('أمينة')).toContain('<w:szCs w:val="20"/>');
    expect(run('أمينة')).toContain('<w:rtl/>');
    const named = xml.indexOf('>נועה', xml.indexOf('Who is who'));
    const hebrew = xml.slice(xml.lastIndexOf('<w:r>', named), named);
    expect(hebrew).toContain('w:cs="Noto Sans Hebrew"');
    expect(hebrew).toContain('<w:rtl/>');
    expect(hebrew).toMatch(/<w:lang [^>]*w:bidi="he"/);
    expect(run('अर्जुन')).toContain('w:cs="Noto Sans Devanagari"');
    expect(run('अर्जुन')).toMatch(/<w:lang [^>]*w:bidi="hi"/);
    expect(run('अर्जुन')).not.toContain('<w:rtl/>');
    expect(run('李伟')).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(run('李伟')).toMatch(/<w:lang [^>]*w:eastAsia="zh-Hans"/);
    expect(run('김민준')).toContain('w:eastAsia=');
  });

  it('a paragraph whose text is right to left sets w:bidi', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const { bytes } = await writeDocx(
      parse('# Test\n\nنحن ملتزمون بحماية الممرات البحرية\n\nAn English line with عربي inside.\n'),
      { theme: set.theme, fonts: loadFonts(set.theme) },
    );
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const paragraphs = xml.split('<w:p>').slice(1);
    const arabic = paragraphs.find((p) => p.includes('ملتزمون'))!;
    const english = paragraphs.find((p) => p.includes('An English line'))!;
    expect(arabic).toContain('<w:bidi/>');
    expect(english).not.toContain('<w:bidi/>');
  });

  it('LibreOffice converts it with every word intact, each script in the font the DOCX embeds, on a machine with none of them', () => {
    const dir = tempDir();
    // fontconfig sees DejaVu only: every other font LibreOffice draws with came from the DOCX.
    const conf = join(dir, 'fonts.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>`,
    );
    execFileSync(
      tool('soffice'),
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file('faq.docx'),
      ],
      { stdio: 'ignore', timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: conf } },
    );
    const pdf = join(dir, 'faq.pdf');
    const text = extract(pdf);
    // (poppler splits LibreOffice's Arabic glyph runs here; the letters are checked by font below)
    for (const word of ['נועה', 'לוי', 'अर्जुन', 'Nguyễn']) expect(text, word).toContain(word);
    const drawn = [1, 2, 3].flatMap((p) => {
      try {
        return fontsOf(pdf, p);
      } catch {
        return [];
      }
    });
    const expected: [string, string][] = [
      ['ዐቢይ', 'NotoSansEthiopic'],
      ['মুহাম্মদ', 'NotoSansBengali'],
      ['விவியன்', 'NotoSansTamil'],
      ['අනුර', 'NotoSansSinhala'],
      ['ហ៊ុន', 'NotoSansKhmer'],
      ['ສອນໄຊ', 'NotoSansLao'],
      ['မင်း', 'NotoSansMyanmar'],
      ['ཚེ', 'NotoSerifTibetan'],
      ['މުޙައްމަދު', 'NotoSansThaana'],
      ['Նիկոլ', 'NotoSansArmenian'],
      ['ირაკლი', 'NotoSansGeorgian'],
      ['נועה', 'NotoSansHebrew'],
      ['حداد', 'Noto'],
    ];
    for (const [word, font] of expected) {
      for (const ch of new Set([...word].filter((c) => /\p{L}/u.test(c)))) {
        const hits = drawn.filter((d) => d.c === ch);
        expect(hits.length, `${word}: ${ch}`).toBeGreaterThan(0);
        expect(
          hits.some((h) => h.font.startsWith(font)),
          `${word}: ${ch} drawn in ${[...new Set(hits.map((h) => h.font))].join(', ')}`,
        ).toBe(true);
      }
    }
    // Latin text too, in the theme's faces the DOCX embeds as subsets: not in the wider DejaVu that
    // LibreOffice would take instead, which makes a two-page memo three (issue 28).
    const latin = drawn.filter((d) => /[A-Za-z]/.test(d.c));
    expect(latin.length).toBeGreaterThan(500);
    const strays = [
      ...new Set(
        latin
          .filter((d) => !/^(\w+\+)?Noto(Serif|Sans)-(Regular|Bold|Italic|BoldItalic)$/.test(d.font))
          .map((d) => d.font),
      ),
    ];
    expect(strays).toEqual([]);
    const faces = new Set(latin.map((d) => d.font.replace(/^\w+\+/, '')));
    for (const face of ['NotoSerif-Regular', 'NotoSans-Bold']) expect([...faces], face).toContain(face);
  }, 120_000);

  it("embeds subsets of the theme's Latin faces with the characters the document draws, the watermark's too, in the faces drawn", async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const { bytes } = await writeDocx(parse('# Œuvre\n\nPlain text with *emphasis*.\n', { watermark: 'ÉBAUCHE' }), {
      theme: set.theme,
      fonts: loadFonts(set.theme),
    });
    const zip = unzipSync(bytes);
    const table = strFromU8(zip['word/fontTable.xml']!);
    const rels = strFromU8(zip['word/_rels/fontTable.xml.rels']!);
    const face = (family: string, kind: string) => {
      const m = new RegExp(
        `<w:font w:name="${family}">(?:(?!</w:font>).)*?<w:${kind} r:id="([^"]+)" w:fontKey="\\{([0-9A-F-]+)\\}"`,
      ).exec(table);
      if (!m) return undefined;
      const part = zip[`word/${new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!}`]!;
      const key = m[2]!
        .replace(/-/g, '')
        .match(/../g)!
        .map((h) => parseInt(h, 16))
        .reverse();
      return fontkit.create(Buffer.from(part.map((b, i) => (i < 32 ? b ^ key[i % 16]! : b)))) as fontkit.Font;
    };
    const has = (f: fontkit.Font | undefined, ch: string) => !!f?.hasGlyphForCodePoint(ch.codePointAt(0)!);
    // The heading (bold, Noto Sans) draws Œ; the watermark (bold, Noto Sans) É; the body (Noto Serif) neither.
    expect(has(face('Noto Sans', 'embedBold'), 'Œ')).toBe(true);
    expect(has(face('Noto Sans', 'embedBold'), 'É')).toBe(true);
    expect(has(face('Noto Serif', 'embedRegular'), 'É')).toBe(false);
    expect(has(face('Noto Serif', 'embedItalic'), 'e')).toBe(true);
    // No Greek or Cyrillic in the document: none in the subsets either (Noto Serif has both).
    expect(has(face('Noto Serif', 'embedRegular'), 'Ж')).toBe(false);
    expect(face('Noto Serif', 'embedBoldItalic')).toBeUndefined(); // no bold italic text
  });

  it('embeds those fonts as ECMA-376 obfuscated parts that give back the font files, with keys that do not change between builds', async () => {
    const zip = unzipSync(readFileSync(file('faq.docx')));
    const table = strFromU8(zip['word/fontTable.xml']!);
    const rels = strFromU8(zip['word/_rels/fontTable.xml.rels']!);
    expect(strFromU8(zip['word/settings.xml']!)).toContain('<w:embedTrueTypeFonts/>');
    expect(strFromU8(zip['[Content_Types].xml']!)).toContain(
      'application/vnd.openxmlformats-officedocument.obfuscatedFont',
    );
    const embeds = [
      ...table.matchAll(
        /<w:font w:name="([^"]+)">(?:(?!<\/w:font>).)*?<w:embedRegular r:id="([^"]+)" w:fontKey="\{([0-9A-F-]+)\}"/g,
      ),
    ];
    const names = embeds.map((m) => m[1]);
    for (const n of [
      'Noto Sans Khmer',
      'Noto Sans Ethiopic',
      'Noto Serif Tibetan',
      'Noto Sans Thaana',
      'Noto Naskh Arabic',
    ])
      expect(names, n).toContain(n);
    // The theme's Latin faces are embedded as subsets of the characters the document draws (and printable ASCII).
    const serif = embeds.find((m) => m[1] === 'Noto Serif')!;
    expect(serif, 'Noto Serif embedded').toBeDefined();
    const serifPart = zip[`word/${new RegExp(`Id="${serif[2]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!}`]!;
    const serifKey = serif[3]!
      .replace(/-/g, '')
      .match(/../g)!
      .map((h) => parseInt(h, 16))
      .reverse();
    const subset = fontkit.create(
      Buffer.from(serifPart.map((b, i) => (i < 32 ? b ^ serifKey[i % 16]! : b))),
    ) as fontkit.Font;
    const whole = readFileSync(
      join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf'),
    );
    expect(subset.familyName).toBe('Noto Serif');
    expect(serifPart.length).toBeLessThan(whole.length / 10);
    for (const ch of 'Nguyễn Page 0123456789 “”–')
      expect(subset.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    expect(subset.hasGlyphForCodePoint(0x17f)).toBe(false); // ſ: in Noto Serif, not in the document
    expect(strFromU8(zip['word/document.xml']!)).not.toContain('ſ');
    const khmer = embeds.find((m) => m[1] === 'Noto Sans Khmer')!;
    const target = new RegExp(`Id="${khmer[2]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
    const part = zip[`word/${target}`]!;
    // Undo the obfuscation by the standard's rule (the first 32 bytes XOR the key's bytes, last first): the font file itself.
    const key = khmer[3]!
      .replace(/-/g, '')
      .match(/../g)!
      .map((h) => parseInt(h, 16))
      .reverse();
    const plain = Buffer.from(part.map((b, i) => (i < 32 ? b ^ key[i % 16]! : b)));
    const original = readFileSync(
      join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans-khmer', '400Regular', 'NotoSansKhmer_400Regular.ttf'),
    );
    expect(plain.equals(original)).toBe(true);
    expect(Buffer.from(part.subarray(0, 32)).equals(original.subarray(0, 32))).toBe(false);
    // The same document written again has the same bytes (docx's random keys are replaced by ones made from the fonts).
    const again = tempDir();
    const r = await runCli(['--data', DATA, '--out', again, '--sources', SOURCES, '--only', 'faq', '--format', 'docx']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(again, NAME, 'faq.docx')).equals(readFileSync(file('faq.docx')))).toBe(true);
  });
});

describe('script runs (UAX #24): common characters take the script of the words around them', () => {
  /** The script code of each character, as text/scripts.ts itemises the text; '-' for Latin and common. */
  const codes = (text: string) => {
    const s = scriptsOf(text);
    let i = 0;
    return [...text]
      .map((c) => {
        const code = s?.[i]?.code ?? '-';
        i += c.length;
        return code;
      })
      .join(' ');
  };

  it("takes each character's script from Script_Extensions, and common ones from their run", () => {
    expect(codes('ケーブル')).toBe('Jpan Jpan Jpan Jpan'); // ー is Common, used with Hiragana and Katakana
    expect(codes('है।')).toBe('Deva Deva Deva'); // the danda is Common, used with Devanagari and Bengali
    expect(codes('আমি।')).toBe('Beng Beng Beng Beng'); // the same danda in Bengali
    expect(codes('عام 2030، ـ')).toBe(Array(11).fill('Arab').join(' ')); // digits, space, comma, tatweel
    expect(codes('“支持、巡逻。”')).toBe(Array(8).fill('Hani').join(' ')); // a quotation mark before the first letter takes its script
    expect(codes('ー')).toBe('Jpan');
    expect(codes('a ー b')).toBe('- - Jpan Jpan -');
  });

  it('a closing bracket takes the script of its opening one', () => {
    expect(codes('Amina (أمينة) said')).toBe('- - - - - - - Arab Arab Arab Arab Arab - - - - - -');
    expect(codes('(ケーブル)')).toBe('Jpan Jpan Jpan Jpan Jpan Jpan');
  });

  it('Latin text is not itemised at all', () => {
    expect(scriptsOf('Plain text, “quoted” – 12 (a) […]')).toBeUndefined();
  });

  it('the PDF draws ー, ।, ، and ـ, 、 and 。 in the font of the letters around them', () => {
    const chars = fontsOf(file('matrix.pdf'), 1).concat(fontsOf(file('matrix.pdf'), 2));
    const fontOf = (c: string) => chars.find((x) => x.c === c)?.font;
    expect(fontOf('ー')).toMatch(/CJK/);
    expect(fontOf('ー')).toBe(fontOf('ケ'));
    expect(fontOf('、')).toBe(fontOf('逻'));
    expect(fontOf('。')).toBe(fontOf('据'));
    expect(fontOf('।')).toBe(fontOf('ै'));
    expect(fontOf('،')).toMatch(/Arabic/);
    expect(fontOf('ـ')).toMatch(/Arabic/);
    expect(fontOf('ـ')).toBe(fontOf('ز'));
    // And the quotations read back whole.
    const text = extract(file('matrix.pdf'));
    for (const q of ['ज़रूरी है।', '海底ケーブルの', '巡逻、分享数据。', 'البحـرية']) expect(text, q).toContain(q);
  });

  it("the DOCX sets them in one run with their words, in the script's font slot", () => {
    const xml = docxXml(file('matrix.docx'));
    const runOf = (text: string) => {
      const at = xml.indexOf(text);
      expect(at, text).toBeGreaterThan(0);
      return xml.slice(xml.lastIndexOf('<w:r>', at), xml.indexOf('</w:r>', at));
    };
    expect(runOf('海底ケーブルの')).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(runOf('巡逻、分享数据。')).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(runOf('ज़रूरी है।')).toMatch(/w:cs="Noto Sans( Devanagari)?"/);
    const arabic = runOf('البحـرية، حتى عام 2030');
    expect(arabic).toMatch(/w:cs="Noto (Sans|Naskh) Arabic"/);
    expect(arabic).toContain('<w:rtl/>');
  });
});

describe("a script's font is read only when its script occurs", () => {
  it('a Latin document reads none of the script families; a Khmer name reads the Khmer family only', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const latin = loadFonts(set.theme);
    await writePdf(parse('# Test\n\nPlain English, “quoted” – 12 (a) […] café.\n'), { theme: set.theme, fonts: latin });
    await writeDocx(parse('# Test\n\nPlain English, “quoted” – 12 (a) […] café.\n'), {
      theme: set.theme,
      fonts: latin,
    });
    expect(latin.families.map((f) => f.name).sort()).toEqual(['DejaVu Sans Mono', 'Noto Sans', 'Noto Serif']);
    const khmer = loadFonts(set.theme);
    await writePdf(parse('# Test\n\nHun Manet (ហ៊ុន ម៉ាណែត).\n'), { theme: set.theme, fonts: khmer });
    expect(khmer.families.map((f) => f.name).sort()).toEqual([
      'DejaVu Sans Mono',
      'Noto Sans',
      'Noto Sans Khmer',
      'Noto Serif',
    ]);
  });
});

describe('Markdown keeps the languages', () => {
  it('names and quotations in other languages are spans with lang, which GitHub shows as their text', () => {
    const md = readFileSync(file('matrix.md'), 'utf8');
    expect(md).toContain('<span lang="ar" dir="rtl">نحن ملتزمون بحماية الممرات البحـرية، حتى عام 2030</span>');
    expect(readFileSync(file('faq.md'), 'utf8')).toContain('<span lang="zh-Hant">陳志明</span>');
  });
});

describe('the glyph check speaks per script and place', () => {
  /** The shipped templates with the CJK entry pointing at a family no machine has. */
  function withoutCjk(): string {
    const dir = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const theme = readFileSync(join(dir, 'theme.yaml'), 'utf8').replaceAll('Noto Sans CJK SC', 'No Such CJK Font');
    writeFileSync(join(dir, 'theme.yaml'), theme);
    return dir;
  }

  it('a PDF: one error per script, at the first place, counting the others, with the install command', async () => {
    const templates = withoutCjk();
    const o = tempDir();
    const r = await runCli(['--data', DATA, '--templates', templates, '--out', o]);
    expect(r.code).toBe(1);
    const li = where(TEXT, '李伟');
    expect(r.stderr).toMatch(
      new RegExp(
        `${NAME}\\.yaml:${li.line}:${li.col}: people\\[4\\]\\.native_name: Chinese characters \\([^)]*U\\+[0-9A-F]{4}[^)]* and \\d+ more\\), and in 5 other places: no font in the body( and heading)? font list has them`,
      ),
    );
    expect(r.stderr).toMatch(/Japanese characters/);
    expect(r.stderr).toMatch(/Korean characters/);
    expect(r.stderr).toMatch(
      /hint: No Such CJK Font is in .*theme\.yaml for Chinese but is not installed: install Noto Sans CJK: sudo apt-get install fonts-noto-cjk/,
    );
    expect(r.stderr.match(/characters \(/g)!.length).toBe(3); // once per script, not once per character
    expect(readdirSync(o)).toEqual([]);
  });

  it('a script no theme font has: --check names the characters, the script and the npm package that covers it', async () => {
    const text = TEXT.replace('native_name: अर्जुन शर्मा, native_lang: hi', 'native_name: ਅਰਜੁਨ ਸ਼ਰਮਾ, native_lang: pa');
    const dir = tempDir();
    const data = join(dir, `${NAME}.yaml`);
    writeFileSync(data, text);
    const o = tempDir();
    const r = await runCli(['--check', '--data', data, '--out', o]);
    expect(r.code).toBe(1);
    const at = where(text, 'ਅਰਜੁਨ');
    expect(r.stderr).toContain(
      `${data}:${at.line}:${at.col}: people[2].native_name: Gurmukhi characters (ਅ U+0A05, ਰ U+0A30, ਜ U+0A1C and 6 more): no font in the body font list has them`,
    );
    expect(r.stderr).toContain(
      'hint: a font for Gurmukhi is in the npm package @expo-google-fonts/noto-sans-gurmukhi: install it and add its family to the font lists in templates/theme.yaml',
    );
    expect(readdirSync(o)).toEqual([]);
  });

  it('--check reports it too, before a build would', async () => {
    const r = await runCli(['--check', '--data', DATA, '--templates', withoutCjk()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Chinese characters/);
  });

  it("a DOCX-only build warns (no theme font to embed: the characters are left to the reader's fonts) and writes", async () => {
    const o = tempDir();
    const r = await runCli(['--data', DATA, '--templates', withoutCjk(), '--out', o, '--format', 'docx,md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /warning: people\[4\]\.native_name: Chinese characters .*: no font in the theme has them; the DOCX leaves them to Word or LibreOffice/,
    );
    expect(existsSync(join(o, NAME, 'faq.docx'))).toBe(true);
  });
});

describe('bidi helpers', () => {
  it('orders runs by rule L2, mirrors brackets, and finds the direction of a paragraph', () => {
    expect(visualOrder([0, 1, 1, 1, 0])).toEqual([0, 3, 2, 1, 4]);
    expect(visualOrder([1, 2, 2, 1])).toEqual([3, 1, 2, 0]);
    expect(mirrored('(a) [b] «c»')).toBe(')a( ]b[ »c«');
    expect(mainDirection('نحن ملتزمون 2030', undefined, 'ltr')).toBe('rtl');
    expect(mainDirection('Amina Haddad (أمينة حداد)', undefined, 'ltr')).toBe('ltr');
    expect(mainDirection('Latin', 'rtl', 'ltr')).toBe('rtl');
  });
});

describe('lines break where each script allows', () => {
  it('Thai and Chinese written without spaces wrap at word boundaries, inside the margins', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const thai = 'เราจะส่งเรือตรวจการณ์สองลำเพื่อความปลอดภัยทางทะเล'.repeat(6);
    const chinese = '我们支持共同巡逻并分享数据以保护印度洋航道的安全'.repeat(8);
    const { bytes } = await writePdf(parse(`# Test\n\n${thai}\n\n${chinese}\n`), {
      theme: set.theme,
      fonts: loadFonts(set.theme),
    });
    const pdf = join(tempDir(), 'breaks.pdf');
    writeFileSync(pdf, bytes);
    const g = glyphs(pdf, 1);
    const right = 595.28 - (22 * 72) / 25.4;
    const lines = (test: RegExp) => {
      const byY = new Map<number, { c: string; x: number }[]>();
      for (const c of g.filter((x) => test.test(x.c))) {
        const y = Math.round(c.y);
        byY.set(y, [...(byY.get(y) ?? []), c]);
      }
      return [...byY.values()];
    };
    const thaiLines = lines(/[\u0e00-\u0e7f]/);
    const chineseLines = lines(/[\u4e00-\u9fff]/);
    expect(thaiLines.length).toBeGreaterThan(2);
    expect(chineseLines.length).toBeGreaterThan(2);
    for (const l of [...thaiLines, ...chineseLines]) expect(Math.max(...l.map((c) => c.x))).toBeLessThan(right + 1);
    // Every Thai line ends where Intl.Segmenter allows a break. pdftotext reads each word's ActualText, so
    // its lines are the paragraph's own characters (mupdf reads glyphs, and ำ is drawn as two).
    const words = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(thai)].map((s) => s.index));
    const thaiText = extract(pdf)
      .split('\n')
      .filter((l) => /[\u0e00-\u0e7f]/.test(l));
    expect(thaiText.join('')).toBe(thai);
    let at = 0;
    for (const l of thaiText.slice(0, -1)) {
      at += l.length;
      expect(words.has(at), `a line ends at ${at}, inside a word`).toBe(true);
    }
  });
});
