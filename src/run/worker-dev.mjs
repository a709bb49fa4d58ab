// The worker of --jobs when Brief runs from its TypeScript sources (the tests):
// tsx's loader registered in this thread, then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
