// How a person's name sorts, how the documents name them after the first
// mention, and the sentence that says how many reports print another form of
// the name (src/view/names.ts), called in this process so that the mutation
// run (npm run test:mutation) sees it. Every expected value is written out
// here from the name as written and the English labels, not computed by the
// code under test.
import { describe, expect, it } from 'vitest';
import type { Person } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { nameKeys, variantNote } from '../src/view/names.js';

const en = englishLabels();
const person = (name: string, more: Partial<Person> = {}): Person => ({
  id: 'p',
  name,
  role: 'Minister',
  actor: 'a',
  sources: ['s1'],
  ...more,
});

describe('a name sorts and is named later as its form says', () => {
  it.each([
    // [name, sort key, named later as]
    ['Emmanuel Macron', 'Macron', 'Macron'],
    ['Zelensky', 'Zelensky', 'Zelensky'],
    // Lower-case particles begin the family name, and are not sorted by.
    ['Juan Ramón de la Fuente', 'Fuente', 'de la Fuente'],
    ['Ursula von der Leyen', 'Leyen', 'von der Leyen'],
    ['Vincent van Gogh', 'Gogh', 'van Gogh'],
    ['Charles de la Vallée Poussin', 'Vallée Poussin', 'de la Vallée Poussin'],
    ['Luiz Inácio Lula da Silva', 'Silva', 'da Silva'],
    // A capitalised "Van" is a name, not a particle; "Al" and "El" are particles when capitalised too.
    ['Mark Van Rutte', 'Rutte', 'Rutte'],
    ['Ahmed Al Jaber', 'Jaber', 'Al Jaber'],
    ['Omar El Hassan', 'Hassan', 'El Hassan'],
    // A name given without its given names keeps its particles; a particle last is the family name itself.
    ['van Gogh', 'Gogh', 'van Gogh'],
    ['de Gaulle', 'Gaulle', 'de Gaulle'],
    ['van der Bellen', 'Bellen', 'van der Bellen'],
    ['Al Harbi', 'Harbi', 'Al Harbi'],
    ['Paolo di', 'di', 'di'],
    // An Arabic article written onto the name is not sorted by.
    ['Adel al-Jubeir', 'Jubeir', 'al-Jubeir'],
    ['Abdel Fattah El-Sisi', 'Sisi', 'El-Sisi'],
    ['Ali el-Sayed', 'Sayed', 'el-Sayed'],
    ['Ali Al-Sayed', 'Sayed', 'Al-Sayed'],
    // An article inside a name is not one written onto it.
    ['Maria Bel-Al', 'Bel-Al', 'Bel-Al'],
    // A chain of given names (bin, ibn, bint, any case) sorts by its first word and is named later without its family.
    ['Faisal bin Farhan Al Saud', 'Faisal bin Farhan Al Saud', 'Faisal bin Farhan'],
    ['Tamim bin Hamad al Thani', 'Tamim bin Hamad al Thani', 'Tamim bin Hamad'],
    ['Faisal bin Farhan Āl Saud', 'Faisal bin Farhan Āl Saud', 'Faisal bin Farhan'],
    ['Mohammed bin Salman', 'Mohammed bin Salman', 'Mohammed bin Salman'],
    ['Tamim BIN Hamad', 'Tamim BIN Hamad', 'Tamim BIN Hamad'],
    ['Fatima bint Mubarak', 'Fatima bint Mubarak', 'Fatima bint Mubarak'],
    ['Ahmad ibn Ali', 'Ahmad ibn Ali', 'Ahmad ibn Ali'],
    // "Al" right after bin is a given name of the chain, not the family.
    ['Abdullah bin Al Hussein', 'Abdullah bin Al Hussein', 'Abdullah bin Al Hussein'],
    // A first word bin is not a chain: the name sorts by its last word.
    ['Ibn Saud', 'Saud', 'Saud'],
    ['Binyamin Netanyahu', 'Netanyahu', 'Netanyahu'],
    // Only bin, ibn and bint as whole words make a chain; only Al, al and Āl as whole words begin its family.
    ['Christopher Robin Milne', 'Milne', 'Milne'],
    ['Anna Bintang Putri', 'Putri', 'Putri'],
    ['Khalid bin Faisal Jamal', 'Khalid bin Faisal Jamal', 'Khalid bin Faisal Jamal'],
    ['Khalid bin Talal Alsaud', 'Khalid bin Talal Alsaud', 'Khalid bin Talal Alsaud'],
    // A lower-case word that is no particle does not begin the family name.
    ['José Ortega y Gasset', 'Gasset', 'Gasset'],
  ])('%s sorts as "%s", later "%s"', (name, sort, later) => {
    expect(nameKeys(person(name))).toEqual({ sort, later });
  });

  it.each([
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
  ])('"%s" is a particle', (particle) => {
    expect(nameKeys(person(`Anna ${particle} Berg`))).toEqual({ sort: 'Berg', later: `${particle} Berg` });
  });

  it('runs of spaces separate words as one space does', () => {
    expect(nameKeys(person('Ursula  von\tder Leyen'))).toEqual({ sort: 'Leyen', later: 'von der Leyen' });
    expect(nameKeys(person('Faisal bin Farhan  Al Saud'))).toEqual({
      sort: 'Faisal bin Farhan  Al Saud',
      later: 'Faisal bin Farhan',
    });
  });

  it('a name written family name first sorts and is named later by its first word', () => {
    expect(nameKeys(person('Ishiba Shigeru', { name_order: 'family_first' }))).toEqual({
      sort: 'Ishiba',
      later: 'Ishiba',
    });
    expect(nameKeys(person('Ishiba Shigeru', { name_order: 'given_first' }))).toEqual({
      sort: 'Shigeru',
      later: 'Shigeru',
    });
  });

  it("the dataset's family_name, sort_as and short_reference win", () => {
    expect(nameKeys(person('Luiz Inácio Lula da Silva', { family_name: 'Lula da Silva' }))).toEqual({
      sort: 'Lula da Silva',
      later: 'Lula da Silva',
    });
    expect(nameKeys(person('Ishiba Shigeru', { family_name: 'Shigeru', name_order: 'family_first' }))).toEqual({
      sort: 'Shigeru',
      later: 'Shigeru',
    });
    expect(nameKeys(person('Kaja Kallas', { sort_as: 'KALLAS, Kaja' }))).toEqual({
      sort: 'KALLAS, Kaja',
      later: 'Kallas',
    });
    expect(nameKeys(person('Faisal bin Farhan Al Saud', { short_reference: 'Prince Faisal' }))).toEqual({
      sort: 'Faisal bin Farhan Al Saud',
      later: 'Prince Faisal',
    });
  });
});

