import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../src/data/check.js';
import { loadDatasetFile } from '../src/data/load.js';
import { normaliseForQuote } from '../src/data/quotes.js';
import type { Dataset } from '../src/data/types.js';
import {
  BUNDLED,
  FIXTURE,
  FIXTURE_SOURCES,
  fixtureText,
  fixtureWith,
  itWithSeeds,
  ROOT,
  runCli,
  SEEDS,
  tempDir,
  where,
  writeTemp,
} from './helpers.js';

/** Runs --check on `text` and returns the result plus the temp file's path. */
async function check(text: string | Uint8Array, extra: string[] = []) {
  const file = writeTemp('bad.yaml', text);
  const result = await runCli(['--check', '--data', file, ...extra]);
  return { ...result, file };
}

/** Expects exit 1 and a diagnostic `file:line:col: path: message`. */
async function expectProblem(
  text: string | Uint8Array,
  at: { line: number; col: number },
  path: string,
  message: RegExp,
  extra: string[] = [],
) {
  const r = await check(text, extra);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const prefix = `${r.file}:${at.line}:${at.col}: ${path ? path + ': ' : ''}`;
  const line = r.stderr.split('\n').find((l) => l.startsWith(prefix));
  expect(line, `no diagnostic starting ${prefix} in:\n${r.stderr}`).toBeDefined();
  expect(line!.slice(prefix.length)).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
  return r;
}

