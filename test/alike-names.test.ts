// Two actors the documents would name alike (the same short name): a warning
// at the second, with its place, naming the first; the build still writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUNDLED, runCli, tempDir, writeTemp } from './helpers.js';

const TEXT = readFileSync(BUNDLED, 'utf8');

it('a second actor with the short name of another is a warning at its short_name, naming the first', async () => {
  const changed = TEXT.replace(
    'short_name: US, name_in_sentence: the United States',
    'short_name: UK, name_in_sentence: the United States',
  );
  expect(changed).not.toBe(TEXT);
  const dir = tempDir('brief-alike-');
  const file = writeTemp('alike.yaml', changed, dir);
  const line = changed.split('\n').findIndex((l) => l.includes('id: us,')) + 1;
  const col = changed.split('\n')[line - 1]!.indexOf('UK, name_in_sentence: the United States') + 1;
  const r = await runCli(['--data', file, '--out', join(dir, 'out'), '--format', 'md', '--only', 'matrix']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(
    `${file}:${line}:${col}: warning: actors[12].short_name: actor "us" is named "UK", as actor "uk" (actors[0]) is: the documents would name both alike`,
  );
  expect(r.stderr).toContain('hint: give one of them another short_name');
  expect(readFileSync(join(dir, 'out', 'alike', 'matrix.md'), 'utf8')).toContain('UK');
});

it('the bundled dataset, whose actors are all named apart, gets no such warning', async () => {
  const r = await runCli(['--data', BUNDLED, '--check']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toContain('alike');
});
