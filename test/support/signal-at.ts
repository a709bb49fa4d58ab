// Runs the CLI as its process does (with its signal handlers) and sends this
// very process a signal right after the named step of the output folder
// swap (`written:memo.md` for a file), as a Ctrl-C at that moment would.
// Used by test/signals.test.ts.
import { main } from '../../src/cli.js';
import { handleSignals } from '../../src/run/signals.js';

const [signal, at, ...args] = process.argv.slice(2);
handleSignals((line) => process.stderr.write(`${line}\n`));
const code = await main(args, undefined, {
  afterStep: (step, detail) => {
    if ((detail ? `${step}:${detail}` : step) === at) process.kill(process.pid, signal as NodeJS.Signals);
  },
});
process.exitCode = code;
