/**
 * Reading a zip package a user gave (a Word reference document) as untrusted
 * input, with fflate: the central directory is listed first and the whole
 * archive refused when a name could escape a folder (`..`, an absolute path,
 * a drive letter, a backslash, a control character), when there are too many
 * entries, or when its sizes promise a zip bomb (too much in total, or an
 * entry that expands too many times over). The entries asked for are then
 * inflated as a stream, counted as they come: an entry that expands past what
 * its header declared or past the part limit is stopped there, so a lying
 * header costs at most one chunk's expansion, never the whole bomb.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

export const ZIP_LIMITS = {
  /** Entries in the archive (a Word template has a few dozen). */
  entries: 10_000,
  /** Uncompressed bytes of all entries together, as declared. */
  totalBytes: 256 * 1024 * 1024,
  /** One entry that is read (styles.xml of a large template is a few hundred kB). */
  partBytes: 16 * 1024 * 1024,
  /** How many times over an entry may expand, for entries over 1 MB (XML compresses about 10 times). */
  ratio: 100,
} as const;

/** A problem with the archive: the message says what, without the file's name (the caller adds it). */
export class ZipError extends Error {}

/** Compressed bytes pushed to the inflater at once: the most one push can expand to is about a thousand times this. */
const CHUNK = 64 * 1024;

/** Why an entry's name is refused, or undefined when it names a file inside the package. */
export function unsafeName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'a ".." segment that leaves the package';
  return undefined;
}

/** The declared entries, checked for names and sizes; throws ZipError. */
export function listZip(bytes: Uint8Array): { name: string; size: number; originalSize: number }[] {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)))
    throw new ZipError('not a zip package');
  const entries: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => (entries.push({ name: f.name, size: f.size, originalSize: f.originalSize }), false),
    });
  } catch (err) {
    throw new ZipError(`not a readable zip package (${(err as Error).message})`);
  }
  if (entries.length > ZIP_LIMITS.entries)
    throw new ZipError(`it has ${entries.length} entries, over the ${ZIP_LIMITS.entries} a package may have`);
  let total = 0;
  for (const e of entries) {
    const bad = unsafeName(e.name);
    if (bad)
      throw new ZipError(
        `the entry ${JSON.stringify(e.name)} has ${bad}: refused, as a path that could be written outside its folder`,
      );
    total += e.originalSize;
    if (e.originalSize > 1024 * 1024 && e.originalSize > ZIP_LIMITS.ratio * Math.max(1, e.size)) {
      throw new ZipError(
        `the entry ${JSON.stringify(e.name)} expands ${Math.round(e.originalSize / Math.max(1, e.size))} times over (${e.originalSize} bytes): refused as a zip bomb`,
      );
    }
  }
  if (total > ZIP_LIMITS.totalBytes)
    throw new ZipError(
      `its entries hold ${total} bytes uncompressed, over the ${ZIP_LIMITS.totalBytes} a package may hold: refused as a zip bomb`,
    );
  return entries;
}

/**
 * The named entries' bytes (those present), after listZip's checks. Each is
 * inflated as a stream and stopped past the smaller of its declared size and
 * the part limit.
 */
export function readZip(bytes: Uint8Array, wanted: ReadonlySet<string>): Map<string, Uint8Array> {
  const declared = new Map(listZip(bytes).map((e) => [e.name, e.originalSize]));
  const out = new Map<string, Uint8Array>();
  let failure: ZipError | undefined;
  const unzip = new Unzip((file) => {
    if (!wanted.has(file.name) || out.has(file.name) || failure) return;
    const bad = unsafeName(file.name);
    if (bad) {
      failure = new ZipError(`the entry ${JSON.stringify(file.name)} has ${bad}`);
      return;
    }
    const cap = Math.min(ZIP_LIMITS.partBytes, declared.get(file.name) ?? ZIP_LIMITS.partBytes);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = new ZipError(`the entry ${JSON.stringify(file.name)} cannot be inflated (${err.message})`);
        return;
      }
      size += data.length;
      if (size > cap) {
        failure = new ZipError(
          `the entry ${JSON.stringify(file.name)} expands past ${cap} bytes (${cap < ZIP_LIMITS.partBytes ? 'the size its header declares' : 'the most a part may hold'}): refused as a zip bomb`,
        );
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) out.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < bytes.length && !failure; i += CHUNK)
      unzip.push(bytes.subarray(i, i + CHUNK), i + CHUNK >= bytes.length);
  } catch (err) {
    if (!failure) throw new ZipError(`not a readable zip package (${(err as Error).message})`);
  }
  if (failure) throw failure;
  return out;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}
