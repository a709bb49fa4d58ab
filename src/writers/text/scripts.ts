/**
 * What the writers need to know about a character's script: whether it is
 * written right to left, whether it must be shaped (joining, reordering,
 * marks), where lines may break inside words, which of Word's font slots it
 * uses, and what to call it in a message. Latin, Greek and Cyrillic need
 * none of this and take the fast path.
 */
import { bidi } from './unicode-bidi.js';

export interface Script {
  /** What a reader calls the writing: "Arabic", "Chinese". */
  name: string;
  /** ISO 15924 code, for a language tag when the language is unknown: und-Arab. */
  code: string;
  rtl: boolean;
  /** Set with OpenType shaping (fontkit's layout) rather than glyph for glyph. */
  shaped: boolean;
  /** Lines may break inside words (no spaces between words): break at Intl.Segmenter's word boundaries. */
  segmented: boolean;
  /** Word's font slot for it: complex script (w:cs) or East Asian (w:eastAsia). */
  slot: 'cs' | 'eastAsia' | 'latin';
  /** A letter of the script: the font a run of it is set in is the first that has this letter (and shapes the script). */
  sample: number;
  /** Its place in the table, for compact keys. */
  index: number;
}

const S = (
  name: string,
  code: string,
  sample: number,
  o: Partial<Omit<Script, 'name' | 'code' | 'sample' | 'index'>> = {},
): Script => ({ name, code, rtl: false, shaped: false, segmented: false, slot: 'latin', sample, index: 0, ...o });
const RTL = { rtl: true, shaped: true, slot: 'cs' } as const;
const INDIC = { shaped: true, slot: 'cs' } as const;
const SEA = { shaped: true, segmented: true, slot: 'cs' } as const;
const CJK = { segmented: true, slot: 'eastAsia' } as const;

/**
 * The scripts the writers know, each with the Unicode scripts that make it
 * (Japanese is Hiragana and Katakana; Chinese is Han and Bopomofo). A
 * character of a script not listed here is treated like Latin.
 */
const TABLE: [string[], Script][] = [
  [['Arabic'], S('Arabic', 'Arab', 0x627, RTL)],
  [['Hebrew'], S('Hebrew', 'Hebr', 0x5d0, RTL)],
  [['Syriac'], S('Syriac', 'Syrc', 0x710, RTL)],
  [['Thaana'], S('Thaana', 'Thaa', 0x780, RTL)],
  [['Nko'], S("N'Ko", 'Nkoo', 0x7ca, RTL)],
  [['Devanagari'], S('Devanagari', 'Deva', 0x915, INDIC)],
  [['Bengali'], S('Bengali', 'Beng', 0x995, INDIC)],
  [['Gurmukhi'], S('Gurmukhi', 'Guru', 0xa15, INDIC)],
  [['Gujarati'], S('Gujarati', 'Gujr', 0xa95, INDIC)],
  [['Oriya'], S('Odia', 'Orya', 0xb15, INDIC)],
  [['Tamil'], S('Tamil', 'Taml', 0xb95, INDIC)],
  [['Telugu'], S('Telugu', 'Telu', 0xc15, INDIC)],
  [['Kannada'], S('Kannada', 'Knda', 0xc95, INDIC)],
  [['Malayalam'], S('Malayalam', 'Mlym', 0xd15, INDIC)],
  [['Sinhala'], S('Sinhala', 'Sinh', 0xd9a, INDIC)],
  [['Tibetan'], S('Tibetan', 'Tibt', 0xf40, INDIC)],
  [['Thai'], S('Thai', 'Thai', 0xe01, SEA)],
  [['Lao'], S('Lao', 'Laoo', 0xe81, SEA)],
  [['Khmer'], S('Khmer', 'Khmr', 0x1780, SEA)],
  [['Myanmar'], S('Myanmar', 'Mymr', 0x1000, SEA)],
  [['Hiragana', 'Katakana'], S('Japanese', 'Jpan', 0x3042, CJK)],
  [['Hangul'], S('Korean', 'Kore', 0xac00, { slot: 'eastAsia' })],
  [['Han', 'Bopomofo'], S('Chinese', 'Hani', 0x4e2d, CJK)],
  [['Greek'], S('Greek', 'Grek', 0x3b1)],
  [['Cyrillic'], S('Cyrillic', 'Cyrl', 0x430)],
  [['Armenian'], S('Armenian', 'Armn', 0x561)],
  [['Georgian'], S('Georgian', 'Geor', 0x10d0)],
  [['Ethiopic'], S('Ethiopic', 'Ethi', 0x12a0, { shaped: true })],
];
TABLE.forEach(([, s], i) => (s.index = i + 1));
/** Every script the writers know, in table order. */
export const SCRIPTS: readonly Script[] = TABLE.map(([, s]) => s);

