// Dataset names at the file system's limit. A file name holds at most 255
// bytes; the hidden work folders and the lock are named by a fixed-length
// key (44 bytes), not after the dataset, so that any name that can name
// out/<name> can also be built, replaced, interrupted and recovered. A name
// longer than 255 bytes in UTF-8 is refused before anything is written, with
// its byte count.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsafeName } from '../src/run/names.js';
import { FIXTURE, fixtureWith, ROOT, runCli, tempDir } from './helpers.js';

const CJK80 = '会议简报'.repeat(20); // 80 characters, 240 bytes: failed with ENAMETOOLONG before
const CJK85 = '外交部长会议'.repeat(14) + '谈'; // 85 characters, 255 bytes: the most one name holds
const CJK100 = '会议简报'.repeat(25); // 100 characters, 300 bytes

function killedAt(step: string, args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/support/kill-at.mjs'), step, ...args], { stdio: 'ignore' });
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

describe('names at the file system limit', () => {
  it('the names are as long as meant', () => {
    expect([[...CJK80].length, Buffer.byteLength(CJK80)]).toEqual([80, 240]);
    expect([[...CJK85].length, Buffer.byteLength(CJK85)]).toEqual([85, 255]);
    expect([[...CJK100].length, Buffer.byteLength(CJK100)]).toEqual([100, 300]);
  });

  it('an 80-character Chinese dataset name (240 bytes) builds, and builds again over its previous set', async () => {
    const dir = tempDir();
    cpSync(FIXTURE, join(dir, `${CJK80}.yaml`));
    const out = tempDir();
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['--data', join(dir, `${CJK80}.yaml`), '--out', out, '--format', 'md', '--only', 'memo']);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(out)).toEqual([CJK80]);
    expect(readdirSync(join(out, CJK80))).toEqual(['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md']);
  });

  it('a 255-byte name builds; killed between its two renames, --check puts the previous set back and leaves nothing hidden', async () => {
    const dir = tempDir();
    const data = join(dir, CJK85); // no extension: the whole file name, 255 bytes, names the folder
    cpSync(FIXTURE, data);
    const out = tempDir();
    const r = await runCli(['--data', data, '--out', out, '--format', 'md', '--only', 'memo']);
    expect(r.code, r.stderr).toBe(0);
    const before = readFileSync(join(out, CJK85, 'memo.md'), 'utf8');
    writeFileSync(data, fixtureWith('Funding was left open.', 'Funding was left open again.'));
    expect(await killedAt('retired', ['--data', data, '--out', out, '--format', 'md', '--only', 'memo'])).toBe(
      'SIGKILL',
    );
    expect(existsSync(join(out, CJK85))).toBe(false);
    const hidden = readdirSync(out);
    expect(
      hidden.every((e) => Buffer.byteLength(e) <= 44),
      hidden.join(' '),
    ).toBe(true);
    const check = await runCli(['--check', '--data', data, '--out', out]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/put back the previous outputs, which an interrupted run had moved aside/);
    expect(readdirSync(out)).toEqual([CJK85]);
    expect(readFileSync(join(out, CJK85, 'memo.md'), 'utf8')).toBe(before);
  });

  it('a 100-character Chinese name (300 bytes) is refused with its byte count', () => {
    // No file system here can hold such a file name, so the rule is tested where names are judged (run/names.ts).
    expect(unsafeName(CJK100)).toBe(
      'it is 300 bytes long in UTF-8 (100 characters); a folder name may hold at most 255 bytes',
    );
    expect(unsafeName(`${CJK85}x`)).toBe(
      'it is 256 bytes long in UTF-8 (86 characters); a folder name may hold at most 255 bytes',
    );
    expect(unsafeName(CJK85)).toBeUndefined();
  });
});
