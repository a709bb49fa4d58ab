// Any meeting, not just the bundled one (issues 13 and 18): every dataset and
// fixture, of very different shapes, builds clean in all nine documents, and
// each shows every claim, reads right and keeps to its pages. The fixtures in
// test/fixtures/shapes are a 40-delegation ministerial with official long
// names, eight questions, 60 claims and no events; a two-party bilateral with
// one question and no quotations; and a Tokyo trilateral with vague dates,
// names written family name first and an actor with an official and a short name.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Block, Doc, Inline } from '../src/doc/tree.js';
import { textOf } from '../src/doc/walk.js';
import { BUNDLED, parse, ROOT, runCli, tempDir, tool } from './helpers.js';
import { showcase, SHOWCASE } from './support/showcase.js';

const SHAPES = join(ROOT, 'test', 'fixtures', 'shapes');
const MINISTERIAL = 'subsea-cables-ministerial-2025-09-18';
const BILATERAL = 'bilateral-talks-2025-03-03';
const TRILATERAL = 'trilateral-tokyo-2025-03-22';
// The datasets of every shape (test/support/showcase.ts).
const FILES = SHOWCASE;
const NAMES = FILES.map((f) => basename(f, '.yaml'));
const DOCS = ['memo', 'faq', 'matrix'] as const;

let out: string;
let stderr: string;
beforeAll(async () => {
  // One build of these datasets for the run, which accessibility.test.ts, charts.test.ts and docx.test.ts read too.
  const r = await showcase();
  out = r.out;
  stderr = r.stderr;
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

const file = (dataset: string, name: string) => join(out, dataset, name);
const md = (dataset: string, doc: string) => readFileSync(file(dataset, `${doc}.md`), 'utf8');
const tree = (dataset: string, doc: string) => parse(md(dataset, doc));
const pages = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' }))![1]);
const dataOf = (dataset: string) =>
  parseYaml(readFileSync(FILES[NAMES.indexOf(dataset)]!, 'utf8')) as {
    claims: { id: string; text: string }[];
    sources: { file: string }[];
    events?: { name: string; claims?: string[] }[];
  };

/** Text without footnote marks, so that "met.[^1] It was" reads "met. It was". */
function plain(nodes: readonly Inline[]): string {
  return textOf(
    nodes
      .filter((n) => n.type !== 'noteRef')
      .map((n) =>
        'children' in n ? { ...n, children: n.children.filter((c) => c.type !== 'noteRef') } : n,
      ) as Inline[],
  );
}

/** Every paragraph, list item and heading of running text (tables and notes apart), as plain text. */
function prose(doc: Doc): string[] {
  const outp: string[] = [];
  const visit = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph' || b.type === 'heading') outp.push(plain(b.children));
      else if (b.type === 'list') b.items.forEach((item) => visit(item));
      else if (b.type === 'blockquote') visit(b.children);
    }
  };
  visit(doc.blocks);
  return outp;
}

/** Words as a reader sees them: punctuation and superscript note numbers stripped. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) =>
      w
        .replace(/^[\p{P}\p{S}]+/u, '')
        .replace(/(?<=\p{L})[\p{P}\p{S}\d,]+$/u, '')
        .replace(/[\p{P}\p{S}]+$/u, ''),
    )
    .filter(Boolean);
}

/** A page's size and the box of each word on it. */
interface PageWords {
  page: number;
  width: number;
  height: number;
  words: { text: string; yMin: number; yMax: number; xMin: number; xMax: number }[];
}

/** Word boxes of a PDF page by page, from pdftotext -bbox. */
function wordBoxes(pdf: string): PageWords[] {
  const html = execFileSync(tool('pdftotext'), ['-bbox', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return html
    .split('<page ')
    .slice(1)
    .map((chunk, i) => ({
      page: i + 1,
      width: Number(/width="([\d.]+)"/.exec(chunk)![1]),
      height: Number(/height="([\d.]+)"/.exec(chunk)![1]),
      words: [
        ...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decode(m[5]!),
      })),
    }));
}

