/** Errors raised while rendering, which the renderer turns into positioned diagnostics. */

/** A mistake in how a template calls a helper; the renderer adds the position. */
export class HelperError extends Error {
  /** Where the failing call is, in the file that was rendering (set by the wrapper in templates.ts). */
  loc?: { line: number; column: number };
  constructor(
    readonly helper: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
