// The one ellipsis cutter both writers' bands use (src/writers/text/measure.ts):
// the PDF's header, footer and copy lines and the DOCX header's running title.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWidth } from '../src/writers/text/measure.js';

/** One unit of width per UTF-16 unit: a stand-in for a font, enough to check where the cut falls. */
const units = (s: string) => s.length;
const graphemes = (s: string) =>
  Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);

describe('fitWidth: one ellipsis cutter', () => {
  it('keeps a text that fits whole, and cuts one that does not to the longest start that fits', () => {
    expect(fitWidth('Ministry of Defence', 19, units)).toBe('Ministry of Defence');
    expect(fitWidth('Ministry of Defence', 12, units)).toBe('Ministry of…');
    expect(fitWidth('Ministry of Defence', 13, units)).toBe('Ministry of…');
    expect(fitWidth('Ministry of Defence', 14, units)).toBe('Ministry of D…');
  });

  it('drops the spaces and a comma, semicolon or colon before the ellipsis', () => {
    expect(fitWidth('Jane Doe, Directorate-General', 11, units)).toBe('Jane Doe…');
    expect(fitWidth('Jane Doe; Directorate-General', 11, units)).toBe('Jane Doe…');
    expect(fitWidth('Copy 1 of 3: Jane Doe', 14, units)).toBe('Copy 1 of 3…');
  });

  it('never cuts inside a character or between a letter and its marks', () => {
    // "e" + COMBINING ACUTE, a letter outside the BMP (a surrogate pair), a flag (two regional indicators).
    const text = 'Caf\u0065\u0301 𝐀𝐁 🇫🇷🇩🇪 Zürich';
    for (let w = 1; w < text.length; w++) {
      const cut = fitWidth(text, w, units);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept), `${w}: ${cut}`).toBe(true);
      // The kept start ends on a grapheme boundary of the whole text.
      const ends = graphemes(text).reduce<number[]>((a, g) => [...a, (a.at(-1) ?? 0) + g.length], []);
      expect(
        kept.length === 0 || ends.includes(kept.length) || /\s|[,;:]/.test(text[kept.length]!),
        `${w}: ${cut}`,
      ).toBe(true);
    }
    expect(fitWidth('Cafe\u0301 au lait', 5, units)).toBe('Caf…');
    expect(fitWidth('𝐀𝐁𝐂𝐃', 4, units)).toBe('𝐀…');
  });

  it('keeps at least one grapheme however narrow the room', () => {
    expect(fitWidth('Ministry', 0, units)).toBe('M…');
    expect(fitWidth('𝐀𝐁', 1, units)).toBe('𝐀…');
  });

  it('for any text and room: the longest start that fits, found by trying every length', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'W', ' ', ',', ';', 'é', 'e\u0301', '𝐀', '🇫🇷', 'ש'), maxLength: 40 }),
        fc.nat(60),
        (text, width) => {
          const cut = fitWidth(text, width, units);
          if (units(text) <= width) {
            expect(cut).toBe(text);
            return;
          }
          const parts = graphemes(text);
          const cuts = Array.from(
            { length: Math.max(1, parts.length - 1) },
            (_, i) =>
              parts
                .slice(0, i + 1)
                .join('')
                .trimEnd()
                .replace(/[,;:]$/, '')
                .trimEnd() + '…',
          );
          expect(cut).toBe(cuts.filter((c) => units(c) <= width).at(-1) ?? cuts[0]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
