/**
 * Makes the README's picture of the memo's first page: builds the bundled
 * dataset's memo PDF, renders page 1 with pdftoppm (Debian's poppler-utils),
 * and records the PDF's SHA-256 beside the picture, so that a test can tell
 * when the picture no longer shows the current memo. Copies the bundled
 * matrix's first figure (an SVG) beside it for the README too, and a dense
 * figure of the 36-actor fixture's matrix (its fifth: Repair permits).
 *
 *   npm run readme-image
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.js';
import { ROOT } from '../src/shared/paths.js';

export const PICTURE = join(ROOT, 'docs', 'memo-page-1.png');
export const FIGURE = join(ROOT, 'docs', 'matrix-figure-1.svg');
export const DENSE_FIGURE = join(ROOT, 'docs', 'matrix-figure-dense.svg');
export const DENSE_DATASET = 'subsea-cables-ministerial-2025-09-18';
export const PICTURE_SOURCE = join(ROOT, 'docs', 'memo-page-1.source-sha256');
const DATASET = 'coalition-of-the-willing-2025-04-10';

const out = mkdtempSync(join(tmpdir(), 'brief-readme-'));
const code = await main([
  '--data',
  join(ROOT, 'data', `${DATASET}.yaml`),
  '--out',
  out,
  '--only',
  'memo',
  '--format',
  'pdf',
  '--quiet',
]);
if (code !== 0) process.exit(code);
const pdf = join(out, DATASET, 'memo.pdf');
execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(out, 'page')]);
renameSync(join(out, 'page.png'), PICTURE);
writeFileSync(PICTURE_SOURCE, createHash('sha256').update(readFileSync(pdf)).digest('hex') + '\n');
console.log(`wrote ${PICTURE.slice(ROOT.length + 1)} from the memo PDF`);
// The README's figure: the bundled matrix's first, as the Markdown writes it.
if (
  (await main([
    '--data',
    join(ROOT, 'data', `${DATASET}.yaml`),
    '--out',
    out,
    '--only',
    'matrix',
    '--format',
    'md',
    '--quiet',
  ])) !== 0
)
  process.exit(1);
renameSync(join(out, DATASET, 'matrix-figure-1.svg'), FIGURE);
console.log(`wrote ${FIGURE.slice(ROOT.length + 1)} from the matrix`);
// A dense figure (a meeting of more than 24 actors): the 36-actor fixture's fifth.
if (
  (await main([
    '--data',
    join(ROOT, 'test', 'fixtures', 'shapes', `${DENSE_DATASET}.yaml`),
    '--out',
    out,
    '--only',
    'matrix',
    '--format',
    'md',
    '--quiet',
  ])) !== 0
)
  process.exit(1);
renameSync(join(out, DENSE_DATASET, 'matrix-figure-5.svg'), DENSE_FIGURE);
console.log(`wrote ${DENSE_FIGURE.slice(ROOT.length + 1)} from the 36-actor matrix`);
