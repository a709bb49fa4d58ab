// Text read back from a built PDF and DOCX with the language each run is tagged
// with, by independent readers: pdf.js's structure tree (each element's /Lang,
// the catalog's for the rest) and the DOCX XML (each run's w:lang).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { tool } from '../helpers.js';

export interface Run {
  lang: string;
  text: string;
}

/** Each piece of marked content in reading order with the language it is in: its nearest element's /Lang, else the document's. */
export async function pdfRuns(file: string): Promise<Run[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const catalog = execFileSync(tool('mutool'), ['show', file, 'trailer/Root/Lang'], { encoding: 'utf8' })
    .trim()
    .replace(/^\((.*)\)$/, '$1');
  const out: Run[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = new Map<string, string>();
    let open: string | null = null;
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ('type' in item && item.type === 'beginMarkedContentProps' && item.id) text.set((open = item.id), '');
      else if ('type' in item && item.type === 'endMarkedContent') open = null;
      else if ('str' in item && open) text.set(open, text.get(open)! + item.str);
    }
    type Node = { lang?: string; type?: string; id?: string; children?: Node[] };
    const walk = (n: Node, lang: string) => {
      for (const c of n.children ?? []) {
        if (c.type !== 'content') walk(c, c.lang ?? lang);
        else if (out.length && out[out.length - 1]!.lang === lang) out[out.length - 1]!.text += text.get(c.id!) ?? '';
        else out.push({ lang, text: text.get(c.id!) ?? '' });
      }
    };
    walk((await page.getStructTree()) as Node, catalog);
  }
  return out.map((r) => ({ lang: r.lang, text: r.text.trim() })).filter((r) => r.text);
}

/** Each DOCX run's text (document and notes) with its w:lang attributes as written ('w:val="en-GB" w:bidi="ar"'). */
export function docxRuns(file: string): Run[] {
  const zip = unzipSync(readFileSync(file));
  const xml = ['word/document.xml', 'word/footnotes.xml'].map((f) => (zip[f] ? strFromU8(zip[f]) : '')).join('');
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)]
    .map((m) => ({
      lang: /<w:lang ([^>]*)\/>/.exec(m[1]!)?.[1] ?? '',
      text: [...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }))
    .filter((r) => r.text.trim());
}