describe('the bundled dataset', () => {
  itWithSeeds('passes every check, with quotes verified against the seed reports', async () => {
    const r = await runCli(['--check', '--data', BUNDLED, '--sources', SEEDS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^coalition-of-the-willing-2025-04-10: ok — 5 sources, \d+ claims, \d+ quotes, 17 actors, \d+ people, 13 positions; \d+ quote citations verified/,
    );
  });

  itWithSeeds(
    'cites a source on every claim, quote and stated position, and verifies every quote citation',
    async () => {
      const loaded = await loadDatasetFile(BUNDLED);
      const dataset = await checkDataset(loaded, { sourcesDir: SEEDS });
      const data = dataset.data;
      expect(dataset.quotesVerified).toBe(data.quotes.reduce((n, q) => n + q.sources.length, 0));
      for (const c of data.claims) expect(c.sources.length).toBeGreaterThan(0);
      for (const p of data.positions) {
        for (const [dim, s] of Object.entries(p.stances)) {
          if (s.value !== 'not_stated' && s.value !== 'not_applicable')
            expect(s.sources?.length, `${p.actor}.${dim}`).toBeGreaterThan(0);
        }
      }
    },
  );

  it('spells the people right and records the variants the sources use', async () => {
    const data = (await loadDatasetFile(BUNDLED)).data as Dataset;
    const names = new Map(data.people.map((p) => [p.id, p]));
    expect(names.get('jonson')?.name).toBe('Pål Jonson');
    expect(names.get('hakkanen')?.name).toBe('Antti Häkkänen');
    expect(names.get('sprudzs')?.name).toBe('Andris Sprūds');
    expect(names.get('kallas')?.name).toBe('Kaja Kallas');
    expect(names.get('lecornu')?.name).toBe('Sébastien Lecornu');
    expect(names.get('kallas')?.variants?.map((v) => v.spelling)).toContain('Kaja Kalals');
    expect(names.get('hakkanen')?.variants?.map((v) => v.spelling)).toContain('Annit Häkkänen');
    const actors = new Set(data.actors.map((a) => a.id));
    for (const id of [
      'uk',
      'france',
      'ukraine',
      'sweden',
      'netherlands',
      'finland',
      'latvia',
      'poland',
      'greece',
      'italy',
      'germany',
      'eu',
      'us',
      'russia',
      'nato',
    ]) {
      expect(actors, id).toContain(id);
    }
    expect(data.meeting.participants).toMatchObject({ value: 30, qualifier: 'about' });
    expect(data.discrepancies?.map((d) => d.id)).toEqual(
      expect.arrayContaining(['d-hegseth-udcg', 'd-kallas-spelling', 'd-hakkanen-spelling']),
    );
  });

  itWithSeeds('holds no sentence copied from a source: claims are our own words', async () => {
    const data = (await loadDatasetFile(BUNDLED)).data as Dataset;
    const sources = data.sources.map((s) => normaliseForQuote(readFileSync(`${SEEDS}/${s.file}`, 'utf8')));
    for (const c of data.claims) {
      // Any run of 12 words shared with a source would be copying, not curating.
      const words = normaliseForQuote(c.text).split(' ');
      for (let i = 0; i + 12 <= words.length; i++) {
        const run = words.slice(i, i + 12).join(' ');
        for (const s of sources) expect(s.includes(run), `${c.id}: "${run}"`).toBe(false);
      }
    }
  });
});

describe('the second, fictional dataset', () => {
  it('passes with its own sources, dimensions and actors', async () => {
    const r = await runCli(['--check', '--data', FIXTURE, '--sources', FIXTURE_SOURCES]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^fictional-roundtable-2024-11-05: ok — 2 sources, 4 claims, 3 quotes, 4 actors, 4 people, 4 positions; 4 quote citations verified/,
    );
  });

  it('checks every dataset in a folder and says which failed', async () => {
    const dir = tempDir();
    writeTemp('a-good.yaml', fixtureText(), dir);
    writeTemp('b-bad.yaml', fixtureWith('as_of: 2024-11-06', 'as_of: 2024-13-06'), dir);
    const r = await runCli(['--check', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a-good: ok/);
    expect(r.stderr).toContain('b-bad.yaml:');
    expect(r.stderr).toMatch(/b-bad\.yaml: 1 problem; nothing written for it$/m);
  });
});

describe('YAML problems are reported at their position', () => {
  it('syntax error', async () => {
    const text = fixtureWith('hosts: [estonia]', 'hosts: [estonia');
    await expectProblem(
      text,
      where(text, '  chairs: [tamm]', 2),
      '',
      /must be sufficiently indented and end with a \]/,
    );
  });

  it('a value with ": " that should be quoted', async () => {
    const text = fixtureWith('purpose: Ministers met to agree', 'purpose: Aim: ministers met to agree');
    await expectProblem(text, where(text, 'Aim:'), '', /must be put in quotes/);
  });

  it('tab indentation', async () => {
    const text = fixtureWith('  format: Roundtable', '\tformat: Roundtable');
    await expectProblem(text, where(text, '\tformat'), '', /^tab used for indentation/);
  });

  it('duplicate key', async () => {
    const text = fixtureWith('  level: other_ministers\n', '  level: other_ministers\n  date: 2024-11-07\n');
    await expectProblem(text, where(text, '  date: 2024-11-07', 2), '', /^duplicate key "date"/);
  });

  it('alias bomb: bounded expansion, refused with a position', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    const r = await expectProblem(bomb, { line: 2, col: 8 }, '', /too large a document/);
    expect(r.stderr).toContain('hint:');
  });

  it('alias with no anchor', async () => {
    const text = fixtureWith('hosts: [estonia]', 'hosts: *nowhere');
    await expectProblem(text, where(text, '*nowhere'), '', /alias \*nowhere refers to no anchor/);
  });

  it('custom tag', async () => {
    const text = fixtureWith('level: other_ministers', 'level: !python/object other_ministers');
    await expectProblem(text, where(text, '!python'), '', /Unresolved tag: !python\/object: datasets use plain YAML/);
  });

  it('two documents in one file', async () => {
    const text = fixtureText() + '---\nschema_version: 1\n';
    await expectProblem(text, where(text, '---\nschema_version'), '', /one YAML document/);
  });

  it('empty file, and a file of comments only', async () => {
    await expectProblem('', { line: 1, col: 1 }, '', /^the dataset is empty/);
    await expectProblem('# nothing here\n\n', { line: 1, col: 1 }, '', /^the dataset is empty/);
  });

  it('not YAML: prose, a list, binary, not UTF-8', async () => {
    await expectProblem(
      'Just some notes about the meeting.\n',
      { line: 1, col: 1 },
      '',
      /expected a YAML mapping .* found the text "Just some notes/,
    );
    await expectProblem('- a\n- b\n', { line: 1, col: 1 }, '', /expected a YAML mapping .* found a list/);
    await expectProblem(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), { line: 1, col: 1 }, '', /binary file/);
    await expectProblem(
      new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      { line: 1, col: 1 },
      '',
      /not valid UTF-8/,
    );
  });
});

