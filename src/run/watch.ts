/**
 * --watch: build once, then rebuild when a dataset, template, partial, the
 * theme or the Word reference document changes, re-rendering only what the change affects. A broken edit is
 * reported and the watch goes on; the outputs stay as they were until the
 * file is fixed. A watched folder removed and put back (a git checkout of a
 * branch without it, then back) is watched again and rebuilt from.
 *
 * Three parts: FolderWatches (set up the watches, re-establish a folder's),
 * affectedBy (what a change affects) and Rebuilder (build that again);
 * watchAndBuild gathers changes for a moment and hands them on, one rebuild
 * at a time.
 */
import { statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { findDatasets, shown, type DatasetFile } from './datasets.js';
import { documentsIn, DOCUMENT_NAME, type DocumentName } from '../render/templates.js';
import type { Session } from './session.js';
import type { RunResult } from './report.js';

export interface Watching {
  /** Resolves when the watch has stopped. */
  done: Promise<void>;
  stop(): void;
}

const DEBOUNCE_MS = 60;

/** `built` is called after each rebuild, whatever its outcome (--preview); the first build is over when this returns. */
export async function watchAndBuild(
  session: Session,
  dataPath: string,
  built: () => void = () => {},
): Promise<Watching> {
  const reporter = session.reporter;
  const dataIsDir = (await stat(dataPath)).isDirectory();
  const dataDir = dataIsDir ? dataPath : dirname(dataPath);
  const templatesDir = session.options.templates;
  const datasetFiles = async (): Promise<DatasetFile[]> =>
    dataIsDir ? findDatasets(dataPath, (w) => reporter.warn(w)).catch(() => []) : findDatasets(dataPath);

  // The first build: the documents whose templates load, even when another is broken.
  await session.loadTemplates(true);
  const files = await datasetFiles();
  const first = await session.write(files);
  reporter.summary(first, files.length);
  reporter.info(`watching ${shown(dataPath)} and ${shown(templatesDir)} for changes (Ctrl-C to stop)`);

  const rebuilder = new Rebuilder(session, dataDir, templatesDir, datasetFiles);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = undefined;
    // A watched folder that went and came back (a git checkout) is watched again and counts as changed whole.
    const changed = [...pending, ...watches.ensure()];
    pending.clear();
    if (changed.length === 0) return;
    busy = busy
      .then(() => rebuilder.rebuild(changed))
      .catch((err: unknown) => {
        // Not the user's mistake: say so plainly, and keep watching.
        reporter.internal(`a rebuild failed: ${(err as Error).stack ?? String(err)}`);
      })
      .finally(built);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  // The folder of the Word reference document too (--reference-doc, or the theme's reference_doc: as the first build read it).
  const folders = [
    resolve(dataDir),
    resolve(templatesDir),
    join(resolve(templatesDir), 'partials'),
    join(resolve(templatesDir), 'labels'),
  ];
  const referenceDir = session.referencePath ? dirname(session.referencePath) : undefined;
  if (referenceDir && !folders.includes(referenceDir)) folders.push(referenceDir);
  const watches = new FolderWatches(folders, (path) => pending.add(path), schedule);
  watches.ensure();

  let stopResolve!: () => void;
  const done = new Promise<void>((r) => (stopResolve = r));
  const stop = () => {
    watches.close();
    if (timer) clearTimeout(timer);
    void busy.then(() => stopResolve());
  };
  return { done, stop };
}

/**
 * The folders watched, and their parents: a folder removed and put back is a new folder (its old
 * watch has ended), seen through its parent. A parent's other entries (out/ beside data/) are ignored.
 */
class FolderWatches {
  private readonly parents: string[];
  private readonly watched = new Map<string, { watcher: FSWatcher; ino: number }>();
  private readonly absent = new Set<string>();
  /** Folders whose name an event named: watched anew even if the new folder got the old one's inode. */
  private readonly stale = new Set<string>();

  /** `changed` hears each changed path in a wanted folder; `schedule` is called after any event that matters. */
  constructor(
    private readonly wanted: string[],
    private readonly changed: (path: string) => void,
    private readonly schedule: () => void,
  ) {
    this.parents = [...new Set(wanted.map((d) => dirname(d)).filter((d) => !wanted.includes(d)))];
  }

  /** (Re)establishes every watch; returns the wanted folders that came back (or were replaced) since the last look. */
  ensure(): string[] {
    const back: string[] = [];
    for (const dir of [...this.wanted, ...this.parents]) {
      const info = statSync(dir, { throwIfNoEntry: false });
      const there = info?.isDirectory() ? info : undefined;
      if (this.dropEnded(dir, there) && there && this.wanted.includes(dir)) back.push(dir);
      if (!there) {
        if (this.wanted.includes(dir)) this.absent.add(dir);
        continue;
      }
      if (this.watched.has(dir)) continue;
      if (this.start(dir, there.ino) && this.absent.delete(dir)) back.push(dir);
    }
    this.stale.clear();
    return back;
  }

  close(): void {
    this.watched.forEach((w) => w.watcher.close());
  }

  /** Whether a folder's watch has ended (the folder went or was replaced, or an event named it): if so it is closed and forgotten. */
  private dropEnded(dir: string, there: Stats | undefined): boolean {
    const current = this.watched.get(dir);
    if (!current) return false;
    if (there && there.ino === current.ino && !this.stale.has(dir)) return false;
    current.watcher.close();
    this.watched.delete(dir);
    return true;
  }

  /** Watches a folder that is there; false when it cannot be watched now (looked at again on the next change). */
  private start(dir: string, ino: number): boolean {
    try {
      const watcher = watch(dir, this.wanted.includes(dir) ? this.onFolder(dir) : this.onParent(dir));
      watcher.on('error', () => undefined); // a folder removed under its watch: seen through its parent
      this.watched.set(dir, { watcher, ino });
      return true;
    } catch {
      return false;
    }
  }

  /** An entry of a wanted folder changed: editors' temporary files are ignored, a watched subfolder is watched anew. */
  private onFolder(dir: string) {
    return (_event: string, name: string | Buffer | null) => {
      if (!name) return;
      const file = String(name);
      if (file.startsWith('.') || file.endsWith('~') || file.endsWith('.swp')) return; // editors' temporary files
      const path = resolve(dir, file);
      if (this.wanted.includes(path)) this.stale.add(path); // a watched subfolder went or came: watch it anew
      this.changed(path);
      this.schedule();
    };
  }

  /** An entry of a parent changed: only a wanted folder's going or coming counts. */
  private onParent(dir: string) {
    return (_event: string, name: string | Buffer | null) => {
      const path = name ? resolve(dir, String(name)) : '';
      if (!this.wanted.includes(path)) return;
      this.stale.add(path);
      this.schedule();
    };
  }
}

/** What a change touches: everything (`all`), or these documents of every dataset and every document of these datasets. */
interface Affected {
  all: boolean;
  templatesChanged: boolean;
  docs: Set<DocumentName>;
  datasets: Set<string>;
}

/** Decides what the changed paths affect, from their place alone and the partials each document uses. */
function affectedBy(changed: string[], session: Session, dataDir: string, templatesDir: string): Affected {
  const a: Affected = { all: false, templatesChanged: false, docs: new Set(), datasets: new Set() };
  const templates = resolve(templatesDir);
  for (const path of changed) {
    const name = basename(path);
    if (path === session.referencePath) {
      // The Word reference document: read again with the templates, and everything built again.
      a.templatesChanged = true;
      a.all = true;
    } else if (path === resolve(dataDir))
      a.all = true; // the data folder came back
    else if (
      path === templates ||
      (path.startsWith(templates + '/') && ['partials', 'labels'].includes(name) && dirname(path) === templates)
    ) {
      // The templates folder, partials/ or labels/ came back or went: everything is loaded and built again.
      a.templatesChanged = true;
      a.all = true;
    } else if (path.startsWith(templates + '/')) {
      a.templatesChanged = true;
      templateChange(path, session, templatesDir, a);
    } else if (['.yaml', '.yml'].includes(extname(name))) {
      a.datasets.add(path);
    }
  }
  return a;
}

/** A file in the templates folder changed: the theme and labels touch every document, a partial those that use it, a template its own. */
function templateChange(path: string, session: Session, templatesDir: string, a: Affected): void {
  const name = basename(path);
  // The theme and the labels (templates/labels/*.yaml) touch every document.
  if (name === 'theme.yaml' || dirname(path) === resolve(templatesDir, 'labels')) a.all = true;
  else if (dirname(path) === resolve(templatesDir, 'partials')) {
    const partial = name.replace(/\.hbs$/, '').replace(/\.md$/, '');
    for (const [doc, used] of session.templates?.uses ?? []) if (used.has(partial)) a.docs.add(doc);
    if (!session.templates) a.all = true;
  } else {
    // Any NAME.md.hbs is a document: a new one is built, a removed one no longer is.
    const doc = /^(.+)\.md\.hbs$/.exec(name)?.[1];
    if (doc && DOCUMENT_NAME.test(doc)) a.docs.add(doc);
  }
}

/** Each rebuild line says what changed: "(templates/memo.md.hbs changed)", at most three names. */
function causeOf(changed: string[]): string {
  const names = [...new Set(changed.map((p) => shown(p)))];
  return `${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} changed`;
}

/** Builds again what a change affects, and reports it in one line. */
class Rebuilder {
  constructor(
    private readonly session: Session,
    private readonly dataDir: string,
    private readonly templatesDir: string,
    private readonly datasetFiles: () => Promise<DatasetFile[]>,
  ) {}

  async rebuild(changed: string[]): Promise<void> {
    const { session, templatesDir } = this;
    const started = performance.now();
    const a = affectedBy(changed, session, this.dataDir, templatesDir);
    const cause = causeOf(changed);
    const hadTemplates = !!session.templates;
    const before = new Set(session.documents());
    if (a.templatesChanged && !(await session.loadTemplates(true))) {
      // Nothing loads: the problems went to standard error; the line that ends the rebuild still says so, on standard output.
      session.reporter.summary(
        { failed: (await this.datasetFiles()).length, written: 0, bytes: 0, ms: performance.now() - started },
        (await this.datasetFiles()).length,
        'rebuilt',
        cause,
      );
      return;
    }
    // A document that was broken and loads again is built whole, as a new one is.
    for (const d of session.documents()) if (!before.has(d)) a.docs.add(d);
    // One whose template is there but does not load waits for its fix: the line says so.
    const waiting = session.options.only
      ? []
      : documentsIn(templatesDir).filter((d) => !session.documents().includes(d));
    const ending = waiting.length ? `${cause}; not built until fixed: ${waiting.join(', ')}` : cause;
    if (a.templatesChanged && !hadTemplates) a.all = true; // the last load failed: everything waits on this one
    const current = await this.datasetFiles();
    const result = await this.write(a, current);
    result.ms = performance.now() - started;
    const count = a.all
      ? current.length
      : new Set([...a.datasets, ...(a.docs.size ? current.map((f) => f.path) : [])]).size;
    session.reporter.summary(result, count, 'rebuilt', ending);
  }

  /** Writes everything, or the changed datasets whole and the affected documents of the others. */
  private async write(a: Affected, current: DatasetFile[]): Promise<RunResult> {
    const { session } = this;
    if (a.all) {
      current.forEach((f) => session.forget(f.path));
      return session.write(current);
    }
    for (const f of a.datasets) session.forget(f);
    const wanted = session.documents().filter((d) => a.docs.has(d));
    const r1 = a.datasets.size ? await session.write(current.filter((f) => a.datasets.has(f.path))) : undefined;
    const rest = current.filter((f) => !a.datasets.has(f.path));
    const r2 = wanted.length ? await session.write(rest, wanted) : undefined;
    return {
      failed: (r1?.failed ?? 0) + (r2?.failed ?? 0),
      written: (r1?.written ?? 0) + (r2?.written ?? 0),
      bytes: (r1?.bytes ?? 0) + (r2?.bytes ?? 0),
      ms: 0,
    };
  }
}
