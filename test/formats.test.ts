// Each writer declares what it needs (src/writers/formats.ts) and the
// pipeline asks: a fourth format is one more entry there, with no change to
// the pipeline. Shown with a plain-text writer added for the test: it is
// written beside the others, gets the fonts only if it says it draws text,
// and a character no font has is an error only for a format that says so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inline } from '../src/doc/tree.js';
import { loadTemplates } from '../src/render/templates.js';
import { checkFile, writeDataset } from '../src/run/pipeline.js';
import { missingGlyphIsError, needFonts, WRITERS, type Format, type FormatEntry } from '../src/writers/formats.js';
import type { WriterEnv } from '../src/writers/writer.js';
import { BUNDLED, ROOT, tempDir } from './helpers.js';

const registry = WRITERS as unknown as Record<string, FormatEntry>;
const seen: WriterEnv[] = [];
const plain = (nodes: readonly Inline[]): string =>
  nodes.map((n) => ('value' in n ? n.value : 'children' in n ? plain(n.children) : '')).join('');
registry.txt = {
  needs: { fonts: false },
  load: async () => async (doc, env) => {
    seen.push(env);
    return {
      bytes: Buffer.from(
        doc.blocks.map((b) => ('children' in b ? plain(b.children as Inline[]) : '')).join('\n'),
        'utf8',
      ),
    };
  },
};
afterAll(() => {
  delete registry.txt;
});

describe('formats declare what they need', () => {
  it('a format added to the registry is written by the pipeline as it stands', async () => {
    const out = tempDir();
    const dataset = await checkFile(BUNDLED);
    const { files } = await writeDataset(dataset, await loadTemplates(join(ROOT, 'templates')), {
      outDir: out,
      only: ['memo'],
      formats: ['txt' as Format, 'md'],
    });
    expect(files.map((f) => f.path.split('/').pop()).sort()).toEqual(['memo.md', 'memo.txt']);
    const txt = readFileSync(join(out, dataset.name, 'memo.txt'), 'utf8');
    expect(txt).toContain(dataset.data.brief.title);
    // It said it draws no text: no fonts were loaded for it.
    expect(seen.at(-1)?.fonts).toBeUndefined();
    expect(readdirSync(join(out, dataset.name)).sort()).toEqual(['memo.md', 'memo.txt']);
  });

  it("fonts and the glyph check follow the declarations, not the formats' names", () => {
    expect(needFonts(['md'])).toBe(false);
    expect(needFonts(['txt' as Format])).toBe(false);
    expect(needFonts(['md', 'docx'])).toBe(true);
    expect(missingGlyphIsError(['docx', 'md'])).toBe(false);
    expect(missingGlyphIsError(['pdf'])).toBe(true);
    registry.txt!.needs = { fonts: true, missingGlyph: 'error' };
    expect(needFonts(['txt' as Format])).toBe(true);
    expect(missingGlyphIsError(['txt' as Format])).toBe(true);
    registry.txt!.needs = { fonts: false };
  });

  it('the pipeline names no format', () => {
    const source = readFileSync(join(ROOT, 'src', 'run', 'pipeline.ts'), 'utf8');
    // Numbered copies are PDFs by definition, and tracked changes Word's; nothing else asks for a format by name.
    const byName = [...source.matchAll(/(?:===?|!==?|includes\()\s*'(pdf|docx|md)'/g)].map((m) => m[0]);
    expect(byName.sort()).toEqual(["=== 'docx'", "includes('docx'", "includes('pdf'"]);
  });
});
