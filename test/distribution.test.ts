// Ready to distribute: document control in every format, numbered copies for
// named recipients with a register whose hashes match the files, and archival
// PDF/A checked offline: Apache PDFBox Preflight, an independent validator, on
// the PDF/A-1b variant; for PDF/A-2b, for which no validator can be had
// offline (veraPDF is in neither Debian nor npm), own rules over qpdf's JSON,
// the XMP read with XML parsers against ISO 19005-2 6.6, and Preflight's 1b
// rules, which the 2b file meets but for its part number.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { BUNDLED, packageFile, runCli, tempDir, tool, where, writeTemp } from './helpers.js';
import { built, builtCopy } from './support/build-cache.js';
import { PREFLIGHT_JARS, preflight } from './support/preflight.js';
import { showcase } from './support/showcase.js';

/** The bundled dataset as a draft version 2.0 (a reviewer with characters XML must escape). */
const CONTROL = `control:
  version: "2.0"
  status: draft
  as_of: 2025-04-11T09:30:00+02:00
  time_zone: Europe/Brussels
  author: Europe and Security Policy Unit
  reviewer: Head of Unit & Deputy <Policy>
  approver: Political Director
  history:
    - { version: "1.0", date: 2025-04-10, change: "First issue, the evening of the meeting." }
    - { version: "2.0", date: 2025-04-11, change: Adds the Contact Group outlook. }

`;
const withControl = (control = CONTROL) =>
  readFileSync(BUNDLED, 'utf8').replace('\nmeeting:\n', `\n${control}meeting:\n`);
const RECIPIENTS = `- name: Jane Doe
  organisation: Ministry of Defence
  email: jane.doe@example.org
- name: 王小明
  organisation: Foreign, Commonwealth and Development Office, Eastern Europe and Central Asia Directorate
- name: "=HYPERLINK(\\"http://x\\")"
  organisation: Embassy of "Quotes", Brussels
`;

const text = (file: string, page?: number) =>
  execFileSync(tool('pdftotext'), [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], {
    encoding: 'utf8',
  });
const xmp = (file: string) => execFileSync(tool('pdfinfo'), ['-meta', file], { encoding: 'utf8' });
const info = (file: string) => execFileSync(tool('pdfinfo'), ['-custom', file], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync(tool('pdfinfo'), [file], { encoding: 'utf8' }))![1]);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const docxPart = (file: string, part: string) => strFromU8(unzipSync(readFileSync(file))[part]!);

/** Every file under a folder with its bytes' hash: to show that a failed run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = sha(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A PDF's objects, as qpdf reads them (streams' dictionaries, not their data). */
function qpdfObjects(file: string): Record<string, Record<string, unknown>> {
  return (
    JSON.parse(
      execFileSync(tool('qpdf'), ['--json=1', '--json-key=objects', file], { encoding: 'utf8', maxBuffer: 256 << 20 }),
    ) as { objects: Record<string, Record<string, unknown>> }
  ).objects;
}
function objects(file: string): Record<string, unknown>[] {
  return Object.entries(qpdfObjects(file))
    .filter(([k, o]) => k !== 'trailer' && o && typeof o === 'object' && !Array.isArray(o))
    .map(([, o]) => o);
}

/**
 * PDF/A-2b rules that a file's structure shows (ISO 19005-2, 6.1-6.9): the
 * sRGB output intent with an embedded ICC profile, the pdfaid claim and the
 * extension schemas in XMP, Info and XMP agreeing, every font embedded, no
 * encryption, JavaScript, launch actions or embedded files, annotations
 * printable and not hidden, the XMP stream uncompressed. Returns what fails.
 */
