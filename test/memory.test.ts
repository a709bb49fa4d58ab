// Between documents of a large run, the heap is brought back to what is alive
// (src/run/memory.ts): only past its threshold, and only where node runs with
// --expose-gc, as `npm run brief` does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BUNDLED, ROOT, tempDir } from './helpers.js';

/** Runs a script against src/run/memory.ts in a fresh node; its JSON result. */
function probe(flags: string[], body: string): { before: number; after: number; ran: boolean[] } {
  const script = `
    import { getHeapStatistics } from 'node:v8';
    import { releaseMemory, LARGE } from ${JSON.stringify(join(ROOT, 'src', 'run', 'memory.ts'))};
    const used = () => getHeapStatistics().used_heap_size;
    const ran = [releaseMemory()];
    ${body}
    console.log(JSON.stringify({ before, after: used(), ran, large: LARGE }));`;
  return JSON.parse(
    execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as never;
}

// About 300 MB of garbage: arrays of small objects, dropped.
const GARBAGE = `
    let keep = [];
    for (let i = 0; i < 60; i++) keep.push(Array.from({ length: 100000 }, (_, j) => ({ i, j, s: 'x' + j })));
    keep = null;
    const before = used();
    ran.push(releaseMemory());`;

describe('memory between documents', () => {
  it('with --expose-gc: nothing below the threshold; past it, a full collection brings the heap back under it', () => {
    const r = probe(['--expose-gc'], GARBAGE);
    expect(r.ran[0]).toBe(false); // a fresh process is far below the threshold
    expect(r.before).toBeGreaterThan(192 * 2 ** 20);
    expect(r.ran[1]).toBe(true);
    expect(r.after).toBeLessThan(r.before / 4);
  });

  it('without --expose-gc: nothing happens, and nothing fails', () => {
    const r = probe([], GARBAGE);
    expect(r.ran).toEqual([false, false]);
  });

  it('`npm run brief` runs node with --expose-gc, and the pipeline offers to release memory after every file it writes', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.brief).toMatch(/^node --expose-gc /);
    const memory = await import('../src/run/memory.js');
    const { checkFile, writeDataset } = await import('../src/run/pipeline.js');
    const { loadTemplates } = await import('../src/render/templates.js');
    const calls: number[] = [];
    vi.spyOn(memory, 'releaseMemory').mockImplementation(() => (calls.push(calls.length), false));
    // Two recipients: each document's numbered copies are files it writes too.
    const recipients = [
      { name: 'Ana Example', organisation: 'Ministry A' },
      { name: 'Ben Example', organisation: 'Ministry B' },
    ];
    const { files } = await writeDataset(await checkFile(BUNDLED), await loadTemplates(join(ROOT, 'templates')), {
      outDir: tempDir(),
      only: ['memo', 'faq'],
      formats: ['pdf', 'md'],
      recipients,
    });
    const written = files.map((f) => f.path.replace(/\\/g, '/').split('/').pop()!);
    const documents = written.filter((f) => /^(memo|faq)\.(pdf|md)$/.test(f));
    const copies = written.filter((f) => /^(memo|faq)-copy-\d+\.pdf$/.test(f));
    expect([documents.length, copies.length]).toEqual([4, 4]);
    // Once per document and once per copy; the two register files are text.
    expect(calls).toHaveLength(documents.length + copies.length);
  });
});
