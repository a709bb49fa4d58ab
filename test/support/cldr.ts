// CLDR's own data for measuring which languages print completely (issue 23,
// item 6): every locale at the `modern` coverage level (cldr-core's
// coverageLevels.json) written in a script Brief ships fonts for, with its
// main and punctuation exemplar characters (cldr-misc-full). Locales with the
// same exemplars (en-GB, en-AU...) are one sample, so that a build holds each
// distinct set once.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stringify } from 'yaml';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE_SOURCES = join(ROOT, 'test', 'fixtures', 'scripts', 'sources');

/** The scripts in which an official language of a UN member state is written (issue 23, item 2), as CLDR names them. */
export const SCRIPTS = [
  'Latn',
  'Grek',
  'Cyrl',
  'Arab',
  'Hebr',
  'Armn',
  'Geor',
  'Deva',
  'Beng',
  'Sinh',
  'Taml',
  'Thai',
  'Laoo',
  'Khmr',
  'Mymr',
  'Ethi',
  'Thaa',
  'Tibt',
  'Hans',
  'Hant',
  'Jpan',
  'Kore',
] as const;

export interface Sample {
  /** The locales that share these exemplars, the first naming the sample. */
  locales: string[];
  script: string;
  /** Main exemplars: characters and the strings CLDR lists in braces ({ch}, {អា}). */
  main: string[];
  punctuation: string[];
}

/**
 * The elements of a UnicodeSet as CLDR writes exemplars: `[a b c-e {ch} \- \u0300]`.
 * Whitespace separates; `x-y` is a range; `{...}` a string; a backslash escapes the next
 * character or starts \uXXXX / \x{...}.
 */
