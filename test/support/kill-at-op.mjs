// Runs the built CLI (dist/brief.mjs) and kills this very process with
// SIGKILL just before its Nth file system change (N from the first argument;
// 0 never kills, and prints how many changes the run made on stderr): an
// instant inside a step of the output folder swap, not only between steps.
// Every change the swap makes (mkdir, open, rename, copy, link, rm, unlink...)
// goes through node:fs/promises, whose functions are wrapped here before the
// CLI is loaded. Used by test/safe-write.test.ts.
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const [nth, ...args] = process.argv.slice(2);
const killAt = Number(nth);
let count = 0;
const CHANGES = [
  'mkdir',
  'open',
  'rename',
  'copyFile',
  'cp',
  'link',
  'symlink',
  'rm',
  'rmdir',
  'unlink',
  'writeFile',
  'truncate',
];
for (const name of CHANGES) {
  const real = fsp[name];
  fsp[name] = (...a) => {
    // Reading (open with no flags or 'r') changes nothing.
    if (name === 'open' && (a[1] === undefined || a[1] === 'r')) return real(...a);
    if (++count === killAt) process.kill(process.pid, 'SIGKILL');
    return real(...a);
  };
}
syncBuiltinESMExports();
const { main } = await import('../../dist/brief.mjs');
const code = await main(args);
if (killAt === 0) process.stderr.write(`changes: ${count}\n`);
process.exitCode = code;
