/**
 * One dataset through the whole path: load, check, view, render, parse,
 * write. Everything is produced in memory first; the files are written only
 * when every document in every format succeeded, and then all at once
 * (swap.ts), so that a failing or killed run leaves earlier outputs as they were.
 */
import { join } from 'node:path';
import { oneLine } from '../shared/text.js';
import { checkDataset, type CheckedDataset } from '../data/check.js';
import { loadDatasetFile } from '../data/load.js';
import { parseMarkdown } from '../doc/parse.js';
import { trackChanges } from '../doc/track.js';
import type { Doc, Meta } from '../doc/tree.js';
import { renderDocuments, type RenderedDocument } from '../render/render.js';
import { documentsIn, type DocumentName, type TemplateSet } from '../render/templates.js';
import type { FitPlan, FitSite } from '../render/fit.js';
import type { Labels } from '../shared/labels.js';
import { UserError, type Diagnostic } from '../shared/diagnostics.js';
import type { FontSize, Theme } from '../shared/theme.js';
import { buildView, type View } from '../view/view.js';
import { controlWords } from '../view/control.js';
import {
  FORMATS,
  missingGlyphIsError,
  needFonts,
  pageMeasure,
  withSize,
  writerEnv,
  WRITERS,
  type Format,
} from '../writers/formats.js';
import { canShrink, fitToBudget } from './fit.js';
import type { FontSet } from '../writers/text/fonts.js';
import type { PdfA, WriterEnv } from '../writers/writer.js';
import type { Reference } from '../writers/docx/reference.js';
import { shown, type DatasetFile } from './datasets.js';
import { glyphSources } from './glyphs.js';
import { releaseMemory } from './memory.js';
import { nameFromFile } from './names.js';
import { replaceFolder, type SwapHooks } from './swap.js';
import { copyFile, registerCsv, registerMarkdown, type Copy, type Recipient } from './recipients.js';
import { fill } from '../shared/labels.js';
import { audienceVariants } from './audiences.js';
import { markingsOf } from '../data/markings.js';
import { markPortions, presentMarking } from './present.js';
import { coverageWarnings } from './coverage.js';
import { symbolWarnings } from './symbols.js';

export { FORMATS, type Format } from '../writers/formats.js';

export function availableFormats(): Format[] {
  return [...FORMATS];
}

export interface WriteOptions {
  outDir: string;
  only: readonly DocumentName[];
  formats: readonly Format[];
  /** Numbered copies of each PDF, one per recipient, under copies/ with a distribution register. */
  recipients?: readonly Recipient[];
  /** Archival PDF: PDF/A-2b (the default) or PDF/A-1b. */
  pdfa?: PdfA;
  /** DOCX with Word tracked changes against the earlier version (needs dataset.previous). */
  trackChanges?: boolean;
  /** Audience variants (--audience): ids of the dataset's audiences, or 'all'; each written to <dataset>/<audience>/. */
  audiences?: readonly string[];
  /** The Word reference document the DOCX takes its styles from. */
  reference?: Reference;
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
  return checkDataset(await loadDatasetFile(path, shown(path), name), sourcesDir ? { sourcesDir } : {});
}

/** A document rendered and parsed, with what its front matter asks of the writers, what it may shrink and which facts it printed. */
export interface DocumentOut {
  name: DocumentName;
  doc: Doc;
  budget?: number;
  template: string;
  labels: Labels;
  fontSize?: FontSize;
  fits: FitSite[];
  plan: FitPlan;
  printed: Set<string>;
}

