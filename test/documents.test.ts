// Template authors own the documents (issue 14): any NAME.md.hbs is a
// document, with its own settings in front matter.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BUNDLED, FIXTURE, ROOT, runCli, tempDir, tool, writeTemp } from './helpers.js';

const PRESS = join(ROOT, 'docs', 'examples', 'press.md.hbs');
const DATASET = 'coalition-of-the-willing-2025-04-10';

/** A copy of the shipped templates, edited. */
function templatesWith(edit: (dir: string) => void): string {
  const dir = join(tempDir('brief-docs-'), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  edit(dir);
  return dir;
}

const pdfText = (pdf: string) => execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
const pageSize = (pdf: string) =>
  /Page size:\s+([\d.]+) x ([\d.]+)/
    .exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))!
    .slice(1, 3)
    .map(Number);

describe('a document is a template file', () => {
  it('a press-lines template dropped beside the others gives press.pdf, press.docx and press.md with its own marking', async () => {
    const templates = templatesWith((dir) => cpSync(PRESS, join(dir, 'press.md.hbs')));
    const out = tempDir('brief-docs-out-');
    const r = await runCli(['--data', BUNDLED, '--templates', templates, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(out, DATASET)).sort();
    // The matrix's five figures (one per question) are SVG files beside its Markdown.
    const figures = [1, 2, 3, 4, 5].map((n) => `matrix-figure-${n}.svg`);
    expect(files).toEqual(
      ['faq', 'matrix', 'memo', 'press'].flatMap((d) => [
        ...(d === 'matrix' ? figures : []),
        `${d}.docx`,
        `${d}.md`,
        `${d}.pdf`,
      ]),
    );
    const md = readFileSync(join(out, DATASET, 'press.md'), 'utf8');
    expect(md.startsWith('**UNCLASSIFIED**\n')).toBe(true);
    expect(md.trimEnd().endsWith('**UNCLASSIFIED**')).toBe(true);
    const text = pdfText(join(out, DATASET, 'press.pdf'));
    expect(text).toContain('UNCLASSIFIED');
    expect(text).not.toContain('OFFICIAL\n');
    expect(text).toContain('Press lines: Coalition of the Willing, 10 April 2025');
    // The other documents keep the theme's marking.
    expect(pdfText(join(out, DATASET, 'memo.pdf'))).toContain('OFFICIAL');
    expect(pdfText(join(out, DATASET, 'memo.pdf'))).not.toContain('UNCLASSIFIED');
    const zip = unzipSync(readFileSync(join(out, DATASET, 'press.docx')));
    const headers = Object.keys(zip)
      .filter((k) => /^word\/(header|footer)\d*\.xml$/.test(k))
      .map((k) => strFromU8(zip[k]!))
      .join('');
    expect(headers).toContain('UNCLASSIFIED');
    expect(headers).not.toContain('>OFFICIAL<');
  });

  it('--only takes any document the folder holds, and an unknown one lists them', async () => {
    const templates = templatesWith((dir) => cpSync(PRESS, join(dir, 'press.md.hbs')));
    const out = tempDir('brief-docs-out-');
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'press',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, DATASET))).toEqual(['press.md']);
    const bad = await runCli(['--data', BUNDLED, '--templates', templates, '--out', out, '--only', 'pres']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--only: no document "pres" in .*templates \(it holds memo, faq, matrix, changes, press\)/,
    );
    expect(readdirSync(join(out, DATASET))).toEqual(['press.md']);
  });

  it('a templates folder may hold fewer documents', async () => {
    const templates = templatesWith((dir) => {
      rmSync(join(dir, 'faq.md.hbs'));
      rmSync(join(dir, 'matrix.md.hbs'));
    });
    const out = tempDir('brief-docs-out-');
    const r = await runCli(['--data', BUNDLED, '--templates', templates, '--out', out, '--format', 'md', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, DATASET))).toEqual(['memo.md']);
  });

  it("--list shows what a templates folder holds, with each document's settings", async () => {
    const templates = templatesWith((dir) => cpSync(PRESS, join(dir, 'press.md.hbs')));
    const r = await runCli(['--templates', templates, '--list']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/templates: 5 documents$/);
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['memo', 'faq', 'matrix', 'changes', 'press']);
    expect(r.stdout).toMatch(/press\s+kind: Press lines; portrait; A4; marking: UNCLASSIFIED; pages: 1/);
    expect(r.stdout).toMatch(/memo\s+kind: Briefing memo; portrait; A4; marking: OFFICIAL; pages: 2/);
  });

  it('names that cannot be file names are not documents', async () => {
    const templates = templatesWith((dir) => {
      writeFileSync(join(dir, 'Press Lines.md.hbs'), readFileSync(PRESS));
      writeFileSync(join(dir, '.hidden.md.hbs'), readFileSync(PRESS));
    });
    const r = await runCli(['--templates', templates, '--list']);
    expect(r.stdout).toMatch(/templates: 4 documents$/m);
  });
});

