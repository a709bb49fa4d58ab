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
import { scriptOf, type Script } from './scripts.js';

export { FACES, type Face, type FontFile } from './load.js';

export type Role = 'body' | 'heading' | 'mono';
export const ROLES: Role[] = ['body', 'heading', 'mono'];

export interface LoadedFamily {
  /** Its place among the theme's families: names its pdfkit fonts. */
  index: number;
  name: string;
  theme: FontFamily;
  faces: Record<Face, FontFile>;
}

export interface FontSet {
  /** The families loaded so far (each role's own at once, fallbacks when a character first needs them). */
  readonly families: LoadedFamily[];
  /** The role's own family (the first in its list). */
  primary(role: Role): LoadedFamily;
  /**
   * The family that draws the character standing in a run of `script` (from
   * scriptsOf; null for Latin): the run's family (the first in the role's
   * list that has the script's letters and shapes them) when it has the
   * character, else the first in the list that has it, else the role's own.
   */
  familyFor(role: Role, cp: number, script: Script | null): LoadedFamily;
  /** Whether any family in the role's list has the character (standing in a run of `script`). */
  has(role: Role, cp: number, script: Script | null): boolean;
  /** A font file by its key (fontKey). */
  file(key: string): FontFile;
  /** Optional families the theme lists that turned out not to be installed, for messages. */
  readonly absent: FontFamily[];
}

const KEYS = new Map<number, Record<Face, string>>();
/** The name pdfkit knows a family's face by. */
export function fontKey(family: LoadedFamily, face: Face): string {
  let keys = KEYS.get(family.index);
  if (!keys)
    KEYS.set(
      family.index,
      (keys = {
        regular: `f${family.index}-regular`,
        bold: `f${family.index}-bold`,
        italic: `f${family.index}-italic`,
        bold_italic: `f${family.index}-bold_italic`,
      }),
    );
  return keys[face];
}

/** Where theme values are in the theme file, for positioned font errors. */
export type ThemeLocator = (
  segments: (string | number)[],
  code: Diagnostic['code'],
  message: string,
  hint?: string,
) => Diagnostic;

const list = (chain: FontChain | undefined): FontFamily[] =>
  chain === undefined ? [] : Array.isArray(chain) ? chain : [chain];

/** OpenType script tags by ISO 15924 code: a font shapes a script only when its GSUB or GPOS lists one of them. */
const OT_TAGS: Record<string, string[]> = {
  Arab: ['arab'],
  Hebr: ['hebr'],
  Syrc: ['syrc'],
  Thaa: ['thaa'],
  Nkoo: ['nko '],
  Deva: ['dev2', 'deva'],
  Beng: ['bng2', 'beng'],
  Guru: ['gur2', 'guru'],
  Gujr: ['gjr2', 'gujr'],
  Orya: ['ory2', 'orya'],
  Taml: ['tml2', 'taml'],
  Telu: ['tel2', 'telu'],
  Knda: ['knd2', 'knda'],
  Mlym: ['mlm2', 'mlym'],
  Sinh: ['sinh'],
  Tibt: ['tibt'],
  Thai: ['thai'],
  Laoo: ['lao '],
  Khmr: ['khmr'],
  Mymr: ['mym2', 'mymr'],
  Ethi: ['ethi'],
};

/**
 * Loads the theme's fonts: every role's own family at once (read, parsed and
 * checked), and the fallbacks when a character first needs one, which the
 * glyph check does for every character before anything is written. A Latin
 * brief never pays for the Arabic or CJK fonts.
 */
export function loadFonts(theme: Theme, themeFile = 'templates/theme.yaml', locate?: ThemeLocator): FontSet {
  const at: ThemeLocator =
    locate ??
    ((segments, code, message, hint) => {
      const d: Diagnostic = { file: themeFile, line: 0, col: 0, path: segments.join('.'), code, message };
      if (hint) d.hint = hint;
      return d;
    });
  const fonts = new Fonts(theme, at);
  fonts.loadPrimaries();
  return fonts;
}

/** A family of the theme, once, with the place it is first named (for positioned errors); loaded when first needed. */
interface Entry {
  index: number;
  family: FontFamily;
  path: (string | number)[];
  loaded?: LoadedFamily | null;
}

