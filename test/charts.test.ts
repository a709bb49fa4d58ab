// Positions at a glance (issue 32): a figure per question in every format.
// The counts are checked against the datasets themselves (their stances,
// not the view or the chart code); the PDF's Figure and its Alt against
// pdfinfo and qpdf; the DOCX image's description and validity against the
// Open XML validator; the Markdown's SVG files against an XML parser.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import validate from './support/ooxml.js';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BUNDLED, FIXTURE, ROOT, runCli, tempDir, tool } from './helpers.js';
import { built } from './support/build-cache.js';
import { showcase, SHOWCASE } from './support/showcase.js';
import { readPng } from './support/png.js';

const SCRIPTS = join(ROOT, 'test', 'fixtures', 'scripts', 'multiscript-ministerial-2025-06-12.yaml');
/** The datasets of every shape (test/support/showcase.ts), SCRIPTS among them. */
const FILES = SHOWCASE;
const GUESTS = FILES.at(-1)!;
/** The figures' counts are checked on these too: BRICS (six positions among 26 actors; its memo takes three pages, over its budget, so the memo test keeps to FILES) and the audiences fixture. */
const COUNTED = [
  ...FILES,
  join(ROOT, 'test', 'fixtures', 'reports', 'brics-johannesburg-2023-08-22.yaml'),
  join(ROOT, 'test', 'fixtures', 'audiences', 'north-sea-energy-ministerial-2025-03-12.yaml'),
];
const NAME = (f: string) => basename(f, '.yaml');

/** Where each dataset's documents are: the folder holding its folder of outputs. */
const outOf = new Map<string, string>();
/** The folder of a dataset's outputs. */
const dirOf = (f: string) => join(outOf.get(f)!, NAME(f));
beforeAll(async () => {
  // FILES in every format: the build shapes.test.ts and accessibility.test.ts read too (test/support/build-cache.ts).
  // BRICS as who-came.test.ts builds it (its matrix is counted here); the audiences fixture, its matrix alone.
  const [all, brics, audiences] = await Promise.all([
    showcase(),
    built(['--data', COUNTED.at(-2)!, '--sources', join(ROOT, 'test', 'fixtures', 'reports', 'sources'), '--quiet']),
    built(['--data', COUNTED.at(-1)!, '--quiet', '--only', 'matrix', '--format', 'md']),
  ]);
  for (const r of [all, brics, audiences]) expect(r.code, r.stderr).toBe(0);
  for (const f of FILES) outOf.set(f, all.out);
  outOf.set(COUNTED.at(-2)!, brics.out);
  outOf.set(COUNTED.at(-1)!, audiences.out);
}, 240_000);

type Data = {
  dimensions: { id: string; label: string; short_label?: string }[];
  positions: { actor: string; stances?: Record<string, { value: string }> }[];
};
/** A dataset's questions and positions; a meeting with no questions may leave both out. */
const readData = (f: string): Data => ({
  dimensions: [],
  positions: [],
  ...(parseYaml(readFileSync(f, 'utf8')) as Partial<Data>),
});

/** The figures of a Markdown file: alt text and the file each links. */
function figures(md: string): { alt: string; file: string }[] {
  return [...md.matchAll(/^!\[(.*)\]\(<?([^)>]+)>?\)$/gm)].map((m) => ({
    alt: m[1]!.replace(/\\(.)/g, '$1'),
    file: m[2]!,
  }));
}

