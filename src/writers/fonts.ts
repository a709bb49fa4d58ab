/**
 * The theme's fonts: files found in their npm packages, read and parsed once
 * per process, and the glyph check every writer relies on: a character that
 * no font of its role (nor the fallback) can draw is an error before anything
 * is written, naming the code point and where it comes from.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { UserError, type Diagnostic } from '../shared/diagnostics.js';
import type { Doc, Inline } from '../doc/tree.js';
import { walk, type Place } from '../doc/walk.js';
import type { FontFamily, Theme } from '../shared/theme.js';
import { kindOf } from '../shared/files.js';
import { formatBytes, LIMITS } from '../shared/limits.js';
import { quoted } from '../shared/show.js';

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

/** A font file that cannot be used: the message says why, in words. */
class BadFont extends Error {}

/** The tables every writer reads (TrueType outlines or CFF); each is parsed here, inside the guard, not later mid-write. */
const NEEDED = ['head', 'hhea', 'maxp', 'hmtx', 'cmap', 'post'] as const;

/**
 * Reads and parses a font file, checking it the way a writer will use it: a
 * truncated or damaged file is refused here with a reason, never found out
 * by a crash while a PDF is being written.
 */
function loadFile(path: string): { bytes: Buffer; font: fontkit.Font; plain: fontkit.Font } {
  let entry = cache.get(path);
  if (entry) return entry;
  const bytes = readFontBytes(path);
  let font: fontkit.Font;
  try {
    font = fontkit.create(bytes) as fontkit.Font;
  } catch {
    throw new BadFont('not a font file (TrueType or OpenType)');
  }
  if (typeof (font as { glyphForCodePoint?: unknown }).glyphForCodePoint !== 'function') throw new BadFont('a font collection, not one font: name a single .ttf or .otf file');
  const tables = (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory?.tables ?? {};
  for (const [tag, t] of Object.entries(tables)) {
    if (t.offset + t.length > bytes.length) throw new BadFont(`damaged or truncated: its ${tag.trim()} table runs past the end of the file`);
  }
  const outlines = tables.glyf && tables.loca ? 'glyf' : tables['CFF '] ? 'CFF ' : tables.CFF2 ? 'CFF2' : undefined;
  for (const tag of [...NEEDED, ...(outlines ? [] : ['glyf'])]) {
    if (!tables[tag]) throw new BadFont(`damaged or incomplete: it has no ${tag} table`);
  }
  try {
    const f = font as unknown as Record<string, unknown>;
    for (const tag of NEEDED) if (!f[tag]) throw new Error(tag);
    if (outlines === 'glyf' && !f.loca) throw new Error('loca');
    if (!(font.unitsPerEm > 0) || !((f.numGlyphs as number) > 0)) throw new Error('head');
    void f.ascent; void f.descent; void f.bbox; void f.characterSet;
    const probe = font.glyphForCodePoint(0x20);
    if (!Number.isFinite(probe.advanceWidth)) throw new Error('hmtx');
    void font.layout('Ag');
  } catch {
    throw new BadFont('damaged: its tables cannot be read');
  }
  entry = { bytes, font, plain: plainLayout(font) };
  cache.set(path, entry);
  return entry;
}

/** A font file's bytes: a regular file (never a FIFO or device) within the size limit. */
function readFontBytes(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadFont(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new BadFont(`it is ${kindOf(stats)}, not a regular file`);
    if (stats.size > LIMITS.fontBytes) throw new BadFont(`too large (${formatBytes(stats.size)}); the limit is ${formatBytes(LIMITS.fontBytes)}`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where a theme's font face is. A relative path stays inside its npm package
 * (`../` cannot climb out); an absolute path names a font file anywhere, on
 * purpose (a system font), as the README says.
 */
function facePath(family: FontFamily, face: Face): { path?: string; problem?: string; hint?: string } {
  const file = family[face];
  if (isAbsolute(file)) return { path: file };
  let dir: string;
  try {
    dir = packageDir(family.package);
  } catch {
    return { problem: `font package ${JSON.stringify(family.package)} is not installed`, hint: `npm install ${family.package}` };
  }
  const path = resolve(dir, file);
  const rel = relative(dir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return { problem: `the font path ${quoted(file)} leaves its package ${family.package}`, hint: 'name a file inside the package, or give an absolute path to use a font file elsewhere on purpose' };
  }
  return { path };
}

/** Where theme values are in the theme file, for positioned font errors. */
export type ThemeLocator = (segments: (string | number)[], code: Diagnostic['code'], message: string, hint?: string) => Diagnostic;

export function loadFonts(theme: Theme, themeFile = 'templates/theme.yaml', locate?: ThemeLocator): FontSet {
  const fonts = new Map<string, LoadedFont>();
  const problems: Diagnostic[] = [];
  const at: ThemeLocator = locate ?? ((segments, code, message, hint) => {
    const d: Diagnostic = { file: themeFile, line: 0, col: 0, path: segments.join('.'), code, message };
    if (hint) d.hint = hint;
    return d;
  });
  for (const role of ROLES) {
    const family: FontFamily = theme.fonts[role];
    for (const face of FACES) {
      const where = facePath(family, face);
      if (!where.path) {
        const segments = where.problem?.includes('not installed') ? ['fonts', role, 'package'] : ['fonts', role, face];
        const d = at(segments, where.problem?.includes('not installed') ? 'font/package' : 'font/path', where.problem!, where.hint);
        if (!problems.some((p) => p.message === d.message && p.line === d.line)) problems.push(d);
        continue;
      }
      try {
        const { bytes, font, plain } = loadFile(where.path);
        fonts.set(`${role}-${face}`, { role, face, key: `${role}-${face}`, path: where.path, bytes, font, plain });
      } catch (err) {
        if (!(err instanceof BadFont)) throw err;
        problems.push(at(['fonts', role, face], 'font/file', `font file ${quoted(family[face])}${isAbsolute(family[face]) ? '' : ` in ${family.package}`}: ${err.message}`));
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
export function drawable(cp: number): boolean {
  return cp > 0x20 && cp !== 0xa0 && cp !== 0x200b && cp !== 0x2060 && cp !== 0xfeff && !(cp >= 0x200c && cp <= 0x200f);
}

/**
 * The one rule for which font draws a character: the role's own font, or the
 * fallback when the role's font lacks it and the fallback has it. Both
 * writers and the glyph check ask this, so they cannot disagree.
 */
export function fontFor(fonts: FontSet, role: Role, cp: number): Role {
  if (!drawable(cp) || fonts.has(role, cp) || !fonts.has('fallback', cp)) return role;
  return 'fallback';
}

/** The font role each part of a document is set in (tables and headings in the heading font, code in mono). */
export function roleOf(place: Place, inline: Inline): Role {
  if (inline.type === 'code') return 'mono';
  return place === 'heading' || place === 'cell' ? 'heading' : 'body';
}

/** Every piece of text a writer will draw, with its font role: the blocks, the notes and the bands. */
export function textsOf(doc: Doc): { role: Role; text: string }[] {
  const texts: { role: Role; text: string }[] = [];
  walk(doc, {
    block(b) {
      if (b.type === 'code') texts.push({ role: 'mono', text: b.value });
    },
    inline(n, place) {
      if (n.type === 'text' || n.type === 'code') texts.push({ role: roleOf(place, n), text: n.value });
    },
  });
  const { title, kind, marking, author } = doc.meta;
  texts.push({ role: 'heading', text: `${title} ${kind} ${marking} ${author}` });
  return texts;
}

export interface GlyphSource {
  /** The value a missing character comes from, in the dataset (as parsed, so YAML escapes such as "\\U00013000" count). */
  value?: (ch: string) => { file: string; line: number; col: number; path: string } | undefined;
  /** Where to look for a missing character, read only when one is missing: the dataset file and the templates. */
  files: () => { file: string; text: string }[];
  /** The theme file to name in the hint. */
  themeFile?: string;
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
    const message = `character ${JSON.stringify(ch)} (${name}) cannot be drawn: neither the ${role} font nor the fallback font has it`;
    const hint = `use another character, or set a font that has it in ${sources.themeFile ?? 'templates/theme.yaml'}`;
    const value = sources.value?.(ch);
    if (value) {
      out.push({ ...value, code: 'font/glyph', message, hint });
      continue;
    }
    const where = files.find((f) => f.text.includes(ch));
    let line = 0;
    let col = 0;
    if (where) {
      const at = where.text.indexOf(ch);
      const before = where.text.slice(0, at);
      line = before.split('\n').length;
      col = at - before.lastIndexOf('\n');
    }
    out.push({ file: where?.file ?? '(generated text)', line, col, path: '', code: 'font/glyph', message, hint });
  }
  return out;
}
