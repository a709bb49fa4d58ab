/**
 * How a person's name sorts and how the documents name them after the first
 * mention, where the dataset does not say (sort_as, short_reference):
 * family_name as written; a name written family name first by its first
 * word; an Arabic name with bin, ibn or bint by its first word (it is a chain
 * of given names: Faisal bin Farhan Al Saud), named later without its family
 * (Faisal bin Farhan); otherwise by the family name after its particles
 * (Juan Ramón de la Fuente under Fuente, Ursula von der Leyen under Leyen,
 * Adel al-Jubeir under Jubeir), named later by the family name as written
 * (de la Fuente); else by the last word.
 */
import type { Person } from '../data/types.js';
import { countIn, fill, type Labels } from '../shared/labels.js';
import { md } from '../shared/markdown.js';
import { inLanguage } from './language.js';

/** Words that begin a family name and are not sorted by: de la Fuente, van der Linden, von der Leyen. */
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'des',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ter',
  'ten',
  'zu',
  'al',
  'el',
]);
/** An Arabic article written onto the name: al-Jubeir, el-Sisi. */
const ARTICLE = /^(al|el|Al|El)-/;
const NASAB = /^(bin|ibn|bint)$/i;

export function nameKeys(p: Person): { sort: string; later: string } {
  const words = p.name.split(/\s+/);
  let sort: string;
  let later: string;
  if (p.family_name !== undefined) [sort, later] = [p.family_name, p.family_name];
  else if (p.name_order === 'family_first') [sort, later] = [words[0]!, words[0]!];
  else if (words.slice(1).some((w) => NASAB.test(w))) {
    // A chain of given names and a family ("Al Saud"): sorted by the first, named later without the family.
    const family = words.findIndex((w, i) => i > 0 && /^(Al|al|Āl)$/.test(w) && !NASAB.test(words[i - 1]!));
    [sort, later] = [p.name, family > 0 ? words.slice(0, family).join(' ') : p.name];
  } else {
    // A name given without its given names may open with its particle: "de Gaulle" is named later "de Gaulle".
    const start = words.findIndex(
      (w, i) =>
        i < words.length - 1 && PARTICLES.has(w.toLowerCase()) && (w === w.toLowerCase() || /^(Al|El)$/.test(w)),
    );
    const family = start >= 0 ? words.slice(start) : [words[words.length - 1]!];
    const main = family.filter((w, i) => !(PARTICLES.has(w.toLowerCase()) && i < family.length - 1)).join(' ');
    [sort, later] = [main.replace(ARTICLE, ''), family.join(' ')];
  }
  return { sort: p.sort_as ?? sort, later: p.short_reference ?? later };
}

/** How many of the reports that name a person write a variant: "Every report writes it “Takeshi Iwaya”." */
export function variantNote(
  v: { spelling: string; kind?: string; sources: string[] },
  of: number,
  labels: Labels,
  lang?: string,
  reports = true,
): string {
  const verb: 'spell' | 'write' =
    v.kind === 'other_order' || v.kind === 'transliteration' || v.kind === 'short_form' || v.kind === 'native_script'
      ? 'write'
      : 'spell';
  // "Two of the four reports", unless one of the four is not a report (a ministry's statement): then "sources".
  const forms = labels.variants[reports ? verb : (`${verb}_sources` as const)];
  const n = new Set(v.sources).size;
  const count = (k: number) => countIn(labels, k);
  // A sentence never starts with a numeral: "Three of the five reports", but "Of the 14 reports, 12 spell it".
  const form =
    n >= of ? (of === 1 ? 'only' : of === 2 ? 'both' : 'every') : n === 1 ? 'one' : n >= 10 ? 'many' : 'some';
  // The name in its own script is tagged with its language, for screen readers and Word.
  return fill(forms[form], {
    x: v.kind === 'native_script' ? inLanguage(md(v.spelling), lang) : md(v.spelling),
    n: count(n),
    N: count(n).replace(/^./, (c) => c.toUpperCase()),
    of: count(of),
  });
}
