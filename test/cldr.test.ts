// Measured with CLDR's own data (issue 23, item 6): every main and
// punctuation exemplar character of every locale at CLDR's `modern` coverage
// level written in a script Brief ships fonts for goes into names and
// quotations; `--check` must accept them, every character must be drawn by an
// embedded font that has it (mupdf's trace: no glyph 0, and the character in
// a glyph's text or an embedded font's character map), and pdftotext must give
// each name and quotation back in logical order. `npm test` runs a subset
// (one locale or two per script, the large Chinese, Japanese and Korean sets
// left out); `npm run cldr` runs every modern locale (about a minute).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawnCharacters, entriesOf, findings, modernSamples, writeSampleDataset, type Finding, type Sample } from './support/cldr.js';
import { ROOT, runCli, tempDir, tool } from './helpers.js';

const ALL = process.env.BRIEF_CLDR === 'all';
const SUBSET = ['en', 'fr', 'de', 'vi', 'pl', 'tr', 'gd', 'el', 'ru', 'uk', 'hy', 'ka', 'am', 'bn', 'hi', 'si', 'ta', 'th', 'lo', 'km', 'my', 'ar', 'he'];

/**
 * The modern locales whose text does not come back from pdftotext in logical order, and why (README,
 * "Fonts and scripts"): Arabic script and Hebrew. Text is drawn in visual order with each glyph's
 * characters, and poppler puts a haraka before its letter and moves neutral punctuation in right-to-left
 * lines. (Chinese, Japanese, Korean and Scottish Gaelic were here until a glyph a font shares between two
 * characters, ・ and ·, ～ and 〜, got the character it stands for as ActualText.)
 */
const OUT_OF_ORDER = new Set([
  'ar', 'ar-AE', 'ar-BH', 'ar-DJ', 'ar-DZ', 'ar-EG', 'ar-EH', 'ar-ER', 'ar-IL', 'ar-IQ', 'ar-JO', 'ar-KM', 'ar-KW', 'ar-LB', 'ar-LY', 'ar-MA', 'ar-MR',
  'ar-OM', 'ar-PS', 'ar-QA', 'ar-SA', 'ar-SD', 'ar-SO', 'ar-SS', 'ar-SY', 'ar-TD', 'ar-TN', 'ar-YE', 'fa', 'fa-AF', 'kk-Arab', 'ps', 'ps-PK', 'sd', 'sd-Arab',
  'ur', 'ur-IN', 'he',
]);

const { samples: every, otherScripts } = modernSamples();
const samples: Sample[] = ALL ? every : every.filter((s) => s.locales.some((l) => SUBSET.includes(l)));
const entries = samples.flatMap(entriesOf);
let check: { code: number; stderr: string };
let found: Finding[];
let notdef: number;

beforeAll(async () => {
  const dir = tempDir('brief-cldr-');
  const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'scripts', 'multiscript-ministerial-2025-06-12.yaml'), 'utf8');
  const { data, sources, templates } = writeSampleDataset(fixture, entries, dir, 'cldr-samples');
  check = await runCli(['--data', data, '--sources', sources, '--templates', templates, '--check']);
  const out = join(dir, 'out');
  const r = await runCli(['--data', data, '--sources', sources, '--templates', templates, '--out', out, '--only', 'samples', '--format', 'pdf', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const pdf = join(out, 'cldr-samples', 'samples.pdf');
  const drawn = drawnCharacters(pdf, tool('mutool'));
  notdef = drawn.notdef;
  found = findings(entries, execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }), drawn.has);
}, 600_000);

describe(`CLDR exemplars of ${ALL ? 'every' : 'a subset of the'} modern locale${ALL ? 's' : 's'} (${samples.reduce((n, s) => n + s.locales.length, 0)} locales, ${samples.length} distinct sets)`, () => {
  it('the measured set is what CLDR says: modern locales in Brief\'s scripts, the rest named', () => {
    expect(every.length).toBeGreaterThan(90);
    expect(every.reduce((n, s) => n + s.locales.length, 0)).toBeGreaterThan(400);
    // Modern locales in scripts Brief ships no font for (Gujarati, Kannada, Malayalam, Odia, Gurmukhi, Telugu, Cherokee).
    expect(otherScripts.map((l) => l.split(' ')[0]).sort()).toEqual(['chr', 'gu', 'kn', 'ml', 'or', 'pa', 'pa-Guru', 'te']);
    for (const l of SUBSET) expect(samples.some((s) => s.locales.includes(l)), l).toBe(true);
  });

  it('--check accepts every exemplar in names and quotations', () => {
    expect(check.code, check.stderr).toBe(0);
  });

  it('every character is drawn by an embedded font that has it: no .notdef', () => {
    expect(notdef).toBe(0);
    expect(found.filter((f) => f.missing.length).map((f) => `${f.entry.sample.locales[0]} ${f.kind}: ${f.missing.join(' ')}`)).toEqual([]);
  });

  it('pdftotext gives every name and quotation back in logical order, except the locales the README names', () => {
    const wrong = new Set(found.filter((f) => !f.order).flatMap((f) => f.entry.sample.locales));
    const expected = new Set(samples.flatMap((s) => s.locales).filter((l) => OUT_OF_ORDER.has(l)));
    expect([...wrong].sort()).toEqual([...expected].sort());
  });
});
