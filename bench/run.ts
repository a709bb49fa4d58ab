/**
 * npm run bench: speed and memory, measured, with the targets they must meet.
 *
 *   cold   `npm run brief` as a user runs it, and the compiled CLI alone (`node dist/brief.mjs`),
 *          whole processes on the bundled dataset, all nine outputs: wall time and CPU; the CLI
 *          alternating with itself on templates without {{chart}}: what the figures cost
 *   warm   the same brief built again inside a running process (what --watch pays)
 *   stages load+check, render, parse, PDF, DOCX, Markdown, in process
 *   scale  synthetic datasets at 1x, 10x and 100x: time, peak memory, pages
 *   pandoc the same Markdown converted to DOCX by pandoc, where it is installed
 *
 * Medians of several runs after a warm-up. Prints a table and writes
 * bench/results.json. `--quick` runs fewer repetitions; `--strict` exits 1
 * when a target is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { checkDataset } from '../src/data/check.js';
import { nameFromFile } from '../src/run/names.js';
import { loadDatasetFile } from '../src/data/load.js';
import type { Dataset } from '../src/data/types.js';
import { parseMarkdown } from '../src/doc/parse.js';
import { ROOT } from '../src/shared/paths.js';
import { renderDocuments } from '../src/render/render.js';
import { loadTemplates } from '../src/render/templates.js';
import { Reporter } from '../src/run/report.js';
import { Session } from '../src/run/session.js';
import { buildView } from '../src/view/view.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { toMarkdown, writeMarkdown } from '../src/writers/md.js';
import { writePdf } from '../src/writers/pdf/index.js';
import type { Meta } from '../src/doc/tree.js';
import { scaled } from './synthetic.js';

const quick = process.argv.includes('--quick');
const strict = process.argv.includes('--strict');
const COLD_RUNS = quick ? 3 : 7;
const WARM_RUNS = quick ? 5 : 20;
const DATASET = join(ROOT, 'data', 'coalition-of-the-willing-2025-04-10.yaml');
const CLI = join(ROOT, 'dist', 'brief.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'brief-bench-'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function time(runs: number, f: () => unknown): Promise<number> {
  await f(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

function runCli(args: string[]): { ms: number; rssKB: number; pages: number } {
  const rss = join(tmp, `rss-${process.pid}`);
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', join(ROOT, 'bench', 'report-rss.mjs'), CLI, ...args],
    { encoding: 'utf8', env: { ...process.env, BRIEF_BENCH_RSS: rss } },
  );
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`brief failed: ${r.stderr}`);
  const pages = [...r.stdout.matchAll(/\s(\d+) p\s/g)].reduce((a, m) => a + Number(m[1]), 0);
  return { ms, rssKB: Number(readFileSync(rss, 'utf8')), pages };
}

// ---- build the compiled CLI (what `npm ci` and `npm run brief` build) ----
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });

/** A whole command's wall time and CPU (user + system, children included), by GNU time where the machine has it. */
function timed(command: string[]): { ms: number; cpuMs: number | null } {
  const gnuTime = '/usr/bin/time';
  const hasTime = spawnSync(gnuTime, ['-f', '%U', 'true']).status === 0;
  const out = join(tmp, `time-${process.pid}`);
  const t = performance.now();
  const r = hasTime
    ? spawnSync(gnuTime, ['-o', out, '-f', '%U %S', ...command], { encoding: 'utf8', cwd: ROOT })
    : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', cwd: ROOT });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr}`);
  const cpu = hasTime ? readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number) : null;
  return { ms, cpuMs: cpu ? (cpu[0]! + cpu[1]!) * 1000 : null };
}

const results: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
};