/** The documents of one dataset, in memory: view, render, parse, with their metadata; `plans` says how many items each {{fit}} keeps. */
export function documentsOf(
  dataset: CheckedDataset,
  templates: TemplateSet,
  only: readonly DocumentName[],
  facts = false,
  plans?: ReadonlyMap<DocumentName, FitPlan>,
  views = new Map<string, View>(),
): DocumentOut[] {
  // Each document's view in its language: the dataset's, or its template's language: setting (kept in `views`, which fitting's tries share).
  const build = (labels: Labels) =>
    views.get(labels.language) ??
    views
      .set(labels.language, buildView(dataset.data, templates.theme, labels, dataset.previous))
      .get(labels.language)!;
  const source = { language: dataset.data.brief.language, build };
  const marked = markingsOf(dataset.data).length > 0;
  // One rendering per plan: a document fitted to its budget renders alone with its own (in the folder's order).
  const groups = plans ? [...templates.templates.keys()].filter((n) => only.includes(n)).map((n) => [n]) : [only];
  return groups.flatMap((names) => {
    const plan = plans?.get(names[0]!) ?? new Map<string, number>();
    const rendered = renderDocuments(templates, source, names, { facts, fit: plan });
    // A dataset that marks its items: each document's band is the highest marking it holds, found from what it cites (present.ts).
    const cited = marked ? renderDocuments(templates, source, names, { facts: 'marks', fit: plan }) : undefined;
    return rendered.map((r, i) => ({
      name: r.name,
      doc: markedDoc(dataset, templates, r, cited?.[i]),
      template: templates.templates.get(r.name)!.file,
      labels: r.labels,
      printed: r.printed,
      ...(r.settings.pages ? { budget: r.settings.pages } : {}),
      ...(r.settings.fontSize !== undefined ? { fontSize: r.settings.fontSize } : {}),
      fits: r.fits,
      plan,
    }));
  });
}

/** The document parsed; where the dataset marks its items, banded at the highest marking it holds and, where asked, each portion marked. */
function markedDoc(
  dataset: CheckedDataset,
  templates: TemplateSet,
  r: RenderedDocument,
  cited: RenderedDocument | undefined,
): Doc {
  let doc = parseMarkdown(r.markdown, metaFor(r, dataset, templates.theme));
  const withFacts = cited && parseMarkdown(cited.markdown, doc.meta);
  const present = withFacts && presentMarking(dataset.data, withFacts);
  if (present) doc.meta.marking = oneLine(present.word);
  // Portion markings, where the template or the theme asks: the document as rendered with its facts (which no writer shows), each portion marked.
  if (withFacts && (r.settings.portionMarkings ?? templates.theme.portion_markings)) {
    markPortions(dataset.data, withFacts);
    doc = withFacts;
  }
  return doc;
}

/**
 * One dataset through the whole path, written all or nothing into its
 * output folder; with audiences, each audience's variant (audience.ts) into
 * its own subfolder, all in the one swap.
 */
export async function writeDataset(
  dataset: CheckedDataset,
  templates: TemplateSet,
  options: WriteOptions,
): Promise<{ files: WrittenFile[]; warnings: Diagnostic[] }> {
  const outputs: Output[] = [];
  const warnings: Diagnostic[] = [];
  for (const variant of options.audiences ? audienceVariants(dataset, options.audiences) : [{ dataset, folder: '' }]) {
    const made = await outputsOf(variant.dataset, templates, options);
    outputs.push(...made.outputs.map((o) => ({ ...o, name: variant.folder + o.name })));
    warnings.push(...made.warnings);
  }
  return { files: await writeAll(options.outDir, dataset.name, outputs, options.hooks), warnings };
}

type Output = { name: string; bytes: Buffer; pages?: number; ms: number };

