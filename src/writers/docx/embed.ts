/**
 * Fonts the DOCX embeds: the families its runs in scripts other than Latin,
 * Greek and Cyrillic are set in (Khmer, Bengali, Arabic...), so that the
 * document reads right in Word and LibreOffice on a machine without them.
 * Word's embedded fonts (ECMA-376 Part 1, 17.8.1): each face is a part
 * word/fonts/fontN.odttf, its first 32 bytes obfuscated with a GUID that
 * word/fontTable.xml gives as w:fontKey (docx writes both). The whole font
 * file is embedded, not a subset: Word and LibreOffice shape the text
 * themselves and need the font's cmap and OpenType tables, which fontkit's
 * subsets (made for PDF) leave out. System fonts (the CJK collection) are not
 * embedded: a face inside a .ttc is not a font file of its own, and one is
 * 16 MB or more.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8 } from 'fflate';
import type { LoadedFamily } from '../text/fonts.js';
import type { Script } from '../text/scripts.js';

/** Scripts every common system font covers: their runs need no embedded font. */
const EVERYWHERE = new Set(['Grek', 'Cyrl']);

/** The faces a document's runs use, by family: collected while the runs are made. */
export class Embedding {
  private readonly used = new Map<LoadedFamily, { bold: boolean }>();

  /** A run of `script` set in `family`, bold or not. */
  note(family: LoadedFamily, script: Script | null, bold: boolean): void {
    if (!script || EVERYWHERE.has(script.code) || family.theme.system || /\.(ttc|otc)$/i.test(family.faces.regular.path)) return;
    const u = this.used.get(family);
    if (u) u.bold ||= bold;
    else this.used.set(family, { bold });
  }

  /** docx's `fonts` option: the regular face of each family used, and its bold face where bold text used it. */
  fonts(): { name: string; data: Buffer; bold?: Buffer }[] {
    return [...this.used].sort(([a], [b]) => a.index - b.index).map(([family, { bold }]) => {
      const distinct = bold && family.faces.bold.path !== family.faces.regular.path;
      return { name: family.name, data: family.faces.regular.bytes, ...(distinct ? { bold: family.faces.bold.bytes } : {}) };
    });
  }
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
  const targets = new Map([...strFromU8(rels).matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, `word/${m[2]!}`]));
  const text = strFromU8(table).replace(/(<w:embed\w+ [^>]*?r:id="([^"]+)"[^>]*?w:fontKey="\{)([0-9A-F-]{36})(\}")/gi, (all, head: string, id: string, old: string, tail: string) => {
    const part = targets.get(id);
    const bytes = part ? files[part] : undefined;
    if (!part || !bytes) return all;
    const key = guidOf(createHash('sha256').update(bytes.subarray(32)).update(id).digest());
    const [a, b] = [keyBytes(old), keyBytes(key)];
    const out = new Uint8Array(bytes);
    for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ a[i % 16]! ^ b[i % 16]!;
    files[part] = out;
    return `${head}${key}${tail}`;
  });
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
