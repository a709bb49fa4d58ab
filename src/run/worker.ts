/**
 * A worker thread of --jobs: its own Session (templates, fonts, writers),
 * building the datasets the main thread hands it one at a time and sending
 * back what it would have printed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Reporter } from './report.js';
import { Session } from './session.js';
import type { FromWorker, Line, ToWorker, WorkerSetup } from './jobs.js';

const setup = workerData as WorkerSetup;
let lines: Line[] = [];
const reporter = new Reporter(
  {
    out: (text) => lines.push({ stream: 'out', text }),
    err: (text) => lines.push({ stream: 'err', text }),
    colour: setup.colour,
  },
  setup.options.quiet,
);
const session = new Session(setup.options, reporter);
if (setup.recipients) session.recipients = setup.recipients;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

async function start(): Promise<void> {
  // Templates are checked by the main thread before any worker starts; here they load as they did there.
  if (!(await session.loadTemplates()))
    throw new Error('the templates failed to load in a worker after loading in the main thread');
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') {
      port.close();
      return;
    }
    lines = [];
    session.write([m.file]).then(
      (result) => send({ type: 'done', index: m.index, lines, result }),
      (err: unknown) => send({ type: 'failed', error: (err as Error).stack ?? String(err) }),
    );
  });
  send({ type: 'ready' });
}

start().catch((err: unknown) => send({ type: 'failed', error: (err as Error).stack ?? String(err) }));
