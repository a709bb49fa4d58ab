/**
 * The one rule for control characters where text enters (README "Limits"):
 * tab and line breaks are text; every other C0 and C1 control is refused at
 * its place, named as U+XXXX. XML 1.0 cannot hold most of them even escaped
 * (PDF metadata, DOCX), and on a terminal they act instead of showing.
 * Checked on every YAML value and key (yaml.ts, yaml-fast.ts) and on
 * template text (render/syntax.ts).
 */
/** A C0 or C1 control character other than tab, line feed and carriage return: no value may hold one (README "Limits"). */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_HINT =
  'remove it: Brief accepts no control characters in text but tab and line breaks (they would reach documents, metadata and registers, and act on terminals)';

/** "a control character (U+001B, escape)" */
export function controlMessage(c: string, what = 'a value'): string {
  const cp = c.codePointAt(0)!;
  const name = CONTROL_NAMES[cp];
  return `a control character (U+${cp.toString(16).toUpperCase().padStart(4, '0')}${name ? `, ${name}` : ''}) that ${what} cannot hold`;
}

const CONTROL_NAMES: Record<number, string> = {
  0x07: 'bell',
  0x08: 'backspace',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x1b: 'escape',
  0x7f: 'delete',
  0x85: 'next line',
  0x9b: 'control sequence introducer',
};
