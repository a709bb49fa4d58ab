/**
 * Reading a file a user named or placed: never blocks on a FIFO or device,
 * never reads more than a documented limit, and says what is wrong in one
 * line at the file's name. Every user file (datasets, templates, partials,
 * the theme, labels, recipients, source texts) is read through here; fonts
 * through the same checks in writers/text/load.ts.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Socket } from 'node:net';
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

export function kindOf(stats: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's bytes. Opened non-blocking, so that a FIFO with no writer cannot
 * hang the run; anything but a regular file is refused unless allowed. A
 * named pipe that is allowed (--data) is read once, through the descriptor
 * that checked it (readFifo).
 */
export async function readUserFile(path: string, opts: ReadOptions): Promise<Buffer> {
  const fd = openChecked(path, opts);
  let owned = true;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      if (stats.isDirectory()) throw refuse(opts, `cannot read the ${opts.what}: it is a folder`);
      if (!opts.allowSpecial)
        throw refuse(opts, `cannot read the ${opts.what}: it is ${kindOf(stats)}, not a regular file`);
      if (stats.isFIFO()) {
        owned = false;
        return await readFifo(fd, opts);
      }
      return await readStream(createReadStream(path), opts);
    }
    return readRegular(fd, stats.size, opts);
  } finally {
    if (owned) closeSync(fd);
  }
}

/** readUserFile for code that runs synchronously (the labels, read while a document renders): regular files only. */
export function readUserFileSync(path: string, opts: ReadOptions): Buffer {
  const fd = openChecked(path, opts);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      throw refuse(
        opts,
        `cannot read the ${opts.what}: it is ${stats.isDirectory() ? 'a folder' : `${kindOf(stats)}, not a regular file`}`,
      );
    return readRegular(fd, stats.size, opts);
  } finally {
    closeSync(fd);
  }
}

/** Opens without blocking (a FIFO with no writer would block an ordinary open for ever). */
function openChecked(path: string, opts: ReadOptions): number {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'ELOOP'
              ? 'a symbolic link loop'
              : (err as Error).message;
    throw refuse(opts, `cannot read the ${opts.what}: ${why}`);
  }
}

/** A regular file's bytes, up to the limit (also when it grows while read). */
function readRegular(fd: number, size: number, opts: ReadOptions): Buffer {
  if (size > opts.max) throw tooLarge(opts, size);
  const buffer = Buffer.alloc(size + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
    if (length > opts.max) throw tooLarge(opts, length);
    if (length === buffer.length) break;
  }
  return buffer.subarray(0, length);
}

/**
 * A named pipe the user gave with --data, read once into memory through the
 * descriptor that found it to be a pipe. Closing that one and opening the
 * pipe again lost what a waiting writer had already put in it (and the
 * second open then waited for a writer that never came); a descriptor opened
 * after the writer had come and gone would never see the end. Read through
 * the event loop, it waits for a writer that has not come yet and ends when
 * the last writer closes.
 */
function readFifo(fd: number, opts: ReadOptions): Promise<Buffer> {
  return readStream(new Socket({ fd, readable: true, writable: false }), opts);
}

function tooLarge(opts: ReadOptions, size: number): UserError {
  return refuse(
    opts,
    `the ${opts.what} is too large (${size > opts.max ? 'over ' : ''}${formatBytes(Math.max(size, opts.max + 1))}); Brief reads at most ${formatBytes(opts.max)}`,
    'see "Limits" in the README',
  );
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