describe('schema problems: all of them, each at the offending value or key', () => {
  it('reports every violation in one run', async () => {
    let text = fixtureWith('as_of: 2024-11-06', 'as_of: 6 November 2024');
    text = text.replace('level: other_ministers', 'level: ministers');
    text = text.replace('  purpose: Ministers met to agree joint patrols protecting undersea cables.\n', '');
    text = text.replace('role: Observer,', 'role: Observer, rank: 3,');
    const r = await check(text);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(
      `${r.file}:${where(text, '6 November 2024').line}:10: brief.as_of: "6 November 2024" is not a valid date (YYYY-MM-DD, a real calendar date)`,
    );
    const level = where(text, 'ministers\n  hosts');
    expect(
      lines.find((l) =>
        l.startsWith(
          `${r.file}:${level.line}:${level.col}: meeting.level: "ministers" is not one of the allowed values`,
        ),
      ),
    ).toBeDefined();
    const meeting = where(text, 'name: Baltic Sea cable');
    expect(lines).toContain(`${r.file}:${meeting.line}:${meeting.col}: meeting: missing required property "purpose"`);
    const rank = where(text, 'rank: 3');
    expect(lines).toContain(`${r.file}:${rank.line}:${rank.col}: people[3].rank: unknown property "rank"`);
    expect(r.stderr).toMatch(/: 4 problems; nothing written for it$/);
  });

  it('unknown property with a did-you-mean hint', async () => {
    const text = fixtureWith('  hosts: [estonia]', '  host: [estonia]');
    const r = await expectProblem(text, where(text, 'host:', 0), 'meeting.host', /^unknown property "host"/);
    expect(r.stderr).toContain('hint: did you mean "hosts"?');
  });

  it('wrong type', async () => {
    const text = fixtureWith('participants: { value: 9,', 'participants: { value: nine,');
    await expectProblem(
      text,
      where(text, 'nine'),
      'meeting.participants.value',
      /^must be a whole number, found text "nine"/,
    );
  });

  it('invalid id', async () => {
    const text = fixtureWith('- { id: fa, file', '- { id: Source A, file');
    await expectProblem(text, where(text, 'Source A'), 'sources[0].id', /has the wrong form: a lower-case slug/);
  });

  it('a stated position without sources', async () => {
    const text = fixtureWith(
      'funding: { value: "yes", speaker: lindqvist, sources: [fa] }',
      'funding: { value: "yes", speaker: lindqvist }',
    );
    await expectProblem(
      text,
      where(text, '{ value: "yes", speaker: lindqvist }'),
      'positions[2].stances.funding',
      /missing required property "sources"/,
    );
  });

  it('a claim with an empty source list', async () => {
    const text = fixtureWith(
      'text: Funding was left open., sources: [fb]',
      'text: Funding was left open., sources: []',
    );
    await expectProblem(text, where(text, '[]'), 'claims[1].sources', /needs at least 1 item, found 0/);
  });
});

