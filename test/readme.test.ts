import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/cli.js';
import { BUNDLED, ROOT, runCli, tempDir, tool } from './helpers.js';
import { readPng } from './support/png.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('gives the two set-up commands, the brief command and the test command', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm run brief');
    expect(readme).toContain('npm test');
  });

  it('documents every option the command accepts', () => {
    for (const flag of USAGE.match(/--[a-z][a-z-]*/g)!) expect(readme, flag).toContain(`\`${flag}`);
  });

  it('documents every template helper', async () => {
    const { makeHelpers } = await import('../src/render/helpers.js');
    const helpers = Object.keys(makeHelpers());
    const section = readme.slice(readme.indexOf('### Helpers'), readme.indexOf('### Partials'));
    for (const h of helpers) {
      expect(section, h).toContain('`' + h + '`');
      expect(section, `${h} example`).toMatch(new RegExp(`\\{\\{(#(if|each|with) \\()?${h}[ }]`));
    }
  });

  it("shows a current figure: docs/matrix-figure-1.svg is the bundled matrix's first, byte for byte", async () => {
    const out = tempDir();
    expect(
      (await runCli(['--data', BUNDLED, '--out', out, '--only', 'matrix', '--format', 'md', '--quiet'])).code,
    ).toBe(0);
    const fresh = readFileSync(join(out, 'coalition-of-the-willing-2025-04-10', 'matrix-figure-1.svg'));
    const alt = /^!\[([^\]]*)\]\(<?matrix-figure-1\.svg>?\)$/m.exec(
      readFileSync(join(out, 'coalition-of-the-willing-2025-04-10', 'matrix.md'), 'utf8'),
    )![1]!;
    expect(readme).toContain(`![${alt}](docs/matrix-figure-1.svg)`);
    expect(
      readFileSync(join(ROOT, 'docs', 'matrix-figure-1.svg')).equals(fresh),
      'the figure changed: run `npm run readme-image`',
    ).toBe(true);
  });

  it("shows a current dense figure: docs/matrix-figure-dense.svg is the 36-actor matrix's fifth, byte for byte", async () => {
    const out = tempDir();
    const name = 'subsea-cables-ministerial-2025-09-18';
    expect(
      (
        await runCli([
          '--data',
          join(ROOT, 'test', 'fixtures', 'shapes', `${name}.yaml`),
          '--out',
          out,
          '--only',
          'matrix',
          '--format',
          'md',
          '--quiet',
        ])
      ).code,
    ).toBe(0);
    const alt = /^!\[([^\]]*)\]\(<?matrix-figure-5\.svg>?\)$/m.exec(
      readFileSync(join(out, name, 'matrix.md'), 'utf8'),
    )![1]!;
    expect(readme).toContain(`![${alt}](docs/matrix-figure-dense.svg)`);
    expect(
      readFileSync(join(ROOT, 'docs', 'matrix-figure-dense.svg')).equals(
        readFileSync(join(out, name, 'matrix-figure-5.svg')),
      ),
      'the figure changed: run `npm run readme-image`',
    ).toBe(true);
  });

  it('shows the current memo: the picture is page 1 of the PDF the bundled dataset gives now', async () => {
    expect(readme).toContain('![The first page of the briefing memo](docs/memo-page-1.png)');
    expect(existsSync(join(ROOT, 'docs', 'memo-page-1.png'))).toBe(true);
    const out = tempDir();
    expect((await runCli(['--data', BUNDLED, '--out', out, '--only', 'memo', '--format', 'pdf', '--quiet'])).code).toBe(
      0,
    );
    const hash = createHash('sha256')
      .update(readFileSync(join(out, 'coalition-of-the-willing-2025-04-10', 'memo.pdf')))
      .digest('hex');
    expect(
      readFileSync(join(ROOT, 'docs', 'memo-page-1.source-sha256'), 'utf8').trim(),
      'the memo changed: run `npm run readme-image`',
    ).toBe(hash);
    // The picture itself: page 1 of that PDF, rendered as npm run readme-image renders it, pixel for pixel
    // (a pixel may differ a little, as another poppler may smooth edges differently).
    execFileSync(tool('pdftoppm'), [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(out, 'coalition-of-the-willing-2025-04-10', 'memo.pdf'),
      join(out, 'page'),
    ]);
    const fresh = readPng(readFileSync(join(out, 'page.png')));
    const shown = readPng(readFileSync(join(ROOT, 'docs', 'memo-page-1.png')));
    expect([shown.width, shown.height, shown.channels]).toEqual([fresh.width, fresh.height, fresh.channels]);
    let off = 0;
    for (let i = 0; i < fresh.data.length; i++) if (Math.abs(fresh.data[i]! - shown.data[i]!) > 48) off++;
    expect(
      off / fresh.data.length,
      'the picture is not page 1 of the current memo: run `npm run readme-image`',
    ).toBeLessThan(0.002);
  });
});
