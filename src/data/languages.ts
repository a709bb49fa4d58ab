/**
 * Language tags (issue 37): every tag a dataset gives for text in another
 * language (people's and actors' native_lang, a quotation's lang, a source's
 * lang) must be a BCP 47 tag whose language, script and region subtags are
 * known, since PDF /Lang, Word w:lang and Markdown lang="…" pass it to screen
 * readers and spell checkers as written. A tag that is not one is reported at
 * its place with the tag it most likely meant: "zh_Hans" → zh-Hans, "Russian"
 * → ru, "ru-RUS" → ru. Knowing a subtag is ICU's (Intl.DisplayNames), so the
 * check needs no list of its own; a three-letter language is taken as written
 * (see knownLanguage).
 */
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';

type Kind = 'language' | 'script' | 'region';
const names = new Map<Kind, Intl.DisplayNames>();
/** The English name ICU has for a subtag, or undefined when it knows none. */
function nameOf(kind: Kind, code: string): string | undefined {
  let n = names.get(kind);
  if (!n) names.set(kind, (n = new Intl.DisplayNames(['en'], { type: kind, fallback: 'none' })));
  try {
    return n.of(code);
  } catch {
    return undefined;
  }
}

/**
 * A language subtag is known when ICU names it; a three-letter one is taken as it is written, since ISO 639-3
 * has some 7,900 codes and ICU names only the better-known (aii, Assyrian Neo-Aramaic, and hbo, Ancient Hebrew,
 * are real; so are the private-use qaa–qtz). Two letters are ISO 639-1, a closed list ICU knows whole.
 */
const knownLanguage = (language: string) =>
  language !== 'und' && (/^[a-z]{3}$/.test(language) || nameOf('language', language) !== undefined);

/** The tag, canonical ("ZH-hans" → zh-Hans), when it is well formed and its subtags are known; else undefined. */
export function knownTag(tag: string): string | undefined {
  let canonical: string;
  let locale: Intl.Locale;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]!;
    locale = new Intl.Locale(canonical);
  } catch {
    return undefined;
  }
  if (!knownLanguage(locale.language)) return undefined;
  if (locale.script && !nameOf('script', locale.script)) return undefined;
  if (locale.region && !nameOf('region', locale.region)) return undefined;
  return canonical;
}

let languageNames: Map<string, string> | undefined;
/** Two-letter language codes by their English names, lower-cased ("russian" → ru). */
function byName(): Map<string, string> {
  if (languageNames) return languageNames;
  languageNames = new Map();
  const a = 'a'.charCodeAt(0);
  for (let i = 0; i < 26 * 26; i++) {
    const code = String.fromCharCode(a + Math.floor(i / 26), a + (i % 26));
    const name = nameOf('language', code);
    if (name && name !== code) languageNames.set(name.toLowerCase(), code);
  }
  return languageNames;
}

/** The tag a mistyped one most likely meant, or undefined. */
export function guessTag(tag: string): string | undefined {
  const hyphened = tag.trim().replace(/_/g, '-');
  const direct = knownTag(hyphened);
  if (direct) return direct;
  const named = byName().get(hyphened.toLowerCase());
  if (named) return named;
  // A subtag too many or mistyped ("ru-RUS", "zh-Hanz"): the longest known prefix.
  const parts = hyphened.split('-');
  for (let n = parts.length - 1; n >= 1; n--) {
    const shorter = knownTag(parts.slice(0, n).join('-'));
    if (shorter) return shorter;
  }
  const spelt = closest(hyphened.toLowerCase(), byName().values());
  return spelt && knownTag(spelt);
}

/** Every language tag the dataset gives, with its path. */
function tagsOf(data: Dataset): { tag: string; path: (string | number)[] }[] {
  const out: { tag: string; path: (string | number)[] }[] = [];
  const add = (tag: string | undefined, path: (string | number)[]) => {
    if (tag !== undefined) out.push({ tag, path });
  };
  data.actors.forEach((a, i) => add(a.native_lang, ['actors', i, 'native_lang']));
  data.people.forEach((p, i) => add(p.native_lang, ['people', i, 'native_lang']));
  data.quotes.forEach((q, i) => add(q.lang, ['quotes', i, 'lang']));
  data.sources.forEach((s, i) => add(s.lang, ['sources', i, 'lang']));
  return out;
}

/** A positioned error for each tag that is not a known BCP 47 tag, with the one it most likely meant. */
export function checkLanguages(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { tag, path } of tagsOf(data)) {
    if (knownTag(tag)) continue;
    const guess = guessTag(tag);
    out.push(
      map.at(path, 'schema/language-tag', `${quoted(tag)} is not a BCP 47 language tag that names a known language`, {
        hint: `${guess ? `did you mean ${quoted(guess)}? ` : ''}(a BCP 47 tag: ru, ar, zh-Hans, pt-BR, hi; a language subtag, then script and region if needed, joined by hyphens)`,
      }),
    );
  }
  return out;
}
