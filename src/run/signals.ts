/**
 * How a run ends when it is told to stop (SIGINT from Ctrl-C, SIGTERM,
 * SIGHUP from a closed terminal): no lock and no hidden work folder of this
 * process is left in --out, and --out holds the complete previous or the
 * complete new set of each dataset, as after any failure.
 *
 * A folder swap in progress on this thread is stopped at its next step and
 * undoes itself (swap.ts), as for a full disk; then the process exits with
 * 128 + the signal's number. Anything else of this process in --out (worker
 * threads of --jobs share its pid) is put right synchronously: a new set
 * removed, a moved-aside set put back, a lock removed. The same sweep runs
 * when the process exits for any other reason.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN, LOCK, stopping, type StopSignal } from './lock.js';
import { unsafeName } from './names.js';

const NUMBERS: Record<StopSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The exit code of a run stopped by a signal: 128 + its number, as a shell reports it. */
export const exitCodeOf = (signal: StopSignal): number => 128 + NUMBERS[signal];

/** The lock's holder and dataset name, when the lock is this process's. */
function ownLock(path: string): string | undefined {
  try {
    const [pid, name] = readFileSync(path, 'utf8').split('\n');
    return pid === String(process.pid) ? (name ?? '') : undefined;
  } catch {
    return undefined;
  }
}

/** Puts right, synchronously, whatever this process has in `out`: see the top of this file. */
export function sweep(out: string): void {
  let entries: string[];
  try {
    entries = readdirSync(out);
  } catch {
    return;
  }
  const pid = String(process.pid);
  const ours = entries.map((e) => ({ e, m: HIDDEN.exec(e) })).filter((x) => x.m && x.m[3] === pid) as {
    e: string;
    m: RegExpExecArray;
  }[];
  // Old sets first: one goes back where its folder is missing (killed between the two renames).
  for (const { e, m } of [...ours.filter((x) => x.m[1] === 'old'), ...ours.filter((x) => x.m[1] === 'new')]) {
    try {
      const name = ownLock(join(out, `.brief-lock-${m[2]}`));
      if (m[1] === 'old' && name && !unsafeName(name) && !existsSync(join(out, name)))
        renameSync(join(out, e), join(out, name));
      else rmSync(join(out, e), { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* the next run's recovery deals with it */
    }
  }
  for (const e of entries) {
    if (LOCK.test(e) && ownLock(join(out, e)) !== undefined) {
      try {
        unlinkSync(join(out, e));
      } catch {
        /* already gone */
      }
    }
  }
}

/** The output folders of this process's runs, and how --watch takes a first signal itself. */
const runs = { outs: new Set<string>(), graceful: undefined as (() => boolean) | undefined };

/**
 * A run writing into `out` (cli.ts). `graceful`, when it returns true, has
 * taken the first signal itself (--watch stops after the rebuild in
 * progress); a second signal stops at once.
 */
export function registerRun(out: string, graceful?: () => boolean): void {
  runs.outs.add(out);
  runs.graceful = graceful;
}

/** Installs the handlers, once per process (runProcess in cli.ts; tests that call main() in-process install none). */
export function handleSignals(say: (line: string) => void): void {
  let seen = 0;
  const sweepAll = () => runs.outs.forEach(sweep);
  const exit = (signal: StopSignal) => {
    sweepAll();
    say(`brief: stopped by ${signal}; nothing half-written is left in the output folder`);
    process.exit(exitCodeOf(signal));
  };
  for (const signal of Object.keys(NUMBERS) as StopSignal[]) {
    process.on(signal, () => {
      if (seen++ === 0 && runs.graceful?.()) return;
      if (stopping.swaps === 0 || seen > 1) return exit(signal);
      // A swap of this thread stops at its next step and undoes itself; then cli.ts exits.
      stopping.signal = signal;
      // Should a step hang (a file system that does not answer), stop anyway after 5 s.
      setTimeout(() => exit(signal), 5000).unref();
    });
  }
  process.on('exit', sweepAll);
}
