// Every run of text carries its language (issue 23, item 4): in a French
// document of an English dataset the dataset's words (names, roles, places,
// titles, prose) are English, a quotation is in its own language, a native
// name in its person's, and the template's own words are French. Read back
// with independent readers: pdf.js's structure tree (each element's /Lang and
// the text of its marked content) and the DOCX XML (each run's w:lang).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';
import { docxRuns, pdfRuns } from './support/lang-runs.js';

const NAME = 'multiscript-ministerial-2025-06-12';
const DATA = join(ROOT, 'test', 'fixtures', 'scripts', `${NAME}.yaml`);
const SOURCES = join(ROOT, 'test', 'fixtures', 'scripts', 'sources');

// A French template: its own words are French; everything in {{…}} is the dataset's.
const TEMPLATE = `---
title: "Essai : {{meeting.name}}"
kind: Note de synthèse
language: fr
---
# Qui est qui

{{#each people}}
- Délégué : {{name}} ({{native_name}}), {{role}}.
{{/each}}

## Citations

{{#each quotes}}
- Selon {{speaker.name}} : « {{text}} »
{{/each}}

Réunion tenue à {{meeting.place.text}}.
`;

let out: string;
beforeAll(async () => {
  const templates = join(tempDir('brief-lang-'), 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  writeFileSync(join(templates, 'essai.md.hbs'), TEMPLATE);
  out = tempDir('brief-lang-out-');
  const r = await runCli([
    '--data',
    DATA,
    '--templates',
    templates,
    '--out',
    out,
    '--sources',
    SOURCES,
    '--only',
    'essai',
    '--format',
    'pdf,docx,md',
    '--quiet',
  ]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('a French document of an English dataset: every run in its language', () => {
  it("PDF: names, roles and places are English, the template's words French, a quotation and a native name their own", async () => {
    const runs = await pdfRuns(join(out, NAME, 'essai.pdf'));
    const langOf = (text: string) => runs.filter((r) => r.text.includes(text)).map((r) => r.lang);
    expect(langOf('Qui est qui')).toEqual(['fr']);
    expect(langOf('Délégué')[0]).toBe('fr');
    expect(langOf('Citations')).toEqual(['fr']);
    // The dataset's words: a person's name and role, the place.
    expect(langOf('Noa Levi')).toContain('en-GB');
    expect(langOf('Minister of Transport')).toContain('en-GB');
    expect(langOf('Minister of Transport')).not.toContain('fr');
    // A quotation in its own language, a native name in its person's.
    expect(langOf('日本は海底ケーブル')).toEqual(['ja']);
    expect(langOf('우리는')).toEqual(['ko']);
    expect(langOf('Νίκος')).toEqual(['el']);
    expect(langOf('Олександр')).toEqual(['uk']);
    // No dataset word is left in French.
    for (const name of ['Noa Levi', 'Arjun Sharma', 'Irakli Kobakhidze'])
      expect(
        langOf(name).every((l) => l === 'en-GB'),
        name,
      ).toBe(true);
  });

  it('DOCX: each run says its language in the attribute Word reads for its script', () => {
    const runs = docxRuns(join(out, NAME, 'essai.docx'));
    const langOf = (text: string) => runs.filter((r) => r.text.includes(text)).map((r) => r.lang);
    expect(langOf('Qui est qui')).toEqual(['w:val="fr"']);
    expect(langOf('Délégué :')[0]).toBe('w:val="fr"');
    expect(langOf('Noa Levi').length).toBeGreaterThan(0);
    expect(langOf('Noa Levi').every((l) => l === 'w:val="en-GB"')).toBe(true);
    expect(langOf('Minister of Transport')[0]).toBe('w:val="en-GB"');
    // East Asian and complex-script runs: the language goes in w:eastAsia and w:bidi.
    expect(langOf('日本は海底ケーブル')).toEqual(['w:val="fr" w:eastAsia="ja"']);
    expect(langOf('נועה')).toEqual(['w:val="fr" w:bidi="he"']);
    expect(langOf('अर्जुन')).toEqual(['w:val="fr" w:bidi="hi"']);
    // Every run with text has a language.
    expect(runs.filter((r) => !r.lang && /\p{L}/u.test(r.text))).toEqual([]);
  });

  it('the metadata title has no markup, and the Markdown keeps the spans', () => {
    const md = readFileSync(join(out, NAME, 'essai.md'), 'utf8');
    expect(md).toMatch(
      /Délégué : <span lang="en-GB">Noa Levi<\/span> \(<span lang="he" dir="rtl">נועה לוי<\/span>\), <span lang="en-GB">Minister of Transport<\/span>\./,
    );
    const pdf = readFileSync(join(out, NAME, 'essai.pdf')).toString('latin1');
    expect(pdf).not.toMatch(/<span/);
  });
});
