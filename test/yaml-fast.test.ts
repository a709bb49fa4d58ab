// The fast way to read datasets (js-yaml, positions only when a problem needs
// them) must read every dataset exactly as the careful parse does, leave
// anything unusual to the careful parse, and give the same positions (which
// it takes from the careful parse, run only when a position is asked for).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseYamlFast } from '../src/shared/yaml-fast.js';
import { parseYaml } from '../src/shared/yaml.js';

// The careful parse, watched: which inputs the fast parse reads on its own and which it hands over.
vi.mock('../src/shared/yaml.js', async (original) => {
  const real = await original<typeof import('../src/shared/yaml.js')>();
  return { ...real, parseYaml: vi.fn(real.parseYaml) };
});
const carefulCalls = () => vi.mocked(parseYaml).mock.calls.length;
import { UserError } from '../src/shared/diagnostics.js';
import { scaled } from '../bench/synthetic.js';
import { BUNDLED, ROOT } from './helpers.js';

const DATASETS = [
  BUNDLED,
  join(ROOT, 'test/fixtures/fictional-roundtable-2024-11-05.yaml'),
  join(ROOT, 'test/fixtures/scripts/multiscript-ministerial-2025-06-12.yaml'),
  join(ROOT, 'test/fixtures/changes/coalition-of-the-willing-2025-04-10.yaml'),
  ...readdirSync(join(ROOT, 'test/fixtures/shapes')).map((f) => join(ROOT, 'test/fixtures/shapes', f)),
];
const problemsOf = (f: () => unknown) => {
  try {
    f();
    return [];
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.diagnostics;
  }
};

describe('reading datasets fast', () => {
  it.each(DATASETS.map((d) => [d.slice(ROOT.length + 1), d]))(
    '%s: read by the fast path unless it has anchors, the same values as the careful parse; the places from the careful parse once asked',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const calls = carefulCalls();
      const fast = parseYamlFast(text, 'x.yaml', 'empty');
      // Anchors and aliases (one shapes fixture has them) are the careful parse's; every other dataset is read without it.
      const anchors = /(?:^|\s)[&*][\w-]+/m.test(text);
      expect(
        carefulCalls() - calls,
        anchors ? 'anchors go to the careful parse' : 'the careful parse ran for an ordinary dataset',
      ).toBe(anchors ? 1 : 0);
      const careful = parseYaml(text, 'x.yaml', 'empty');
      expect(fast.data).toEqual(careful.data);
      for (const path of [
        ['brief', 'title'],
        ['sources', 1, 'title'],
        ['claims', 3, 'sources', 0],
        ['meeting', 'nope'],
      ])
        expect(fast.map.locate(path)).toEqual(careful.map.locate(path));
    },
  );

  it('the 100x benchmark dataset too', () => {
    const text = scaled(BUNDLED, 100);
    expect(parseYamlFast(text, 'x.yaml', 'e').data).toEqual(parseYaml(text, 'x.yaml', 'e').data);
  });

  it.each([
    ['a YAML 1.1 number', 'a: 1_000\nb: 0b101\n', { a: '1_000', b: '0b101' }],
    ['an anchor and an alias', 'a: &x { k: 1 }\nb: *x\n', { a: { k: 1 }, b: { k: 1 } }],
    ['a prototype key', '__proto__: { polluted: true }\n', JSON.parse('{"__proto__": {"polluted": true}}')],
    [
      'a date, which stays text',
      'as_of: 2025-04-10\nt: 2025-04-11T09:30:00+02:00\n',
      { as_of: '2025-04-10', t: '2025-04-11T09:30:00+02:00' },
    ],
  ])('%s reads as the careful parse reads it', (_what, text, expected) => {
    expect(parseYamlFast(text, 'x.yaml', 'e').data).toEqual(parseYaml(text, 'x.yaml', 'e').data);
    expect(parseYamlFast(text, 'x.yaml', 'e').data).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a syntax error', 'a: [1, 2\nb: 3\n'],
    ['a whole number too large', 'a: 12345678901234567890\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a list at the top', '- a\n- b\n'],
    ['nesting past the limit', `a: ${'['.repeat(70)}${']'.repeat(70)}\n`],
  ])('%s: handed to the careful parse, so the same problems at the same places', (_what, text) => {
    const calls = carefulCalls();
    const fast = problemsOf(() => parseYamlFast(text, 'x.yaml', 'e'));
    expect(carefulCalls()).toBe(calls + 1);
    expect(fast.length).toBeGreaterThan(0);
    expect(fast).toEqual(problemsOf(() => parseYaml(text, 'x.yaml', 'e')));
  });
});
