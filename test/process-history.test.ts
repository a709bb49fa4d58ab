// Reproducible bytes whatever else the process built first (a folder of
// datasets, watch mode): fontkit keeps one glyph object per glyph id with the
// characters of the text that first made it, and pdfkit writes a glyph's
// ToUnicode entry from them. Two letters drawn with one glyph (Arabic alef
// maksura and yeh) then gave the multi-script fixture's FAQ and matrix other
// bytes, and another ToUnicode map, after the guests fixture's Arabic.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, ROOT, tempDir } from './helpers.js';

const run = promisify(execFile);

const SCRIPTS = join(ROOT, 'test', 'fixtures', 'scripts');
const GUESTS = join(ROOT, 'test', 'fixtures', 'guests');
const MULTI = join(SCRIPTS, 'multiscript-ministerial-2025-06-12.yaml');
const NAME = basename(MULTI, '.yaml');

let alone: string;
let after: string;
beforeAll(async () => {
  const sources = tempDir('brief-history-sources-');
  cpSync(join(SCRIPTS, 'sources'), sources, { recursive: true });
  cpSync(join(GUESTS, 'sources'), sources, { recursive: true });
  const data = tempDir('brief-history-data-');
  copyFileSync(MULTI, join(data, basename(MULTI)));
  for (const f of readdirSync(GUESTS).filter((f) => f.endsWith('.yaml'))) copyFileSync(join(GUESTS, f), join(data, f));
  expect(readdirSync(data).sort()[0]).not.toBe(basename(MULTI)); // the guests dataset is built first
  alone = tempDir('brief-history-alone-');
  after = tempDir('brief-history-after-');
  const common = ['--sources', sources, '--quiet', '--format', 'pdf', '--only', 'faq,matrix', '--jobs', '1'];
  // Each in a process of its own (the built CLI), as a user runs it.
  await Promise.all([
    run('node', [BUILT_CLI, '--data', MULTI, '--out', alone, ...common]),
    run('node', [BUILT_CLI, '--data', data, '--out', after, ...common]),
  ]);
}, 240_000);

describe('a dataset built after another in the same process', () => {
  it.each(['faq.pdf', 'matrix.pdf'])('%s has the bytes it has when built alone', (file) => {
    expect(readFileSync(join(after, NAME, file)).equals(readFileSync(join(alone, NAME, file)))).toBe(true);
  });
});
