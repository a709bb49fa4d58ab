// Who a quotation is by and how its translation is glossed (src/view/speakers.ts),
// called in this process so that the mutation run (npm run test:mutation)
// sees it: an actor (a ministry, a joint statement) standing where a person
// would, and the gloss printed after the speaker, "our translation" or
// "translated by" the outlet that translated it. Every expected value is
// written out from the data below and the English labels.
import { describe, expect, it } from 'vitest';
import type { Dataset, Quote, Source } from '../src/data/types.js';
import { englishLabels, labelsFor } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import type { ActorView } from '../src/view/types.js';
import { actorAsSpeaker, glossOf } from '../src/view/speakers.js';

const en = englishLabels();

describe("an actor as a quotation's speaker", () => {
  it("its short name wherever a person's name would go; no role, native name, sources or variants; not at the meeting", () => {
    const stmt = {
      id: 'stmt',
      name: 'Joint statement of the leaders',
      the_name: 'the joint statement',
      the_names: "the joint statement's",
      short_name: 'Joint statement',
      the_short_name: 'the joint statement',
      kind: 'document',
      iso: null,
      role: 'participant',
      role_word: 'participant',
      note: null,
      delegation: null,
      native_name: null,
    } satisfies ActorView;
    expect(actorAsSpeaker(stmt)).toEqual({
      id: 'stmt',
      name: 'Joint statement',
      native_name: null,
      role: '',
      actor: stmt,
      attended: false,
      remote: false,
      sources: [],
      variants: [],
      native_name_sources: [],
      sort_as: 'Joint statement',
      short_reference: null,
      after_first: 'Joint statement',
      title: 'Joint statement',
      described: 'the joint statement',
      name_order: 'given_first',
    });
  });
});

describe("a quotation's gloss", () => {
  const SOURCES: Source[] = [
    { id: 'reu', file: 'r.txt', title: 'Leaders meet', kind: 'news', outlet: 'Reuters' },
    { id: 'gov', file: 'g.txt', title: 'Statement of the *Ministry*', kind: 'official' },
  ];
  const data = { sources: SOURCES } as unknown as Dataset;
  const quote = (more: Partial<Quote>): Quote =>
    ({
      id: 'q',
      speaker: 'p',
      text: 'Wir sind bereit.',
      context: 'c',
      sources: ['reu'],
      lang: 'de',
      translation: 'We are *ready*.',
      ...more,
    }) as Quote;

  it('translated by a source: its outlet, or its title when it has none, each escaped for Markdown', () => {
    expect(glossOf(quote({ translation_by: 'source', translation_source: 'reu' }), data, en)).toBe(
      'translated by Reuters: “We are \\*ready\\*.”',
    );
    expect(glossOf(quote({ translation_by: 'source', translation_source: 'gov' }), data, en)).toBe(
      'translated by Statement of the \\*Ministry\\*: “We are \\*ready\\*.”',
    );
  });

  it('translated by the curator: "our translation", even when a translation source is named', () => {
    expect(glossOf(quote({ translation_by: 'curator' }), data, en)).toBe('our translation: “We are \\*ready\\*.”');
    expect(glossOf(quote({ translation_by: 'curator', translation_source: 'reu' }), data, en)).toBe(
      'our translation: “We are \\*ready\\*.”',
    );
  });

  it("a source translation whose source is not among the sources reads as the curator's", () => {
    expect(glossOf(quote({ translation_by: 'source', translation_source: 'gone' }), data, en)).toBe(
      'our translation: “We are \\*ready\\*.”',
    );
  });

  it("in French: the labels' words, quotation marks and narrow no-break spaces", () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    expect(glossOf(quote({ translation_by: 'source', translation_source: 'reu' }), data, fr)).toBe(
      'traduit par Reuters\u202f: «\u202fWe are \\*ready\\*.\u202f»',
    );
    expect(glossOf(quote({ translation_by: 'curator' }), data, fr)).toBe(
      'notre traduction\u202f: «\u202fWe are \\*ready\\*.\u202f»',
    );
  });
});
