import { firstStrong, hasRtl, holdsOtherDirection, languageDirection } from '../shared/direction.js';

/**
 * Text in a language the data names: an attribute span, so that every format can tag it (PDF Lang, Word w:lang).
 * Text of a right-to-left language that holds right-to-left letters also says `dir="rtl"`: HTML (and GitHub, which
 * keeps `lang` and `dir` on a span) then sets it apart as an isolate, as the PDF does, so that a digit or a quotation
 * mark at its start or end stays at that end of it.
 */
export function inLanguage(text: string, lang: string | undefined): string {
  if (!lang) return text;
  return languageDirection(lang) === 'rtl' && hasRtl(text)
    ? `<span lang="${lang}" dir="rtl">${text}</span>`
    : `<span lang="${lang}">${text}</span>`;
}

/**
 * One part of a line (a source's outlet, date, address) set apart as an isolate when it holds letters written
 * against the document's direction (`plain`: the part before any markup), with the direction of its first letter: its neighbours keep their own order
 * around it (an Arabic outlet does not pull the date after it into its right-to-left run). Other text is as given.
 */
export function isolated(shown: string, direction: 'ltr' | 'rtl', plain = shown): string {
  if (!holdsOtherDirection(plain, direction)) return shown;
  return `<span dir="${firstStrong(plain) ?? direction}">${shown}</span>`;
}