describe("front matter sets each document's page", () => {
  it('paper, orientation, margins and language per document', async () => {
    const templates = templatesWith((dir) => {
      const press = readFileSync(PRESS, 'utf8').replace(
        'orientation: portrait\n',
        'orientation: portrait\npaper: A5\nmargins: { top: 12, bottom: 12, left: 14, right: 14 }\nlanguage: en-US\n',
      );
      writeFileSync(join(dir, 'press.md.hbs'), press);
    });
    const out = tempDir('brief-docs-out-');
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'press,memo',
      '--format',
      'pdf,docx',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [w, h] = pageSize(join(out, DATASET, 'press.pdf'));
    expect(Math.round(w!)).toBe(420);
    expect(Math.round(h!)).toBe(595);
    expect(pageSize(join(out, DATASET, 'memo.pdf')).map(Math.round)).toEqual([595, 842]);
    // The text starts 14 mm from the left edge (40 pt), where the theme's margin is 22 mm (62 pt).
    const stext = execFileSync(
      tool('mutool'),
      ['draw', '-F', 'stext', '-o', '-', join(out, DATASET, 'press.pdf'), '1'],
      { encoding: 'utf8' },
    );
    const xs = [...stext.matchAll(/<line bbox="([\d.]+) /g)].map((m) => Number(m[1]));
    expect(Math.round(Math.min(...xs))).toBe(40);
    expect(readFileSync(join(out, DATASET, 'press.pdf')).toString('latin1')).toMatch(/\/Lang \(en-US\)/);
    const docx = strFromU8(unzipSync(readFileSync(join(out, DATASET, 'press.docx')))['word/document.xml']!);
    expect(docx).toMatch(/<w:pgSz w:w="8391" w:h="11906"/);
    expect(docx).toMatch(/<w:pgMar w:top="680" w:right="794" w:bottom="680" w:left="794"/);
  });

  it('a misspelt or bad setting is an error at its position, with a did-you-mean, and nothing is written', async () => {
    const templates = templatesWith((dir) => {
      writeFileSync(
        join(dir, 'press.md.hbs'),
        readFileSync(PRESS, 'utf8')
          .replace('marking: UNCLASSIFIED', 'markng: UNCLASSIFIED')
          .replace('orientation: portrait', 'orientation: portrait\npaper: A3'),
      );
    });
    const out = tempDir('brief-docs-out-');
    const r = await runCli(['--data', BUNDLED, '--templates', templates, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /press\.md\.hbs:4:1: markng: unknown front matter setting "markng"\n\s+hint: did you mean "marking"\?/,
    );
    expect(r.stderr).toMatch(
      /press\.md\.hbs:6:8: paper: "A3" is not one of the allowed values: "A4", "A5", "Letter", "Legal"/,
    );
    expect(existsSync(join(out, DATASET))).toBe(false);
  });
});

/** Lines of text on each page with their boxes, from mutool's structured text. */
function textLines(pdf: string): { page: number; x0: number; y0: number; x1: number; y1: number; text: string }[][] {
  const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', pdf], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return xml
    .split('<page ')
    .slice(1)
    .map((page, p) =>
      page
        .split('<line ')
        .slice(1)
        .map((l) => {
          const [x0, y0, x1, y1] = /bbox="([^"]+)"/.exec(l)![1]!.split(' ').map(Number) as [
            number,
            number,
            number,
            number,
          ];
          const text = [...l.matchAll(/ c="([^"]*)"/g)]
            .map((m) =>
              m[1]!
                .replace(/&amp;/g, '&')
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16))),
            )
            .join('');
          return { page: p + 1, x0, y0, x1, y1, text };
        }),
    );
}

