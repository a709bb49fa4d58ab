/**
 * What the writers need to know about a character's script: whether it is
 * written right to left, whether it must be shaped (joining, reordering,
 * marks), where lines may break inside words, which of Word's font slots it
 * uses, and what to call it in a message. Latin, Greek and Cyrillic need
 * none of this and take the fast path.
 */

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
}

const S = (name: string, code: string, o: Partial<Omit<Script, 'name' | 'code'>> = {}): Script => ({ name, code, rtl: false, shaped: false, segmented: false, slot: 'latin', ...o });
const RTL = { rtl: true, shaped: true, slot: 'cs' } as const;
const INDIC = { shaped: true, slot: 'cs' } as const;
const SEA = { shaped: true, segmented: true, slot: 'cs' } as const;
const CJK = { segmented: true, slot: 'eastAsia' } as const;

/** Scripts in the order they are tested; each with the Unicode property that finds it. */
const TABLE: [RegExp, Script][] = [
  [/\p{Script=Arabic}/u, S('Arabic', 'Arab', RTL)],
  [/\p{Script=Hebrew}/u, S('Hebrew', 'Hebr', RTL)],
  [/\p{Script=Syriac}/u, S('Syriac', 'Syrc', RTL)],
  [/\p{Script=Thaana}/u, S('Thaana', 'Thaa', RTL)],
  [/\p{Script=Nko}/u, S('N\'Ko', 'Nkoo', RTL)],
  [/\p{Script=Devanagari}/u, S('Devanagari', 'Deva', INDIC)],
  [/\p{Script=Bengali}/u, S('Bengali', 'Beng', INDIC)],
  [/\p{Script=Gurmukhi}/u, S('Gurmukhi', 'Guru', INDIC)],
  [/\p{Script=Gujarati}/u, S('Gujarati', 'Gujr', INDIC)],
  [/\p{Script=Oriya}/u, S('Odia', 'Orya', INDIC)],
  [/\p{Script=Tamil}/u, S('Tamil', 'Taml', INDIC)],
  [/\p{Script=Telugu}/u, S('Telugu', 'Telu', INDIC)],
  [/\p{Script=Kannada}/u, S('Kannada', 'Knda', INDIC)],
  [/\p{Script=Malayalam}/u, S('Malayalam', 'Mlym', INDIC)],
  [/\p{Script=Sinhala}/u, S('Sinhala', 'Sinh', INDIC)],
  [/\p{Script=Tibetan}/u, S('Tibetan', 'Tibt', INDIC)],
  [/\p{Script=Thai}/u, S('Thai', 'Thai', SEA)],
  [/\p{Script=Lao}/u, S('Lao', 'Laoo', SEA)],
  [/\p{Script=Khmer}/u, S('Khmer', 'Khmr', SEA)],
  [/\p{Script=Myanmar}/u, S('Myanmar', 'Mymr', SEA)],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, S('Japanese', 'Jpan', CJK)],
  [/\p{Script=Hangul}/u, S('Korean', 'Kore', { slot: 'eastAsia' })],
  [/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u, S('Chinese', 'Hani', CJK)],
  [/\p{Script=Greek}/u, S('Greek', 'Grek')],
  [/\p{Script=Cyrillic}/u, S('Cyrillic', 'Cyrl')],
  [/\p{Script=Armenian}/u, S('Armenian', 'Armn')],
  [/\p{Script=Georgian}/u, S('Georgian', 'Geor')],
  [/\p{Script=Ethiopic}/u, S('Ethiopic', 'Ethi', { shaped: true })],
];

const cache = new Map<number, Script | null>();

/** The script of a character, or null for Latin and characters common to all scripts (digits, punctuation, symbols). */
export function scriptOf(cp: number): Script | null {
  if (cp < 0x370) return null; // Latin and common: the fast path
  let s = cache.get(cp);
  if (s === undefined) {
    const ch = String.fromCodePoint(cp);
    s = TABLE.find(([re]) => re.test(ch))?.[1] ?? null;
    cache.set(cp, s);
  }
  return s;
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

/** Whether any character of the text is right to left (strong R or AL): the fast path skips bidi otherwise. */
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
export function hasRtl(text: string): boolean {
  // Most text is below U+0590: only then is the full test worth running.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x590) return RTL_CHAR.test(text);
  return false;
}

/** A language tag for text whose language the data does not give: its script, language undetermined (BCP 47 "und-Arab"). */
export function scriptTag(script: Script): string {
  return `und-${script.code}`;
}
