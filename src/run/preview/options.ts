/** The command line's --watch and --preview options (--preview is the watch with a page: its --port and --open). */
import type { PreviewOptions } from './preview.js';

/** For node:util parseArgs. */
export const WATCH_FLAGS = {
  watch: { type: 'boolean', default: false, short: 'w' },
  preview: { type: 'boolean', default: false },
  port: { type: 'string' },
  open: { type: 'boolean', default: false },
} as const;

/** What the flags ask for; `usage` throws the command line's usage error (exit code 2). */
export function watchOptions(
  v: { watch?: boolean; preview?: boolean; port?: string; open?: boolean; check?: boolean },
  usage: (message: string) => never,
): { watch: boolean; preview?: PreviewOptions } {
  if (v.port !== undefined && !v.preview) usage('--port goes with --preview');
  if (v.open && !v.preview) usage('--open goes with --preview');
  if (v.port !== undefined && !(/^\d{1,5}$/.test(v.port) && Number(v.port) >= 1 && Number(v.port) <= 65535))
    usage(`--port: ${JSON.stringify(v.port)} is not a port (1 to 65535)`);
  if (!v.preview) return { watch: v.watch ?? false };
  if (v.check) usage('--check and --preview do not go together');
  return { watch: true, preview: { port: Number(v.port ?? 0), open: v.open ?? false } };
}
