/** Note marks in the PDF's text: one per note, or ranges for a long run (doc/footnotes.ts decides which). */
import { noteGroups } from '../../doc/footnotes.js';

type Marked<S> = S & { sup: boolean; color: string; link: { dest: string }; anchor?: string | string[] };

/**
 * The runs of a run of note marks: "7,12–28". Every mark links to its note;
 * a range's dash links to the note after its first and places the back-link
 * anchors of the notes inside the range, so that each note's way back lands
 * here. `refAnchor` gives a note's anchor the first time it is placed.
 */
export function noteMarks<S extends object>(
  ns: readonly number[],
  style: S,
  linkColor: string,
  refAnchor: (n: number) => string | undefined,
): { text: string; style: Marked<S> }[] {
  const out: { text: string; style: Marked<S> }[] = [];
  const mark = (text: string, dest: number, anchors: number[]): void => {
    const s: Marked<S> = { ...style, sup: true, color: linkColor, link: { dest: `note-${dest}` } };
    const placed = anchors.map(refAnchor).filter((a): a is string => !!a);
    if (placed.length) s.anchor = placed.length === 1 ? placed[0]! : placed;
    out.push({ text, style: s });
  };
  noteGroups(ns).forEach((g, k) => {
    const sep = k > 0 ? ',' : '';
    mark(`${sep}${g.from}`, g.from, [g.from]);
    if (g.to === g.from) return;
    mark(
      '–',
      g.from + 1,
      Array.from({ length: g.to - g.from - 1 }, (_, x) => g.from + 1 + x),
    );
    mark(`${g.to}`, g.to, [g.to]);
  });
  return out;
}
