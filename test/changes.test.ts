// What changed since the last brief (--since): the fixture pair (the bundled
// dataset as version 1, test/fixtures/changes/ as version 2 with a changed
// stance, an added and a removed claim, a changed quote context and a new
// source), read in every format; git revisions; vague dates; the same
// version; and an earlier version that fails to load.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from './support/ooxml.js';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffDatasets } from '../src/data/diff.js';
import type { Dataset } from '../src/data/types.js';
import { parse as parseYamlText } from 'yaml';
import { BUNDLED, ROOT, runCli, tempDir, tool, where, writeTemp } from './helpers.js';

const V2 = join(ROOT, 'test', 'fixtures', 'changes', 'coalition-of-the-willing-2025-04-10.yaml');
const NAME = 'coalition-of-the-willing-2025-04-10';
const TRILATERAL = join(ROOT, 'test', 'fixtures', 'shapes', 'trilateral-tokyo-2025-03-22.yaml');
const load = (file: string) => parseYamlText(readFileSync(file, 'utf8')) as Dataset;
const pdfText = (file: string) =>
  execFileSync(tool('pdftotext'), ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const docxText = (file: string) =>
  strFromU8(unzipSync(readFileSync(file))['word/document.xml']!).replace(/<[^>]+>/g, '');

/** The bundled dataset's text with one exact string replaced (which must occur once). */
function bundledWith(find: string, replace: string): string {
  const text = readFileSync(BUNDLED, 'utf8');
  expect(text.split(find)).toHaveLength(2);
  return text.replace(find, replace);
}

describe('the diff, fact by fact', () => {
  it("finds exactly the fixture pair's five changes, matched by id", () => {
    const changes = diffDatasets(load(BUNDLED), load(V2));
    expect(
      changes.map(
        (c) => `${c.section} ${c.kind} ${c.id}${c.fields.length ? ` [${c.fields.map((f) => f.field).join(',')}]` : ''}`,
      ),
    ).toEqual([
      'positions changed netherlands/mission [value,sources]',
      'claims added c-followup-planners',
      'claims removed c-attendees-caption',
      'quotes changed q-healey-stepping-up [context]',
      'sources added s5',
    ]);
  });

  it('reordering lists of ids is not a change; a renamed id reads as one removed and one added', () => {
    const v1 = load(BUNDLED);
    const v2 = structuredClone(v1);
    v2.claims[0]!.sources.reverse();
    expect(diffDatasets(v1, v2)).toEqual([]);
    v2.claims[0]!.id = 'c-meeting-took-place';
    expect(diffDatasets(v1, v2).map((c) => `${c.kind} ${c.id}`)).toEqual([
      'added c-meeting-took-place',
      'removed c-meeting-held',
    ]);
  });

  it('vague dates: "later this year" moves with the meeting; "2025-Q3" to "2025-09" is a change; the same words are not', () => {
    const v1 = load(TRILATERAL);
    const same = structuredClone(v1);
    expect(diffDatasets(v1, same)).toEqual([]);
    const moved = structuredClone(v1);
    moved.meeting.date = '2026-03-22';
    expect(
      diffDatasets(v1, moved)
        .filter((c) => c.section === 'events')
        .map((c) => `${c.id} ${c.fields.map((f) => f.field)}`),
    ).toEqual(['ev-summit when', 'ev-officials when']);
    const quarter = structuredClone(v1);
    quarter.events![0]!.when = '2025-Q3';
    const month = structuredClone(quarter);
    month.events![0]!.when = '2025-09';
    expect(diffDatasets(quarter, month).map((c) => `${c.id} ${c.fields.map((f) => f.field)}`)).toEqual([
      'ev-summit when',
    ]);
  });
});

describe('rendered in every format', () => {
  let out: string;
  beforeAll(async () => {
    out = tempDir('brief-changes-');
    const r = await runCli(['--data', V2, '--since', BUNDLED, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  const file = (f: string) => join(out, NAME, f);

  it('the memo: "Changes since" right after the bottom line, each change cited', () => {
    const md = readFileSync(file('memo.md'), 'utf8');
    const headings = [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 3)).toEqual([
      'Bottom line up front',
      'Changes since the version of 10 April 2025',
      'Background',
    ]);
    const section = md.slice(md.indexOf('## Changes since'), md.indexOf('## Background'));
    const items = section.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      expect.stringMatching(
        /^- Changed: Netherlands, Mission type: now Monitoring \(was: Undecided\); sources: adds one, drops three\.\[\^\d+\]$/,
      ),
      expect.stringMatching(
        /^- New: \(Fictional, for testing\.\) Planners were asked to report back to ministers within a month\.\[\^\d+\]$/,
      ),
      expect.stringMatching(
        /^- Withdrawn: Admiral Tony Radakin, Rustem Umerov and Sébastien Lecornu were among those at the table\.\[\^\d+\]$/,
      ),
      expect.stringMatching(
        /^- Changed: “Together we’re stepping up as one.*” \(John Healey\): context now “Opening the meeting, before the closed session\.” \(was: “Opening the meeting\.”\)\.(\[\^\d+\])+$/,
      ),
      expect.stringMatching(/^- New: “\\\[Fictional follow-up report, for testing the changes list\\\]”\.\[\^\d+\]$/),
    ]);
    // The memo keeps its two-page budget: with a changes section it gives less context and fewer key points.
    expect(
      Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [file('memo.pdf')], { encoding: 'utf8' }))![1]),
    ).toBe(2);
    expect(md).toContain('- The FAQ gives');
    for (const f of ['memo.pdf', 'memo.docx']) {
      const t = f.endsWith('pdf') ? pdfText(file(f)) : docxText(file(f));
      expect(t, f).toContain('Changes since the version of 10 April 2025');
      expect(t, f).toContain('Changed: Netherlands, Mission type: now Monitoring (was: Undecided)');
    }
  });

  it('the changes document, in PDF, DOCX and Markdown: every change under its section, with citations; withdrawn items cite what they had', () => {
    const md = readFileSync(file('changes.md'), 'utf8');
    expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual([
      'Positions',
      'Facts and statements',
      'Quotations',
      'Sources',
      'Citations',
    ]);
    expect(md).toContain('five changes: two new, two changed, one withdrawn');
    const withdrawn = /^- \*\*Withdrawn:\*\* Admiral Tony Radakin.*\[\^(\d+)\]$/m.exec(md)!;
    // The withdrawn caption claim cited s0, the first report.
    expect(md).toMatch(
      new RegExp(
        `^\\[\\^${withdrawn[1]}\\]: “Defence Ministers Discuss ‘Reassurance Force’ for Ukraine in Event of Ceasefire”`,
        'm',
      ),
    );
    expect(md).toMatch(
      /^- \*\*Changed:\*\* Netherlands, Mission type: now Monitoring \(was: Undecided\); sources: adds “\\\[Fictional follow-up report, for testing the changes list\\\]”, and drops “Defence Ministers Discuss/m,
    );
    for (const f of ['changes.pdf', 'changes.docx']) {
      const t = f.endsWith('pdf') ? pdfText(file(f)) : docxText(file(f));
      for (const needle of [
        'What changed: Coalition of the Willing',
        'Withdrawn: Admiral Tony Radakin',
        'New: (Fictional, for testing.)',
        'context now “Opening the meeting, before the closed session.”',
      ])
        expect(t, `${f}: ${needle}`).toContain(needle);
    }
  });

  it('the matrix: the changed cell marked Δ with a note of the earlier answer, and the mark in the legend', () => {
    const md = readFileSync(file('matrix.md'), 'utf8');
    const row = md.split('\n').find((l) => l.startsWith('| **Netherlands** |'))!;
    const note = /Monitoring<\/span>\[\^\d+\] Δ\[\^(\d+)\]/.exec(row)!;
    expect(md).toMatch(
      new RegExp(
        `^\\[\\^${note[1]}\\]: Netherlands, Mission type: was: Undecided \\(the version of 10 April 2025\\)$`,
        'm',
      ),
    );
    expect(md).toContain(
      '| Δ | Changed | the answer or its condition changed since the version of 10 April 2025; the note gives what it was |',
    );
    // Only that cell.
    expect(md.match(/ Δ\[\^/g)).toHaveLength(1);
    expect(pdfText(file('matrix.pdf'))).toContain(
      'Netherlands, Mission type: was: Undecided (the version of 10 April 2025)',
    );
    // In Word the notes are the numbered list after the text (docx_notes: list, the default).
    expect(docxText(file('matrix.docx'))).toContain(
      'Netherlands, Mission type: was: Undecided (the version of 10 April 2025)',
    );
  });

  it("the DOCX files pass Microsoft's validator", async () => {
    for (const f of ['memo.docx', 'changes.docx', 'matrix.docx'])
      expect(await validate(new Uint8Array(readFileSync(file(f))), 'docx', 'Microsoft365'), f).toEqual([]);
  }, 60_000);

  it('without --since: no changes document, no section, no mark', async () => {
    const o = tempDir('brief-changes-none-');
    await runCli(['--data', BUNDLED, '--out', o, '--format', 'md', '--quiet']);
    expect(readdirSync(join(o, NAME)).sort()).toEqual([
      'faq.md',
      ...[1, 2, 3, 4, 5].map((n) => `matrix-figure-${n}.svg`),
      'matrix.md',
      'memo.md',
    ]);
    expect(readFileSync(join(o, NAME, 'memo.md'), 'utf8')).not.toContain('Changes since');
    expect(readFileSync(join(o, NAME, 'matrix.md'), 'utf8')).not.toContain('Δ');
  });
});

