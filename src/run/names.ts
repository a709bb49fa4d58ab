/**
 * Dataset names: the file name without .yaml/.yml, which names the output
 * folder out/<name>/. A name is used only when it is one safe path segment,
 * so that nothing can be written outside --out.
 */
import { basename, extname } from 'node:path';
import { LIMITS } from '../shared/limits.js';
import { escapeControls } from '../shared/show.js';

/** Windows device names: a folder called CON or NUL cannot be made there. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The name a dataset file gives its output folder (`-` is standard input: "stdin"). */
export function nameFromFile(path: string): string {
  if (path === '-') return 'stdin';
  return basename(path, extname(path));
}

/** Why a name cannot name an output folder, or undefined when it can. */
export function unsafeName(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '.' || name === '..')
    return `${JSON.stringify(name)} names a folder that already exists above or at --out`;
  if (name.startsWith('.')) return "it starts with a dot (hidden, and reserved for Brief's temporary folders)";
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return 'it contains a control or formatting character';
  if (/[<>:"|?*]/.test(name))
    return 'it contains a character that Windows does not allow in a folder name (< > : " | ? *)';
  if (/[. ]$/.test(name)) return 'it ends with a dot or a space';
  if (RESERVED.test(name)) return 'it is a name Windows reserves for a device';
  if ([...name].length > LIMITS.nameChars)
    return `it is ${[...name].length} characters long; the limit is ${LIMITS.nameChars}`;
  // A file system holds at most 255 bytes in one name (ext4, APFS, NTFS in UTF-16 units); Brief's hidden work folders are fixed-length (swap.ts).
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > LIMITS.nameBytes)
    return `it is ${bytes} bytes long in UTF-8 (${[...name].length} characters); a folder name may hold at most ${LIMITS.nameBytes} bytes`;
  return undefined;
}

/** Two names that would share a folder on a case-insensitive file system (macOS, Windows) are the same. */
export function folderKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function describeName(name: string): string {
  return `"${escapeControls(name.length > 120 ? `${name.slice(0, 120)}…` : name)}"`;
}