describe('reference problems, at the bad reference', () => {
  const cases: { name: string; find: string; replace: string; at: string; path: string; message: RegExp }[] = [
    {
      name: 'unknown source',
      find: 'text: Funding was left open., sources: [fb]',
      replace: 'text: Funding was left open., sources: [fc]',
      at: 'fc]',
      path: 'claims[1].sources[0]',
      message: /^unknown source id "fc"/,
    },
    {
      name: 'unknown person',
      find: 'chairs: [tamm]',
      replace: 'chairs: [tam]',
      at: 'tam]',
      path: 'meeting.chairs[0]',
      message: /^unknown person id "tam".*/,
    },
    {
      name: 'unknown actor',
      find: 'hosts: [estonia]',
      replace: 'hosts: [estonai]',
      at: 'estonai',
      path: 'meeting.hosts[0]',
      message: /^unknown actor id "estonai"/,
    },
    {
      name: 'unknown claim',
      find: 'claims: [c-experts-riga]',
      replace: 'claims: [c-experts-tallinn]',
      at: 'c-experts-tallinn',
      path: 'events[0].claims[0]',
      message: /^unknown claim id "c-experts-tallinn"/,
    },
    {
      name: 'unknown quote',
      find: 'key_quote: q-tamm',
      replace: 'key_quote: q-tam',
      at: 'q-tam\n',
      path: 'positions[0].key_quote',
      message: /^unknown quote id "q-tam"/,
    },
    {
      name: 'duplicate id',
      find: '- { id: c-funding-open,',
      replace: '- { id: c-agreed,',
      at: 'c-agreed, kind: fact, topic: planning',
      path: 'claims[1].id',
      message: /^duplicate id "c-agreed" in claims/,
    },
    {
      name: 'unknown dimension',
      find: '      funding: { value: not_stated }\n  - actor: sweden',
      replace: '      fundng: { value: not_stated }\n  - actor: sweden',
      at: 'fundng',
      path: 'positions[1].stances.fundng',
      message: /^unknown dimension "fundng"/,
    },
    {
      name: 'category not allowed on the dimension',
      find: 'funding: { value: "yes", speaker: lindqvist',
      replace: 'funding: { value: open, speaker: lindqvist',
      at: 'open, speaker: lindqvist, sources',
      path: 'positions[2].stances.funding.value',
      message: /^"open" is not a category of dimension "funding"/,
    },
    {
      name: 'speaker for another actor',
      find: 'patrols: { value: "yes", speaker: ozolins',
      replace: 'patrols: { value: "yes", speaker: lindqvist',
      at: 'lindqvist, condition: Two',
      path: 'positions[1].stances.patrols.speaker',
      message: /^Åsa Lindqvist speaks for "sweden", not for "latvia"/,
    },
    {
      name: 'duplicate position',
      find: '  - actor: ukraine\n    stances:',
      replace: '  - actor: latvia\n    stances:',
      at: 'latvia\n    stances:\n      patrols: { value: not_applicable',
      path: 'positions[3].actor',
      message: /^a second position for actor "latvia"/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const text = fixtureWith(c.find, c.replace);
      await expectProblem(text, where(text, c.at), c.path, c.message);
    });
  }

  it('a missing stance, with the advice to write not_stated', async () => {
    const text = fixtureWith('      patrols: { value: not_applicable }\n', '');
    const r = await expectProblem(
      text,
      where(text, 'funding: { value: not_stated }\n\nquotes'),
      'positions[3].stances',
      /^no stance on dimension "patrols"/,
    );
    expect(r.stderr).toContain('not_stated');
  });

  it('suggests the id meant', async () => {
    const text = fixtureWith('chairs: [tamm]', 'chairs: [tam]');
    const r = await check(text);
    expect(r.stderr).toContain('hint: did you mean "tamm"?');
  });
});