/** Every file of one dataset (or one audience's variant of it), in memory. */
async function outputsOf(
  dataset: CheckedDataset,
  templates: TemplateSet,
  options: WriteOptions,
): Promise<{ outputs: Output[]; warnings: Diagnostic[] }> {
  const tracking = !!options.trackChanges && options.formats.includes('docx') && !!dataset.previous;
  // Tracked changes align the two versions by the facts cited: rendered with them (no writer shows them).
  // One view per language for the run of this dataset: fitting renders a document again with fewer items, never a new view.
  const views = new Map<string, View>();
  let docs = documentsOf(dataset, templates, options.only, tracking, undefined, views);
  // fontkit (and the fonts) load only when a format that draws text is to be written, or a document is fitted to its pages.
  const env: WriterEnv = {
    theme: templates.theme,
    ...(options.pdfa ? { pdfa: options.pdfa } : {}),
    ...(options.reference ? { reference: options.reference } : {}),
  };
  const warnings: Diagnostic[] = [...(dataset.warnings ?? [])];
  const fitting = docs.some((d) => d.budget !== undefined && canShrink(d.fits));
  if (needFonts(options.formats) || fitting) {
    env.fonts = (await import('../writers/text/fonts.js')).loadFonts(
      templates.theme,
      templates.themeFile,
      templates.themeAt,
    );
    if (needFonts(options.formats))
      warnings.push(
        ...(await glyphCheck(
          docs.map((d) => d.doc),
          env.fonts,
          dataset,
          templates,
          options.formats,
        )),
      );
  }
  if (fitting)
    docs = await fitted(
      docs,
      env,
      (name, plan) => documentsOf(dataset, templates, [name], tracking, new Map([[name, plan]]), views)[0]!,
    );

  const outputs: Output[] = [];
  const tracked = tracking
    ? trackedAgainst(dataset, templates, options.only, new Map(docs.map((d) => [d.name, d.plan])))
    : undefined;
  for (const { name, doc, budget, template, fontSize } of docs) {
    for (const format of options.formats) {
      const write = await WRITERS[format].load();
      const start = performance.now();
      const target = format === 'docx' && tracked ? tracked(name, doc) : doc;
      // The DOCX takes the PDF layout's spacing (a short last page pulled back in one is pulled back in both).
      const { bytes, pages, files } = await write(target, await writerEnv(target, env, format, name, fontSize));
      const out: Output = { name: `${name}.${format}`, bytes, ms: performance.now() - start };
      if (pages !== undefined) out.pages = pages;
      outputs.push(out);
      // Files beside it (the Markdown's figures) are outputs too: written, swapped and listed with it.
      for (const f of files ?? []) outputs.push({ name: f.name, bytes: f.bytes, ms: 0 });
      releaseMemory();
      const over =
        pages === undefined ? undefined : budgetWarning(`${name}.${format}`, pages, budget, template, dataset.name);
      if (over) warnings.push(over);
    }
  }
  if (options.recipients?.length && options.formats.includes('pdf'))
    outputs.push(...(await copiesOf(dataset, docs, env, options.recipients)));
  return { outputs, warnings };
}

/** The template's page budget: a warning, with where to change it and which dataset's document it is (one template serves them all). */
function budgetWarning(
  file: string,
  pages: number,
  budget: number | undefined,
  template: string,
  dataset: string,
): Diagnostic | undefined {
  if (budget === undefined || pages <= budget) return undefined;
  return {
    file: template,
    line: 0,
    col: 0,
    path: '',
    code: 'template/page-budget',
    severity: 'warning',
    message: `${file} takes ${pages} pages, over the template's budget of ${budget} (dataset ${dataset})`,
    hint: 'shorten what the template includes, or raise pages: in its front matter',
  };
}

/**
 * Word tracked changes: each document rendered again from the earlier
 * version, and the current one marked with what differs (doc/track.ts), as
 * revisions by the version's author at its as-of time. A document the
 * earlier version did not have (the changes list) is written as it is.
 */
function trackedAgainst(
  dataset: CheckedDataset,
  templates: TemplateSet,
  only: readonly DocumentName[],
  plans: ReadonlyMap<DocumentName, FitPlan>,
): ((name: string, doc: Doc) => Doc) | undefined {
  const previous = dataset.previous;
  if (!previous) return undefined;
  // The earlier version compared with itself: its documents make the same choices as the current ones
  // (a memo with a changes section keeps fewer points to its pages, and each list as many items as the current one's fit kept),
  // so that only what changed is marked.
  const earlier = new Map(
    documentsOf({ ...dataset, data: previous.data }, templates, only, true, plans).map((d) => [d.name, d.doc]),
  );
  const { control, brief } = dataset.data;
  return (name, doc) => {
    const was = earlier.get(name);
    // A document made only against an earlier version (the changes list) is new as a whole: written as it is.
    if (!was || templates.templates.get(name)?.front.needs === 'changes') return doc;
    return {
      ...trackChanges(doc, was),
      meta: {
        ...doc.meta,
        revisions: { author: control?.author ?? brief.author, date: control ? new Date(control.as_of) : doc.meta.date },
      },
    };
  };
}

