/**
 * Fonts the DOCX embeds, so that the document reads right, and takes the
 * pages the PDF takes, in Word and LibreOffice on a machine without them:
 * - the families its runs in scripts other than Latin, Greek and Cyrillic are
 *   set in (Khmer, Bengali, Arabic...), whole font files: Word and LibreOffice
 *   shape those scripts themselves and need every glyph a shaping may reach;
 * - the families of its Latin, Greek and Cyrillic text (the theme's Noto
 *   Serif and Noto Sans, the mono and symbol fallbacks when used), each face
 *   the runs use (by their format or their paragraph's style) subset to the
 *   characters the document draws in it, the theme's own families plus
 *   printable ASCII and common punctuation (page fields, list numbers, a few
 *   typed words), by HarfBuzz's hb-subset (npm subset-font), which keeps cmap
 *   and the layout tables for those glyphs. Without them LibreOffice sets the text in DejaVu, which is
 *   wider: a two-page memo takes three.
 * Word's embedded fonts (ECMA-376 Part 1, 17.8.1): each face is a part
 * word/fonts/fontN.odttf, its first 32 bytes obfuscated with a GUID that
 * word/fontTable.xml gives as w:fontKey (docx writes both). System fonts (the
 * CJK collection) are not embedded: a face inside a .ttc is not a font file of
 * its own, and one is 16 MB or more.
 */
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { strFromU8, strToU8 } from 'fflate';
import type { Face, LoadedFamily } from '../text/fonts.js';
import type { Script } from '../text/scripts.js';

/** Scripts set in the theme's own (Latin) families: their runs' faces are embedded as subsets. */
const EVERYWHERE = new Set(['Grek', 'Cyrl']);
/** Characters every Latin subset keeps besides the document's: page fields, list numbers, quotes and dashes, a few typed words. */
const BASE = `${String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i))}\u00a0\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u200b\u2060`;

/**
 * hb-subset's options: TrueType out; no hinting (Word and LibreOffice draw
 * unhinted outlines well, and the instructions are a third of a face); only
 * the layout features Latin text needs (kerning, ligatures, marks, local
 * forms): the default set keeps every glyph its features reach (small
 * capitals, old-style figures), twice the size.
 */
const SUBSET = {
  targetFormat: 'truetype',
  noHinting: true,
  keepFeatures: ['kern', 'liga', 'ccmp', 'locl', 'mark', 'mkmk'],
} as const;

/** One embedded family: docx's `fonts` option. */
export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold?: Buffer;
  italic?: Buffer;
  boldItalic?: Buffer;
}

/** The faces a document's runs use, by family: collected while the runs are made. */
export class Embedding {
  private readonly used = new Map<LoadedFamily, { bold: boolean }>();
  /** The theme's families set for Latin, Greek and Cyrillic text, with the characters they draw and the faces they draw them in. */
  private readonly latin = new Map<LoadedFamily, { chars: Set<string>; faces: Set<Face> }>();

  /** `own`: the theme's families for its roles (body, heading, mono), whose subsets keep BASE too. */
  constructor(private readonly own: ReadonlySet<LoadedFamily> = new Set()) {}

  /** A run of `script` set in `family`, bold or not (by its format or its style), italic or not, drawing `text`. */
  note(family: LoadedFamily, script: Script | null, bold: boolean, text = '', italic = false): void {
    if (family.theme.system || /\.(ttc|otc)$/i.test(family.faces.regular.path)) return;
    if (!script || EVERYWHERE.has(script.code)) {
      const u = this.latin.get(family) ?? { chars: new Set<string>(), faces: new Set<Face>(['regular']) };
      for (const c of text) u.chars.add(c);
      u.faces.add(bold ? (italic ? 'bold_italic' : 'bold') : italic ? 'italic' : 'regular');
      this.latin.set(family, u);
      return;
    }
    const u = this.used.get(family);
    if (u) u.bold ||= bold;
    else this.used.set(family, { bold });
  }

