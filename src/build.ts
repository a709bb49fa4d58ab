/**
 * One dataset through the whole path: load, check, view, render, write.
 * Everything is produced in memory first; files are written only when every
 * document in every format succeeded, each under a temporary name and then
 * renamed into place, so that a failing run leaves earlier outputs as they were.
 */
import { readFileSync } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDataset, type CheckedDataset } from './data/check.js';
import { UserError } from './data/diagnostics.js';
import { loadDatasetFile } from './data/load.js';
import { shown } from './datasets.js';
import { renderDocuments, type RenderedDocument } from './render/render.js';
import type { DocumentName, TemplateSet } from './render/templates.js';
import { parseMarkdown } from './doc/parse.js';
import { inlineText, type Block, type Doc } from './doc/tree.js';
import { buildView } from './view/build.js';
import type { FontSet, Role } from './writers/fonts.js';
import { writeMarkdown } from './writers/md.js';
import type { DocumentMeta } from './writers/pdf/index.js';

export const FORMATS = ['pdf', 'docx', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** What a writer gets: the rendered document, its tree, the fonts and the metadata. Never the dataset. */
interface WriterInput {
  doc: RenderedDocument;
  tree: Doc;
  fonts: FontSet;
  meta: DocumentMeta;
}

type Writer = (input: WriterInput) => Promise<{ bytes: Buffer; pages?: number }>;

const WRITERS: Partial<Record<Format, Writer>> = {
  // pdfkit and docx are loaded when first needed: a Markdown-only run or --check never pays for them.
  pdf: async ({ doc, tree, fonts, meta }) => (await import('./writers/pdf/index.js')).writePdf(tree, doc.settings, doc.theme, fonts, meta),
  docx: async ({ doc, tree, fonts, meta }) => (await import('./writers/docx.js')).writeDocx(tree, doc.settings, doc.theme, fonts, meta),
  md: async ({ doc }) => ({ bytes: writeMarkdown(doc) }),
};

export function availableFormats(): Format[] {
  return FORMATS.filter((f) => WRITERS[f]);
}

export interface BuildOptions {
  outDir: string;
  only: readonly DocumentName[];
  formats: readonly Format[];
}

export interface WrittenFile {
  path: string;
  bytes: number;
  pages?: number;
  ms: number;
}

export async function checkFile(file: string, sourcesDir?: string): Promise<CheckedDataset> {
  const result = await checkDataset(await loadDatasetFile(file, shown(file)), sourcesDir ? { sourcesDir } : {});
  if (!result.ok) throw new UserError(result.diagnostics);
  return result.dataset;
}

export async function buildDataset(dataset: CheckedDataset, templates: TemplateSet, options: BuildOptions): Promise<WrittenFile[]> {
  const view = buildView(dataset.data, templates.theme);
  const docs = renderDocuments(templates, view, options.only);
  const trees = new Map(docs.map((d) => [d.name, parseMarkdown(d.markdown)]));
  const needsFonts = options.formats.some((f) => f !== 'md');
  // fontkit (and the fonts) load only when a PDF or DOCX is to be written.
  const fonts = needsFonts ? (await import('./writers/fonts.js')).loadFonts(templates.theme, shown(join(templates.dir, 'theme.yaml'))) : undefined;
  if (fonts) await glyphCheck(docs, trees, fonts, dataset, templates);

  const outputs: { name: string; bytes: Buffer; pages?: number; ms: number }[] = [];
  for (const doc of docs) {
    const meta = metaFor(doc, dataset);
    for (const format of options.formats) {
      const writer = WRITERS[format];
      if (!writer) continue;
      const start = performance.now();
      const { bytes, pages } = await writer({ doc, tree: trees.get(doc.name)!, fonts: fonts!, meta });
      const out: { name: string; bytes: Buffer; pages?: number; ms: number } = { name: `${doc.name}.${format}`, bytes, ms: performance.now() - start };
      if (pages !== undefined) out.pages = pages;
      outputs.push(out);
    }
  }
  return writeAll(join(options.outDir, dataset.name), outputs);
}

/** Document metadata: from the dataset's brief, dated by it (or SOURCE_DATE_EPOCH), never by the clock. */
function metaFor(doc: RenderedDocument, dataset: CheckedDataset): DocumentMeta {
  const { brief } = dataset.data;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(`${brief.as_of}T00:00:00Z`);
  return {
    title: doc.settings.title,
    author: brief.author,
    subject: `${doc.settings.kind}: ${brief.subject ?? brief.title}`,
    keywords: brief.keywords ?? [],
    language: brief.language,
    date,
  };
}

/** Every character the writers will draw must be in a font; otherwise an error naming it and where it came from. */
async function glyphCheck(docs: RenderedDocument[], trees: Map<string, Doc>, fonts: FontSet, dataset: CheckedDataset, templates: TemplateSet): Promise<void> {
  const texts: { role: Role; text: string }[] = [];
  const inBlock = (b: Block, role: Role) => {
    if (b.type === 'heading') texts.push({ role: 'heading', text: inlineText(b.children) });
    else if (b.type === 'paragraph') texts.push({ role, text: inlineText(b.children) });
    else if (b.type === 'list') b.items.forEach((i) => i.forEach((c) => inBlock(c, role)));
    else if (b.type === 'blockquote') b.children.forEach((c) => inBlock(c, role));
    else if (b.type === 'table') [b.header, ...b.rows].forEach((r) => r.forEach((c) => texts.push({ role: 'heading', text: inlineText(c) })));
    else if (b.type === 'code') texts.push({ role: 'mono', text: b.value });
  };
  for (const d of docs) {
    const tree = trees.get(d.name)!;
    tree.blocks.forEach((b) => inBlock(b, 'body'));
    tree.footnotes.forEach((f) => f.children.forEach((b) => inBlock(b, 'body')));
    texts.push({ role: 'heading', text: `${d.settings.title} ${d.settings.kind} ${d.theme.marking} ${dataset.data.brief.author}` });
  }
  const read = (file: string, shownAs = file) => {
    try {
      return { file: shownAs, text: readFileSync(file, 'utf8') };
    } catch {
      return { file: shownAs, text: '' };
    }
  };
  const sources = () => [
    read(dataset.file),
    ...[...templates.templates.values(), ...templates.partials.values()].map((t) => read(t.file)),
    read(join(templates.dir, 'theme.yaml'), shown(join(templates.dir, 'theme.yaml'))),
  ];
  const problems = (await import('./writers/fonts.js')).checkGlyphs(texts, fonts, { files: sources });
  if (problems.length) throw new UserError(problems);
}

/**
 * All or nothing: every file is first written beside its target under a
 * temporary name; only when all are on disk are the old files moved aside and
 * the new ones renamed into place. If any step fails, the old files are put
 * back and the new ones removed, so the folder holds either the previous
 * outputs or the new ones, never a mix and never a partial file.
 */
async function writeAll(dir: string, outputs: { name: string; bytes: Buffer; pages?: number; ms: number }[]): Promise<WrittenFile[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw ioError(dir, err, 'cannot create the output folder');
  }
  for (const o of outputs) {
    const info = await lstat(join(dir, o.name)).catch(() => undefined);
    if (info?.isDirectory()) {
      throw new UserError([{ file: shown(join(dir, o.name)), line: 0, col: 0, path: '', code: 'io/write', message: 'cannot write the output: a folder stands where the file should be' }]);
    }
  }
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const temps: string[] = [];
  const backups: { target: string; backup: string }[] = [];
  const placed: string[] = [];
  try {
    for (const o of outputs) {
      const temp = join(dir, `.${o.name}.${tag}.tmp`);
      temps.push(temp);
      await writeFile(temp, o.bytes);
    }
    for (const o of outputs) {
      const target = join(dir, o.name);
      const backup = join(dir, `.${o.name}.${tag}.old`);
      try {
        await rename(target, backup);
        backups.push({ target, backup });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    for (let i = 0; i < outputs.length; i++) {
      const target = join(dir, outputs[i]!.name);
      await rename(temps[i]!, target);
      placed.push(target);
    }
  } catch (err) {
    await Promise.all([...temps, ...placed].map((t) => rm(t, { force: true })));
    for (const { target, backup } of backups) await rename(backup, target).catch(() => undefined);
    throw ioError(dir, err, 'cannot write the output');
  }
  await Promise.all(backups.map(({ backup }) => rm(backup, { force: true })));
  return outputs.map((o) => {
    const w: WrittenFile = { path: join(dir, o.name), bytes: o.bytes.length, ms: o.ms };
    if (o.pages !== undefined) w.pages = o.pages;
    return w;
  });
}

function ioError(path: string, err: unknown, what: string): UserError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS' ? 'permission denied' : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a file stands where a folder should be' : e.code === 'ENOSPC' ? 'the disk is full' : e.message;
  return new UserError([{ file: shown(path), line: 0, col: 0, path: '', code: 'io/write', message: `${what}: ${why}` }]);
}
