/**
 * The --preview web server: Node's http on the loopback addresses only.
 * Safe by design: GET only; a URL is never joined to a folder, it is looked
 * up among a fixed set of names (the page's own files, pdf.js's two files,
 * the outputs the builds wrote), so no part of it reaches the file system;
 * the Host header must name the listening address (a DNS-rebinding page gets
 * 403); no CORS headers. Reloads are server-sent events.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ROOT } from '../../shared/paths.js';
import type { PreviewState } from './state.js';

const PAGE = join(ROOT, 'src', 'run', 'preview', 'page');

/** pdf.js, served from its npm package (its legacy build: older browsers too), nothing from the internet. */
function pdfjsFolder(): string {
  return join(dirname(createRequire(join(ROOT, 'package.json')).resolve('pdfjs-dist/package.json')), 'legacy', 'build');
}

/** Every path the server answers besides /out/...: the allow-list. */
function assets(): Map<string, { file: string; type: string }> {
  const pdfjs = pdfjsFolder();
  return new Map([
    ['/', { file: join(PAGE, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/page/app.js', { file: join(PAGE, 'app.js'), type: 'text/javascript; charset=utf-8' }],
    ['/page/style.css', { file: join(PAGE, 'style.css'), type: 'text/css; charset=utf-8' }],
    ['/pdfjs/pdf.min.mjs', { file: join(pdfjs, 'pdf.min.mjs'), type: 'text/javascript; charset=utf-8' }],
    ['/pdfjs/pdf.worker.min.mjs', { file: join(pdfjs, 'pdf.worker.min.mjs'), type: 'text/javascript; charset=utf-8' }],
  ]);
}

const HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Only the page's own scripts; pdf.js builds fonts and images from blobs and data.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:; font-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export interface PreviewServer {
  /** The address to open: http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** Tells every open page that a build ended. */
  notify(generation: number): void;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (and ::1 where the machine has it) on `port`, or a free port when 0. */
export async function startServer(state: PreviewState, port: number): Promise<PreviewServer> {
  const files = assets();
  const clients = new Set<ServerResponse>();
  // Filled once the port is known; nothing is answered before.
  const hosts = new Set<string>();
  const ctx: Context = { files, state, clients, hosts };
  const handler = (req: IncomingMessage, res: ServerResponse) =>
    void answer(req, res, ctx).catch(() => send(res, 500, 'internal error'));
  const v4 = createServer(handler);
  await listen(v4, '127.0.0.1', port);
  const bound = (v4.address() as AddressInfo).port;
  const servers = [v4];
  const v6 = createServer(handler);
  if (
    await listen(v6, '::1', bound).then(
      () => true,
      () => false,
    )
  )
    servers.push(v6);
  for (const h of [`127.0.0.1:${bound}`, `localhost:${bound}`, ...(servers.length > 1 ? [`[::1]:${bound}`] : [])])
    hosts.add(h);
  const heartbeat = setInterval(() => clients.forEach((c) => c.write(': alive\n\n')), 15_000).unref();
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    notify: (generation) => clients.forEach((c) => c.write(`event: build\ndata: ${generation}\n\n`)),
    close: async () => {
      clearInterval(heartbeat);
      clients.forEach((c) => c.end());
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', fail);
      ok();
    });
  });
}

interface Context {
  files: Map<string, { file: string; type: string }>;
  state: PreviewState;
  clients: Set<ServerResponse>;
  hosts: Set<string>;
}

async function answer(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  if (req.method !== 'GET') return send(res, 405, 'only GET', { Allow: 'GET' });
  // DNS rebinding: a page from elsewhere whose name now points here still sends its own name.
  if (!ctx.hosts.has((req.headers.host ?? '').toLowerCase()))
    return send(res, 403, 'forbidden: this server answers only to its own address');
  const path = (req.url ?? '').split('?')[0]!;
  if (path === '/api/state')
    return send(res, 200, JSON.stringify(ctx.state.snapshot()), { 'Content-Type': 'application/json; charset=utf-8' });
  if (path === '/events') return events(res, ctx);
  // Looked up, never joined: '/../', '%2e%2e' and absolute paths are simply not among the names.
  const found = ctx.files.get(path) ?? ctx.state.output(path);
  if (!found) return send(res, 404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(found.file);
  } catch {
    return send(res, 404, 'not found');
  }
  const extra: Record<string, string> = { 'Content-Type': found.type };
  if (found.type.includes('wordprocessingml')) extra['Content-Disposition'] = 'attachment';
  send(res, 200, body, extra);
}

function events(res: ServerResponse, ctx: Context): void {
  res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  res.write(`retry: 1000\nevent: build\ndata: ${ctx.state.generation}\n\n`);
  ctx.clients.add(res);
  res.on('close', () => ctx.clients.delete(res));
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    ...HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
