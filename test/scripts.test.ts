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
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import { mainDirection, mirrored, visualOrder } from '../src/writers/text/bidi.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { parse, ROOT, runCli, tempDir, tool, where } from './helpers.js';

const NAME = 'multiscript-ministerial-2025-06-12';
const DATA = join(ROOT, 'test', 'fixtures', 'scripts', `${NAME}.yaml`);
const SOURCES = join(ROOT, 'test', 'fixtures', 'scripts', 'sources');
const TEXT = readFileSync(DATA, 'utf8');

/** pdftotext's output without the embedding marks it puts around right-to-left runs. */
const extract = (file: string) => execFileSync(tool('pdftotext'), [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
/** Glyphs with their positions, from mupdf (which reads each glyph's own Unicode, not ActualText). */
function glyphs(file: string, page: number): { c: string; x: number; y: number }[] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file, String(page)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return [...xml.matchAll(/<char quad="([\d.\s-]+)"[^>]*c="([^"]*)"/g)].map((m) => {
    const q = m[1]!.trim().split(/\s+/).map(Number);
    const c = m[2]!.replace(/&#x([0-9a-f]+);/gi, (_e, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return { c, x: q[0]!, y: q[1]! };
  });
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
    expect(native.length).toBe(10);
    expect(quotes.length).toBe(7);
    for (const s of [...native, ...quotes, 'Nguyễn Thị Hương']) {
      // Right-to-left words and CJK runs are whole; how a reader orders a line that mixes directions is its own business.
      for (const word of s.split(' ')) expect(text, s).toContain(word);
    }
    expect(text).toContain('हर दिन समुद्र में सुरक्षा ज़रूरी है');
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
    const three = line.find((g) => g.c === '3' && g.x > Math.min(...hebrew.map((h) => h.x)) && g.x < Math.max(...hebrew.map((h) => h.x)))!;
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
    for (const f of ['NotoSerif', 'NotoNaskhArabic', 'NotoSansHebrew', 'NotoSansDevanagari', 'NotoSansThai', 'NotoSansCJK']) expect(fonts, f).toContain(f);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line, line).toMatch(/yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    expect(spawnSync(tool('qpdf'), ['--check', file('faq.pdf')]).status).toBe(0);
  });

  it('tags each run in another script with its language, and reordered Devanagari with its ActualText', () => {
    // qpdf's JSON (version 2): objects under qpdf[1], strings as "u:text".
    const json = JSON.parse(execFileSync(tool('qpdf'), ['--json', '--json-key=qpdf', file('matrix.pdf')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const spans = Object.values(json.qpdf[1]).map((o) => o.value).filter((v): v is Record<string, string> => !!v && typeof v === 'object' && v['/S'] === '/Span');
    const langs = new Set(spans.map((s) => s['/Lang']).filter(Boolean).map((l) => String(l).replace(/^u:/, '')));
    for (const l of ['ar', 'he', 'hi', 'th', 'zh-Hans', 'ja', 'ko']) expect([...langs].some((x) => x.includes(l)), l).toBe(true);
    expect(spans.some((s) => String(s['/ActualText'] ?? '').includes('हर'))).toBe(true);
  });

  it('a paragraph written right to left sits against the right margin', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const { bytes } = await writePdf(parse('# Test\n\nنحن ملتزمون بحماية الممرات البحرية\n\nAn English line.\n'), { theme: set.theme, fonts: loadFonts(set.theme) });
    const pdf = join(tempDir(), 'rtl.pdf');
    writeFileSync(pdf, bytes);
    const g = glyphs(pdf, 1);
    const arabic = g.filter((c) => /[\u0600-\u06ff\ufb50-\ufeff]/.test(c.c));
    const english = g.filter((c) => /[a-z]/i.test(c.c) && c.y > Math.max(...arabic.map((a) => a.y)));
    const right = 595.28 - 22 * 72 / 25.4;
    expect(Math.max(...arabic.map((a) => a.x))).toBeGreaterThan(right - 12);
    expect(Math.min(...english.map((e) => e.x))).toBeLessThan(70);
  });
});

