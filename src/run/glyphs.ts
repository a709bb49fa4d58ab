/**
 * Where a character no font has came from, for the glyph check's message:
 * the dataset's values first (as parsed, so that a YAML escape such as
 * "\U00013000" is found at its scalar), then the text of the dataset,
 * templates, partials and theme files.
 */
import { readFileSync, statSync } from 'node:fs';
import type { CheckedDataset } from '../data/check.js';
import type { TemplateSet } from '../render/templates.js';
import type { GlyphSource } from '../writers/fonts.js';

/** A file's text, or '' when it is not a regular file (a dataset read from a pipe cannot be read twice). */
function read(file: string, shownAs = file): { file: string; text: string } {
  try {
    if (!statSync(file).isFile()) return { file: shownAs, text: '' };
    return { file: shownAs, text: readFileSync(file, 'utf8') };
  } catch {
    return { file: shownAs, text: '' };
  }
}

export function glyphSources(dataset: CheckedDataset, templates: TemplateSet): GlyphSource {
  let text: string | undefined;
  const datasetText = () => (text ??= read(dataset.file).text);
  const value = (ch: string) => {
    const todo: { v: unknown; path: (string | number)[] }[] = [{ v: dataset.data, path: [] }];
    while (todo.length) {
      const { v, path } = todo.pop()!;
      if (typeof v === 'string') {
        if (!v.includes(ch)) continue;
        const d = dataset.map.at(path, 'font/glyph', '');
        // The character itself when it is written literally in the scalar; else the scalar.
        const range = dataset.map.range(path);
        const inText = range ? datasetText().slice(range[0], range[1]).indexOf(ch) : -1;
        const at = range && inText >= 0 ? dataset.map.position(range[0] + inText) : d;
        return { file: d.file, line: at.line, col: at.col, path: d.path };
      }
      // Children pushed last-first, so that the first occurrence in the file is found first.
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) todo.push({ v: v[i], path: [...path, i] });
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v).reverse()) todo.push({ v: x, path: [...path, k] });
    }
    return undefined;
  };
  const files = () => [
    read(dataset.file),
    ...[...templates.templates.values(), ...templates.partials.values()].map((t) => read(t.file)),
    { file: templates.themeFile, text: read(`${templates.dir}/theme.yaml`).text },
  ];
  return { value, files, themeFile: templates.themeFile };
}
