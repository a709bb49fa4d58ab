/**
 * --watch: build once, then rebuild when a dataset, template, partial or the
 * theme changes, re-rendering only what the change affects. A broken edit is
 * reported and the watch goes on; the outputs stay as they were until the
 * file is fixed.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { findDatasets, shown, type DatasetFile } from './datasets.js';
import { DOCUMENT_NAME, type DocumentName } from '../render/templates.js';
import type { Session } from './session.js';

export interface Watching {
  /** Resolves when the watch has stopped. */
  done: Promise<void>;
  stop(): void;
}

const DEBOUNCE_MS = 60;

/** `built` is called after each rebuild, whatever its outcome (--preview); the first build is over when this returns. */
export async function watchAndBuild(session: Session, dataPath: string, built: () => void = () => {}): Promise<Watching> {
  const reporter = session.reporter;
  const dataIsDir = (await stat(dataPath)).isDirectory();
  const dataDir = dataIsDir ? dataPath : dirname(dataPath);
  const templatesDir = session.options.templates;
  const datasetFiles = async (): Promise<DatasetFile[]> => (dataIsDir ? findDatasets(dataPath, (w) => reporter.warn(w)).catch(() => []) : findDatasets(dataPath));

  // The first build.
  await session.loadTemplates();
  const files = await datasetFiles();
  const first = await session.write(files);
  reporter.summary(first, files.length);
  reporter.info(`watching ${shown(dataPath)} and ${shown(templatesDir)} for changes (Ctrl-C to stop)`);

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();

  const rebuild = async (changed: string[]) => {
    const started = performance.now();
    let templatesChanged = false;
    let all = false;
    const docs = new Set<DocumentName>();
    const datasets = new Set<string>();
    for (const path of changed) {
      const name = basename(path);
      if (path.startsWith(resolve(templatesDir) + '/')) {
        templatesChanged = true;
        // The theme and the labels (templates/labels/*.yaml) touch every document.
        if (name === 'theme.yaml' || dirname(path) === resolve(templatesDir, 'labels')) all = true;
        else if (dirname(path) === resolve(templatesDir, 'partials')) {
          const partial = name.replace(/\.hbs$/, '').replace(/\.md$/, '');
          for (const [doc, used] of session.templates?.uses ?? []) if (used.has(partial)) docs.add(doc);
          if (!session.templates) all = true;
        } else {
          // Any NAME.md.hbs is a document: a new one is built, a removed one no longer is.
          const doc = /^(.+)\.md\.hbs$/.exec(name)?.[1];
          if (doc && DOCUMENT_NAME.test(doc)) docs.add(doc);
        }
      } else if (['.yaml', '.yml'].includes(extname(name))) {
        datasets.add(path);
      }
    }
    const hadTemplates = !!session.templates;
    if (templatesChanged && !(await session.loadTemplates())) return;
    if (templatesChanged && !hadTemplates) all = true; // the last load failed: everything waits on this one
    const current = await datasetFiles();
    let result;
    if (all) {
      current.forEach((f) => session.forget(f.path));
      result = await session.write(current);
    } else {
      for (const f of datasets) session.forget(f);
      const wanted = session.documents().filter((d) => docs.has(d));
      const r1 = datasets.size ? await session.write(current.filter((f) => datasets.has(f.path))) : undefined;
      const rest = current.filter((f) => !datasets.has(f.path));
      const r2 = wanted.length ? await session.write(rest, wanted) : undefined;
      result = {
        failed: (r1?.failed ?? 0) + (r2?.failed ?? 0),
        written: (r1?.written ?? 0) + (r2?.written ?? 0),
        bytes: (r1?.bytes ?? 0) + (r2?.bytes ?? 0),
        ms: 0,
      };
    }
    result.ms = performance.now() - started;
    reporter.summary(result, all ? current.length : new Set([...datasets, ...(docs.size ? current.map((f) => f.path) : [])]).size, 'rebuilt');
  };

  const flush = () => {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    busy = busy.then(() => rebuild(changed)).catch((err: unknown) => {
      // Not the user's mistake: say so plainly, and keep watching.
      reporter.internal(`a rebuild failed: ${(err as Error).stack ?? String(err)}`);
    }).finally(built);
  };

  const on = (dir: string) => (_event: string, name: string | Buffer | null) => {
    if (!name) return;
    const file = String(name);
    if (file.startsWith('.') || file.endsWith('~') || file.endsWith('.swp')) return; // editors' temporary files
    pending.add(resolve(dir, file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };

  const watchers: FSWatcher[] = [];
  const add = (dir: string) => {
    try {
      watchers.push(watch(dir, on(dir)));
    } catch {
      /* a folder that does not exist (no partials) is simply not watched */
    }
  };
  add(resolve(dataDir));
  add(resolve(templatesDir));
  add(join(resolve(templatesDir), 'partials'));
  add(join(resolve(templatesDir), 'labels'));

  let stopResolve!: () => void;
  const done = new Promise<void>((r) => (stopResolve = r));
  const stop = () => {
    watchers.forEach((w) => w.close());
    if (timer) clearTimeout(timer);
    void busy.then(() => stopResolve());
  };
  return { done, stop };
}
