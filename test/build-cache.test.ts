// The run's shared build cache (test/support/build-cache.ts): one build per
// key, a key that changes with the bundle's inputs, copies for tests that write.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURE, fixtureText, writeTemp } from './helpers.js';
import { buildKey, built, builtCopy, datasetsFolder } from './support/build-cache.js';

const ARGS = ['--data', FIXTURE, '--only', 'memo', '--format', 'md', '--quiet'];

it('a key names the arguments and the content of each path they name', () => {
  expect(buildKey(ARGS)).toBe(buildKey([...ARGS]));
  expect(buildKey(ARGS)).not.toBe(buildKey([...ARGS.slice(0, -1)]));
  expect(buildKey(ARGS)).not.toBe(buildKey(ARGS, { TZ: 'Asia/Tokyo' }));
  const data = writeTemp('fictional-roundtable-2024-11-05.yaml', fixtureText());
  const before = buildKey(['--data', data]);
  writeFileSync(data, fixtureText().replace('Funding was left open.', 'Funding was left open again.'));
  expect(buildKey(['--data', data])).not.toBe(before);
});

it('asked twice, one build: the same folder, with what the command line wrote and printed', async () => {
  const [a, b] = await Promise.all([built(ARGS), built([...ARGS])]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.out).toBe(a.out);
  expect(readdirSync(join(a.out, 'fictional-roundtable-2024-11-05'))).toContain('memo.md');
  const again = await built(ARGS);
  expect(again.out).toBe(a.out);
});

it("a copy is a folder of the test's own with the same files", async () => {
  const shared = await built(ARGS);
  const copy = await builtCopy(ARGS);
  expect(copy.out).not.toBe(shared.out);
  const memo = (dir: string) => readFileSync(join(dir, 'fictional-roundtable-2024-11-05', 'memo.md'), 'utf8');
  expect(memo(copy.out)).toBe(memo(shared.out));
  writeFileSync(join(copy.out, 'fictional-roundtable-2024-11-05', 'memo.md'), 'changed');
  expect(memo(shared.out)).not.toBe('changed');
});

it('a set of datasets is one folder whatever their order', () => {
  const files = [FIXTURE, join(FIXTURE, '..', 'shapes', 'bilateral-talks-2025-03-03.yaml')];
  const dir = datasetsFolder(files);
  expect(datasetsFolder([...files].reverse())).toBe(dir);
  expect(readdirSync(dir).sort()).toEqual(['bilateral-talks-2025-03-03.yaml', 'fictional-roundtable-2024-11-05.yaml']);
  expect(existsSync(dir)).toBe(true);
});
