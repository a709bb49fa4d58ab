/** npm subset-font: HarfBuzz's hb-subset (compiled to WebAssembly) over a font file. Only what embed.ts uses. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: {
      targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2';
      noHinting?: boolean;
      keepFeatures?: readonly string[];
    },
  ): Promise<Buffer>;
}