// ---- cold -------------------------------------------------------------
// A baseline for reading the figures on another machine: node starting and doing nothing.
const nodeStart = median(
  Array.from({ length: COLD_RUNS }, () => {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t;
  }),
);
const coldOut = join(tmp, 'cold');
runCli(['--data', DATASET, '--out', coldOut, '--quiet']); // warm-up (disk cache)
const coldRuns = Array.from({ length: COLD_RUNS }, () => runCli(['--data', DATASET, '--out', coldOut, '--quiet']));
const cold = median(coldRuns.map((r) => r.ms));
const coldMd = median(
  Array.from(
    { length: COLD_RUNS },
    () => runCli(['--data', DATASET, '--out', coldOut, '--quiet', '--format', 'md']).ms,
  ),
);
const npmOut = join(tmp, 'npm');
const npmRuns = Array.from({ length: COLD_RUNS }, () =>
  timed(['npm', 'run', '--silent', 'brief', '--', '--data', DATASET, '--out', npmOut, '--quiet']),
);
const npmWall = median(npmRuns.map((r) => r.ms));
const npmCpu = npmRuns[0]!.cpuMs === null ? null : median(npmRuns.map((r) => r.cpuMs!));
// What the figures cost (issue 32): each run of the CLI alone followed by one with {{chart}} taken out of a copy of the templates.
const noFigures = join(tmp, 'templates-no-figures');
cpSync(join(ROOT, 'templates'), noFigures, { recursive: true });
for (const f of readdirSync(noFigures).filter((n) => n.endsWith('.hbs')))
  writeFileSync(join(noFigures, f), readFileSync(join(noFigures, f), 'utf8').replace(/\{\{chart\b[^}]*\}\}/g, ''));
const cliRuns: ReturnType<typeof timed>[] = [];
const noFigureRuns: ReturnType<typeof timed>[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  cliRuns.push(timed([process.execPath, CLI, '--data', DATASET, '--out', npmOut, '--quiet']));
  noFigureRuns.push(
    timed([
      process.execPath,
      CLI,
      '--data',
      DATASET,
      '--out',
      join(tmp, 'no-figures'),
      '--quiet',
      '--templates',
      noFigures,
    ]),
  );
}
const cliCpu = cliRuns[0]!.cpuMs === null ? null : median(cliRuns.map((r) => r.cpuMs!));
const noFigureCpu = noFigureRuns[0]!.cpuMs === null ? null : median(noFigureRuns.map((r) => r.cpuMs!));

// ---- stages and warm, in process --------------------------------------
const templates = await loadTemplates(join(ROOT, 'templates'));
const fonts = loadFonts(templates.theme);
let checked!: Dataset;
const loadCheck = await time(WARM_RUNS, async () => {
  checked = (await checkDataset(await loadDatasetFile(DATASET))).data;
});
let docs = renderDocuments(templates, buildView(checked, templates.theme));
const render = await time(WARM_RUNS, () => (docs = renderDocuments(templates, buildView(checked, templates.theme))));
const metaOf = (d: (typeof docs)[number]): Meta => ({
  title: d.settings.title,
  kind: d.settings.kind,
  marking: templates.theme.marking,
  author: 'x',
  subject: 'x',
  keywords: [],
  language: 'en-GB',
  date: new Date('2025-04-10T00:00:00Z'),
  paper: templates.theme.page.size,
  orientation: d.settings.orientation,
  margins: templates.theme.page.margins_mm,
  pageLabel: 'Page {n} of {total}',
  properties: [],
});
let trees = docs.map((d) => parseMarkdown(d.markdown, metaOf(d)));
const parse = await time(WARM_RUNS, () => (trees = docs.map((d) => parseMarkdown(d.markdown, metaOf(d)))));
const env = { theme: templates.theme, fonts };
const pdf = await time(WARM_RUNS, () => Promise.all(trees.map((t) => writePdf(t, env))));
const docx = await time(WARM_RUNS, () => Promise.all(trees.map((t) => writeDocx(t, env))));
const md = await time(WARM_RUNS, () => Promise.all(trees.map((t) => writeMarkdown(t))));

const quiet = new Reporter({ out: () => undefined, err: (l) => process.stderr.write(l + '\n') }, true);
const session = new Session(
  {
    templates: join(ROOT, 'templates'),
    out: join(tmp, 'warm'),
    only: ['memo', 'faq', 'matrix'],
    formats: ['pdf', 'docx', 'md'],
    quiet: true,
  },
  quiet,
);
await session.loadTemplates();
const warm = await time(WARM_RUNS, async () => {
  session.forget(DATASET);
  const r = await session.write([{ path: DATASET, name: nameFromFile(DATASET) }]);
  // Nine documents, and the figures' SVG files beside the Markdown.
  if (r.failed || r.written < 9) throw new Error('warm build failed');
});
// The multi-script fixture (Arabic, Hebrew, Devanagari, Thai, CJK...): shaping, bidi and fallback fonts at work.
const MULTI = join(ROOT, 'test', 'fixtures', 'scripts', 'multiscript-ministerial-2025-06-12.yaml');
const multi = await time(WARM_RUNS, async () => {
  session.forget(MULTI);
  const r = await session.write([{ path: MULTI, name: nameFromFile(MULTI) }]);
  if (r.failed || r.written < 9) throw new Error('warm multi-script build failed (is fonts-noto-cjk installed?)');
});
// What --watch pays after a template edit: reload the templates, re-render and write one document.
const warmTemplate = await time(WARM_RUNS, async () => {
  await session.loadTemplates();
  const r = await session.write([{ path: DATASET, name: nameFromFile(DATASET) }], ['memo']);
  if (r.failed || r.written < 3) throw new Error('warm memo build failed');
});

