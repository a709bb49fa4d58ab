/**
 * How paths and values appear in messages: relative to the working directory
 * where possible, control and bidi-override characters escaped (a name must
 * never reach the terminal as an escape sequence), and values quoted short.
 */
import { relative } from 'node:path';

/** Characters that would act on a terminal or reorder text rather than show: C0, DEL, C1, bidi and other format controls. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `a\x1bb` for a name holding ESC: visible, copyable, harmless. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const cp = c.codePointAt(0)!;
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** The path as the user should see it: relative to the working directory when inside it, controls escaped. */
export function shown(path: string): string {
  if (path === '-') return '<stdin>';
  const rel = relative(process.cwd(), path);
  return escapeControls(rel && !rel.startsWith('..') ? rel : path);
}

/** How many characters of a value a message quotes at most. */
export const QUOTE_LIMIT = 80;

/** A value quoted for a message: JSON-style, at most about 80 characters, with the full length said when cut. */
export function quoted(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value !== 'string') {
    const s = typeof value === 'number' ? numberText(value) : (JSON.stringify(value) ?? String(value));
    return s.length > limit ? `${s.slice(0, limit)}…` : s;
  }
  if (value.length <= limit) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, limit))}… (${value.length.toLocaleString('en-GB')} characters)`;
}

/** A number as YAML would write it: .inf, -.inf and .nan rather than JSON's null. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return String(n);
}
