import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../src/data/types.js';
import { loadDatasetFile } from '../src/data/load.js';

import { loadTemplates } from '../src/render/templates.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { urlBreaks } from '../src/writers/text/breaks.js';
import { levelsOf, visualOrder } from '../src/writers/text/bidi.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { toMarkdown } from '../src/writers/md.js';
import { strFromU8, unzipSync } from 'fflate';
import { BUILT_CLI, BUNDLED, FIXTURE, parse, ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';

const NAME = 'coalition-of-the-willing-2025-04-10';
let out: string;
let data: Dataset;
let stdout: string;

function text(pdf: string, page?: number): string {
  const args = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync(tool('pdftotext'), [...args, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}
const flat = (s: string) => s.replace(/\s+/g, ' ');
const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))![1]);

beforeAll(async () => {
  out = tempDir('brief-pdf-');
  const r = await runCli(['--data', BUNDLED, '--out', out, '--format', 'pdf']);
  expect(r.code, r.stderr).toBe(0);
  stdout = r.stdout;
  data = (await loadDatasetFile(BUNDLED)).data as Dataset;
});

describe('the PDFs of the bundled dataset', () => {
  it('writes the three documents and prints their page counts', () => {
    const dir = join(out, NAME);
    expect(readdirSync(dir).sort()).toEqual(['faq.pdf', 'matrix.pdf', 'memo.pdf']);
    expect(pageCount(join(dir, 'memo.pdf'))).toBeLessThanOrEqual(2);
    // One line per file on stdout, its page count as pdfinfo reads the file.
    for (const d of ['memo', 'faq', 'matrix']) {
      const line = stdout.split('\n').find((l) => l.startsWith(`${join(dir, `${d}.pdf`)} `));
      expect(line, `no line for ${d}.pdf in:\n${stdout}`).toBeDefined();
      expect(Number(/\s(\d+) p\s/.exec(line!)?.[1]), line).toBe(pageCount(join(dir, `${d}.pdf`)));
    }
  });

  it("carries every person's name exactly as in the data, in real text", () => {
    const all = ['memo', 'faq', 'matrix'].map((d) => flat(text(join(out, NAME, `${d}.pdf`)))).join(' ');
    for (const p of data.people) {
      expect(all, p.name).toContain(p.name);
      if (p.native_name) expect(all, p.native_name).toContain(p.native_name);
    }
    for (const s of ['Pål Jonson', 'Antti Häkkänen', 'Andris Sprūds', 'Sébastien Lecornu', 'Türkiye'])
      expect(all).toContain(s);
  });

  it('prints the marking, the title band and Page N of M on every page', () => {
    for (const d of ['memo', 'faq', 'matrix']) {
      const pdf = join(out, NAME, `${d}.pdf`);
      const n = pageCount(pdf);
      for (let i = 1; i <= n; i++) {
        const t = text(pdf, i);
        expect(t.match(/OFFICIAL/g)?.length, `${d} p${i}`).toBe(2);
        expect(t, `${d} p${i}`).toContain(`Page ${i} of ${n}`);
      }
    }
  });

  it('embeds every font, passes qpdf --check, and is tagged with the PDF/UA identification', () => {
    for (const d of ['memo', 'faq', 'matrix']) {
      const pdf = join(out, NAME, `${d}.pdf`);
      const fonts = execFileSync(tool('pdffonts'), [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) expect(f, f).toMatch(/\s+yes\s+yes\s+yes\s+/); // emb, sub, uni
      const check = spawnSync(tool('qpdf'), ['--check', pdf], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const info = execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      const raw = readFileSync(pdf).toString('latin1');
      expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(raw).toMatch(/\/StructTreeRoot/);
    }
    // Table header cells carry their scope, and note links a description.
    const matrix = readFileSync(join(out, NAME, 'matrix.pdf')).toString('latin1');
    expect(matrix).toMatch(/\/S \/TH[\s\S]{0,200}\/Scope \/Column/);
    expect(matrix).toContain('/Contents (Note 1)');
  });

  it('has an outline from the headings, metadata from the dataset, and working links', () => {
    const pdf = join(out, NAME, 'memo.pdf');
    const json = JSON.parse(
      execFileSync(tool('qpdf'), ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' }),
    ) as { outlines: { title: string; kids: { title: string }[] }[] };
    expect(json.outlines[0]!.title).toBe(
      'Coalition of the Willing: defence ministers on a reassurance force for Ukraine',
    );
    expect(json.outlines[0]!.kids.map((k) => k.title)).toEqual([
      'Bottom line up front',
      'Background',
      'Key points',
      'Positions in brief',
      'Divergences and uncertainties',
      'Outlook and next events',
      'Sources',
    ]);
    const info = execFileSync(tool('pdfinfo'), ['-isodates', pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Coalition of the Willing: defence ministers on a reassurance force for Ukraine/);
    expect(info).toMatch(/Author:\s+Brief \(curated dataset\)/);
    expect(info).toMatch(/CreationDate:\s+2025-04-10T00:00:00Z/);
    expect(info).toMatch(/Keywords:\s+Ukraine, reassurance force/);
    const raw = readFileSync(pdf).toString('latin1');
    // Footnote references jump to the notes and the notes back to the text.
    expect(raw).toMatch(/\/S \/GoTo\s*\/D \(note-1\)/);
    expect(raw).toMatch(/\/S \/GoTo\s*\/D \(ref-1\)/);
  });

  it('memo pages look like the memo: header block on page 1, sources at the end', () => {
    const memo = join(out, NAME, 'memo.pdf');
    const first = flat(text(memo, 1));
    expect(first).toContain(
      'TO: Minister; Political Director FROM: Europe and Security Policy Unit DATE: 10 April 2025',
    );
    expect(first).toContain('Bottom line up front');
    expect(flat(text(memo))).toMatch(
      /Sources .*1\. “Defence Ministers Discuss ‘Reassurance Force’ for Ukraine in Event of Ceasefire”, 10 April 2025\./,
    );
    // A sources list fit to send out: no internal file names.
    expect(text(memo)).not.toMatch(/\.txt\b|\bfile \d/);
  });

  it('matrix is landscape and shows each category with its word', () => {
    const matrix = join(out, NAME, 'matrix.pdf');
    expect(execFileSync(tool('pdfinfo'), [matrix], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const t = flat(text(matrix));
    for (const label of ['★ Leading', '◐ Open', '✗ No', '– Not stated', '∅ n/a']) expect(t).toContain(label);
  });
});

describe('reproducible', () => {
  it('two runs give identical bytes, whatever the clock or time zone', () => {
    // The second run's clock is moved on by 400 days and 7 hours (test/support/shift-clock.mjs), and its zone is 14 hours ahead.
    const run = (tz: string, shiftMs: number, dir: string) => {
      const args = [
        '--import',
        join(ROOT, 'test/support/shift-clock.mjs'),
        BUILT_CLI,
        '--data',
        FIXTURE,
        '--out',
        dir,
        '--format',
        'pdf',
      ];
      const r = spawnSync(process.execPath, args, {
        encoding: 'utf8',
        env: { ...process.env, TZ: tz, BRIEF_TEST_CLOCK_SHIFT: String(shiftMs) },
      });
      expect(r.status, r.stderr).toBe(0);
      return ['memo', 'faq', 'matrix'].map((d) =>
        readFileSync(join(dir, 'fictional-roundtable-2024-11-05', `${d}.pdf`)),
      );
    };
    // The shim itself works: a process started with it reads the moved clock.
    const probe = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'test/support/shift-clock.mjs'), '-e', 'console.log(new Date().getUTCFullYear())'],
      { encoding: 'utf8', env: { ...process.env, BRIEF_TEST_CLOCK_SHIFT: String(3 * 366 * 86_400_000) } },
    );
    expect(Number(probe.stdout.trim()), probe.stderr).toBeGreaterThanOrEqual(new Date().getFullYear() + 3);
    const a = run('UTC', 0, tempDir());
    const b = run('Pacific/Kiritimati', (400 * 24 + 7) * 3_600_000, tempDir());
    a.forEach((bytes, i) => expect(bytes.equals(b[i]!), `document ${i}`).toBe(true));
  });
});

describe('tables across pages', () => {
  it('an 80-row table repeats its header row on every page it spans', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const fonts = loadFonts(set.theme);
    const rows = Array.from(
      { length: 80 },
      (_, i) => `| Row ${i + 1} | ${'a long cell with several words that must wrap '.repeat((i % 3) + 1)} | ✓ Yes |`,
    );
    const md = `# Long table\n\n| Column Alpha | Column Beta | Column Gamma |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
    const doc = parse(md, {
      title: 'Long table & <friends>',
      subject: 'A & B < C',
      keywords: ['x'],
      date: new Date('2025-01-01T00:00:00Z'),
    });
    const { bytes, pages = 0 } = await writePdf(doc, { theme: set.theme, fonts });
    const file = join(mkdtempSync(join(tmpdir(), 'brief-table-')), 'table.pdf');
    writeFileSync(file, bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const t = text(file, p);
      expect(t, `page ${p}`).toContain('Column Alpha');
      expect(t, `page ${p}`).toContain('Column Gamma');
    }
    const all = flat(text(file));
    for (let i = 1; i <= 80; i++) expect(all).toContain(`Row ${i} `);
    // & and < in metadata are escaped in the XMP, and read back intact.
    expect(spawnSync(tool('qpdf'), ['--check', file]).status).toBe(0);
    expect(readFileSync(file).toString('latin1')).toContain('Long table &amp; &lt;friends&gt;');
    expect(execFileSync(tool('pdfinfo'), [file], { encoding: 'utf8' })).toMatch(/Title:\s+Long table & <friends>/);
  });
});

describe('long words', () => {
  it('break inside a table cell rather than run past the cell or the page', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const word = 'Ramstein'.repeat(30);
    const md = `# Words\n\n| A | B |\n| --- | --- |\n| ${word} | short |\n\nAnd in running text: ${word}.\n`;
    const { bytes } = await writePdf(parse(md, { title: 'Words' }), { theme: set.theme, fonts: loadFonts(set.theme) });
    const file = join(mkdtempSync(join(tmpdir(), 'brief-words-')), 'words.pdf');
    writeFileSync(file, bytes);
    const html = execFileSync(tool('pdftotext'), ['-bbox', file, '-'], { encoding: 'utf8' });
    const page = /<page width="([\d.]+)"/.exec(html)!;
    const right = Number(page[1]) - (22 * 72) / 25.4; // the right margin
    const boxes = [
      ...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ];
    const pieces = boxes.filter((b) => b[3]!.includes('Ramstein'));
    expect(pieces.length).toBeGreaterThan(2); // broken over several lines
    for (const b of pieces) expect(Number(b[2]), b[3]).toBeLessThanOrEqual(right + 0.5);
    expect(flat(text(file)).replace(/\s/g, '')).toContain(word);
  });
});

describe('glyph check', () => {
  it('a character no embedded font has is an error naming the code point and its place; nothing is written', async () => {
    const text0 = readFileSync(FIXTURE, 'utf8').replace('Funding was left open.', 'Funding was left open 𓀀.');
    const file = writeTemp('fictional-roundtable-2024-11-05.yaml', text0);
    const dir = tempDir();
    const r = await runCli(['--data', file, '--out', dir, '--format', 'pdf,md']);
    expect(r.code).toBe(1);
    const { line, col } = where(text0, '𓀀');
    expect(r.stderr).toContain(
      `${file}:${line}:${col}: claims[1].text: the character 𓀀 (U+13000): no font in the body font list has it`,
    );
    expect(r.stderr).toContain('hint: add a font that has it to the font lists in templates/theme.yaml');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a character written as a YAML escape is found at its scalar, not blamed on generated text', async () => {
    const text0 = readFileSync(FIXTURE, 'utf8').replace(
      'text: Funding was left open.,',
      'text: "Funding was left open \\U00013000.",',
    );
    expect(text0).toContain('\\U00013000');
    const file = writeTemp('fictional-roundtable-2024-11-05.yaml', text0);
    const dir = tempDir();
    const r = await runCli(['--data', file, '--out', dir, '--format', 'pdf']);
    expect(r.code).toBe(1);
    const { line, col } = where(text0, '"Funding was left open');
    expect(r.stderr).toContain(
      `${file}:${line}:${col}: claims[1].text: the character 𓀀 (U+13000): no font in the body font list has it`,
    );
    expect(r.stderr).not.toContain('(generated text)');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('web addresses (issue 28, item 4)', () => {
  it('urlBreaks: after a slash, before . ? # & = and -, never right after a hyphen nor inside "://"', () => {
    const url = 'https://news.example.org/a-b--c/x?q=1&r=2#top';
    const at = [...urlBreaks(url)!].map((i) => `${url[i - 1]}|${url[i]}`);
    // Not inside "https://", not after "org" before its slash, not between or after the hyphens of "b--c".
    expect(at).toEqual(['s|.', 'e|.', '/|a', 'a|-', 'b|-', '/|x', 'x|?', 'q|=', '1|&', 'r|=', '2|#']);
    expect(urlBreaks('not-an-address')).toBeUndefined();
    expect(urlBreaks('www.example.org/long-path')!.has(4)).toBe(false);
  });

  it('a long address in the PDF breaks only at those points', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const url =
      'https://www.example-news-agency.org/2025/04/10/defence-ministers-discuss-reassurance-force-for-ukraine-in-event-of-ceasefire-and-what-comes-next?utm_source=rss&utm_medium=feed#section-two';
    const md = `# Addresses\n\nIn running text, a report at ${url} and more.\n\nAgain: ${url}\n`;
    const { bytes } = await writePdf(parse(md, { title: 'Addresses' }), {
      theme: set.theme,
      fonts: loadFonts(set.theme),
    });
    const file = join(mkdtempSync(join(tmpdir(), 'brief-urls-')), 'urls.pdf');
    writeFileSync(file, bytes);
    const lines = execFileSync(tool('pdftotext'), ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let breaks = 0;
    for (const [i, line] of lines.entries()) {
      const next = lines[i + 1] ?? '';
      const tail = /\S+$/.exec(line)?.[0] ?? '';
      if (!/^https:\/\/|example/.test(tail) || !next || url.endsWith(tail) || tail === url) continue;
      const head = /^\S+/.exec(next)![0];
      // The two pieces join into the address, at a point urlBreaks allows: never after a hyphen.
      const joined = url.indexOf(tail + head.slice(0, 3));
      if (joined < 0) continue;
      breaks++;
      expect(tail.endsWith('-'), `${tail} | ${head}`).toBe(false);
      expect(urlBreaks(url)!.has(joined + tail.length), `${tail} | ${head}`).toBe(true);
    }
    expect(breaks).toBeGreaterThan(0);
  });
});

describe('addresses in any script (issue 37, item 4)', () => {
  const url = 'https://news.example.ir/370361-ایران-عضو-بریکس/12';
  // As the address should look: its parts left to right, each right-to-left word read right to left.
  const looks = url.replace(/[\u0600-\u06ff]+/g, (w) => [...w].reverse().join(''));

  it('a web address is one left-to-right isolate: never reordered, in left-to-right and right-to-left paragraphs', () => {
    for (const [text, base] of [
      [`خبر ${url} خبر`, 'rtl'],
      [`Report ${url} .`, 'ltr'],
      [`گزارش ${url}`, 'ltr'],
    ] as const) {
      const levels = levelsOf(text, base)!;
      const shown = visualOrder([...levels])
        .map((i) => text[i])
        .join('');
      expect(shown, `${base}: ${text}`).toContain(looks);
    }
  });

  it('the PDF draws an Arabic-script address in its logical order', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const md = `# Addresses\n\nگزارش ${url}\n\nA report: [${url}](${url})\n`;
    const { bytes } = await writePdf(parse(md, { title: 'Addresses' }), {
      theme: set.theme,
      fonts: loadFonts(set.theme),
    });
    const file = join(mkdtempSync(join(tmpdir(), 'brief-urls-')), 'urls.pdf');
    writeFileSync(file, bytes);
    const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // The ASCII characters of each drawn line, left to right by position (mutool adds a space at a change of direction).
    const rows = new Map<string, [number, string][]>();
    for (const m of xml.matchAll(/<char [^>]*x="([\d.]+)" y="([\d.]+)"[^>]*c="([^"]*)"/g)) {
      if (!rows.has(m[2]!)) rows.set(m[2]!, []);
      rows
        .get(m[2]!)!
        .push([
          Number(m[1]),
          m[3]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))),
        ]);
    }
    const ascii = [...rows.values()].map((r) =>
      r
        .sort((a, b) => a[0] - b[0])
        .map((c) => c[1])
        .join('')
        .replace(/[^!-~]/g, ''),
    );
    const skeleton = url.replace(/[^!-~]/g, '');
    expect(
      ascii.filter((l) => l.includes(skeleton)),
      ascii.join('\n'),
    ).toHaveLength(2);
  });

  it('DOCX: the address is one run with no w:rtl, bare or linked; Markdown keeps it as written', async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const doc = parse(`# Addresses\n\nگزارش ${url} خبر\n\nA report: [${url}](${url})\n`, { title: 'Addresses' });
    const xml = strFromU8(
      unzipSync((await writeDocx(doc, { theme: set.theme, fonts: loadFonts(set.theme) })).bytes)['word/document.xml']!,
    );
    const runs = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => m[0]);
    const inUrl = runs.filter((r) => /<w:t[^>]*>[^<]*(370361|عضو|\/12)/.test(r));
    const shown = inUrl.map((r) => /<w:t[^>]*>([^<]*)</.exec(r)![1]!);
    // Without its break points, word joiners and left-to-right marks (urls.ts), the address as written, in one run.
    expect(shown.map((t) => t.replace(/[\u200b\u2060\u200e]/gu, ''))).toEqual([url, url]);
    for (const r of inUrl) expect(r, r).not.toContain('<w:rtl/>');
    // The prose around it stays right to left.
    expect(runs.some((r) => r.includes('گزارش') && r.includes('<w:rtl/>'))).toBe(true);
    // A bare address is linked as a written one is: both are link runs, and Markdown gives each as written.
    expect(toMarkdown(doc).split(`[${url}](`)).toHaveLength(3);
  });
});
