// Runs the built CLI (dist/brief.mjs) and kills this very process with
// SIGKILL right after the named step of the output folder swap
// (`written:memo.md` for a file), as a power cut or `kill -9` would: no
// cleanup code runs. Compiled code, as users run it, and no TypeScript to
// load at each of the many runs. Used by test/safe-write.test.ts and
// test/long-names.test.ts.
import { main } from '../../dist/brief.mjs';

const [at, ...args] = process.argv.slice(2);
await main(args, undefined, {
  afterStep: (step, detail) => {
    if ((detail ? `${step}:${detail}` : step) === at) process.kill(process.pid, 'SIGKILL');
  },
});
