// --watch when its folders go and come back (a git checkout of a branch
// without them, then back): each of partials/, labels/, the templates folder
// and the data folder is removed and restored, and then a file inside it is
// edited; the watch must see the edit and rebuild from it.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startWatch, tempDir } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';

it('rebuilds from a file edited inside partials/, labels/, the templates folder and the data folder after each was removed and restored', async () => {
  const w = startWatch(FX, (d) => [
    '--watch',
    '--data',
    d.data,
    '--templates',
    d.templates,
    '--out',
    d.out,
    '--format',
    'md',
  ]);
  const { data, templates, out } = w;
  const memo = () => readFileSync(join(out, FX, 'memo.md'), 'utf8');

  /** Removes a folder (as a checkout would, contents and all), waits for the watch to notice, puts it back, waits for the rebuild. */
  const goneAndBack = async (dir: string) => {
    const saved = join(tempDir(), 'saved');
    cpSync(dir, saved, { recursive: true });
    let mark = w.stdout.length + w.stderr.length;
    rmSync(dir, { recursive: true });
    await w.waitFor(() => w.stdout.length + w.stderr.length > mark, `the watch to notice ${dir} is gone`);
    await new Promise((r) => setTimeout(r, 200)); // let the rebuild (or its error) finish
    mark = w.stdout.length;
    cpSync(saved, dir, { recursive: true });
    await w.waitFor(() => /rebuilt: [1-9]\d* files?/.test(w.stdout.slice(mark)), `the rebuild after ${dir} came back`);
  };
  // Waits for the edit's effect in the output, not for any rebuild line: copying a folder back fires
  // several changes, and a rebuild they started may end after the edit (the test once read that one).
  const editedAndRebuilt = async (file: string, from: string, to: string, output: () => string, expected: string) => {
    const mark = w.stdout.length;
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    await w.waitFor(
      () => /rebuilt: [1-9]/.test(w.stdout.slice(mark)) && output().includes(expected),
      `the rebuild after editing ${file}`,
    );
  };
  const faq = () => readFileSync(join(out, FX, 'faq.md'), 'utf8');

  try {
    await w.waitFor(() => w.stdout.includes('watching'), 'the first build');

    await goneAndBack(join(templates, 'partials'));
    await editedAndRebuilt(join(templates, 'partials', 'memo-header.md.hbs'), '**TO:**', '**FOR:**', memo, '**FOR:**');
    expect(memo()).toContain('**FOR:**');

    await goneAndBack(join(templates, 'labels'));
    await editedAndRebuilt(
      join(templates, 'labels', 'en.yaml'),
      'undated: undated',
      'undated: not dated',
      memo,
      ', not dated.',
    );
    expect(memo()).toContain(', not dated.');

    await goneAndBack(templates);
    await editedAndRebuilt(
      join(templates, 'memo.md.hbs'),
      '## Background',
      '## Background and context',
      memo,
      '## Background and context',
    );
    expect(memo()).toContain('## Background and context');
    // partials/ and labels/ inside the restored templates folder are watched again too.
    await editedAndRebuilt(
      join(templates, 'partials', 'memo-header.md.hbs'),
      '**FOR:**',
      '**ATTN:**',
      memo,
      '**ATTN:**',
    );
    expect(memo()).toContain('**ATTN:**');

    await goneAndBack(data);
    await editedAndRebuilt(
      join(data, `${FX}.yaml`),
      'Funding was left open.',
      'Funding was left open for now.',
      faq,
      'Funding was left open for now.',
    );
    expect(faq()).toContain('Funding was left open for now.');
    expect(w.stderr).not.toMatch(/internal error/);
  } finally {
    expect(await w.stop()).toBe(0);
  }
}, 120_000);
