/**
 * Memory between documents. Writing a large document (the FAQ of a 40-state
 * ministerial runs to hundreds of pages) leaves hundreds of megabytes of
 * garbage that V8 collects only when it must, so the next document's garbage
 * piles on top: the 100x dataset peaked at 0.9-1 GB with about 100 MB of it
 * alive. When the heap has grown past LARGE, a full collection after the
 * document brings it back to what is alive (50-90 ms, only on such runs).
 *
 * The collector is callable when node runs with --expose-gc, as `npm run
 * brief` does; without it, nothing happens here and memory is as before.
 */
import { getHeapStatistics } from 'node:v8';

/** A heap this large after a document is mostly that document's garbage. */
export const LARGE = 192 * 2 ** 20;

const collect = (globalThis as { gc?: () => void }).gc;

/** A full collection when the heap has grown past LARGE; whether one ran. */
export function releaseMemory(): boolean {
  if (!collect || getHeapStatistics().used_heap_size < LARGE) return false;
  collect();
  return true;
}
