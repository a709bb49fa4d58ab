/**
 * The glyph check: every character a writer will draw must be in some font
 * of its role's chain. Missing characters are reported once per script and
 * place ("Chinese characters in people[3].native_name at line 156, and in 12
 * other places"), with what would fix it: the install command of an optional
 * family the theme lists for that script, or where to add a font. A PDF
 * cannot draw a character without a font, so a missing one stops it; a DOCX
 * leaves a character no theme font has to the reader's fonts, so there it is
 * a warning.
 */
import type { Doc, Inline } from '../../doc/tree.js';
import { walk, type Place } from '../../doc/walk.js';
import type { Diagnostic } from '../../shared/diagnostics.js';
import { drawable, type FontSet, type Role } from './fonts.js';
import { scriptOf, scriptsOf } from './scripts.js';

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

export interface Place_ {
  file: string;
  line: number;
  col: number;
  /** The dataset value's path, when it is one. */
  path: string;
}

export interface GlyphSource {
  /** Every place a character from the set occurs, in order: the dataset's values first (as parsed), then the template files. */
  places: (chars: ReadonlySet<string>) => Place_[];
  /** The theme file, to name in hints. */
  themeFile: string;
}

/**
 * Where a font for each script comes from, for the hint of a character no
 * theme font has: an npm package of Google's Noto fonts (the ones the
 * shipped theme uses are installed by npm ci), or for Chinese, Japanese and
 * Korean the Debian package (a CJK font is too large for every install).
 */
const NOTO = (name: string) => `the npm package @expo-google-fonts/${name}`;
const COVERED_BY: Record<string, string> = {
  Arab: NOTO('noto-naskh-arabic'),
  Hebr: NOTO('noto-sans-hebrew'),
  Syrc: NOTO('noto-sans-syriac'),
  Thaa: NOTO('noto-sans-thaana'),
  Nkoo: NOTO('noto-sans-nko'),
  Deva: NOTO('noto-sans-devanagari'),
  Beng: NOTO('noto-sans-bengali'),
  Guru: NOTO('noto-sans-gurmukhi'),
  Gujr: NOTO('noto-sans-gujarati'),
  Orya: NOTO('noto-sans-oriya'),
  Taml: NOTO('noto-sans-tamil'),
  Telu: NOTO('noto-sans-telugu'),
  Knda: NOTO('noto-sans-kannada'),
  Mlym: NOTO('noto-sans-malayalam'),
  Sinh: NOTO('noto-sans-sinhala'),
  Tibt: NOTO('noto-serif-tibetan'),
  Thai: NOTO('noto-sans-thai'),
  Laoo: NOTO('noto-sans-lao'),
  Khmr: NOTO('noto-sans-khmer'),
  Mymr: NOTO('noto-sans-myanmar'),
  Jpan: 'the Debian package fonts-noto-cjk',
  Kore: 'the Debian package fonts-noto-cjk',
  Hani: 'the Debian package fonts-noto-cjk',
  Grek: NOTO('noto-serif'),
  Cyrl: NOTO('noto-serif'),
  Armn: NOTO('noto-sans-armenian'),
  Geor: NOTO('noto-sans-georgian'),
  Ethi: NOTO('noto-sans-ethiopic'),
};

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Diagnostics for the characters no font of their role has: errors, or warnings when `warnOnly` (a DOCX leaves them to the reader's fonts). */
export function checkGlyphs(
  texts: readonly { role: Role; text: string }[],
  fonts: FontSet,
  sources: GlyphSource,
  warnOnly = false,
): Diagnostic[] {
  // Missing characters by script (or one by one where they have none: symbols).
  const groups = new Map<string, { script: string | null; code: string | null; chars: Map<string, Role> }>();
  for (const { role, text } of texts) {
    // Each character in the script of its run, as the writers set it (text/scripts.ts).
    const scripts = scriptsOf(text);
    let i = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const run = scripts ? scripts[i]! : null;
      i += ch.length;
      if (!drawable(cp) || fonts.has(role, cp, run)) continue;
      const found = run ?? scriptOf(cp);
      const script = found?.name ?? null;
      const key = script ?? `char:${ch}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { script, code: found?.code ?? null, chars: new Map() }));
      if (!g.chars.has(ch)) g.chars.set(ch, role);
    }
  }
  const out: Diagnostic[] = [];
  for (const { script, code, chars } of groups.values()) {
    const places = sources.places(new Set(chars.keys()));
    const first = places[0] ?? { file: '(generated text)', line: 0, col: 0, path: '' };
    const others = places.length - 1;
    const sample =
      [...chars.keys()]
        .slice(0, 3)
        .map((c) => `${c} ${codePoint(c.codePointAt(0)!)}`)
        .join(', ') + (chars.size > 3 ? ` and ${chars.size - 3} more` : '');
    const roles = [...new Set(chars.values())].join(' and ');
    const what = script
      ? `${script} characters (${sample})`
      : `the character ${[...chars.keys()][0]} (${codePoint([...chars.keys()][0]!.codePointAt(0)!)})`;
    const where = others > 0 ? `, and in ${others} other place${others === 1 ? '' : 's'}` : '';
    const message = warnOnly
      ? `${what}${where}: no font in the theme has them; the DOCX leaves them to Word or LibreOffice, which may not have one either`
      : `${what}${where}: no font in the ${roles} font list has ${script ? 'them' : 'it'}`;
    const optional = fonts.absent.find(
      (f) => script && f.scripts?.some((s) => s.toLowerCase() === script.toLowerCase()),
    );
    const hint = optional
      ? `${optional.name} is in ${sources.themeFile} for ${script} but is not installed: ${optional.install ?? 'install it'}`
      : code && COVERED_BY[code]
        ? `a font for ${script} is in ${COVERED_BY[code]}: install it and add its family to the font lists in ${sources.themeFile} (see "Fonts and scripts" in the README)`
        : `add a font that has ${script ? 'them' : 'it'} to the font lists in ${sources.themeFile} (see "Fonts and scripts" in the README)`;
    out.push({
      file: first.file,
      line: first.line,
      col: first.col,
      path: first.path,
      code: 'font/glyph',
      message,
      hint,
      ...(warnOnly ? { severity: 'warning' as const } : {}),
    });
  }
  return out;
}
