// The matrix's notes on its cells (src/view/conditions.ts), called in this
// process so that the mutation run (npm run test:mutation) sees them: how a
// note names a column (as a column when an actor has the same name), and one
// note for a condition that several cells set, naming who and which columns.
// Every expected value is written out from the rows below and the labels.
import { describe, expect, it } from 'vitest';
import type { Dataset, Dimension } from '../src/data/types.js';
import { englishLabels, labelsFor } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import type { PositionView } from '../src/view/types.js';
import { columnName, shareConditionNotes } from '../src/view/conditions.js';

const en = englishLabels();
/** Marks what went through the document's prose (escaping, language spans), to show it was applied. */
const prose = (t: string) => `<${t}>`;

describe('a column as a note names it', () => {
  const data = (actors: { name: string; short_name?: string }[]) => ({ actors }) as unknown as Dataset;
  const dim = (label: string, short_label?: string): Dimension => ({
    id: 'd',
    label,
    question: 'Q?',
    categories: [],
    ...(short_label ? { short_label } : {}),
  });

  it('its label (the short one when it has one) when no actor is called that', () => {
    const actors = data([{ name: 'France' }, { name: 'United Kingdom', short_name: 'UK' }]);
    expect(columnName(actors, en, dim('Troops'), prose)).toBe('<Troops>');
    expect(columnName(actors, en, dim('Troops on the ground', 'Troops'), prose)).toBe('<Troops>');
  });

  it("as a column when an actor's name or short name is the label, letter case and spaces aside", () => {
    const actors = data([{ name: 'France' }, { name: 'Ukraine' }, { name: 'United Kingdom', short_name: ' uk ' }]);
    expect(columnName(actors, en, dim('Ukraine'), prose)).toBe('in the “<Ukraine>” column');
    expect(columnName(actors, en, dim('UKRAINE '), prose)).toBe('in the “<UKRAINE >” column');
    expect(columnName(actors, en, dim('United Kingdom', 'UK'), prose)).toBe('in the “<UK>” column');
    // The full label is not what the table prints when there is a short one.
    expect(columnName(actors, en, dim('France', 'Paris'), prose)).toBe('<Paris>');
  });

  it('in French', () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    expect(columnName(data([{ name: 'Ukraine' }]), fr, dim('Ukraine'), prose)).toBe('colonne « <Ukraine> »');
  });
});

describe('one note for a condition several cells set', () => {
  type Cell = PositionView['cells'][number];
  /** Rows in table order: each actor's short name and its cells' columns and conditions (null: none). */
  const rows = (spec: [string, [string, string | null][]][]): PositionView[] =>
    spec.map(
      ([actor, cells]) =>
        ({
          actor: { short_name: actor },
          cells: cells.map(
            ([dim, condition]) =>
              ({
                dimension: { id: dim },
                condition,
                condition_note: condition === null ? null : `own note: ${condition}`,
              }) as unknown as Cell,
          ),
        }) as unknown as PositionView,
    );
  const COLUMNS: Record<string, string> = {
    strikes: 'Caribbean strikes',
    pressure: 'Pressure on Russia',
    support: 'New support',
  };
  const column = (id: string) => COLUMNS[id]!;
  const notes = (rs: PositionView[]) => rs.map((r) => [r.actor.short_name, r.cells.map((c) => c.condition_note)]);

  it('actors that set it in the same column are named together; a condition set once keeps its own note', () => {
    const rs = rows([
      [
        'France',
        [
          ['strikes', 'if lawful'],
          ['pressure', 'with the EU'],
        ],
      ],
      [
        'Germany',
        [
          ['strikes', 'if lawful'],
          ['pressure', null],
        ],
      ],
      [
        'Italy',
        [
          ['strikes', 'if lawful'],
          ['pressure', 'once'],
        ],
      ],
    ]);
    shareConditionNotes(rs, column, en);
    expect(notes(rs)).toEqual([
      ['France', ['France, Germany and Italy, Caribbean strikes: if lawful', 'own note: with the EU']],
      ['Germany', ['France, Germany and Italy, Caribbean strikes: if lawful', null]],
      ['Italy', ['France, Germany and Italy, Caribbean strikes: if lawful', 'own note: once']],
    ]);
  });

  it('one actor that sets it in several columns: the actor once, its columns in table order', () => {
    const rs = rows([
      [
        'Mexico',
        [
          ['strikes', null],
          ['pressure', 'if the UN agrees'],
          ['support', 'if the UN agrees'],
        ],
      ],
    ]);
    shareConditionNotes(rs, column, en);
    expect(notes(rs)).toEqual([
      [
        'Mexico',
        [
          null,
          'Mexico, Pressure on Russia and New support: if the UN agrees',
          'Mexico, Pressure on Russia and New support: if the UN agrees',
        ],
      ],
    ]);
  });

  it('actors in different columns: each with its own, separated by semicolons', () => {
    const rs = rows([
      [
        'France',
        [
          ['pressure', 'after a ceasefire'],
          ['support', null],
        ],
      ],
      [
        'Germany',
        [
          ['pressure', null],
          ['support', 'after a ceasefire'],
        ],
      ],
      [
        'Spain',
        [
          ['pressure', 'after a ceasefire'],
          ['support', 'after a ceasefire'],
        ],
      ],
    ]);
    shareConditionNotes(rs, column, en);
    const note =
      'France, Pressure on Russia; Germany, New support; Spain, Pressure on Russia and New support: after a ceasefire';
    expect(notes(rs)).toEqual([
      ['France', [note, null]],
      ['Germany', [null, note]],
      ['Spain', [note, note]],
    ]);
  });

  it('two columns of three actors and one of a fourth, in French', () => {
    const fr = labelsFor(DEFAULT_TEMPLATES, 'fr');
    const rs = rows([
      [
        'France',
        [
          ['strikes', 'c'],
          ['support', 'c'],
        ],
      ],
      [
        'Italie',
        [
          ['strikes', 'c'],
          ['support', 'c'],
        ],
      ],
      [
        'Malte',
        [
          ['strikes', 'c'],
          ['support', 'c'],
        ],
      ],
      [
        'Suède',
        [
          ['strikes', null],
          ['support', 'c'],
        ],
      ],
    ]);
    shareConditionNotes(rs, column, fr);
    const note = 'France, Italie et Malte, Caribbean strikes et New support; Suède, New support: c';
    expect(notes(rs)).toEqual([
      ['France', [note, note]],
      ['Italie', [note, note]],
      ['Malte', [note, note]],
      ['Suède', [null, note]],
    ]);
  });
});
