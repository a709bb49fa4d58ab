/**
 * The Markdown writer: the rendered Markdown is itself the deliverable
 * (GitHub-flavoured, with tables and footnotes), framed by the theme's
 * handling marking at the top and bottom as a printed page would be.
 */
import type { RenderedDocument } from '../render/render.js';
import { md } from '../view/escape.js';

export function writeMarkdown(doc: RenderedDocument): Buffer {
  const marking = `**${md(doc.theme.marking)}**`;
  return Buffer.from(`${marking}\n\n${doc.markdown.trimEnd()}\n\n${marking}\n`, 'utf8');
}
