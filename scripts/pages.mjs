#!/usr/bin/env node
/**
 * Pages per document for every fixture, in PDF and in DOCX as LibreOffice
 * lays it out (issue 28's closing note): `node scripts/pages.mjs`, or
 * `node scripts/pages.mjs --before DIR` to set this checkout beside another
 * one (a `git worktree add` of an earlier commit, with node_modules and a
 * built dist/) in one before/after table. Not part of `npm test`: it builds
 * about a dozen datasets and converts every DOCX, a few minutes of CPU.
 *
 * Each dataset is built by the checkout's own CLI (scripts/brief.mjs) with
 * the arguments its tests build it with; the DOCX files of a run are
 * converted in one soffice call with a private profile. A fixture the
 * checkout does not hold is shown as "—"; a build that fails as "fail".
 *
 * Beside the page counts, `last` gives the lines of body text on each
 * document's last page (distinct text baselines inside the page's margins,
 * read from the DOCX's w:pgMar, so running headers and footers are not
 * counted), the figure issue 28 item 3 is about.
 *
 * Options: --before DIR   the earlier checkout
 *          --json FILE    also write the figures as JSON
 *          --keep         keep the build folders (printed) for a look
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = process.env.BRIEF_SEEDS ?? resolve(HERE, '..', 'shared', 'seeds');
const BUNDLED = 'data/coalition-of-the-willing-2025-04-10.yaml';

/** Every dataset the tests build successfully, with the arguments they build it with. */
const FIXTURES = [
  { name: 'bundled', data: BUNDLED, sources: SEEDS },
  {
    name: 'changes (since bundled)',
    data: 'test/fixtures/changes/coalition-of-the-willing-2025-04-10.yaml',
    extra: ['--since', BUNDLED],
  },
  {
    name: 'audiences/north-sea',
    data: 'test/fixtures/audiences/north-sea-energy-ministerial-2025-03-12.yaml',
    extra: ['--audience', 'all'],
  },
  {
    name: 'fictional-roundtable',
    data: 'test/fixtures/fictional-roundtable-2024-11-05.yaml',
    sources: 'test/fixtures/sources',
  },
  {
    name: 'guests/harbour-group',
    data: 'test/fixtures/guests/fictional-harbour-group-marseille-2026-03-18.yaml',
    sources: 'test/fixtures/guests/sources',
  },
  {
    name: 'reports/brics',
    data: 'test/fixtures/reports/brics-johannesburg-2023-08-22.yaml',
    sources: 'test/fixtures/reports/sources',
  },
  {
    name: 'reports/g7-niagara',
    data: 'test/fixtures/reports/g7-foreign-ministers-niagara-2025-11-11.yaml',
    sources: 'test/fixtures/reports/sources',
  },
  {
    name: 'scripts/multiscript',
    data: 'test/fixtures/scripts/multiscript-ministerial-2025-06-12.yaml',
    sources: 'test/fixtures/scripts/sources',
  },
  { name: 'shapes/courtesy-call (no questions)', data: 'test/fixtures/shapes/courtesy-call-lisbon-2025-05-06.yaml' },
  { name: 'shapes/bilateral', data: 'test/fixtures/shapes/bilateral-talks-2025-03-03.yaml' },
  { name: 'shapes/subsea-ministerial', data: 'test/fixtures/shapes/subsea-cables-ministerial-2025-09-18.yaml' },
  { name: 'shapes/trilateral-tokyo', data: 'test/fixtures/shapes/trilateral-tokyo-2025-03-22.yaml' },
];

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** pdfinfo's page count. */
function pageCount(pdf) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
}

