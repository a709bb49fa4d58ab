// What must hold for any meeting (issue 28 item 5): meetings of every shape
// from the generator in test/support/meetings.ts, each built once in all
// formats by the built CLI (one spawned run for all of them), then read back
// from its files. BRIEF_MEETINGS sets how many (30 in npm test, 300 in
// `npm run test:properties`), BRIEF_MEETINGS_SEED the seed, BRIEF_MEETINGS_ONLY
// a range of its cases; a failure prints the line that builds its case again.
//
// "The budget can be met" is decided two ways. The fitter (src/run/fit.ts)
// knows: it lets go of every list a template marks with `fit`, down to its
// `keep`, and warns only when the document is over its budget even then; so
// for every meeting a document is within its `pages:` or the build says it is
// not. And for a meeting whose unshrinkable parts are small (SMALL below: the
// sources list, the bottom line, the header and the least of each fitted list
// take a page or so), the budget must be met with no warning at all.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { meetingOf, meetingShape, meetingYaml, type MeetingShape } from './support/meetings.js';
import { ROOT, tempDir, tool } from './helpers.js';

const RUNS = Number(process.env.BRIEF_MEETINGS ?? 30);
const SEED = Number(process.env.BRIEF_MEETINGS_SEED ?? 20251207);
/** BRIEF_MEETINGS_ONLY=12 or 100-149: only those cases of the seed's (to build one failing case again, or a long run in parts). */
const ONLY = ((s: string): [number, number] => {
  const [from, to] = s.split('-').map(Number);
  return [from!, to ?? from!];
})(process.env.BRIEF_MEETINGS_ONLY ?? `0-${RUNS - 1}`);
const DOCS = ['memo', 'faq', 'matrix'] as const;
const FORMATS = ['pdf', 'docx', 'md'] as const;
/** The theme's margins (templates/theme.yaml, margins_mm), in points. */
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 18 * MM, left: 22 * MM, right: 22 * MM };
/** How far a glyph's box may reach past a margin (italic overhang, rounding), in points. */
const OVERHANG = 1;

/** Each document's page budget, from the front matter of the shipped template. */
const BUDGET: Partial<Record<(typeof DOCS)[number], number>> = Object.fromEntries(
  DOCS.flatMap((d) => {
    const m = /^pages:\s*(\d+)\s*$/m.exec(readFileSync(join(ROOT, 'templates', `${d}.md.hbs`), 'utf8'));
    return m ? [[d, Number(m[1])]] : [];
  }),
);

/**
 * Known failures of issue 28 (seed:case:document), each checked to fail still, so that a fix takes it off.
 * 20251207:2: 59 actors, two questions. The PDF memo keeps to two pages with the room fitting leaves for
 * the DOCX (0.16 of a page), but in the DOCX a question's figure is one picture that cannot split: LibreOffice
 * sets the text above it two or three lines longer, the figure no longer fits at the foot of page 1 and
 * moves whole to page 2, leaving nine lines empty, and the sources list runs to a third page.
 */
const KNOWN_DOCX_OVER = new Set(['20251207:2:memo']);

/** A meeting whose memo must meet its budget with no warning: what the fitter cannot shrink is small. */
const SMALL = (s: MeetingShape) =>
  s.sources <= 8 &&
  s.urlLength <= 100 &&
  s.actors <= 10 &&
  s.questions <= 4 &&
  Math.min(4, Math.max(1, s.keyClaims)) <= 3 &&
  s.openQuestions <= 3;

interface Case {
  name: string;
  shape: MeetingShape;
  data: ReturnType<typeof meetingOf>;
}
let cases: Case[];
let out: string;
let dataDir: string;
let build: { status: number | null; stdout: string; stderr: string };
/** --check's report (which facts no document prints), and LibreOffice's PDFs of the DOCX documents within budget in PDF: both run while the checks below read the PDFs. */
let unprinted: Promise<string>;
let docxPdfs: Promise<{
  status: number | null;
  stderr: string;
  dir: string;
  within: { c: Case; d: string; budget: number }[];
}>;

/** A child process as a promise: its exit status and output. */
function spawned(cmd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(cmd, args);
    let stdout = '',
      stderr = '';
    p.stdout.setEncoding('utf8').on('data', (t: string) => {
      stdout += t;
    });
    p.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
    });
    p.on('close', (status) => done({ status, stdout, stderr }));
  });
}

