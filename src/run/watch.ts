/**
 * --watch: build once, then rebuild when a dataset, template, partial or the
 * theme changes, re-rendering only what the change affects. A broken edit is
 * reported and the watch goes on; the outputs stay as they were until the
 * file is fixed. A watched folder removed and put back (a git checkout of a
 * branch without it, then back) is watched again and rebuilt from.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { findDatasets, shown, type DatasetFile } from './datasets.js';
import { documentsIn, DOCUMENT_NAME, type DocumentName } from '../render/templates.js';
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

  // The first build: the documents whose templates load, even when another is broken.
  await session.loadTemplates(true);
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
      if (path === resolve(dataDir)) all = true; // the data folder came back
      else if (path === resolve(templatesDir) || path.startsWith(resolve(templatesDir) + '/') && ['partials', 'labels'].includes(name) && dirname(path) === resolve(templatesDir)) {
        // The templates folder, partials/ or labels/ came back or went: everything is loaded and built again.
        templatesChanged = true;
        all = true;
      } else if (path.startsWith(resolve(templatesDir) + '/')) {
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
    // Each rebuild line says what changed: "(templates/memo.md.hbs changed)".
    const names = [...new Set(changed.map((p) => shown(p)))];
    const cause = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} changed`;
    const hadTemplates = !!session.templates;
    const before = new Set(session.documents());
    if (templatesChanged && !(await session.loadTemplates(true))) {
      // Nothing loads: the problems went to standard error; the line that ends the rebuild still says so, on standard output.
      reporter.summary({ failed: (await datasetFiles()).length, written: 0, bytes: 0, ms: performance.now() - started }, (await datasetFiles()).length, 'rebuilt', cause);
      return;
    }
    // A document that was broken and loads again is built whole, as a new one is.
    for (const d of session.documents()) if (!before.has(d)) docs.add(d);
    // One whose template is there but does not load waits for its fix: the line says so.
    const waiting = session.options.only ? [] : documentsIn(templatesDir).filter((d) => !session.documents().includes(d));
    const ending = waiting.length ? `${cause}; not built until fixed: ${waiting.join(', ')}` : cause;
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
    reporter.summary(result, all ? current.length : new Set([...datasets, ...(docs.size ? current.map((f) => f.path) : [])]).size, 'rebuilt', ending);
  };

  const flush = () => {
    timer = undefined;
    // A watched folder that went and came back (a git checkout) is watched again and counts as changed whole.
    const changed = [...pending, ...ensureWatches()];
    pending.clear();
    if (changed.length === 0) return;
    busy = busy.then(() => rebuild(changed)).catch((err: unknown) => {
      // Not the user's mistake: say so plainly, and keep watching.
      reporter.internal(`a rebuild failed: ${(err as Error).stack ?? String(err)}`);
    }).finally(built);
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  const on = (dir: string) => (_event: string, name: string | Buffer | null) => {
    if (!name) return;
    const file = String(name);
    if (file.startsWith('.') || file.endsWith('~') || file.endsWith('.swp')) return; // editors' temporary files
    const path = resolve(dir, file);
    if (wanted.includes(path)) stale.add(path); // a watched subfolder went or came: watch it anew
    pending.add(path);
    schedule();
  };

  // The folders watched, and their parents: a folder removed and put back is a new folder (its old
  // watch has ended), seen through its parent. A parent's other entries (out/ beside data/) are ignored.
  const wanted = [resolve(dataDir), resolve(templatesDir), join(resolve(templatesDir), 'partials'), join(resolve(templatesDir), 'labels')];
  const parents = [...new Set(wanted.map((d) => dirname(d)).filter((d) => !wanted.includes(d)))];
  const watched = new Map<string, { watcher: FSWatcher; ino: number }>();
  const absent = new Set<string>();
  /** Folders whose name an event named: watched anew even if the new folder got the old one's inode. */
  const stale = new Set<string>();
  const onParent = (dir: string) => (_event: string, name: string | Buffer | null) => {
    const path = name ? resolve(dir, String(name)) : '';
    if (!wanted.includes(path)) return;
    stale.add(path);
    schedule();
  };
  /** (Re)establishes every watch; returns the wanted folders that came back (or were replaced) since the last look. */
  function ensureWatches(): string[] {
    const back: string[] = [];
    for (const dir of [...wanted, ...parents]) {
      const info = statSync(dir, { throwIfNoEntry: false });
      const current = watched.get(dir);
      if (current && (!info?.isDirectory() || info.ino !== current.ino || stale.has(dir))) {
        current.watcher.close();
        watched.delete(dir);
        if (info?.isDirectory() && wanted.includes(dir)) back.push(dir);
      }
      if (!info?.isDirectory()) {
        if (wanted.includes(dir)) absent.add(dir);
        continue;
      }
      if (watched.has(dir)) continue;
      try {
        const watcher = watch(dir, wanted.includes(dir) ? on(dir) : onParent(dir));
        watcher.on('error', () => undefined); // a folder removed under its watch: seen through its parent
        watched.set(dir, { watcher, ino: info.ino });
        if (absent.delete(dir)) back.push(dir);
      } catch {
        /* cannot be watched now; looked at again on the next change */
      }
    }
    stale.clear();
    return back;
  }
  ensureWatches();

  let stopResolve!: () => void;
  const done = new Promise<void>((r) => (stopResolve = r));
  const stop = () => {
    watched.forEach((w) => w.watcher.close());
    if (timer) clearTimeout(timer);
    void busy.then(() => stopResolve());
  };
  return { done, stop };
}
