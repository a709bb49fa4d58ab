/**
 * Issue 25, items 4 and 5: wording faults and messages found with a real
 * meeting (the G7 foreign ministers at Niagara, November 2025). Each part
 * builds the G7 fixture with one change, in process where it can, and reads
 * what a reader or a curator would see.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocuments } from '../src/render/render.js';
import { loadTemplates } from '../src/render/templates.js';
import { checkFile } from '../src/run/pipeline.js';
import { UserError } from '../src/shared/diagnostics.js';
import { labelsFor } from '../src/shared/labels.js';
import { buildView } from '../src/view/view.js';
import { ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';

const G7 = join(ROOT, 'test', 'fixtures', 'reports', 'g7-foreign-ministers-niagara-2025-11-11.yaml');
const G7_TEXT = readFileSync(G7, 'utf8');

/** The G7 fixture with exact strings replaced (each found once), written to a temp file. */
function g7With(...changes: [string, string][]): { file: string; text: string } {
  let text = G7_TEXT;
  for (const [find, replace] of changes) {
    expect(text.split(find).length, find).toBe(2);
    text = text.replace(find, replace);
  }
  return { file: writeTemp('g7.yaml', text), text };
}

/** The shipped documents' Markdown for a dataset file, built in process, by document name. */
async function markdown(file: string): Promise<{ memo: string; faq: string; matrix: string }> {
  const set = await loadTemplates(join(ROOT, 'templates'));
  const dataset = await checkFile(file);
  return Object.fromEntries(
    renderDocuments(set, buildView(dataset.data, set.theme)).map((d) => [d.name, d.markdown]),
  ) as { memo: string; faq: string; matrix: string };
}

