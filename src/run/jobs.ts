/**
 * Many datasets at once (--jobs N): worker threads, each with its own
 * templates, fonts and writers, take datasets one at a time from a queue;
 * what each prints is held back and printed in dataset order, so that the
 * output reads as a run one at a time does, and the files are the same
 * bytes. Each dataset is still written all or nothing under its own lock.
 * A worker that fails ends the run: the other workers are stopped and the
 * process exits 70 with the failure's stack, printed once.
 */
import { Worker } from 'node:worker_threads';
import type { DatasetFile } from './datasets.js';
import type { Recipient } from './recipients.js';
import type { RunResult } from './report.js';
import type { RunOptions } from './session.js';

/** What a worker needs: the run's options without the test seam, the recipients, whether to colour. */
export interface WorkerSetup {
  options: Omit<RunOptions, 'hooks'>;
  recipients?: Recipient[];
  colour: boolean;
}

export type Line = { stream: 'out' | 'err'; text: string };
export type ToWorker = { type: 'job'; index: number; file: DatasetFile } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; index: number; lines: Line[]; result: RunResult }
  | { type: 'failed'; error: string };

/** The worker's module: the bundle's second file when compiled; from the TypeScript sources (the tests), through tsx. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker-dev.mjs', import.meta.url)
    : new URL('./worker.mjs', import.meta.url);
}

/** A worker's failure as an error whose stack is the worker's own (printed once, by the process: run/process.ts). */
function workerFailure(stack: string): Error {
  const err = new Error(stack.split('\n')[0]);
  err.stack = stack;
  return err;
}

export async function writeInParallel(
  files: readonly DatasetFile[],
  jobs: number,
  setup: WorkerSetup,
  print: (line: Line) => void,
): Promise<RunResult> {
  const started = performance.now();
  const total: RunResult = { failed: 0, written: 0, bytes: 0, ms: 0 };
  const results: ({ lines: Line[]; result: RunResult } | undefined)[] = new Array(files.length);
  let printed = 0;
  let next = 0;
  const flush = () => {
    // In dataset order: a dataset's lines wait for those before it.
    while (printed < files.length && results[printed]) {
      const r = results[printed]!;
      r.lines.forEach(print);
      total.failed += r.result.failed;
      total.written += r.result.written;
      total.bytes += r.result.bytes;
      results[printed++] = { lines: [], result: r.result };
    }
  };
  const url = workerUrl();
  const count = Math.max(1, Math.min(jobs, files.length));
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(url, { workerData: setup });
            workers.push(worker);
            const give = () => {
              if (next >= files.length) {
                worker.postMessage({ type: 'stop' } satisfies ToWorker);
                return;
              }
              const index = next++;
              worker.postMessage({ type: 'job', index, file: files[index]! } satisfies ToWorker);
            };
            worker.on('message', (m: FromWorker) => {
              if (m.type === 'ready') give();
              else if (m.type === 'done') {
                results[m.index] = { lines: m.lines, result: m.result };
                flush();
                give();
              } else reject(workerFailure(m.error));
            });
            worker.on('error', reject);
            worker.on('exit', () => resolve());
          }),
      ),
    );
  } catch (err) {
    // One worker failed: the others would wait for work forever and keep the process alive (a hung run, not exit 70).
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  flush();
  total.ms = performance.now() - started;
  return total;
}