/** Each document with a page budget and lists that may shrink, fitted to it by measuring its PDF layout (fit.ts). */
async function fitted(
  docs: DocumentOut[],
  env: WriterEnv,
  render: (name: DocumentName, plan: FitPlan) => DocumentOut,
): Promise<DocumentOut[]> {
  const measure = await pageMeasure();
  const tools = { render, measure: (doc: Doc, d: DocumentOut) => measure(doc, withSize(env, d.fontSize)) };
  return docs.map((d) => (d.budget !== undefined && canShrink(d.fits) ? fitToBudget(d.name, d, d.budget, tools) : d));
}

/**
 * Numbered copies: each PDF again for each recipient, with "Copy n of N" and
 * the recipient in the footer and the metadata, and the distribution
 * register listing every copy with its SHA-256.
 */
/** The writers' settings for a document with its own type size (front matter font_size). */
async function copiesOf(
  dataset: CheckedDataset,
  docs: readonly { name: string; doc: Doc; labels: Labels; fontSize?: FontSize }[],
  env: WriterEnv,
  recipients: readonly Recipient[],
): Promise<{ name: string; bytes: Buffer; ms: number; pages?: number }[]> {
  const write = await WRITERS.pdf.load();
  const copies: Copy[] = [];
  const out: { name: string; bytes: Buffer; ms: number; pages?: number }[] = [];
  for (const [i, recipient] of recipients.entries()) {
    const n = i + 1;
    for (const { name, doc, labels, fontSize } of docs) {
      const start = performance.now();
      const copyText = fill(labels.control.copy, { n, total: recipients.length });
      const meta: Meta = {
        ...doc.meta,
        copy: fill(labels.control.copy_for, {
          copy: copyText,
          name: recipient.name,
          organisation: recipient.organisation,
        }),
        properties: [
          ...doc.meta.properties,
          ['Copy', `${n} of ${recipients.length}`],
          ['Recipient', `${recipient.name}, ${recipient.organisation}`],
        ],
      };
      const { bytes, pages } = await write({ ...doc, meta }, withSize(env, fontSize));
      const file = copyFile(name, n, recipients.length);
      copies.push({ n, recipient, document: name, file, bytes });
      out.push({ name: file, bytes, ms: performance.now() - start, ...(pages !== undefined ? { pages } : {}) });
      releaseMemory();
    }
  }
  const { brief, control } = dataset.data;
  const head = {
    dataset: dataset.name,
    title: brief.title,
    asOf: control?.as_of ?? brief.as_of,
    ...(docs[0]?.doc.meta.version ? { version: docs[0].doc.meta.version } : {}),
  };
  out.push({ name: 'copies/distribution-register.csv', bytes: Buffer.from(registerCsv(copies), 'utf8'), ms: 0 });
  out.push({
    name: 'copies/distribution-register.md',
    bytes: Buffer.from(registerMarkdown(copies, head), 'utf8'),
    ms: 0,
  });
  return out;
}

/**
 * Every character the writers will draw must be in a font: a PDF cannot be
 * written without one (an error); a DOCX leaves it to the reader's fonts (a warning).
 * Returns the warnings; throws the errors.
 */
export async function glyphCheck(
  docs: readonly Doc[],
  fonts: FontSet,
  dataset: CheckedDataset,
  templates: TemplateSet,
  formats: readonly Format[],
): Promise<Diagnostic[]> {
  if (!needFonts(formats)) return [];
  const glyphs = await import('../writers/text/glyphs.js');
  const found = glyphs.checkGlyphs(
    docs.flatMap((d) => glyphs.textsOf(d)),
    fonts,
    glyphSources(dataset, templates),
    !missingGlyphIsError(formats),
  );
  if (found.some((d) => d.severity !== 'warning')) throw new UserError(found);
  return found;
}