describe('earlier versions', () => {
  it('a silent cell that gains an answer and sources: the new answer, what it was, and how many sources it gained', async () => {
    const now = bundledWith(
      "  - actor: germany\n    summary: Not reported on the force itself; co-chairs the next day's Ukraine Defence Contact Group.\n    stances:\n      troops: { value: not_stated }",
      '  - actor: germany\n    summary: Not reported on the force itself; co-chairs the next day\'s Ukraine Defence Contact Group.\n    stances:\n      troops: { value: "no", sources: [s1] }',
    );
    const o = tempDir('brief-changes-silent-');
    const r = await runCli([
      '--data',
      writeTemp(`${NAME}.yaml`, now),
      '--since',
      BUNDLED,
      '--out',
      o,
      '--only',
      'memo,changes',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(o, NAME, 'memo.md'), 'utf8')).toMatch(
      /^- Changed: Germany, Troop contribution: now No \(was: Not stated\); sources: adds one\.\[\^\d+\]$/m,
    );
    expect(readFileSync(join(o, NAME, 'changes.md'), 'utf8')).toMatch(
      /^- \*\*Changed:\*\* Germany, Troop contribution: now No \(was: Not stated\); sources: adds “Defence ministers from .Coalition of the Willing. for Ukraine meet, without the US”\[\^\d+\]$/m,
    );
  });

  it('the same version: "No changes since ..."', async () => {
    const o = tempDir('brief-changes-same-');
    const r = await runCli(['--data', BUNDLED, '--since', BUNDLED, '--out', o, '--format', 'md', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(o, NAME, 'memo.md'), 'utf8')).toContain(
      '## Changes since the version of 10 April 2025\n\nNo changes since the version of 10 April 2025.',
    );
    expect(readFileSync(join(o, NAME, 'changes.md'), 'utf8')).toContain(
      'No changes since the version of 10 April 2025.',
    );
  });

  it('with document control, "since" names the earlier version; a withdrawn item whose source is gone cites the old source', async () => {
    const extra =
      '  - { id: c-old-only, kind: fact, topic: context, text: "An item only the earlier version had.", sources: [s-old] }\n';
    const old = bundledWith('  - { id: c-udcg-next-day,', `${extra}  - { id: c-udcg-next-day,`)
      .replace(
        '\nactors:\n',
        '\n  - { id: s-old, file: old.txt, title: "A report the new version dropped", kind: news_report }\n\nactors:\n',
      )
      .replace(
        '\nmeeting:\n',
        '\ncontrol: { version: "1.0", status: final, as_of: "2025-04-10T20:00:00Z", author: Unit }\n\nmeeting:\n',
      );
    const now = readFileSync(BUNDLED, 'utf8').replace(
      '\nmeeting:\n',
      '\ncontrol: { version: "1.1", status: draft, as_of: "2025-04-11T08:00:00Z", author: Unit }\n\nmeeting:\n',
    );
    const dir = tempDir('brief-changes-old-source-');
    const o = tempDir('brief-changes-old-source-out-');
    const r = await runCli([
      '--data',
      writeTemp(`${NAME}.yaml`, now, dir),
      '--since',
      writeTemp('v1.yaml', old),
      '--out',
      o,
      '--only',
      'changes',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(o, NAME, 'changes.md'), 'utf8');
    expect(md).toContain('Since version 1.0 of 10 April 2025, in version 1.1:');
    const ref = /^- \*\*Withdrawn:\*\* An item only the earlier version had\.\[\^(\d+)\]$/m.exec(md)!;
    expect(md).toMatch(new RegExp(`^\\[\\^${ref[1]}\\]: “A report the new version dropped”`, 'm'));
    expect(md).toMatch(/^- \*\*Withdrawn:\*\* “A report the new version dropped”/m);
    expect(md).toMatch(
      /^- \*\*Changed:\*\* Document control: version now 1\.1 \(was: 1\.0\); status now draft \(was: final\); as of 11 April 2025, 08:00 UTC \(was: 10 April 2025, 20:00 UTC\)$/m,
    );
  });

  it('a git revision: --since HEAD~1 compares with the committed version; a revision that does not exist is a usage error', async () => {
    const repo = tempDir('brief-changes-git-');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    mkdirSync(join(repo, 'data'));
    cpSync(BUNDLED, join(repo, 'data', `${NAME}.yaml`));
    git('add', '.');
    git('commit', '-qm', 'version 1');
    cpSync(V2, join(repo, 'data', `${NAME}.yaml`));
    git('commit', '-qam', 'version 2');
    const o = tempDir('brief-changes-git-out-');
    const r = await runCli([
      '--data',
      join(repo, 'data'),
      '--since',
      'HEAD~1',
      '--out',
      o,
      '--only',
      'changes',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(o, NAME, 'changes.md'), 'utf8')).toContain(
      'five changes: two new, two changed, one withdrawn',
    );
    const none = await runCli(['--data', join(repo, 'data'), '--since', 'v9', '--out', o]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--since: no file and no git revision "v9"');
    // A dataset added after the revision has nothing to compare with: an error for it, at its file.
    writeFileSync(join(repo, 'data', 'later.yaml'), readFileSync(BUNDLED));
    git('add', '.');
    git('commit', '-qm', 'another dataset');
    const later = await runCli(['--data', join(repo, 'data', 'later.yaml'), '--since', 'HEAD~1', '--out', o]);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain(
      'later.yaml: this file is not in git revision HEAD~1: there is no earlier version to compare with',
    );
    expect(existsSync(join(o, 'later'))).toBe(false);
  }, 60_000);

  it('an earlier version that fails to check is reported at its own places; exit 1; out/ unchanged', async () => {
    const broken = bundledWith(
      '    mission: { value: undecided, speaker: brekelmans, sources: [s0, s2, s3] }',
      '    mission: { value: undecidd, speaker: brekelmans, sources: [s0, s2, s3] }',
    );
    const old = writeTemp('v1-broken.yaml', broken);
    const o = tempDir('brief-changes-broken-');
    await runCli(['--data', V2, '--out', o, '--format', 'md', '--quiet']);
    const before = readdirSync(join(o, NAME)).map((f) => readFileSync(join(o, NAME, f), 'utf8'));
    const r = await runCli(['--data', V2, '--since', old, '--out', o, '--format', 'md']);
    expect(r.code).toBe(1);
    const at = where(broken, 'undecidd');
    expect(r.stderr).toContain(`v1-broken.yaml:${at.line}:${at.col}:`);
    expect(r.stderr).toContain(
      'positions[4].stances.mission.value: "undecidd" is not a category of dimension "mission"',
    );
    expect(readdirSync(join(o, NAME)).map((f) => readFileSync(join(o, NAME, f), 'utf8'))).toEqual(before);
  });

  it('--since FILE with a folder of several datasets is a usage error', async () => {
    const dir = tempDir('brief-changes-folder-');
    cpSync(BUNDLED, join(dir, 'a.yaml'));
    cpSync(BUNDLED, join(dir, 'b.yaml'));
    const r = await runCli(['--data', dir, '--since', BUNDLED, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--since FILE compares one dataset');
  });
});

describe('--track-changes: Word tracked changes', () => {
  let tracked: string;
  let plain: string;
  let earlier: string;
  beforeAll(async () => {
    [tracked, plain, earlier] = [
      tempDir('brief-track-'),
      tempDir('brief-track-plain-'),
      tempDir('brief-track-earlier-'),
    ];
    // Without page budgets every list is whole in each build, so a build of the earlier version alone has the selection
    // the tracked document compares it with (with budgets, the earlier version is fitted with the current one's choices).
    const templates = tempDir('brief-track-templates-');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    for (const f of readdirSync(templates).filter((n) => n.endsWith('.md.hbs')))
      writeFileSync(join(templates, f), readFileSync(join(templates, f), 'utf8').replace(/^pages: \d+\n/m, ''));
    // The earlier version is tracked against as it reads beside a changes section (compared with itself): the same selection.
    for (const [args, o] of [
      [['--data', V2, '--since', BUNDLED, '--track-changes'], tracked],
      [['--data', V2, '--since', BUNDLED], plain],
      [['--data', BUNDLED, '--since', BUNDLED], earlier],
    ] as const) {
      const r = await runCli([...args, '--templates', templates, '--out', o, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 60_000);
  const part = (dir: string, doc: string, name = 'word/document.xml') =>
    strFromU8(unzipSync(readFileSync(join(dir, NAME, `${doc}.docx`)))[name]!);
  /** Paragraph texts, without citation marks (footnote references, cross-references, their superscript commas) or the notes list (Word footnotes in a tracked document). */
  const paragraphs = (xml: string) =>
    xml
      .replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="EndnoteText"\/>[\s\S]*?<\/w:p>/g, '')
      .replace(/<w:fldSimple[\s\S]*?<\/w:fldSimple>/g, '')
      .replace(/<w:footnoteReference[^>]*\/>/g, '')
      .replace(/<w:r>(?:(?!<\/w:r>)[\s\S])*?w:val="superscript"[\s\S]*?<\/w:r>/g, '')
      .split(/<w:p[ >]/)
      .slice(1)
      .map((p) => [...p.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((m) => m[1]).join(''))
      .filter((p) => p.trim());
  const marks = (x: string) => x.replace(/<w:(ins|del) [^>]*\/>/g, '');
  const accept = (x: string) =>
    marks(x)
      .replace(/<w:del [^>]*>[\s\S]*?<\/w:del>/g, '')
      .replace(/<\/?w:ins(?: [^>]*)?>/g, '');
  const reject = (x: string) =>
    marks(x)
      .replace(/<w:ins [^>]*>[\s\S]*?<\/w:ins>/g, '')
      .replace(/<\/?w:del(?: [^>]*)?>/g, '');

  it.each(['memo', 'faq', 'matrix'])(
    "%s: accepting every change gives the current document, rejecting every one the earlier version's text (with the same selection)",
    (doc) => {
      const xml = part(tracked, doc);
      expect(xml.match(/<w:ins /g)?.length ?? 0).toBeGreaterThan(0);
      expect(paragraphs(accept(xml))).toEqual(paragraphs(part(plain, doc)));
      expect(paragraphs(reject(xml))).toEqual(paragraphs(part(earlier, doc)));
    },
  );

  it("a tracked document keeps Word footnotes (not the notes list): the new source's note goes with its citation when the change is rejected", () => {
    const xml = part(tracked, 'memo');
    expect(xml).not.toContain('<w:pStyle w:val="EndnoteText"/>');
    const notes = part(tracked, 'memo', 'word/footnotes.xml');
    const id = /<w:footnote w:id="(\d+)"(?:(?!<\/w:footnote>)[\s\S])*Fictional follow-up report/.exec(notes)?.[1];
    expect(id).toBeDefined();
    expect(accept(xml)).toContain(`<w:footnoteReference w:id="${id}"/>`);
    expect(reject(xml)).not.toContain(`<w:footnoteReference w:id="${id}"/>`);
  });

  it("revisions are by the dataset's author at its date, Word opens with tracking on, and the validator passes", async () => {
    const xml = part(tracked, 'memo');
    const authors = new Set(
      [...xml.matchAll(/<w:(?:ins|del) [^>]*w:author="([^"]*)" w:date="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`),
    );
    expect([...authors]).toEqual(['Brief (curated dataset) 2025-04-10T00:00:00Z']);
    expect(xml).toMatch(
      /<w:del [^>]*><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:delText xml:space="preserve">Latvia, the Netherlands<\/w:delText>/,
    );
    expect(part(tracked, 'memo', 'word/settings.xml')).toContain('<w:trackRevisions/>');
    for (const doc of ['memo', 'faq', 'matrix', 'changes'])
      expect(
        await validate(new Uint8Array(readFileSync(join(tracked, NAME, `${doc}.docx`))), 'docx', 'Microsoft365'),
        doc,
      ).toEqual([]);
    // PDF and Markdown are the same with and without tracking.
    for (const f of ['memo.pdf', 'memo.md', 'matrix.pdf'])
      expect(readFileSync(join(tracked, NAME, f)).equals(readFileSync(join(plain, NAME, f))), f).toBe(true);
  }, 60_000);

  it('needs --since and DOCX output: usage errors otherwise', async () => {
    const a = await runCli(['--data', V2, '--track-changes', '--out', tempDir()]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--track-changes needs --since');
    const b = await runCli([
      '--data',
      V2,
      '--since',
      BUNDLED,
      '--track-changes',
      '--format',
      'pdf',
      '--out',
      tempDir(),
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--track-changes writes Word tracked changes: --format must include docx');
  });
});