/** Each role's chain of families: its own, then the theme's common fallbacks, each family once. */
function chainsOf(theme: Theme): { entries: Entry[]; chains: Map<Role, Entry[]> } {
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const entryOf = (family: FontFamily, path: (string | number)[]): Entry => {
    const id = JSON.stringify([
      family.package,
      family.system,
      family.regular,
      family.bold,
      family.italic,
      family.bold_italic,
    ]);
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { index: entries.length, family, path }));
    if (!entries.includes(e)) entries.push(e);
    return e;
  };
  const common = list(theme.fonts.fallback).map((f, i) => ({
    f,
    path: Array.isArray(theme.fonts.fallback) ? ['fonts', 'fallback', i] : ['fonts', 'fallback'],
  }));
  const chains = new Map<Role, Entry[]>();
  for (const role of ROLES) {
    const own = theme.fonts[role];
    const items = [
      ...list(own).map((f, i) => ({ f, path: Array.isArray(own) ? ['fonts', role, i] : ['fonts', role] })),
      ...common,
    ];
    const chain: Entry[] = [];
    for (const { f, path } of items) {
      const e = entryOf(f, path);
      if (!chain.includes(e)) chain.push(e);
    }
    chains.set(role, chain);
  }
  return { entries, chains };
}

/** Whether the family can set the script: a script that needs shaping needs its OpenType tables too. */
function supports(f: LoadedFamily, script: Script | null): boolean {
  const tags = script?.shaped ? OT_TAGS[script.code] : undefined;
  if (!tags) return true;
  const font = f.faces.regular.font;
  const listed = (table: string) =>
    ((font as unknown as Record<string, { scriptList?: { tag: string }[] } | undefined>)[table]?.scriptList ?? []).map(
      (s) => s.tag,
    );
  return [...listed('GSUB'), ...listed('GPOS')].some((t) => tags.includes(t));
}

/** Whether a family may be tried for a script: one listed for some scripts only is not, unless `any` (the last resort). */
function admits(e: Entry, script: Script | null, any: boolean): boolean {
  return (
    any ||
    !e.family.scripts ||
    (!!script && e.family.scripts.some((s) => s.toLowerCase() === script.name.toLowerCase()))
  );
}

class Fonts implements FontSet {
  readonly families: LoadedFamily[] = [];
  readonly absent: FontFamily[] = [];
  private readonly entries: Entry[];
  private readonly chains: Map<Role, Entry[]>;
  private readonly primaries = new Map<Role, LoadedFamily>();
  /** The family a run of a script is set in (the one that draws its letters), per role. */
  private readonly runFamilies = new Map<Role, Map<Script, LoadedFamily | null>>(ROLES.map((r) => [r, new Map()]));
  /** Which family draws a character in a run: asked for every character drawn, so remembered. */
  private readonly found = new Map<Role, Map<number, LoadedFamily | null>>(ROLES.map((r) => [r, new Map()]));
  /** Asked for every width measured: remembered by key. */
  private readonly files = new Map<string, FontFile>();

  constructor(
    theme: Theme,
    private readonly at: ThemeLocator,
  ) {
    ({ entries: this.entries, chains: this.chains } = chainsOf(theme));
  }

  /** Each role's own family now: a broken one is reported before anything else happens. */
  loadPrimaries(): void {
    const problems: Diagnostic[] = [];
    for (const role of ROLES) {
      const first = this.chains.get(role)![0];
      if (!first) {
        problems.push(this.at(['fonts', role], 'font/path', `the ${role} role lists no font`));
        continue;
      }
      try {
        const loaded = this.load(first);
        if (loaded) this.primaries.set(role, loaded);
        else
          problems.push(
            this.at(
              first.path,
              'font/system',
              `the ${role} role's own font ${quoted(first.family.name)} is not installed`,
              first.family.install,
            ),
          );
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        for (const d of err.diagnostics)
          if (!problems.some((p) => p.message === d.message && p.line === d.line)) problems.push(d);
      }
    }
    if (problems.length) throw new UserError(problems);
  }

