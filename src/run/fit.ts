/**
 * Fitting a document to its page budget by measurement. A template marks
 * what may shrink, {{#each (fit list keep=N order=K)}} (src/render/fit.ts);
 * a document over its front matter's `pages:` is rendered again with fewer
 * items and laid out again (the PDF layout, measured without writing a
 * file), the lists of the lowest order first, until it meets its budget or
 * nothing more may shrink. The plan found is the document's for every
 * format: the DOCX and the Markdown keep what the PDF keeps. The page-budget
 * warning comes only after, for a document that still does not fit.
 */
import type { Doc } from '../doc/tree.js';
import type { FitPlan, FitSite } from '../render/fit.js';
import type { DocumentName } from '../render/templates.js';

interface Rendering {
  doc: Doc;
  fits: FitSite[];
  plan: FitPlan;
}

/**
 * Room the PDF's last page must leave, as a part of a page (about seven
 * lines): Word and LibreOffice lay a DOCX out a few lines longer than the
 * PDF (their line breaking, the notes as endnotes), and the budget holds
 * for the DOCX too.
 */
export const SLACK = 0.15;

/** What fitting needs of the run: a rendering with a plan, and the pages a document takes. */
export interface FitTools<R extends Rendering> {
  render: (name: DocumentName, plan: FitPlan) => R;
  measure: (doc: Doc, rendering: R) => number;
}

/** Whether a rendering has anything that may shrink. */
export function canShrink(fits: readonly FitSite[]): boolean {
  return fits.some((s) => s.full > s.keep);
}

/**
 * The rendering of one document that keeps to `budget` pages with the most
 * items: each order in turn (lowest first) drops items from the end of its
 * lists, the same number from each, never below their keep=; a galloping
 * then binary search finds the fewest dropped that fit. When even the least allowed
 * does not fit, the document is left at the least (and the budget warning
 * says so).
 */
export function fitToBudget<R extends Rendering>(name: DocumentName, first: R, budget: number, tools: FitTools<R>): R {
  let best = first;
  const within = (r: R) => tools.measure(r.doc, r) <= budget - SLACK;
  if (!canShrink(first.fits) || within(first)) return best;
  const orders = [...new Set(first.fits.filter((s) => s.full > s.keep).map((s) => s.order))].sort((a, b) => a - b);
  for (const order of orders) {
    const sites = best.fits.filter((s) => s.order === order && s.full > s.keep);
    if (!sites.length) continue;
    const base = best.plan;
    const drop = (k: number): R => {
      const plan = new Map(base);
      for (const s of sites) plan.set(s.key, Math.max(s.keep, s.full - k));
      return tools.render(name, plan);
    };
    const most = Math.max(...sites.map((s) => s.full - s.keep));
    // Gallop up from the smallest real cut (two: a list is never cut by one), since most documents are
    // only a little over: few layouts. Then halve between the last cut over and the first within.
    let lo = 0;
    let hi = -1;
    for (let k = Math.min(2, most); ; k = Math.min(most, k * 2)) {
      const r = drop(k);
      if (within(r)) {
        hi = k;
        best = r;
        break;
      }
      lo = k;
      // Even this order at its least does not fit: keep it there and go on to the next.
      if (k === most) {
        best = r;
        break;
      }
    }
    if (hi < 0) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const r = drop(mid);
      if (within(r)) {
        hi = mid;
        best = r;
      } else lo = mid;
    }
    return best;
  }
  return best;
}
