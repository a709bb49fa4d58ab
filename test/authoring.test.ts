/**
 * What a template author meets first (issue 24): comments in templates,
 * dataset text through {{{ }}}, front matter, helper options, and errors
 * that name the right file. Each user error: message, file:line:col, exit
 * code, and out/ unchanged.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { blocksText } from '../src/doc/walk.js';
import {
  FIXTURE,
  fixtureText,
  fixtureWith,
  parse,
  ROOT,
  runCli,
  startWatch,
  tempDir,
  tool,
  where,
  writeTemp,
} from './helpers.js';
import { built as shared, builtCopy } from './support/build-cache.js';

const DATASET = 'fictional-roundtable-2024-11-05';
const pdfText = (file: string) => execFileSync(tool('pdftotext'), ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const docxXml = (file: string) => strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);

/** A copy of the shipped templates, with some files added or replaced. */
function templatesWith(files: Record<string, string>): string {
  const dir = join(tempDir(), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file under `dir` with its hash: what "nothing written" is checked against. */
function hashes(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile())
      out[join(f.parentPath, f.name)] = createHash('sha256')
        .update(readFileSync(join(f.parentPath, f.name)))
        .digest('hex');
  }
  return out;
}

/** The three formats of one document, as text a reader gets. */
function formats(out: string, doc: string, dataset = DATASET) {
  const base = join(out, dataset, doc);
  return { pdf: pdfText(`${base}.pdf`), docx: docxXml(`${base}.docx`), md: readFileSync(`${base}.md`, 'utf8') };
}

const NOTES = `---
title: "{{brief.title}}: notes"
kind: Notes
orientation: portrait
---
# Notes

<!-- NOTE-ONE: a line of its own -->
Visible before <!-- NOTE-TWO inline --> visible after.

<!--
NOTE-THREE across lines, with {{brief.titel}} and | a | table | inside
-->
{{! NOTE-FOUR: the documented way }}
{{!-- NOTE-FIVE: the long form, <!-- even holding an HTML opener --}}
{{> noted}}

Last line.
`;

