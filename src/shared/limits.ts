/**
 * The sizes Brief accepts, documented in the README ("Limits"). Each is far
 * above what a real briefing needs and low enough that a hostile or broken
 * file is refused in milliseconds with a clear message instead of stalling.
 */
export const LIMITS = {
  /** One dataset file (the 100x benchmark dataset is 2.5 MB). */
  datasetBytes: 32 * 1024 * 1024,
  /** One string value in a dataset, the theme or front matter (a long quote is a few hundred). */
  stringChars: 20_000,
  /** One mapping key. */
  keyChars: 200,
  /** How deep mappings and lists may nest (a dataset uses six levels). */
  depth: 64,
  /** One template or partial file. */
  templateBytes: 1024 * 1024,
  /** How deep {{#if}}, {{#each}} and other blocks may nest in a template. */
  blockDepth: 100,
  /** How deep partials may include partials while rendering (a partial that includes itself stops here). */
  partialDepth: 50,
  /** The theme file. */
  themeBytes: 1024 * 1024,
  /** One source text used to verify quotes. */
  sourceBytes: 32 * 1024 * 1024,
  /** One font file. */
  fontBytes: 64 * 1024 * 1024,
  /** A dataset name, which names its output folder. */
  nameChars: 100,
  /** The same name in bytes (UTF-8): what a file system holds in one name. */
  nameBytes: 255,
} as const;

export function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${Math.round(n / 1024 / 1024)} MB`
    : n >= 1024
      ? `${Math.round(n / 1024)} kB`
      : `${n} bytes`;
}