export function unicodeSet(text: string): string[] {
  const cps = [...text.trim().replace(/^\[|\]$/g, '')];
  const out: string[] = [];
  let i = 0;
  const one = (): string => {
    const c = cps[i++]!;
    if (c !== '\\') return c;
    const n = cps[i++]!;
    if (n === 'u') {
      const hex = cps.slice(i, i + 4).join('');
      i += 4;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (n === 'x' && cps[i] === '{') {
      const end = cps.indexOf('}', i);
      const hex = cps.slice(i + 1, end).join('');
      i = end + 1;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return n;
  };
  while (i < cps.length) {
    const c = cps[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '{') {
      const end = cps.indexOf('}', i);
      out.push(cps.slice(i + 1, end).join(''));
      i = end + 1;
      continue;
    }
    const first = one();
    if (cps[i] === '-' && i + 1 < cps.length && !/\s/u.test(cps[i + 1]!)) {
      i++;
      const last = one();
      for (let cp = first.codePointAt(0)!; cp <= last.codePointAt(0)!; cp++) out.push(String.fromCodePoint(cp));
    } else out.push(first);
  }
  return out;
}

/** Every modern locale written in one of SCRIPTS, grouped by identical exemplars; and the modern locales in other scripts. */
export function modernSamples(): { samples: Sample[]; otherScripts: string[] } {
  const levels = (require('cldr-core/coverageLevels.json') as { effectiveCoverageLevels: Record<string, string> })
    .effectiveCoverageLevels;
  const bySet = new Map<string, Sample>();
  const otherScripts: string[] = [];
  for (const [locale, level] of Object.entries(levels)) {
    if (level !== 'modern' || locale === 'und') continue;
    const script = new Intl.Locale(locale).maximize().script!;
    if (!(SCRIPTS as readonly string[]).includes(script)) {
      otherScripts.push(`${locale} (${script})`);
      continue;
    }
    const chars = (
      require(`cldr-misc-full/main/${locale}/characters.json`) as {
        main: Record<string, { characters: { exemplarCharacters: string; punctuation: string } }>;
      }
    ).main[locale]!.characters;
    const key = `${chars.exemplarCharacters}\n${chars.punctuation}`;
    const known = bySet.get(key);
    if (known) known.locales.push(locale);
    else
      bySet.set(key, {
        locales: [locale],
        script,
        main: unicodeSet(chars.exemplarCharacters),
        punctuation: unicodeSet(chars.punctuation),
      });
  }
  return { samples: [...bySet.values()], otherScripts };
}

/** Default-ignorable characters (ZWJ, ZWNJ, ZWSP...): exemplars that steer shaping but draw nothing. */
export const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * A sample's text as words: each exemplar, a mark after a base letter of its own set (a vowel sign or
 * virama stands on a consonant, never alone), separated by spaces.
 */
export function words(items: string[], base: string): string {
  return items.map((s) => (/^\p{M}/u.test(s) ? base + s : s)).join(' ');
}

/** The first exemplar that is a letter standing alone: what a mark is written on. */
export function baseOf(sample: Sample): string {
  return sample.main.find((s) => /^\p{L}$/u.test(s)) ?? 'a';
}

/** What a dataset prints for one sample: names (main exemplars) and quotations (punctuation, then main), in parts under the length limit. */
export interface Entry {
  sample: Sample;
  name: string;
  quote: string;
}

/** A string value holds at most 20,000 characters (README, "Limits"): a large set (Japanese, Chinese) is printed in parts. */
const PART = 6000;

export function entriesOf(sample: Sample): Entry[] {
  const base = baseOf(sample);
  const parts: string[] = [];
  let part: string[] = [];
  for (const w of words(sample.main, base).split(' ')) {
    if (part.join(' ').length + w.length > PART) parts.push(part.splice(0).join(' '));
    part.push(w);
  }
  parts.push(part.join(' '));
  const punctuation = words(sample.punctuation, base);
  return parts.map((name) => ({ sample, name, quote: `${punctuation} ${name}` }));
}

/**
 * A dataset, its source text and templates (the shipped ones and one that prints every entry's name and
 * quotation between markers: ZZN3ZZ ... ZZN3ZZ for the name of entry 3, ZZQ3ZZ for its quotation), built on
 * the multi-script fixture (its meeting, sources and actors). With `filler`, a paragraph of it follows each
 * name and quotation.
 */
export function writeSampleDataset(
  fixture: string,
  entries: Entry[],
  dir: string,
  name: string,
  filler = '',
): { data: string; sources: string; templates: string } {
  const sources = join(dir, 'sources');
  const templates = join(dir, 'templates');
  mkdirSync(sources, { recursive: true });
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  writeFileSync(
    join(sources, 'cldr.txt'),
    `CLDR exemplar samples.\n\n${entries.map((e, i) => `S${i}: "${e.quote}"`).join('\n\n')}\n`,
  );
  const base = fixture.replace(/^people:[\s\S]*$/m, '');
  const yaml = stringify(
    {
      people: entries.map((e, i) => ({
        id: `s${i}`,
        name: `Sample ${i}`,
        native_name: e.name,
        native_lang: e.sample.locales[0],
        role: 'Delegate',
        actor: 'institute',
        sources: ['ma'],
      })),
      dimensions: [{ id: 'd', label: 'D', question: 'Q?', categories: ['yes', 'not_stated'] }],
      positions: [],
      quotes: entries.map((e, i) => ({
        id: `q${i}`,
        speaker: `s${i}`,
        text: e.quote,
        lang: e.sample.locales[0],
        context: 'Sample.',
        sources: ['mc'],
      })),
      claims: [{ id: 'c-share', kind: 'fact', topic: 'meeting', text: 'Samples.', sources: ['ma'] }],
    },
    { lineWidth: 0 },
  );
  const data = join(dir, `${name}.yaml`);
  writeFileSync(
    data,
    base.replace(
      /^sources:\n/m,
      'sources:\n  - { id: mc, file: cldr.txt, title: "CLDR samples", kind: news_report }\n',
    ) + yaml,
  );
  for (const f of ['ms-a.txt', 'ms-b.txt']) writeFileSync(join(sources, f), readFileSync(join(FIXTURE_SOURCES, f)));
  const after = filler ? `${filler}\n\n` : '';
  const body = `{{#each people}}\nZZN{{@index}}ZZ {{native_name}} ZZN{{@index}}ZZ\n\n${after}{{/each}}\n{{#each quotes}}\nZZQ{{@index}}ZZ {{text}} ZZQ{{@index}}ZZ\n\n${after}{{/each}}\n`;
  writeFileSync(join(templates, 'samples.md.hbs'), `---\ntitle: CLDR samples\nkind: Test\n---\n# Samples\n\n${body}`);
  return { data, sources, templates };
}

/** How one entry came out of the PDF. */
export interface Finding {
  entry: Entry;
  kind: 'name' | 'quote';
  missing: string[];
  order: boolean;
  /** What pdftotext gave between the markers, without spaces and line breaks. */ got: string;
}

/** Characters the PDF draws with a real glyph (not .notdef, glyph 0), by mupdf's trace of every page: each glyph's Unicode. */
export function drawnCharacters(
  pdf: string,
  mutool: string,
): { drawn: Set<string>; notdef: number; has: (c: string) => boolean } {
  const trace = execFileSync(mutool, ['trace', pdf], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const drawn = new Set<string>();
  const fonts = new Set([...trace.matchAll(/<span font="(?:[A-Z]{6}\+)?([^"]+)"/g)].map((m) => m[1]!));
  let notdef = 0;
  for (const m of trace.matchAll(/<g unicode="([^"]*)" glyph="([^"]*)"/g)) {
    const text = m[1]!
      .replace(/&#x([0-9a-f]+);/gi, (_e, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&apos;/g, "'");
    if (m[2] === '0' || m[2] === '.notdef') notdef++;
    else for (const c of text) drawn.add(c);
  }
  // A character drawn as parts of other glyphs (a two-part vowel sign, a ligature) is in no glyph's own text:
  // it counts as drawn when a font the PDF embeds has it in its character map.
  const embedded = [...fonts].map(fontNamed).filter((f): f is fontkit.Font => !!f);
  return {
    drawn,
    notdef,
    has: (c: string) => drawn.has(c) || embedded.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!)),
  };
}

/** The font files Brief draws with (the npm font packages, the system's Noto CJK and DejaVu), by PostScript name. */
let byName: Map<string, fontkit.Font> | undefined;
function fontNamed(name: string): fontkit.Font | undefined {
  if (!byName) {
    byName = new Map();
    const dirs = [
      join(ROOT, 'node_modules', '@expo-google-fonts'),
      '/usr/share/fonts/opentype/noto',
      '/usr/share/fonts/truetype/dejavu',
    ];
    for (const dir of dirs.filter((d) => existsSync(d))) {
      for (const f of readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => /\.(ttf|otf|ttc)$/i.test(f))) {
        const opened = fontkit.create(readFileSync(join(dir, f))) as unknown as
          fontkit.Font | { fonts: fontkit.Font[] };
        for (const font of 'fonts' in opened ? opened.fonts : [opened])
          byName.set((font as unknown as { postscriptName: string }).postscriptName, font);
      }
    }
  }
  // The PDF's names may be cut short and carry Brief's suffix for a shaped copy ("NotoSansKhmer-Regular-Sh").
  let best: [string, fontkit.Font] | undefined;
  for (const [ps, font] of byName) if (name.startsWith(ps) && (!best || ps.length > best[0].length)) best = [ps, font];
  return best?.[1];
}

/**
 * Each entry's name and quotation as pdftotext gives them back, between their markers, against what
 * the dataset holds: the characters no embedded font draws, and whether the text (without spaces and
 * line breaks, which layout adds) reads back in logical order.
 */
export function findings(entries: Entry[], extracted: string, drawn: (c: string) => boolean): Finding[] {
  // The page bands (kind, marking and title above; author, marking and page number below) come between pages' text.
  const flat = extracted
    .replace(/[\s\u202a-\u202e\u00ad]/gu, '')
    .replace(/TestOFFICIALCLDRsamples|Brieftestsuite|OFFICIAL|Page\d+of\d+/g, '');
  const squeeze = (s: string) => s.replace(/\s/gu, '');
  const out: Finding[] = [];
  entries.forEach((entry, i) => {
    for (const kind of ['name', 'quote'] as const) {
      const mark = `ZZ${kind === 'name' ? 'N' : 'Q'}${i}ZZ`;
      const from = flat.indexOf(mark);
      const to = flat.indexOf(mark, from + mark.length);
      const got = from >= 0 && to > from ? flat.slice(from + mark.length, to) : '';
      const want = squeeze(kind === 'name' ? entry.name : entry.quote);
      const chars = new Set([...(kind === 'name' ? entry.sample.main : entry.sample.punctuation).join('')]);
      const missing = [...chars].filter((c) => !IGNORABLE.test(c) && !/\s/u.test(c) && !drawn(c));
      out.push({ entry, kind, missing, order: got.normalize('NFC') === want.normalize('NFC'), got });
    }
  });
  return out;
}

/**
 * The characters poppler reads from each glyph (its ActualText, or its Unicode map), in the order they
 * stand on each line, left to right, before poppler's own reordering (`pdftotext -bbox`: every word's
 * box and its characters as read, in drawing order). Brief draws a line left to right, right-to-left
 * runs in visual order, so this is the line as it looks. A mark drawn above or below its letter (its
 * own zero-width word) goes before the character under it, where the bidirectional algorithm's rule L2
 * puts it in a reversed run; words are spread over their box as poppler spreads them.
 */
export function drawnLines(pdf: string, pdftotext: string): string[] {
  const html = execFileSync(pdftotext, ['-bbox', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const unescape = (t: string) =>
    t
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const out: string[] = [];
  for (const page of html.split(/<page\b/).slice(1)) {
    const words = [
      ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((m) => ({
      x0: +m[1]!,
      y0: +m[2]!,
      x1: +m[3]!,
      y1: +m[4]!,
      chars: [...unescape(m[5]!)],
      marks: [] as string[][],
    }));
    const lines: { y0: number; y1: number; words: typeof words }[] = [];
    for (const w of words.filter((w) => w.x1 > w.x0)) {
      const line = lines.find((l) => Math.abs(l.y0 - w.y0) < 0.5);
      if (line) line.words.push(w);
      else lines.push({ y0: w.y0, y1: w.y1, words: [w] });
    }
    for (const mark of words.filter((w) => w.x1 <= w.x0)) {
      const mid = (mark.y0 + mark.y1) / 2;
      const line = lines
        .filter((l) => l.y0 <= mid && mid <= l.y1)
        .sort((a, b) => Math.abs((a.y0 + a.y1) / 2 - mid) - Math.abs((b.y0 + b.y1) / 2 - mid))[0];
      // The letter under it: the box it starts in, or else the nearest (a mark on a narrow letter may start just beside it).
      const gap = (w: (typeof words)[number]) => Math.max(0, w.x0 - mark.x0, mark.x0 - w.x1);
      const under = line?.words.reduce<(typeof words)[number] | undefined>(
        (best, w) => (!best || gap(w) < gap(best) ? w : best),
        undefined,
      );
      if (!under) {
        out.push(mark.chars.join(''));
        continue;
      }
      // Marks go before the character under them, several in the order they were drawn.
      const k = Math.max(
        0,
        Math.min(
          under.chars.length - 1,
          Math.floor(((mark.x0 - under.x0) / (under.x1 - under.x0)) * under.chars.length),
        ),
      );
      (under.marks[k] ??= []).push(...mark.chars);
    }
    const text = (w: (typeof words)[number]) => w.chars.map((c, k) => (w.marks[k] ?? []).join('') + c).join('');
    for (const l of lines.sort((a, b) => a.y0 - b.y0))
      out.push(
        l.words
          .sort((a, b) => a.x0 - b.x0)
          .map(text)
          .join(' '),
      );
  }
  return out;
}

const bidiEngine = createRequire(import.meta.url)('bidi-js')() as {
  getEmbeddingLevels(
    text: string,
    direction?: 'ltr' | 'rtl',
  ): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] };
  getReorderedIndices(
    text: string,
    levels: { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] },
    start: number,
    end: number,
  ): number[];
};

/**
 * The order a line shows `text` in, by the Unicode Bidirectional Algorithm (rule L2, without mirroring:
 * Brief gives a mirrored bracket the character written), for each line range: the paragraph as plain
 * left-to-right text, and with the dataset's text between `from` and `to` as a right-to-left isolate
 * (RLI ... PDI), the two ways a writer may set a right-to-left language's words inside a left-to-right
 * paragraph. They differ only in where neutral characters at the edges of the isolate go.
 */
export function visualOrders(text: string, from: number, to: number, lines: [number, number][]): string[][] {
  const isolated = `${text.slice(0, from)}\u2067${text.slice(from, to)}\u2069${text.slice(to)}`;
  const plain = bidiEngine.getEmbeddingLevels(text, 'ltr');
  const iso = bidiEngine.getEmbeddingLevels(isolated, 'ltr');
  // The isolate's levels at the plain text's indices (the RLI and PDI themselves dropped).
  const isoLevels = {
    levels: Uint8Array.from({ length: text.length }, (_z, i) => iso.levels[i < from ? i : i < to ? i + 1 : i + 2]!),
    paragraphs: [{ start: 0, end: text.length - 1, level: 0 }],
  };
  const show = (levels: typeof plain) =>
    lines.map(([s, e]) =>
      bidiEngine
        .getReorderedIndices(text, levels, s, e - 1)
        .slice(s, e)
        .map((i) => text[i]!)
        .join('')
        .replace(/\s/gu, ''),
    );
  return [show(plain), show(isoLevels)];
}

/**
 * Whether the lines mupdf reads between an entry's two markers (`mark text mark`, one paragraph) are
 * drawn in an order the bidirectional algorithm gives (visualOrders), each glyph with its characters.
 * Spaces are left out (layout breaks lines at them); the text has no surrogate pairs (the scripts of
 * right-to-left locales are in the Basic Multilingual Plane).
 */
export function drawnInBidiOrder(
  lines: string[],
  mark: string,
  text: string,
): { ok: boolean; drawn: string; orders: string[] } {
  const first = lines.findIndex((l) => l.includes(mark));
  if (first < 0) return { ok: false, drawn: '', orders: [] };
  const twice = lines[first]!.indexOf(mark, lines[first]!.indexOf(mark) + mark.length) >= 0;
  const last = twice ? first : lines.findIndex((l, k) => k > first && l.includes(mark));
  if (last < 0) return { ok: false, drawn: '', orders: [] };
  const shown = lines.slice(first, last + 1).map((l) => l.replace(/\s/gu, ''));
  const paragraph = `${mark} ${text} ${mark}`;
  // Each line's range of the paragraph, by its count of characters other than spaces.
  const ranges: [number, number][] = [];
  let at = 0;
  for (const l of shown) {
    const start = at;
    let n = [...l].length;
    while (at < paragraph.length && (n > 0 || /\s/u.test(paragraph[at]!))) {
      if (!/\s/u.test(paragraph[at]!)) n--;
      at++;
      if (n === 0) break;
    }
    ranges.push([start, at]);
  }
  const orders = visualOrders(paragraph, mark.length + 1, mark.length + 1 + text.length, ranges);
  const drawn = shown.join('\n');
  return {
    ok: at === paragraph.length && orders.some((o) => o.join('\n') === drawn),
    drawn,
    orders: orders.map((o) => o.join('\n')),
  };
}
