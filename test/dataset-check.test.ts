// Reading a dataset (src/data/load.ts) and checking it as a whole
// (src/data/check.ts), called in this process so that the mutation run (npm
// run test:mutation) sees them: the dataset's name and the file it is shown
// as, standard input, an empty, missing, special or too large file, the
// schema before every other check, every other check's problems together and
// sorted by place, the quotations verified only with a source folder, the
// warnings, and the one-line summary of --check. Every expected value is
// written out from the fictional fixture (test/fixtures) and this file.
import { ftruncateSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDataset, summarise, type CheckedDataset } from '../src/data/check.js';
import { loadDatasetBytes, loadDatasetFile } from '../src/data/load.js';
import type { Dataset } from '../src/data/types.js';
import { UserError, type Diagnostic } from '../src/shared/diagnostics.js';
import { FIXTURE_SOURCES, fixtureText, fixtureWith, tempDir, where, writeTemp } from './helpers.js';

const EMPTY = 'the dataset is empty: expected a YAML mapping with schema_version, brief, meeting, ...';

/** The problems a UserError carries, or a failure if `run` does not throw one. */
async function problems(run: () => unknown): Promise<Diagnostic[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof UserError) return err.diagnostics;
    throw err;
  }
  throw new Error('no UserError');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loading a dataset', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('is named after its file without the extension, unless the caller names it; standard input is "stdin"', () => {
    const a = loadDatasetBytes(bytes('schema_version: 2\nbrief: { title: T }\n'), 'data/summit-2025.yaml');
    expect([a.name, a.file, a.data]).toEqual([
      'summit-2025',
      'data/summit-2025.yaml',
      { schema_version: 2, brief: { title: 'T' } },
    ]);
    expect(a.map.locate(['brief', 'title'])).toEqual({ line: 2, col: 17 });
    expect(loadDatasetBytes(bytes('a: 1\n'), 'x.yaml', 'mine').name).toBe('mine');
    expect(loadDatasetBytes(bytes('a: 1\n'), '-').name).toBe('stdin');
    expect(loadDatasetBytes(bytes('a: 1\n'), 'notes.v2.yml').name).toBe('notes.v2');
  });

  it('an empty dataset says what it should hold, at line 1 of the file as shown', async () => {
    expect(await problems(() => loadDatasetBytes(bytes('# nothing\n'), 'e.yaml'))).toStrictEqual([
      { file: 'e.yaml', line: 1, col: 1, path: '', code: 'file/empty', message: EMPTY },
    ]);
  });

  it('from a file: its path as given, or the name it is shown as; its name from the file name', async () => {
    const path = writeTemp('meeting-01.yaml', 'schema_version: 1\n');
    const a = await loadDatasetFile(path);
    expect([a.name, a.file, a.data]).toEqual(['meeting-01', path, { schema_version: 1 }]);
    const b = await loadDatasetFile(path, 'shown.yaml', 'named');
    expect([b.name, b.file]).toEqual(['named', 'shown.yaml']);
  });

  it('a missing file, named as the user gave it', async () => {
    const path = join(tempDir(), 'gone.yaml');
    expect(await problems(() => loadDatasetFile(path))).toStrictEqual([
      { file: path, line: 0, col: 0, path: '', code: 'io/read', message: 'cannot read the dataset: no such file' },
    ]);
  });

  it('a special file is read (as a pipe would be): /dev/null is an empty dataset', async () => {
    expect(await problems(() => loadDatasetFile('/dev/null'))).toStrictEqual([
      { file: '/dev/null', line: 1, col: 1, path: '', code: 'file/empty', message: EMPTY },
    ]);
  });

  it('a file over 32 MB is refused before it is read', async () => {
    const path = join(tempDir(), 'huge.yaml');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 32 * 1024 * 1024 + 1);
    closeSync(fd);
    expect(await problems(() => loadDatasetFile(path))).toStrictEqual([
      {
        file: path,
        line: 0,
        col: 0,
        path: '',
        code: 'io/read',
        message: 'the dataset is too large (over 32 MB); Brief reads at most 32 MB',
        hint: 'see "Limits" in the README',
      },
    ]);
  });

  it('"-" reads standard input, shown as <stdin> and named stdin', async () => {
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(
      Readable.from([Buffer.from('schema_version: 2\n')]) as unknown as typeof process.stdin,
    );
    const a = await loadDatasetFile('-');
    expect([a.name, a.file, a.data]).toEqual(['stdin', '<stdin>', { schema_version: 2 }]);
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(
      Readable.from([Buffer.from('')]) as unknown as typeof process.stdin,
    );
    expect(await problems(() => loadDatasetFile('-'))).toStrictEqual([
      { file: '<stdin>', line: 1, col: 1, path: '', code: 'file/empty', message: EMPTY },
    ]);
  });
});