beforeAll(() => {
  dataDir = tempDir('brief-meetings-');
  out = tempDir('brief-meetings-out-');
  cases = fc
    .sample(meetingShape, { seed: SEED, numRuns: RUNS })
    .map((shape, i) => ({ name: `case-${String(i).padStart(3, '0')}`, shape, data: meetingOf(shape) }))
    .filter((_, i) => i >= ONLY[0] && i <= ONLY[1]);
  for (const c of cases) writeFileSync(join(dataDir, `${c.name}.yaml`), meetingYaml(c.shape));
  const cli = [join(ROOT, 'scripts', 'brief.mjs'), '--data', dataDir];
  const r = spawnSync(process.execPath, [...cli, '--out', out, '--jobs', process.env.BRIEF_MEETINGS_JOBS ?? '2'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  build = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  unprinted = spawned(process.execPath, [...cli, '--check']).then((x) => x.stderr);
  const dir = tempDir('brief-meetings-docx-');
  const within = cases.flatMap((c) =>
    Object.entries(BUDGET)
      .filter(
        ([d, budget]) =>
          existsSync(pdf(c, d)) && existsSync(join(out, c.name, `${d}.docx`)) && pdfPages(pdf(c, d)) <= budget!,
      )
      .map(([d, budget]) => ({ c, d, budget: budget! })),
  );
  const copies = within.map(({ c, d }) => {
    const f = join(dir, `${c.name}-${d}.docx`);
    writeFileSync(f, readFileSync(join(out, c.name, `${d}.docx`)));
    return f;
  });
  docxPdfs = (
    copies.length === 0
      ? Promise.resolve({ status: 0, stdout: '', stderr: '' })
      : spawned(tool('soffice'), [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          ...copies,
        ])
  ).then((x) => ({ ...x, dir, within }));
}, 3_600_000);

/** Names the failing case so that it can be built again: its seed, its index, its shape and where its YAML is. */
function about(c: Case, what: string): string {
  return `${what}\n  again: BRIEF_MEETINGS_SEED=${SEED} BRIEF_MEETINGS=${RUNS} BRIEF_MEETINGS_ONLY=${Number(c.name.slice(5))} npx vitest run test/properties.test.ts (its dataset: ${join(dataDir, `${c.name}.yaml`)})\n  shape ${JSON.stringify(c.shape)}`;
}

/**
 * What one check finds wrong, over every case: each failure names its case,
 * and the check asserts once at the end, so that a run of 300 lists every
 * failing case, not just the first. (One expect.soft per word or fact, over
 * the thousands a run holds, made the checks several times slower.)
 */
class Failures {
  readonly list: string[] = [];
  /** Adds a failure when `ok` is false; `what` is only worked out then. */
  check(ok: boolean, c: Case, what: () => string): void {
    if (!ok) this.list.push(about(c, what()));
  }
  assert(): void {
    expect(this.list.length, `${this.list.length} failures:\n\n${this.list.join('\n\n')}`).toBe(0);
  }
}

const pdf = (c: Case, d: string) => join(out, c.name, `${d}.pdf`);
const pageCounts = new Map<string, number>();
/** A PDF's page count (pdfinfo's; once per file). */
function pdfPages(file: string): number {
  if (!pageCounts.has(file))
    pageCounts.set(
      file,
      Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [file], { encoding: 'utf8' }))![1]),
    );
  return pageCounts.get(file)!;
}
/** Text for comparison: no white space, no hyphens or soft hyphens, no bidi controls, quotation marks alike. */
const squash = (t: string) =>
  t
    .normalize('NFC')
    .replace(/[\s\u00ad\u2010\u2011\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069-]/g, '')
    .replace(/[“”"]/g, '"')
    .replace(/[‘’']/g, "'");

const unXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  w: number;
  h: number;
}
/** Every word pdftotext finds, with its box and its page's size. */
const wordCache = new Map<string, Word[]>();
function words(file: string): Word[] {
  const had = wordCache.get(file);
  if (had) return had;
  const xml = execFileSync(tool('pdftotext'), ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const list: Word[] = [];
  let page = 0,
    w = 0,
    h = 0;
  for (const m of xml.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1]) {
      page++;
      w = Number(m[1]);
      h = Number(m[2]);
      continue;
    }
    list.push({
      page,
      x0: Number(m[3]),
      y0: Number(m[4]),
      x1: Number(m[5]),
      y1: Number(m[6]),
      text: unXml(m[7]!),
      w,
      h,
    });
  }
  wordCache.set(file, list);
  return list;
}

/** Whether a word lies between the top and bottom margins (the bands are outside them). */
const inBody = (w: Word) => w.y0 >= MARGINS.top - 2 && w.y1 <= w.h - MARGINS.bottom + 2;

/** Right-to-left letters: pdftotext -bbox gives the words of such a line in their visual order, not the order they are read in. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * A PDF's text in reading order without its bands, so that a paragraph
 * running over a page break reads on: the words pdftotext -bbox gave, in its
 * order; for a PDF with right-to-left words, pdftotext's text cropped to the
 * page inside the top and bottom margins (a second run, which orders them).
 */
function bodyText(file: string): string {
  const list = words(file);
  if (!list.some((w) => RTL.test(w.text)))
    return list
      .filter(inBody)
      .map((w) => w.text)
      .join(' ');
  const [w, h] = [list[0]!.w, list[0]!.h];
  const crop = [
    '-x',
    '0',
    '-y',
    String(Math.floor(MARGINS.top - 2)),
    '-W',
    String(Math.ceil(w)),
    '-H',
    String(Math.ceil(h - MARGINS.top - MARGINS.bottom + 4)),
  ];
  return execFileSync(tool('pdftotext'), [...crop, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The facts a dataset holds whose words --check says some document printed, with those words. */
function printedFacts(c: Case, unprinted: string): { key: string; text: string }[] {
  const d = c.data as Record<string, { id: string; [k: string]: unknown }[] | undefined>;
  const facts: { key: string; text: string }[] = [];
  const add = (kind: string, field: string) => {
    for (const x of d[kind] ?? []) facts.push({ key: `${kind}:${x.id}`, text: String(x[field]) });
  };
  add('claims', 'text');
  add('quotes', 'text');
  add('events', 'name');
  add('open_questions', 'question');
  add('people', 'name');
  add('actors', 'name');
  // --check names, per dataset, the facts no document printed; the rest were printed.
  const missed = new Set<string>();
  for (const m of unprinted.matchAll(
    new RegExp(`${c.name}\\.yaml:\\d+:\\d+: warning: (\\w[\\w ]*?) (\\S+) appears in no document`, 'g'),
  ))
    missed.add(m[2]!);
  return facts.filter((f) => !missed.has(f.key.split(':')[1]!));
}

/** Each page's lines of text between the top and bottom margins (the bands are outside them): a line is a run of words whose bottoms lie within a few points. */
function bodyLines(file: string): string[][] {
  const pages: Word[][] = [];
  for (const w of words(file)) {
    if (!inBody(w)) continue;
    (pages[w.page - 1] ??= []).push(w);
  }
  return pages.map((ws) => {
    const lines: Word[][] = [];
    for (const w of [...ws].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0)) {
      const last = lines[lines.length - 1];
      if (last && w.y1 - last[0]!.y1 < 5) last.push(w);
      else lines.push([w]);
    }
    return lines.map((l) =>
      l
        .sort((a, b) => a.x0 - b.x0)
        .map((w) => w.text)
        .join(' '),
    );
  });
}

/** The headings of a document, from its Markdown. */
const headings = (c: Case, d: string) =>
  readFileSync(join(out, c.name, `${d}.md`), 'utf8')
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, '').replace(/\\(.)/g, '$1').replace(/[*_]/g, ''));

/** Punctuation a word carries at either end in print; the invisible characters the writers put inside addresses (word joiner, zero-width space, soft hyphen). */
const EDGES = /^[“”"‘’'(\[]+|[“”"‘’')\],.;:!]+$/g;
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
/** Scripts written without spaces: the layout breaks their lines between words, as it must. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Every word of the dataset's texts (whitespace-separated, without the punctuation at its ends), but those of scripts written without spaces. */
function datasetWords(data: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string')
      for (const w of v.split(/\s+/)) {
        const t = w.replace(EDGES, '');
        if (t.length >= 2 && !UNSPACED.test(t)) out.add(t.normalize('NFC'));
      }
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return out;
}

/** May a web address break before its character at `at` (issue 28 item 4)? After a slash (not inside "://"), or before . ? # & = -, never right after a hyphen. */
function urlBreakAllowed(url: string, at: number): boolean {
  const scheme = url.indexOf('://');
  if (scheme >= 0 && at <= scheme + 3) return false;
  const before = url[at - 1]!,
    here = url[at]!;
  if (before === '-') return false;
  return (before === '/' && here !== '/') || '.?#&='.includes(here) || here === '-';
}

/**
 * The dataset's words a PDF breaks across lines. A word is in pieces where a
 * PDF word (pdftotext's, in its reading order) is not a word of the dataset
 * but begins one, and the words right after it complete it (pdftotext reads
 * a table cell by cell, a line's last word before the next line's first);
 * pdftotext also splits a word where the writer put
 * a zero-width space or changed font, so only the cuts where the next piece
 * starts a new line count. Each with its pieces and whether every such cut is
 * a web address's break point.
 */
function brokenWords(list: Word[], tokens: Set<string>): { word: string; parts: string[]; allowed: boolean }[] {
  const starts = new Map<string, string[]>();
  for (const t of tokens)
    for (let n = 2; n < t.length; n++) {
      const p = t.slice(0, n);
      const had = starts.get(p);
      if (had) had.push(t);
      else starts.set(p, [t]);
    }
  const found: { word: string; parts: string[]; allowed: boolean }[] = [];
  const text = list.map((w) => w.text.replace(INVISIBLE, '').normalize('NFC'));
  const newLine = (a: Word, b: Word) => a.page !== b.page || Math.abs(a.y1 - b.y1) >= 3;
  for (let i = 0; i < text.length; i++) {
    const first = text[i]!.replace(EDGES, '');
    if (tokens.has(first)) continue;
    for (const t of starts.get(first) ?? []) {
      const parts = [first],
        at = [i];
      let acc = first;
      for (let k = i + 1; k < text.length && acc !== t; k++) {
        const next = text[k]!,
          bare = next.replace(EDGES, '');
        const piece = t.startsWith(acc + next) ? next : acc + bare === t ? bare : undefined;
        if (piece === undefined) break;
        parts.push(piece);
        at.push(k);
        acc += piece;
      }
      if (acc !== t) continue;
      const cuts = parts
        .slice(1)
        .map((_, j) => ({ at: parts.slice(0, j + 1).join('').length, line: newLine(list[at[j]!]!, list[at[j + 1]!]!) }))
        .filter((c) => c.line);
      if (cuts.length)
        found.push({ word: t, parts, allowed: /^https?:\/\//.test(t) && cuts.every((c) => urlBreakAllowed(t, c.at)) });
      break;
    }
  }
  return found;
}

// Each check reads every case's files (300 with test:properties; LibreOffice lays out each memo): no per-test minute.
describe(`${RUNS} generated meetings (seed ${SEED})`, { timeout: 3_600_000 }, () => {
  it('every meeting builds in every format, with exit 0 and no error', () => {
    expect(build.status, build.stderr.slice(0, 4000)).toBe(0);
    const f = new Failures();
    for (const c of cases)
      for (const d of DOCS)
        for (const fmt of FORMATS)
          f.check(existsSync(join(out, c.name, `${d}.${fmt}`)), c, () => `${d}.${fmt} was not written`);
    f.assert();
  });

  it('each document is within its pages: budget, or the build warns that it is not; a small meeting meets it with no warning', () => {
    expect(Object.keys(BUDGET).length, 'no shipped template has a pages: budget').toBeGreaterThan(0);
    const f = new Failures();
    for (const c of cases)
      for (const [d, budget] of Object.entries(BUDGET)) {
        const pages = pdfPages(pdf(c, d));
        const warned = new RegExp(`${d}\\.pdf takes \\d+ pages, over [^\\n]*\\(dataset ${c.name}\\)`).test(
          build.stderr,
        );
        if (pages > budget!)
          f.check(warned, c, () => `${d}.pdf takes ${pages} pages, over ${budget}, and the build did not say so`);
        else f.check(!warned, c, () => `${d}.pdf takes ${pages} pages, within ${budget}, yet the build warned`);
        if (SMALL(c.shape))
          f.check(pages <= budget!, c, () => `a small meeting's ${d}.pdf takes ${pages} pages, over ${budget}`);
      }
    f.assert();
  });

  it("every fact the documents print is in the PDFs' extracted text, and every claim in the DOCX text", async () => {
    const report = await unprinted;
    const f = new Failures();
    for (const c of cases) {
      const text = squash(DOCS.map((d) => bodyText(pdf(c, d))).join('\n'));
      for (const fact of printedFacts(c, report))
        f.check(
          text.includes(squash(fact.text)),
          c,
          () => `${fact.key} "${fact.text}" is printed but not in the PDFs' text`,
        );
      const docx = squash(
        DOCS.map((d) =>
          strFromU8(
            unzipSync(readFileSync(join(out, c.name, `${d}.docx`)), { filter: (e) => e.name === 'word/document.xml' })[
              'word/document.xml'
            ]!,
          )
            .replace(/<w:tab\/>|<w:br\/>/g, ' ')
            .replace(/<[^>]+>/g, ''),
        )
          .map(unXml)
          .join('\n'),
      );
      for (const claim of c.data.claims as { id: string; text: string }[])
        f.check(docx.includes(squash(claim.text)), c, () => `claims:${claim.id} is not in the DOCX text`);
    }
    f.assert();
  });

  // Five lines: for the documents the fitter lays out to a budget (a document without one is laid out once, and may end on a short page).
  it('no page of a document with a budget holds fewer than five lines; no page of any document ends with a heading', () => {
    const f = new Failures();
    for (const c of cases)
      for (const d of DOCS) {
        const pages = bodyLines(pdf(c, d));
        const heads = headings(c, d)
          .map(squash)
          .filter((h) => h.length >= 4);
        pages.forEach((lines, i) => {
          if (BUDGET[d] !== undefined)
            f.check(
              lines.length >= 5,
              c,
              () => `${d}.pdf page ${i + 1} holds ${lines.length} lines: ${JSON.stringify(lines)}`,
            );
          const last = squash(lines[lines.length - 1] ?? '');
          f.check(
            !heads.some((h) => h.endsWith(last) && last.length >= 4),
            c,
            () => `${d}.pdf page ${i + 1} ends with a heading: "${lines[lines.length - 1]}"`,
          );
        });
      }
    f.assert();
  });

  it('no text lies outside the page margins (the bands sit in the top and bottom margins, within the page)', () => {
    const f = new Failures();
    for (const c of cases)
      for (const d of DOCS)
        for (const w of words(pdf(c, d))) {
          const inside =
            w.x0 >= MARGINS.left - OVERHANG && w.x1 <= w.w - MARGINS.right + OVERHANG && w.y0 >= 0 && w.y1 <= w.h;
          f.check(
            inside,
            c,
            () =>
              `${d}.pdf page ${w.page}: "${w.text}" at x ${w.x0.toFixed(1)}–${w.x1.toFixed(1)}, y ${w.y0.toFixed(1)}–${w.y1.toFixed(1)} of a ${w.w.toFixed(0)}×${w.h.toFixed(0)} page`,
          );
        }
    f.assert();
  });

  it('no word of the dataset is broken across lines in a PDF, but web addresses, after / or before . ? # & = - (never right after a hyphen)', () => {
    const f = new Failures();
    for (const c of cases) {
      const tokens = datasetWords(c.data);
      for (const d of DOCS)
        for (const b of brokenWords(words(pdf(c, d)), tokens))
          f.check(b.allowed, c, () => `${d}.pdf breaks "${b.word}" as ${JSON.stringify(b.parts)}`);
    }
    f.assert();
  });

  // Last: LibreOffice has been converting since the build ended.
  it('a document within its budget in PDF is within it in DOCX as LibreOffice lays it out, and breaks no word but addresses at their break points', async () => {
    const { status, stderr, dir, within } = await docxPdfs;
    expect(status, stderr).toBe(0);
    const f = new Failures();
    for (const { c, d, budget } of within) {
      const file = join(dir, `${c.name}-${d}.pdf`);
      const pages = pdfPages(file);
      if (KNOWN_DOCX_OVER.has(`${SEED}:${Number(c.name.slice(5))}:${d}`))
        f.check(pages > budget, c, () => `${d}.docx now keeps to its budget: take this case off KNOWN_DOCX_OVER`);
      else
        f.check(
          pages <= budget,
          c,
          () =>
            `${d}.docx takes ${pages} pages in LibreOffice, over its budget of ${budget}, while its PDF keeps to it`,
        );
      for (const b of brokenWords(words(file), datasetWords(c.data)))
        f.check(b.allowed, c, () => `${d}.docx in LibreOffice breaks "${b.word}" as ${JSON.stringify(b.parts)}`);
    }
    f.assert();
  });
});
