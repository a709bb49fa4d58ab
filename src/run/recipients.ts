/**
 * Numbered copies for named recipients (--recipients FILE): the recipients
 * file read and checked with positions, and the distribution register that
 * lists each copy's number, recipient, file and SHA-256, in Markdown and CSV.
 */
import { createHash } from 'node:crypto';
import { Problems } from '../shared/diagnostics.js';
import { readUserFile } from '../shared/files.js';
import { RECIPIENTS_SCHEMA_FILE } from '../shared/paths.js';
import { checkSchema } from '../shared/schema.js';
import { quoted, shown } from '../shared/show.js';
import { parseYaml } from '../shared/yaml.js';
import { oneLine } from '../shared/text.js';

export interface Recipient {
  name: string;
  organisation: string;
  email?: string;
}

/** A recipients file is a short list: a megabyte is far more than any distribution. */
const MAX_BYTES = 1024 * 1024;

/** The recipients, in copy order; a UserError with every problem at its place otherwise. */
export async function loadRecipients(path: string): Promise<Recipient[]> {
  const file = shown(path);
  const bytes = await readUserFile(path, {
    max: MAX_BYTES,
    shownAs: file,
    what: 'recipients file',
    code: 'recipients/read',
  });
  const { data, map } = parseYaml(
    bytes,
    file,
    'the recipients file is empty: expected a list of recipients, each with name and organisation',
    0,
    'list',
  );
  const problems = new Problems();
  problems.add(...checkSchema(data, map, RECIPIENTS_SCHEMA_FILE));
  problems.throwIfAny();
  // Tabs and line breaks in a name become spaces: a name is one line on a copy, in its metadata and in the registers.
  const list = (data as Recipient[]).map((r) => ({
    ...r,
    name: oneLine(r.name),
    organisation: oneLine(r.organisation),
    ...(r.email !== undefined ? { email: oneLine(r.email) } : {}),
  }));
  // The same person twice would get two copies under two numbers: almost always a slip.
  const first = new Map<string, number>();
  list.forEach((r, i) => {
    const key = `${r.name.normalize('NFC').trim().toLowerCase()}\u0000${r.organisation.normalize('NFC').trim().toLowerCase()}`;
    const prev = first.get(key);
    if (prev !== undefined)
      problems.add(
        map.at(
          [i, 'name'],
          'recipients/duplicate',
          `${quoted(r.name)} of ${quoted(r.organisation)} is already recipient ${prev + 1}`,
          { hint: `first at line ${map.locate([prev, 'name']).line}` },
        ),
      );
    else first.set(key, i);
  });
  problems.throwIfAny();
  return list;
}

export interface Copy {
  n: number;
  recipient: Recipient;
  /** The document it is a copy of ("memo"). */
  document: string;
  /** Its path inside the dataset's output folder: "copies/memo-copy-01.pdf". */
  file: string;
  bytes: Uint8Array;
}

/** "copies/memo-copy-01.pdf": numbered to the width of the count, so that the files sort in copy order. */
export function copyFile(document: string, n: number, total: number): string {
  return `copies/${document}-copy-${String(n).padStart(Math.max(2, String(total).length), '0')}.pdf`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A CSV field (RFC 4180), defused: a value a spreadsheet would run as a formula starts with an apostrophe. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Markdown text on one line: pipes, backslashes, markup characters and entity references escaped, so that it is read as written. */
function inline(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_[\]<>|~!#]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * A register table cell: one line, escaped, and defused as in the CSV (a value
 * a spreadsheet would run as a formula, starting with =, +, - or @, starts
 * with an apostrophe), since a reader copies the table into a spreadsheet.
 * A leading tab or carriage return is a space and is trimmed by then.
 */
function cell(value: string): string {
  const text = oneLine(value);
  return inline(/^[=+\-@]/.test(text) ? `'${text}` : text);
}

export interface RegisterHead {
  dataset: string;
  title: string;
  /** "Version 2.0, Draft", when the dataset has document control. */
  version?: string;
  asOf: string;
}

/** The register as CSV: a header row, then one row per copy, in copy order then document order. */
export function registerCsv(copies: readonly Copy[]): string {
  const rows = [['copy', 'recipient', 'organisation', 'email', 'document', 'file', 'sha256']];
  for (const c of copies)
    rows.push([
      String(c.n),
      c.recipient.name,
      c.recipient.organisation,
      c.recipient.email ?? '',
      c.document,
      c.file.replace(/^copies\//, ''),
      sha256(c.bytes),
    ]);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The register as Markdown, for reading: what was distributed, to whom, and how to check a file. */
export function registerMarkdown(copies: readonly Copy[], head: RegisterHead): string {
  const total = new Set(copies.map((c) => c.n)).size;
  const lines = [
    `# Distribution register: ${inline(head.title)}`,
    '',
    `Dataset ${inline(head.dataset)}, as of ${inline(head.asOf)}${head.version ? `; ${inline(head.version)}` : ''}. ${total} numbered ${total === 1 ? 'copy' : 'copies'} of each document; each file's SHA-256 lets a holder check that a copy is the one issued (\`sha256sum FILE\`).`,
    '',
    '| Copy | Recipient | Organisation | Document | File | SHA-256 |',
    '| --: | --- | --- | --- | --- | --- |',
  ];
  for (const c of copies)
    lines.push(
      `| ${c.n} | ${cell(c.recipient.name)} | ${cell(c.recipient.organisation)} | ${cell(c.document)} | ${cell(c.file.replace(/^copies\//, ''))} | \`${sha256(c.bytes)}\` |`,
    );
  return lines.join('\n') + '\n';
}