describe('item 1: a comment in a template never reaches a document', () => {
  const templates = templatesWith({
    'notes.md.hbs': NOTES,
    'partials/noted.md.hbs': '<!-- NOTE-SIX in a partial -->\nFrom the partial.\n',
  });
  const out = join(tempDir(), 'out');
  const built = runCli(['--data', FIXTURE, '--templates', templates, '--out', out, '--only', 'notes', '--quiet']);

  it('HTML comments and {{! }} comments are dropped from the PDF, the DOCX and the Markdown', async () => {
    const r = await built;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const f = formats(out, 'notes');
    for (const [format, text] of Object.entries(f)) {
      for (const n of ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX'])
        expect(text, `${format}: NOTE-${n}`).not.toContain(`NOTE-${n}`);
      expect(text, format).not.toMatch(/<!--|--&gt;|&lt;!--|-->|\{\{!/);
      for (const kept of ['Visible before', 'visible after.', 'From the partial.', 'Last line.'])
        expect(text.replace(/\s+/g, ' '), `${format}: ${kept}`).toContain(kept);
    }
  });

  it('six comments on lines of their own leave the memo exactly as it was', async () => {
    const memo = readFileSync(join(ROOT, 'templates', 'memo.md.hbs'), 'utf8');
    const commented = memo.replace(/^(## .*)$/gm, '<!-- author note: check this section before sending -->\n$1');
    expect(commented.split('<!--').length - 1).toBeGreaterThanOrEqual(6);
    const noted = join(tempDir(), 'out');
    const a = await shared(['--data', FIXTURE, '--only', 'memo', '--format', 'md', '--quiet']);
    const plain = a.out;
    const b = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templatesWith({ 'memo.md.hbs': commented }),
      '--out',
      noted,
      '--only',
      'memo',
      '--format',
      'md',
      '--quiet',
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readFileSync(join(noted, DATASET, 'memo.md'), 'utf8')).toBe(
      readFileSync(join(plain, DATASET, 'memo.md'), 'utf8'),
    );
  });

  it('positions after a comment are unchanged: a misspelt field there is placed exactly', async () => {
    const text = NOTES.replace('Last line.', 'Last {{brief.subjet}} line.');
    const templates2 = templatesWith({ 'notes.md.hbs': text, 'partials/noted.md.hbs': 'x\n' });
    const out2 = join(tempDir(), 'out');
    const r = await runCli(['--data', FIXTURE, '--templates', templates2, '--out', out2, '--only', 'notes']);
    expect(r.code).toBe(1);
    const at = where(text, 'brief.subjet');
    expect(r.stderr).toContain(`${join(templates2, 'notes.md.hbs')}:${at.line}:${at.col}: unknown field "subjet"`);
    expect(existsSync(out2)).toBe(false);
  });

  it('an HTML comment never closed is an error at its <!--, saying how to write a note; nothing is written', async () => {
    const text = NOTES.replace('Last line.', 'Last line. <!-- NOTE-SEVEN: never closed');
    const templates2 = templatesWith({ 'notes.md.hbs': text, 'partials/noted.md.hbs': 'x\n' });
    // The memo, from the run's shared build cache (a copy: the next builds go into it).
    const first = await builtCopy(['--data', FIXTURE, '--only', 'memo', '--format', 'md', '--quiet']);
    const out2 = first.out;
    expect(first.code).toBe(0);
    const before = hashes(out2);
    const r = await runCli(['--data', FIXTURE, '--templates', templates2, '--out', out2]);
    expect(r.code).toBe(1);
    const at = where(text, '<!-- NOTE-SEVEN');
    expect(r.stderr).toContain(
      `${join(templates2, 'notes.md.hbs')}:${at.line}:${at.col}: an HTML comment opened with <!-- is never closed with -->`,
    );
    expect(r.stderr).toContain('{{! like this }}');
    expect(hashes(out2)).toEqual(before);
    // In a partial too, at the partial's own line.
    const r2 = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templatesWith({ 'partials/noted.md.hbs': 'a\n\nb <!-- open\n' }),
      '--out',
      out2,
    ]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(
      /partials\/noted\.md\.hbs:3:3: an HTML comment opened with <!-- is never closed with -->/,
    );
    expect(hashes(out2)).toEqual(before);
  });

  it('the document parser hides a comment however it got into the Markdown', () => {
    const doc = parse('before\n\n<!-- block comment -->\n\nmiddle <!-- inline comment --> end\n');
    expect(blocksText(doc.blocks)).not.toContain('comment');
    expect(blocksText(doc.blocks)).toContain('middle');
    // Other raw HTML still stays text.
    expect(blocksText(parse('a <b>bold</b>\n').blocks)).toContain('<b>');
  });
});

describe('item 6: dataset text through {{{ }}} stays text', () => {
  const HOSTILE = '<img src=x onerror=alert(1)> [x](javascript:alert(1))';
  const data = writeTemp(
    `${DATASET}.yaml`,
    fixtureWith('title: "Baltic Sea cable protection roundtable (fictional)"', `title: ${JSON.stringify(HOSTILE)}`),
  );
  const templates = templatesWith({
    'raw.md.hbs': `---\ntitle: "{{{brief.title}}}"\nkind: Raw\norientation: portrait\n---\n# {{{brief.title}}}\n\nTriple: {{{brief.title}}}\n\nDouble: {{brief.title}}\n`,
  });
  const out = join(tempDir(), 'out');
  const built = runCli(['--data', data, '--templates', templates, '--out', out, '--only', 'raw', '--quiet']);

  it('arrives as literal text in the PDF, the DOCX and the Markdown: never HTML, never a link', async () => {
    const r = await built;
    expect(r.code, r.stderr).toBe(0);
    const f = formats(out, 'raw');
    // PDF: the characters as written, on each line.
    const pdf = f.pdf.replace(/\s+/g, ' ');
    expect(pdf).toContain(`Triple: ${HOSTILE}`);
    expect(pdf).toContain(`Double: ${HOSTILE}`);
    // DOCX: escaped XML text, no hyperlink, no image.
    expect(f.docx).toContain('Triple: &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))');
    expect(f.docx).not.toMatch(/<w:hyperlink|<w:drawing|<pic:/);
    // Markdown: any renderer (HTML allowed) reads it as text, never a tag or a link.
    const tokens = new MarkdownIt({ html: true, linkify: true }).parse(f.md, {});
    const inline = tokens.flatMap((t) => t.children ?? []);
    expect(inline.filter((t) => t.type === 'html_inline' && /img/.test(t.content))).toEqual([]);
    expect(tokens.filter((t) => t.type === 'html_block')).toEqual([]);
    expect(inline.filter((t) => t.type === 'link_open' || t.type === 'image')).toEqual([]);
    const html = new MarkdownIt({ html: true }).render(f.md);
    expect(html).not.toMatch(/<img|href="javascript/i);
    expect(html).toContain('Triple: &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))');
    // The document's title (metadata, running head) is the same text, from the front matter's {{{ }}}.
    expect(execFileSync(tool('pdfinfo'), [join(out, DATASET, 'raw.pdf')], { encoding: 'utf8' })).toMatch(
      new RegExp(`^Title: +${HOSTILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
    );
  });
});

describe('item 7: a document that needs --since, and whose mistake a template error is', () => {
  it('--only changes without --since is a usage error: exit 2, one reason, nothing written, no folder made', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['--data', FIXTURE, '--out', out, '--only', 'changes']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'brief: --only changes: this document lists what changed since an earlier version: give --since (a file or a git revision) (see --help)',
    );
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    const r2 = await runCli(['--data', FIXTURE, '--out', out, '--only', 'memo,changes', '--format', 'md']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/^brief: --only changes: /);
    expect(existsSync(out)).toBe(false);
    // With --since it is made.
    const r3 = await runCli([
      '--data',
      FIXTURE,
      '--since',
      FIXTURE,
      '--out',
      out,
      '--only',
      'changes',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r3.code, r3.stderr).toBe(0);
    expect(readdirSync(join(out, DATASET))).toEqual(['changes.md']);
  });

  it("a template error ends with the template's name and the dataset nothing was written for", async () => {
    const memo = readFileSync(join(ROOT, 'templates', 'memo.md.hbs'), 'utf8').replace(
      '{{> memo-header}}',
      '{{> memo-header}}\n{{brief.titel}}',
    );
    const templates = templatesWith({ 'memo.md.hbs': memo });
    const out = join(tempDir(), 'out');
    const r = await runCli(['--data', FIXTURE, '--templates', templates, '--out', out, '--format', 'md']);
    expect(r.code).toBe(1);
    const at = where(memo, 'brief.titel');
    const lines = r.stderr.split('\n');
    expect(lines).toContain(`${join(templates, 'memo.md.hbs')}:${at.line}:${at.col}: unknown field "titel"`);
    expect(lines).toContain(
      `${join(templates, 'memo.md.hbs')}: 1 problem; nothing written for test/fixtures/${DATASET}.yaml`,
    );
    expect(r.stderr).not.toContain('nothing written for it');
    expect(existsSync(join(out, DATASET))).toBe(false);
    // A dataset's own problem still ends "nothing written for it".
    const bad = writeTemp(`${DATASET}.yaml`, fixtureWith('as_of: 2024-11-06', 'as_of: 2024-13-06'));
    const r2 = await runCli(['--data', bad, '--out', out, '--format', 'md']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/: 1 problem; nothing written for it$/m);
  });
});

describe('item 4: front matter', () => {
  /** Builds the one document `raw` from `text`, into a folder already holding the memo; checks nothing else changed on failure. */
  async function raw(text: string, formats = 'md') {
    const templates = templatesWith({ 'raw.md.hbs': text });
    const first = await builtCopy(['--data', FIXTURE, '--only', 'memo', '--format', 'md', '--quiet']);
    const out = first.out;
    expect(first.code).toBe(0);
    const before = hashes(out);
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'raw',
      '--format',
      formats,
    ]);
    return { ...r, file: join(templates, 'raw.md.hbs'), out, unchanged: () => expect(hashes(out)).toEqual(before) };
  }

  it('a template with only title and kind builds, in portrait', async () => {
    const r = await raw('---\ntitle: "{{brief.title}}: notes"\nkind: Notes\n---\n# Notes\n\nText.\n', 'pdf,md');
    expect(r.code, r.stderr).toBe(0);
    const info = execFileSync(tool('pdfinfo'), [join(r.out, DATASET, 'raw.pdf')], { encoding: 'utf8' });
    const [, w, h] = /Page size: +([\d.]+) x ([\d.]+)/.exec(info)!;
    expect(Number(w)).toBeLessThan(Number(h));
    const list = await runCli(['--templates', join(r.file, '..'), '--list']);
    expect(list.stdout).toMatch(/^ {2}raw +kind: Notes; portrait;/m);
  });

  it('a misspelt field inside a front matter value is placed on that line, at the field', async () => {
    const text = '---\nkind: Notes\ntitle: "Notes on {{brief.titel}}"\n---\n# Notes\n\n{{brief.title}}\n';
    const r = await raw(text);
    expect(r.code).toBe(1);
    const at = where(text, 'brief.titel');
    expect(at.line).toBe(3);
    expect(r.stderr).toContain(`${r.file}:3:${at.col}: unknown field "titel"`);
    expect(r.stderr).toContain('hint: did you mean "title"?');
    expect(r.stderr).toContain(`${r.file}: 1 problem; nothing written for`);
    r.unchanged();
  });

  it('an unknown helper and a broken tag in a front matter value are placed there too', async () => {
    const text = '---\ntitle: Notes\nkind: "{{datum brief.as_of}}"\n---\n# Notes\n';
    const r = await raw(text);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${r.file}:3:8: unknown helper "datum"`);
    r.unchanged();
    const r2 = await raw('---\nkind: Notes\ntitle: {{brief.title}\n---\n# Notes\n');
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(new RegExp(`^${r2.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: `, 'm'));
    r2.unchanged();
  });

  it('an unclosed quote is placed where it opened, not where the front matter ends', async () => {
    const text = '---\ntitle: "{{brief.title}}\nkind: Notes\norientation: portrait\n---\n# Notes\n';
    const r = await raw(text);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`${r.file}:2:8: this double-quoted value is never closed: add the closing "`);
    r.unchanged();
    const r2 = await raw("---\ntitle: Notes\nkind: 'Briefing notes\n---\n# Notes\n");
    expect(r2.code).toBe(1);
    expect(r2.stderr.split('\n')[0]).toBe(
      `${r2.file}:3:7: this single-quoted value is never closed: add the closing '`,
    );
    r2.unchanged();
  });
});

describe('item 5: helper options are checked', () => {
  async function withMemo(edit: (t: string) => string) {
    const memo = edit(readFileSync(join(ROOT, 'templates', 'memo.md.hbs'), 'utf8'));
    const templates = templatesWith({ 'memo.md.hbs': memo });
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'md',
    ]);
    return { ...r, memo, file: join(templates, 'memo.md.hbs'), written: existsSync(join(out, DATASET)) };
  }
  const CALL = '{{> memo-header}}';

  it('an unknown option is an error at it, with did-you-mean', async () => {
    const r = await withMemo((t) => t.replace(CALL, `${CALL}\n\nHosts: {{join meeting.hosts "name" cnj="or"}}.`));
    expect(r.code).toBe(1);
    const at = where(r.memo, 'cnj=');
    expect(r.stderr).toContain(`${r.file}:${at.line}:${at.col}: {{join}} has no option cnj=`);
    expect(r.stderr).toContain('hint: did you mean conjunction=? ({{join}} takes conjunction=, max=, others=)');
    expect(r.written).toBe(false);
    const r2 = await withMemo((t) => t.replace(CALL, `${CALL}\n\n{{date brief.as_of format="long"}}`));
    expect(r2.code).toBe(1);
    const at2 = where(r2.memo, 'format=');
    expect(r2.stderr).toContain(`${r2.file}:${at2.line}:${at2.col}: {{date}} takes no options, found format=`);
    expect(r2.written).toBe(false);
  });

  it("an option of the wrong kind is an error: a literal where the template is loaded, a field's value where it runs", async () => {
    const r = await withMemo((t) => t.replace(CALL, `${CALL}\n\n{{join meeting.hosts "name" max="eight"}}`));
    expect(r.code).toBe(1);
    const at = where(r.memo, 'max=');
    expect(r.stderr).toContain(
      `${r.file}:${at.line}:${at.col}: {{join}}: max= takes a number, as in max=8; found "eight"`,
    );
    expect(r.written).toBe(false);
    const r2 = await withMemo((t) =>
      t.replace(CALL, `${CALL}\n\n{{join meeting.hosts "name" conjunction=brief.summary}}`),
    );
    expect(r2.code).toBe(1);
    const at2 = where(r2.memo, '{{join meeting.hosts "name" conjunction');
    expect(r2.stderr).toContain(
      `${r2.file}:${at2.line}:${at2.col}: {{join}}: conjunction= takes text, as in conjunction="or"; got a list`,
    );
    expect(r2.written).toBe(false);
  });

  it('conjunction= (and its short form conj=) and max= work', async () => {
    const memo = readFileSync(join(ROOT, 'templates', 'memo.md.hbs'), 'utf8').replace(
      CALL,
      `${CALL}\n\nA: {{join people "name" conjunction="or"}}\n\nB: {{join people "name" conj="or" max=1}}`,
    );
    const templates = templatesWith({ 'memo.md.hbs': memo });
    const out = join(tempDir(), 'out');
    const data = writeTemp(`${DATASET}.yaml`, fixtureText());
    const r = await runCli([
      '--data',
      data,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'md',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, DATASET, 'memo.md'), 'utf8');
    const a = md.split('\n').find((l) => l.startsWith('A: '))!;
    const b = md.split('\n').find((l) => l.startsWith('B: '))!;
    expect(a).toMatch(/^A: .+, .+ or .+$/);
    expect(a).not.toContain(' and ');
    expect(b).toMatch(/^B: [^,]+ or \w+ others$/);
  });

  it('{{join list}} of mappings without a field says what to write', async () => {
    const r = await withMemo((t) => t.replace(CALL, `${CALL}\n\nHosts: {{join meeting.hosts}}.`));
    expect(r.code).toBe(1);
    const at = where(r.memo, '{{join meeting.hosts}}');
    expect(r.stderr).toContain(
      `${r.file}:${at.line}:${at.col}: {{join}} was given a list of mappings without the field to join: name it, as in {{join list "name"}}`,
    );
    expect(r.stderr).toMatch(/hint: fields of an item that are text: .*\bname\b/);
    expect(r.written).toBe(false);
  });
});

describe('item 2: tracked changes mark changed facts only', () => {
  const OLD = 'John Healey chaired the meeting and urged ministers to press ahead with plans to deploy troops.';
  const NEW = 'John Healey chaired the meeting and asked ministers to move quickly on plans to deploy troops.';
  const NAME = 'coalition-of-the-willing-2025-04-10';
  const v1 = join(ROOT, 'data', `${NAME}.yaml`);
  const bundled = readFileSync(v1, 'utf8');
  const v2 = writeTemp(`${NAME}.yaml`, bundled.replace(OLD, NEW));
  const [tracked, plain, earlier] = [join(tempDir(), 'out'), join(tempDir(), 'out'), join(tempDir(), 'out')];
  const built = Promise.all([
    runCli(['--data', v2, '--since', v1, '--track-changes', '--format', 'docx', '--out', tracked, '--quiet']),
    runCli(['--data', v2, '--since', v1, '--format', 'docx', '--out', plain, '--quiet']),
    runCli(['--data', v1, '--since', v1, '--format', 'docx', '--out', earlier, '--quiet']),
  ]);
  const xmlOf = (dir: string, doc: string) => docxXml(join(dir, NAME, `${doc}.docx`));
  const unescape = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const revisions = (xml: string, tag: 'ins' | 'del') =>
    [...xml.matchAll(new RegExp(`<w:${tag} [^>]*>([\\s\\S]*?)</w:${tag}>`, 'g'))].map((m) =>
      unescape(
        [...m[1]!.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join(''),
      ),
    );
  /** Paragraph texts, citation marks and the notes list left out (a tracked document's notes are Word footnotes). */
  const paragraphs = (xml: string) =>
    xml
      .replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="EndnoteText"\/>[\s\S]*?<\/w:p>/g, '')
      .replace(/<w:fldSimple[\s\S]*?<\/w:fldSimple>/g, '')
      .replace(/<w:footnoteReference[^>]*\/>/g, '')
      .replace(/<w:r>(?:(?!<\/w:r>)[\s\S])*?w:val="superscript"[\s\S]*?<\/w:r>/g, '')
      .split(/<w:p[ >]/)
      .slice(1)
      .map((p) =>
        unescape([...p.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((m) => m[1]).join('')),
      )
      .filter((p) => p.trim());
  const accept = (x: string) =>
    x
      .replace(/<w:(ins|del) [^>]*\/>/g, '')
      .replace(/<w:del [^>]*>[\s\S]*?<\/w:del>/g, '')
      .replace(/<\/?w:ins(?: [^>]*)?>/g, '');

  it.each(['memo', 'faq', 'matrix'])(
    '%s: every deletion holds words of the old claim or of the earlier changes section; accepting all gives the current document',
    async (doc) => {
      const results = await built;
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const xml = xmlOf(tracked, doc);
      const earlierChanges = paragraphs(xmlOf(earlier, doc))
        .filter((p) => /^No changes since/.test(p))
        .join(' ');
      const oldWords = new Set(OLD.match(/[\p{L}\p{N}]+/gu));
      const dels = revisions(xml, 'del').filter((t) => t.trim());
      for (const d of dels) {
        const fromClaim = (d.match(/[\p{L}\p{N}]+/gu) ?? []).every((w) => oldWords.has(w));
        expect(
          fromClaim || (earlierChanges !== '' && earlierChanges.includes(d.trim())),
          `${doc}: deleted ${JSON.stringify(d)}`,
        ).toBe(true);
      }
      // The claim's own edit is there, word by word, where the document prints the claim.
      const now = paragraphs(xmlOf(plain, doc)).join('\n');
      if (now.includes(NEW)) {
        expect(dels.join(' ')).toMatch(/urged/);
        expect(revisions(xml, 'ins').join(' ')).toMatch(/asked/);
      }
      expect(paragraphs(accept(xml))).toEqual(paragraphs(xmlOf(plain, doc)));
    },
    60_000,
  );

  it('a claim withdrawn and another added in its place are deleted and inserted whole, never merged word by word', async () => {
    const GONE = 'Admiral Tony Radakin, Rustem Umerov and Sébastien Lecornu were among those at the table.';
    const CAME =
      '(Fictional, for testing.) Officials said that a further meeting of the ministers would follow in May.';
    const line = bundled.split('\n').find((l) => l.includes(GONE))!;
    const v3 = writeTemp(
      `${NAME}.yaml`,
      bundled.replace(line, line.replace('c-attendees-caption', 'c-test-replacement').replace(GONE, CAME)),
    );
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      v3,
      '--since',
      v1,
      '--track-changes',
      '--format',
      'docx',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const xml = xmlOf(out, 'faq');
    expect(paragraphs(xml).join('\n')).toContain(CAME);
    expect(revisions(xml, 'del')).toContain(GONE);
    expect(revisions(xml, 'ins')).toContain(CAME);
    // No deletion holds part of the old sentence beside part of the new one.
    for (const d of revisions(xml, 'del').filter((t) => t.trim()))
      expect(d === GONE || !GONE.includes(d.trim()), d).toBe(true);
  }, 60_000);

  it('the claim is in the memo and the FAQ, and nothing else in them is marked as changed', async () => {
    await built;
    const newWords = new Set(NEW.match(/[\p{L}\p{N}]+/gu));
    for (const doc of ['memo', 'faq']) {
      expect(paragraphs(xmlOf(plain, doc)).join('\n'), doc).toContain(NEW);
      // Inserted: words of the new text, and in the memo the changes section's item that lists the change.
      const ins = revisions(xmlOf(tracked, doc), 'ins').filter((t) => t.trim());
      expect(ins.length).toBeGreaterThan(0);
      for (const t of ins)
        expect(
          (t.match(/[\p{L}\p{N}]+/gu) ?? []).every((w) => newWords.has(w)) ||
            t.startsWith(`Changed: ${NEW.replace(/\.$/, '')}: was: `),
          `${doc}: inserted ${JSON.stringify(t)}`,
        ).toBe(true);
    }
    expect(revisions(xmlOf(tracked, 'matrix'), 'del')).toEqual([]);
  });
});

describe('item 3: type size per document, and themes that give only what they change', () => {
  const NOTE = (front: string) =>
    `---\ntitle: "{{brief.title}}"\nkind: Notes\n${front}---\n# Notes\n\n## Section\n\nBody text here.{{cite brief.summary.[0]}}\n\n| A | B |\n| --- | --- |\n| cell | x |\n`;
  /** Font sizes in a PDF's text, by the text drawn (mutool's structured text). */
  const sizes = (pdf: string) => {
    const xml = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', pdf], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const out = new Map<string, number>();
    for (const m of xml.matchAll(/<font name="[^"]*" size="([\d.]+)">([\s\S]*?)<\/font>/g)) {
      const text = [...m[2]!.matchAll(/c="([^"]*)"/g)].map((c) => c[1]).join('');
      if (!out.has(text)) out.set(text, Number(m[1]));
    }
    return out;
  };
  const styleSize = (styles: string, id: string) =>
    Number(new RegExp(`w:styleId="${id}"[\\s\\S]*?<w:sz w:val="(\\d+)"`).exec(styles)![1]) / 2;

  it('font_size: N sets the body in N points, headings, tables and notes scaled from it, in the PDF and the DOCX', async () => {
    const templates = templatesWith({ 'big.md.hbs': NOTE('font_size: 12\n'), 'plain.md.hbs': NOTE('') });
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'big,plain',
      '--format',
      'pdf,docx',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const big = sizes(join(out, DATASET, 'big.pdf'));
    const plain = sizes(join(out, DATASET, 'plain.pdf'));
    expect(plain.get('Body text here.')).toBe(10);
    expect(big.get('Body text here.')).toBe(12);
    expect(big.get('Section')).toBe(15); // 12.5 x 1.2
    const starting = (m: Map<string, number>, start: string) =>
      [...m].find(([t]) => t.trimStart().startsWith(start))?.[1];
    expect(starting(big, 'cell')).toBe(10.25); // the table's 8.5 x 1.2, to the quarter point
    expect(starting(big, '&#x201c;Ministers meet')).toBe(10.25); // the notes' 8.5 x 1.2
    const styles = strFromU8(unzipSync(readFileSync(join(out, DATASET, 'big.docx')))['word/styles.xml']!);
    expect(styleSize(styles, 'Normal')).toBe(12);
    expect(styleSize(styles, 'Heading1')).toBe(15);
    const plainStyles = strFromU8(unzipSync(readFileSync(join(out, DATASET, 'plain.docx')))['word/styles.xml']!);
    expect(styleSize(plainStyles, 'Normal')).toBe(10);
  });

  it('font_size may give each size; a wrong one is an error at its line', async () => {
    const templates = templatesWith({
      'own.md.hbs': NOTE('font_size: { body: 9, headings: [16, 14, 11, 9], table: 7 }\n'),
    });
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'own',
      '--format',
      'pdf',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = sizes(join(out, DATASET, 'own.pdf'));
    expect([s.get('Body text here.'), s.get('Section'), [...s].find(([t]) => t.startsWith('cell'))?.[1]]).toEqual([
      9, 14, 7,
    ]);
    const text = NOTE('font_size: large\n');
    const bad = templatesWith({ 'own.md.hbs': text });
    const r2 = await runCli(['--data', FIXTURE, '--templates', bad, '--out', out, '--only', 'own', '--format', 'pdf']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(
      new RegExp(`own\\.md\\.hbs:${where(text, 'large').line}:${where(text, 'large').col}: font_size`),
    );
  });

  it('a theme that gives only the marking and one colour builds, the rest from the shipped theme', async () => {
    const templates = templatesWith({ 'theme.yaml': 'marking: SECRET\ncolours:\n  accent: "#aa0000"\n' });
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'pdf',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfText(join(out, DATASET, 'memo.pdf'))).toContain('SECRET');
    expect(sizes(join(out, DATASET, 'memo.pdf')).get('Bottom line up front')).toBe(12.5);
    // A mistake in what it gives is still an error at its place in that file.
    const text = 'marking: SECRET\ncolours:\n  text: dark grey\n';
    const bad = templatesWith({ 'theme.yaml': text });
    const r2 = await runCli(['--data', FIXTURE, '--templates', bad, '--out', out, '--only', 'memo', '--format', 'pdf']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${join(bad, 'theme.yaml')}:3:9: colours.text: "dark grey" has the wrong form`);
  });
});

describe('item 10: the command line', () => {
  it('short forms -d, -o, -q for --data, --out, --quiet; -h for --help', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['-d', FIXTURE, '-o', out, '-q', '--only', 'memo', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    // The memo and its figures (the fixture has two questions).
    expect(readdirSync(join(out, DATASET)).sort()).toEqual(['memo-figure-1.svg', 'memo-figure-2.svg', 'memo.md']);
    const h = await runCli(['-h']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^ {2}-w, --watch {13}/m);
    expect(h.stdout).toMatch(/^ {2}-q, --quiet {13}/m);
  });

  it('-w with --check is refused as --watch is', async () => {
    const r = await runCli(['-w', '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('brief: --check and --watch do not go together (see --help)');
  });

  it('a usage error is one line saying to see --help, with the option meant when one is misspelt; nothing is made', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['--data', FIXTURE, '--out', out, '--qiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("brief: Unknown option '--qiet': did you mean --quiet? (see --help)");
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('--list lines up its columns for long document names', async () => {
    const long = 'a-very-long-document-name';
    const templates = templatesWith({ [`${long}.md.hbs`]: '---\ntitle: Long\nkind: Long one\n---\n# Long\n' });
    const r = await runCli(['--templates', templates, '--list']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').slice(1);
    const starts = lines.map((l) => l.indexOf('kind: '));
    expect(new Set(starts).size).toBe(1);
    expect(lines.find((l) => l.includes(long))).toMatch(new RegExp(`^ {2}${long} kind: Long one; portrait;`));
  });
});

describe('item 9: watch', () => {
  it('names what changed on each rebuild line, builds a new document while another is broken, and ends each rebuild with a line on standard output', async () => {
    const w = startWatch(DATASET, (d) => [
      '-w',
      '-d',
      d.data,
      '--templates',
      d.templates,
      '-o',
      d.out,
      '--format',
      'md',
    ]);
    const { templates, out } = w;
    try {
      await w.waitFor(() => w.stdout.includes('watching'), 'the first build');
      const memoTemplate = join(templates, 'memo.md.hbs');
      const original = readFileSync(memoTemplate, 'utf8');

      // An edit: the rebuild line names the file.
      let mark = w.stdout.length;
      writeFileSync(memoTemplate, original.replace('## Background', '## Background and context'));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the rebuild after a template edit');
      expect(w.stdout.slice(mark)).toMatch(
        new RegExp(
          `^rebuilt: 3 files .* \\(${join(templates, 'memo.md.hbs').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} changed\\)$`,
          'm',
        ),
      );

      // The memo broken: its error on standard error, and the rebuild's line still on standard output.
      mark = w.stdout.length;
      const errMark = w.stderr.length;
      writeFileSync(memoTemplate, original.replace('{{/if}}\n\n{{#if changes}}', '\n{{#if changes}}'));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the line after a broken edit');
      expect(w.stderr.slice(errMark)).toMatch(/memo\.md\.hbs:\d+:\d+: \{\{#if\}\} is never closed/);
      expect(w.stdout.slice(mark)).toMatch(/memo\.md\.hbs changed; not built until fixed: memo\)$/m);
      expect(w.stdout.slice(mark)).not.toMatch(/error|never closed/);

      // A new document builds while the memo is broken.
      mark = w.stdout.length;
      cpSync(join(ROOT, 'docs', 'examples', 'press.md.hbs'), join(templates, 'press.md.hbs'));
      await w.waitFor(
        () => existsSync(join(out, DATASET, 'press.md')) && /rebuilt: /.test(w.stdout.slice(mark)),
        'the new document',
      );
      expect(w.stdout.slice(mark)).toMatch(
        /^rebuilt: 1 file .*press\.md\.hbs changed; not built until fixed: memo\)$/m,
      );
      expect(readFileSync(join(out, DATASET, 'memo.md'), 'utf8')).toContain('## Background and context');

      // The memo fixed: it builds again.
      mark = w.stdout.length;
      writeFileSync(memoTemplate, original);
      await w.waitFor(() => /memo\.md\.hbs changed\)$/m.test(w.stdout.slice(mark)), 'the rebuild after the fix');
      expect(readFileSync(join(out, DATASET, 'memo.md'), 'utf8')).not.toContain('## Background and context');
    } finally {
      await w.stop();
    }
  }, 90_000);
});

describe('item 11: the changes list', () => {
  it('counts in words one way, lists inside a clause without the clause separator, and lists a new as-of date', async () => {
    const dir = tempDir();
    const v1 = join(dir, 'v1.yaml');
    writeFileSync(v1, fixtureText());
    // v2: only the as-of date moves (the fixture has no document control).
    const text = fixtureWith('as_of: 2024-11-06', 'as_of: 2024-11-08');
    const v2 = writeTemp(`${DATASET}.yaml`, text);
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      v2,
      '--since',
      v1,
      '--only',
      'changes,memo',
      '--format',
      'md',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, DATASET, 'changes.md'), 'utf8');
    expect(md).toContain('one change: one changed.');
    expect(md).toMatch(
      /^## Document control\n\n- \*\*Changed:\*\* Document control: as of 8 November 2024 \(was: 6 November 2024\)/m,
    );
    expect(readFileSync(join(out, DATASET, 'memo.md'), 'utf8')).toContain(
      'as of 8 November 2024 (was: 6 November 2024)',
    );
  });

  it('the worked example: five changes in words; a list of sources joined with commas and "and", clauses with "; "', async () => {
    const out = join(tempDir(), 'out');
    const V2 = join(ROOT, 'test', 'fixtures', 'changes', 'coalition-of-the-willing-2025-04-10.yaml');
    const r = await runCli([
      '--data',
      V2,
      '--since',
      join(ROOT, 'data', 'coalition-of-the-willing-2025-04-10.yaml'),
      '--only',
      'changes',
      '--format',
      'md',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, 'coalition-of-the-willing-2025-04-10', 'changes.md'), 'utf8');
    expect(md).toContain('five changes: two new, two changed, one withdrawn.');
    const line = md.split('\n').find((l) => l.startsWith('- **Changed:** Netherlands'))!;
    // Two clauses (the answer; the sources), one "; " between them; the three dropped sources as "A, B and C".
    expect(line.split('; ')).toHaveLength(2);
    expect(line).toMatch(/sources: adds “[^”]+”, and drops “[^”]+”, “[^”]+” and “[^”]+”/);
  });
});

describe("item 8: a numbered copy's line", () => {
  it('is shortened with an ellipsis, never wrapped, for a long organisation; the metadata keeps it whole', async () => {
    const org =
      'Directorate-General for International Partnerships and Cooperation, Unit for Eastern Neighbourhood Security, Defence Cooperation, Crisis Management Liaison Unit';
    expect(org.length).toBeLessThanOrEqual(160); // the longest a recipients file allows
    const recipients = writeTemp(
      'recipients.yaml',
      `- name: Jane Doe\n  organisation: ${org}\n  email: jane@example.org\n`,
    );
    const out = join(tempDir(), 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'pdf',
      '--recipients',
      recipients,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(out, DATASET, 'copies', 'memo-copy-01.pdf');
    const lines = pdfText(file)
      .split('\n')
      .filter((l) => l.includes('Copy 1 of 1'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toMatch(/^Copy 1 of 1: Jane Doe, Directorate-General .*…$/);
      expect(
        org.startsWith(
          l
            .replace(/^Copy 1 of 1: Jane Doe, /, '')
            .replace(/…$/, '')
            .trimEnd(),
        ),
      ).toBe(true);
    }
    // Nothing of the organisation's end on a line of its own.
    expect(pdfText(file)).not.toContain('Crisis Management Liaison Unit');
    expect(execFileSync(tool('pdfinfo'), ['-meta', file], { encoding: 'utf8' })).toContain(
      'Crisis Management Liaison Unit',
    );
  });
});
