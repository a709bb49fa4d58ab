/**
 * A template's front matter: the settings between its `---` lines, checked
 * against data/schema/front-matter.schema.json, with what is left out given
 * its default (`orientation: portrait`); and where each value sits in the
 * file, so that a mistake inside a value that is itself a template
 * (`title: "{{brief.titel}}"`) is placed on its own line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Problems } from '../shared/diagnostics.js';
import { UserError } from '../shared/diagnostics.js';
import { FRONT_MATTER_SCHEMA_FILE } from '../shared/paths.js';
import { checkSchema } from '../shared/schema.js';
import type { FontSize } from '../shared/theme.js';
import { parseYaml, type SourceMap } from '../shared/yaml.js';

/** A document's settings (data/schema/front-matter.schema.json); what is left out comes from the theme or the dataset. */
export interface FrontMatter {
  /** Document title; may use the view, as in "{{brief.title}}". */
  title: string;
  /** What kind of document this is, for the header band: "Briefing memo". */
  kind: string;
  /** Portrait when left out. */
  orientation: 'portrait' | 'landscape';
  /** The handling marking of this document (the theme's when left out). */
  marking?: string;
  paper?: 'A4' | 'A5' | 'Letter' | 'Legal';
  margins?: { top: number; bottom: number; left: number; right: number };
  /** BCP 47 language (the dataset's when left out). */
  language?: string;
  /** The most pages the document should take; the build warns when its PDF takes more. */
  pages?: number;
  /** This document's type size: the body's in points (the rest scaled), or each size given. */
  font_size?: FontSize;
  /** Made only when this is there: changes (an earlier version, --since). */
  needs?: 'changes';
  /** Portion markings, "(OS)", at the start of each paragraph, list item and table cell (the theme's when left out). */
  portion_markings?: boolean;
}

/** The front matter values that are templates themselves. */
export const FRONT_TEMPLATES = ['title', 'kind'] as const;
export type FrontTemplate = (typeof FRONT_TEMPLATES)[number];

/** Maps a place in a front matter value (line and column within the value, 1-based) to its place in the file. */
export type Placer = (line: number, col: number) => { line: number; col: number };

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

export interface SplitTemplate {
  front: FrontMatter;
  body: string;
  /** Lines taken by the front matter, added to body positions. */
  lineOffset: number;
  /** Where each templated value's characters are in the file. */
  placers: Record<FrontTemplate, Placer>;
}

export function splitFrontMatter(text: string, file: string, problems: Problems): SplitTemplate | undefined {
  const m = FENCE.exec(text);
  if (!m) {
    problems.add({
      file,
      line: 1,
      col: 1,
      path: '',
      code: 'template/front-matter',
      message: 'missing front matter: a template starts with ---, then at least title and kind, then ---',
    });
    return undefined;
  }
  const lineOffset = m[0].split('\n').length - 1;
  let parsed: { data: unknown; map: SourceMap };
  try {
    parsed = parseYaml(m[1]!, file, 'empty front matter', 1);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.add(...err.diagnostics.map((d) => atOpeningQuote(d, m[1]!)));
    return undefined;
  }
  const { data, map } = parsed;
  // Checked against data/schema/front-matter.schema.json: positioned, with did-you-mean for a misspelt setting.
  const errors = checkSchema(data, map, FRONT_MATTER_SCHEMA_FILE).map((d) => ({
    ...d,
    code: 'template/front-matter' as const,
    message: d.message.replace(/^unknown property/, 'unknown front matter setting'),
  }));
  if (errors.length) {
    problems.add(...errors);
    return undefined;
  }
  const front = { orientation: 'portrait', ...(data as object) } as FrontMatter;
  const placers = Object.fromEntries(FRONT_TEMPLATES.map((k) => [k, placer(m[1]!, map, k, front[k])])) as Record<
    FrontTemplate,
    Placer
  >;
  return { front, body: text.slice(m[0].length), lineOffset, placers };
}

/**
 * Where the characters of a value are. A value written as it reads (plain,
 * or quoted without escapes or folding) maps character by character;
 * otherwise every place in it is the value's start.
 */
function placer(source: string, map: SourceMap, key: string, value: string): Placer {
  const range = map.range([key]);
  const start = map.locate([key]);
  if (!range) return () => start;
  const raw = source.slice(range[0], range[1]);
  const quoted = /^["']/.test(raw);
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner !== value) return () => start;
  const from = range[0] + (quoted ? 1 : 0);
  const lines = value.split('\n');
  return (line, col) => {
    const index = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
    return map.position(from + Math.max(0, Math.min(index, value.length)));
  };
}

/** A quoted value never closed is reported where its quote opened, not where the front matter ends. */
function atOpeningQuote(d: Diagnostic, source: string): Diagnostic {
  if (!/missing closing .?quote/i.test(d.message)) return d;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const q = /^(\s*(?:-\s+)?[^\s#:][^:#]*:\s+|\s*-\s+)(["'])/.exec(lines[i]!);
    if (!q) continue;
    const quote = q[2]!;
    const rest = lines[i]!.slice(q[0].length);
    const closes = quote === '"' ? /(^|[^\\])(\\\\)*"/.test(rest) : /'/.test(rest.replace(/''/g, ''));
    if (closes) continue;
    // Opened on this line and not closed on it: the first such is the one YAML read on to the end.
    return {
      ...d,
      line: i + 2,
      col: q[1]!.length + 1,
      message: `this ${quote === '"' ? 'double' : 'single'}-quoted value is never closed: add the closing ${quote}`,
    };
  }
  return d;
}

/**
 * Whether a document's front matter says `needs: changes`, read without
 * loading the templates (for the command line's check of --only against
 * --since). A file that cannot be read says no: loading it reports why.
 */
export function needsChanges(dir: string, name: string): boolean {
  try {
    const m = FENCE.exec(readFileSync(join(dir, `${name}.md.hbs`), 'utf8').slice(0, 64 * 1024));
    return !!m && /^needs:\s*["']?changes["']?\s*(#.*)?$/m.test(m[1]!);
  } catch {
    return false;
  }
}
