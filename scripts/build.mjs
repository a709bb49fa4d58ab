#!/usr/bin/env node
/**
 * Compiles the command line into one JavaScript file, dist/brief.mjs, with
 * esbuild: Brief's own modules bundled (no TypeScript to transpile and ~80
 * fewer module loads at every run); the packages stay in node_modules, where
 * pdfkit and the fonts find their data files. Run by `npm ci` (the prepare
 * script), by `npm run build`, and by scripts/brief.mjs when src/ is newer.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'dist', 'brief.mjs');

export async function buildBrief() {
  await build({
    // The command line, and the worker thread that --jobs starts (dist/worker.mjs, beside it).
    entryPoints: { brief: join(ROOT, 'src', 'cli.ts'), worker: join(ROOT, 'src', 'run', 'worker.ts') },
    outdir: join(ROOT, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildBrief();