describe('quote verification against the source texts', () => {
  it('normalises curly quotes, dashes and white space, nothing else', () => {
    expect(normaliseForQuote('“We’re ready — now”')).toBe(normaliseForQuote('"We\'re  ready—now"'));
    expect(normaliseForQuote('army\u2014that')).toBe(normaliseForQuote('army - that'));
    expect(normaliseForQuote('Ready')).not.toBe(normaliseForQuote('ready'));
  });

  it('a quote not in a source it cites is an error at the quote, saying where it diverges', async () => {
    const text = fixtureWith('text: "must come before the ships"', 'text: "must come before any ships"');
    const r = await expectProblem(
      text,
      where(text, '"must come before any'),
      'quotes[2].text',
      /^quote not found in source fb \(fx-b\.txt\)/,
      ['--sources', FIXTURE_SOURCES],
    );
    expect(r.stderr).toMatch(/hint: matches as far as "…must come before ", then the quote has "any ships…"/);
  });

  it('folds compatibility forms (NFKC): fullwidth and halfwidth forms are the same text', () => {
    expect(normaliseForQuote('Ｇ７の首脳は１２日、')).toBe(normaliseForQuote('G7の首脳は12日、'));
    expect(normaliseForQuote('ｶﾞｽ')).toBe(normaliseForQuote('ガス'));
    expect(normaliseForQuote('ﬁnal')).toBe('final');
    expect(normaliseForQuote('G7')).not.toBe(normaliseForQuote('G8'));
  });

  describe('a CJK quotation', () => {
    const MULTI = join(ROOT, 'test', 'fixtures', 'scripts');
    const DATA = readFileSync(join(MULTI, 'multiscript-ministerial-2025-06-12.yaml'), 'utf8');
    const QUOTE = '日本は海底ケーブルの情報共有に参加します';
    /** The fixture's sources, with the Japanese quotation as the reports would print it. */
    const sources = (printed: string) => {
      const dir = tempDir();
      for (const f of ['ms-a.txt', 'ms-b.txt'])
        writeFileSync(join(dir, f), readFileSync(join(MULTI, 'sources', f), 'utf8').replaceAll(QUOTE, printed));
      return dir;
    };

    it('matches a source that prints it with fullwidth letters and digits', async () => {
      const text = DATA.replace(QUOTE, '日本はG7と12日、海底ケーブルの情報共有に参加します');
      const r = await check(text, ['--sources', sources('日本はＧ７と１２日、海底ケーブルの情報共有に参加します')]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });

    it('that differs early: the hint names the first differing character and its place', async () => {
      const text = DATA.replace(QUOTE, '日本は海低ケーブルの情報共有に参加します');
      const r = await expectProblem(
        text,
        where(text, '"日本は海低'),
        'quotes[5].text',
        /^quote not found in source ma \(ms-a\.txt\)/,
        ['--sources', sources(QUOTE)],
      );
      expect(r.stderr).toContain(
        'hint: matches as far as "…日本は海", then the quote has "低ケーブルの情報共有に参加します…" where the source has "底ケーブルの情報共有に参加します',
      );
      expect(r.stderr).toContain(
        ': character 5 of the quote, 低 (U+4F4E), is 底 (U+5E95) in the source (cited at quotes[5].sources[0])',
      );
    });
  });

  it('a quote must be in every source it cites, not just one', async () => {
    const text = fixtureWith(
      "context: On Latvia's contribution., sources: [fa]",
      "context: On Latvia's contribution., sources: [fa, fb]",
    );
    await expectProblem(text, where(text, '"put two patrol'), 'quotes[1].text', /^quote not found in source fb/, [
      '--sources',
      FIXTURE_SOURCES,
    ]);
  });

  itWithSeeds('the bundled dataset fails if a quote is altered by one word', async () => {
    const text = readFileSync(BUNDLED, 'utf8').replace('There is a sense of urgency', 'There is a sense of emergency');
    const r = await check(text, ['--sources', SEEDS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/quotes\[\d+\]\.text: quote not found in source s1 \(001_9dbf6375c5c84b83\.txt\)/);
  });

  it('a variant spelling must occur in the sources said to use it', async () => {
    const text = fixtureWith('spelling: Asa Lindqvist', 'spelling: Åse Lindqvist');
    await expectProblem(
      text,
      where(text, 'fb] }]\n    sources: [fa, fb]\n  - { id: kovalenko'),
      'people[2].variants[0].sources[0]',
      /^spelling "Åse Lindqvist" does not occur in source fb/,
      ['--sources', FIXTURE_SOURCES],
    );
  });

  it('a source file missing from --sources is an error at its file name', async () => {
    const text = fixtureWith('file: fx-b.txt', 'file: fx-c.txt');
    await expectProblem(text, where(text, 'fx-c.txt'), 'sources[1].file', /^source text "fx-c\.txt" is not in /, [
      '--sources',
      FIXTURE_SOURCES,
    ]);
  });
});

describe('usage errors exit 2 with one line', () => {
  it('unknown flag', async () => {
    const r = await runCli(['--chek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("brief: Unknown option '--chek': did you mean --check? (see --help)");
  });
  it('a flag without its value', async () => {
    const r = await runCli(['--data']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data/);
  });
  it('a --data path that does not exist', async () => {
    const r = await runCli(['--check', '--data', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('no/such/file.yaml: no such dataset file or folder');
  });
  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('--sources DIR');
    expect([help.code, help.stderr]).toEqual([0, '']);
    const version = await runCli(['--version']);
    // The version printed is the package's own.
    expect(version.stdout).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    expect([version.code, version.stderr]).toEqual([0, '']);
  });
});

describe('loading', () => {
  it('maps values back to their line and column', async () => {
    const loaded = await loadDatasetFile(FIXTURE);
    const text = fixtureText();
    expect(loaded.map.locate(['people', 1, 'name'])).toEqual(where(text, 'Mārtiņš Ozoliņš\n'));
    expect(loaded.map.locate(['meeting', 'purpose'], 'key')).toEqual(where(text, 'purpose:'));
  });
});

describe('the schemas', () => {
  it('are valid JSON Schema 2020-12, with a description on every property', async () => {
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { readFileSync: read } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('./helpers.js');
    for (const name of [
      'brief.schema.json',
      'theme.schema.json',
      'front-matter.schema.json',
      'labels.schema.json',
      'recipients.schema.json',
    ]) {
      const schema = JSON.parse(read(join(ROOT, 'data', 'schema', name), 'utf8')) as Record<string, unknown>;
      const ajv = new Ajv2020.default({
        strict: true,
        strictRequired: false,
        allowUnionTypes: true,
        validateFormats: false,
      });
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
      // Every property in every properties map carries a description (directly or through its $ref).
      const missing: string[] = [];
      const walk = (node: unknown, path: string) => {
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (o.properties && typeof o.properties === 'object') {
          for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
            const ref =
              typeof v.$ref === 'string'
                ? (schema.$defs as Record<string, Record<string, unknown>>)[v.$ref.split('/').pop()!]
                : undefined;
            if (!v.description && !ref?.description) missing.push(`${path}.${k}`);
          }
        }
        for (const [k, v] of Object.entries(o)) if (k !== 'if') walk(v, `${path}.${k}`); // an if only tests values
      };
      walk(schema, name);
      expect(missing).toEqual([]);
    }
  });
});

describe('the validator cache', () => {
  it('gives the same errors from the cached standalone code as from a fresh compile', async () => {
    const { loadValidator } = await import('../src/shared/schema.js');
    const { readdirSync: list } = await import('node:fs');
    const dir = tempDir('brief-cache-');
    const schema = join(ROOT, 'data', 'schema', 'brief.schema.json');
    const fresh = loadValidator(schema, dir);
    expect(list(dir)).toEqual([expect.stringMatching(/^brief\.schema-[0-9a-f]{16}\.cjs$/)]);
    const cached = loadValidator(schema, dir);
    expect(cached).not.toBe(fresh);
    const bad = (await loadDatasetFile(FIXTURE)).data as Record<string, unknown>;
    const broken = { ...bad, extra: 1, brief: { ...(bad.brief as object), as_of: 'soon' } };
    const summary = (v: typeof fresh) => {
      v(broken);
      return (v.errors ?? []).map((e) => [e.instancePath, e.keyword, JSON.stringify(e.params), typeof e.parentSchema]);
    };
    expect(summary(cached)).toEqual(summary(fresh));
    expect(summary(cached).length).toBeGreaterThanOrEqual(2);
  });

  it('gives a changed schema a new cache entry, never the old code', async () => {
    const { loadValidator } = await import('../src/shared/schema.js');
    const { readdirSync: list } = await import('node:fs');
    const dir = tempDir('brief-cache-');
    const schemaOf = (maximum: number) =>
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { n: { type: 'integer', maximum } },
      });
    const file = writeTemp('tiny.schema.json', schemaOf(5));
    const before = loadValidator(file, dir);
    expect(before({ n: 4 })).toBe(true);
    writeFileSync(file, schemaOf(3));
    const after = loadValidator(file, dir);
    // The new rule holds, from a new entry beside the old one.
    expect(after({ n: 4 })).toBe(false);
    expect(list(dir).filter((f) => f.endsWith('.cjs')).length).toBe(2);
  });
});
