// One dataset, several audiences (--audience): the fixture with three
// markings and three audiences is built for each, with numbered copies and
// against an earlier version in which the secret claim was not yet marked
// (--since, tracked changes). Then, as an attacker would, every file of each
// audience is read every way it can be read (the PDF's text, its raw objects
// with their strings decoded, Info and XMP; every part of the DOCX, with
// tracked deletions and properties; Markdown and its front matter; the
// registers) and searched for every string and id of every item the
// audience may not see. A control proves each reading sees those strings
// where they are allowed: in the minister's variant.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from './support/ooxml.js';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../src/data/types.js';
import { ROOT, runCli, tempDir, tool, tree, where, writeTemp } from './helpers.js';

const NAME = 'north-sea-energy-ministerial-2025-03-12';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'audiences', `${NAME}.yaml`);
const TEXT = readFileSync(FIXTURE, 'utf8');
const DATA = parseYaml(TEXT) as Dataset;
const LEVEL: Record<string, number> = { press: 0, partners: 1, minister: 2 };
const MARKINGS = ['official', 'official_sensitive', 'secret'];

/** The earlier version: the secret claim not yet marked (so it was in every audience's earlier brief), and one claim not yet written. */
const EARLIER = TEXT.replace('sources: [s-assessment], marking: secret }', 'sources: [s-press] }').replace(
  /  - \{ id: c-funding-june.*\n/,
  '',
);

/** Fields that name another item, or a word from a closed list: not an item's own words. */
const NOT_OWN = new Set([
  'topic',
  'kind',
  'actor',
  'speaker',
  'sources',
  'claims',
  'marking',
  'relation',
  'when',
  'date',
  'lang',
  'country',
  'raised_by',
  'convener',
  'person',
  'key_quote',
  'value',
  'qualifier',
  'date_basis',
  'reliability',
  'translation_by',
  'translation_source',
  'native_lang',
  'key',
  'attended',
]);

function ownStrings(value: unknown, out: [string, string][] = [], key = ''): [string, string][] {
  if (NOT_OWN.has(key)) return out;
  if (typeof value === 'string') out.push([key, value]);
  else if (Array.isArray(value)) value.forEach((v) => ownStrings(v, out, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) ownStrings(v, out, k);
  return out;
}

/** Every string and id of every item above `level`: what an audience at that level must never get. */
function secretsAbove(level: number): { item: string; needle: string; field?: string }[] {
  const rank = (m: string | undefined) => MARKINGS.indexOf(m ?? DATA.brief.marking ?? 'official');
  const out: { item: string; needle: string; field?: string }[] = [];
  for (const section of [
    'sources',
    'people',
    'positions',
    'quotes',
    'claims',
    'open_questions',
    'events',
    'discrepancies',
  ] as const) {
    for (const item of (DATA[section] ?? []) as { id?: string; actor?: string; marking?: string }[]) {
      if (rank(item.marking) <= level) continue;
      const label = `${section}/${item.id ?? item.actor}`;
      if (item.id) out.push({ item: label, needle: item.id });
      for (const [field, s] of ownStrings(item)) if (s !== item.id) out.push({ item: label, needle: s, field });
    }
  }
  DATA.brief.summary?.forEach(
    (p, i) => rank(p.marking) > level && out.push({ item: `summary/${i + 1}`, needle: p.text, field: 'text' }),
  );
  return out;
}

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** A PDF every way it reads: its text, and its objects uncompressed with every string decoded (Info, XMP, tags, bookmarks, links). */
function readPdf(file: string): string {
  const text = execFileSync(tool('pdftotext'), [file, '-'], { encoding: 'utf8' });
  const qdf = join(tempDir('brief-qdf-'), 'x.pdf');
  execFileSync(tool('qpdf'), ['--qdf', '--object-streams=disable', '--decode-level=all', file, qdf]);
  const raw = readFileSync(qdf).toString('latin1');
  const hex = [...raw.matchAll(/<FEFF([0-9A-Fa-f\s]*)>/g)].map((m) =>
    Buffer.from(m[1]!.replace(/\s/g, ''), 'hex').swap16().toString('utf16le'),
  );
  const literal = [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\([()\\])/g, '$1'));
  const utf8 = readFileSync(qdf).toString('utf8');
  return [text, raw, utf8, ...hex, ...literal].join('\n');
}

/** A DOCX every way it reads: every part, raw and with its tags taken out (tracked deletions, notes, comments, properties included). */
function readDocx(file: string): string {
  const parts = unzipSync(readFileSync(file));
  return Object.entries(parts)
    .map(([name, bytes]) => {
      const xml = strFromU8(bytes);
      return `${name}\n${xml}\n${xml
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")}`;
    })
    .join('\n');
}

function read(file: string): string {
  if (file.endsWith('.pdf')) return readPdf(file);
  if (file.endsWith('.docx')) return readDocx(file);
  return readFileSync(file, 'utf8');
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** What one audience's folder holds, every file read, normalised. */
function audienceText(out: string, audience: string): Map<string, string> {
  return new Map(files(join(out, NAME, audience)).map((f) => [f, norm(read(f))]));
}

function hits(texts: Map<string, string>, secrets: { item: string; needle: string }[]): string[] {
  const found: string[] = [];
  for (const { item, needle } of secrets) {
    for (const [file, text] of texts)
      if (text.includes(norm(needle))) found.push(`${item}: ${JSON.stringify(needle)} in ${file}`);
  }
  return found;
}

/**
 * A user's template that prints everything the view holds, ids and file
 * names included: a variant must leave the items out of the view itself, not
 * only out of what the shipped templates happen to print.
 */
const EVERYTHING = `---
title: Everything
kind: Dump
orientation: portrait
---
# Everything

{{#each sources}}
- {{id}} {{file}} {{title}} {{dateline}}
{{/each}}
{{#each people}}
- {{id}} {{name}} {{role}}
{{/each}}
{{#each quotes}}
- {{id}} {{text}} {{context}}
{{/each}}
{{#each claims}}
- {{id}} {{text}}
{{/each}}
{{#each positions}}
- {{summary}}{{#each cells}} {{condition}}{{/each}}
{{/each}}
{{#each open_questions}}
- {{id}} {{question}} {{detail}}
{{/each}}
{{#each events}}
- {{id}} {{name}} {{summary}}
{{/each}}
{{#each brief.summary}}
- {{text}}
{{/each}}
`;

describe('audience variants leak nothing', () => {
  let out: string;
  const texts = new Map<string, Map<string, string>>();
  beforeAll(async () => {
    out = tempDir();
    const templates = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(join(templates, 'everything.md.hbs'), EVERYTHING);
    const recipients = writeTemp('recipients.yaml', '- name: Jane Doe\n  organisation: Ministry of Energy\n');
    const earlier = writeTemp('earlier.yaml', EARLIER);
    const r = await runCli([
      '--data',
      FIXTURE,
      '--out',
      out,
      '--templates',
      templates,
      '--audience',
      'all',
      '--since',
      earlier,
      '--track-changes',
      '--recipients',
      recipients,
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const a of Object.keys(LEVEL)) texts.set(a, audienceText(out, a));
  }, 240_000);

  it('writes each audience its own folder, with the changes document, tracked DOCX, copies and registers', () => {
    for (const a of Object.keys(LEVEL)) {
      const names = tree(join(out, NAME, a));
      for (const f of [
        'memo.pdf',
        'memo.docx',
        'memo.md',
        'changes.pdf',
        'changes.docx',
        'changes.md',
        'copies/distribution-register.csv',
        'copies/distribution-register.md',
      ])
        expect(names).toContain(f);
    }
    // Without --audience nothing is written beside them.
    expect(readdirSync(join(out, NAME)).sort()).toEqual(['minister', 'partners', 'press']);
  });

  for (const [audience, level] of Object.entries(LEVEL)) {
    it(`${audience}: no string or id of an item marked above its level, in any file`, () => {
      const secrets = secretsAbove(level);
      if (level < 2) expect(secrets.length).toBeGreaterThan(5);
      expect(hits(texts.get(audience)!, secrets)).toEqual([]);
    });
  }

  it("the reading sees what it looks for: each left-out string is found in the minister's variant, in every format", () => {
    const minister = texts.get('minister')!;
    // Every string of the secret claim, in the PDF (text), the DOCX and the Markdown of the memo.
    for (const ext of ['pdf', 'docx', 'md']) {
      const text = minister.get(join(out, NAME, 'minister', `memo.${ext}`))!;
      expect(text, ext).toContain(
        norm('A hostile service surveyed the Tjæreborg converter station from a fishing vessel in January.'),
      );
      expect(text, ext).toContain(norm('Joint assessment JA-25-031: survey activity near Tjæreborg converter'));
    }
    // Every left-out string and id is somewhere in the minister's files (the everything template prints them all).
    const words = secretsAbove(0);
    expect(words.length).toBeGreaterThan(20);
    const missing = words.filter(({ needle }) => ![...minister.values()].some((t) => t.includes(norm(needle))));
    expect(missing).toEqual([]);
  });

  it('the variants are valid files: the tracked DOCX by the OOXML validator, the PDFs by qpdf --check', async () => {
    // The memo's DOCX carries tracked changes against the earlier version (the validator is slow: one file).
    expect(
      await validate(new Uint8Array(readFileSync(join(out, NAME, 'press', 'memo.docx'))), 'docx', 'Microsoft365'),
    ).toEqual([]);
    for (const d of ['memo', 'matrix', 'changes'])
      execFileSync(tool('qpdf'), ['--check', join(out, NAME, 'press', `${d}.pdf`)]);
  }, 60_000);

  it('bands: each document shows the highest marking it holds, on every page', () => {
    const band = (a: string) =>
      execFileSync(tool('pdftotext'), [join(out, NAME, a, 'memo.pdf'), '-'], { encoding: 'utf8' });
    expect(band('press')).toContain('OFFICIAL');
    expect(band('press')).not.toContain('OFFICIAL-SENSITIVE');
    expect(band('partners')).toContain('OFFICIAL-SENSITIVE');
    expect(band('partners')).not.toContain('SECRET');
    expect(band('minister')).toContain('SECRET');
    // Per document: the minister's matrix holds positions marked OFFICIAL-SENSITIVE at most, so it says so, while the memo beside it is SECRET.
    const first = (a: string, d: string) => readFileSync(join(out, NAME, a, `${d}.md`), 'utf8').split('\n')[0];
    expect(['memo', 'faq', 'matrix', 'changes'].map((d) => first('minister', d))).toEqual([
      '**SECRET**',
      '**SECRET**',
      '**OFFICIAL-SENSITIVE**',
      '**SECRET**',
    ]);
    expect(['memo', 'faq', 'matrix'].map((d) => first('press', d))).toEqual([
      '**OFFICIAL**',
      '**OFFICIAL**',
      '**OFFICIAL**',
    ]);
    expect(readFileSync(join(out, NAME, 'press', 'memo.md'), 'utf8')).toMatch(/^\*\*OFFICIAL\*\*$/m);
  });
});

describe('audiences: bad input', () => {
  /** Runs the fixture with one change; checks the message, its place, exit 1 and that out/ is untouched. */
  async function bad(find: string, replace: string, args: string[] = ['--audience', 'all']) {
    const at = TEXT.indexOf(find);
    expect(at, find).toBeGreaterThanOrEqual(0);
    const text = TEXT.slice(0, at) + replace + TEXT.slice(at + find.length);
    const dir = tempDir();
    const file = join(dir, `${NAME}.yaml`);
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const r = await runCli(['--data', file, '--out', out, '--format', 'md', ...args]);
    expect(r.code).toBe(1);
    expect(existsSync(out) ? tree(out) : []).toEqual([]);
    return { ...r, text, file };
  }

  it('an unknown marking on an item: its place and the marking meant', async () => {
    const r = await bad(
      'sources: [s-telegram], marking: official_sensitive }\n  - { id: c-dutch',
      'sources: [s-telegram], marking: official_sensitiv }\n  - { id: c-dutch',
    );
    const { line, col } = where(r.text, 'official_sensitiv }');
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: claims[2].marking: marking "official_sensitiv" is not a marking: vocabulary.markings has official, official_sensitive, secret`,
    );
    expect(r.stderr).toContain('did you mean "official_sensitive"?');
  });

  it('an audience whose up_to is not a marking', async () => {
    const r = await bad('up_to: official_sensitive }', 'up_to: oficial_sensitive }');
    const { line, col } = where(r.text, 'up_to: oficial_sensitive }', 'up_to: '.length);
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: audiences[1].up_to: audience "partners": up_to "oficial_sensitive" is not a marking`,
    );
    expect(r.stderr).toContain('did you mean "official_sensitive"?');
  });

  it('a bottom-line point marked lower than a claim it cites', async () => {
    const r = await bad(
      '      marking: secret\n      claims: [c-scouting]',
      '      marking: official_sensitive\n      claims: [c-scouting]',
    );
    const { line, col } = where(r.text, 'official_sensitive\n      claims: [c-scouting]');
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: brief.summary[2].marking: bottom-line point 3 is marked OFFICIAL-SENSITIVE but draws on claim "c-scouting", marked SECRET`,
    );
    expect(r.stderr).toContain('mark it "secret" (or higher)');
  });

  it("an unmarked point (the dataset's default) citing a marked claim is placed at the claim it cites", async () => {
    const r = await bad('      marking: secret\n      claims: [c-scouting]', '      claims: [c-scouting]');
    const { line, col } = where(r.text, '[c-scouting]\n\nmeeting');
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: brief.summary[2].claims: bottom-line point 3 is marked OFFICIAL but draws on claim "c-scouting"`,
    );
  });

  it('an item whose every source is marked above it', async () => {
    const r = await bad(
      'sources: [s-telegram], marking: official_sensitive }\n  - { id: c-dutch',
      'sources: [s-telegram] }\n  - { id: c-dutch',
    );
    expect(r.stderr).toMatch(
      /claims\[2\]\.sources: claim "c-norway-share" is marked OFFICIAL but every source it cites is marked higher/,
    );
  });

  it("an audience cleared below the dataset's own marking (which the meeting and every unmarked item carry)", async () => {
    const r = await bad('  marking: official\n', '  marking: official_sensitive\n');
    const { line, col } = where(r.text, 'up_to: official }', 'up_to: '.length);
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: audiences[0].up_to: audience "press" is cleared up to OFFICIAL, below the dataset's marking OFFICIAL-SENSITIVE (brief.marking)`,
    );
  });

  it("a meeting whose every source is marked above the dataset's marking", async () => {
    const r = await bad('  sources: [s-press, s-comm]\n\nsources:', '  sources: [s-telegram]\n\nsources:');
    const { line, col } = where(r.text, '[s-telegram]\n\nsources:');
    expect(r.stderr).toContain(
      `${NAME}.yaml:${line}:${col}: meeting.sources: the meeting (at the dataset's marking) is marked OFFICIAL but every source it cites is marked higher`,
    );
  });

  it('--audience with an id the dataset does not have', async () => {
    const r = await bad('', '', ['--audience', 'parners']);
    expect(r.stderr).toContain(
      `--audience "parners": the dataset has no such audience (it has press, partners, minister)`,
    );
    expect(r.stderr).toContain('did you mean "partners"?');
    expect(r.stderr).toMatch(new RegExp(`${NAME}\\.yaml:${where(r.text, 'audiences:').line}:1: `));
  });

  it('a marking on a dataset that declares none', async () => {
    const r = await bad(
      '  markings:\n    - { id: official, word: OFFICIAL, portion: O }\n    - { id: official_sensitive, word: OFFICIAL-SENSITIVE, portion: OS }\n    - { id: secret, word: SECRET, portion: S }\n',
      '  topics: [{ id: meeting, heading: The meeting }]\n',
      [],
    );
    expect(r.stderr).toContain('marking "official" is not declared: the dataset has no vocabulary.markings');
  });
});

