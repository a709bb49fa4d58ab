// Preloaded (NODE_OPTIONS=--import) into every Node process a traced test run
// starts (test/support/trace.mjs): one line for each, naming its script and arguments.
import { isMainThread } from 'node:worker_threads';
import { scriptName, traceRun } from './trace.mjs';

if (isMainThread) traceRun(`node:${scriptName(process.argv)}`, process.argv.slice(2));