describe('header and footer bands never overprint', () => {
  const LONG =
    "OFFICIAL-SENSITIVE: PERSONAL — FOR NAMED RECIPIENTS ONLY; NOT FOR ONWARD TRANSMISSION WITHOUT THE AUTHOR'S CONSENT (V.3)";

  it.each([
    ['A4', 'portrait'],
    ['A4', 'landscape'],
    ['A5', 'portrait'],
  ])('a %s %s page with a marking of 120 characters', async (paper, orientation) => {
    expect(LONG.length).toBe(120);
    const templates = templatesWith((dir) => {
      const press = readFileSync(PRESS, 'utf8')
        .replace('marking: UNCLASSIFIED', `marking: "${LONG}"`)
        .replace('orientation: portrait', `orientation: ${orientation}\npaper: ${paper}`);
      writeFileSync(join(dir, 'press.md.hbs'), press);
    });
    const out = tempDir('brief-docs-out-');
    // A numbered copy adds its line under the footer band: it must not overprint either.
    const recipients = writeTemp(
      'recipients.yaml',
      '- name: Dr Anna-Maria Vasconcelos-Oyelaran\n  organisation: Directorate-General for Neighbourhood and Enlargement Negotiations, Eastern Partnership Unit\n',
    );
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'press',
      '--format',
      'pdf,docx,md',
      '--recipients',
      recipients,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // In the DOCX, a marking this long takes a centred line of its own in the header and the footer, where it wraps.
    const zip = unzipSync(readFileSync(join(out, DATASET, 'press.docx')));
    for (const part of Object.keys(zip).filter((k) => /^word\/(header|footer)\d*\.xml$/.test(k))) {
      const paragraphs = strFromU8(zip[part]!).split('<w:p>').slice(1);
      const own = paragraphs.find((p) => p.includes('CONSENT'))!;
      expect(own, part).toContain('<w:jc w:val="center"/>');
      expect(own, part).not.toContain('<w:tab/>');
    }
    const pdf = join(out, DATASET, 'press.pdf');
    const copy = join(out, DATASET, 'copies', 'press-copy-01.pdf');
    const [, height] = pageSize(pdf) as [number, number];
    const copyLines = textLines(copy);
    for (const lines of copyLines) {
      const foot = lines
        .filter((l) => l.y0 > height - 60)
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' ');
      // On one line: the recipient whole, a long organisation cut with an ellipsis (the metadata and the register keep it whole).
      expect(foot).toMatch(
        /Copy 1 of 1: Dr Anna-Maria Vasconcelos-Oyelaran, Directorate-General for Neighbourhood(?: and Enlargement Negotiations, Eastern Partnership Unit|[^…]*…)/,
      );
      expect(Math.max(...lines.map((l) => l.y1))).toBeLessThanOrEqual(height);
    }
    for (const lines of [...textLines(pdf), ...copyLines]) {
      // The band lines: above the first heading and below the last body line (within 60 pt of an edge).
      const band = lines.filter((l) => l.y1 < 60 || l.y0 > height - 60);
      expect(band.length).toBeGreaterThanOrEqual(5);
      for (let a = 0; a < band.length; a++) {
        for (let b = a + 1; b < band.length; b++) {
          const A = band[a]!;
          const B = band[b]!;
          const overlap =
            Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0) > 0.5 && Math.min(A.y1, B.y1) - Math.max(A.y0, B.y0) > 0.5;
          expect(overlap, `page ${A.page}: "${A.text}" and "${B.text}"`).toBe(false);
        }
      }
      // The page number is always whole, and on A4 the whole marking is there.
      expect(band.map((l) => l.text).join(' ')).toMatch(/Page \d+ of \d+/);
      if (paper === 'A4') {
        const head = band.filter((l) => l.y1 < 60).map((l) => l.text);
        expect(head.join(' ').replace(/\s+/g, ' ')).toContain(LONG.split(' ').slice(0, -1).join(' '));
        expect(head.join(' ')).toContain('CONSENT');
      }
    }
    // The Markdown carries the marking whole.
    expect(readFileSync(join(out, DATASET, 'press.md'), 'utf8')).toContain(`**${LONG}**`);
  });
});

