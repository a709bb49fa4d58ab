// The harness the "what real reports say" tests share (issues 26 and 37): the
// Tokyo trilateral fixture with one thing changed, built as a user would, and
// what out/ held before a build that must fail.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, runCli, tempDir, where, writeTemp } from '../helpers.js';
import { builtCopy } from './build-cache.js';

export const TRILATERAL = join(ROOT, 'test', 'fixtures', 'shapes', 'trilateral-tokyo-2025-03-22.yaml');

/** The trilateral fixture with exact strings replaced (each must occur once). */
export function trilateralWith(...pairs: [string, string][]): string {
  let text = readFileSync(TRILATERAL, 'utf8');
  for (const [find, replace] of pairs) {
    expect(text.split(find), find).toHaveLength(2);
    text = text.replace(find, replace);
  }
  return text;
}

/** Every file under a folder with its size and modification time: to show that a failed run wrote nothing. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Builds `text`, which must fail: exit 1, a diagnostic `file:line:col: path: message`
 * at the place of `at` in the text, and nothing in out/ changed (a previous good build stays).
 */
export async function expectProblem(
  text: string,
  at: string | { line: number; col: number },
  path: string,
  message: RegExp,
  extra: string[] = [],
  hint?: RegExp,
): Promise<string> {
  const dir = tempDir('brief-reports-');
  const file = writeTemp('trilateral-tokyo-2025-03-22.yaml', text, dir);
  // A previous good build, from the run's shared build cache (a copy: the failed build goes into it).
  const good = await builtCopy(['--data', TRILATERAL, '--format', 'md', '--quiet']);
  expect(good.code, good.stderr).toBe(0);
  const out = good.out;
  const before = snapshot(out);
  const r = await runCli(['--data', file, '--out', out, '--format', 'md', ...extra]);
  expect(r.code, r.stderr).toBe(1);
  const pos = typeof at === 'string' ? where(text, at) : at;
  const prefix = `${file}:${pos.line}:${pos.col}: ${path}: `;
  const lines = r.stderr.split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  expect(i, `no diagnostic starting ${prefix} in:\n${r.stderr}`).toBeGreaterThanOrEqual(0);
  expect(lines[i]!.slice(prefix.length)).toMatch(message);
  // The hint, when one is expected, is the line after.
  if (hint) expect(lines[i + 1]).toMatch(hint);
  expect(snapshot(out)).toEqual(before);
  return r.stderr;
}

/** Builds `text` as Markdown and returns the three documents. */
export async function buildMarkdown(
  text: string,
  extra: string[] = [],
): Promise<Record<'memo' | 'faq' | 'matrix', string>> {
  const dir = tempDir('brief-reports-');
  const file = writeTemp('x.yaml', text, dir);
  const r = await runCli(['--data', file, '--out', join(dir, 'out'), '--format', 'md', '--quiet', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const doc = (n: string) => readFileSync(join(dir, 'out', 'x', `${n}.md`), 'utf8');
  return { memo: doc('memo'), faq: doc('faq'), matrix: doc('matrix') };
}