describe('figures: what they count', () => {
  it("each question's figure counts what the dataset says, for every dataset", () => {
    for (const f of COUNTED) {
      const data = readData(f);
      const figs = figures(readFileSync(join(dirOf(f), 'matrix.md'), 'utf8'));
      expect(figs.length, NAME(f)).toBe(data.positions.length ? data.dimensions.length : 0);
      for (const { alt } of figs) {
        const dim = data.dimensions.find((d) => alt.startsWith(`${d.short_label ?? d.label}: `));
        expect(dim, `${NAME(f)}: ${alt}`).toBeDefined();
        // From the data: how many actors gave each answer (no stance is not stated).
        const counts = new Map<string, number>();
        for (const p of data.positions) {
          const v = p.stances?.[dim!.id]?.value ?? 'not_stated';
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        const shown = [
          ...alt.slice((dim!.short_label ?? dim!.label).length + 2).matchAll(/(?:^|, )(\d+) [^(,]+(?: \([^)]*\))?/g),
        ].map((m) => Number(m[1]));
        expect(
          shown.sort((a, b) => a - b),
          `${NAME(f)}: ${alt}`,
        ).toEqual([...counts.values()].sort((a, b) => a - b));
      }
    }
  });

  it('a matrix of more than 24 actors names each group of up to five and counts the larger ones, in the figure as in its words (36 actors)', () => {
    const name = 'subsea-cables-ministerial-2025-09-18';
    const path = FILES.find((f) => NAME(f) === name)!;
    const data = readData(path);
    expect(data.positions.length).toBeGreaterThan(24);
    const md = readFileSync(join(dirOf(path), 'matrix.md'), 'utf8');
    expect(md).toContain('the table below names every actor');
    const figs = figures(md);
    expect(figs.length).toBe(data.dimensions.length);
    let named = 0,
      counted = 0;
    for (const { alt, file } of figs) {
      // What the figure draws: its texts, with the marks that keep right-to-left names in order taken out.
      const drawn = [...readFileSync(join(dirOf(path), file), 'utf8').matchAll(/<text [^>]*>([^<]*)<\/text>/g)]
        .map((m) => m[1]!.replace(/\u200e/g, ''))
        .join(' ');
      for (const m of alt.matchAll(/(?:: |, )(\d+) ([^(,]+?)(?: \(([^)]*)\))?(?=, |$)/g)) {
        const n = Number(m[1]);
        expect(drawn, alt).toContain(` (${n})`);
        if (m[3] !== undefined) {
          expect(n, alt).toBeLessThanOrEqual(5);
          expect(m[3].split(', ').length, alt).toBe(n);
          for (const actor of m[3].split(', ')) expect(drawn, alt).toContain(actor);
          named++;
        } else if (!/not stated|n\/a/.test(m[2]!)) {
          expect(n, `a stated group of ${n} is counted only when it is over 5: ${alt}`).toBeGreaterThan(5);
          counted++;
        }
      }
    }
    expect(named, 'some groups are named').toBeGreaterThan(0);
    expect(counted, 'some groups are counted').toBeGreaterThan(0);
  });

  it('the memo shows a compact figure per question where its budget allows: counts, no names (its list names them), within its pages', () => {
    for (const f of FILES) {
      const data = readData(f);
      const figs = figures(readFileSync(join(dirOf(f), 'memo.md'), 'utf8'));
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [join(dirOf(f), 'memo.pdf')], { encoding: 'utf8' }))![1],
      );
      expect(pages, NAME(f)).toBeLessThanOrEqual(2);
      expect(figs.length, NAME(f)).toBeLessThanOrEqual(data.dimensions.length);
      if (data.dimensions.length > 2) for (const { alt } of figs) expect(alt, NAME(f)).not.toContain('(');
    }
    // The G7 memo, of three questions, has room for all three (it had none while figures were shown only for one or two questions).
    const g7 = FILES.find((f) => NAME(f).startsWith('g7-'))!;
    expect(figures(readFileSync(join(dirOf(g7), 'memo.md'), 'utf8')).map((x) => x.alt)).toEqual([
      'Pressure on Russia: 1 yes, 4 not stated',
      'New support: 1 yes, 4 not stated',
      'Caribbean strikes: 3 not stated, 1 unlawful, 1 only if',
    ]);
  });

  it('the bundled matrix says who stands where, in the words of the alternative text', () => {
    const alts = figures(readFileSync(join(dirOf(BUNDLED), 'matrix.md'), 'utf8')).map((x) => x.alt);
    expect(alts).toContain(
      'Troop contribution: 2 leading (France, UK), 3 open (Latvia, Netherlands, Sweden), 2 no (Greece, Poland), 4 not stated, 2 n/a',
    );
  });
});

