/**
 * Guards around rendering: partials that count how deep they are nested (a
 * partial that includes itself stops with a positioned error, not a stack
 * overflow) and mark errors with the partials that were rendering, and
 * helpers whose errors carry the position of the failing call.
 */
import type Handlebars from 'handlebars';
import { LIMITS } from '../shared/limits.js';
import { HelperError } from './errors.js';

/** Thrown when partials include each other deeper than the limit (a partial that includes itself). */
export class PartialDepthError extends Error {
  constructor(
    readonly partial: string,
    readonly chain: string[],
  ) {
    super(
      `partial ${JSON.stringify(partial)} is included more than ${LIMITS.partialDepth} levels deep (${chain.slice(-4).join(' > ')} > …): does it include itself?`,
    );
  }
}

/** An error from inside partials remembers which partials were rendering, innermost last, so that it can be placed. */
export function partialsOf(err: unknown): string[] {
  return (err as { briefPartials?: string[] } | null)?.briefPartials ?? [];
}

/** A partial that counts how deep partials are nested and marks errors with where they happened. */
export function guardedPartial(
  name: string,
  render: Handlebars.TemplateDelegate,
  stack: string[],
): Handlebars.TemplateDelegate {
  return (context, options) => {
    if (stack.length >= LIMITS.partialDepth) throw new PartialDepthError(name, [...stack]);
    stack.push(name);
    try {
      return render(context, options);
    } catch (err) {
      if (err && typeof err === 'object' && !('briefPartials' in err))
        Object.defineProperty(err, 'briefPartials', { value: [...stack] });
      throw err;
    } finally {
      stack.pop();
    }
  };
}

/** Helpers whose errors carry the position of the call that failed (Handlebars passes it in options.loc). */
export function withCallSite(
  helpers: Record<string, (...args: unknown[]) => unknown>,
): Record<string, (...args: unknown[]) => unknown> {
  const out: Record<string, (...args: unknown[]) => unknown> = Object.create(null) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  for (const [name, helper] of Object.entries(helpers)) {
    out[name] = function (this: unknown, ...args: unknown[]) {
      try {
        return helper.apply(this, args);
      } catch (err) {
        const loc = (args[args.length - 1] as { loc?: { start?: { line: number; column: number } } } | undefined)?.loc
          ?.start;
        if (err instanceof HelperError && !err.loc && loc) err.loc = { line: loc.line, column: loc.column };
        throw err;
      }
    };
  }
  return out;
}
