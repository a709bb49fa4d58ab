// --preview: one server (the compiled CLI, spawned) on a copy of the fixture
// and the templates. First its safety at the HTTP level (no browser needed),
// then the page in headless Chromium (Debian's chromium, driven by
// playwright-core): the memo's pages, an edit's new text, a broken edit's
// problem with its line, the fix clearing it, a page-budget warning.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIXTURE, ROOT, runCli, tempDir } from './helpers.js';

const FX = 'fictional-roundtable-2024-11-05';
const CHROMIUM = '/usr/bin/chromium';

let root: string;
let child: ChildProcess;
let stdout = '';
let stderr = '';
let url = '';
let port = 0;

async function waitFor(pred: () => boolean, what: string, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms)
      throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A raw request: the path goes out exactly as written (fetch would resolve '..' first). */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; host?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = tempDir('brief-preview-');
  mkdirSync(join(root, 'data'));
  cpSync(FIXTURE, join(root, 'data', `${FX}.yaml`));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  // Run from the copy, as a user runs from their project: problems name templates/memo.md.hbs.
  child = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'brief.mjs'), '--preview', '--data', 'data', '--templates', 'templates', '--out', 'out'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await waitFor(() => /watching/.test(stdout), 'the first build');
  url = /preview: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stdout)![1]!;
  port = Number(new URL(url).port);
}, 90_000);

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
});

describe('--preview usage', () => {
  it.each([
    [['--port', '8000'], /^brief: --port goes with --preview \(see --help\)$/m],
    [['--open'], /^brief: --open goes with --preview \(see --help\)$/m],
    [['--preview', '--port', '0'], /^brief: --port: "0" is not a port \(1 to 65535\) \(see --help\)$/m],
    [['--preview', '--port', '65536'], /^brief: --port: "65536" is not a port/m],
    [['--preview', '--port', 'http'], /^brief: --port: "http" is not a port/m],
    [['--preview', '--check'], /^brief: --check and --preview do not go together \(see --help\)$/m],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const out = join(tempDir(), 'out');
    const r = await runCli([...args, '--data', FIXTURE, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a port in use is said plainly (exit 2), before anything is built', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['--preview', '--port', String(port), '--data', FIXTURE, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--port: the preview cannot listen on 127.0.0.1: port ${port} is in use\n  hint: choose another port with --port, or leave --port out for a free one`,
    );
    expect(existsSync(join(out, FX))).toBe(false);
  });
});

describe('--preview over HTTP', () => {
  it('prints its address, lists the documents, and serves the outputs the build wrote', async () => {
    expect(stdout).toMatch(/^preview: http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)$/m);
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>Brief preview</title>');
    const state = JSON.parse((await raw('/api/state')).body.toString()) as {
      generation: number;
      datasets: {
        name: string;
        documents: {
          name: string;
          budget?: number;
          pdf?: { url: string; pages?: number };
          docx?: string;
          md?: string;
        }[];
      }[];
    };
    expect(state.generation).toBeGreaterThanOrEqual(1);
    expect(state.datasets.map((d) => d.name)).toEqual([FX]);
    const memo = state.datasets[0]!.documents.find((d) => d.name === 'memo')!;
    expect(memo).toMatchObject({
      budget: 2,
      pdf: { url: `/out/${FX}/memo.pdf`, pages: 1 },
      docx: `/out/${FX}/memo.docx`,
      md: `/out/${FX}/memo.md`,
    });
    const pdf = await raw(memo.pdf!.url);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.equals(readFileSync(join(root, 'out', FX, 'memo.pdf')))).toBe(true);
    expect((await raw(memo.md!)).body.toString()).toBe(readFileSync(join(root, 'out', FX, 'memo.md'), 'utf8'));
    expect((await raw(memo.docx!)).headers['content-disposition']).toBe('attachment');
    // pdf.js comes from the package, not from the internet.
    expect(
      (await raw('/pdfjs/pdf.min.mjs')).body.equals(
        readFileSync(join(ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.min.mjs')),
      ),
    ).toBe(true);
  });

  it('refuses traversal, encoded dots and absolute paths with 404: nothing outside the outputs and its own files', async () => {
    const memoPdf = join(root, 'out', FX, 'memo.pdf');
    const tries = [
      '/../package.json',
      '/page/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      `/out/${FX}/../${FX}/memo.pdf`,
      `/out/${FX}/%2e%2e/${FX}/memo.pdf`,
      '/out/%2e%2e/%2e%2e/package.json',
      '/pdfjs/..%2f..%2f..%2fpackage.json',
      '/pdfjs/../package.json',
      '/pdfjs/pdf.mjs',
      '/pdfjs/pdf.worker.mjs.map',
      '/page/../preview.ts',
      '/page/',
      '/page/%2e%2e/server.ts',
      '//etc/passwd',
      '/etc/passwd',
      `/out${memoPdf}`,
      memoPdf,
      `/${memoPdf}`,
      '/out/' + encodeURIComponent(memoPdf),
      '/package.json',
      '/src/cli.ts',
      '/node_modules/pdfjs-dist/package.json',
      `/out/${FX}/memo.pdf%00`,
      `/out/${FX}/memo.pdf/`,
      `/out/${FX}`,
      '/out/',
      '/%5c..%5cpackage.json',
      '/..\\package.json',
    ];
    for (const path of tries) {
      const r = await raw(path);
      expect({ path, status: r.status, body: r.body.toString() }).toEqual({ path, status: 404, body: 'not found' });
    }
    // The same output by its proper name is served (so the 404s are the refusals, not a broken route).
    expect((await raw(`/out/${FX}/memo.pdf`)).status).toBe(200);
  });

  it('answers only to its own address in the Host header (DNS rebinding gets 403)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `localhost.evil.example:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      const r = await raw('/api/state', { headers: { Host: host } });
      expect({ host, status: r.status }).toEqual({ host, status: 403 });
      expect(r.body.toString()).not.toContain('datasets');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await raw('/api/state', { headers: { Host: host } })).status).toBe(200);
  });

  it('answers GET only, and sends no CORS headers', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
      const r = await raw(`/out/${FX}/memo.pdf`, {
        method,
        headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' },
      });
      expect({ method, status: r.status, allow: r.headers.allow }).toEqual({ method, status: 405, allow: 'GET' });
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    for (const path of ['/', '/api/state', `/out/${FX}/memo.pdf`, '/pdfjs/pdf.min.mjs', '/nothing']) {
      const r = await raw(path, { headers: { Origin: 'http://evil.example' } });
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('listens on the loopback addresses only', () => {
    // The kernel's own table of listening sockets (Linux): every one on this port is 127.0.0.1 or ::1.
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/))
            .filter((f) => f.length > 3 && f[1]!.endsWith(`:${hex}`) && f[3] === '0A')
            .map((f) => f[1]!.split(':')[0])
        : [];
    const v4 = listening('/proc/net/tcp');
    const v6 = listening('/proc/net/tcp6');
    expect(v4).toEqual(['0100007F']);
    expect(v6.every((a) => a === '00000000000000000000000001000000')).toBe(true);
  });
});