/** The DOCX's page height and top/bottom margins in points (w:pgSz, w:pgMar), from its last section. */
function marginsOf(docx) {
  const xml = strFromU8(
    unzipSync(readFileSync(docx), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'],
  );
  const sz = [...xml.matchAll(/<w:pgSz\b[^>]*\/>/g)].at(-1)?.[0] ?? '';
  const mar = [...xml.matchAll(/<w:pgMar\b[^>]*\/>/g)].at(-1)?.[0] ?? '';
  const tw = (tag, attr) => Number(new RegExp(`w:${attr}="(-?\\d+)"`).exec(tag)?.[1] ?? 0) / 20;
  return { top: Math.abs(tw(mar, 'top')), bottom: Math.abs(tw(mar, 'bottom')) };
}

/** Lines of body text on a PDF's last page: distinct baselines (to the point) of words inside the margins. */
function lastPageLines(pdf, margins) {
  const n = pageCount(pdf);
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)?.[1] ?? 0);
  const ys = new Set();
  for (const m of html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)) {
    const [top, bottom] = [Number(m[1]), Number(m[2])];
    if (top >= margins.top - 1 && bottom <= height - margins.bottom + 1) ys.add(Math.round(bottom));
  }
  // Words of one line differ by a point or so in their boxes (scripts, sizes): count a baseline once.
  const sorted = [...ys].sort((a, b) => a - b);
  return sorted.filter((y, i) => i === 0 || y - sorted[i - 1] > 2).length;
}

/** Every output folder holding documents (a dataset's, and one per audience), relative to out. */
function documentFolders(out) {
  const found = [];
  const walk = (dir) => {
    const entries = readdirSync(dir);
    if (entries.some((e) => e.endsWith('.docx'))) found.push(dir);
    for (const e of entries) if (e !== 'copies' && statSync(join(dir, e)).isDirectory()) walk(join(dir, e));
  };
  walk(out);
  return found;
}

