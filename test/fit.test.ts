/**
 * Issue 28, item 1: a document is fitted to its page budget by measurement.
 * Lists marked (fit list keep=N order=K) shrink, lowest order first, until
 * the PDF layout meets the front matter's pages:, and the DOCX and Markdown
 * keep what the PDF keeps; the budget warning comes only when even the
 * least allowed does not fit.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Doc } from '../src/doc/tree.js';
import type { HelperOptions } from 'handlebars';
import { Fitting, fitCited, type FitPlan, type FitSite } from '../src/render/fit.js';
import { fitToBudget } from '../src/run/fit.js';
import { ROOT, runCli, tempDir, tool, where } from './helpers.js';
import { execFileSync } from 'node:child_process';

const BRICS = join(ROOT, 'test', 'fixtures', 'reports', 'brics-johannesburg-2023-08-22.yaml');
const SUBSEA = join(ROOT, 'test', 'fixtures', 'shapes', 'subsea-cables-ministerial-2025-09-18.yaml');
const NAME = 'subsea-cables-ministerial-2025-09-18';

function templatesWith(edit: (memo: string) => string): { dir: string; memo: string } {
  const dir = join(tempDir('brief-fit-'), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  const memo = edit(readFileSync(join(dir, 'memo.md.hbs'), 'utf8'));
  writeFileSync(join(dir, 'memo.md.hbs'), memo);
  return { dir, memo };
}

const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [file], { encoding: 'utf8' }))![1]);
const pdfText = (file: string) =>
  execFileSync(tool('pdftotext'), ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const docxText = (file: string) =>
  strFromU8(unzipSync(readFileSync(file))['word/document.xml']!)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
/** A phrase from the start of a claim's text, which every format prints whole. */
const phrase = (text: string) => text.split(/\s+/).slice(0, 3).join(' ');

describe('fitToBudget: the search', () => {
  // A fake document: each kept item a line, 10 lines a page (measured as a part of a page, as measurePdf does);
  // a budget holds with SLACK (0.15 of a page) left on the last page.
  function world(lists: { order: number; keep: number; full: number }[]) {
    let layouts = 0;
    const render = (_: string, plan: FitPlan) => {
      const f = new Fitting(plan);
      lists.forEach((l, i) =>
        f.take(
          Array.from({ length: l.full }, (_x, j) => j),
          l.keep,
          l.order,
          `site${i}`,
        ),
      );
      const lines = f.sites.reduce((n, s) => n + Math.min(s.full, Math.max(s.keep, plan.get(s.key) ?? s.full)), 0);
      return { doc: { lines } as unknown as Doc, fits: f.sites, plan, lines };
    };
    const measure = (_doc: Doc, r: { lines: number }) => {
      layouts++;
      return r.lines / 10;
    };
    return { render, measure, layouts: () => layouts };
  }

  it('a document within its budget is measured once and left whole', () => {
    const w = world([{ order: 1, keep: 1, full: 8 }]);
    const first = w.render('memo', new Map());
    expect(fitToBudget('memo', first, 1, w)).toBe(first);
    expect(w.layouts()).toBe(1);
  });

  it('the lowest order shrinks first, as little as needed; a higher order only when that is not enough', () => {
    const w = world([
      { order: 2, keep: 2, full: 12 },
      { order: 1, keep: 3, full: 10 },
    ]);
    // 22 lines: three pages. Budget 2 (18.5 lines at most): order 1 gives up four items (10 -> 6), order 2 keeps all.
    const two = fitToBudget('memo', w.render('memo', new Map()), 2, w);
    expect(two.fits.map((s: FitSite) => two.plan.get(s.key) ?? s.full)).toEqual([12, 6]);
    // Budget 1 (8.5 lines): order 1 at its least (3) is 15 lines; order 2 then gives up seven (12 -> 5).
    const one = fitToBudget('memo', w.render('memo', new Map()), 1, w);
    expect(one.fits.map((s: FitSite) => Math.max(s.keep, one.plan.get(s.key) ?? s.full))).toEqual([5, 3]);
    // A binary search: a handful of layouts, not one per item.
    expect(w.layouts()).toBeLessThan(16);
  });

  it('when nothing more may shrink, every list is left at its keep= (and the build then warns)', () => {
    const w = world([
      { order: 1, keep: 4, full: 9 },
      { order: 3, keep: 5, full: 20 },
    ]);
    const r = fitToBudget('memo', w.render('memo', new Map()), 0, w);
    expect(r.lines).toBe(9);
  });

  it('a list is never cut by just one item, and rest says how many the cut left out', () => {
    const f = new Fitting(
      new Map([
        ['a#1', 4],
        ['b#1', 2],
      ]),
    );
    const five = [1, 2, 3, 4, 5];
    const six = [1, 2, 3, 4, 5, 6];
    expect(f.take(five, 0, 1, 'a')).toEqual(five);
    expect(f.rest(five)).toBe(0);
    expect(f.take(six, 3, 1, 'b')).toEqual([1, 2, 3]);
    expect(f.rest(six)).toBe(3);
  });
});

