// A Word reference document (--reference-doc, or the theme's reference_doc:):
// one made by LibreOffice from an OpenDocument file written here, and one
// built here as Word writes a German template (style ids in German, a default
// table style, a list style with its own numbering, theme fonts). The DOCX
// carries the reference's fonts, sizes and colours, passes Microsoft's
// validator and is laid out by LibreOffice in the reference's fonts; the PDF
// is the same bytes with or without it; tracked changes and numbered copies
// work with it; the front matter's paper still rules; --watch rebuilds when
// it changes. Bad and hostile references (not Word, macro-enabled, a style
// with an unknown list, a zip bomb, a path out of the package, an entity
// declaration) are refused naming the file, exit 1, out/ unchanged.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import validate from './support/ooxml.js';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED, FIXTURE, ROOT, runCli, startWatch, tempDir, tool, tree, writeTemp } from './helpers.js';

const NAME = 'fictional-roundtable-2024-11-05';
const V2 = join(ROOT, 'test', 'fixtures', 'changes', 'coalition-of-the-willing-2025-04-10.yaml');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** An OpenDocument text (flat XML) with its own Normal, Heading 1 and table cell styles, and a Letter page. */
const FODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
  <style:font-face style:name="DejaVu Sans Mono" svg:font-family="'DejaVu Sans Mono'"/>
 </office:font-face-decls>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="10.5pt" fo:color="#224466"/></style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1"><style:text-properties style:font-name="DejaVu Sans Mono" fo:font-size="19pt" fo:color="#993300" fo:font-weight="bold"/></style:style>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="8.5pt" fo:color="#006633"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin-top="3cm" fo:margin-bottom="2.5cm" fo:margin-left="3.5cm" fo:margin-right="2cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text><text:h text:style-name="Heading_20_1" text:outline-level="1">Heading</text:h><text:p text:style-name="Standard">Body</text:p>
  <table:table table:name="T"><table:table-column/><table:table-row><table:table-cell><text:p text:style-name="Table_20_Contents">cell</text:p></table:table-cell></table:table-row></table:table>
 </office:text></office:body>
</office:document>`;

const TEMPLATE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Word's German template, as Word writes one: ids in German, names in English. */
function styles(listNum = '5'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:color w:val="3B1F5C"/><w:sz w:val="23"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standard"/><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:color w:val="0E5E6F"/><w:sz w:val="44"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:next w:val="Standard"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:b/><w:color w:val="A0522D"/><w:sz w:val="30"/></w:rPr></w:style>' +
    `<w:style w:type="paragraph" w:styleId="Aufzhlungszeichen"><w:name w:val="List Bullet"/><w:basedOn w:val="Standard"/><w:pPr><w:numPr><w:numId w:val="${listNum}"/></w:numPr></w:pPr></w:style>` +
    // An id Brief uses for another style of its own: Brief's Quote must keep clear of it.
    '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Abteilungszitat"/><w:basedOn w:val="Standard"/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="NormaleTabelle"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="Amtstabelle"><w:name w:val="Amtstabelle"/><w:basedOn w:val="NormaleTabelle"/><w:tblPr><w:tblBorders><w:top w:val="double" w:sz="4" w:space="0" w:color="0E5E6F"/><w:bottom w:val="double" w:sz="4" w:space="0" w:color="0E5E6F"/></w:tblBorders></w:tblPr></w:style>' +
    '</w:styles>'
  );
}

const NUMBERING =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">` +
  '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="425" w:hanging="425"/></w:pPr></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="·"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="850" w:hanging="425"/></w:pPr></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="·"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1275" w:hanging="425"/></w:pPr></w:lvl></w:abstractNum>' +
  '<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num></w:numbering>';

const THEME =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Amt">` +
  '<a:themeElements><a:clrScheme name="Amt">' +
  ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink']
    .map(
      (c, i) =>
        `<a:${c}><a:srgbClr val="${['000000', 'FFFFFF', '0E5E6F', 'EEECE1', '0E5E6F', 'A0522D', '9BBB59', '8064A2', '4BACC6', 'F79646', '0000FF', '800080'][i]}"/></a:${c}>`,
    )
    .join('') +
  '</a:clrScheme><a:fontScheme name="Amt"><a:majorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="DejaVu Serif"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>' +
  '<a:fmtScheme name="Amt"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>' +
  '<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>' +
  '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>' +
  '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>';

