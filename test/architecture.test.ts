// The import rules of docs/ARCHITECTURE.md, checked over src/'s import graph:
// the shared vocabulary imports no stage; each stage imports only the shared
// vocabulary and the stages before it (data -> view -> render -> doc ->
// writers); writers import only the document model and the shared
// vocabulary, and never another writer; no cycles; no file over about 400
// lines (as Prettier formats them) without a reason at its top.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every file's relative imports, as src-relative paths of .ts files. */
function graph(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      deps.push(relative(SRC, normalize(join(dirname(file), m[1]!))).replace(/\.js$/, '.ts'));
    }
    out.set(relative(SRC, file), deps);
  }
  return out;
}

const STAGES = ['shared', 'data', 'view', 'render', 'doc', 'writers', 'run'] as const;
/** The folder a file belongs to (`cli` and the type declarations sit at the top). */
const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : file === 'cli.ts' ? 'cli' : 'types');
/** Which writer a file belongs to: writers/pdf/x.ts -> pdf; writers/fonts.ts -> none (shared by the writers). */
const writerOf = (file: string) => {
  const parts = file.split('/');
  if (parts[0] !== 'writers') return undefined;
  if (parts.length > 2) return ['md', 'pdf', 'docx'].includes(parts[1]!) ? parts[1] : undefined;
  return /^(md|pdf|docx)\.ts$/.test(parts[1]!) ? parts[1]!.replace('.ts', '') : undefined;
};

function allowed(from: string, to: string): boolean {
  const a = folderOf(from);
  const b = folderOf(to);
  if (b === 'types' || a === b) return true;
  if (a === 'cli') return true;
  if (b === 'shared') return true;
  if (a === 'shared') return false;
  if (a === 'writers') return b === 'doc';
  if (a === 'doc') return false;
  if (a === 'run') return b !== 'cli';
  const ia = STAGES.indexOf(a as (typeof STAGES)[number]);
  const ib = STAGES.indexOf(b as (typeof STAGES)[number]);
  return ib >= 0 && ib < ia && b !== 'run';
}

