/**
 * A run of Brief over some datasets: check each, render, write, and say what
 * was written. A Session keeps the loaded templates and checked datasets, so
 * that watch mode rebuilds only what a change affects.
 */
import { checkDocuments, checkFile, writeDataset, type Format } from './pipeline.js';
import type { Reporter, RunResult } from './report.js';
import { summarise, type CheckedDataset } from '../data/check.js';
import { UserError } from '../shared/diagnostics.js';
import { shown, type DatasetFile } from './datasets.js';
import type { SwapHooks } from './swap.js';
import type { Recipient } from './recipients.js';
import { loadPrevious, type Since } from './since.js';
import type { PdfA } from '../writers/writer.js';
import type { Reference } from '../writers/docx/reference.js';
import { resolve } from 'node:path';
import { documentsIn, loadTemplates, type DocumentName, type TemplateSet } from '../render/templates.js';

export interface RunOptions {
  templates: string;
  out: string;
  sources?: string;
  /** The documents to make; all the templates folder holds when left out (watch mode picks up new ones). */
  only?: DocumentName[];
  formats: Format[];
  quiet: boolean;
  /** Archival PDF. */
  pdfa?: PdfA;
  /** The earlier version to compare with: a file, or a git revision. */
  since?: Since;
  /** DOCX with tracked changes against it. */
  trackChanges?: boolean;
  /** --audience: the audiences' variants (ids, or all), each in <dataset>/<id>/. */
  audiences?: string[];
  /** A Word reference document for the DOCX files (--reference-doc), over the theme's reference_doc:. */
  referenceDoc?: string;
  /** Test-only seam into the output folder swap. */
  hooks?: SwapHooks;
}

export class Session {
  templates: TemplateSet | undefined;
  private readonly datasets = new Map<string, CheckedDataset>();
  /** The reference document the DOCX files take, read with the templates. */
  reference: Reference | undefined;
  /** Where it is read from (watch mode watches it). */
  referencePath: string | undefined;
  /** Numbered copies for these recipients (--recipients), read before anything is built. */
  recipients: Recipient[] | undefined;

  constructor(
    readonly options: RunOptions,
    readonly reporter: Reporter,
  ) {}

  /**
   * Loads (or reloads) the templates; on a mistake, reports it and returns
   * false. With `lenient` (watch mode), the documents whose templates load
   * on their own are kept when another one is broken, so that a new or
   * fixed document builds while the broken one waits for its fix.
   */
  async loadTemplates(lenient = false): Promise<boolean> {
    try {
      this.templates = await loadTemplates(this.options.templates, this.options.only);
      this.reference = await this.loadReference(this.templates);
      return true;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.templates = undefined;
      this.reporter.problems(err.diagnostics);
      // A reference document that cannot be read fails the run whatever the templates.
      if (err.diagnostics.some((d) => d.code.startsWith('reference/'))) return false;
      if (!lenient) return false;
      const good: DocumentName[] = [];
      for (const name of this.options.only ?? documentsIn(this.options.templates)) {
        if (
          await loadTemplates(this.options.templates, [name]).then(
            () => true,
            () => false,
          )
        )
          good.push(name);
      }
      if (good.length) this.templates = await loadTemplates(this.options.templates, good).catch(() => undefined);
      return !!this.templates;
    }
  }

  /**
   * The Word reference document the DOCX files take (--reference-doc, else
   * the theme's reference_doc: beside the theme), read and checked; none
   * when no DOCX is written.
   */
  private async loadReference(templates: TemplateSet): Promise<Reference | undefined> {
    if (!this.options.formats.includes('docx')) return undefined;
    const fromTheme = templates.theme.reference_doc;
    const path = this.options.referenceDoc ?? (fromTheme !== undefined ? resolve(templates.dir, fromTheme) : undefined);
    this.referencePath = path;
    if (path === undefined) return undefined;
    const { readReference } = await import('../writers/docx/reference.js');
    try {
      return await readReference(path, shown(path));
    } catch (err) {
      if (!(err instanceof UserError) || this.options.referenceDoc !== undefined) throw err;
      throw new UserError(
        err.diagnostics.map((d) => ({
          ...d,
          hint: `${d.hint ? `${d.hint}; ` : ''}it is the reference_doc: of ${templates.themeFile}`,
        })),
      );
    }
  }

  /** The documents this run makes: those asked for, else every template the folder holds now. */
  documents(): DocumentName[] {
    return this.options.only ?? [...(this.templates?.templates.keys() ?? [])];
  }

  /** Checks the dataset file again (after a change). */
  forget(file: string): void {
    this.datasets.delete(file);
  }

  /** A dataset file checked, with the earlier version it is compared with (--since), checked too. */
  private async load(entry: DatasetFile): Promise<CheckedDataset> {
    if (entry.problem) throw new UserError([entry.problem]);
    const dataset = await checkFile(entry, this.options.sources);
    if (this.options.since) dataset.previous = await loadPrevious(this.options.since, entry.path);
    return dataset;
  }

  /** Builds the given documents of the given datasets; datasets already checked are not read again. */
  async write(files: DatasetFile[], docs: readonly DocumentName[] = this.documents()): Promise<RunResult> {
    const started = performance.now();
    const result: RunResult = { failed: 0, written: 0, bytes: 0, ms: 0 };
    if (!this.templates) {
      result.failed = files.length;
      return result;
    }
    for (const entry of files) {
      const file = entry.path;
      try {
        let dataset = this.datasets.get(file);
        if (!dataset) {
          dataset = await this.load(entry);
          this.datasets.set(file, dataset);
        }
        const { files: written, warnings } = await writeDataset(dataset, this.templates, {
          outDir: this.options.out,
          only: docs,
          formats: this.options.formats,
          ...(this.recipients ? { recipients: this.recipients } : {}),
          ...(this.options.pdfa ? { pdfa: this.options.pdfa } : {}),
          ...(this.options.trackChanges ? { trackChanges: true } : {}),
          ...(this.options.audiences ? { audiences: this.options.audiences } : {}),
          ...(this.reference ? { reference: this.reference } : {}),
          ...(this.options.hooks ? { hooks: this.options.hooks } : {}),
        });
        if (warnings.length) this.reporter.problems(warnings);
        for (const w of written) {
          result.written++;
          result.bytes += w.bytes;
          this.reporter.file(w);
        }
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        this.datasets.delete(file);
        this.reporter.problems(err.diagnostics, shown(file));
        result.failed++;
      }
    }
    result.ms = performance.now() - started;
    return result;
  }

  /**
   * --check: every dataset checked, then its documents rendered in memory and
   * their characters checked against the theme's fonts; a summary line each,
   * nothing written.
   */
  async check(files: DatasetFile[]): Promise<number> {
    let failed = 0;
    const templates = (await this.loadTemplates()) ? this.templates : undefined;
    for (const entry of files) {
      const file = entry.path;
      try {
        const dataset = await this.load(entry);
        if (templates) {
          const warnings = await checkDocuments(dataset, templates, this.documents(), this.options.formats);
          if (warnings.length) this.reporter.problems(warnings);
        } else failed++;
        this.reporter.info(summarise(dataset));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        this.reporter.problems(err.diagnostics, shown(file));
        failed++;
      }
    }
    return failed;
  }
}