/** Lines of a page's body: words grouped by baseline, the running band and footer left out. */
function bodyLines(page: ReturnType<typeof wordBoxes>[number]): { y: number; text: string }[] {
  const byY = new Map<number, { xMin: number; text: string }[]>();
  for (const w of page.words) {
    const y = Math.round(w.yMax);
    const key = [...byY.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
    byY.set(key, [...(byY.get(key) ?? []), w]);
  }
  const lines = [...byY.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, ws]) => ({
      y,
      text: ws
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' '),
    }));
  // The band is the first line on the page; the footer the line with "Page n of m".
  const footer = lines.findIndex((l) => /Page \d+ of \d+/.test(l.text));
  return lines.slice(1, footer >= 0 ? footer : undefined);
}

describe('every dataset and fixture, whatever its shape', () => {
  it('builds all nine documents with no problem and no warning', () => {
    expect(stderr.trim()).toBe('');
    for (const n of NAMES)
      for (const d of DOCS)
        for (const ext of ['pdf', 'docx', 'md'])
          expect(readFileSync(file(n, `${d}.${ext}`)).length, `${n}/${d}.${ext}`).toBeGreaterThan(0);
  });

  it.each(NAMES)(
    '%s: every claim appears in at least one document (or is told by an event that cites it, issue 37)',
    (n) => {
      const text = DOCS.map((d) => prose(tree(n, d)).join('\n'))
        .join('\n')
        .replace(/\s+/g, ' ');
      const told = new Set(
        (dataOf(n).events ?? [])
          .filter((e) => text.includes(e.name.replace(/\s+/g, ' ').trim()))
          .flatMap((e) => e.claims ?? []),
      );
      const missing = dataOf(n).claims.filter(
        (c) => !told.has(c.id) && !text.includes(c.text.replace(/\s+/g, ' ').trim()),
      );
      expect(missing.map((c) => c.id)).toEqual([]);
    },
  );

  it.each(NAMES)('%s: no sentence starts with a numeral', (n) => {
    for (const d of DOCS) {
      for (const p of prose(tree(n, d))) {
        for (const sentence of p.split(/(?<=[.?!])\s+|\n/)) expect(sentence.trim(), `${d}: ${p}`).not.toMatch(/^\d/);
      }
    }
  });

  it.each(NAMES)('%s: citation marks follow the full stop, never precede it', (n) => {
    for (const d of DOCS) {
      // The notes' own definitions ("[^1]: ...") apart.
      const body = md(n, d)
        .split('\n')
        .filter((l) => !/^\[\^\d+\]:/.test(l))
        .join('\n');
      expect(body, d).not.toMatch(/\[\^\d+\] *[.,;:]/);
      if (d !== 'matrix') expect(body, d).toMatch(/[.;]\[\^\d+\]/);
    }
  });

  it.each(NAMES)('%s: the sources list names no internal file', (n) => {
    for (const d of DOCS) for (const s of dataOf(n).sources) expect(md(n, d), d).not.toContain(s.file);
  });

  let officeProfile: string | undefined;
  it.each(NAMES)(
    '%s: the memo keeps to its two pages',
    (n) => {
      expect(pages(file(n, 'memo.pdf'))).toBeLessThanOrEqual(2);
      const docxPdf = tempDir('brief-shapes-docx-');
      // A profile of this file's own: LibreOffice started with the default one while another (a test in the other
      // worker, any soffice on the machine) runs hands its work to that one or fails.
      officeProfile ??= tempDir('brief-shapes-profile-');
      execFileSync(
        tool('soffice'),
        [
          `-env:UserInstallation=file://${officeProfile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          docxPdf,
          file(n, 'memo.docx'),
        ],
        { stdio: 'ignore' },
      );
      expect(pages(join(docxPdf, 'memo.pdf')), 'the DOCX memo as LibreOffice lays it out').toBeLessThanOrEqual(2);
    },
    60_000,
  );

  it.each(NAMES)('%s: a heading never stands alone at the foot of a PDF page', (n) => {
    let checked = 0;
    for (const d of DOCS) {
      const blocks = tree(n, d).blocks;
      const headingTexts = blocks
        .filter((b) => b.type === 'heading')
        .map((b) => plain((b as Extract<Block, { type: 'heading' }>).children));
      const boxes = wordBoxes(file(n, `${d}.pdf`));
      // Every page, the last too: there a heading may end the page only if it ends the document.
      for (const page of boxes) {
        const lines = bodyLines(page);
        const last = lines[lines.length - 1]?.text ?? '';
        expect(last, `${d} page ${page.page}: no body text read`).not.toBe('');
        checked++;
        if (page.page === boxes.length && blocks.at(-1)?.type === 'heading') continue;
        expect(
          headingTexts.some((h) => last.length > 2 && h.endsWith(last)),
          `${d} page ${page.page} ends with "${last}"`,
        ).toBe(false);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(DOCS.length);
  });

  it('DOCX headings keep with the next paragraph', () => {
    const styles = strFromU8(unzipSync(readFileSync(file(NAMES[0]!, 'memo.docx')))['word/styles.xml']!);
    for (const id of ['Heading1', 'Heading2', 'Heading3']) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)![0];
      expect(style, id).toContain('<w:keepNext/>');
    }
  });
});

describe('a 40-delegation ministerial with official long names and eight questions', () => {
  it('reads names as they read in a sentence, and never the official long name in running text', () => {
    const memo = prose(tree(MINISTERIAL, 'memo')).join('\n');
    expect(memo).toContain('Malta, Japan and Egypt hosted');
    for (const doc of DOCS) {
      const text = prose(tree(MINISTERIAL, doc)).join('\n');
      for (const long of [
        'Republic of Malta',
        'Arab Republic of Egypt',
        'Kingdom of Saudi Arabia',
        'United Kingdom of Great Britain',
      ])
        expect(text, doc).not.toContain(long);
    }
  });

  it('fits 36 actors by eight questions on at most four landscape pages, with no word broken', () => {
    const pdf = file(MINISTERIAL, 'matrix.pdf');
    expect(pages(pdf)).toBeLessThanOrEqual(4);
    // Every word on the pages is a whole word of the document (or of its running band: kind and title).
    const { title, author } = (
      parseYaml(readFileSync(join(SHAPES, `${MINISTERIAL}.yaml`), 'utf8')) as {
        brief: { title: string; author: string };
      }
    ).brief;
    const text = md(MINISTERIAL, 'matrix');
    const known = new Set(
      words(
        `${text} ${text.replace(/[<>()[\]]/g, ' ')} Country-position matrix ${title}: country positions ${author} Page of`,
      ),
    );
    const broken = wordBoxes(pdf)
      .flatMap((p) => p.words.flatMap((w) => words(w.text)))
      .filter((w) => !known.has(w) && !/^[\d,]+$/.test(w));
    expect(broken).toEqual([]);
  });

  it('sorts the matrix rows by the name they show, as the locale collates them', () => {
    const table = tree(MINISTERIAL, 'matrix').blocks.find((b) => b.type === 'table') as Extract<
      Block,
      { type: 'table' }
    >;
    const shown = table.rows.map((r) => textOf(r[0]!.children));
    expect(shown).toEqual([...shown].sort(new Intl.Collator('en-GB').compare));
    expect(shown.indexOf('Greece')).toBeLessThan(shown.indexOf('India'));
    expect(shown.indexOf('Türkiye')).toBeLessThan(shown.indexOf('UAE'));
  });

  it('prints in the legend only meanings the dataset gives or neutral ones', () => {
    const legend = tree(MINISTERIAL, 'matrix').blocks.filter((b) => b.type === 'table')[1] as Extract<
      Block,
      { type: 'table' }
    >;
    const meanings = Object.fromEntries(legend.rows.map((r) => [textOf(r[1]!.children), textOf(r[2]!.children)]));
    expect(meanings).toMatchObject({
      Signed: 'signed the declaration on the day',
      'With conditions': 'says yes, with conditions in the note',
      Open: 'does not rule it out',
    });
    expect(Object.values(meanings).join(' ')).not.toMatch(/mission|force|deter/);
  });

  it('lists the long key quotations after the table instead of in a ninth column', () => {
    const doc = tree(MINISTERIAL, 'matrix');
    const table = doc.blocks.find((b) => b.type === 'table') as Extract<Block, { type: 'table' }>;
    expect(table.header.map((c) => textOf(c.children))).toEqual([
      'Actor',
      'Repair ships',
      'Naval patrols',
      'Data sharing',
      'Route diversity',
      'Repair permits',
      'Sanctions',
      'ITU role',
      'Declaration',
    ]);
    expect(prose(doc)).toContain('Key quotations');
    expect(md(MINISTERIAL, 'matrix')).toContain('East Africa waited five weeks for a repair ship last year');
  });
});

describe('the FAQ of a large meeting', () => {
  it("names each actor once among those who declined, and groups each actor's answers in one line", () => {
    const faq = tree(MINISTERIAL, 'faq');
    const text = prose(faq);
    const said = text.find((p) => / said no on at least one question\.$/.test(p))!;
    expect(said).toMatch(/ and \d+ others have said no/);
    const names = said.replace(/ and \d+ others have said no.*$/, '').split(', ');
    expect(new Set(names).size).toBe(names.length);
    for (const heading of ['Who has declined, and why?', 'Who is still deciding, and what do they need?']) {
      const at = faq.blocks.findIndex((b) => b.type === 'heading' && plain(b.children) === heading);
      const list = faq.blocks[at + 2] as Extract<Block, { type: 'list' }>;
      const actors = list.items.map(
        (item) => plain((item[0] as Extract<Block, { type: 'paragraph' }>).children).split(':')[0]!,
      );
      expect(new Set(actors).size, heading).toBe(actors.length);
      expect(actors, heading).toEqual([...actors].sort(new Intl.Collator('en-GB').compare));
    }
  });
});

describe('a bilateral meeting with one question and no quotations', () => {
  const URL = 'https://www.example.is/news/mackerel-2025';

  it('keeps both the URL and the citation that follows it, in every format', () => {
    expect(md(BILATERAL, 'memo')).toContain(`[${URL}](<${URL}>).[^1]`);
    const pdf = execFileSync(tool('qpdf'), ['--qdf', '--object-streams=disable', file(BILATERAL, 'memo.pdf'), '-'], {
      maxBuffer: 64 << 20,
    }).toString('latin1');
    expect([...pdf.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1])).toContain(URL);
    const text = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', file(BILATERAL, 'memo.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(`${URL}.1`);
    const zip = unzipSync(readFileSync(file(BILATERAL, 'memo.docx')));
    const rels = strFromU8(zip['word/_rels/document.xml.rels']!);
    const id =
      new RegExp(`Id="([^"]+)"[^>]*Target="${URL.replace(/[.?]/g, '\\$&')}"`).exec(rels) ??
      new RegExp(`Target="${URL.replace(/[.?]/g, '\\$&')}"[^>]*Id="([^"]+)"`).exec(rels);
    expect(id, 'a relationship whose target is exactly the URL').not.toBeNull();
    const xml = strFromU8(zip['word/document.xml']!);
    const at = xml.indexOf(`r:id="${id![1]}"`);
    const after = xml.slice(at, at + 1500);
    expect(after).toMatch(
      /<\/w:hyperlink><w:r>(?:(?!<\/w:p>).)*<w:t[^>]*>\.<\/w:t>(?:(?!<\/w:p>).)*(footnoteReference|NOTEREF|w:anchor="_Note)/s,
    );
  });

  it('drops what it has nothing for: no quotations, no questions, no events', () => {
    const faq = prose(tree(BILATERAL, 'faq'));
    expect(faq).not.toContain('What happens next?');
    expect(faq).not.toContain('What is still unresolved?');
    expect(md(BILATERAL, 'matrix')).not.toContain('Key quote');
    expect(prose(tree(BILATERAL, 'memo')).join('\n')).toContain('Ministers from two delegations met');
  });
});

describe('a trilateral with vague dates, family-name-first names and a two-name actor', () => {
  it('prints dates as the reports give them, in a sensible order', () => {
    const memo = prose(tree(TRILATERAL, 'memo')).join('\n');
    const order = [
      '22 March 2025 at 18:30 (Japan Standard Time)',
      'in the coming weeks',
      'autumn 2025',
      'later in 2025',
    ];
    for (const s of order) expect(memo).toContain(s);
    const at = order.map((s) => memo.indexOf(s));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('writes names in their own order, sorts by family name, and counts the reports that write the other order', () => {
    const faq = tree(TRILATERAL, 'faq');
    const text = prose(faq).join('\n');
    expect(text).toContain(
      "Japan hosted the meeting; Japan's Minister for Foreign Affairs, Iwaya Takeshi, chaired it.",
    );
    expect(text).toContain('Every report writes it “Takeshi Iwaya”.');
    expect(text).not.toMatch(/spells? it “Takeshi Iwaya”/);
    const whoIsWho = faq.blocks[
      faq.blocks.findIndex((b) => b.type === 'heading' && plain(b.children) === 'Who is who?') + 2
    ] as Extract<Block, { type: 'list' }>;
    expect(
      whoIsWho.items.map((item) => plain((item[0] as Extract<Block, { type: 'paragraph' }>).children).split(' (')[0]),
    ).toEqual(['Cho Tae-yul', 'Iwaya Takeshi', 'Wang Yi']);
  });

  it("uses one name for an actor in every document, and keeps a label's capitals", () => {
    for (const doc of DOCS) {
      // The FAQ's participants table gives each actor's official name in a column of its own (issue 25); the text uses one name.
      const text = md(TRILATERAL, doc).replace(/^\| [^\n]*Republic of Korea[^\n]*$/gm, '');
      expect(text, doc).toContain('South Korea');
      expect(text, doc).not.toContain('Republic of Korea');
      expect(text, doc).not.toMatch(/north Korea/);
    }
    expect(md(TRILATERAL, 'faq')).toMatch(/^\| South Korea \| Republic of Korea \| /m);
    // The column "North Korea" shares its label with an actor: the note names it as a column (issue 25, item 4).
    expect(md(TRILATERAL, 'matrix')).toContain('China, in the “North Korea” column: Spoke of peace');
    expect(md(TRILATERAL, 'memo')).toContain("**North Korea's denuclearisation:**");
  });
});

describe('a table row taller than a page', () => {
  it('is split across pages, every line inside the margins on all four sides, the header repeated, nothing lost', async () => {
    const templates = join(tempDir('brief-shapes-templates-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    // A matrix whose one row holds every claim: far taller than a landscape page.
    writeFileSync(
      join(templates, 'matrix.md.hbs'),
      '---\ntitle: Tall row\nkind: Test\norientation: landscape\n---\n# Tall row\n\n| Topic | Claims |\n| :-- | :-- |\n| All | {{#each claims}}{{text}}{{cite this}} {{/each}}{{#each claims}}{{text}} {{/each}} |\n| After | The row after it. |\n',
    );
    const dir = tempDir('brief-shapes-tall-');
    const r = await runCli([
      '--data',
      join(SHAPES, `${MINISTERIAL}.yaml`),
      '--templates',
      templates,
      '--out',
      dir,
      '--only',
      'matrix',
      '--format',
      'pdf',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(dir, MINISTERIAL, 'matrix.pdf');
    const boxes = wordBoxes(pdf);
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    // The row starts on the first page and runs on to the next.
    const first = dataOf(MINISTERIAL).claims[0]!.text;
    expect(boxes[0]!.words.map((w) => w.text).join(' ')).toContain(first.split(' ').slice(0, 5).join(' '));
    expect(bodyLines(boxes[1]!)[1]!.text).not.toMatch(/^After/);
    // Still one row to a screen reader: a header row and two rows, however many pages they take.
    const struct = execFileSync(tool('pdfinfo'), ['-struct', pdf], { encoding: 'utf8' });
    expect(struct.match(/^\s+TR$/gm)?.length).toBe(3);
    const text = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    for (const c of dataOf(MINISTERIAL).claims) expect(text, c.id).toContain(c.text.split(' ').slice(0, 5).join(' '));
    expect(text).toContain('The row after it.');
    // The page's margins, from the theme (millimetres), as the reader's ruler would measure them.
    const margins = (
      parseYaml(readFileSync(join(templates, 'theme.yaml'), 'utf8')) as {
        page: { margins_mm: Record<'top' | 'bottom' | 'left' | 'right', number> };
      }
    ).page.margins_mm;
    const pt = (mm: number) => (mm * 72) / 25.4;
    for (const page of boxes) {
      const lines = bodyLines(page);
      const footer = page.words.find((w) => /^Page$/.test(w.text))!;
      const band = Math.min(...page.words.map((w) => w.yMin));
      const body = page.words.filter((w) => Math.abs(w.yMin - footer.yMin) > 2 && Math.abs(w.yMin - band) > 2);
      expect(body.length, `page ${page.page}: no body text`).toBeGreaterThan(0);
      // Every word, band and footer too, inside the left and right margins.
      for (const w of page.words) {
        expect(w.xMin, `page ${page.page}: ${w.text} left`).toBeGreaterThanOrEqual(pt(margins.left) - 0.5);
        expect(w.xMax, `page ${page.page}: ${w.text} right`).toBeLessThanOrEqual(page.width - pt(margins.right) + 0.5);
      }
      // The body inside the top and bottom margins (the band and the footer sit in them), and above the footer.
      for (const w of body) {
        expect(w.yMin, `page ${page.page}: ${w.text} top`).toBeGreaterThanOrEqual(pt(margins.top) - 0.5);
        expect(w.yMax, `page ${page.page}: ${w.text} bottom`).toBeLessThanOrEqual(
          page.height - pt(margins.bottom) + 0.5,
        );
        expect(w.yMax, `page ${page.page}: ${w.text} over the footer`).toBeLessThan(footer.yMin);
      }
      // The header row starts every page the table runs on.
      if (page.page > 1) expect(lines[0]!.text, `page ${page.page}`).toBe('Topic Claims');
    }
  });
});

describe('sections stand on their own data', () => {
  const bundledWith = (edit: (data: Record<string, unknown>) => void) => {
    const data = parseYaml(readFileSync(BUNDLED, 'utf8')) as Record<string, unknown>;
    edit(data);
    const dir = tempDir('brief-shapes-edit-');
    const f = join(dir, 'edited-2025-04-10.yaml');
    writeFileSync(f, JSON.stringify(data));
    return f;
  };

  it('the memo keeps its divergences without open questions, and the FAQ its next steps without events', async () => {
    const f = bundledWith((d) => {
      delete d.open_questions;
      delete d.events;
    });
    const dir = tempDir('brief-shapes-out-');
    const r = await runCli(['--data', f, '--out', dir, '--format', 'md', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const memo = parse(readFileSync(join(dir, 'edited-2025-04-10', 'memo.md'), 'utf8'));
    expect(prose(memo)).toContain('Divergences and uncertainties');
    expect(prose(memo).join('\n')).toContain('Whether Pete Hegseth joins the Contact Group meeting: reports differ.');
    const faq = parse(readFileSync(join(dir, 'edited-2025-04-10', 'faq.md'), 'utf8'));
    const data = parseYaml(readFileSync(BUNDLED, 'utf8')) as { claims: { topic: string; text: string }[] };
    const next = data.claims.filter((c) => c.topic === 'next_steps');
    expect(next.length).toBeGreaterThan(0);
    expect(prose(faq)).toContain('What happens next?');
    for (const c of next) expect(prose(faq).join('\n')).toContain(c.text);
  });

  it('the matrix drops a question no actor answers', async () => {
    const f = bundledWith((d) => {
      for (const p of d.positions as { stances: Record<string, { value: string }> }[])
        p.stances.parliament = { value: 'not_stated' };
    });
    const dir = tempDir('brief-shapes-out-');
    const r = await runCli(['--data', f, '--out', dir, '--format', 'md', '--only', 'matrix', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const table = parse(readFileSync(join(dir, 'edited-2025-04-10', 'matrix.md'), 'utf8')).blocks.find(
      (b) => b.type === 'table',
    ) as Extract<Block, { type: 'table' }>;
    const header = table.header.map((c) => textOf(c.children));
    expect(header).toContain('US backstop');
    expect(header).not.toContain('Parliamentary approval');
  });

  it("a document over its template's page budget is written, with a warning that says where to change the budget", async () => {
    const templates = join(tempDir('brief-shapes-templates-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const memo = readFileSync(join(templates, 'memo.md.hbs'), 'utf8');
    expect(memo).toMatch(/^pages: 2$/m);
    writeFileSync(join(templates, 'memo.md.hbs'), memo.replace(/^pages: 2$/m, 'pages: 1'));
    const dir = tempDir('brief-shapes-out-');
    const r = await runCli([
      '--data',
      BUNDLED,
      '--templates',
      templates,
      '--out',
      dir,
      '--only',
      'memo',
      '--format',
      'pdf',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `${join(templates, 'memo.md.hbs')}: warning: memo.pdf takes 2 pages, over the template's budget of 1`,
    );
    expect(r.stderr).toContain('raise pages: in its front matter');
    expect(pages(join(dir, 'coalition-of-the-willing-2025-04-10', 'memo.pdf'))).toBe(2);
  });
});
