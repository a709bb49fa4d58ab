/**
 * Verification against the source texts: every quote appears verbatim in
 * every source it cites, and every variant spelling of a name appears in
 * every source said to use it. The texts are read from a directory the user
 * names (--sources); they are never copied into the project.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { readUserFile } from '../shared/files.js';
import { LIMITS } from '../shared/limits.js';
import { quoted, shown } from '../shared/show.js';
import { UserError, type Diagnostic } from '../shared/diagnostics.js';
import type { Segment, SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';

/**
 * Folds the differences typography makes and wording does not: Unicode's
 * compatibility forms (NFKC: fullwidth and halfwidth forms, so that Ｇ７ is
 * G7 and １２日 is 12日, ligatures, presentation forms), curly and straight
 * quotes, the dash family and the spaces around dashes, ellipses, and runs
 * of white space (non-breaking spaces included). Letters, case and
 * punctuation otherwise stay as they are.
 */
export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ')
    .replace(/ ?[\u2010-\u2015\u2212-] ?/g, '-')
    .trim();
}

export interface VerifyResult {
  diagnostics: Diagnostic[];
  /** How many quote-in-source pairs were found. */
  quotesChecked: number;
}

/** Each source's text, normalised for comparison (undefined where it cannot be read: the reason goes to `out`). */
async function readSources(
  data: Dataset,
  map: SourceMap,
  dir: string,
  out: Diagnostic[],
): Promise<Map<string, string | undefined>> {
  const texts = new Map<string, string | undefined>();
  await Promise.all(
    data.sources.map(async (s, i) => {
      const path = resolve(dir, s.file);
      const rel = relative(resolve(dir), path);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        texts.set(s.id, undefined);
        out.push(
          map.at(
            ['sources', i, 'file'],
            'quote/source-path',
            `source text ${quoted(s.file)} is outside the --sources folder`,
            { hint: 'name a file inside the folder given with --sources' },
          ),
        );
        return;
      }
      try {
        const bytes = await readUserFile(path, { max: LIMITS.sourceBytes, shownAs: shown(path), what: 'source text' });
        texts.set(s.id, normaliseForQuote(bytes.toString('utf8')));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        texts.set(s.id, undefined);
        const why = err.diagnostics[0]!.message.replace(/^cannot read the source text: /, '');
        out.push(
          map.at(
            ['sources', i, 'file'],
            'quote/source-missing',
            `source text ${quoted(s.file)} ${why === 'no such file' ? 'is not' : `cannot be read (${why})`} in ${shown(dir)}`,
            {
              hint: 'pass the folder that holds the source texts with --sources DIR',
            },
          ),
        );
      }
    }),
  );

  return texts;
}

export async function verifyAgainstSources(data: Dataset, map: SourceMap, dir: string): Promise<VerifyResult> {
  const out: Diagnostic[] = [];
  const texts = await readSources(data, map, dir, out);
  let quotesChecked = 0;
  data.quotes.forEach((q, i) => {
    const parts = quoteParts(q.text);
    q.sources.forEach((sid, j) => {
      const text = texts.get(sid);
      if (text === undefined) return; // unknown id or unreadable file: reported elsewhere
      const missing = partNotFound(parts, text);
      if (!missing) {
        quotesChecked++;
        return;
      }
      const file = data.sources.find((s) => s.id === sid)?.file;
      out.push(
        map.at(
          ['quotes', i, 'text'],
          'quote/not-found',
          `quote not found in source ${sid} (${file})${missing.of > 1 ? `: ${missing.what}` : ''}`,
          {
            hint: missing.hint + ` (cited at quotes[${i}].sources[${j}])`,
          },
        ),
      );
    });
  });

  // A translation a report gave is quoted from that report, as the original is from its own.
  data.quotes.forEach((q, i) => {
    if (q.translation === undefined || q.translation_by !== 'source' || q.translation_source === undefined) return;
    const text = texts.get(q.translation_source);
    if (text === undefined) return;
    const missing = partNotFound(quoteParts(q.translation), text);
    if (!missing) {
      quotesChecked++;
      return;
    }
    out.push(
      map.at(
        ['quotes', i, 'translation'],
        'quote/translation-not-found',
        `translation not found in its translation_source ${q.translation_source} (${data.sources.find((s) => s.id === q.translation_source)?.file})${missing.of > 1 ? `: ${missing.what}` : ''}`,
        {
          hint: missing.hint,
        },
      ),
    );
  });

  out.push(...nameSpellingProblems(data, map, texts));

  return { diagnostics: out, quotesChecked };
}