describe('languages: the words Brief prints itself come from templates/labels', () => {
  it('a French memo has French dates, labels, counts and page numbers in every format', async () => {
    const templates = templatesWith((dir) =>
      cpSync(join(ROOT, 'docs', 'examples', 'memo-fr.md.hbs'), join(dir, 'memo-fr.md.hbs')),
    );
    const out = tempDir('brief-docs-out-');
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo-fr,memo',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, DATASET, 'memo-fr.md'), 'utf8');
    expect(md).toContain('**DATE\u202f:** 10 avril 2025');
    // The dataset's words keep their language (English) inside the French sentences.
    expect(md).toContain(
      'Des ministres de la Défense (environ 30 <span lang="en-GB">countries</span>) se sont réunis à <span lang="en-GB">Brussels</span> (<span lang="en-GB">NATO headquarters</span>) le 10 avril 2025.',
    );
    expect(md).toContain(
      'Pays hôtes\u202f: <span lang="en-GB">United Kingdom</span> et <span lang="en-GB">France</span>.',
    );
    expect(md).toMatch(/<span data-category="leading">★\sEn\stête<\/span>/u);
    expect(md).toMatch(/<span data-category="undecided">\?\sIndécis<\/span>/u);
    expect(md).toContain('<span lang="en-GB">Ukraine Defence Contact Group ("Ramstein group")</span>, 11 avril 2025');
    expect(md).toContain('d’après cinq sources.');
    expect(md).toMatch(/^\[\^3\]: .*, non daté\.$/m);
    // What Brief writes itself is French; what the dataset says stays in its own words (its subject line has "10 April 2025").
    expect(md).not.toMatch(/undated|Leading<|Undecided<|sources;|, 11 April 2025|\d April 2025\.\[/);
    const text = pdfText(join(out, DATASET, 'memo-fr.pdf'));
    expect(text).toContain('Page 1 sur 2');
    expect(text).toContain('10 avril 2025');
    expect(readFileSync(join(out, DATASET, 'memo-fr.pdf')).toString('latin1')).toMatch(/\/Lang \(fr\)/);
    const zip = unzipSync(readFileSync(join(out, DATASET, 'memo-fr.docx')));
    expect(strFromU8(zip['word/styles.xml']!)).toMatch(/<w:lang w:val="fr"\/>/);
    const footer = Object.keys(zip)
      .filter((k) => /^word\/footer\d*\.xml$/.test(k))
      .map((k) => strFromU8(zip[k]!))
      .join('');
    expect(footer).toMatch(/>Page <\/w:t>[\s\S]*PAGE[\s\S]*> sur <\/w:t>[\s\S]*NUMPAGES/);
    // The memo beside it stays in the dataset's English.
    const memo = readFileSync(join(out, DATASET, 'memo.md'), 'utf8');
    expect(memo).toContain('**DATE:** 10 April 2025');
    expect(pdfText(join(out, DATASET, 'memo.pdf'))).toContain('Page 1 of 2');
    expect(strFromU8(unzipSync(readFileSync(join(out, DATASET, 'memo.docx')))['word/styles.xml']!)).toMatch(
      /<w:lang w:val="en-GB"\/>/,
    );
  });

  it("a French memo of an English dataset tags the dataset's prose as English, and the memo in English does not", async () => {
    const templates = templatesWith((dir) =>
      cpSync(join(ROOT, 'docs', 'examples', 'memo-fr.md.hbs'), join(dir, 'memo-fr.md.hbs')),
    );
    const out = tempDir('brief-docs-out-');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo-fr,memo',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const name = 'fictional-roundtable-2024-11-05';
    const SUMMARY = 'Nine Baltic Sea states agreed in principle to patrol undersea cables together.';
    expect(readFileSync(join(out, name, 'memo-fr.md'), 'utf8')).toContain(`<span lang="en-GB">${SUMMARY}</span>`);
    expect(readFileSync(join(out, name, 'memo.md'), 'utf8')).not.toContain('<span lang="en-GB">');
    // PDF: the summary is a Span with /Lang en-GB inside the French document (qpdf's JSON, strings as "u:text").
    const spans = (pdf: string) => {
      const json = JSON.parse(
        execFileSync(tool('qpdf'), ['--json', '--json-key=qpdf', pdf], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        }),
      ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
      return Object.values(json.qpdf[1])
        .map((o) => o.value)
        .filter((v): v is Record<string, string> => !!v && typeof v === 'object' && v['/S'] === '/Span');
    };
    expect(spans(join(out, name, 'memo-fr.pdf')).filter((s) => s['/Lang'] === 'u:en-GB').length).toBeGreaterThan(3);
    expect(spans(join(out, name, 'memo.pdf')).filter((s) => s['/Lang'] === 'u:en-GB')).toEqual([]);
    // DOCX: the run of the summary carries w:lang en-GB; the French words around it carry the document's fr.
    const xml = strFromU8(unzipSync(readFileSync(join(out, name, 'memo-fr.docx')))['word/document.xml']!);
    const at = xml.indexOf(`>${SUMMARY}<`);
    expect(at).toBeGreaterThan(0);
    expect(xml.slice(xml.lastIndexOf('<w:r>', at), at)).toContain('<w:lang w:val="en-GB"/>');
    expect(xml.slice(xml.lastIndexOf('<w:r>', xml.indexOf('>L’essentiel<')), xml.indexOf('>L’essentiel<'))).toContain(
      '<w:lang w:val="fr"/>',
    );
    // The English memo: every run is in the document's language, the same as the dataset's.
    const english = strFromU8(unzipSync(readFileSync(join(out, name, 'memo.docx')))['word/document.xml']!);
    expect(english).toContain('<w:lang w:val="en-GB"/>');
    expect(english).not.toMatch(/<w:lang w:val="(?!en-GB")/);
  });

  it("dates and numbers follow the language's own formats, with the narrow no-break spaces French uses", async () => {
    const { countIn, formatDate, labelsFor } = await import('../src/shared/labels.js');
    const fr = labelsFor(join(ROOT, 'templates'), 'fr');
    const en = labelsFor(join(ROOT, 'templates'), 'en-GB');
    expect(formatDate('2025-04-10', 'fr')).toBe('10 avril 2025');
    expect(formatDate('2025-03', 'fr')).toBe('mars 2025');
    expect(formatDate('2025-04-10', 'en-GB')).toBe('10 April 2025');
    expect(countIn(fr, 3)).toBe('trois');
    expect(countIn(fr, 12345)).toBe('12\u202f345');
    expect(countIn(en, 12345)).toBe('12,345');
    // A region falls back to its language's file, then to English for what that file leaves out.
    const frCA = labelsFor(join(ROOT, 'templates'), 'fr-CA');
    expect(frCA.page).toBe('Page {n} sur {total}');
    expect(frCA.language).toBe('fr-CA');
  });

  it("a template author changes a word by editing the labels file; the rest stay Brief's", async () => {
    const templates = templatesWith((dir) =>
      writeFileSync(join(dir, 'labels', 'en.yaml'), 'page: "p. {n}/{total}"\nundated: no date\n'),
    );
    const out = tempDir('brief-docs-out-');
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'pdf,md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfText(join(out, DATASET, 'memo.pdf'))).toContain('p. 1/2');
    const md = readFileSync(join(out, DATASET, 'memo.md'), 'utf8');
    expect(md).toMatch(/, no date\.$/m);
    expect(md).toContain('from five sources');
  });

  it('a mistake in a labels file is an error at its place, and nothing is written', async () => {
    const templates = templatesWith((dir) =>
      writeFileSync(join(dir, 'labels', 'fr.yaml'), 'page: "Page {n} sur {total}"\nnumbres: [zéro]\n'),
    );
    writeFileSync(join(templates, 'memo-fr.md.hbs'), readFileSync(join(ROOT, 'docs', 'examples', 'memo-fr.md.hbs')));
    const out = tempDir('brief-docs-out-');
    const r = await runCli(['--data', BUNDLED, '--templates', templates, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /labels\/fr\.yaml:2:1: numbres: unknown property "numbres"\n\s+hint: did you mean "numbers"\?/,
    );
    expect(existsSync(join(out, DATASET))).toBe(false);
  });
});