/** The problems a dataset's check throws, as the CLI would print their first lines. */
async function problems(file: string): Promise<string[]> {
  try {
    await checkFile(file);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.diagnostics.map((d) => `${d.line}:${d.col}: ${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);
  }
  return [];
}

describe('item 5: a ", " inside a value of a flow mapping', () => {
  const meant = '{ id: "yes", word: Defends, meaning: defends the strikes, as lawful }';

  it('is one problem at the key the comma made, with the value as meant in quotes; none of the follow-on schema errors', async () => {
    const { file, text } = g7With(['{ id: "yes", word: Defends, meaning: defends the strikes as lawful }', meant]);
    const found = await problems(file);
    const at = where(text, 'as lawful }');
    expect(found).toEqual([
      `${at.line}:${at.col}: schema/comma-in-flow-value: "as lawful" is read as a key of its own: inside { }, the ", " before it ends the value of "meaning" | a value that contains ", " must be put in quotes inside { }: meaning: "defends the strikes, as lawful"`,
    ]);
  });

  it("with several commas, gives the whole value; an actor's name split the same way", async () => {
    const { file } = g7With(
      ['meaning: defends the strikes as lawful }', 'meaning: defends the strikes, as lawful, in full }'],
      ['{ id: mexico, name: United Mexican States,', '{ id: mexico, name: United Mexican States, Mexico,'],
    );
    const found = await problems(file);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain(
      '"Mexico" is read as a key of its own: inside { }, the ", " before it ends the value of "name" | a value that contains ", " must be put in quotes inside { }: name: "United Mexican States, Mexico"',
    );
    expect(found[1]).toContain('meaning: "defends the strikes, as lawful, in full"');
  });

  it('a key without a value on a line of its own stays an unknown property (no comma made it)', async () => {
    const { file, text } = g7With([
      '    context: Before leaving for the meeting.\n',
      '    context: Before leaving for the meeting.\n    as lawful:\n',
    ]);
    const found = await problems(file);
    const at = where(text, 'as lawful:');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^${at.line}:${at.col}: schema/unknown-property: unknown property "as lawful"`),
    );
  });

  it('the command line: the message at file:line:col, exit 1, nothing written', async () => {
    const { file, text } = g7With(['{ id: "yes", word: Defends, meaning: defends the strikes as lawful }', meant]);
    const out = tempDir();
    const r = await runCli(['--data', file, '--out', out, '--format', 'md', '--quiet']);
    expect(r.code).toBe(1);
    const at = where(text, 'as lawful }');
    expect(r.stderr).toContain(
      `${file}:${at.line}:${at.col}: dimensions[2].categories[0]["as lawful"]: "as lawful" is read as a key of its own`,
    );
    expect(r.stderr).toContain(
      'hint: a value that contains ", " must be put in quotes inside { }: meaning: "defends the strikes, as lawful"',
    );
    expect(r.stderr).not.toMatch(/must be text|anyOf|unknown property/);
    expect(r.stderr).toContain('1 problem;');
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('item 4 (b, c): how many of the sources that name a person print a variant', () => {
  it('"the one report that names them" only when one report does: a variant\'s own source that the person\'s list leaves out counts', async () => {
    const one = await markdown(
      g7With([
        'actor: france, attended: true, sources: [g5] }',
        'actor: france, attended: true, sources: [g5], variants: [{ spelling: Jean-Noel Barrot, sources: [g5] }] }',
      ]).file,
    );
    expect(one.faq).toContain('The one report that names them spells it “Jean-Noel Barrot”.');
    const two = await markdown(
      g7With([
        'actor: france, attended: true, sources: [g5] }',
        'actor: france, attended: true, sources: [g5], variants: [{ spelling: Jean-Noel Barrot, sources: [g6] }] }',
      ]).file,
    );
    expect(two.faq).toContain('One report spells it “Jean-Noel Barrot”.');
    expect(two.faq).not.toContain('The one report that names them');
    // The report that spells it so is cited with the person, so the sentence can be traced.
    const number = (title: string) => new RegExp(`^\\[\\^(\\d+)\\]: “${title}`, 'm').exec(two.faq)![1];
    const line = two.faq.split('\n').find((l) => l.includes('Jean-Noel Barrot'))!;
    expect(line).toContain(`[^${number('G7 diplomats mull')}]`);
    expect(line).toContain(`[^${number('The Substantial Performance')}]`);
  });

  it('"sources", not "reports", when one of them is a ministry\'s release (g3, an official statement)', async () => {
    const { faq } = await markdown(
      g7With([
        'actor: germany, attended: true, sources: [g2, g7] }',
        'actor: germany, attended: true, variants: [{ spelling: Johann David Wadephul, kind: other_order, sources: [g2, g3] }], sources: [g2, g3, g7] }',
      ]).file,
    );
    expect(faq).toContain('Two of the three sources write it “Johann David Wadephul”.');
    expect(faq).not.toContain('reports write it “Johann David Wadephul”');
    // Wire reports only: still "reports" (Faisal's short form in two dpa-AFX reports).
    expect(faq).toContain('Both reports write it “Faisal bin Farhan”.');
  });
});

describe("item 4 (c, d): a discrepancy's heading and counts", () => {
  const discrepancies = `
discrepancies:
  - id: d-denial
    topic: Who asked for the Gaza session
    kind: attribution
    variants:
      - { value: Reuters reported that Germany asked for it, sources: [g6] }
      - { value: The Federal Foreign Office called that false, sources: [g3] }
    resolution: The brief does not say who asked.
    status: unresolved
  - id: d-guests
    topic: How many ministers were invited
    kind: count
    variants:
      - { value: seven, sources: [g1] }
      - { value: eight, sources: [g5, g6] }
    resolution: The brief follows the joint statement.
    status: unresolved
  - id: d-opening
    topic: How the meeting opened
    kind: wording
    variants:
      - { value: a working dinner, sources: [g5] }
      - { value: a session on Ukraine, sources: [g6] }
    resolution: The brief follows the G7 Research Group.
    status: unresolved
`;

  it('a report and a government\'s denial read as a dispute; a count with a statement says "sources differ" and "one source"; reports alone still "reports differ"', async () => {
    const { memo, faq } = await markdown(g7With(['\nevents:\n', `${discrepancies}\nevents:\n`]).file);
    expect(memo).toContain(
      '- **Who asked for the Gaza session: disputed.** Reuters reported that Germany asked for it (one report);',
    );
    expect(memo).toMatch(
      /The Federal Foreign Office called that false \(one source\)\.\[\^\d+\] The brief does not say who asked\./,
    );
    expect(memo).toContain(
      '- **How many ministers were invited: sources differ.** Figures differ: seven (one source);',
    );
    expect(memo).toContain('eight (two reports).');
    expect(memo).toContain('- **How the meeting opened: reports differ.**');
    expect(memo + faq).not.toMatch(/Against that|\(one report\)[^;.]*Federal Foreign Office/);
    expect(faq).toContain('- **How many ministers were invited.** Figures differ: seven (one source);');
  });
});

describe("item 4 (e, f): the matrix's condition notes", () => {
  const LAW = 'Action against illicit activity at sea must follow the law of the sea.';
  const shared = (): [string, string][] => [
    [
      '      caribbean: { value: not_stated }\n  - actor: france',
      `      caribbean: { value: depends, speaker: kallas, condition: "${LAW}", sources: [g6] }\n  - actor: france`,
    ],
    ['short_label: New support', 'short_label: Ukraine'],
    [
      'support: { value: "yes", speaker: tajani, sources: [g4] }',
      'support: { value: "yes", speaker: tajani, condition: Within the EU\'s programmes., sources: [g4] }',
    ],
  ];
  const notes = (md: string) => md.split('\n').filter((l) => /^\[\^\d+\]: /.test(l));
  const refsIn = (md: string, row: string) => md.split('\n').find((l) => l.startsWith(`| **${row}** |`))!;

  it('a condition two cells set is one note naming both, and both cells point to it; a column called like an actor is named as a column', async () => {
    const { matrix } = await markdown(g7With(...shared()).file);
    const law = notes(matrix).filter((l) => l.includes(LAW));
    expect(law).toHaveLength(1);
    expect(law[0]).toMatch(/^\[\^(\d+)\]: EU and Mexico, Caribbean strikes: Action against/);
    const n = /^\[\^(\d+)\]/.exec(law[0]!)![1];
    expect(refsIn(matrix, 'EU')).toContain(`[^${n}] |`);
    expect(refsIn(matrix, 'Mexico')).toContain(`[^${n}] |`);
    expect(notes(matrix).join('\n')).toContain("Italy, in the “Ukraine” column: Within the EU's programmes.");
    // Without the clash, the column's label as the table prints it.
    const plain = await markdown(g7With(shared()[2]!).file);
    expect(notes(plain.matrix).join('\n')).toContain("Italy, New support: Within the EU's programmes.");
  });

  it('one actor setting it in two columns, and actors in different columns, are named in one note', async () => {
    const { matrix } = await markdown(
      g7With(
        [
          '      pressure: { value: not_stated }\n      support: { value: not_stated }\n      caribbean: { value: depends, speaker: fuente,',
          `      pressure: { value: "yes", speaker: fuente, condition: "${LAW}", sources: [g8] }\n      support: { value: not_stated }\n      caribbean: { value: depends, speaker: fuente,`,
        ],
        [
          '      support: { value: not_stated }\n      caribbean: { value: not_stated }\n  - actor: france',
          `      support: { value: "yes", speaker: kallas, condition: "${LAW}", sources: [g6] }\n      caribbean: { value: not_stated }\n  - actor: france`,
        ],
      ).file,
    );
    const law = notes(matrix).filter((l) => l.includes(LAW));
    expect(law).toHaveLength(1);
    expect(law[0]).toContain(': EU, New support; Mexico, Pressure on Russia and Caribbean strikes: Action against');
  });

  it("the PDF's and the DOCX's notes give the shared condition once", async () => {
    const out = tempDir();
    const r = await runCli([
      '--data',
      g7With(...shared()).file,
      '--out',
      out,
      '--only',
      'matrix',
      '--format',
      'pdf,docx',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(out, 'g7', 'matrix.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(text.split('illicit activity at sea').length).toBe(2);
    expect(text).toContain('EU and Mexico, Caribbean strikes: Action against illicit activity at sea');
    expect(text).toContain('Italy, in the “Ukraine” column');
    // The matrix's notes are its Notes section (where {{endnotes}} stands), in the body or as Word's notes.
    const docx = unzipSync(readFileSync(join(out, 'g7', 'matrix.docx')));
    const notesXml = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']
      .map((f) => (docx[f] ? strFromU8(docx[f]) : ''))
      .join(' ')
      .replace(/<[^>]+>/g, '');
    expect(notesXml.split('illicit activity at sea').length).toBe(2);
    expect(notesXml).toContain('EU and Mexico, Caribbean strikes: Action against illicit activity at sea');
  });
});

describe("item 4 (a): a short name's article in a document in another language", () => {
  const remote: [string, string] = [
    '{ id: eu, name: European Union, short_name: EU, kind: organisation, role: participant }',
    '{ id: eu, name: European Union, short_name: EU, kind: organisation, role: participant, delegation: { level: official, remote: true } }',
  ];

  it('an English dataset: "the EU" in English; the bare "EU" (and "United States", not "the United States") in a French document', async () => {
    const data = (await checkFile(g7With(remote).file)).data;
    const set = await loadTemplates(join(ROOT, 'templates'));
    const en = buildView(data, set.theme);
    const fr = buildView(data, set.theme, labelsFor(join(ROOT, 'templates'), 'fr'));
    const eu = (v: typeof en) => v.actors.find((a) => a.id === 'eu')!;
    expect(eu(en).the_short_name).toBe('the EU');
    expect(en.meeting.delegations!.text).toMatch(/one took part by video: the EU\.$/);
    // The dataset's text in a French document is a span in English; the article is gone, the name is not translated.
    expect(eu(fr).the_short_name).toBe('<span lang="en-GB">EU</span>');
    expect(fr.meeting.delegations!.text).toMatch(/une a participé par vidéo : <span lang="en-GB">EU<\/span>\.$/);
    expect(fr.actors.find((a) => a.id === 'usa')!.the_name).toBe('<span lang="en-GB">United States</span>');
    expect(en.actors.find((a) => a.id === 'usa')!.the_name).toBe('the United States');
  });

  it('a dataset in French: no English article by default ("UE", never "the UE"); short_name_in_sentence gives its own form', async () => {
    const fr = g7With(
      ['  language: en-GB\n', '  language: fr\n'],
      ['{ id: eu, name: European Union, short_name: EU,', '{ id: eu, name: Union européenne, short_name: UE,'],
      [
        '{ id: usa, name: United States of America, short_name: United States,',
        '{ id: usa, name: États-Unis d’Amérique, short_name: États-Unis, short_name_in_sentence: les États-Unis,',
      ],
    );
    const data = (await checkFile(fr.file)).data;
    const set = await loadTemplates(join(ROOT, 'templates'));
    const v = buildView(data, set.theme, labelsFor(join(ROOT, 'templates'), 'fr'));
    expect(v.actors.find((a) => a.id === 'eu')!.the_short_name).toBe('UE');
    expect(v.actors.find((a) => a.id === 'usa')!.the_short_name).toBe('les États-Unis');
  });

  it('rendered: a French document of the English dataset prints "EU" among French words, the English one "the EU"', async () => {
    const templates = tempDir();
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(
      join(templates, 'noms.md.hbs'),
      '---\ntitle: Noms\nkind: Liste\nlanguage: fr\n---\n# Participants\n\n{{meeting.delegations.text}}\n\nPays : {{join actors "the_short_name"}}.\n',
    );
    const out = tempDir();
    const r = await runCli([
      '--data',
      g7With(remote).file,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'noms,memo',
      '--format',
      'pdf',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = (name: string) =>
      execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(out, 'g7', `${name}.pdf`), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ');
    expect(pdf('noms')).toContain('une a participé par vidéo : EU.');
    expect(pdf('noms')).toMatch(/Pays : Canada, Egypt, EU, France,/);
    expect(pdf('noms')).not.toMatch(/\bthe (EU|United States)\b/);
    expect(pdf('memo')).toMatch(/\bthe EU\b/);
  });
});
