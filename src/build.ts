/**
 * One dataset through the whole path: load, check, view, render, write.
 * Everything is produced in memory first; files are written only when every
 * document in every format succeeded, each under a temporary name and then
 * renamed into place, so that a failing run leaves earlier outputs as they were.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkDataset, type CheckedDataset } from './data/check.js';
import { UserError } from './data/diagnostics.js';
import { loadDatasetFile } from './data/load.js';
import { shown, type DatasetFile } from './datasets.js';
import { nameFromFile } from './output/names.js';
import { renderDocuments, type RenderedDocument } from './render/render.js';
import type { DocumentName, TemplateSet } from './render/templates.js';
import { parseMarkdown } from './doc/parse.js';
import { inlineText, type Block, type Doc } from './doc/tree.js';
import { buildView } from './view/build.js';
import type { FontSet, Role } from './writers/fonts.js';
import { writeMarkdown } from './writers/md.js';
import { replaceFolder, type SwapHooks } from './output/swap.js';
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
  /** Test-only seam into the folder swap. */
  hooks?: SwapHooks;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  pages?: number;
  ms: number;
}

/** Loads and checks one dataset file (a path, or a file found by findDatasets with its output name). */
export async function checkFile(file: string | DatasetFile, sourcesDir?: string): Promise<CheckedDataset> {
  const { path, name } = typeof file === 'string' ? { path: file, name: nameFromFile(file) } : file;
  const result = await checkDataset(await loadDatasetFile(path, shown(path), name), sourcesDir ? { sourcesDir } : {});
  if (!result.ok) throw new UserError(result.diagnostics);
  return result.dataset;
}

export async function buildDataset(dataset: CheckedDataset, templates: TemplateSet, options: BuildOptions): Promise<WrittenFile[]> {
  const view = buildView(dataset.data, templates.theme);
  const docs = renderDocuments(templates, view, options.only);
  const trees = new Map(docs.map((d) => [d.name, parseMarkdown(d.markdown)]));
  const needsFonts = options.formats.some((f) => f !== 'md');
  // fontkit (and the fonts) load only when a PDF or DOCX is to be written.
  const fonts = needsFonts ? (await import('./writers/fonts.js')).loadFonts(templates.theme, templates.themeFile, templates.themeAt) : undefined;
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
  return writeAll(options.outDir, dataset.name, outputs, options.hooks);
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
      // Only a regular file: a dataset read from a pipe cannot be read twice (and reading it again would block).
      if (!statSync(file).isFile()) return { file: shownAs, text: '' };
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
  let text: string | undefined;
  const datasetText = () => (text ??= read(dataset.file).text);
  // The dataset's values first, as parsed: a character written as a YAML escape is found at its scalar.
  const value = (ch: string) => {
    const todo: { v: unknown; path: (string | number)[] }[] = [{ v: dataset.data, path: [] }];
    while (todo.length) {
      const { v, path } = todo.pop()!;
      if (typeof v === 'string') {
        if (v.includes(ch)) {
          const d = dataset.map.at(path, '', '');
          // The character itself when it is written literally in the scalar; else the scalar (an escape such as \U00013000).
          const range = dataset.map.range(path);
          const inText = range ? datasetText().slice(range[0], range[1]).indexOf(ch) : -1;
          const at = range && inText >= 0 ? dataset.map.position(range[0] + inText) : d;
          return { file: d.file, line: at.line, col: at.col, path: d.path };
        }
        // Children pushed last-first, so that the first occurrence in the file is found first.
      } else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) todo.push({ v: v[i], path: [...path, i] });
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v).reverse()) todo.push({ v: x, path: [...path, k] });
    }
    return undefined;
  };
  const problems = (await import('./writers/fonts.js')).checkGlyphs(texts, fonts, { value, files: sources, themeFile: templates.themeFile });
  if (problems.length) throw new UserError(problems);
}

/** All or nothing, and safe against a kill at any instant: see src/output/swap.ts. */
async function writeAll(outDir: string, name: string, outputs: { name: string; bytes: Buffer; pages?: number; ms: number }[], hooks?: SwapHooks): Promise<WrittenFile[]> {
  const dir = join(outDir, name);
  await replaceFolder(outDir, name, outputs, hooks);
  return outputs.map((o) => {
    const w: WrittenFile = { path: join(dir, o.name), bytes: o.bytes.length, ms: o.ms };
    if (o.pages !== undefined) w.pages = o.pages;
    return w;
  });
}