describe('figures: colour', () => {
  /** The fills of a figure's boxes (bar segments, then key swatches), by its title. */
  const fills = (title: string) => {
    const fig = figures(readFileSync(join(dirOf(GUESTS), 'matrix.md'), 'utf8')).find((f) =>
      f.alt.startsWith(`${title}: `),
    )!;
    expect(fig, title).toBeDefined();
    return [...readFileSync(join(dirOf(GUESTS), fig.file), 'utf8').matchAll(/<rect [^>]*fill="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
  };

  it('a figure colours a category as its matrix cells do: by the tone the question gives it, neutral where it redefines the word and gives none (issue 25)', () => {
    // Unlawful and Only if are this question's own words with no tone: no judgement in colour, as in the table.
    expect(new Set(fills('Strikes at sea'))).toEqual(new Set(['#ffffff']));
    // Kept out is no refusal: white, where Brief's own "No" (Sanctions) is filled.
    expect(new Set(fills('Trade dispute'))).toEqual(new Set(['#ffffff']));
    const sanctions = fills('Sanctions');
    expect(new Set(sanctions).size).toBeGreaterThanOrEqual(4);
    // Backs takes the tone "yes" (the fill of Brief's Yes, the first Sanctions segment); Terms first, with no tone, none.
    const corridor = fills('Sea corridor');
    expect(corridor.slice(0, 3)).toEqual([sanctions[0], '#ffffff', '#ffffff']);
  });
});

describe('figures: Markdown', () => {
  it('each figure is an SVG file beside the Markdown, well-formed, linked relatively, its title the alt text', () => {
    for (const f of FILES) {
      const dir = dirOf(f);
      for (const { alt, file } of figures(readFileSync(join(dir, 'matrix.md'), 'utf8'))) {
        expect(file).toMatch(/^matrix-figure-\d+\.svg$/);
        const svg = readFileSync(join(dir, file), 'utf8');
        const titles: string[] = [];
        let inTitle = false;
        const p = new SaxesParser({ xmlns: true });
        p.on('opentag', (t) => {
          inTitle = t.local === 'title';
        });
        p.on('text', (t) => {
          if (inTitle) titles.push(t);
        });
        p.on('closetag', () => {
          inTitle = false;
        });
        p.write(svg).close();
        expect(titles, file).toEqual([alt]);
        expect(svg).toContain('<rect');
      }
    }
  });

  it('every SVG written is linked from a Markdown file (none left over)', () => {
    for (const f of FILES) {
      const dir = dirOf(f);
      const linked = new Set(
        readdirSync(dir)
          .filter((n) => n.endsWith('.md'))
          .flatMap((n) => figures(readFileSync(join(dir, n), 'utf8')).map((x) => x.file)),
      );
      expect(
        readdirSync(dir)
          .filter((n) => n.endsWith('.svg'))
          .sort(),
      ).toEqual([...linked].sort());
    }
  });

  it('a second run writes the same bytes (the figures are reproducible)', async () => {
    const again = tempDir('brief-charts-again-');
    const r = await runCli(['--data', SCRIPTS, '--out', again, '--quiet', '--only', 'matrix,memo']);
    expect(r.code, r.stderr).toBe(0);
    const dir = dirOf(SCRIPTS);
    for (const n of readdirSync(join(again, NAME(SCRIPTS)))) {
      expect(readFileSync(join(again, NAME(SCRIPTS), n)).equals(readFileSync(join(dir, n))), n).toBe(true);
    }
  }, 120_000);
});

it('a Markdown document written again drops its old figures: fewer questions leave no stale SVG', async () => {
  const dest = tempDir('brief-charts-stale-');
  expect((await runCli(['--data', BUNDLED, '--out', dest, '--quiet', '--format', 'md', '--only', 'matrix'])).code).toBe(
    0,
  );
  const dir = join(dest, NAME(BUNDLED));
  expect(readdirSync(dir).filter((n) => n.endsWith('.svg')).length).toBe(5);
  // The same dataset with its fifth question answered by no one: four figures now.
  const data = join(tempDir('brief-charts-stale-data-'), basename(BUNDLED));
  const yaml = parseYaml(readFileSync(BUNDLED, 'utf8')) as Data;
  const last = yaml.dimensions
    .filter((d) =>
      yaml.positions.some((p) => {
        const v = p.stances?.[d.id]?.value;
        return v && v !== 'not_stated' && v !== 'not_applicable';
      }),
    )
    .at(-1)!.id;
  writeFileSync(
    data,
    readFileSync(BUNDLED, 'utf8').replace(
      new RegExp(`(\\n\\s+${last}: )\\{[^}\\n]*\\}`, 'g'),
      '$1{ value: not_stated }',
    ),
  );
  const r = await runCli(['--data', data, '--out', dest, '--quiet', '--format', 'md,pdf', '--only', 'matrix']);
  expect(r.code, r.stderr).toBe(0);
  expect(
    readdirSync(dir)
      .filter((n) => n.endsWith('.svg'))
      .sort(),
  ).toEqual([1, 2, 3, 4].map((n) => `matrix-figure-${n}.svg`));
  expect(readdirSync(dir)).toContain('matrix.pdf');
}, 120_000);

describe('figures: PDF', () => {
  it('each figure is a Figure in the structure tree with Alt saying what it shows', () => {
    for (const f of [BUNDLED, SCRIPTS]) {
      const pdf = join(dirOf(f), 'matrix.pdf');
      const alts = figures(readFileSync(join(dirOf(f), 'matrix.md'), 'utf8')).map((x) => x.alt);
      const struct = execFileSync(tool('pdfinfo'), ['-struct', pdf], { encoding: 'utf8' });
      expect(struct.match(/^\s+Figure\b/gm)?.length).toBe(alts.length);
      const json = JSON.stringify(
        JSON.parse(execFileSync(tool('qpdf'), ['--json=2', pdf], { encoding: 'utf8', maxBuffer: 1 << 28 })),
      );
      const found = [...json.matchAll(/"\/Alt":"u:((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
      expect(found).toEqual(alts);
    }
  });

  it('is drawn as vector graphics: no image in the matrix', () => {
    const list = execFileSync(tool('pdfimages'), ['-list', join(dirOf(BUNDLED), 'matrix.pdf')], { encoding: 'utf8' });
    expect(list.trim().split('\n').length).toBe(2); // the header lines only
  });
});

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
/** The shipped theme's fonts for tables and figures: Noto Sans, and DejaVu Sans for the symbols. */
const THEME_FONTS = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
].map((f) => join(ROOT, 'node_modules', f));
/** How many dark pixels each row of a picture has. */
function inkRows(p: { width: number; height: number; channels: number; data: Uint8Array }): number[] {
  return Array.from({ length: p.height }, (_, y) => {
    let n = 0;
    for (let x = 0; x < p.width; x++) if (p.data[(y * p.width + x) * p.channels]! < 128) n++;
    return n;
  });
}
function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let c = 0,
    va = 0,
    vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
}

describe('figures: DOCX', () => {
  it('each figure is an SVG image with a PNG fallback, described (docPr descr), and the document is valid', async () => {
    for (const f of [BUNDLED, SCRIPTS]) {
      const file = join(dirOf(f), 'matrix.docx');
      const zip = unzipSync(readFileSync(file));
      const xml = strFromU8(zip['word/document.xml']!);
      const alts = figures(readFileSync(join(dirOf(f), 'matrix.md'), 'utf8')).map((x) => x.alt);
      const unescape = (s: string) =>
        s
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
      expect([...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => unescape(m[1]!))).toEqual(alts);
      const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
      expect(media.filter((k) => k.endsWith('.svg')).length).toBe(alts.length);
      expect(media.filter((k) => k.endsWith('.png')).length).toBe(alts.length);
      // Each PNG fallback: a real image the size of its SVG (in the pixels Word shows it in), not blank.
      for (const k of media.filter((m) => m.endsWith('.svg'))) {
        const svg = strFromU8(zip[k]!);
        const [w, h] = [/ width="([\d.]+)"/, / height="([\d.]+)"/].map((re) => Number(re.exec(svg)![1]));
        const png = readPng(Buffer.from(zip[k.replace(/\.svg$/, '.png')]!));
        expect([png.width, png.height], k).toEqual([Math.round((w! * 4) / 3), Math.round((h! * 4) / 3)]);
        let dark = 0;
        for (let i = 0; i < png.data.length; i += png.channels) if (png.data[i]! < 128) dark++;
        expect(dark, k).toBeGreaterThan(100);
        // Its Latin text is drawn from glyph outlines: row by row, its ink follows resvg's own setting of the SVG's text
        // in the shipped theme's table fonts (0.997 or more; glyphs drawn upside down gave 0.88 to 0.94).
        const theirs = readPng(
          new Resvg(svg, {
            fitTo: { mode: 'zoom', value: 4 / 3 },
            font: { loadSystemFonts: false, fontFiles: THEME_FONTS, defaultFontFamily: 'Noto Sans' },
            background: '#ffffff',
          })
            .render()
            .asPng(),
        );
        expect(correlation(inkRows(png), inkRows(theirs)), k).toBeGreaterThan(0.98);
      }
      expect(await validate(new Uint8Array(readFileSync(file)), 'docx', 'Microsoft365'), file).toEqual([]);
    }
  }, 120_000);
});

it('{{chart}} naming a question the matrix does not show: an error at its place, exit 1, nothing written', async () => {
  const templates = join(tempDir('brief-charts-templates-'), 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  const file = join(templates, 'matrix.md.hbs');
  writeFileSync(file, readFileSync(file, 'utf8').replace('{{chart}}', '{{chart "no-such-question"}}'));
  const dest = tempDir('brief-charts-bad-');
  const r = await runCli(['--data', FIXTURE, '--templates', templates, '--out', dest, '--only', 'matrix']);
  expect(r.code).toBe(1);
  const at = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('{{chart "no-such'));
  expect(r.stderr).toContain(`matrix.md.hbs:${at + 1}:1`);
  expect(r.stderr).toContain('{{chart}}: no question "no-such-question" has positions to chart');
  expect(readdirSync(dest)).toEqual([]);
});

it('{{chart names=…}} that is not a whole number of actors: an error at its place, exit 1, nothing written', async () => {
  for (const [given, says] of [
    ['-1', 'names= takes a whole number of actors, 0 or more; got -1'],
    ['"all"', 'names= takes a number, as in max=8; found "all"'],
  ] as const) {
    const templates = join(tempDir('brief-charts-templates-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const file = join(templates, 'matrix.md.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{chart}}', `{{chart names=${given}}}`));
    const dest = tempDir('brief-charts-bad-');
    const r = await runCli(['--data', FIXTURE, '--templates', templates, '--out', dest, '--only', 'matrix']);
    expect(r.code, given).toBe(1);
    const at = readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(`{{chart names=${given}`));
    // At the call's line (a literal of the wrong kind is caught before rendering, at the option itself).
    expect(r.stderr).toContain(`matrix.md.hbs:${at + 1}:`);
    expect(r.stderr).toContain(`{{chart}}: ${says}`);
    expect(readdirSync(dest)).toEqual([]);
  }
});
