/**
 * The theme's fonts: files found in their npm packages, read and parsed once
 * per process, and the glyph check every writer relies on: a character that
 * no font of its role (nor the fallback) can draw is an error before anything
 * is written, naming the code point and where it comes from.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { UserError, type Diagnostic } from '../data/diagnostics.js';
import type { FontFamily, Theme } from '../render/theme.js';

export type Role = 'body' | 'heading' | 'mono' | 'fallback';
export type Face = 'regular' | 'bold' | 'italic' | 'bold_italic';
export const ROLES: Role[] = ['body', 'heading', 'mono', 'fallback'];
export const FACES: Face[] = ['regular', 'bold', 'italic', 'bold_italic'];

export interface LoadedFont {
  role: Role;
  face: Face;
  /** pdfkit's name for it. */
  key: string;
  path: string;
  bytes: Buffer;
  font: fontkit.Font;
  /** The same font with glyph-for-glyph layout (no OpenType shaping), for pdfkit. */
  plain: fontkit.Font;
}

export interface FontSet {
  fonts: Map<string, LoadedFont>;
  get(role: Role, face: Face): LoadedFont;
  /** Whether a role's family (not counting the fallback) has the character. */
  has(role: Role, codePoint: number): boolean;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, { bytes: Buffer; font: fontkit.Font; plain: fontkit.Font }>();

/**
 * The font with a layout that maps each character to its glyph and advance,
 * without OpenType shaping (kerning, ligatures, contextual forms). fontkit's
 * shaping took most of the PDF writer's time and changes widths by a hair;
 * the scripts Brief sets (Latin, Cyrillic, precomposed accents) need none.
 * Everything else (metrics, subsetting, cmap) is the font's own.
 */
function plainLayout(font: fontkit.Font): fontkit.Font {
  const layout = (text: string) => {
    const glyphs: { advanceWidth: number }[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] = [];
    for (const ch of text) {
      const g = font.glyphForCodePoint(ch.codePointAt(0)!);
      glyphs.push(g);
      positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return {
      glyphs,
      positions,
      // As fontkit's GlyphRun: the sum of the (possibly rescaled) advances.
      get advanceWidth() {
        return positions.reduce((a, p) => a + p.xAdvance, 0);
      },
    };
  };
  return new Proxy(font, { get: (target, key) => (key === 'layout' ? layout : Reflect.get(target, key, target)) });
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

function loadFile(path: string): { bytes: Buffer; font: fontkit.Font; plain: fontkit.Font } {
  let entry = cache.get(path);
  if (!entry) {
    const bytes = readFileSync(path);
    const font = fontkit.create(bytes);
    entry = { bytes, font, plain: plainLayout(font) };
    cache.set(path, entry);
  }
  return entry;
}

export function loadFonts(theme: Theme, themeFile = 'templates/theme.yaml'): FontSet {
  const fonts = new Map<string, LoadedFont>();
  const problems: Diagnostic[] = [];
  for (const role of ROLES) {
    const family: FontFamily = theme.fonts[role];
    let dir: string;
    try {
      dir = packageDir(family.package);
    } catch {
      problems.push({ file: themeFile, line: 0, col: 0, path: `fonts.${role}.package`, code: 'font/package', message: `font package ${JSON.stringify(family.package)} is not installed`, hint: `npm install ${family.package}` });
      continue;
    }
    for (const face of FACES) {
      const path = join(dir, family[face]);
      try {
        const { bytes, font, plain } = loadFile(path);
        fonts.set(`${role}-${face}`, { role, face, key: `${role}-${face}`, path, bytes, font, plain });
      } catch {
        problems.push({ file: themeFile, line: 0, col: 0, path: `fonts.${role}.${face}`, code: 'font/file', message: `no font file ${JSON.stringify(family[face])} in ${family.package}` });
      }
    }
  }
  if (problems.length) throw new UserError(problems);
  // Coverage is asked for every character set: remember the answers per family.
  const coverage = new Map<Role, Map<number, boolean>>(ROLES.map((r) => [r, new Map()]));
  return {
    fonts,
    get: (role, face) => fonts.get(`${role}-${face}`)!,
    has: (role, cp) => {
      const known = coverage.get(role)!;
      let yes = known.get(cp);
      if (yes === undefined) {
        yes = fonts.get(`${role}-regular`)!.font.hasGlyphForCodePoint(cp);
        known.set(cp, yes);
      }
      return yes;
    },
  };
}

/** Characters that are layout, not glyphs. */
function drawable(cp: number): boolean {
  return cp > 0x20 && cp !== 0xa0 && cp !== 0x200b && cp !== 0x2060 && cp !== 0xfeff && !(cp >= 0x200c && cp <= 0x200f);
}

export interface GlyphSource {
  /** Where to look for a missing character, read only when one is missing: the dataset file and the templates. */
  files: () => { file: string; text: string }[];
}

/**
 * Every character of `text` must be drawable by the role's family or the
 * fallback; returns a diagnostic for each missing code point, located in the
 * first source file that contains it.
 */
export function checkGlyphs(texts: { role: Role; text: string }[], fonts: FontSet, sources: GlyphSource): Diagnostic[] {
  const missing = new Map<number, Role>();
  for (const { role, text } of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (!drawable(cp) || missing.has(cp)) continue;
      if (!fonts.has(role, cp) && !fonts.has('fallback', cp)) missing.set(cp, role);
    }
  }
  const out: Diagnostic[] = [];
  // The files are read only when a character is missing, to say where it came from.
  const files = missing.size ? sources.files() : [];
  for (const [cp, role] of missing) {
    const ch = String.fromCodePoint(cp);
    const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const where = files.find((f) => f.text.includes(ch));
    let line = 0;
    let col = 0;
    if (where) {
      const at = where.text.indexOf(ch);
      const before = where.text.slice(0, at);
      line = before.split('\n').length;
      col = at - before.lastIndexOf('\n');
    }
    out.push({
      file: where?.file ?? '(generated text)', line, col, path: '', code: 'font/glyph',
      message: `character ${JSON.stringify(ch)} (${name}) cannot be drawn: neither the ${role} font nor the fallback font has it`,
      hint: 'use another character, or set a font that has it in templates/theme.yaml',
    });
  }
  return out;
}