describe('a memo over its budget, fitted by measurement in every format', () => {
  let out: string;
  let stderr: string;
  let code: number;
  const data = parseYaml(readFileSync(SUBSEA, 'utf8')) as { claims: { id: string; text: string; topic: string }[] };
  beforeAll(async () => {
    // The subsea fixture's memo at 11 pt takes three pages with every list whole.
    const t = templatesWith((m) => m.replace(/^pages: 2$/m, 'pages: 2\nfont_size: 11'));
    out = join(tempDir('brief-fit-out-'), 'out');
    ({ code, stderr } = await runCli(['--data', SUBSEA, '--templates', t.dir, '--out', out, '--only', 'memo']));
  }, 120_000);

  it('meets its budget without a warning, and says where the rest is', () => {
    expect(code, stderr).toBe(0);
    expect(stderr).not.toContain('page-budget');
    expect(stderr).not.toContain('over the template');
    expect(pdfPages(join(out, NAME, 'memo.pdf'))).toBe(2);
    const md = readFileSync(join(out, NAME, 'memo.md'), 'utf8');
    expect(md).toMatch(/The FAQ gives (\w+) more points? of context\./);
  });

  it('the PDF, the DOCX and the Markdown keep the same context points', () => {
    const md = readFileSync(join(out, NAME, 'memo.md'), 'utf8');
    const pdf = pdfText(join(out, NAME, 'memo.pdf'));
    const docx = docxText(join(out, NAME, 'memo.docx'));
    const context = data.claims.filter((c) => c.topic === 'context');
    const shown = context.filter((c) => md.includes(phrase(c.text)));
    const left = ['no', 'one', 'two', 'three', 'four', 'five'].indexOf(/The FAQ gives (\w+) more/.exec(md)![1]!);
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length + left).toBe(context.length);
    for (const c of context) {
      const inMd = md.includes(phrase(c.text));
      expect(pdf.includes(phrase(c.text)), c.id).toBe(inMd);
      expect(docx.includes(phrase(c.text)), c.id).toBe(inMd);
    }
  });
});

