/**
 * Reading a file a user named or placed: never blocks on a FIFO or device,
 * never reads more than a documented limit, and says what is wrong in one
 * line at the file's name. Every user file (datasets, templates, partials,
 * the theme, source texts, fonts) is read through here.
 */
import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { UserError, type Diagnostic } from './diagnostics.js';
import { formatBytes } from './limits.js';

export interface ReadOptions {
  /** Most bytes accepted; a larger file is refused. */
  max: number;
  /** The file as messages show it. */
  shownAs: string;
  /** What the file is, for messages: "dataset", "template", "font file". */
  what: string;
  /** Diagnostic code for the refusal. */
  code?: Diagnostic['code'];
  /** A FIFO, terminal or device the user named explicitly may be read (it may wait for input, as the user asked). */
  allowSpecial?: boolean;
}

function refuse(opts: ReadOptions, message: string, hint?: string): UserError {
  const d: Diagnostic = { file: opts.shownAs, line: 0, col: 0, path: '', code: opts.code ?? 'io/read', message };
  if (hint) d.hint = hint;
  return new UserError([d]);
}

export function kindOf(stats: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's bytes. Opened non-blocking, so that a FIFO with no writer cannot
 * hang the run; anything but a regular file is refused unless allowed.
 */
export async function readUserFile(path: string, opts: ReadOptions): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ELOOP' ? 'a symbolic link loop' : (err as Error).message;
    throw refuse(opts, `cannot read the ${opts.what}: ${why}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      if (stats.isDirectory()) throw refuse(opts, `cannot read the ${opts.what}: it is a folder`);
      if (!opts.allowSpecial) throw refuse(opts, `cannot read the ${opts.what}: it is ${kindOf(stats)}, not a regular file`);
      await handle.close();
      handle = undefined;
      return await readStream(createReadStream(path), opts);
    }
    if (stats.size > opts.max) throw tooLarge(opts, stats.size);
    const buffer = Buffer.alloc(Math.min(stats.size, opts.max) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > opts.max) throw tooLarge(opts, length);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle?.close();
  }
}

function tooLarge(opts: ReadOptions, size: number): UserError {
  return refuse(opts, `the ${opts.what} is too large (${size > opts.max ? 'over ' : ''}${formatBytes(Math.max(size, opts.max + 1))}); Brief reads at most ${formatBytes(opts.max)}`, 'see "Limits" in the README');
}

/** Reads a stream (standard input, a FIFO the user named) up to the limit. */
export async function readStream(stream: NodeJS.ReadableStream, opts: ReadOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      length += b.length;
      if (length > opts.max) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        throw tooLarge(opts, length);
      }
      chunks.push(b);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw refuse(opts, `cannot read the ${opts.what}: ${(err as Error).message}`);
  }
  return Buffer.concat(chunks, length);
}
