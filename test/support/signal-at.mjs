// Runs the built CLI (dist/brief.mjs) as its process does (with its signal
// handlers) and sends this very process a signal right after the named step
// of the output folder swap (`written:memo.md` for a file), as a Ctrl-C at
// that moment would. Used by test/signals.test.ts.
import { runProcess } from '../../dist/brief.mjs';

const [signal, at, ...args] = process.argv.slice(2);
runProcess(args, {
  afterStep: (step, detail) => {
    if ((detail ? `${step}:${detail}` : step) === at) process.kill(process.pid, signal);
  },
});