// ---- scale ------------------------------------------------------------
const scale: { k: number; claims: number; ms: number; rssMB: number; pages: number; msPerClaim: number }[] = [];
for (const k of [1, 10, 100]) {
  const file = join(tmp, `scaled-${k}x.yaml`);
  writeFileSync(file, scaled(DATASET, k));
  const runs = Array.from({ length: k === 100 ? (quick ? 1 : 3) : quick ? 2 : 3 }, () =>
    runCli(['--data', file, '--out', join(tmp, 'scale')]),
  );
  const claims = checked.claims.length * k;
  const ms = median(runs.map((r) => r.ms));
  scale.push({
    k,
    claims,
    ms,
    rssMB: Math.max(...runs.map((r) => r.rssKB)) / 1024,
    pages: runs[0]!.pages,
    msPerClaim: ms / claims,
  });
}

// ---- pandoc, where installed -------------------------------------------
// Side by side with our whole process: pandoc converting the same three Markdown files to DOCX,
// one process each, wall time and CPU of the three together.
let pandoc: { ms: number; cpuMs: number | null; ratio: number; cpuRatio: number | null } | undefined;
if (spawnSync('pandoc', ['--version']).status === 0) {
  const files = docs.map((d, i) => {
    const f = join(tmp, `${d.name}.md`);
    writeFileSync(f, toMarkdown(trees[i]!));
    return f;
  });
  const runs = Array.from({ length: quick ? 3 : 7 }, () =>
    files
      .map((f) => timed(['pandoc', f, '-f', 'gfm', '-o', f.replace(/\.md$/, '.docx')]))
      .reduce((a, b) => ({ ms: a.ms + b.ms, cpuMs: a.cpuMs === null || b.cpuMs === null ? null : a.cpuMs + b.cpuMs })),
  );
  const ms = median(runs.map((r) => r.ms));
  const cpuMs = runs[0]!.cpuMs === null ? null : median(runs.map((r) => r.cpuMs!));
  pandoc = { ms, cpuMs, ratio: npmWall / ms, cpuRatio: cpuMs && npmCpu ? npmCpu / cpuMs : null };
}

// ---- report -----------------------------------------------------------
const s10 = scale.find((s) => s.k === 10)!;
const s100 = scale.find((s) => s.k === 100)!;
const targets = [
  // Issue 17's targets: npm run brief under 1 s of wall time and of CPU, the compiled CLI under 0.7 s, warm 100 ms, a template edit 50 ms.
  { name: '`npm run brief`, whole process, wall', value: npmWall, unit: 'ms', limit: 1000 },
  ...(npmCpu === null ? [] : [{ name: '`npm run brief`, whole process, CPU', value: npmCpu, unit: 'ms', limit: 1000 }]),
  { name: 'compiled CLI alone, wall', value: cold, unit: 'ms', limit: 700 },
  { name: 'warm rebuild of all nine files', value: warm, unit: 'ms', limit: 100 },
  { name: 'warm rebuild after a template edit (--watch)', value: warmTemplate, unit: 'ms', limit: 50 },
  { name: '100x dataset, time', value: s100.ms, unit: 'ms', limit: 6000 },
  { name: '100x dataset, peak memory', value: s100.rssMB, unit: 'MB', limit: 600 },
  { name: 'time per claim, 100x / 10x', value: s100.msPerClaim / s10.msPerClaim, unit: 'x', limit: 1.5 },
];