  /**
   * docx's `fonts` option: for each family of another script, its regular
   * face and its bold face where bold text used it, whole; for each Latin
   * family, its regular face and each other face its runs were noted in,
   * subset to the characters it draws (and BASE for the theme's own
   * families). HarfBuzz is loaded only here, when a DOCX is written.
   */
  async fonts(): Promise<EmbeddedFont[]> {
    const whole = [...this.used].map(([family, { bold }]): [LoadedFamily, EmbeddedFont] => {
      const distinct = bold && family.faces.bold.path !== family.faces.regular.path;
      return [
        family,
        { name: family.name, data: family.faces.regular.bytes, ...(distinct ? { bold: family.faces.bold.bytes } : {}) },
      ];
    });
    const latin = [...this.latin].filter(([family]) => !this.used.has(family));
    const subsets = latin.length
      ? await subsetFamilies(
          latin.map(([family, { chars, faces }]) => [
            family,
            this.own.has(family) ? new Set([...BASE, ...chars]) : chars,
            faces,
          ]),
        )
      : [];
    return [...whole, ...subsets].sort(([a], [b]) => a.index - b.index).map(([, font]) => font);
  }
}

/** Each family's faces used (those with files of their own), subset to its characters. */
async function subsetFamilies(
  families: [LoadedFamily, Set<string>, Set<Face>][],
): Promise<[LoadedFamily, EmbeddedFont][]> {
  // V8 compiles HarfBuzz's WebAssembly with its baseline compiler, then again
  // optimised for the functions that run hot: for the few subsets of a run
  // that second compile costs more CPU than it saves (a process subsetting 15
  // faces: 0.85 to 1.3 s of CPU with it, 0.35 s without; README). Baseline
  // code only, for the process's WebAssembly: Brief has no other.
  setFlagsFromString('--liftoff-only');
  const { default: subsetFont } = await import('subset-font');
  return Promise.all(
    families.map(async ([family, chars, used]): Promise<[LoadedFamily, EmbeddedFont]> => {
      const text = [...chars].sort().join('');
      const { faces } = family;
      const subset = async (face: Face) =>
        face === 'regular' || (used.has(face) && faces[face].path !== faces.regular.path)
          ? await subsetFont(faces[face].bytes, text, SUBSET)
          : undefined;
      const [data, bold, italic, boldItalic] = await Promise.all([
        subset('regular'),
        subset('bold'),
        subset('italic'),
        subset('bold_italic'),
      ]);
      return [
        family,
        {
          name: family.name,
          data: data!,
          ...(bold ? { bold } : {}),
          ...(italic ? { italic } : {}),
          ...(boldItalic ? { boldItalic } : {}),
        },
      ];
    }),
  );
}

/**
 * docx gives each embedded face a random GUID key: the same document would
 * have other bytes at every build. Each key is replaced by one made from the
 * font's own bytes, and the part's first 32 bytes are obfuscated again with
 * it (the XOR with the old key undone, the new one applied).
 */
export function stableFontKeys(files: Record<string, Uint8Array>): void {
  const table = files['word/fontTable.xml'];
  const rels = files['word/_rels/fontTable.xml.rels'];
  if (!table || !rels) return;
  const targets = new Map(
    [...strFromU8(rels).matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [
      m[1]!,
      `word/${m[2]!}`,
    ]),
  );
  const text = strFromU8(table).replace(
    /(<w:embed\w+ [^>]*?r:id="([^"]+)"[^>]*?w:fontKey="\{)([0-9A-F-]{36})(\}")/gi,
    (all, head: string, id: string, old: string, tail: string) => {
      const part = targets.get(id);
      const bytes = part ? files[part] : undefined;
      if (!part || !bytes) return all;
      const key = guidOf(createHash('sha256').update(bytes.subarray(32)).update(id).digest());
      const [a, b] = [keyBytes(old), keyBytes(key)];
      const out = new Uint8Array(bytes);
      for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ a[i % 16]! ^ b[i % 16]!;
      files[part] = out;
      return `${head}${key}${tail}`;
    },
  );
  files['word/fontTable.xml'] = strToU8(text);
}

/** A GUID from 16 bytes: 8-4-4-4-12 upper-case hex digits. */
function guidOf(hash: Buffer): string {
  const h = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The obfuscation key of a GUID: its 16 bytes as hex pairs, in reverse order (as docx and ECMA-376 read it). */
function keyBytes(guid: string): number[] {
  return (guid.replace(/-/g, '').match(/../g) ?? []).map((x) => parseInt(x, 16)).reverse();
}