/** A native name, and a variant spelling, occur in the sources said to print them. */
function nameSpellingProblems(data: Dataset, map: SourceMap, texts: Map<string, string | undefined>): Diagnostic[] {
  const out: Diagnostic[] = [];
  data.people.forEach((p, i) => {
    // A native name is checked in the sources said to print it, as a variant spelling is.
    p.native_name_sources?.forEach((sid, k) => {
      const text = texts.get(sid);
      if (text === undefined || p.native_name === undefined || text.includes(normaliseForQuote(p.native_name))) return;
      out.push(
        map.at(
          ['people', i, 'native_name_sources', k],
          'quote/native-name-not-found',
          `native name ${JSON.stringify(p.native_name)} does not occur in source ${sid}`,
        ),
      );
    });
    p.variants?.forEach((v, j) => {
      const wanted = normaliseForQuote(v.spelling);
      v.sources.forEach((sid, k) => {
        const text = texts.get(sid);
        if (text === undefined) return;
        if (text.includes(wanted)) {
          return;
        }
        const path: Segment[] = ['people', i, 'variants', j, 'sources', k];
        out.push(
          map.at(
            path,
            'quote/variant-not-found',
            `spelling ${JSON.stringify(v.spelling)} does not occur in source ${sid}`,
          ),
        );
      });
    });
  });
  return out;
}

/**
 * A quotation's parts, normalised: the text cut at each elision, " … " (an
 * ellipsis with a space either side) or "[…]" ("[...]"). An ellipsis inside
 * a word ("well…") is the speaker's own and stays.
 */
export function quoteParts(text: string): string[] {
  return text
    .split(/\s*\[(?:\u2026|\.\.\.)\]\s*|\s+\u2026\s+/)
    .map(normaliseForQuote)
    .filter((p) => p.length > 0);
}

/** The first part of an elided quotation that the source does not have where it should (after the part before it), or undefined when all are there in order. */
export function partNotFound(parts: string[], text: string): { what: string; hint: string; of: number } | undefined {
  let from = 0;
  for (const [k, part] of parts.entries()) {
    const at = text.indexOf(part, from);
    if (at >= 0) {
      from = at + part.length;
      continue;
    }
    const shown = JSON.stringify(part.length > 60 ? `${part.slice(0, 60)}…` : part);
    const what = `part ${k + 1} of ${parts.length}, ${shown}, ${text.includes(part) ? `comes before part ${k} in the source, not after it` : 'is not in it'}`;
    return {
      what,
      hint: text.includes(part)
        ? "the parts of an elided quotation must come in the source's order"
        : divergence(part, text),
      of: parts.length,
    };
  }
  return undefined;
}

/** Text in Chinese, Japanese or Korean: a few characters are already words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Says where a quote stops matching: its longest opening that the source
 * contains, and the first character that differs, with its place in the
 * quote (counted in characters from 1). An opening of a few characters is
 * no evidence in Latin text, but in Chinese or Japanese two characters are
 * already a word.
 */
function divergence(quote: string, text: string): string {
  let lo = 0;
  let hi = quote.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (text.includes(quote.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  // Never cut a surrogate pair: the differing character is whole.
  if (lo > 0 && /[\ud800-\udbff]/.test(quote[lo - 1]!)) lo--;
  const cjk = CJK.test(quote);
  if (lo < (cjk ? 2 : 8)) return 'the source has nothing like its opening words';
  const at = text.indexOf(quote.slice(0, lo));
  const ours = quote.slice(lo, lo + 30);
  const theirs = text.slice(at + lo, at + lo + 30);
  const said = `matches as far as ${JSON.stringify('…' + quote.slice(Math.max(0, lo - 30), lo))}, then the quote has ${JSON.stringify(ours + '…')} where the source has ${JSON.stringify(theirs + '…')}`;
  if (!cjk) return said;
  const mine = String.fromCodePoint(quote.codePointAt(lo)!);
  const source = at + lo < text.length ? String.fromCodePoint(text.codePointAt(at + lo)!) : '';
  const place = [...quote.slice(0, lo)].length + 1;
  return `${said}: character ${place} of the quote, ${mine} (${codePoint(mine)}), ${source ? `is ${source} (${codePoint(source)}) in the source` : 'is past the end of the source'}`;
}