describe('portion markings', () => {
  let out: string;
  let plain: string;
  beforeAll(async () => {
    // The theme asks for them; the memo's front matter alone asks in a second folder.
    const themed = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), themed, { recursive: true });
    writeFileSync(
      join(themed, 'theme.yaml'),
      `${readFileSync(join(ROOT, 'templates', 'theme.yaml'), 'utf8')}\nportion_markings: true\n`,
    );
    out = tempDir();
    expect(
      (
        await runCli([
          '--data',
          FIXTURE,
          '--templates',
          themed,
          '--out',
          out,
          '--audience',
          'partners',
          '--format',
          'md',
          '--quiet',
        ])
      ).code,
    ).toBe(0);
    const fronted = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), fronted, { recursive: true });
    writeFileSync(
      join(fronted, 'memo.md.hbs'),
      readFileSync(join(fronted, 'memo.md.hbs'), 'utf8').replace(/^---\n/, '---\nportion_markings: true\n'),
    );
    plain = tempDir();
    expect(
      (
        await runCli([
          '--data',
          FIXTURE,
          '--templates',
          fronted,
          '--out',
          plain,
          '--audience',
          'partners',
          '--format',
          'md',
          '--quiet',
        ])
      ).code,
    ).toBe(0);
  }, 120_000);
  const md = (dir: string, doc: string) => readFileSync(join(dir, NAME, 'partners', `${doc}.md`), 'utf8');

  it('starts each paragraph, list item, note and table cell with the marking of what it holds', () => {
    const memo = md(out, 'memo');
    expect(memo).toContain('- (O) Four North Sea states agreed to set up a joint monitoring centre');
    expect(memo).toContain('- (OS) Norway is ready to pay a large share of the centre');
    // A list of positions names Norway, whose position is marked: the whole item is.
    expect(memo).toMatch(/^- \(OS\) \*\*Funding:\*\*/m);
    expect(memo).toMatch(/^\[\^\d+\]: \(OS\) “Embassy Oslo telegram 114/m);
    expect(memo).toMatch(/^\(O\) Ministers from four states met/m);
    const matrix = md(out, 'matrix');
    const row = (actor: string) => matrix.split('\n').find((l) => l.startsWith(`| (O`) && l.includes(`**${actor}**`))!;
    expect(
      row('Norway')
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().split(' ')[0]),
    ).toEqual(['(OS)', '(OS)', '(OS)', '']);
    expect(
      row('Denmark')
        .split('|')
        .slice(1, -1)
        .every((c) => c.trim().startsWith('(O) ')),
    ).toBe(true);
    // Every paragraph and list item of the body is marked.
    const body = memo.split('\n').filter((l) => /^(- |[A-Z(])/.test(l));
    expect(body.length).toBeGreaterThan(8);
    expect(body.filter((l) => !/^(- )?\(OS?\) /.test(l))).toEqual([]);
  });

  it('only where asked: the template that asks, not the others; not without a theme or template asking', () => {
    expect(md(plain, 'memo')).toContain('- (OS) Norway is ready to pay');
    expect(md(plain, 'faq')).not.toMatch(/\(OS?\) /);
    expect(md(plain, 'matrix')).not.toMatch(/\(OS?\) /);
  });

  it('a dataset that declares no markings is not changed by portion_markings', async () => {
    const themed = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), themed, { recursive: true });
    writeFileSync(
      join(themed, 'theme.yaml'),
      `${readFileSync(join(ROOT, 'templates', 'theme.yaml'), 'utf8')}\nportion_markings: true\n`,
    );
    const [a, b] = [tempDir(), tempDir()];
    const roundtable = join(ROOT, 'test', 'fixtures', 'fictional-roundtable-2024-11-05.yaml');
    expect(
      (await runCli(['--data', roundtable, '--templates', themed, '--out', a, '--format', 'md', '--quiet'])).code,
    ).toBe(0);
    expect((await runCli(['--data', roundtable, '--out', b, '--format', 'md', '--quiet'])).code).toBe(0);
    for (const d of ['memo', 'faq', 'matrix'])
      expect(readFileSync(join(a, 'fictional-roundtable-2024-11-05', `${d}.md`), 'utf8')).toBe(
        readFileSync(join(b, 'fictional-roundtable-2024-11-05', `${d}.md`), 'utf8'),
      );
  });
});
