/**
 * Makes the README's picture of --preview (docs/preview.png) with the browser
 * tooling the tests use: the bundled dataset previewed from a copy of the
 * templates, the memo open, and one broken edit to show where its problem
 * appears; taken in headless Chromium (Debian's chromium, via playwright-core).
 *
 *   npm run preview-image
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../src/shared/paths.js';

export const PICTURE = join(ROOT, 'docs', 'preview.png');
const DATASET = 'coalition-of-the-willing-2025-04-10';

const dir = mkdtempSync(join(tmpdir(), 'brief-preview-image-'));
mkdirSync(join(dir, 'data'));
cpSync(join(ROOT, 'data', `${DATASET}.yaml`), join(dir, 'data', `${DATASET}.yaml`));
cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
const child = spawn(
  process.execPath,
  [
    join(ROOT, 'scripts', 'brief.mjs'),
    '--preview',
    '--data',
    'data',
    '--templates',
    'templates',
    '--format',
    'pdf,docx,md',
  ],
  { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
);
let stdout = '';
child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
const until = async (pred: () => boolean) => {
  for (const start = Date.now(); !pred(); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() - start > 120_000) throw new Error(`timed out:\n${stdout}`);
};
try {
  await until(() => /watching/.test(stdout));
  const url = /preview: (\S+)/.exec(stdout)![1]!;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(`${url}#/${DATASET}/memo`);
  await page.waitForSelector('figure.page canvas');
  // A broken edit: the problem shows over the last good pages.
  const memo = join(dir, 'templates', 'memo.md.hbs');
  writeFileSync(memo, readFileSync(memo, 'utf8').replace('{{/if}}\n\n{{#if changes}}', '\n{{#if changes}}'));
  await page.locator('#problems .problem.error').first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: PICTURE });
  await browser.close();
  console.log(`wrote ${PICTURE.slice(ROOT.length + 1)}`);
} finally {
  child.kill('SIGINT');
}
