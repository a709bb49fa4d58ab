/** The theme file (templates/theme.yaml): loaded, checked against its schema, positioned errors. */
import { UserError } from '../data/diagnostics.js';
import { parseYaml, type SourceMap } from '../data/load.js';
import { readUserFile } from '../shared/files.js';
import { LIMITS } from '../shared/limits.js';
import { checkSchema } from '../data/schema.js';
import type { Category } from '../data/types.js';
import { THEME_SCHEMA_FILE } from '../paths.js';

export interface FontFamily { name: string; package: string; regular: string; bold: string; italic: string; bold_italic: string }

export interface Theme {
  marking: string;
  author?: string;
  page: { size: 'A4' | 'Letter'; margins_mm: { top: number; bottom: number; left: number; right: number } };
  fonts: {
    body: FontFamily; heading: FontFamily; mono: FontFamily; fallback: FontFamily;
    size: number; table_size?: number; note_size?: number; heading_sizes: [number, number, number, number]; line_gap: number;
  };
  colours: Record<'text' | 'heading' | 'accent' | 'rule' | 'link' | 'marking' | 'muted' | 'table_header_fill' | 'table_header_text' | 'table_stripe', string>;
  categories: Record<Category, { symbol: string; fill: string }>;
}

export async function loadTheme(file: string, shownAs = file): Promise<Theme> {
  return (await loadThemeWithMap(file, shownAs)).theme;
}

/** The theme and where each of its values is in the file (for font errors found later). */
export async function loadThemeWithMap(file: string, shownAs = file): Promise<{ theme: Theme; map: SourceMap }> {
  const bytes = await readUserFile(file, { max: LIMITS.themeBytes, shownAs, what: 'theme file', code: 'theme/missing' });
  const { data, map } = parseYaml(bytes, shownAs, 'the theme is empty: expected marking, page, fonts, colours and categories');
  const problems = checkSchema(data, map, THEME_SCHEMA_FILE);
  if (problems.length) throw new UserError(problems);
  return { theme: data as Theme, map };
}
