/**
 * Where characters no font has came from, for the glyph check's message:
 * the dataset's values first (as parsed, so that a YAML escape such as
 * "\U00013000" is found at its scalar), then the template, partial and theme
 * files. Each value or line that holds one counts as one place.
 */
import { readFileSync, statSync } from 'node:fs';
import type { CheckedDataset } from '../data/check.js';
import type { TemplateSet } from '../render/templates.js';
import type { GlyphSource, Place_ } from '../writers/text/glyphs.js';

/** A file's text, or '' when it is not a regular file (a dataset read from a pipe cannot be read twice). */
function read(file: string): string {
  try {
    return statSync(file).isFile() ? readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}

function firstOf(text: string, chars: ReadonlySet<string>): number {
  let i = 0;
  for (const ch of text) {
    if (chars.has(ch)) return i;
    i += ch.length;
  }
  return -1;
}

export function glyphSources(dataset: CheckedDataset, templates: TemplateSet): GlyphSource {
  return {
    themeFile: templates.themeFile,
    places(chars) {
      const out: Place_[] = [];
      let datasetText: string | undefined;
      // The dataset's values, in file order (children pushed last-first).
      const todo: { v: unknown; path: (string | number)[] }[] = [{ v: dataset.data, path: [] }];
      while (todo.length) {
        const { v, path } = todo.pop()!;
        if (typeof v === 'string') {
          if (firstOf(v, chars) < 0) continue;
          const d = dataset.map.at(path, 'font/glyph', '');
          // The character itself when it is written literally in the scalar; else the scalar.
          const range = dataset.map.range(path);
          datasetText ??= read(dataset.file);
          const inText = range ? firstOf(datasetText.slice(range[0], range[1]), chars) : -1;
          const at = range && inText >= 0 ? dataset.map.position(range[0] + inText) : d;
          out.push({ file: d.file, line: at.line, col: at.col, path: d.path });
        } else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) todo.push({ v: v[i], path: [...path, i] });
        else if (v && typeof v === 'object')
          for (const [k, x] of Object.entries(v).reverse()) todo.push({ v: x, path: [...path, k] });
      }
      // Then the templates, partials and theme, line by line.
      const files = [...templates.templates.values(), ...templates.partials.values()].map((t) => ({
        shown: t.file,
        path: t.file,
      }));
      files.push({ shown: templates.themeFile, path: `${templates.dir}/theme.yaml` });
      for (const f of files) {
        read(f.path)
          .split('\n')
          .forEach((line, i) => {
            const col = firstOf(line, chars);
            if (col >= 0) out.push({ file: f.shown, line: i + 1, col: col + 1, path: '' });
          });
      }
      return out;
    },
  };
}
