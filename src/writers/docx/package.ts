/**
 * The DOCX package, with the same bytes for the same input: docx stamps
 * core.xml with the clock, gives hyperlinks random relationship ids, and zips
 * with the current time. The dates are rewritten from the document's date,
 * random ids renumbered in order, and the files zipped again with fixed
 * timestamps and a fixed order.
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The package's files, unzipped. docx's Packer zips what its compiler gives it;
 * taking the compiler's files directly saves deflating everything twice. Should
 * a later docx hide its compiler, the files come from unzipping the Packer's zip.
 */
export async function packageFiles(document: Document): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document): Map<string, string | Uint8Array> } })
    .compiler;
  if (typeof compiler?.compile === 'function') {
    const files: Record<string, Uint8Array> = {};
    for (const [path, data] of compiler.compile(document))
      files[path] =
        typeof data === 'string' ? strToU8(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return files;
  }
  return unzipSync(await Packer.toBuffer(document));
}

/** `edit` rewrites a part's text before it is zipped (document control, the watermark). */
export function reproducible(
  files: Record<string, Uint8Array>,
  date: Date,
  edit: (name: string, text: string) => string = (_, t) => t,
): Buffer {
  const names = Object.keys(files).sort();
  const texts = new Map<string, string>();
  for (const n of names) if (/\.(xml|rels)$/.test(n)) texts.set(n, strFromU8(files[n]!));
  // Relationship ids that are not rIdN are random: renumber them by first appearance.
  const random = new Map<string, string>();
  for (const n of names.filter((x) => x.endsWith('.rels'))) {
    for (const m of texts.get(n)!.matchAll(/Id="([^"]+)"/g)) {
      if (!/^rId\d+$/.test(m[1]!) && !random.has(m[1]!)) random.set(m[1]!, `rIdL${random.size + 1}`);
    }
  }
  // Annotation ids (bookmarks, tracked insertions and deletions): docx numbers bookmarks with a
  // counter that runs on across every document a process writes, so the second document of a run
  // had other ids than the same document written first. Renumbered here in order of appearance,
  // one sequence for all annotations (the standard wants them unique in the document).
  const annotations = new Map<string, number>();
  const annotation = /(<w:(bookmarkStart|bookmarkEnd|ins|del)\b[^>]*?\bw:id=")(\d+)(")/g;
  const renumber = (text: string) =>
    text.replace(annotation, (_m, head: string, kind: string, id: string, tail: string) => {
      // A bookmark's start and end share an id; each insertion and deletion has its own.
      const key = kind.startsWith('bookmark') ? `b${id}` : `r${id}`;
      let n = annotations.get(key);
      if (n === undefined) annotations.set(key, (n = annotations.size + 1));
      return `${head}${n}${tail}`;
    });
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // fflate writes zip times from local-time fields: a local-time date gives the same bytes in every time zone.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const out: Zippable = {};
  for (const n of names) {
    const text = texts.get(n);
    let content = files[n]!;
    if (text !== undefined) {
      let s = text;
      for (const [from, to] of random) s = s.split(`"${from}"`).join(`"${to}"`);
      if (n.startsWith('word/')) s = renumber(s);
      s = edit(n, s);
      if (n === 'docProps/core.xml')
        s = s.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`);
      content = strToU8(s);
    }
    out[n] = [content, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}
