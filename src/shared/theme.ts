/** The theme file (templates/theme.yaml): loaded, checked against its schema, positioned errors. */
import { UserError } from './diagnostics.js';
import { parseYaml, type SourceMap } from './yaml.js';
import { readUserFile } from './files.js';
import { LIMITS } from './limits.js';
import { checkSchema } from './schema.js';
import { DEFAULT_TEMPLATES, THEME_SCHEMA_FILE } from './paths.js';
import { join, resolve } from 'node:path';

/**
 * A font family: from an npm package (paths inside it), from absolute paths,
 * or a system font found by family name. Fallback families may list only the
 * faces they have: a missing italic is set in the regular face.
 */
export interface FontFamily {
  name: string;
  package?: string;
  /** A system font's family name, found with fontconfig (fc-match). */
  system?: string;
  regular?: string;
  bold?: string;
  italic?: string;
  bold_italic?: string;
  /** When it cannot be found, the build goes on without it (characters only it has are then reported). */
  optional?: boolean;
  /** What to run to install it, for messages. */
  install?: string;
  /** The scripts it is in the list for ("Arabic", "Chinese"): only their characters are set in it, and messages about them name its install command. */
  scripts?: string[];
}

/** A role's fonts: one family, or an ordered list (its own first, then its fallbacks). */
export type FontChain = FontFamily | FontFamily[];

/** A role's own family: the first of its list. */
export function primaryOf(chain: FontChain): FontFamily {
  return Array.isArray(chain) ? chain[0]! : chain;
}

/** Layout as data, in points: every spacing, indent, padding and rule width both writers use. */
export interface Spacing {
  line_height: number;
  paragraph_after: number;
  heading_before: [number, number, number, number];
  heading_after: [number, number, number, number];
  keep_with_next: number;
  title_rule_gap: number;
  title_rule_width: number;
  list_indent: number;
  list_label_gap: number;
  list_item_after: number;
  list_after: number;
  quote_indent: number;
  quote_rule_width: number;
  rule_space: number;
  rule_width: number;
  table_padding: number;
  table_rule_width: number;
  table_after: number;
  note_indent: number;
  note_after: number;
  band_size: number;
  band_gap: number;
  band_rule_width: number;
}

/** Brief's defaults: a theme may leave out any spacing value (the shipped theme lists them all). */
export const DEFAULT_SPACING: Spacing = {
  line_height: 1.22,
  paragraph_after: 6,
  heading_before: [0, 8.75, 7.7, 7],
  heading_after: [12, 3.75, 3.3, 3],
  keep_with_next: 32,
  title_rule_gap: 3,
  title_rule_width: 1.2,
  list_indent: 15,
  list_label_gap: 5,
  list_item_after: 1.5,
  list_after: 5,
  quote_indent: 12,
  quote_rule_width: 3,
  rule_space: 12,
  rule_width: 0.5,
  table_padding: 3.2,
  table_rule_width: 0.4,
  table_after: 9,
  note_indent: 20.4,
  note_after: 2,
  band_size: 7.5,
  band_gap: 4,
  band_rule_width: 0.6,
};

export interface Theme {
  marking: string;
  /** Portion markings, "(OS)", in documents made from a dataset that marks its items. */
  portion_markings?: boolean;
  author?: string;
  /** A Word reference document for the DOCX files, relative to the theme file. */
  reference_doc?: string;
  page: { size: 'A4' | 'Letter'; margins_mm: { top: number; bottom: number; left: number; right: number } };
  fonts: {
    body: FontChain;
    heading: FontChain;
    mono: FontChain;
    /** Fallbacks tried after every role's own list. */
    fallback?: FontChain;
    size: number;
    table_size?: number;
    note_size?: number;
    heading_sizes: [number, number, number, number];
    line_gap: number;
  };
  colours: Record<
    | 'text'
    | 'heading'
    | 'accent'
    | 'rule'
    | 'link'
    | 'marking'
    | 'muted'
    | 'table_header_fill'
    | 'table_header_text'
    | 'table_stripe',
    string
  >;
  /** For each position category id: its symbol and cell colour. */
  categories: Record<string, { symbol: string; fill: string }>;
  spacing: Spacing;
  /** How a DOCX gives its notes: one numbered list at the end of the text as the PDF (list, the default), Word endnotes, or Word footnotes. */
  docx_notes?: 'list' | 'endnotes' | 'footnotes';
}

const SHIPPED_THEME = resolve(join(DEFAULT_TEMPLATES, 'theme.yaml'));
let shipped: Promise<unknown> | undefined;

/** The shipped theme's values (templates/theme.yaml of Brief itself), read once. */
function shippedTheme(): Promise<unknown> {
  shipped ??= readUserFile(SHIPPED_THEME, {
    max: LIMITS.themeBytes,
    shownAs: 'templates/theme.yaml',
    what: 'theme file',
    code: 'theme/missing',
  }).then((bytes) => parseYaml(bytes, 'templates/theme.yaml', 'the shipped theme is empty').data);
  return shipped;
}

/** `over` read over `base`: mappings key by key, anything else (a list, a value) replaced whole. */
function overlay(base: unknown, over: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = Object.hasOwn(base, k) ? overlay(base[k], v) : v;
  return out;
}

/** A document's own type size (front matter font_size): the body's, with headings, tables and notes scaled from it unless given. */
export type FontSize =
  number | { body?: number; headings?: [number, number, number, number]; table?: number; note?: number };

/** The theme with a document's type size: sizes given are used, the others scaled by the body's change. */
export function sizedTheme(theme: Theme, size: FontSize): Theme {
  const given = typeof size === 'number' ? { body: size } : size;
  const f = theme.fonts;
  const body = given.body ?? f.size;
  const r = body / f.size;
  const round = (x: number) => Math.round(x * 4) / 4;
  return {
    ...theme,
    fonts: {
      ...f,
      size: body,
      heading_sizes: given.headings ?? (f.heading_sizes.map((h) => round(h * r)) as Theme['fonts']['heading_sizes']),
      table_size: given.table ?? round((f.table_size ?? f.size - 1) * r),
      note_size: given.note ?? round((f.note_size ?? f.size - 2) * r),
    },
  };
}

export async function loadTheme(file: string, shownAs = file): Promise<Theme> {
  return (await loadThemeWithMap(file, shownAs)).theme;
}

/** The theme and where each of its values is in the file (for font errors found later). */
export async function loadThemeWithMap(file: string, shownAs = file): Promise<{ theme: Theme; map: SourceMap }> {
  const bytes = await readUserFile(file, {
    max: LIMITS.themeBytes,
    shownAs,
    what: 'theme file',
    code: 'theme/missing',
  });
  const parsed = parseYaml(
    bytes,
    shownAs,
    'the theme is empty: give at least the values it changes from the shipped theme',
  );
  const { map } = parsed;
  // A theme gives what it changes; the rest is read from the shipped theme, as labels files are read over English.
  const data = resolve(file) === SHIPPED_THEME ? parsed.data : overlay(await shippedTheme(), parsed.data);
  const problems = checkSchema(data, map, THEME_SCHEMA_FILE);
  if (problems.length) throw new UserError(problems);
  const theme = data as Omit<Theme, 'spacing'> & { spacing?: Partial<Spacing> };
  return { theme: { ...theme, spacing: { ...DEFAULT_SPACING, ...theme.spacing } }, map };
}