describe('the import graph follows the pipeline', () => {
  const g = graph();

  it('every import points at a file that exists', () => {
    const missing = [...g].flatMap(([f, deps]) =>
      deps.filter((d) => !g.has(d) && !d.startsWith('types/')).map((d) => `${f} -> ${d}`),
    );
    expect(missing).toEqual([]);
  });

  it('imports run only down the pipeline; the shared vocabulary imports no stage', () => {
    const wrong = [...g].flatMap(([f, deps]) => deps.filter((d) => !allowed(f, d)).map((d) => `${f} -> ${d}`));
    expect(wrong).toEqual([]);
  });

  it('no writer imports another writer', () => {
    const wrong = [...g].flatMap(([f, deps]) =>
      deps.filter((d) => writerOf(f) && writerOf(d) && writerOf(f) !== writerOf(d)).map((d) => `${f} -> ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  it('has no cycles', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of g.get(v) ?? []) {
        if (!g.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) cycles.push(comp.sort());
      }
    };
    for (const v of g.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  // Lines as Prettier breaks them (npm run format, width 120): the rule was about 300 lines (320) of
  // the hand-set style, whose lines ran to 200 characters; formatted, the same source is 24% longer
  // (src/: 16,700 lines before, 20,700 after), so the limit is 400 formatted lines. The files listed
  // were under 320 lines before formatting and over 400 after: each is to be split (issue 27), and its
  // length may only shrink; a file is taken off the list when it is split. Three grew once, by features
  // merged with the formatting: pipeline.ts by the DOCX following the PDF's spacing and the page-budget
  // warning as its own function, view/types.ts and view/view.ts by meetings with no questions.
  const MAX_FILE_LINES = 400;
  const LONG_FILES: Record<string, number> = {
    'view/records.ts': 497,
    'run/pipeline.ts': 483,
    'view/types.ts': 456,
    'doc/track.ts': 434,
    'view/view.ts': 434,
    'writers/pdf/inline.ts': 405,
  };
  it('no source file is over about 400 lines without saying why at its top', () => {
    const long = files(SRC)
      .map((f) => ({ f: relative(SRC, f), text: readFileSync(f, 'utf8') }))
      .filter(
        ({ f, text }) =>
          text.split('\n').length > (LONG_FILES[f] ?? MAX_FILE_LINES) &&
          !/^[\s\S]{0,1500}Why this file is long:/.test(text),
      )
      .map(({ f, text }) => `${f} (${text.split('\n').length} lines)`);
    expect(long).toEqual([]);
  });
});

// docs/ARCHITECTURE.md is the map a new developer reads first: every file it
// names must exist, and every function, type or constant it names must be
// declared somewhere in src/, so that a rename or a deletion that forgets the
// map fails here instead of misleading the next reader.
describe('docs/ARCHITECTURE.md names only what exists', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const quoted = [...new Set([...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim()))];
  const sources = files(SRC).map((f) => ({ f: relative(SRC, f), text: readFileSync(f, 'utf8') }));

  /** A file named in the map: from the project's root, from src/, or (a bare name) anywhere in src/. */
  const exists = (name: string): boolean => {
    if (/^(src|test|templates|docs|data|bench|scripts)\//.test(name)) return existsSync(join(ROOT, name));
    if (name.includes('/')) return existsSync(join(SRC, name)) || sources.some(({ f }) => f.endsWith('/' + name));
    return sources.some(({ f }) => f === name || f.endsWith('/' + name));
  };

  it('every file it names exists', () => {
    const named = quoted.filter((q) => /^[\w./-]+\.(ts|mjs|json|yaml)$/.test(q));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((n) => !exists(n))).toEqual([]);
  });

  it('every folder under src/ it names exists', () => {
    const named = quoted.filter((q) => /^src\/[\w/]*\/$/.test(q));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !existsSync(join(ROOT, n)))).toEqual([]);
  });

  it('every function, type and constant it names is declared in src/', () => {
    // camelCase with a capital inside (familyFor), PascalCase (SourceMap) or an upper-case constant (WRITERS).
    const named = quoted.filter((q) => /^(?:[a-z]+[A-Z]\w*|[A-Z][a-z]\w*|[A-Z][A-Z_]{2,})$/.test(q));
    const declared = (name: string) => {
      const decl = new RegExp(
        `(?:function|const|let|class|interface|type|enum)\\s+${name}\\b|^\\s*(?:readonly\\s+)?${name}\\??\\s*[(:]`,
        'm',
      );
      return sources.some(({ text }) => decl.test(text));
    };
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((n) => !declared(n))).toEqual([]);
  });
});

// Functions stay short (about 80 lines): a long one is several ideas without
// names. Measured with TypeScript's own parser over every function, method
// and arrow function in src/ (a function's lines include the functions inside
// it). The eleven functions that were longer when the rule came in are all
// split (issue 27); an exception would be listed here with its length, which
// may only shrink, and the reason beside it.
const LONG_FUNCTIONS: Record<string, number> = {};
const MAX_FUNCTION_LINES = 80;

describe('functions stay short', () => {
  const lengths = files(SRC).flatMap((file) => {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const out: { key: string; lines: number }[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(n.end).line;
        const name = 'name' in n && n.name ? (n.name as ts.Node).getText(sf) : '(anonymous)';
        out.push({ key: `${relative(SRC, file)} ${name}`, lines: last - first + 1 });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return out;
  });

  it(`no function is over ${MAX_FUNCTION_LINES} lines but those listed, and those only shrink`, () => {
    expect(lengths.length).toBeGreaterThan(300);
    const over = lengths
      .filter(({ key, lines }) => lines > (LONG_FUNCTIONS[key] ?? MAX_FUNCTION_LINES))
      .map(({ key, lines }) => `${key}: ${lines} lines`);
    expect(over).toEqual([]);
  });

  it('the list names only functions that are still long', () => {
    const stillLong = new Set(lengths.filter((l) => l.lines > MAX_FUNCTION_LINES).map((l) => l.key));
    expect(Object.keys(LONG_FUNCTIONS).filter((k) => !stillLong.has(k))).toEqual([]);
  });
});