describe('--preview in a real browser (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const memoTemplate = () => join(root, 'templates', 'memo.md.hbs');
  let original = '';
  /** The text of the pages the browser shows. */
  const pagesText = () =>
    page
      .locator('.page-text')
      .allTextContents()
      .then((t) => t.join('\n'));
  /** When the page last finished showing a build (milliseconds since the epoch, in the browser). */
  const renderedAt = () => page.evaluate(() => (window as unknown as { renderedAt: number[] }).renderedAt.at(-1) ?? 0);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install the Debian package chromium (apt-get install chromium), as .ci/run does`,
      );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Playwright gives it a fresh profile folder; the flags keep it off the network it has no business on.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    original = readFileSync(memoTemplate(), 'utf8');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the memo's pages, with its page count against the budget and links to the DOCX and the Markdown", async () => {
    await page.goto(`${url}#/${FX}/memo`);
    await page.waitForSelector('body[data-rendered]:not([data-rendered="0"])');
    await page.evaluate(() => {
      const w = window as unknown as { renderedAt: number[] };
      w.renderedAt = [];
      new MutationObserver(() => w.renderedAt.push(Date.now())).observe(document.body, {
        attributes: true,
        attributeFilter: ['data-rendered'],
      });
    });
    expect(await page.locator('figure.page').count()).toBe(1);
    expect(await pagesText()).toContain('Background');
    expect(await page.locator('#title').textContent()).toContain('1 / 2 pages');
    expect(await page.locator('#title a', { hasText: 'DOCX' }).getAttribute('href')).toBe(`/out/${FX}/memo.docx`);
    expect(await page.locator('#title a', { hasText: 'Markdown' }).getAttribute('href')).toBe(`/out/${FX}/memo.md`);
    expect(await page.locator('nav a.doc').allTextContents()).toEqual([
      expect.stringMatching(/^memo/),
      expect.stringMatching(/^faq/),
      expect.stringMatching(/^matrix/),
    ]);
    // pdf.js drew the page: the canvas is not blank.
    const inked = await page.evaluate(() => {
      const c = document.querySelector('figure.page canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
    expect(await page.locator('#problems').isHidden()).toBe(true);
  });

  it('an edit to the template shows its new text after the rebuild, at the same place on the page', async () => {
    await page.evaluate(() => window.scrollTo(0, 300));
    const mark = stdout.length;
    writeFileSync(memoTemplate(), original.replace('## Background', '## Background and context'));
    await waitFor(() => /rebuilt: /.test(stdout.slice(mark)), 'the rebuild');
    const built = Date.now();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.page-text')].some((e) => e.textContent!.includes('Background and context')),
      undefined,
      { timeout: 20_000 },
    );
    // How long the page took after the build's summary line (printed for the README's figure, not asserted: no timed tests).
    console.log(
      `preview: the page showed the rebuilt memo ${(await renderedAt()) - built} ms after the build's summary line`,
    );
    expect(await page.evaluate(() => window.scrollY)).toBe(300);
    expect(new URL(page.url()).hash).toBe(`#/${FX}/memo`);
  });

  it('a broken edit shows its problem with file:line:col, the line and a marker over the last good pages; the fix clears it', async () => {
    const errMark = stderr.length;
    const broken = original.replace('{{/if}}\n\n{{#if changes}}', '\n{{#if changes}}');
    writeFileSync(memoTemplate(), broken);
    await waitFor(() => /is never closed/.test(stderr.slice(errMark)), 'the error in the terminal');
    // The page says what the terminal says, at the same place.
    const where = /^(templates\/memo\.md\.hbs:(\d+):(\d+)): /m.exec(stderr.slice(errMark))!;
    await page.locator('#problems .problem.error').first().waitFor({ timeout: 20_000 });
    const problem = page.locator('#problems .problem.error').first();
    expect(await problem.locator('.where').textContent()).toBe(where[1]);
    expect(await problem.textContent()).toMatch(/is never closed/);
    const line = broken.split('\n')[Number(where[2]) - 1]!;
    const pre = await problem.locator('pre').textContent();
    expect(pre).toBe(`${line}\n${' '.repeat(Number(where[3]) - 1)}^`);
    // The last good pages stay, marked as such.
    expect(await page.locator('figure.page').count()).toBe(1);
    expect(await pagesText()).toContain('Background and context');
    expect(await page.locator('#pages').getAttribute('class')).toBe('stale');
    // The templates did not load, yet the list keeps its order and the budget (from the last templates that did).
    expect(await page.locator('nav a.doc').first().textContent()).toBe('memo1 / 2 pages');

    writeFileSync(memoTemplate(), original);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.page-text')].every((e) => !e.textContent!.includes('Background and context')),
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.locator('#problems').isHidden()).toBe(true);
    expect(await page.locator('#pages').getAttribute('class')).toBe('');
  });

  it('shows a warning: a document over its page budget', async () => {
    const matrix = join(root, 'templates', 'matrix.md.hbs');
    writeFileSync(
      matrix,
      readFileSync(matrix, 'utf8').replace('orientation: landscape\n', 'orientation: landscape\npages: 1\n'),
    );
    await page.locator('#problems .problem.warning').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#problems').textContent()).toMatch(
      /templates\/matrix\.md\.hbs: warning: matrix\.pdf takes 2 pages, over the template's budget of 1/,
    );
    expect(await page.locator('nav a.doc', { hasText: 'matrix' }).locator('.over').textContent()).toBe('2 / 1 pages');
  });

  it('shows a warning that has no place in a file: a dataset skipped', async () => {
    const gone = join(root, 'data', 'gone.yaml');
    symlinkSync(join(root, 'nowhere.yaml'), gone);
    try {
      await page.locator('#problems .problem.warning', { hasText: 'gone.yaml' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('#problems .problem.warning', { hasText: 'gone.yaml' }).textContent()).toBe(
        'data/gone.yaml: warning: skipped: a symbolic link to nothing',
      );
    } finally {
      unlinkSync(gone);
    }
  });
});

