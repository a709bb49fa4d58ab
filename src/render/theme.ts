/** The theme file (templates/theme.yaml): loaded, checked against its schema, positioned errors. */
import { readFile } from 'node:fs/promises';
import { UserError } from '../data/diagnostics.js';
import { parseYaml } from '../data/load.js';
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
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UserError([{ file: shownAs, line: 0, col: 0, path: '', code: 'theme/missing', message: 'cannot read the theme file' }]);
  }
  const { data, map } = parseYaml(bytes, shownAs, 'the theme is empty: expected marking, page, fonts, colours and categories');
  const problems = checkSchema(data, map, THEME_SCHEMA_FILE);
  if (problems.length) throw new UserError(problems);
  return data as Theme;
}
