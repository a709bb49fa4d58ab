// Web addresses break cleanly in DOCX as in PDF (issue 28 item 4): after a
// slash and before . ? # & = and -, never right after a hyphen, so that no
// line ends at a hyphen as if a word were hyphenated there. The DOCX gets
// zero-width spaces at those points and a word joiner after each hyphen
// (src/writers/docx/urls.ts); read back from its XML, and as LibreOffice lays it out.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../src/render/templates.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { breakableUrls, WORD_JOINER, ZWSP } from '../src/writers/docx/urls.js';
import { urlBreaks } from '../src/writers/text/breaks.js';
import { loadFonts } from '../src/writers/text/fonts.js';
import { parse, ROOT, tempDir, tool } from './helpers.js';

const LONG =
  'https://www.example-news-service.org/world/2025/04/coalition-of-the-willing-targets-the-energy-grid-reconstruction-and-monitoring-mission-for-the-coming-winter-months?ref=brief&id=42#section-two';
const SHORT = 'https://example.org/a-b/c.d?e=f&g=h#i';
const bare = (s: string) => s.replaceAll(ZWSP, '').replaceAll(WORD_JOINER, '');

describe('breakableUrls', () => {
  it("puts a zero-width space at exactly the PDF's break points and a word joiner after each hyphen and question mark, and nothing else", () => {
    const out = breakableUrls(SHORT);
    expect(bare(out)).toBe(SHORT);
    const at: number[] = [];
    let k = 0;
    for (const ch of out) {
      if (ch === ZWSP) at.push(k);
      else if (ch !== WORD_JOINER) k++;
    }
    expect(at).toEqual([...urlBreaks(SHORT)!].sort((a, b) => a - b));
    expect(out).toBe(
      `https://example${ZWSP}.org/${ZWSP}a${ZWSP}-${WORD_JOINER}b/${ZWSP}c${ZWSP}.d${ZWSP}?${WORD_JOINER}e${ZWSP}=f${ZWSP}&g${ZWSP}=h${ZWSP}#i`,
    );
  });

  it('leaves text that holds no address as it is, and the words around an address', () => {
    for (const t of ['A well-known, long-standing co-operation.', 'Ratio 3/4 - and a://', 'e-mail: a-b@example.org'])
      expect(breakableUrls(t)).toBe(t);
    const out = breakableUrls(`See ${SHORT} and well-known text.`);
    expect(out.startsWith('See https://example')).toBe(true);
    expect(out.endsWith(' and well-known text.')).toBe(true);
  });
});

describe('a DOCX with long addresses', () => {
  let xml: string;
  let rels: string;
  let lines: string[];

  beforeAll(async () => {
    const set = await loadTemplates(join(ROOT, 'templates'));
    const doc = parse(
      `# Addresses\n\nThe statement is at [${LONG}](${LONG}) and at ${SHORT} (linked by the parser); see also [${SHORT}](${SHORT}).\n\nAgain: [${LONG}](${LONG})\n\nPLAIN\n`,
    );
    // An address in a text node, not a link (as a writer may be given one): the run's text takes the same break points.
    const plain = doc.blocks[doc.blocks.length - 1]!;
    if (plain.type !== 'paragraph') throw new Error('the last block is not a paragraph');
    plain.children = [{ type: 'text', value: `In plain text: ${SHORT} and well-known words.` }];
    const { bytes } = await writeDocx(doc, { theme: set.theme, fonts: loadFonts(set.theme) });
    const zip = unzipSync(bytes);
    xml = strFromU8(zip['word/document.xml']!);
    rels = strFromU8(zip['word/_rels/document.xml.rels']!);
    const dir = tempDir('brief-urls-');
    writeFileSync(join(dir, 'urls.docx'), bytes);
    const r = spawnSync(
      tool('soffice'),
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'urls.docx'),
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    lines = execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', join(dir, 'urls.pdf'), '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => bare(l).trim())
      .filter(Boolean);
  }, 180_000);

  it('links to the exact address, and its visible text is the address once the invisible break marks are taken out', () => {
    const links = [...xml.matchAll(/<w:hyperlink ([^>]*r:id="[^"]+"[^>]*)>(.*?)<\/w:hyperlink>/gs)];
    // Word's link is the relationship's target and, after a #, the hyperlink's w:anchor (the docx package splits a fragment off so).
    const targets = links.map((m) => {
      const id = /r:id="([^"]+)"/.exec(m[1]!)![1]!;
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!.replaceAll('&amp;', '&');
      const anchor = /w:anchor="([^"]+)"/.exec(m[1]!)?.[1];
      return anchor ? `${target}#${anchor}` : target;
    });
    expect(targets).toEqual([LONG, SHORT, SHORT, LONG]);
    const shown = links.map((m) =>
      [...m[2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
        .map((t) => t[1])
        .join('')
        .replaceAll('&amp;', '&'),
    );
    expect(shown.map(bare)).toEqual([LONG, SHORT, SHORT, LONG]);
    // Every hyphen of an address is held to what follows it, and may break only before itself.
    for (const s of shown) expect(s.match(/-(?!\u2060)/g), s).toBeNull();
    expect(shown[0]).toContain(`targets${ZWSP}-${WORD_JOINER}the`);
  });

  it('the plain-text address gets the same break points as a link', () => {
    expect(xml).toContain(`In plain text: ${breakableUrls(SHORT).replaceAll('&', '&amp;')} and well-known words.`);
  });

  it('as LibreOffice lays it out, the long address breaks over lines, only at its break points, and no line ends with a hyphen', () => {
    const text = lines.join('\n');
    const at = text.indexOf('https://www.example-news');
    const whole = text.slice(at).split('\n');
    // The address takes several lines (the test would prove nothing if it fitted on one).
    let joined = '';
    let n = 0;
    while (joined.length < LONG.length && n < whole.length) joined += whole[n++];
    expect(joined.startsWith(LONG), text).toBe(true);
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n - 1; i++) {
      const end = whole[i]!;
      const next = whole[i + 1]!;
      expect(end.endsWith('-'), `a line ends at a hyphen: ${end}`).toBe(false);
      expect(
        end.endsWith('/') || /^[.?#&=-]/.test(next),
        `a break at no break point: "${end.slice(-20)}" | "${next.slice(0, 20)}"`,
      ).toBe(true);
    }
    for (const l of lines) expect(l.endsWith('-'), l).toBe(false);
  });
});