const fmt = (v: number, unit: string) => (unit === 'x' ? v.toFixed(2) + 'x' : `${Math.round(v)} ${unit}`);
const lines: string[] = [];
lines.push(`| measure | median |`, `| --- | ---: |`);
lines.push(`| baseline: node starting and exiting | ${fmt(nodeStart, 'ms')} |`);
lines.push(
  `| cold: \`npm run brief\`, whole process, nine files: wall / CPU | ${fmt(npmWall, 'ms')} / ${npmCpu === null ? 'n/a' : fmt(npmCpu, 'ms')} |`,
);
lines.push(
  `| cold: compiled CLI alone (\`node dist/brief.mjs\`): wall / CPU | ${fmt(cold, 'ms')} / ${cliCpu === null ? 'n/a' : fmt(cliCpu, 'ms')} |`,
);
lines.push(
  `| cold: compiled CLI alone without the figures ({{chart}} taken out of the templates): CPU; the figures' share | ${noFigureCpu === null || cliCpu === null ? 'n/a' : `${fmt(noFigureCpu, 'ms')}; ${(((cliCpu - noFigureCpu) / noFigureCpu) * 100).toFixed(1)}%`} |`,
);
lines.push(`| cold: Markdown only, three files | ${fmt(coldMd, 'ms')} |`);
lines.push(`| warm: all nine files again in a running process (${WARM_RUNS} runs) | ${fmt(warm, 'ms')} |`);
lines.push(`| warm: template edit, memo in three formats | ${fmt(warmTemplate, 'ms')} |`);
lines.push(`| warm: multi-script fixture, all nine files | ${fmt(multi, 'ms')} |`);
lines.push(`| stage: load + check | ${fmt(loadCheck, 'ms')} |`);
lines.push(`| stage: render three templates | ${fmt(render, 'ms')} |`);
lines.push(`| stage: parse three documents | ${fmt(parse, 'ms')} |`);
lines.push(`| stage: PDF, three documents | ${fmt(pdf, 'ms')} |`);
lines.push(`| stage: DOCX, three documents | ${fmt(docx, 'ms')} |`);
lines.push(`| stage: Markdown, three documents | ${md.toFixed(2)} ms |`);
for (const s of scale)
  lines.push(
    `| scale ${s.k}x (${s.claims} claims): time, peak RSS, pages | ${fmt(s.ms, 'ms')}, ${fmt(s.rssMB, 'MB')}, ${s.pages} p |`,
  );
lines.push(
  `| pandoc gfm -> docx, same three files, three processes: wall / CPU | ${pandoc ? `${fmt(pandoc.ms, 'ms')} / ${pandoc.cpuMs === null ? 'n/a' : fmt(pandoc.cpuMs, 'ms')}` : 'pandoc not installed'} |`,
);
if (pandoc)
  lines.push(
    `| \`npm run brief\` (nine files) against pandoc (three DOCX): wall / CPU | ${pandoc.ratio.toFixed(1)}x / ${pandoc.cpuRatio === null ? 'n/a' : pandoc.cpuRatio.toFixed(1) + 'x'} |`,
  );

const targetLines = targets.map(
  (t) =>
    `| ${t.name} | ${fmt(t.value, t.unit)} | < ${fmt(t.limit, t.unit)} | ${t.value < t.limit ? 'met' : 'MISSED'} |`,
);
const table = [...lines, '', '| target | measured | limit | |', '| --- | ---: | ---: | --- |', ...targetLines].join(
  '\n',
);
console.log(table);

Object.assign(results, {
  date: new Date().toISOString(),
  runs: { cold: COLD_RUNS, warm: WARM_RUNS },
  node_start_ms: nodeStart,
  npm_run_brief_ms: npmWall,
  npm_run_brief_cpu_ms: npmCpu,
  cli_cpu_ms: cliCpu,
  cli_cpu_no_figures_ms: noFigureCpu,
  cold_ms: cold,
  cold_md_ms: coldMd,
  warm_ms: warm,
  warm_template_ms: warmTemplate,
  warm_multiscript_ms: multi,
  stages_ms: { load_check: loadCheck, render, parse, pdf, docx, md },
  scale,
  pandoc: pandoc ?? null,
  targets: targets.map((t) => ({ ...t, met: t.value < t.limit })),
  table,
});
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
rmSync(tmp, { recursive: true, force: true });
if (strict && targets.some((t) => t.value >= t.limit)) process.exitCode = 1;
