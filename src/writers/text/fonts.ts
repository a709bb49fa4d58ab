/**
 * The theme's fonts as the writers use them: for each role (body, heading,
 * mono) an ordered chain of families, the role's own first, then its
 * fallbacks, then the theme's common fallbacks. The one rule for which family
 * draws a character (the first in the chain that has it) lives here, so that
 * the PDF writer, the DOCX writer and the glyph check cannot disagree.
 */
import { UserError, type Diagnostic } from '../../shared/diagnostics.js';
import { quoted } from '../../shared/show.js';
import type { FontChain, FontFamily, Theme } from '../../shared/theme.js';
import { BadFont, FACES, loadFontFile, locateFace, type Face, type FontFile } from './load.js';

export { FACES, type Face, type FontFile } from './load.js';

export type Role = 'body' | 'heading' | 'mono';
export const ROLES: Role[] = ['body', 'heading', 'mono'];

export interface LoadedFamily {
  /** Its place among the loaded families: names its pdfkit fonts. */
  index: number;
  name: string;
  theme: FontFamily;
  faces: Record<Face, FontFile>;
}

export interface FontSet {
  families: LoadedFamily[];
  /** The role's families in the order they are tried. */
  chain(role: Role): LoadedFamily[];
  /** The role's own family (the first in its chain). */
  primary(role: Role): LoadedFamily;
  /** The family that draws the character: the first in the role's chain that has it, else the role's own. */
  familyFor(role: Role, cp: number): LoadedFamily;
  /** Whether any family in the role's chain has the character. */
  has(role: Role, cp: number): boolean;
  /** A font file by its key (fontKey). */
  file(key: string): FontFile;
  /** Optional families the theme lists that are not installed, for messages. */
  absent: FontFamily[];
}

/** The name pdfkit knows a family's face by. */
export function fontKey(family: LoadedFamily, face: Face): string {
  return `f${family.index}-${face}`;
}

/** Where theme values are in the theme file, for positioned font errors. */
export type ThemeLocator = (segments: (string | number)[], code: Diagnostic['code'], message: string, hint?: string) => Diagnostic;

const list = (chain: FontChain | undefined): FontFamily[] => (chain === undefined ? [] : Array.isArray(chain) ? chain : [chain]);

export function loadFonts(theme: Theme, themeFile = 'templates/theme.yaml', locate?: ThemeLocator): FontSet {
  const problems: Diagnostic[] = [];
  const at: ThemeLocator = locate ?? ((segments, code, message, hint) => {
    const d: Diagnostic = { file: themeFile, line: 0, col: 0, path: segments.join('.'), code, message };
    if (hint) d.hint = hint;
    return d;
  });
  const families: LoadedFamily[] = [];
  const absent: FontFamily[] = [];
  const byId = new Map<string, LoadedFamily | null>();
  const chains = new Map<Role, LoadedFamily[]>();
  const common = list(theme.fonts.fallback).map((f, i) => ({ f, path: Array.isArray(theme.fonts.fallback) ? ['fonts', 'fallback', i] : ['fonts', 'fallback'] }));

  const load = (family: FontFamily, path: (string | number)[]): LoadedFamily | null => {
    const id = JSON.stringify([family.package, family.system, family.regular, family.bold, family.italic, family.bold_italic]);
    if (byId.has(id)) return byId.get(id)!;
    const faces = {} as Record<Face, FontFile>;
    let failed = false;
    for (const face of FACES) {
      const where = locateFace(family, face);
      if (!where.path) {
        if (family.optional) {
          absent.push(family);
          byId.set(id, null);
          return null;
        }
        const d = at([...path, where.key ?? face], where.key === 'package' ? 'font/package' : where.key === 'system' ? 'font/system' : 'font/path', where.problem!, where.hint);
        if (!problems.some((p) => p.message === d.message && p.line === d.line)) problems.push(d);
        failed = true;
        break;
      }
      try {
        faces[face] = loadFontFile(where.path, where.face);
      } catch (err) {
        if (!(err instanceof BadFont)) throw err;
        const listed = family[face] ?? where.path;
        problems.push(at([...path, family[face] ? face : 'regular'], 'font/file', `font file ${quoted(listed)}${family.package && !listed.startsWith('/') ? ` in ${family.package}` : ''}: ${err.message}`));
        failed = true;
        break;
      }
    }
    const loaded = failed ? null : { index: families.length, name: family.name, theme: family, faces };
    if (loaded) families.push(loaded);
    byId.set(id, loaded);
    return loaded;
  };

  for (const role of ROLES) {
    const own = theme.fonts[role];
    const entries = [...list(own).map((f, i) => ({ f, path: Array.isArray(own) ? ['fonts', role, i] : ['fonts', role] })), ...common];
    const chain: LoadedFamily[] = [];
    for (const { f, path } of entries) {
      const loaded = load(f, path);
      if (loaded && !chain.includes(loaded)) chain.push(loaded);
    }
    chains.set(role, chain);
  }
  if (problems.length) throw new UserError(problems);
  for (const role of ROLES) {
    if (!chains.get(role)!.length) throw new UserError([at(['fonts', role], 'font/path', `no font of the ${role} role could be loaded`)]);
  }

  // Coverage is asked for every character drawn: remember the answers per role.
  const found = new Map<Role, Map<number, LoadedFamily | null>>(ROLES.map((r) => [r, new Map()]));
  const lookup = (role: Role, cp: number): LoadedFamily | null => {
    const known = found.get(role)!;
    let hit = known.get(cp);
    if (hit === undefined) {
      hit = chains.get(role)!.find((f) => f.faces.regular.font.hasGlyphForCodePoint(cp)) ?? null;
      known.set(cp, hit);
    }
    return hit;
  };
  const files = new Map<string, FontFile>();
  for (const f of families) for (const face of FACES) files.set(fontKey(f, face), f.faces[face]);
  return {
    families,
    absent,
    chain: (role) => chains.get(role)!,
    primary: (role) => chains.get(role)![0]!,
    familyFor: (role, cp) => lookup(role, cp) ?? chains.get(role)![0]!,
    has: (role, cp) => lookup(role, cp) !== null,
    file: (key) => files.get(key)!,
  };
}

/** Characters that are layout, not glyphs. */
export function drawable(cp: number): boolean {
  return cp > 0x20 && cp !== 0xa0 && cp !== 0x200b && cp !== 0x2060 && cp !== 0xfeff && !(cp >= 0x200c && cp <= 0x200f) && !(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069);
}
