// The part of fontkit's API Brief uses (fontkit ships no types of its own).
declare module 'fontkit' {
  export interface Font {
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): { advanceWidth: number };
    glyphForCodePoint(codePoint: number): { advanceWidth: number; path: { toSVG(): string } };
  }
  export function create(buffer: Buffer): Font;
}
