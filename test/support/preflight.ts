// Apache PDFBox Preflight (PDF/A-1b) over many files in one Java process: its
// "group" mode reads a list of files and writes one XML report, so a test
// pays Java's start once instead of once a file. Each file's result is given
// as the text Preflight prints for one file ("7.11.2 : Error on MetaData, ...").
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile, tempDir, tool } from '../helpers.js';

/** Preflight and what it needs, each with the Debian package it comes in. */
export const PREFLIGHT_JARS: [string, string][] = [
  ['preflight', 'libpdfbox2-java'],
  ['pdfbox2', 'libpdfbox2-java'],
  ['fontbox2', 'libfontbox2-java'],
  ['xmpbox', 'libpdfbox2-java'],
  ['commons-logging', 'libcommons-logging-java'],
  ['javax.activation', 'libactivation-java'],
  ['jaxb-api', 'libjaxb-api-java'],
].map(([j, pkg]) => [`/usr/share/java/${j}.jar`, pkg!]);

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each file's verdict, in the order given. */
export function preflight(files: string[]): { file: string; valid: boolean; output: string }[] {
  const jars = PREFLIGHT_JARS.map(([jar, pkg]) => packageFile(jar, pkg));
  const list = join(tempDir('brief-preflight-'), 'files.txt');
  writeFileSync(list, `${files.join('\n')}\n`);
  const r = spawnSync(
    tool('java'),
    ['-cp', jars.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', 'xml', 'group', list],
    { encoding: 'utf8' },
  );
  let xml: string;
  try {
    xml = readFileSync(`${list}.preflight.xml`, 'utf8');
  } catch {
    throw new Error(`PDFBox Preflight wrote no report (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  const reports = xml.split('<preflight ').slice(1);
  if (reports.length !== files.length)
    throw new Error(`PDFBox Preflight reported on ${reports.length} of ${files.length} files:\n${xml}`);
  return reports.map((report, i) => {
    const valid = /<isValid type="PDF\/A1-b">true<\/isValid>/.test(report);
    const errors = [...report.matchAll(/<code>([^<]*)<\/code>\s*<details>([^<]*)<\/details>/g)].map(
      (m) => `${m[1]} : ${unescape(m[2]!)}`,
    );
    const name = /name="([^"]*)"/.exec(report)?.[1] ?? '';
    if (!files[i]!.endsWith(name)) throw new Error(`PDFBox Preflight's report ${i + 1} is on ${name}, not ${files[i]}`);
    return {
      file: files[i]!,
      valid,
      output: valid ? `${files[i]} is a valid PDF/A-1b file` : [`${files[i]} is not valid:`, ...errors].join('\n'),
    };
  });
}