describe('how many reports print another form of a name', () => {
  const v = (kind: string | undefined, sources: string[], spelling = 'Takeshi Iwaya') => ({
    spelling,
    ...(kind ? { kind } : {}),
    sources,
  });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

  it.each([
    // [kind, reports printing it, reports naming the person, sentence]
    ['other_order', 3, 3, 'Every report writes it “Takeshi Iwaya”.'],
    ['transliteration', 1, 1, 'The one report that names them writes it “Takeshi Iwaya”.'],
    ['short_form', 2, 2, 'Both reports write it “Takeshi Iwaya”.'],
    ['other_order', 1, 4, 'One report writes it “Takeshi Iwaya”.'],
    ['transliteration', 3, 5, 'Three of the five reports write it “Takeshi Iwaya”.'],
    ['misspelling', 3, 3, 'Every report spells it “Takeshi Iwaya”.'],
    [undefined, 1, 1, 'The one report that names them spells it “Takeshi Iwaya”.'],
    [undefined, 2, 2, 'Both reports spell it “Takeshi Iwaya”.'],
    [undefined, 1, 5, 'One report spells it “Takeshi Iwaya”.'],
    [undefined, 2, 5, 'Two of the five reports spell it “Takeshi Iwaya”.'],
    [undefined, 9, 14, 'Nine of the 14 reports spell it “Takeshi Iwaya”.'],
    [undefined, 10, 14, 'Of the 14 reports, 10 spell it “Takeshi Iwaya”.'],
    [undefined, 12, 14, 'Of the 14 reports, 12 spell it “Takeshi Iwaya”.'],
    [undefined, 10, 10, 'Every report spells it “Takeshi Iwaya”.'],
    // More reports print the form than the person's own sources: still every one.
    [undefined, 3, 2, 'Both reports spell it “Takeshi Iwaya”.'],
  ])('%s in %i of %i reports: %s', (kind, n, of, sentence) => {
    expect(variantNote(v(kind, ids(n)), of, en)).toBe(sentence);
  });

  it('a report listed twice counts once', () => {
    expect(variantNote(v(undefined, ['s1', 's1']), 5, en)).toBe('One report spells it “Takeshi Iwaya”.');
    expect(variantNote(v(undefined, ['s1', 's2', 's1']), 3, en)).toBe(
      'Two of the three reports spell it “Takeshi Iwaya”.',
    );
  });

  it('the name in its own script is tagged with its language; others are not', () => {
    expect(variantNote(v('native_script', ['s1', 's2'], '岩屋毅'), 2, en, 'ja')).toBe(
      'Both reports write it “<span lang="ja">岩屋毅</span>”.',
    );
    expect(variantNote(v('native_script', ['s1', 's2'], '岩屋毅'), 2, en)).toBe('Both reports write it “岩屋毅”.');
    expect(variantNote(v('transliteration', ['s1', 's2'], 'Iwaya Takeshi'), 2, en, 'ja')).toBe(
      'Both reports write it “Iwaya Takeshi”.',
    );
  });

  it('the spelling is escaped for Markdown and its spaces collapsed', () => {
    expect(variantNote(v(undefined, ['s1'], 'Takeshi *Iwaya*'), 1, en)).toBe(
      'The one report that names them spells it “Takeshi \\*Iwaya\\*”.',
    );
    expect(variantNote(v(undefined, ['s1'], 'Takeshi   Iwaya'), 1, en)).toBe(
      'The one report that names them spells it “Takeshi Iwaya”.',
    );
  });
});