/** Each known script's test, by Script (the character's own script) and by Script_Extensions (the scripts it is used with). */
const OWN = TABLE.map(([names]) => new RegExp(`[${names.map((n) => `\\p{Script=${n}}`).join('')}]`, 'u'));
const EXT = TABLE.map(([names]) => new RegExp(`[${names.map((n) => `\\p{Script_Extensions=${n}}`).join('')}]`, 'u'));
const LATIN = /\p{Script=Latin}/u;
const INHERITED = /\p{Script=Inherited}/u;
const COMMON = /\p{Script=Common}/u;

/**
 * How a character takes part in itemisation (UAX #24): a strong character
 * of one script (a letter), one used with several (Script_Extensions: the
 * danda with Devanagari and Bengali, the ideographic comma with Chinese,
 * Japanese and Korean), a common one (digits, punctuation, spaces) or an
 * inherited one (combining marks). Latin and scripts not in the table are
 * strong with no Script (null): they end a run of another script.
 */
type Kind =
  | { kind: 'strong'; script: Script | null }
  | { kind: 'multi'; scripts: Script[] }
  | { kind: 'common' }
  | { kind: 'inherited' };
const KINDS = new Map<number, Kind>();
const COMMON_KIND: Kind = { kind: 'common' };
const INHERITED_KIND: Kind = { kind: 'inherited' };
const STRONG_LATIN: Kind = { kind: 'strong', script: null };

function kindOf(cp: number): Kind {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? STRONG_LATIN : COMMON_KIND;
  let k = KINDS.get(cp);
  if (!k) {
    const ch = String.fromCodePoint(cp);
    const ext = SCRIPTS.filter((_, i) => EXT[i]!.test(ch));
    const own = SCRIPTS.find((_, i) => OWN[i]!.test(ch));
    if (ext.length > 1 || (ext.length === 1 && own !== ext[0])) k = { kind: 'multi', scripts: ext };
    else if (own) k = { kind: 'strong', script: own };
    else if (LATIN.test(ch)) k = STRONG_LATIN;
    else if (INHERITED.test(ch)) k = INHERITED_KIND;
    else if (COMMON.test(ch) || !/\p{L}/u.test(ch)) k = COMMON_KIND;
    else k = STRONG_LATIN; // a script the writers do not know: set like Latin
    KINDS.set(cp, k);
  }
  return k;
}

/**
 * A character's own script, or null for Latin and for characters common to
 * all scripts (digits, punctuation, symbols). A character used with several
 * scripts (the danda, the prolonged sound mark) gives the first of them;
 * which one it takes in text is for scriptsOf to say.
 */
export function scriptOf(cp: number): Script | null {
  if (cp < 0x370) return null; // Latin and common: the fast path
  const k = kindOf(cp);
  return k.kind === 'strong' ? k.script : k.kind === 'multi' ? (k.scripts[0] ?? null) : null;
}

/**
 * The script each character of the text is set in, itemised as text engines
 * do (UAX #24, as in HarfBuzz and ICU): a letter gives its own script; a
 * character used with several scripts keeps the run's script when it is one
 * of them, else takes the next letter's when that is one of them, else its
 * first; common characters (punctuation, digits, spaces) and inherited ones
 * (combining marks) take the script of the run they stand in, and those
 * before the text's first letter take that letter's; a closing bracket takes
 * the script of its opening one. One entry per UTF-16 unit (both units of a
 * surrogate pair alike); undefined when every character is Latin or common,
 * so that Latin text pays nothing more.
 */