function pdfa2bProblems(file: string): string[] {
  const problems: string[] = [];
  const objs = objects(file);
  const catalog = objs.find((o) => o['/Type'] === '/Catalog')!;
  const trailer = qpdfObjects(file).trailer!;
  if (trailer['/Encrypt']) problems.push('encrypted');
  if (!trailer['/ID']) problems.push('no file identifier');
  const intents = objs.filter((o) => o['/Type'] === '/OutputIntent');
  if (intents.length !== 1 || intents[0]!['/S'] !== '/GTS_PDFA1' || !intents[0]!['/DestOutputProfile'])
    problems.push('no PDF/A output intent with a profile');
  if (!catalog['/OutputIntents']) problems.push('the catalog names no output intents');
  if (!objs.some((o) => o['/N'] === 3 && typeof o['/Length'] === 'number' && !o['/Type']))
    problems.push('no three-component (RGB) ICC profile stream');
  const meta = objs.find((o) => o['/Type'] === '/Metadata' && o['/Subtype'] === '/XML');
  if (!meta || meta['/Filter']) problems.push('XMP metadata missing or compressed');
  const x = xmp(file);
  if (!/<pdfaid:part>2<\/pdfaid:part>/.test(x) || !/<pdfaid:conformance>B<\/pdfaid:conformance>/.test(x))
    problems.push('no pdfaid part 2 conformance B');
  if (
    !/<pdfaSchema:prefix>pdfuaid<\/pdfaSchema:prefix>/.test(x) ||
    !/<pdfaSchema:prefix>brief<\/pdfaSchema:prefix>/.test(x)
  )
    problems.push('extension schemas missing');
  const infoText = execFileSync(tool('pdfinfo'), ['-isodates', file], { encoding: 'utf8' });
  const title = /Title:\s+(.*)/.exec(infoText)![1]!.trim();
  if (!x.includes(title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    problems.push('Info Title and dc:title differ');
  if (!/<xmp:CreateDate>/.test(x) || !/<xmp:ModifyDate>/.test(x)) problems.push('XMP dates missing');
  for (const d of objs.filter((o) => o['/Type'] === '/FontDescriptor')) {
    if (!d['/FontFile'] && !d['/FontFile2'] && !d['/FontFile3'])
      problems.push(`font ${String(d['/FontName'])} not embedded`);
  }
  const fonts = objs.filter((o) => o['/Type'] === '/Font');
  if (fonts.length === 0) problems.push('no fonts found (the check would be vacuous)');
  for (const f of fonts.filter((o) => o['/Subtype'] === '/Type1' && !o['/FontDescriptor']))
    problems.push(`standard font ${String(f['/BaseFont'])} not embedded`);
  const raw = JSON.stringify(objs);
  if (/"\/(JavaScript|JS|Launch|EmbeddedFiles|AA)"/.test(raw))
    problems.push('JavaScript, launch actions, additional actions or embedded files');
  const annots = objs.filter((o) => o['/Type'] === '/Annot');
  for (const a of annots) {
    const flags = Number(a['/F'] ?? 0);
    if (!(flags & 4) || flags & (1 | 2 | 32))
      problems.push(`annotation ${String(a['/Subtype'])} not printable or hidden (F ${flags})`);
  }
  const check = spawnSync(tool('qpdf'), ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) problems.push(`qpdf --check: ${check.stdout}${check.stderr}`);
  return problems;
}

/** Page 1 rendered in greyscale at 40 dpi: its size and one byte a pixel (pdftoppm's PGM). */
function greyPage(file: string): { width: number; height: number; pixels: Uint8Array } {
  const dir = tempDir('brief-grey-');
  execFileSync(tool('pdftoppm'), ['-gray', '-r', '40', '-f', '1', '-l', '1', file, join(dir, 'p')]);
  const pgm = readFileSync(join(dir, readdirSync(dir)[0]!));
  // P5 header: magic, width, height, maxval, then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
}

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfaExtension: 'http://www.aiim.org/pdfa/ns/extension/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
  pdfaProperty: 'http://www.aiim.org/pdfa/ns/property#',
  x: 'adobe:ns:meta/',
};
/** The XMP schemas ISO 19005-2 6.6.2.3.1 takes as known (XMP 2004's predefined schemas): their properties need no extension schema. */
const PREDEFINED = new Set([
  'http://purl.org/dc/elements/1.1/',
  'http://ns.adobe.com/xap/1.0/',
  'http://ns.adobe.com/xap/1.0/rights/',
  'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/bj/',
  'http://ns.adobe.com/xap/1.0/t/pg/',
  'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  'http://ns.adobe.com/pdf/1.3/',
  'http://ns.adobe.com/photoshop/1.0/',
  'http://ns.adobe.com/exif/1.0/',
  'http://ns.adobe.com/tiff/1.0/',
  NS.pdfaid,
  NS.pdfaExtension,
  NS.pdfaSchema,
  NS.pdfaProperty,
]);

/**
 * The PDF/A-2b rules on a file's XMP (ISO 19005-2, 6.6), read with XML
 * parsers (saxes for well-formedness, @xmldom/xmldom for the tree) rather than by pattern:
 * well-formed XML in an x:xmpmeta/rdf:RDF; pdfaid:part 2 and
 * pdfaid:conformance B, as elements or attributes of an rdf:Description;
 * and every property outside the predefined schemas described by an
 * extension schema that names its namespace and the property. Returns what fails.
 */
function xmpPdfa2bProblems(file: string): string[] {
  const problems: string[] = [];
  const packet = xmp(file);
  // Well-formed, namespaces included: saxes, a conforming XML 1.0 parser (xmldom lets a bare & through).
  const errors: string[] = [];
  const sax = new SaxesParser({ xmlns: true });
  sax.on('error', (e) => void errors.push(e.message));
  try {
    sax.write(packet.trim()).close();
  } catch (e) {
    errors.push((e as Error).message);
  }
  const doc = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(
    packet.trim(),
    'text/xml',
  );
  if (errors.length) return [`XMP is not well-formed XML: ${errors.join('; ')}`];
  const rdf = doc.getElementsByTagNameNS(NS.rdf, 'RDF')[0];
  if (!rdf || (rdf.parentNode as XmlElement | null)?.namespaceURI !== NS.x)
    problems.push('no rdf:RDF inside x:xmpmeta');
  const descriptions = [...doc.getElementsByTagNameNS(NS.rdf, 'Description')].filter((d) => d.parentNode === rdf);
  const valueOf = (ns: string, name: string) => {
    const values: string[] = [];
    for (const d of descriptions) {
      if (d.hasAttributeNS(ns, name)) values.push(d.getAttributeNS(ns, name)!);
      for (const c of [...d.childNodes].filter((n): n is XmlElement => n.nodeType === 1))
        if (c.namespaceURI === ns && c.localName === name) values.push((c.textContent ?? '').trim());
    }
    return values;
  };
  if (valueOf(NS.pdfaid, 'part').join() !== '2')
    problems.push(`pdfaid:part is ${JSON.stringify(valueOf(NS.pdfaid, 'part'))}, not once 2`);
  if (valueOf(NS.pdfaid, 'conformance').join() !== 'B')
    problems.push(`pdfaid:conformance is ${JSON.stringify(valueOf(NS.pdfaid, 'conformance'))}, not once B`);
  // Extension schemas: namespace URI -> the property names they describe.
  const described = new Map<string, Set<string>>();
  for (const schema of [...doc.getElementsByTagNameNS(NS.pdfaSchema, 'namespaceURI')]) {
    const owner = schema.parentNode as XmlElement;
    const names = [...owner.getElementsByTagNameNS(NS.pdfaProperty, 'name')].map((n) => (n.textContent ?? '').trim());
    described.set((schema.textContent ?? '').trim(), new Set(names));
  }
  for (const d of descriptions) {
    const used = [...d.childNodes]
      .filter((n): n is XmlElement => n.nodeType === 1)
      .map((c) => [c.namespaceURI ?? '', c.localName ?? ''] as const);
    for (const a of [...d.attributes])
      if (a.namespaceURI && a.namespaceURI !== NS.rdf && a.namespaceURI !== 'http://www.w3.org/2000/xmlns/')
        used.push([a.namespaceURI, a.localName ?? '']);
    for (const [ns, name] of used) {
      if (PREDEFINED.has(ns)) continue;
      if (!described.get(ns)?.has(name))
        problems.push(`${ns}${name} is in no predefined schema and no extension schema describes it`);
    }
  }
  if (described.size === 0) problems.push('no extension schemas (the file uses pdfuaid and brief properties)');
  return problems;
}

describe('document control', () => {
  let out: string;
  beforeAll(async () => {
    const data = writeTemp('coalition-draft.yaml', withControl());
    out = tempDir('brief-control-');
    const r = await runCli(['--data', data, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  const file = (name: string) => join(out, 'coalition-draft', name);

  it('the memo prints a control block: version, status, as-of time in its zone, who prepared, reviewed and approved it, and the history', () => {
    const t = text(file('memo.pdf')).replace(/\s+/g, ' ');
    expect(t).toContain('VERSION: 2.0, Draft; as of 11 April 2025, 09:30 CEST');
    expect(t).toContain(
      'PREPARED BY: Europe and Security Policy Unit; REVIEWED BY: Head of Unit & Deputy <Policy>; APPROVED BY: Political Director',
    );
    expect(t).toMatch(
      /Version history.*1\.0 10 April 2025 First issue, the evening of the meeting\..*2\.0 11 April 2025 Adds the Contact Group outlook\./,
    );
    const m = readFileSync(file('memo.md'), 'utf8');
    expect(m).toContain('**VERSION:** 2.0, Draft; as of 11 April 2025, 09:30 CEST');
    expect(m).toContain('| **2.0** | 11 April 2025 | Adds the Contact Group outlook. |');
  });

  it('every page of every PDF carries the version in its header band and DRAFT across it, drawn before the text', () => {
    for (const d of ['memo', 'faq', 'matrix']) {
      const n = pages(file(`${d}.pdf`));
      for (let p = 1; p <= n; p++) {
        expect(text(file(`${d}.pdf`), p), `${d} p${p}`).toMatch(/Version 2\.0, Draft/);
        const stext = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', file(`${d}.pdf`), String(p)], {
          encoding: 'utf8',
        });
        const firstLine = /<line [^>]*>[\s\S]*?<\/line>/.exec(stext)![0];
        const chars = [...firstLine.matchAll(/c="([^"]*)"/g)].map((c) => c[1]).join('');
        expect(chars, `${d} p${p}: the watermark is the first text drawn`).toBe('DRAFT');
        expect(Number(/size="([\d.]+)"/.exec(/<font [^>]*>/.exec(stext)![0])![1])).toBeGreaterThan(60);
      }
    }
  });

  it('the watermark is legible in greyscale: a light grey, lighter than the text, over a real share of the page', async () => {
    // The same page of the same memo as a final version (no watermark) is the reference: what differs is the watermark.
    const finalOut = tempDir('brief-grey-final-');
    const finalData = writeTemp('coalition-draft.yaml', withControl(CONTROL.replace('status: draft', 'status: final')));
    expect(
      (await runCli(['--data', finalData, '--out', finalOut, '--only', 'memo', '--format', 'pdf', '--quiet'])).code,
    ).toBe(0);
    const draft = greyPage(file('memo.pdf'));
    const final = greyPage(join(finalOut, 'coalition-draft', 'memo.pdf'));
    expect([draft.width, draft.height]).toEqual([final.width, final.height]);
    // Watermark pixels: paper in the final page, not paper in the draft. Text pixels: ink in the final page.
    const mark: number[] = [];
    const ink: number[] = [];
    for (let i = 0; i < final.pixels.length; i++) {
      if (final.pixels[i]! >= 250 && draft.pixels[i]! < 250) mark.push(draft.pixels[i]!);
      if (final.pixels[i]! < 128) ink.push(final.pixels[i]!);
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    // Over a real share of the page (the final page has none of it, by construction).
    expect(mark.length / final.pixels.length).toBeGreaterThan(0.02);
    // Seen in greyscale: clearly darker than the paper; and lighter than the text, by a wide margin.
    expect(median(mark)).toBeLessThan(230);
    expect(median(mark)).toBeGreaterThan(150);
    // (at 40 dpi the text's edges are smoothed, so its median pixel is about 100; the watermark's grey is 200)
    expect(median(mark) - median(ink)).toBeGreaterThan(60);
  });

  it("PDF metadata: Info entries and XMP in Brief's namespace, escaped", () => {
    const i = info(file('memo.pdf'));
    expect(i).toMatch(/Version:\s+2\.0/);
    expect(i).toMatch(/Status:\s+draft/);
    expect(i).toMatch(/Reviewer:\s+Head of Unit & Deputy <Policy>/);
    expect(i).toMatch(/Author:\s+Europe and Security Policy Unit/);
    const x = xmp(file('memo.pdf'));
    expect(x).toContain('<brief:Version>2.0</brief:Version>');
    expect(x).toContain('<brief:AsOf>2025-04-11T09:30:00+02:00</brief:AsOf>');
    expect(x).toContain('<brief:Reviewer>Head of Unit &amp; Deputy &lt;Policy&gt;</brief:Reviewer>');
    expect(x).not.toContain('<Policy>');
  });

  it('DOCX: version and status in the core properties, the rest as custom properties, the band, and a DRAFT watermark in the header', () => {
    const core = docxPart(file('memo.docx'), 'docProps/core.xml');
    expect(core).toContain('<cp:contentStatus>draft</cp:contentStatus>');
    expect(core).toContain('<cp:version>2.0</cp:version>');
    const custom = docxPart(file('memo.docx'), 'docProps/custom.xml');
    expect(custom).toMatch(/name="Reviewer"[^>]*>\s*<vt:lpwstr>Head of Unit &amp; Deputy &lt;Policy&gt;<\/vt:lpwstr>/);
    expect(custom).toMatch(/name="AsOf"/);
    const header = docxPart(file('memo.docx'), 'word/header1.xml');
    expect(header).toMatch(/<v:textpath [^>]*string="DRAFT"/);
    expect(header).toContain('Briefing memo · Version 2.0, Draft');
  });

  it('Markdown: the control as YAML front matter that reads back to the data', () => {
    const m = readFileSync(file('faq.md'), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(m)!;
    expect(parseYamlText(front[1]!)).toMatchObject({
      version: '2.0',
      status: 'draft',
      as_of: '2025-04-11T09:30:00+02:00',
      reviewer: 'Head of Unit & Deputy <Policy>',
      approver: 'Political Director',
      author: 'Europe and Security Policy Unit',
    });
  });

  it('a final version has no watermark; a superseded one says SUPERSEDED and names its successor; no control writes what it always did', async () => {
    const dir = tempDir('brief-control-kinds-');
    writeTemp('final.yaml', withControl(CONTROL.replace('status: draft', 'status: final')), dir);
    writeTemp(
      'old.yaml',
      withControl(CONTROL.replace('status: draft', 'status: superseded\n  superseded_by: "2.1"')),
      dir,
    );
    const o = tempDir('brief-control-kinds-out-');
    const r = await runCli(['--data', dir, '--out', o, '--only', 'memo', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const final = text(join(o, 'final', 'memo.pdf'));
    expect(final).toContain('Version 2.0, Final');
    expect(final).not.toMatch(/DRAFT|SUPERSEDED/);
    // pdftotext leaves out diagonal text, so the glyphs are read with mutool: on no page is there a
    // watermark word, nor any text at a watermark's size (the draft's is over 60 pt).
    for (let p = 1; p <= pages(join(o, 'final', 'memo.pdf')); p++) {
      const stext = execFileSync(
        tool('mutool'),
        ['draw', '-F', 'stext', '-o', '-', join(o, 'final', 'memo.pdf'), String(p)],
        { encoding: 'utf8' },
      );
      const chars = [...stext.matchAll(/c="([^"]*)"/g)].map((c) => c[1]).join('');
      expect(chars, `final p${p}`).not.toMatch(/DRAFT|SUPERSEDED/);
      const sizes = [...stext.matchAll(/<font [^>]*size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(sizes.length, `final p${p}: no text read`).toBeGreaterThan(0);
      expect(Math.max(...sizes), `final p${p}`).toBeLessThan(40);
    }
    expect(docxPart(join(o, 'final', 'memo.docx'), 'word/header1.xml')).not.toContain('v:textpath');
    const old = text(join(o, 'old', 'memo.pdf'));
    // pdftotext leaves out diagonal text: the watermark is read from mutool's glyphs.
    const glyphs = execFileSync(tool('mutool'), ['draw', '-F', 'stext', '-o', '-', join(o, 'old', 'memo.pdf'), '1'], {
      encoding: 'utf8',
    });
    expect(
      [.../<line [^>]*>[\s\S]*?<\/line>/.exec(glyphs)![0].matchAll(/c="([^"]*)"/g)].map((c) => c[1]).join(''),
    ).toBe('SUPERSEDED');
    expect(old.replace(/\s+/g, ' ')).toContain('VERSION: 2.0, Superseded (superseded by version 2.1)');
    const { out: plain } = await built(['--data', BUNDLED, '--only', 'memo', '--quiet']);
    const md = readFileSync(join(plain, 'coalition-of-the-willing-2025-04-10', 'memo.md'), 'utf8');
    expect(md.startsWith('**OFFICIAL**')).toBe(true);
    expect(info(join(plain, 'coalition-of-the-willing-2025-04-10', 'memo.pdf'))).not.toMatch(/Version:/);
  });

  const mistakes: [string, string, string, RegExp][] = [
    [
      'a version YAML reads as a number',
      'version: "2.0"',
      'version: 2.0',
      /control\.version: must be text, found number 2[\s\S]*put it in quotes/,
    ],
    [
      'a time without its zone',
      'as_of: 2025-04-11T09:30:00+02:00',
      'as_of: 2025-04-11T09:30:00',
      /control\.as_of: "2025-04-11T09:30:00" is not a valid date-time \(YYYY-MM-DDTHH:MM:SS with a time zone offset/,
    ],
    [
      'a misspelt time zone',
      'time_zone: Europe/Brussels',
      'time_zone: Europe/Brusels',
      /control\.time_zone: unknown time zone "Europe\/Brusels"[\s\S]*did you mean "Europe\/Brussels"\?/,
    ],
    [
      'an unknown status',
      'status: draft',
      'status: drafted',
      /control\.status: "drafted" is not one of the allowed values[\s\S]*did you mean "draft"\?/,
    ],
    [
      'a version twice in the history',
      '"2.0", date: 2025-04-11',
      '"1.0", date: 2025-04-11',
      /control\.history\[1\]\.version: version "1\.0" is already in the history/,
    ],
    [
      'a history dated after the as-of time',
      'date: 2025-04-11, change',
      'date: 2025-04-12, change',
      /control\.history\[1\]\.date: version "2\.0" is dated 2025-04-12, after this version's as_of \(2025-04-11\)/,
    ],
  ];
  for (const [what, find, replace, message] of mistakes) {
    it(`${what}: an error at its place, exit 1, out/ unchanged`, async () => {
      const control = CONTROL.replace(find, replace);
      expect(control).not.toBe(CONTROL);
      const dataset = withControl(control);
      const path = writeTemp('bad.yaml', dataset);
      const { out: o } = await builtCopy(['--data', BUNDLED, '--only', 'memo', '--quiet']);
      const before = snapshot(o);
      const r = await runCli(['--data', path, '--out', o]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      const at = where(
        dataset,
        replace.split(': ')[0]!.startsWith('"') ? replace : (replace.split(': ')[1] ?? replace),
      );
      expect(r.stderr).toContain(`bad.yaml:${at.line}:`);
      expect(snapshot(o)).toEqual(before);
    });
  }
});

describe('numbered copies for recipients, as PDF/A', () => {
  let out: string;
  let out2: string;
  const data = () => writeTemp('coalition-draft.yaml', withControl(), tempDir('brief-copies-data-'));
  beforeAll(async () => {
    const recipients = writeTemp('recipients.yaml', RECIPIENTS);
    out = tempDir('brief-copies-');
    out2 = tempDir('brief-copies-again-');
    for (const o of [out, out2]) {
      const r = await runCli([
        '--data',
        data(),
        '--out',
        o,
        '--only',
        'memo,matrix',
        '--recipients',
        recipients,
        '--pdfa',
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);
  const copies = () => join(out, 'coalition-draft', 'copies');

  it('a copy of each selected PDF per recipient, and a register in Markdown and CSV', () => {
    expect(readdirSync(copies()).sort()).toEqual([
      'distribution-register.csv',
      'distribution-register.md',
      'matrix-copy-01.pdf',
      'matrix-copy-02.pdf',
      'matrix-copy-03.pdf',
      'memo-copy-01.pdf',
      'memo-copy-02.pdf',
      'memo-copy-03.pdf',
    ]);
    // The outputs themselves are still there, and carry no copy line.
    expect(text(join(out, 'coalition-draft', 'memo.pdf'))).not.toMatch(/Copy \d of/);
  });

  it('"Copy n of N" and the recipient\'s name and organisation in the footer of every page, whole, and in the metadata', () => {
    const file = join(copies(), 'memo-copy-02.pdf');
    for (let p = 1; p <= pages(file); p++) {
      expect(text(file, p).replace(/\s+/g, ' ')).toContain(
        'Copy 2 of 3: 王小明, Foreign, Commonwealth and Development Office, Eastern Europe and Central Asia Directorate',
      );
    }
    expect(info(file)).toMatch(/Copy:\s+2 of 3/);
    expect(info(file)).toMatch(/Recipient:\s+王小明, Foreign, Commonwealth/);
    expect(xmp(file)).toContain('<brief:Copy>2 of 3</brief:Copy>');
    expect(text(join(copies(), 'matrix-copy-01.pdf'), 1).replace(/\s+/g, ' ')).toContain(
      'Copy 1 of 3: Jane Doe, Ministry of Defence',
    );
    // The e-mail address is for the register only.
    expect(text(join(copies(), 'memo-copy-01.pdf'))).not.toContain('jane.doe@');
  });

  it("the register's hashes match the files; a spreadsheet formula in a name is defused", () => {
    const csv = readFileSync(join(copies(), 'distribution-register.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('copy,recipient,organisation,email,document,file,sha256');
    expect(lines).toHaveLength(7);
    let checked = 0;
    for (const line of lines.slice(1)) {
      const m = /,([a-z-]+-copy-\d+\.pdf),([0-9a-f]{64})$/.exec(line)!;
      expect(sha(join(copies(), m[1]!))).toBe(m[2]);
      checked++;
    }
    expect(checked).toBe(6);
    expect(csv).toContain('3,"\'=HYPERLINK(""http://x"")","Embassy of ""Quotes"", Brussels",,memo,memo-copy-03.pdf,');
    expect(csv).toContain('1,Jane Doe,Ministry of Defence,jane.doe@example.org,memo,memo-copy-01.pdf,');
    const md = readFileSync(join(copies(), 'distribution-register.md'), 'utf8');
    for (const f of readdirSync(copies()).filter((x) => x.endsWith('.pdf')))
      expect(md).toContain(`| ${f.replace(/_/g, '\\_')} | \`${sha(join(copies(), f))}\` |`);
    expect(md).toContain('Version 2.0, Draft');
  });

  it('every copy and the register are byte-for-byte the same on a second run', () => {
    for (const f of readdirSync(copies()))
      expect(sha(join(out2, 'coalition-draft', 'copies', f)), f).toBe(sha(join(copies(), f)));
  });

  it('PDF/A-2b: each file and copy passes the structural rules (output intent, pdfaid, fonts embedded, no encryption or scripts, printable annotations, qpdf --check), and stays tagged', () => {
    const files = [
      join(out, 'coalition-draft', 'memo.pdf'),
      join(out, 'coalition-draft', 'matrix.pdf'),
      ...readdirSync(copies())
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(copies(), f)),
    ];
    expect(files).toHaveLength(8);
    for (const f of files) {
      expect(pdfa2bProblems(f), f).toEqual([]);
      expect(xmp(f)).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(execFileSync(tool('pdfinfo'), ['-struct', f], { encoding: 'utf8' })).toMatch(/^Document/m);
    }
  });

  it('PDF/A-2b XMP, read with an XML parser: well-formed, pdfaid part 2 conformance B, every property in a predefined or extension schema', () => {
    const files = [
      join(out, 'coalition-draft', 'memo.pdf'),
      join(out, 'coalition-draft', 'matrix.pdf'),
      ...readdirSync(copies())
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(copies(), f)),
    ];
    for (const f of files) expect(xmpPdfa2bProblems(f), f).toEqual([]);
  });

  it('PDF/A-2b: PDFBox Preflight, the independent validator Debian has, checks PDF/A-1b only; on the 2b memo it finds nothing but the part number', async () => {
    // No validator for PDF/A-2 can be had offline (veraPDF is in neither Debian nor npm): PDFBox 2's Preflight
    // holds the file to PDF/A-1b's rules, which are stricter than 2b's in what this writer uses (no transparency,
    // no JPEG 2000, no layers), and its one complaint must be the identification, which says 2, as it should.
    const [r] = await preflight([join(out, 'coalition-draft', 'memo.pdf')]);
    if (!r) throw new Error('no report');
    expect(r.valid, r.output).toBe(false);
    const errors = r.output.split('\n').filter((l) => /^\s*\d+(\.\d+)+\s*:/.test(l));
    expect(errors, r.output).toEqual([expect.stringMatching(/^\s*7\.11\.2 : Error on MetaData, part must be 1/)]);
  }, 120_000);

  it('the rules catch a file that is not PDF/A (negative control)', async () => {
    // The bundled memo as the run's shared build of every dataset holds it (test/support/showcase.ts).
    const { out: o } = await showcase();
    const problems = pdfa2bProblems(join(o, 'coalition-of-the-willing-2025-04-10', 'memo.pdf'));
    expect(problems).toContain('no PDF/A output intent with a profile');
    expect(problems).toContain('no pdfaid part 2 conformance B');
    const xmpProblems = xmpPdfa2bProblems(join(o, 'coalition-of-the-willing-2025-04-10', 'memo.pdf'));
    expect(xmpProblems).toContain('pdfaid:part is [], not once 2');
  });

  it('PDF/A-1b variant: Apache PDFBox Preflight validates the memo and every copy; a plain PDF fails it', async () => {
    // Java and every jar first, each missing one failing with one line naming its Debian package.
    tool('java');
    for (const [jar, pkg] of PREFLIGHT_JARS) packageFile(jar, pkg);
    const o = tempDir('brief-pdfa1-');
    const r = await runCli([
      '--data',
      data(),
      '--out',
      o,
      '--only',
      'memo,faq',
      '--format',
      'pdf',
      '--recipients',
      writeTemp('r.yaml', RECIPIENTS),
      '--pdfa',
      '--pdfa-level',
      '1b',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(o, 'coalition-draft');
    const files = [
      join(dir, 'memo.pdf'),
      join(dir, 'faq.pdf'),
      ...readdirSync(join(dir, 'copies'))
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(dir, 'copies', f)),
    ];
    expect(files).toHaveLength(8);
    const { out: plain } = await showcase();
    // One Java process for the lot (test/support/preflight.ts).
    const verdicts = await preflight([...files, join(plain, 'coalition-of-the-willing-2025-04-10', 'memo.pdf')]);
    for (const v of verdicts.slice(0, -1)) {
      expect(v.valid, `${v.file}\n${v.output}`).toBe(true);
      expect(xmp(v.file)).toContain('<pdfaid:part>1</pdfaid:part>');
    }
    expect(verdicts.at(-1)!.valid).toBe(false);
  }, 120_000);

  it('a later run without --recipients keeps copies/; a run with fewer recipients replaces it whole', async () => {
    const o = tempDir('brief-copies-keep-');
    const d = data();
    await runCli([
      '--data',
      d,
      '--out',
      o,
      '--only',
      'memo',
      '--recipients',
      writeTemp('r.yaml', RECIPIENTS),
      '--quiet',
    ]);
    const dir = join(o, 'coalition-draft', 'copies');
    const before = snapshot(dir);
    expect(await runCli(['--data', d, '--out', o, '--only', 'memo', '--quiet'])).toMatchObject({ code: 0 });
    expect(snapshot(dir)).toEqual(before);
    await runCli([
      '--data',
      d,
      '--out',
      o,
      '--only',
      'memo',
      '--recipients',
      writeTemp('r.yaml', RECIPIENTS.split('- name: 王小明')[0]!),
      '--quiet',
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      'distribution-register.csv',
      'distribution-register.md',
      'memo-copy-01.pdf',
    ]);
  }, 60_000);
});

describe('bad recipient files', () => {
  const cases: [string, string, RegExp, string][] = [
    [
      'a recipient without an organisation',
      '- name: Jane Doe\n  email: jane@example.org\n',
      /recipients\.yaml:1:3: \[0\]: missing required property "organisation"/,
      '',
    ],
    [
      'an e-mail address that is not one',
      '- name: Jane Doe\n  organisation: MoD\n  email: jane at example\n',
      /recipients\.yaml:3:10: \[0\]\.email: "jane at example" is not a valid email/,
      '',
    ],
    [
      'a misspelt key',
      '- name: Jane Doe\n  organization: MoD\n',
      /recipients\.yaml:2:3: \[0\]\.organization: unknown property "organization"[\s\S]*did you mean "organisation"\?/,
      '',
    ],
    [
      'the same recipient twice',
      '- name: Jane Doe\n  organisation: MoD\n- name: jane doe\n  organisation: MoD\n',
      /recipients\.yaml:3:9: \[1\]\.name: "jane doe" of "MoD" is already recipient 1[\s\S]*first at line 1/,
      '',
    ],
    [
      'a mapping instead of a list',
      'name: Jane Doe\norganisation: MoD\n',
      /recipients\.yaml:1:1: expected a YAML list/,
      '',
    ],
    ['an empty list', '[]\n', /recipients\.yaml:1:1: needs at least 1 item, found 0/, ''],
    [
      'a prototype key',
      '- name: Jane Doe\n  organisation: MoD\n  __proto__: { polluted: true }\n',
      /recipients\.yaml:3:3: \[0\]\.__proto__: unknown property "__proto__"/,
      '',
    ],
  ];
  for (const [what, yaml, message] of cases) {
    it(`${what}: a positioned error, exit 1, nothing written`, async () => {
      const { out: o } = await builtCopy(['--data', BUNDLED, '--only', 'memo', '--quiet']);
      const before = snapshot(o);
      const r = await runCli([
        '--data',
        BUNDLED,
        '--out',
        o,
        '--only',
        'memo',
        '--recipients',
        writeTemp('recipients.yaml', yaml),
      ]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(snapshot(o)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('a missing file is an error naming it; --recipients without PDF output and --pdfa-level without --pdfa are usage errors', async () => {
    const o = tempDir('brief-recipients-usage-');
    const missing = await runCli(['--data', BUNDLED, '--out', o, '--recipients', join(o, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read the recipients file: no such file/);
    const md = await runCli([
      '--data',
      BUNDLED,
      '--out',
      o,
      '--format',
      'md',
      '--recipients',
      writeTemp('r.yaml', RECIPIENTS),
    ]);
    expect(md.code).toBe(2);
    expect(md.stderr).toContain('--recipients makes numbered copies of the PDFs: --format must include pdf');
    const level = await runCli(['--data', BUNDLED, '--out', o, '--pdfa-level', '1b']);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('--pdfa-level goes with --pdfa');
    const bad = await runCli(['--data', BUNDLED, '--out', o, '--pdfa', '--pdfa-level', '3u']);
    expect(bad.code).toBe(2);
    expect(readdirSync(o)).toEqual([]);
  });
});