/** A Word template's parts; `over` replaces or adds parts (null removes one). */
function wordPackage(over: Record<string, string | Uint8Array | null> = {}, mainType = TEMPLATE): Uint8Array {
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${mainType}"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="${REL}/theme" Target="theme/theme1.xml"/></Relationships>`,
    // A5, with wide side margins and its own header distance.
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p/><w:sectPr><w:pgSz w:w="8391" w:h="11906"/><w:pgMar w:top="1200" w:right="1000" w:bottom="1100" w:left="1300" w:header="500" w:footer="450" w:gutter="0"/></w:sectPr></w:body></w:document>`,
    'word/styles.xml': styles(),
    'word/numbering.xml': NUMBERING,
    'word/theme/theme1.xml': THEME,
  };
  const zip: Zippable = {};
  for (const [name, value] of Object.entries({ ...parts, ...over }))
    if (value !== null) zip[name] = typeof value === 'string' ? strToU8(value) : value;
  return zipSync(zip);
}

const part = (file: string, name: string) => strFromU8(unzipSync(readFileSync(file))[name]!);
const styleOf = (stylesXml: string, id: string) =>
  [...stylesXml.matchAll(/<w:style\b[^>]*?w:styleId="([^"]*)"[\s\S]*?<\/w:style>/g)].find((m) => m[1] === id)?.[0];

let lo = '';
let built = '';
let withRef = '';
let without = '';
beforeAll(async () => {
  const dir = tempDir('brief-refdoc-');
  writeFileSync(join(dir, 'house.fodt'), FODT);
  const r = spawnSync(
    tool('soffice'),
    [
      '--headless',
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--convert-to',
      'docx',
      '--outdir',
      dir,
      join(dir, 'house.fodt'),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  lo = join(dir, 'house.docx');
  built = writeTemp('amt.dotx', wordPackage(), dir);
  withRef = tempDir('brief-refdoc-out-');
  without = tempDir('brief-refdoc-plain-');
  const a = await runCli([
    '--data',
    FIXTURE,
    '--out',
    withRef,
    '--only',
    'memo,matrix',
    '--format',
    'pdf,docx',
    '--reference-doc',
    lo,
    '--quiet',
  ]);
  expect(a.code, a.stderr).toBe(0);
  const b = await runCli([
    '--data',
    FIXTURE,
    '--out',
    without,
    '--only',
    'memo,matrix',
    '--format',
    'pdf,docx',
    '--quiet',
  ]);
  expect(b.code, b.stderr).toBe(0);
}, 240_000);

describe('a reference document made by LibreOffice', () => {
  it('the DOCX takes its Normal, Heading 1 and table text styles: fonts, sizes, colours', () => {
    const s = part(join(withRef, NAME, 'memo.docx'), 'word/styles.xml');
    expect(styleOf(s, 'Normal')).toMatch(
      /w:ascii="DejaVu Serif"[\s\S]*<w:color w:val="224466"\/>[\s\S]*<w:sz w:val="21"\/>/,
    );
    expect(styleOf(s, 'Heading1')).toMatch(
      /w:ascii="DejaVu Sans Mono"[\s\S]*<w:color w:val="993300"\/>[\s\S]*<w:sz w:val="38"\/>/,
    );
    expect(styleOf(s, 'TableContents')).toMatch(/<w:color w:val="006633"\/><w:sz w:val="17"\/>/);
    // Brief's own styles for what the reference lacks: the title, the header band.
    expect(styleOf(s, 'Title')).toBeDefined();
    expect(styleOf(s, 'BriefBand')).toBeDefined();
    const doc = part(join(withRef, NAME, 'matrix.docx'), 'word/document.xml');
    expect(doc).toContain('<w:pStyle w:val="TableContents"/>');
    expect(doc).not.toContain('<w:pStyle w:val="BriefTableText"/>');
    // The body's runs name no font of the theme's: the styles rule.
    expect(part(join(withRef, NAME, 'memo.docx'), 'word/document.xml')).not.toMatch(/w:ascii="Noto Serif"/);
    expect(part(join(without, NAME, 'memo.docx'), 'word/document.xml')).toMatch(/w:ascii="Noto Serif"/);
  });

  it('its page setup (Letter, its margins) where the template sets none; the marking stays in header and footer', () => {
    const doc = part(join(withRef, NAME, 'memo.docx'), 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(doc).toMatch(/<w:pgMar w:top="1701" w:right="1134" w:bottom="1417" w:left="1984"/);
    expect(part(join(withRef, NAME, 'memo.docx'), 'word/header1.xml')).toMatch(
      /<w:pStyle w:val="BriefBand"\/>[\s\S]*OFFICIAL/,
    );
  });

  it('the PDF is the same bytes with and without it', () => {
    for (const f of ['memo.pdf', 'matrix.pdf'])
      expect(readFileSync(join(withRef, NAME, f)).equals(readFileSync(join(without, NAME, f))), f).toBe(true);
  });

  it("passes Microsoft's validator, and LibreOffice lays it out in the reference's fonts", async () => {
    for (const f of ['memo.docx', 'matrix.docx'])
      expect(await validate(new Uint8Array(readFileSync(join(withRef, NAME, f))), 'docx', 'Microsoft365'), f).toEqual(
        [],
      );
    const dir = tempDir('brief-refdoc-render-');
    const r = spawnSync(
      tool('soffice'),
      [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(withRef, NAME, 'memo.docx'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const fonts = spawnSync('pdffonts', [join(dir, 'memo.pdf')], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/DejaVuSerif\b/);
    expect(fonts).toMatch(/DejaVuSansMono-Bold/);
    expect(fonts).not.toMatch(/NotoSerif/);
    expect(spawnSync('pdfinfo', [join(dir, 'memo.pdf')], { encoding: 'utf8' }).stdout).toMatch(
      /Page size:\s+612 x 792 pts/,
    );
  }, 180_000);
});

describe('a reference document as Word writes a German template', () => {
  it("styles found by their names, Brief's id kept clear of the reference's, lists in its numbering, its theme and page", async () => {
    const out = tempDir('brief-refdoc-amt-');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--out',
      out,
      '--only',
      'memo,matrix',
      '--format',
      'docx',
      '--reference-doc',
      built,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const memo = join(out, NAME, 'memo.docx');
    const doc = part(memo, 'word/document.xml');
    expect(doc).toContain('<w:pStyle w:val="Titel"/>');
    expect(doc).toContain('<w:pStyle w:val="berschrift1"/>');
    expect(doc).not.toMatch(/w:val="(Title|Heading1|ListBullet)"/);
    // The list style numbers with the reference's own list 5.
    expect(doc).toMatch(/<w:pStyle w:val="Aufzhlungszeichen"\/><w:numPr><w:ilvl w:val="0"\/><w:numId w:val="5"\/>/);
    expect(part(join(out, NAME, 'matrix.docx'), 'word/document.xml')).toContain('<w:tblStyle w:val="Amtstabelle"/>');
    const s = part(memo, 'word/styles.xml');
    // Its Normal, with the document's language (Word checks spelling in it).
    expect(styleOf(s, 'Standard')).toContain('<w:color w:val="3B1F5C"/><w:sz w:val="23"/><w:lang w:val="en-GB"/>');
    // The reference's "Quote" id is another style: Brief's Quote is added under another id.
    expect(styleOf(s, 'Quote')).toContain('Abteilungszitat');
    expect(styleOf(s, 'BriefQuote')).toContain('<w:name w:val="Quote"/>');
    expect(styleOf(s, 'BriefQuote')).toContain('<w:basedOn w:val="Standard"/>');
    expect(part(memo, 'word/theme/theme1.xml')).toContain('<a:latin typeface="DejaVu Serif"/>');
    const numbering = part(memo, 'word/numbering.xml');
    expect(numbering).toContain('<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>');
    expect(doc).toMatch(/<w:pgSz w:w="8391" w:h="11906"/);
    expect(doc).toMatch(
      /<w:pgMar w:top="1200" w:right="1000" w:bottom="1100" w:left="1300" w:header="500" w:footer="450"/,
    );
    // The matrix's front matter sets landscape: the reference's A5 turned.
    expect(part(join(out, NAME, 'matrix.docx'), 'word/document.xml')).toMatch(
      /<w:pgSz w:w="11906" w:h="8391" w:orient="landscape"/,
    );
    for (const f of [memo, join(out, NAME, 'matrix.docx')])
      expect(await validate(new Uint8Array(readFileSync(f)), 'docx', 'Microsoft365'), f).toEqual([]);
  }, 120_000);

  it('from the theme (reference_doc:, beside the theme), with tracked changes and numbered copies', async () => {
    const templates = join(tempDir('brief-refdoc-t-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    mkdirSync(join(templates, 'word'));
    cpSync(built, join(templates, 'word', 'amt.dotx'));
    writeFileSync(
      join(templates, 'theme.yaml'),
      `${readFileSync(join(templates, 'theme.yaml'), 'utf8')}\nreference_doc: word/amt.dotx\n`,
    );
    const out = tempDir('brief-refdoc-track-');
    const recipients = writeTemp('r.yaml', '- name: Jane Doe\n  organisation: Ministry of Defence\n');
    const r = await runCli([
      '--data',
      V2,
      '--since',
      BUNDLED,
      '--track-changes',
      '--recipients',
      recipients,
      '--templates',
      templates,
      '--out',
      out,
      '--only',
      'memo',
      '--format',
      'pdf,docx',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(out, 'coalition-of-the-willing-2025-04-10');
    const doc = part(join(dir, 'memo.docx'), 'word/document.xml');
    expect(doc).toMatch(/<w:ins /);
    expect(doc).toMatch(/<w:del /);
    expect(doc).toContain('<w:pStyle w:val="berschrift1"/>');
    expect(readdirSync(join(dir, 'copies'))).toContain('distribution-register.csv');
    expect(await validate(new Uint8Array(readFileSync(join(dir, 'memo.docx'))), 'docx', 'Microsoft365')).toEqual([]);
  }, 120_000);

  it("the template's front matter still rules the paper it sets; the reference's margins where it sets none", async () => {
    const templates = join(tempDir('brief-refdoc-fm-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const memo = join(templates, 'memo.md.hbs');
    writeFileSync(
      memo,
      readFileSync(memo, 'utf8').replace('orientation: portrait\n', 'orientation: portrait\npaper: Legal\n'),
    );
    const out = tempDir('brief-refdoc-fm-out-');
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
      'docx',
      '--reference-doc',
      built,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = part(join(out, NAME, 'memo.docx'), 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="12240" w:h="20160"/);
    expect(doc).toMatch(/<w:pgMar w:top="1200" w:right="1000" w:bottom="1100" w:left="1300"/);
  }, 60_000);

  it('--watch builds again when the reference document changes, and keeps the outputs when it breaks', async () => {
    const ref = writeTemp('amt.dotx', wordPackage());
    const w = startWatch(NAME, (d) => [
      '-w',
      '-d',
      d.data,
      '--templates',
      d.templates,
      '-o',
      d.out,
      '--only',
      'memo',
      '--format',
      'docx',
      '--reference-doc',
      ref,
    ]);
    const memo = join(w.out, NAME, 'memo.docx');
    try {
      await w.waitFor(() => w.stdout.includes('watching'), 'the first build');
      expect(part(memo, 'word/styles.xml')).toContain('<w:color w:val="3B1F5C"/>');
      let mark = w.stdout.length;
      writeFileSync(ref, wordPackage({ 'word/styles.xml': styles().replace('3B1F5C', '7A0000') }));
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the rebuild after the reference changed');
      expect(w.stdout.slice(mark)).toMatch(/amt\.dotx changed\)$/m);
      expect(part(memo, 'word/styles.xml')).toContain('<w:color w:val="7A0000"/>');
      mark = w.stdout.length;
      const errMark = w.stderr.length;
      writeFileSync(ref, 'broken');
      await w.waitFor(() => /rebuilt: /.test(w.stdout.slice(mark)), 'the line after the reference broke');
      expect(w.stderr.slice(errMark)).toMatch(/amt\.dotx: not a Word document/);
      expect(part(memo, 'word/styles.xml')).toContain('<w:color w:val="7A0000"/>');
    } finally {
      expect(await w.stop()).toBe(0);
    }
  }, 90_000);

  it('--reference-doc without DOCX output is a usage error', async () => {
    const r = await runCli(['--data', FIXTURE, '--out', tempDir(), '--format', 'pdf', '--reference-doc', built]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reference-doc styles the DOCX files: --format must include docx');
  });
});

/** A zip whose entry `name` declares `declared` bytes uncompressed, whatever it holds (a lying header). */
function lyingSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const bytes = strToU8(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const at = sig === 0x04034b50 ? [26, 30, 22] : sig === 0x02014b50 ? [28, 46, 24] : undefined;
    if (!at) continue;
    const len = view.getUint16(i + at[0]!, true);
    if (len === bytes.length && strFromU8(out.subarray(i + at[1]!, i + at[1]! + len)) === name)
      view.setUint32(i + at[2]!, declared, true);
  }
  return out;
}

describe('bad and hostile reference documents: named, exit 1, out/ unchanged', () => {
  const big = '<w:style w:type="paragraph" w:styleId="X"><w:name w:val="x"/></w:style>'.repeat(60_000);
  const cases: [string, string, () => Uint8Array | string, RegExp][] = [
    ['text.docx', 'a text file', () => 'not a zip', /not a Word document \(\.docx or \.dotx\): not a zip package/],
    [
      'sheet.docx',
      'a spreadsheet',
      () => wordPackage({}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
      /not a Word document .*spreadsheetml/,
    ],
    [
      'odt.docx',
      'an OpenDocument file',
      () => zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }),
      /not a Word document .*no \[Content_Types\]\.xml/,
    ],
    ['macros.dotm', 'a macro-enabled template', () => wordPackage(), /macro-enabled documents are not read/],
    [
      'disguised.docx',
      'macros behind a .docx name',
      () => wordPackage({}, 'application/vnd.ms-word.document.macroEnabled.main+xml'),
      /macro-enabled documents are not read/,
    ],
    [
      'lists.docx',
      'a style with an unknown list',
      () => wordPackage({ 'word/styles.xml': styles('9') }),
      /the style "list bullet" numbers with list 9, which the document's numbering definitions do not have/,
    ],
    [
      'strict.docx',
      'a Strict Open XML document',
      () =>
        wordPackage({ 'word/styles.xml': styles().split(W).join('http://purl.oclc.org/ooxml/wordprocessingml/main') }),
      /Strict Open XML documents are not read/,
    ],
    [
      'bomb.docx',
      'a zip bomb',
      () =>
        wordPackage({
          'word/styles.xml': styles().replace('</w:styles>', `${' '.repeat(40 * 1024 * 1024)}</w:styles>`),
        }),
      /expands \d+ times over .*zip bomb/,
    ],
    [
      'liar.docx',
      'an entry larger than its header says',
      () =>
        lyingSize(
          wordPackage({ 'word/styles.xml': styles().replace('</w:styles>', `${big}</w:styles>`) }),
          'word/styles.xml',
          4096,
        ),
      /expands past 4096 bytes .*zip bomb/,
    ],
    [
      'total.docx',
      'more in all than a package may hold',
      () =>
        lyingSize(
          zipSync({
            'word/media/image1.bin': [randomBytes(3 * 1024 * 1024), { level: 0 }],
            'word/document.xml': strToU8('<x/>'),
          }),
          'word/media/image1.bin',
          290 * 1024 * 1024,
        ),
      /hold \d+ bytes uncompressed, over the 268435456 a package may hold: refused as a zip bomb/,
    ],
    [
      'escape.docx',
      'a path out of the package',
      () => wordPackage({ '../../evil.xml': '<x/>' }),
      /"\.\.\/\.\.\/evil\.xml" has a "\.\." segment/,
    ],
    [
      'entities.docx',
      'entity expansion',
      () =>
        wordPackage({
          'word/styles.xml': styles().replace(
            '<w:styles',
            '<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><w:styles',
          ),
        }),
      /word\/styles\.xml has a DOCTYPE: refused/,
    ],
  ];
  it('one the theme names (reference_doc:) that is not there: the message names it and the theme', async () => {
    const templates = join(tempDir('brief-refdoc-t-'), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(
      join(templates, 'theme.yaml'),
      `${readFileSync(join(templates, 'theme.yaml'), 'utf8')}\nreference_doc: word/missing.dotx\n`,
    );
    const out = tempDir('brief-refdoc-bad-');
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
      'docx',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/word\/missing\.dotx: cannot read the reference document: no such file/);
    expect(r.stderr).toMatch(/it is the reference_doc: of .*theme\.yaml/);
    expect(tree(out)).toEqual([]);
    // Without DOCX output the reference is not read.
    expect(
      (
        await runCli([
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
          '--quiet',
        ])
      ).code,
    ).toBe(0);
  });

  for (const [file, what, make, message] of cases) {
    it(`${what} (${file})`, async () => {
      const out = tempDir('brief-refdoc-bad-');
      const keep = join(out, NAME);
      mkdirSync(keep);
      writeFileSync(join(keep, 'memo.docx'), 'earlier');
      const before = tree(out);
      const ref = writeTemp(file, make());
      const r = await runCli([
        '--data',
        FIXTURE,
        '--out',
        out,
        '--only',
        'memo',
        '--format',
        'docx',
        '--reference-doc',
        ref,
      ]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(message);
      expect(tree(out)).toEqual(before);
      expect(readFileSync(join(keep, 'memo.docx'), 'utf8')).toBe('earlier');
    }, 60_000);
  }
});
