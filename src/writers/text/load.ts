/**
 * Font files: found in their npm package, at an absolute path, or as a
 * system font by family name (fontconfig's fc-match); read (never from a
 * FIFO, within the size limit), parsed once per process and checked the way
 * a writer will use them, so that a truncated or damaged file is refused at
 * load with a reason, never found out by a crash while a PDF is written.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { kindOf } from '../../shared/files.js';
import { formatBytes, LIMITS } from '../../shared/limits.js';
import { quoted, shown } from '../../shared/show.js';
import { UserError } from '../../shared/diagnostics.js';
import type { FontFamily } from '../../shared/theme.js';

export type Face = 'regular' | 'bold' | 'italic' | 'bold_italic';
export const FACES: Face[] = ['regular', 'bold', 'italic', 'bold_italic'];

export interface FontFile {
  path: string;
  bytes: Buffer;
  font: fontkit.Font;
  /** The same font with glyph-for-glyph layout (no shaping): the fast path for scripts that need none. */
  plain: fontkit.Font;
  /** The same font shaped in a fixed direction (fontkit would guess it from the script, and reverse digits in Arabic text). */
  shaped: { ltr: fontkit.Font; rtl: fontkit.Font };
  /** The characters each glyph of shaped text stands for, in glyph order. */
  glyphChars(text: string, direction: 'ltr' | 'rtl'): string[];
}

/**
 * fontkit keeps one Glyph object per glyph id, carrying the characters of the
 * first text that made it: a glyph shared by two characters (an alef on its
 * own, and decomposed from alef with hamza) would read as the first. Shaping
 * with a fresh cache gives each glyph the characters it stands for here; the
 * cache is put back afterwards.
 */
function glyphChars(font: fontkit.Font, text: string, direction: 'ltr' | 'rtl'): string[] {
  const f = font as unknown as {
    layout: (t: string, f?: unknown, s?: string, l?: string, d?: string) => { glyphs: { codePoints?: number[] }[] };
  };
  return freshGlyphs(font, () => f.layout(text, undefined, undefined, undefined, direction)).glyphs.map((g) =>
    String.fromCodePoint(...(g.codePoints ?? [])),
  );
}

/**
 * Runs `shape` with an empty glyph cache and puts the font's own back afterwards. pdfkit writes a
 * glyph's ToUnicode entry from the glyph object's characters; with fontkit's process-wide cache those
 * would be the characters of whatever text first made that glyph, in any document the process wrote
 * before (a folder of datasets, watch mode), so the same dataset would give other bytes, and another
 * reading, built alone or after another.
 */
function freshGlyphs<T>(font: fontkit.Font, shape: () => T): T {
  const f = font as unknown as { _glyphs: unknown };
  const cache = f._glyphs;
  f._glyphs = [];
  try {
    return shape();
  } finally {
    f._glyphs = cache;
  }
}

