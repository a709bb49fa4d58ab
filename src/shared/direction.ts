/**
 * Writing direction, the little every stage needs of it: which letters are
 * right to left, which languages are written right to left, and the
 * direction of a stretch of text by its first strong letter (UAX #9's FSI
 * rule, P2-P3). The view uses it to mark text whose direction differs from
 * the document's; the writers, to lay text out (writers/text/bidi.ts).
 */

/** Letters (and their marks) of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko... */
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Whether any character of the text is right to left (strong R or AL): the fast path skips bidi otherwise. */
export function hasRtl(text: string): boolean {
  // Most text is below U+0590: only then is the full test worth running.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x590) return RTL_CHAR.test(text);
  return false;
}

/** Right-to-left languages (by their primary subtag). */
export function languageDirection(lang: string): 'ltr' | 'rtl' {
  return /^(ar|he|iw|fa|ur|ps|sd|ug|yi|dv|ckb|syr)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/** The direction of the text's first letter of either direction (digits and punctuation are weak); undefined when it has none. */
export function firstStrong(text: string): 'ltr' | 'rtl' | undefined {
  const m = /[\p{L}\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u.exec(text);
  if (!m) return undefined;
  return RTL_CHAR.test(m[0]) ? 'rtl' : 'ltr';
}

/** Whether the text holds a letter written against `direction` (a right-to-left letter in left-to-right text, or the reverse). */
export function holdsOtherDirection(text: string, direction: 'ltr' | 'rtl'): boolean {
  if (direction === 'ltr') return hasRtl(text);
  return /\p{L}/u.test(text.replace(new RegExp(RTL_CHAR.source, 'gu'), ''));
}
