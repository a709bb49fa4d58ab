/**
 * The one bidi-js engine of the process (its Unicode tables are built once):
 * the bidirectional algorithm (bidi.ts) and the paired brackets of script
 * itemisation (scripts.ts) both read it.
 */
import bidiModule, { type Bidi } from 'bidi-js';

// bidi-js is CommonJS whose module.exports is its factory; its types describe an ES default export.
const bidiFactory =
  (bidiModule as unknown as { default?: () => Bidi }).default ?? (bidiModule as unknown as () => Bidi);
let engine: Bidi | undefined;
export const bidi = (): Bidi => (engine ??= bidiFactory());