/** A glyph as drawn for the character `cp`: the cached glyph, or one that says it stands for `cp` when the cache says another character (two characters sharing a glyph). */
function ownCodePoints(
  g: ReturnType<fontkit.Font['glyphForCodePoint']>,
  cp: number,
): ReturnType<fontkit.Font['glyphForCodePoint']> {
  const held = (g as { codePoints?: number[] }).codePoints ?? [];
  if (held.length === 1 && held[0] === cp) return g;
  return Object.create(g, { codePoints: { value: [cp] } }) as typeof g;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, FontFile>();

/** A font file that cannot be used: the message says why, in words. */
export class BadFont extends Error {}

/**
 * The font with a layout that maps each character to its glyph and advance,
 * without OpenType shaping. fontkit's shaping took most of the PDF writer's
 * time; Latin, Greek, Cyrillic, CJK and symbols need none. Everything else
 * (metrics, subsetting, cmap) is the font's own.
 */
function plainLayout(font: fontkit.Font): fontkit.Font {
  const layout = (text: string) => {
    const glyphs: { advanceWidth: number }[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const g = font.glyphForCodePoint(cp);
      glyphs.push(ownCodePoints(g, cp));
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

/**
 * The font shaped with its OpenType features, in the given direction whatever
 * the script says. It has a PostScript name of its own: pdfkit keeps one
 * embedded font per PostScript name, and would otherwise hand back the
 * glyph-for-glyph variant of the same file.
 */
function shapedLayout(font: fontkit.Font, direction: 'ltr' | 'rtl', path: string): fontkit.Font {
  const run = (text: string, features?: unknown) => {
    skipNullAnchors(font);
    // A fresh glyph cache, so each glyph carries the characters it stands for in this text, whatever
    // the process shaped before (see freshGlyphs).
    return freshGlyphs(font, () =>
      (font.layout as (t: string, f?: unknown, s?: string, l?: string, d?: string) => unknown)(
        text,
        features,
        undefined,
        undefined,
        direction,
      ),
    );
  };
  // The layout tables (GSUB, GPOS) are parsed when text first needs shaping, not at load: most fonts
  // never shape anything in a run, and parsing them costs tens of milliseconds a font. Damaged
  // ones are a problem with the font, reported at its file; the outputs are still in memory then.
  const layout = (text: string, features?: unknown) => {
    try {
      return run(text, features);
    } catch (err) {
      throw new UserError([
        {
          file: shown(path),
          line: 0,
          col: 0,
          path: '',
          code: 'font/damaged',
          message: `damaged: its layout tables cannot be read (${(err as Error).message})`,
        },
      ]);
    }
  };
  const name = `${String((font as unknown as { postscriptName?: string }).postscriptName ?? 'Font')}-${direction === 'rtl' ? 'ShapedRTL' : 'Shaped'}`;
  return new Proxy(font, {
    get: (target, key) =>
      key === 'layout' ? layout : key === 'postscriptName' ? name : Reflect.get(target, key, target),
  });
}

/**
 * A mark-positioning lookup may name no anchor for a class (a NULL offset,
 * which OpenType allows: the mark does not attach there). fontkit 2.0.4
 * reads the missing anchor and throws (foliojs/fontkit#367, fix proposed in
 * #374), which stops Noto Sans Khmer, Malayalam and others at their first
 * vowel sign. Like HarfBuzz, the lookup is skipped instead. The processor's
 * class is not exported: it is reached through a font's layout engine, and
 * patched once for every font.
 */
let anchorsGuarded = false;
function skipNullAnchors(font: fontkit.Font): void {
  if (anchorsGuarded) return;
  const gpos = (font as unknown as { _layoutEngine?: { engine?: { GPOSProcessor?: object | null } } })._layoutEngine
    ?.engine?.GPOSProcessor;
  if (!gpos) return;
  const proto = Object.getPrototypeOf(gpos) as {
    applyAnchor?: (mark: { markAnchor?: unknown } | null, base: unknown, index: number) => void;
  };
  const apply = proto.applyAnchor;
  if (typeof apply !== 'function') return;
  proto.applyAnchor = function (this: unknown, mark, base, index) {
    if (!base || !mark?.markAnchor) return;
    apply.call(this, mark, base, index);
  };
  anchorsGuarded = true;
}

/**
 * fontkit caches a glyph with the characters it was first asked for, and
 * subsetting asks for a composite glyph's parts with none: once a document
 * has embedded a colon or an ellipsis built from the period, every later
 * document in the process (watch mode, a folder of datasets) would get the
 * period with no Unicode mapping, and lose every full stop to copying,
 * search and screen readers. A glyph asked for with characters keeps them.
 */
function keepCodePoints(font: fontkit.Font): void {
  const f = font as unknown as { getGlyph: (id: number, characters?: number[]) => { codePoints: number[] } | null };
  const getGlyph = f.getGlyph.bind(font);
  f.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) glyph.codePoints = characters;
    return glyph;
  };
}

/** The tables every writer reads (TrueType outlines or CFF); each is parsed here, inside the guard, not later mid-write. */
const NEEDED = ['head', 'hhea', 'maxp', 'hmtx', 'cmap'] as const;

/** Reads, parses and checks a font file (`face`: the font's PostScript name inside a collection). */
export function loadFontFile(path: string, face?: string): FontFile {
  const id = face ? `${path}#${face}` : path;
  let entry = cache.get(id);
  if (entry) return entry;
  const bytes = readFontBytes(path);
  let parsed: unknown;
  try {
    parsed = face ? (fontkit.create as (b: Buffer, n?: string) => unknown)(bytes, face) : fontkit.create(bytes);
  } catch {
    throw new BadFont('not a font file (TrueType or OpenType)');
  }
  if (!parsed) throw new BadFont(`no font called ${quoted(face)} in this collection`);
  const font = parsed as fontkit.Font;
  if (typeof (font as { glyphForCodePoint?: unknown }).glyphForCodePoint !== 'function')
    throw new BadFont(
      'a font collection, not one font: name a single .ttf or .otf file, or the face inside the collection',
    );
  const tables =
    (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory
      ?.tables ?? {};
  for (const [tag, t] of Object.entries(tables)) {
    if (t.offset + t.length > bytes.length)
      throw new BadFont(`damaged or truncated: its ${tag.trim()} table runs past the end of the file`);
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
    void f.ascent;
    void f.descent;
    void f.bbox;
    const probe = font.glyphForCodePoint(0x20);
    if (!Number.isFinite(probe.advanceWidth)) throw new Error('hmtx');
  } catch {
    throw new BadFont('damaged: its tables cannot be read');
  }
  keepCodePoints(font);
  entry = {
    path,
    bytes,
    font,
    plain: plainLayout(font),
    shaped: { ltr: shapedLayout(font, 'ltr', path), rtl: shapedLayout(font, 'rtl', path) },
    glyphChars: (text, direction) => glyphChars(font, text, direction),
  };
  cache.set(id, entry);
  return entry;
}

/** A font file's bytes: a regular file (never a FIFO or device) within the size limit. */
function readFontBytes(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadFont(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (err as Error).message,
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new BadFont(`it is ${kindOf(stats)}, not a regular file`);
    if (stats.size > LIMITS.fontBytes)
      throw new BadFont(`too large (${formatBytes(stats.size)}); the limit is ${formatBytes(LIMITS.fontBytes)}`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface FaceLocation {
  path?: string;
  /** The face's PostScript name inside a font collection (.ttc). */
  face?: string;
  /** Why it cannot be found, and what would help. */
  problem?: string;
  hint?: string;
  /** The theme value the problem is about. */
  key?: 'package' | 'system' | Face;
}

const STYLES: Record<Face, string> = { regular: 'Regular', bold: 'Bold', italic: 'Italic', bold_italic: 'Bold Italic' };
const systemCache = new Map<string, { path: string; face?: string; family: string } | null>();

/** A system font by family and style, through fontconfig (fc-match), when it is installed. */
function systemFont(family: string, face: Face): { path: string; face?: string } | undefined {
  const key = `${family}:${face}`;
  if (!systemCache.has(key)) {
    let found: { path: string; face?: string; family: string } | null = null;
    try {
      const out = execFileSync(
        'fc-match',
        ['-f', '%{file}\\n%{index}\\n%{postscriptname}\\n%{family}\\n', `${family}:style=${STYLES[face]}`],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 },
      );
      const [file, index, postscript, families] = out.split('\n');
      // fc-match always answers with something: only the family asked for counts.
      if (file && families?.split(',').some((f) => f.trim().toLowerCase() === family.toLowerCase())) {
        found = {
          path: file,
          family,
          ...(/\.(ttc|otc)$/i.test(file) || (index && index !== '0') ? { face: postscript ?? '' } : {}),
        };
      }
    } catch {
      /* no fontconfig on this machine */
    }
    systemCache.set(key, found);
  }
  const hit = systemCache.get(key);
  return hit ? { path: hit.path, ...(hit.face ? { face: hit.face } : {}) } : undefined;
}

/**
 * Where a family's face is. A relative path stays inside its npm package
 * (`../` cannot climb out); an absolute path names a font file anywhere, on
 * purpose; a system family is found by fontconfig. A face the family does not
 * list falls back to its regular (or bold) face.
 */
export function locateFace(family: FontFamily, face: Face): FaceLocation {
  const listed =
    family[face] ??
    (face === 'bold_italic'
      ? (family.bold ?? family.regular)
      : face === 'italic'
        ? family.regular
        : (family.bold ?? family.regular));
  if (family.system && (!listed || !isAbsolute(listed))) {
    const hit = systemFont(
      family.system,
      family[face] ? face : face === 'bold_italic' ? 'bold' : face === 'italic' ? 'regular' : face,
    );
    if (hit) return hit;
    return {
      problem: `the system font ${quoted(family.system)} is not installed`,
      key: 'system',
      ...(family.install ? { hint: family.install } : {}),
    };
  }
  if (!listed) return { problem: `font family ${quoted(family.name)} names no regular face`, key: 'regular' };
  const ttc = /#([^#/]+)$/.exec(listed);
  const file = ttc ? listed.slice(0, ttc.index) : listed;
  const withFace = (path: string): FaceLocation => (ttc ? { path, face: ttc[1]! } : { path });
  if (isAbsolute(file)) return withFace(file);
  if (!family.package)
    return {
      problem: `font file ${quoted(listed)} is relative, but the family names no package`,
      key: face,
      hint: 'give the npm package that holds it, or an absolute path',
    };
  let dir: string;
  try {
    dir = dirname(require.resolve(`${family.package}/package.json`));
  } catch {
    return {
      problem: `font package ${JSON.stringify(family.package)} is not installed`,
      key: 'package',
      hint: family.install ?? `npm install ${family.package}`,
    };
  }
  const path = resolve(dir, file);
  const rel = relative(dir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return {
      problem: `the font path ${quoted(listed)} leaves its package ${family.package}`,
      key: face,
      hint: 'name a file inside the package, or give an absolute path to use a font file elsewhere on purpose',
    };
  }
  return withFace(path);
}