describe('DOCX: Word and LibreOffice shape and order the text themselves', () => {
  it('right-to-left runs carry w:rtl, the complex-script font and size, and their language', () => {
    const xml = docxXml(file('faq.docx'));
    const run = (text: string) => {
      const at = xml.indexOf(`>${text}<`);
      return xml.slice(xml.lastIndexOf('<w:r>', at), at);
    };
    expect(run('أمينة')).toMatch(/<w:rFonts [^>]*w:cs="Noto (Naskh|Sans) Arabic"/);
    expect(run('أمينة')).toContain('<w:szCs w:val="20"/>');
    expect(run('أمينة')).toContain('<w:rtl/>');
    const named = xml.indexOf('>נועה<', xml.indexOf('Who is who'));
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
    const { bytes } = await writeDocx(parse('# Test\n\nنحن ملتزمون بحماية الممرات البحرية\n\nAn English line with عربي inside.\n'), { theme: set.theme, fonts: loadFonts(set.theme) });
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const paragraphs = xml.split('<w:p>').slice(1);
    const arabic = paragraphs.find((p) => p.includes('ملتزمون'))!;
    const english = paragraphs.find((p) => p.includes('An English line'))!;
    expect(arabic).toContain('<w:bidi/>');
    expect(english).not.toContain('<w:bidi/>');
  });

  it('LibreOffice converts it with every word intact', () => {
    const dir = tempDir();
    execFileSync(tool('soffice'), ['--headless', '--convert-to', 'pdf', '--outdir', dir, file('faq.docx')], { stdio: 'ignore', timeout: 120_000 });
    const text = extract(join(dir, 'faq.pdf'));
    for (const word of ['أمينة', 'حداد', 'נועה', 'לוי', 'अर्जुन', '李伟', '佐藤由紀', '김민준', 'Nguyễn']) expect(text, word).toContain(word);
  }, 120_000);
});

describe('Markdown keeps the languages', () => {
  it('names and quotations in other languages are spans with lang, which GitHub shows as their text', () => {
    const md = readFileSync(file('matrix.md'), 'utf8');
    expect(md).toContain('<span lang="ar">نحن ملتزمون بحماية الممرات البحرية حتى عام 2030</span>');
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
    expect(r.stderr).toMatch(new RegExp(`${NAME}\\.yaml:${li.line}:${li.col}: people\\[4\\]\\.native_name: Chinese characters \\([^)]*U\\+[0-9A-F]{4}[^)]* and \\d+ more\\), and in 5 other places: no font in the body and heading font list has them`));
    expect(r.stderr).toMatch(/Japanese characters/);
    expect(r.stderr).toMatch(/Korean characters/);
    expect(r.stderr).toMatch(/hint: No Such CJK Font is in .*theme\.yaml for Chinese but is not installed: install Noto Sans CJK: sudo apt-get install fonts-noto-cjk/);
    expect(r.stderr.match(/characters \(/g)!.length).toBe(3); // once per script, not once per character
    expect(readdirSync(o)).toEqual([]);
  });

  it('--check reports it too, before a build would', async () => {
    const r = await runCli(['--check', '--data', DATA, '--templates', withoutCjk()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Chinese characters/);
  });

  it('a DOCX-only build warns (the DOCX embeds no fonts) and writes', async () => {
    const o = tempDir();
    const r = await runCli(['--data', DATA, '--templates', withoutCjk(), '--out', o, '--format', 'docx,md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: people\[4\]\.native_name: Chinese characters .*: no font in the theme has them; the DOCX leaves them to Word or LibreOffice/);
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
    const { bytes } = await writePdf(parse(`# Test\n\n${thai}\n\n${chinese}\n`), { theme: set.theme, fonts: loadFonts(set.theme) });
    const pdf = join(tempDir(), 'breaks.pdf');
    writeFileSync(pdf, bytes);
    const g = glyphs(pdf, 1);
    const right = 595.28 - 22 * 72 / 25.4;
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
    const thaiText = extract(pdf).split('\n').filter((l) => /[\u0e00-\u0e7f]/.test(l));
    expect(thaiText.join('')).toBe(thai);
    let at = 0;
    for (const l of thaiText.slice(0, -1)) {
      at += l.length;
      expect(words.has(at), `a line ends at ${at}, inside a word`).toBe(true);
    }
  });
});
