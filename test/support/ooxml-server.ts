// One Open XML validator for the whole run (started by test/global-setup.ts):
// Microsoft's Open XML SDK compiled to WebAssembly (@ooxml-tools/validate)
// takes seconds of CPU to load, which each test file that validated a DOCX
// paid again. It listens on loopback, loads the validator at its first
// request, and checks one document at a time; test/support/ooxml.ts is the
// tests' side.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

type Validator = typeof import('@ooxml-tools/validate');

async function body(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startValidator(): Promise<{ url: string; close: () => Promise<void> }> {
  let validator: Promise<Validator> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    // The body is read at once, not when the request's turn comes, so that no client waits with a half-sent request.
    const received = body(req);
    const job = queue.then(async () => {
      try {
        const bytes = await received;
        validator ??= import('@ooxml-tools/validate');
        const { default: validate } = await validator;
        const errors = await validate(
          bytes,
          params.get('format') as 'docx',
          (params.get('version') ?? 'Microsoft365') as 'Microsoft365',
        );
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(errors));
      } catch (err) {
        res.statusCode = 500;
        res.end((err as Error).stack ?? String(err));
      }
    });
    queue = job;
  });
  // Sockets a client keeps alive between its files are never closed from this side: a close racing the
  // client's next request on the same socket failed a test with "other side closed".
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
