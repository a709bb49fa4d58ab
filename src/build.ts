/**
 * One dataset through the whole path: load, check, view, render, write.
 * Everything is produced in memory first; files are written only when every
 * document in every format succeeded, each under a temporary name and then
 * renamed into place, so that a failing run leaves earlier outputs as they were.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDataset, type CheckedDataset } from './data/check.js';
import { UserError } from './data/diagnostics.js';
import { loadDatasetFile } from './data/load.js';
import { shown } from './datasets.js';
import { renderDocuments, type RenderedDocument } from './render/render.js';
import type { DocumentName, TemplateSet } from './render/templates.js';
import { buildView } from './view/build.js';
import { writeMarkdown } from './writers/md.js';

export const FORMATS = ['pdf', 'docx', 'md'] as const;
export type Format = (typeof FORMATS)[number];

type Writer = (doc: RenderedDocument, dataset: CheckedDataset) => Promise<{ bytes: Buffer; pages?: number }>;

const WRITERS: Partial<Record<Format, Writer>> = {
  md: async (doc) => ({ bytes: writeMarkdown(doc) }),
};

export function availableFormats(): Format[] {
  return FORMATS.filter((f) => WRITERS[f]);
}

export interface BuildOptions {
  outDir: string;
  sourcesDir?: string;
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
  const outputs: { name: string; bytes: Buffer; pages?: number; ms: number }[] = [];
  for (const doc of docs) {
    for (const format of options.formats) {
      const writer = WRITERS[format];
      if (!writer) continue;
      const start = performance.now();
      const { bytes, pages } = await writer(doc, dataset);
      const out: { name: string; bytes: Buffer; pages?: number; ms: number } = { name: `${doc.name}.${format}`, bytes, ms: performance.now() - start };
      if (pages !== undefined) out.pages = pages;
      outputs.push(out);
    }
  }
  return writeAll(join(options.outDir, dataset.name), outputs);
}

async function writeAll(dir: string, outputs: { name: string; bytes: Buffer; pages?: number; ms: number }[]): Promise<WrittenFile[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw ioError(dir, err, 'cannot create the output folder');
  }
  const temps: string[] = [];
  try {
    for (const o of outputs) {
      const temp = join(dir, `.${o.name}.${process.pid}.tmp`);
      temps.push(temp);
      await writeFile(temp, o.bytes);
    }
    for (let i = 0; i < outputs.length; i++) await rename(temps[i]!, join(dir, outputs[i]!.name));
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw ioError(dir, err, 'cannot write the output');
  }
  return outputs.map((o) => {
    const w: WrittenFile = { path: join(dir, o.name), bytes: o.bytes.length, ms: o.ms };
    if (o.pages !== undefined) w.pages = o.pages;
    return w;
  });
}

function ioError(path: string, err: unknown, what: string): UserError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOTDIR' ? 'a file stands where a folder should be' : e.code === 'ENOSPC' ? 'the disk is full' : e.message;
  return new UserError([{ file: shown(path), line: 0, col: 0, path: '', code: 'io/write', message: `${what}: ${why}` }]);
}
