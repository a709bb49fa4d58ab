/**
 * --preview: the watch of --watch, plus a local web page that shows each
 * document's PDF pages (pdf.js), its page count against the budget, links to
 * its DOCX and Markdown, and the last build's problems; each open page
 * reloads what changed when a build ends (server-sent events).
 */
import { spawn } from 'node:child_process';
import { problem, UserError } from '../../shared/diagnostics.js';
import type { Session } from '../session.js';
import { watchAndBuild, type Watching } from '../watch.js';
import { startServer, type PreviewServer } from './server.js';
import { PreviewState } from './state.js';

export interface PreviewOptions {
  /** 0 for a free port. */
  port: number;
  /** Open the default browser on the page. */
  open: boolean;
}

export async function previewAndBuild(session: Session, dataPath: string, options: PreviewOptions): Promise<Watching> {
  const state = new PreviewState(session);
  session.reporter.observer = state;
  let server: PreviewServer;
  try {
    server = await startServer(state, options.port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use`
        : code === 'EACCES'
          ? `port ${options.port} needs privileges this user lacks`
          : (err as Error).message;
    throw new UserError([
      problem(
        '--port',
        'usage/port',
        `the preview cannot listen on 127.0.0.1: ${why}`,
        'choose another port with --port, or leave --port out for a free one',
      ),
    ]);
  }
  // Said before the first build, which takes a while: the page shows it arriving. Even with --quiet.
  session.reporter.notice(`preview: ${server.url} (Ctrl-C to stop)`);
  if (options.open)
    openBrowser(server.url, (why) => session.reporter.warn(`--open: ${why}; open ${server.url} in a browser`));
  const built = () => {
    state.built();
    server.notify(state.generation);
  };
  let watching: Watching;
  try {
    watching = await watchAndBuild(session, dataPath, built);
    built(); // the first build
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    done: watching.done,
    stop: () => {
      void server.close().then(() => watching.stop());
    },
  };
}

/** The platform's way to open a URL in the default browser; a machine without one gets a warning. */
function openBrowser(url: string, failed: (why: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => failed(`no ${cmd as string} to open a browser with`));
  child.on('exit', (code) => {
    if (code) failed(`${cmd as string} could not open a browser (exit code ${code})`);
  });
  child.unref();
}
