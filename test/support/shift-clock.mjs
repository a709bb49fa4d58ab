// Moves this process's clock by BRIEF_TEST_CLOCK_SHIFT milliseconds (loaded
// with --import before the CLI): `new Date()` and `Date.now()` read the moved
// time, dates given explicitly are left alone. Used by test/pdf.test.ts to
// show that a PDF's bytes do not depend on when it is made.
const shift = Number(process.env.BRIEF_TEST_CLOCK_SHIFT ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + shift);
    else super(...args);
  }
  static now() {
    return RealDate.now() + shift;
  }
}
globalThis.Date = ShiftedDate;