  /** Reads and checks a family's faces; null for an optional family that is not installed; throws for a broken one. */
  private load(e: Entry): LoadedFamily | null {
    if (e.loaded !== undefined) return e.loaded;
    const { family, path } = e;
    const faces = {} as Record<Face, FontFile>;
    for (const face of FACES) {
      const where = locateFace(family, face);
      if (!where.path) {
        if (family.optional) {
          this.absent.push(family);
          e.loaded = null;
          return null;
        }
        throw new UserError([
          this.at(
            [...path, where.key ?? face],
            where.key === 'package' ? 'font/package' : where.key === 'system' ? 'font/system' : 'font/path',
            where.problem!,
            where.hint,
          ),
        ]);
      }
      try {
        faces[face] = loadFontFile(where.path, where.face);
      } catch (err) {
        if (!(err instanceof BadFont)) throw err;
        const listed = family[face] ?? where.path;
        throw new UserError([
          this.at(
            [...path, family[face] ? face : 'regular'],
            'font/file',
            `font file ${quoted(listed)}${family.package && !listed.startsWith('/') ? ` in ${family.package}` : ''}: ${err.message}`,
          ),
        ]);
      }
    }
    e.loaded = { index: e.index, name: family.name, theme: family, faces };
    this.families.push(e.loaded);
    return e.loaded;
  }

  /**
   * The first family of the chain that has the character, preferring one that
   * shapes the script. A family listed for some scripts only is not even read
   * for other characters, unless `any` (the last resort, for a character no
   * other family has).
   */
  private search(role: Role, cp: number, script: Script | null, any = false): LoadedFamily | null {
    let plain: LoadedFamily | null = null; // a family with the glyph but not the script's shaping: the last resort
    for (const e of this.chains.get(role)!) {
      if (!admits(e, script, any)) continue;
      const f = this.load(e);
      if (!f || !f.faces.regular.font.hasGlyphForCodePoint(cp)) continue;
      if (supports(f, script)) return f;
      plain ??= f;
    }
    return plain;
  }

  private runFamily(role: Role, script: Script): LoadedFamily | null {
    const known = this.runFamilies.get(role)!;
    let f = known.get(script);
    if (f === undefined) known.set(script, (f = this.search(role, script.sample, script)));
    return f;
  }

  private lookup(role: Role, cp: number, script: Script | null): LoadedFamily | null {
    const known = this.found.get(role)!;
    const key = cp * 64 + (script?.index ?? 0);
    let hit = known.get(key);
    if (hit === undefined) {
      const run = script ? this.runFamily(role, script) : null;
      hit = run?.faces.regular.font.hasGlyphForCodePoint(cp) ? run : this.search(role, cp, script ?? scriptOf(cp));
      hit ??= this.search(role, cp, script, true);
      known.set(key, hit);
    }
    return hit;
  }

  primary(role: Role): LoadedFamily {
    return this.primaries.get(role)!;
  }
  familyFor(role: Role, cp: number, script: Script | null): LoadedFamily {
    return this.lookup(role, cp, script) ?? this.primaries.get(role)!;
  }
  has(role: Role, cp: number, script: Script | null): boolean {
    return this.lookup(role, cp, script) !== null;
  }
  file(key: string): FontFile {
    let file = this.files.get(key);
    if (!file) {
      const m = /^f(\d+)-(\w+)$/.exec(key);
      const family = m
        ? (this.families.find((f) => f.index === Number(m[1])) ?? this.load(this.entries[Number(m[1])]!))
        : undefined;
      if (!family) throw new Error(`no font ${key}`);
      this.files.set(key, (file = family.faces[m![2] as Face]));
    }
    return file;
  }
}

/** Characters that are layout, not glyphs. */
export function drawable(cp: number): boolean {
  return (
    cp > 0x20 &&
    cp !== 0xa0 &&
    cp !== 0x200b &&
    cp !== 0x2060 &&
    cp !== 0xfeff &&
    !(cp >= 0x200c && cp <= 0x200f) &&
    !(cp >= 0x202a && cp <= 0x202e) &&
    !(cp >= 0x2066 && cp <= 0x2069)
  );
}