describe('checking a dataset', () => {
  const check = (text: string, sourcesDir?: string) =>
    checkDataset(
      loadDatasetBytes(new TextEncoder().encode(text), 'fx.yaml'),
      sourcesDir === undefined ? {} : { sourcesDir },
    );

  it('a good dataset: name, file, data and places; no quotations verified without a source folder, no warnings', async () => {
    const d = await check(fixtureText());
    expect(Object.keys(d)).toEqual(['name', 'file', 'data', 'map']);
    expect([d.name, d.file, d.data.brief.title]).toEqual([
      'fx',
      'fx.yaml',
      'Baltic Sea cable protection roundtable (fictional)',
    ]);
    expect(d.map.locate(['meeting', 'date'])).toEqual(where(fixtureText(), '2024-11-05\n  place'));
    expect(summarise(d)).toBe(
      'fx: ok — 2 sources, 4 claims, 3 quotes, 4 actors, 4 people, 4 positions; quotes not verified (no --sources)',
    );
    // Without options at all, the same.
    expect(
      Object.keys(await checkDataset(loadDatasetBytes(new TextEncoder().encode(fixtureText()), 'fx.yaml'))),
    ).toEqual(['name', 'file', 'data', 'map']);
  });

  it("with a source folder: each quotation's citations verified and counted (q-tamm 2, q-ozolins 1, q-lindqvist 1)", async () => {
    const d = await check(fixtureText(), FIXTURE_SOURCES);
    expect(d.quotesVerified).toBe(4);
    expect(summarise(d)).toBe(
      'fx: ok — 2 sources, 4 claims, 3 quotes, 4 actors, 4 people, 4 positions; 4 quote citations verified against the source texts',
    );
  });

  it('an event that passed without an outcome is a warning, not an error', async () => {
    const text = fixtureWith('as_of: 2024-11-06', 'as_of: 2025-01-10');
    const d = await check(text);
    expect(d.warnings).toStrictEqual([
      {
        file: 'fx.yaml',
        ...where(text, '2024-12\n'),
        path: 'events[0].when',
        code: 'date/event-passed',
        severity: 'warning',
        message: 'event "ev-experts" was due by 2024-12, which passed before the brief\'s date (2025-01-10)',
        hint: 'record what happened (outcome: ...) or mark it pending (pending: true)',
      },
    ]);
  });

  it('the schema first: when it fails, no other check runs (an unknown host is not reported with it)', async () => {
    const text = fixtureWith('hosts: [estonia]', 'hosts: [estonio]').replace(
      '  format: Roundtable of transport ministers\n',
      '  format: 12\n',
    );
    const found = await problems(() => check(text));
    expect(found.map((d) => [d.code.split('/')[0], d.path, d.line])).toEqual([
      ['schema', 'meeting.format', where(text, '12\n').line],
    ]);
  });

  it("every other check's problems together, sorted by their place in the file, the quotations' with them", async () => {
    const text = fixtureText()
      .replace('hosts: [estonia]', 'hosts: [estonio]')
      .replace('date: 2024-11-05\n  place', 'date: 2024-11-31\n  place')
      .replace('text: "must come before the ships"', 'text: "must come after the ships"')
      .replace(
        'text: Experts are to meet in Riga in December., sources: [fb]',
        'text: Experts are to meet in Riga in December., sources: [fz]',
      );
    const found = await problems(() => check(text, FIXTURE_SOURCES));
    expect(found.map((d) => [d.code, d.path, d.line, d.col])).toEqual([
      ['date/invalid', 'meeting.date', where(text, '2024-11-31').line, where(text, '2024-11-31').col],
      ['ref/unknown-actor', 'meeting.hosts[0]', where(text, 'estonio').line, where(text, 'estonio').col],
      ['quote/not-found', 'quotes[2].text', where(text, '"must come after').line, where(text, '"must come after').col],
      ['ref/unknown-source', 'claims[3].sources[0]', where(text, 'fz]').line, where(text, 'fz]').col],
    ]);
  });
});

describe('the summary of --check', () => {
  const counted = (n: number, verified?: number): CheckedDataset => {
    const list = Array.from({ length: n }, () => ({}));
    const data = {
      sources: list,
      claims: list,
      quotes: list,
      actors: list,
      people: list,
      positions: list,
    } as unknown as Dataset;
    return {
      name: 'm',
      file: 'm.yaml',
      data,
      map: undefined as never,
      ...(verified === undefined ? {} : { quotesVerified: verified }),
    };
  };

  it('one of each in the singular, none and several in the plural, "people" for persons', () => {
    expect(summarise(counted(1, 1))).toBe(
      'm: ok — 1 source, 1 claim, 1 quote, 1 actor, 1 person, 1 position; 1 quote citation verified against the source texts',
    );
    expect(summarise(counted(0, 0))).toBe(
      'm: ok — 0 sources, 0 claims, 0 quotes, 0 actors, 0 people, 0 positions; 0 quote citations verified against the source texts',
    );
    expect(summarise(counted(2))).toBe(
      'm: ok — 2 sources, 2 claims, 2 quotes, 2 actors, 2 people, 2 positions; quotes not verified (no --sources)',
    );
  });
});
