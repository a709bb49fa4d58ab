// Apache PDFBox Preflight (PDF/A-1b), as the tests call it: the one Java
// process the run started (test/support/preflight-server.ts, from
// test/global-setup.ts) checks the files and answers with the XML report
// Preflight's "xml" mode writes for each. Each file's result is given as the
// text Preflight prints for one file ("7.11.2 : Error on MetaData, ...").
import { inject } from 'vitest';
import { packageFile, tool } from '../helpers.js';
import { PREFLIGHT_JARS } from './preflight-server.js';

export { PREFLIGHT_JARS };

declare module 'vitest' {
  export interface ProvidedContext {
    preflightServer: string;
  }
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each file's verdict, in the order given. */
export async function preflight(files: string[]): Promise<{ file: string; valid: boolean; output: string }[]> {
  // Java and every jar first, each missing one failing with one line naming its Debian package.
  tool('java');
  for (const [jar, pkg] of PREFLIGHT_JARS) packageFile(jar, pkg);
  const r = await fetch(inject('preflightServer'), { method: 'POST', body: JSON.stringify(files) });
  if (!r.ok) throw new Error(`PDFBox Preflight failed: ${await r.text()}`);
  const reports = (await r.json()) as string[];
  if (reports.length !== files.length)
    throw new Error(`PDFBox Preflight reported on ${reports.length} of ${files.length} files:\n${reports.join('\n')}`);
  return reports.map((report, i) => {
    const valid = /<isValid type="PDF\/A1-b">true<\/isValid>/.test(report);
    const errors = [...report.matchAll(/<code>([^<]*)<\/code>\s*<details>([^<]*)<\/details>/g)].map(
      (m) => `${m[1]} : ${unescape(m[2]!)}`,
    );
    const name = /name="([^"]*)"/.exec(report)?.[1] ?? '';
    if (!name || !files[i]!.endsWith(name))
      throw new Error(`PDFBox Preflight's report ${i + 1} is on ${name || 'nothing'}, not ${files[i]}:\n${report}`);
    return {
      file: files[i]!,
      valid,
      output: valid ? `${files[i]} is a valid PDF/A-1b file` : [`${files[i]} is not valid:`, ...errors].join('\n'),
    };
  });
}