describe('--preview --open', () => {
  // A second, small preview (Markdown only) each time, with PATH holding only a stand-in for xdg-open, or nothing.
  const openWith = async (bin: string, quiet = false) => {
    const out = join(tempDir(), 'out');
    const p = spawn(
      process.execPath,
      [
        join(ROOT, 'dist', 'brief.mjs'),
        '--preview',
        '--open',
        '--format',
        'md',
        '--only',
        'memo',
        '--data',
        FIXTURE,
        '--out',
        out,
        ...(quiet ? ['--quiet'] : []),
      ],
      { env: { ...process.env, PATH: bin }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    p.stdout!.on('data', (c: Buffer) => (text += c.toString()));
    p.stderr!.on('data', (c: Buffer) => (text += c.toString()));
    const start = Date.now();
    while (!(quiet ? /--open/ : /watching/).test(text) && Date.now() - start < 30_000)
      await new Promise((r) => setTimeout(r, 25));
    return { p, text: () => text, url: /preview: (\S+)/.exec(text)?.[1] };
  };
  const stop = async (p: ChildProcess) => {
    p.kill('SIGINT');
    return new Promise<number | null>((r) => p.once('exit', (c) => r(c)));
  };

  it("opens the page with the platform's opener, and says so plainly when there is none (the address printed even with --quiet)", async () => {
    if (process.platform !== 'linux') return;
    const bin = tempDir();
    const said = join(bin, 'opened');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > ${said}\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const a = await openWith(bin);
    const start = Date.now();
    while (!existsSync(said) && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 25));
    expect(readFileSync(said, 'utf8').trim()).toBe(a.url);
    expect(await stop(a.p)).toBe(0);

    // With --quiet too: the address is printed all the same (without it the page cannot be found).
    const b = await openWith(tempDir(), true);
    expect(b.text()).toMatch(/^preview: http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)$/m);
    expect(b.text()).toContain(`--open: no xdg-open to open a browser with; open ${b.url} in a browser`);
    b.p.kill('SIGKILL');
  });
});

describe('--preview stops', () => {
  it('on Ctrl-C: exit code 0 and the port closed', async () => {
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    await expect(raw('/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
