/** How numbers read in running text. */

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A count as running text writes it: words up to nine, figures from 10 (10, 1,204). */
export function count(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? SMALL[n]! : n.toLocaleString('en-GB');
}