/** Builds one fixture with a checkout's CLI; null when the checkout does not hold it, 'fail' when the build fails. */
function build(root, fixture, out) {
  if (!existsSync(join(root, fixture.data))) return null;
  const sources =
    fixture.sources && existsSync(resolve(root, fixture.sources)) ? ['--sources', resolve(root, fixture.sources)] : [];
  const argv = [
    join(root, 'scripts', 'brief.mjs'),
    '--data',
    join(root, fixture.data),
    '--out',
    out,
    '--format',
    'pdf,docx',
    '--quiet',
    ...sources,
    ...(fixture.extra ?? []),
  ];
  const r = spawnSync('nice', ['node', ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { fail: (r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ') };
  return { ok: true };
}

/** Measures every fixture at a checkout: { [fixture]: { [variant/doc]: { pdf, docx, pdfLast, docxLast } } | null | { fail } }. */
function measure(root) {
  const work = mkdtempSync(join(tmpdir(), 'brief-pages-'));
  const results = {};
  const docxFiles = [];
  FIXTURES.forEach((fixture, i) => {
    const out = join(work, `f${i}`);
    const b = build(root, fixture, out);
    process.stderr.write(
      `${basename(root)}: ${fixture.name}: ${b === null ? 'absent' : b.ok ? 'built' : `FAILED ${b.fail}`}\n`,
    );
    if (!b || !b.ok) return void (results[fixture.name] = b);
    results[fixture.name] = {};
    for (const dir of documentFolders(out)) {
      const variant = relative(out, dir).split('/').slice(1).join('/');
      for (const f of readdirSync(dir).filter((e) => e.endsWith('.docx'))) {
        const doc = basename(f, '.docx');
        const key = variant ? `${variant}/${doc}` : doc;
        const pdf = join(dir, `${doc}.pdf`);
        const converted = join(work, 'lo', `${i}-${key.replaceAll('/', '-')}.pdf`);
        results[fixture.name][key] = { pdfFile: pdf, docxFile: join(dir, f), converted };
        docxFiles.push([join(dir, f), converted]);
      }
    }
  });
  convert(work, docxFiles);
  for (const entries of Object.values(results)) {
    if (!entries || entries.fail) continue;
    for (const e of Object.values(entries)) {
      const margins = marginsOf(e.docxFile);
      e.pdf = existsSync(e.pdfFile) ? pageCount(e.pdfFile) : undefined;
      e.pdfLast = e.pdf ? lastPageLines(e.pdfFile, margins) : undefined;
      e.docx = existsSync(e.converted) ? pageCount(e.converted) : undefined;
      e.docxLast = e.docx ? lastPageLines(e.converted, margins) : undefined;
    }
  }
  if (args.includes('--keep')) process.stderr.write(`kept: ${work}\n`);
  return { results, cleanup: () => args.includes('--keep') || rmSync(work, { recursive: true, force: true }) };
}

/** All DOCX of a run in one soffice call (a private profile), each renamed to its own PDF afterwards. */
function convert(work, pairs) {
  const staged = join(work, 'lo-in');
  const outDir = join(work, 'lo');
  execFileSync('mkdir', ['-p', staged, outDir]);
  pairs.forEach(([docx, pdf], i) => execFileSync('cp', [docx, join(staged, `${i}.docx`)]));
  const profile = `file://${join(work, 'lo-profile')}`;
  const files = pairs.map((_, i) => join(staged, `${i}.docx`));
  spawnSync(
    'nice',
    [
      'soffice',
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      join(work, 'lo-raw'),
      ...files,
    ],
    { stdio: 'ignore', timeout: 900_000 },
  );
  pairs.forEach(([, pdf], i) => {
    const raw = join(work, 'lo-raw', `${i}.pdf`);
    if (existsSync(raw)) execFileSync('mv', [raw, pdf]);
  });
}

const cell = (e, fmt) => (e?.[fmt] === undefined ? '?' : `${e[fmt]} (${e[`${fmt}Last`]})`);

/** The table: one row a fixture and document; before columns when there is a before run. */
function table(after, before) {
  const head = before
    ? ['| fixture | document | PDF before | PDF after | DOCX before | DOCX after |', '|---|---|---|---|---|---|']
    : ['| fixture | document | PDF | DOCX |', '|---|---|---|---|'];
  const rows = [];
  for (const f of FIXTURES) {
    const a = after[f.name];
    const b = before?.[f.name];
    const docs = [...new Set([...Object.keys(a && !a.fail ? a : {}), ...Object.keys(b && !b.fail ? b : {})])];
    if (!docs.length)
      rows.push(`| ${f.name} | all | ${before ? `${b?.fail ? 'fail' : '—'} | ` : ''}${a?.fail ? 'fail' : '—'} |`);
    for (const d of docs) {
      const side = (r, fmt) => (r === null || r === undefined ? '—' : r.fail ? 'fail' : r[d] ? cell(r[d], fmt) : '—');
      rows.push(
        before
          ? `| ${f.name} | ${d} | ${side(b, 'pdf')} | ${side(a, 'pdf')} | ${side(b, 'docx')} | ${side(a, 'docx')} |`
          : `| ${f.name} | ${d} | ${side(a, 'pdf')} | ${side(a, 'docx')} |`,
      );
    }
  }
  return [...head, ...rows].join('\n');
}

const strip = (r) =>
  JSON.parse(JSON.stringify(r, (k, v) => (['pdfFile', 'docxFile', 'converted'].includes(k) ? undefined : v)));
const afterRun = measure(HERE);
const beforeRoot = opt('--before');
const beforeRun = beforeRoot ? measure(resolve(beforeRoot)) : undefined;
console.log('Pages per document; in brackets the lines of body text on the last page.\n');
console.log(table(afterRun.results, beforeRun?.results));
for (const [name, r] of Object.entries(beforeRun?.results ?? {}))
  if (r?.fail) console.log(`\nbefore: ${name} failed: ${r.fail}`);
for (const [name, r] of Object.entries(afterRun.results))
  if (r?.fail) console.log(`\nafter: ${name} failed: ${r.fail}`);
if (opt('--json'))
  writeFileSync(
    opt('--json'),
    JSON.stringify({ after: strip(afterRun.results), before: beforeRun && strip(beforeRun.results) }, null, 2),
  );
afterRun.cleanup();
beforeRun?.cleanup();
