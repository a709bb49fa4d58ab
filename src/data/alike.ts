/**
 * Two actors the documents would name alike (the same short name, or the
 * same name where there is none): a reader of the memo or the matrix could
 * not tell their positions apart. A warning at the second, naming the first;
 * it fails nothing, since the curator may know better.
 */
import type { Diagnostic } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';

export function checkAlikeNames(data: Dataset, map: SourceMap): Diagnostic[] {
  const seen = new Map<string, { i: number; id: string }>();
  const out: Diagnostic[] = [];
  data.actors.forEach((a, i) => {
    const shown = a.short_name ?? a.name;
    const key = shown.normalize('NFC').trim();
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { i, id: a.id });
      return;
    }
    const field = a.short_name !== undefined ? 'short_name' : 'name';
    const message = `actor ${quoted(a.id)} is named ${quoted(shown)}, as actor ${quoted(first.id)} (actors[${first.i}]) is: the documents would name both alike`;
    const hint = `give one of them another ${field}`;
    out.push({ ...map.at(['actors', i, field], 'ref/alike-names', message, { hint }), severity: 'warning' });
  });
  return out;
}
