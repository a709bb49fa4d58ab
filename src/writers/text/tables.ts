/** What the PDF and DOCX writers share about tables: column widths. */

/**
 * Column widths: content widths when they fit. Otherwise narrow columns (whose
 * content fits in a fair share of the line) keep their full width, and the
 * wide ones share the rest: each its longest word, plus a part of what is
 * left in proportion to how much more it wants (as browsers lay out tables).
 */
export function fitColumns(mins: number[], maxs: number[], width: number): number[] {
  const sumMax = maxs.reduce((a, b) => a + b, 0);
  if (sumMax <= width) {
    // Spread the spare room so that wide tables fill the line; narrow ones keep their size.
    if (sumMax < width * 0.6) return maxs;
    return maxs.map((w) => (w * width) / sumMax);
  }
  const widths = [...mins];
  const free = new Set(maxs.map((_, i) => i));
  // Settle narrow columns at their content width while that leaves the others their minimum.
  for (let changed = true; changed;) {
    changed = false;
    const left = width - [...maxs.keys()].filter((i) => !free.has(i)).reduce((a, i) => a + widths[i]!, 0);
    const fair = left / free.size;
    for (const i of free) {
      const othersMin = [...free].filter((j) => j !== i).reduce((a, j) => a + mins[j]!, 0);
      if (maxs[i]! <= fair && left - maxs[i]! >= othersMin) {
        widths[i] = maxs[i]!;
        free.delete(i);
        changed = true;
        break;
      }
    }
  }
  const rest = width - [...maxs.keys()].filter((i) => !free.has(i)).reduce((a, i) => a + widths[i]!, 0);
  const sumMin = [...free].reduce((a, i) => a + mins[i]!, 0);
  if (sumMin >= rest) {
    for (const i of free) widths[i] = (mins[i]! * rest) / sumMin;
    return widths;
  }
  const want = [...free].reduce((a, i) => a + (maxs[i]! - mins[i]!), 0) || 1;
  for (const i of free) widths[i] = mins[i]! + ((rest - sumMin) * (maxs[i]! - mins[i]!)) / want;
  return widths;
}
