/**
 * The command line as a process: the exit code the run returns; 70 with the
 * stack for an internal error, and also when the run stops with nothing left
 * to wait for (a stream that never ends would otherwise exit 0 having written
 * nothing); a closed pipe (brief | head) ends quietly.
 */
/** Runs `run` as the process's work: its result is the exit code. */
export function runAsProcess(run: () => Promise<number>): void {
  let settled = false;
  // A closed pipe (brief | head) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      settled = true;
      process.exit(process.exitCode ?? 0);
    }
    throw err;
  });
  // A run whose work stopped waiting on nothing (a stream that never ends) would
  // otherwise leave the process with nothing to do and exit 0, having written nothing.
  process.on('exit', () => {
    // process.exit(code) from elsewhere (a signal's handler: run/signals.ts) has said how the run ended.
    if (settled || process.exitCode !== undefined) return;
    process.stderr.write('brief: internal error: the run stopped before it finished (nothing left to wait for)\n');
    process.exitCode = 70;
  });
  run().then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (err: unknown) => {
      settled = true;
      const stack = (err as Error).stack ?? String(err);
      process.stderr.write(`brief: internal error: ${stack}\n`);
      // A package loaded only when needed (subset-font, resvg) is missing: the install is stale or incomplete.
      const missing = /Cannot find (?:package|module) '([^']+)'/.exec(stack)?.[1];
      if (missing)
        process.stderr.write(`brief: the package ${missing} is not installed: run \`npm ci\` in Brief's folder\n`);
      process.exitCode = 70;
    },
  );
}