describe('a memo that cannot meet its budget', () => {
  it('keeps each fitted list at its keep= and then warns, with where to change the budget', async () => {
    const t = templatesWith((m) => m.replace(/^pages: 2$/m, 'pages: 1'));
    const out = join(tempDir('brief-fit-out-'), 'out');
    const r = await runCli([
      '--data',
      SUBSEA,
      '--templates',
      t.dir,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'pdf,md',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("memo.pdf takes 2 pages, over the template's budget of 1");
    const md = readFileSync(join(out, NAME, 'memo.md'), 'utf8');
    // key_points keep=3: exactly three points, and the line that says where the others are.
    const section = md.split('## Key points')[1]!.split('\n## ')[0]!;
    expect(section.split('\n').filter((l) => l.startsWith('- ') && !l.startsWith('- The FAQ'))).toHaveLength(3);
    expect(section).toMatch(/- The FAQ gives \w+ further key points\./);
  }, 120_000);
});

describe('{{fit}} is called with checked options', () => {
  const CALL = '(fit key_points keep=3 order=8)';
  async function withCall(call: string) {
    const t = templatesWith((m) => m.replace(CALL, call));
    const out = join(tempDir('brief-fit-out-'), 'out');
    const r = await runCli(['--data', SUBSEA, '--templates', t.dir, '--out', out, '--only', 'memo', '--format', 'md']);
    return { ...r, at: where(t.memo, call), file: join(t.dir, 'memo.md.hbs'), written: existsSync(join(out, NAME)) };
  }

  it('keep= is required, a whole number from 0; order= a whole number from 1', async () => {
    const none = await withCall('(fit key_points order=8)');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      `${none.file}:${none.at.line}:${none.at.col}: {{fit}} needs keep=, the fewest items to keep, as in (fit key_points keep=3 order=1)`,
    );
    expect(none.written).toBe(false);
    const negative = await withCall('(fit key_points keep=-1 order=8)');
    expect(negative.code).toBe(1);
    expect(negative.stderr).toContain('{{fit}}: keep= takes a whole number of at least 0; got -1');
    expect(negative.written).toBe(false);
    const zero = await withCall('(fit key_points keep=3 order=0)');
    expect(zero.stderr).toContain('{{fit}}: order= takes a whole number of at least 1; got 0');
    const text = await withCall('(fit key_points keep="three" order=8)');
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('{{fit}}: keep= takes a number');
    expect(text.written).toBe(false);
  });

  it('fit needs one list; rest needs the list', async () => {
    const r = await withCall('(fit brief.title keep=3)');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('{{fit}} needs one list, as (fit key_points keep=3 order=1)');
    expect(r.written).toBe(false);
  });
});

describe('{{cite this keep=2 order=10}}: citations cut as a last step of fitting', () => {
  /** The options Handlebars gives a (cite …) call at line 1, column 0, with a rendering's plan. */
  const call = (plan: FitPlan, hash: Record<string, unknown> = { keep: 2, order: 10 }) => {
    const fit = new Fitting(plan);
    return {
      fit,
      options: { hash, data: { fit }, loc: { start: { line: 1, column: 0 } } } as unknown as HelperOptions,
    };
  };

  it('keeps every source until the plan cuts it, then the ones the document already cites first', () => {
    const whole = call(new Map());
    expect(fitCited(['s1', 's2', 's3', 's4', 's2'], whole.options, () => false)).toEqual(['s1', 's2', 's3', 's4']);
    expect(whole.fit.sites).toEqual([{ key: 'cite:10:2@1:0#1', order: 10, keep: 2, full: 4 }]);
    expect(whole.fit.uncited).toBe(0);
    const cut = call(new Map([['cite:10:2@1:0#1', 2]]));
    expect(fitCited(['s1', 's2', 's3', 's4'], cut.options, (id) => id === 's3')).toEqual(['s3', 's1']);
    expect(cut.fit.uncited).toBe(2);
    // Unlike a list, a citation may lose a single source: no line says where it is.
    const three = call(new Map([['cite:10:2@1:0#1', 2]]));
    expect(fitCited(['s1', 's2', 's3'], three.options, () => false)).toEqual(['s1', 's2']);
  });

  it('order= goes with keep=, and keep= is a whole number from 1', () => {
    expect(() => fitCited(['s1'], call(new Map(), { order: 10 }).options, () => false)).toThrow(
      '{{cite}}: order= goes with keep=, as in (cite this keep=2 order=10)',
    );
    expect(() => fitCited(['s1'], call(new Map(), { keep: 0 }).options, () => false)).toThrow(
      '{{cite}}: keep= takes a whole number of at least 1; got 0',
    );
  });

  // The BRICS fixture's memo cites 43 sources with every citation whole: three pages, however short its lists.
  it('the BRICS memo meets its two pages by citing two sources a statement, in every format, and says the FAQ cites them all', async () => {
    const out = join(tempDir('brief-fit-out-'), 'out');
    const r = await runCli(['--data', BRICS, '--out', out, '--only', 'memo,faq']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('over the template');
    const dir = join(out, 'brics-johannesburg-2023-08-22');
    expect(pdfPages(join(dir, 'memo.pdf'))).toBe(2);
    const md = readFileSync(join(dir, 'memo.md'), 'utf8');
    expect(md).toContain(
      'Where a statement has more than two sources, the memo cites two of them; the FAQ cites them all.',
    );
    const bottom = md.split('## Bottom line up front')[1]!.split('\n## ')[0]!;
    for (const point of bottom.split('\n').filter((l) => l.startsWith('- ')))
      expect(point.match(/\[\^\d+\]/g)?.length, point).toBeLessThanOrEqual(2);
    // The same notes in every format: the Markdown's last note is the PDF's and the DOCX's last.
    const notes = [...md.matchAll(/^\[\^(\d+)\]:/gm)].length;
    expect(notes).toBeLessThan(43);
    expect(pdfText(join(dir, 'memo.pdf'))).toContain(` ${notes}. `);
    expect(pdfText(join(dir, 'memo.pdf'))).not.toContain(` ${notes + 1}. `);
    expect(docxText(join(dir, 'memo.docx'))).toContain(`${notes}.`);
    // The FAQ, without a budget, cites every source of the first bottom-line point's claim (eleven).
    expect(readFileSync(join(dir, 'faq.md'), 'utf8')).toMatch(/\[\^\d+\](\[\^\d+\]){10}/);
  }, 240_000);
});
