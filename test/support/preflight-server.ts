// One Apache PDFBox Preflight process for the whole run (started by
// test/global-setup.ts at the first request): Java, loading PDFBox and
// warming it up cost seconds of CPU, which each Preflight call paid again.
// It listens on loopback; a request's body is a JSON list of PDF paths, the
// answer the list of Preflight's XML reports on them, in order
// (test/support/PreflightServer.java writes them; test/support/preflight.ts
// reads them). Files are checked one at a time, in the order asked.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Preflight and what it needs, each with the Debian package it comes in. */
export const PREFLIGHT_JARS: [string, string][] = [
  ['preflight', 'libpdfbox2-java'],
  ['pdfbox2', 'libpdfbox2-java'],
  ['fontbox2', 'libfontbox2-java'],
  ['xmpbox', 'libpdfbox2-java'],
  ['commons-logging', 'libcommons-logging-java'],
  ['javax.activation', 'libactivation-java'],
  ['jaxb-api', 'libjaxb-api-java'],
].map(([j, pkg]) => [`/usr/share/java/${j}.jar`, pkg!]);

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Java process and a function that asks it about one file at a time. */
function startJava(): { ask: (file: string) => Promise<string>; stop: () => void } {
  // C1 only and the serial collector: a short-lived tool's CPU is mostly the JIT's and the collector's threads.
  // Its temporary files in the run's folder, and no hsperfdata folder in /tmp.
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-XX:-UsePerfData',
    `-Djava.io.tmpdir=${tmpdir()}`,
    '-cp',
    PREFLIGHT_JARS.map(([jar]) => jar).join(':'),
  ];
  const java: ChildProcessWithoutNullStreams = spawn('java', [
    ...args,
    join(import.meta.dirname, 'PreflightServer.java'),
  ]);
  let buffered = '';
  let stderr = '';
  const waiting: { resolve: (report: string) => void; reject: (e: Error) => void }[] = [];
  java.stdout.setEncoding('utf8');
  java.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n\0\n'); end >= 0; end = buffered.indexOf('\n\0\n')) {
      waiting.shift()?.resolve(buffered.slice(0, end));
      buffered = buffered.slice(end + 3);
    }
  });
  java.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const fail = (why: string) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`PDFBox Preflight ${why}:\n${stderr}`));
  };
  java.on('error', (e) => fail(`could not start (${e.message})`));
  java.on('exit', (code) => fail(`ended (exit ${code})`));
  return {
    ask: (file) =>
      new Promise((resolve, reject) => {
        if (java.exitCode !== null) return reject(new Error(`PDFBox Preflight has ended:\n${stderr}`));
        waiting.push({ resolve, reject });
        java.stdin.write(`${file}\n`);
      }),
    stop: () => java.stdin.end(),
  };
}

export async function startPreflight(): Promise<{ url: string; close: () => Promise<void> }> {
  let java: ReturnType<typeof startJava> | undefined;
  const server = createServer(async (req, res) => {
    try {
      const files = JSON.parse(await body(req)) as string[];
      java ??= startJava();
      const reports = await Promise.all(files.map((f) => java!.ask(f)));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reports));
    } catch (err) {
      res.statusCode = 500;
      res.end((err as Error).message);
    }
  });
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => (java?.stop(), resolve()))),
  };
}