/**
 * --check: the documents rendered in memory and their characters checked
 * against the fonts, nothing written; and, when every document of the
 * templates folder was made, what the dataset holds that none of them prints.
 */
export async function checkDocuments(
  dataset: CheckedDataset,
  templates: TemplateSet,
  only: readonly DocumentName[],
  formats: readonly Format[],
): Promise<Diagnostic[]> {
  const docs = documentsOf(dataset, templates, only);
  // Coverage is the folder's: with --only a part of it, a fact another document prints would be reported.
  const whole = documentsIn(templates.dir).every((name) => only.includes(name));
  const unprinted = [
    ...(dataset.warnings ?? []),
    ...symbolWarnings(dataset, templates.theme),
    ...(whole ? coverageWarnings(dataset, new Set(docs.flatMap((d) => [...d.printed])), shown(templates.dir)) : []),
  ];
  if (!needFonts(formats)) return unprinted;
  const fonts = (await import('../writers/text/fonts.js')).loadFonts(
    templates.theme,
    templates.themeFile,
    templates.themeAt,
  );
  return [
    ...unprinted,
    ...(await glyphCheck(
      docs.map((d) => d.doc),
      fonts,
      dataset,
      templates,
      formats,
    )),
  ];
}

/** A document's metadata: its front matter, else the theme's marking, paper and margins; its language and page label as rendered; dated by the dataset (or SOURCE_DATE_EPOCH), never by the clock. */
function metaFor(doc: RenderedDocument, dataset: CheckedDataset, theme: Theme): Meta {
  const { brief, control } = dataset.data;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(`${brief.as_of}T00:00:00Z`);
  const meta: Meta = {
    title: oneLine(doc.settings.title),
    ...(doc.settings.running ? { running: oneLine(doc.settings.running) } : {}),
    kind: oneLine(doc.settings.kind),
    // A dataset that marks its items replaces this with the highest marking the document holds (documentsOf).
    marking: doc.settings.marking ?? theme.marking,
    author: oneLine(control?.author ?? brief.author),
    subject: oneLine(`${doc.settings.kind}: ${brief.subject ?? brief.title}`),
    keywords: (brief.keywords ?? []).map(oneLine),
    language: doc.labels.language,
    date,
    paper: doc.settings.paper ?? theme.page.size,
    orientation: doc.settings.orientation,
    margins: doc.settings.margins ?? theme.page.margins_mm,
    pageFromFront: { paper: doc.settings.paper !== undefined, margins: doc.settings.margins !== undefined },
    pageLabel: doc.labels.page,
    properties: [],
  };
  if (control) {
    const words = controlWords(control, doc.labels);
    meta.version = words.band;
    if (words.watermark) meta.watermark = words.watermark;
    meta.properties.push(['Version', oneLine(control.version)], ['Status', control.status], ['AsOf', control.as_of]);
    if (control.reviewer) meta.properties.push(['Reviewer', oneLine(control.reviewer)]);
    if (control.approver) meta.properties.push(['Approver', oneLine(control.approver)]);
    if (control.superseded_by) meta.properties.push(['SupersededBy', oneLine(control.superseded_by)]);
  }
  return meta;
}

/** All or nothing, and safe against a kill at any instant: see swap.ts. */
async function writeAll(outDir: string, name: string, outputs: Output[], hooks?: SwapHooks): Promise<WrittenFile[]> {
  const dir = join(outDir, name);
  await replaceFolder(outDir, name, outputs, hooks);
  return outputs.map((o) => {
    const w: WrittenFile = { path: join(dir, o.name), bytes: o.bytes.length, ms: o.ms };
    if (o.pages !== undefined) w.pages = o.pages;
    return w;
  });
}
