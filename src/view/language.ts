/** Text in a language the data names: an attribute span, so that every format can tag it (PDF Lang, Word w:lang). */
export function inLanguage(text: string, lang: string | undefined): string {
  return lang ? `<span lang="${lang}">${text}</span>` : text;
}
