// `npm run brief` runs compiled JavaScript and never stale code: a copy of the
// project (sharing node_modules) is built on first run, not rebuilt when
// nothing changed, and rebuilt when a file under src/ is newer than the build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

it('builds dist/brief.mjs when missing, runs it as is when current, and builds again when src/ is newer', () => {
  const copy = tempDir('brief-build-');
  for (const part of ['src', 'scripts', 'package.json', 'templates'])
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  mkdirSync(join(copy, 'data'));
  cpSync(join(ROOT, 'data', 'schema'), join(copy, 'data', 'schema'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const run = () =>
    spawnSync(process.execPath, [join(copy, 'scripts', 'brief.mjs'), '--version'], { encoding: 'utf8', cwd: copy });

  const first = run();
  expect(first.status, first.stderr).toBe(0);
  expect(first.stderr).toBe('brief: building dist/brief.mjs\n');
  expect(first.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  expect(existsSync(join(copy, 'dist', 'brief.mjs'))).toBe(true);

  const second = run();
  expect(second.status).toBe(0);
  expect(second.stderr).toBe('');

  // An edit to src/ after the build: the next run builds again, and runs the edited code.
  const cli = join(copy, 'src', 'cli.ts');
  const edited = readFileSync(cli, 'utf8').replace(
    "io.out((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);",
    "io.out('edited');",
  );
  expect(edited).toContain("io.out('edited');");
  writeFileSync(cli, edited);
  const later = new Date(Date.now() + 5000);
  utimesSync(cli, later, later);
  const third = run();
  expect(third.status, third.stderr).toBe(0);
  expect(third.stderr).toBe('brief: src/ changed since the last build; building dist/brief.mjs again\n');
  expect(third.stdout.trim()).toBe('edited');
}, 60_000);