export function scriptsOf(text: string): (Script | null)[] | undefined {
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x370 && !(c >= 0x2000 && c <= 0x206f)) {
      any = true;
      break;
    }
  }
  if (!any) return undefined;
  const out: (Script | null | undefined)[] = new Array(text.length);
  /** The run's script: undefined before the first letter (to be filled with it), null for Latin. */
  let current: Script | null | undefined;
  const open: { close: string; at: number }[] = [];
  const settle = (script: Script | null, upTo: number) => {
    if (current === undefined) for (let j = 0; j < upTo; j++) out[j] = script;
    current = script;
  };
  let sawOther = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const k = kindOf(cp);
    let s: Script | null | undefined;
    if (k.kind === 'strong') {
      settle(k.script, i);
      s = k.script;
    } else if (k.kind === 'multi') {
      if (current && k.scripts.includes(current)) s = current;
      else {
        const next = nextLetter(text, i + len);
        s = next && k.scripts.includes(next) ? next : k.scripts[0]!;
        settle(s, i);
      }
    } else if (k.kind === 'inherited') {
      s = i > 0 ? out[i - 1] : current;
    } else {
      const ch = String.fromCodePoint(cp);
      const close = cp < 0x10000 ? bidi().openingToClosingBracket(ch) : null;
      if (close) open.push({ close, at: i });
      else {
        const opening = cp < 0x10000 && open.length ? bidi().closingToOpeningBracket(ch) : null;
        const j = opening ? findLastIndex(open, (o) => o.close === ch) : -1;
        if (j >= 0) {
          const bracket = open[j]!;
          open.length = j;
          s = out[bracket.at];
          if (s !== undefined && current !== undefined) current = s;
        }
      }
      s ??= current;
    }
    out[i] = s;
    if (len === 2) out[i + 1] = s;
    if (s) sawOther = true;
    i += len;
  }
  if (!sawOther && !out.some((s) => s)) return undefined;
  return out.map((s) => s ?? null);
}

/** The known script of the next letter after `from` (a strong character), or null. */
function nextLetter(text: string, from: number): Script | null {
  for (let i = from; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const k = kindOf(cp);
    if (k.kind === 'strong') return k.script;
    i += cp > 0xffff ? 2 : 1;
  }
  return null;
}

function findLastIndex<T>(list: T[], test: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}

/** Combining marks attach to the character before them and need shaping to sit right. */
const MARK = /\p{M}/u;
const marks = new Map<number, boolean>();
export function isMark(cp: number): boolean {
  if (cp < 0x300) return false;
  let yes = marks.get(cp);
  if (yes === undefined) marks.set(cp, (yes = MARK.test(String.fromCodePoint(cp))));
  return yes;
}

/** Whether any character of the text is right to left (its one definition is shared with the view). */
export { hasRtl } from '../../shared/direction.js';

/** A language tag for text whose language the data does not give: its script, language undetermined (BCP 47 "und-Arab"). */
export function scriptTag(script: Script): string {
  return `und-${script.code}`;
}

/** The scripts a language's likely script (CLDR's likely subtags, through Intl.Locale) takes in: Japanese is kana and kanji. */
const WRITES: Record<string, readonly string[]> = {
  Jpan: ['Jpan', 'Hani'],
  Hans: ['Hani'],
  Hant: ['Hani'],
  Kore: ['Kore', 'Hani'],
};
const likelyScripts = new Map<string, readonly string[]>();
function scriptsOfLanguage(lang: string): readonly string[] {
  let codes = likelyScripts.get(lang);
  if (!codes) {
    let script: string | undefined;
    try {
      script = new Intl.Locale(lang).maximize().script;
    } catch {
      script = undefined;
    }
    codes = script ? (WRITES[script] ?? [script]) : [];
    likelyScripts.set(lang, codes);
  }
  return codes;
}

/**
 * The language of a run of text, for PDF's /Lang and Word's w:lang: the one its span gives, else the document's
 * (the template's own words, and data in the document's language), except that text in a script the document's
 * language is not written in has no known language and is tagged with its script ("und-Arab"). Latin text
 * (no script of the table) reads as the document's language.
 */
export function runLanguage(given: string | undefined, document: string, script: Script | null): string {
  if (given) return given;
  // Latin letters, digits and punctuation (no script of the table) read as the document's language.
  if (!script) return document;
  return scriptsOfLanguage(document).includes(script.code) ? document : scriptTag(script);
}
