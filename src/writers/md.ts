/**
 * The Markdown writer: the document tree as GitHub-flavoured Markdown (GFM
 * tables, footnotes), framed by the handling marking at the top and bottom as
 * a printed page would be. Written from the tree like every other format, one
 * small handler per node type; parsing what it writes gives the same tree
 * (a test holds it to that). Attribute spans are written as HTML spans, which
 * GitHub shows as their text.
 */
import { stringify } from 'yaml';
import {
  unreachable,
  type Align,
  type Attrs,
  type Block,
  type Cell,
  type Chart,
  type Doc,
  type Inline,
  type Meta,
} from '../doc/tree.js';
import { escapeInline, escapeLineStart, md, mdUrl } from '../shared/markdown.js';
import { CHART_WIDE_MAX_WIDTH, estimateWidth, layoutChart, svgOf } from './chart.js';
import type { Output, OutputFile, WriterEnv } from './writer.js';

/** The SVG file of a document's nth figure, beside it: matrix-figure-1.svg. */
export const figureFile = (base: string, n: number): string => `${base}-figure-${n}.svg`;
/** A figure file's name, with the document it belongs to ("matrix"): a run that writes that document again drops its old figures. */
export const FIGURE_FILE = /^(.+)-figure-\d+\.svg$/;

/** How a figure is written: an image of the file that holds it, with the figure's words as its alternative text. */
type FigureLink = (chart: Chart) => string;

export async function writeMarkdown(doc: Doc, env?: WriterEnv): Promise<Output> {
  const files: OutputFile[] = [];
  // Each figure an SVG file beside the Markdown, named after it and numbered in order: a relative link.
  const figure: FigureLink = (chart) => {
    if (!env) return figureText(chart);
    const name = figureFile(env.name ?? 'document', files.length + 1);
    files.push({
      name,
      bytes: Buffer.from(
        svgOf(chart, layoutChart(chart, CHART_WIDE_MAX_WIDTH, env.theme, estimateWidth), env.theme),
        'utf8',
      ),
    });
    return `![${escapeInline(chart.alt)}](${mdUrl(name)})`;
  };
  const bytes = Buffer.from(toMarkdown(doc, figure), 'utf8');
  return files.length ? { bytes, files } : { bytes };
}

/** A figure where no file can be written beside the text: the chart's spans, as the chart helper writes them (they parse to the same figure). */
const figureText: FigureLink = (c) => {
  const span = (cls: string, text: string) => `<span class="${cls}">${escapeInline(text)}</span>`;
  const segments = c.segments.map(
    (s) =>
      `<span class="${s.crowd ? 'chart-crowd' : 'chart-segment'}"><span data-category="${s.category.replace(/[<>"]/g, '')}"${s.tone ? ` data-tone="${s.tone.replace(/[<>"]/g, '')}"` : ''}>${escapeInline(s.symbol)}</span> ${span('chart-count', String(s.count))} ${span('chart-label', s.label)}${s.actors.length ? ` (${s.actors.map((a) => span('chart-actor', a)).join(', ')})` : ''}</span>`,
  );
  return `<span class="chart">${span('chart-title', c.title)}: ${segments.join(', ')}</span>`;
};

/** The whole document as Markdown text. */
export function toMarkdown(doc: Doc, figure: FigureLink = figureText): string {
  const marking = `**${md(doc.meta.marking)}**`;
  const parts = [frontMatter(doc.meta), marking, blocks(doc.blocks, false, figure)];
  const notes = doc.notes.map((n) => note(n.n, n.children, figure)).join('\n');
  if (notes) parts.push(notes);
  parts.push(marking);
  return parts.filter((p) => p !== '').join('\n\n') + '\n';
}

/**
 * Document control as YAML front matter (GitHub shows it as a table above the
 * text), when the document has any: title, author and the control
 * properties, keys in snake_case. Nothing otherwise, so that a dataset
 * without control writes the Markdown it always did.
 */
function frontMatter(meta: Meta): string {
  if (!meta.properties.length) return '';
  const fields: Record<string, string> = { title: meta.title, author: meta.author };
  for (const [k, v] of meta.properties) fields[k.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase()] = v;
  return `---\n${stringify(fields, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).trimEnd()}\n---`;
}

// ---- inline ------------------------------------------------------------

function attrsHtml(attrs: Attrs): string {
  const parts: string[] = [];
  if (attrs.category) parts.push(`data-category="${attrs.category}"`);
  if (attrs.tone) parts.push(`data-tone="${attrs.tone}"`);
  if (attrs.lang) parts.push(`lang="${attrs.lang}"`);
  if (attrs.dir) parts.push(`dir="${attrs.dir}"`);
  if (attrs.class) parts.push(`class="${attrs.class}"`);
  return parts.map((p) => ' ' + p.replace(/[<>]/g, '')).join('');
}

/** A code span: a fence of backticks longer than any run inside it. */
function codeSpan(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || /^ .* $/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** One handler per inline node type; `inTable` keeps a cell on one line. */
function inline(nodes: readonly Inline[], inTable: boolean): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += escapeInline(n.value);
        break;
      case 'strong':
        out += `**${inline(n.children, inTable)}**`;
        break;
      case 'emphasis':
        out += `*${inline(n.children, inTable)}*`;
        break;
      case 'delete':
        out += `~~${inline(n.children, inTable)}~~`;
        break;
      case 'code':
        out += codeSpan(n.value);
        break;
      case 'link':
        out += `[${inline(n.children, inTable)}](${mdUrl(n.url)})`;
        break;
      case 'span':
        // A fact is for aligning tracked changes, not for readers: a span that carries only that is its text.
        out += attrsHtml(n.attrs)
          ? `<span${attrsHtml(n.attrs)}>${inline(n.children, inTable)}</span>`
          : inline(n.children, inTable);
        break;
      case 'noteRef':
        out += `[^${n.n}]`;
        break;
      case 'break':
        out += inTable ? ' ' : '\\\n';
        break;
      default:
        unreachable(n);
    }
  }
  return out;
}

// ---- blocks ------------------------------------------------------------

function indent(text: string, by: string, first = by): string {
  return text
    .split('\n')
    .map((line, i) => (line === '' ? '' : (i === 0 ? first : by) + line))
    .join('\n');
}

function paragraph(children: readonly Inline[]): string {
  return inline(children, false).split('\n').map(escapeLineStart).join('\n');
}

function alignRow(align: readonly Align[]): string {
  return `| ${align.map((a) => (a === 'left' ? ':--' : a === 'right' ? '--:' : a === 'center' ? ':-:' : '---')).join(' | ')} |`;
}

function row(cells: readonly Cell[]): string {
  // Text escapes its pipes already; a code span in a cell needs them escaped too (GFM splits cells first).
  return `| ${cells.map((c) => inline(c.children, true).replace(/(?<!\\)\|/g, '\\|') || ' ').join(' | ')} |`;
}

function block(b: Block, figure: FigureLink): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.depth)} ${inline(b.children, false).replace(/\n/g, ' ')}`;
    case 'paragraph':
      return paragraph(b.children);
    case 'list': {
      // Tight when every item is one paragraph; a loose list parses to the same tree.
      const itemsTight = b.items.every((item) => item.length <= 1);
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.start + i}. ` : '- ';
          const body = blocks(item, itemsTight, figure) || '';
          return indent(body, ' '.repeat(marker.length), marker);
        })
        .join(itemsTight ? '\n' : '\n\n');
    }
    case 'blockquote':
      return blocks(b.children, false, figure)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'table':
      return [row(b.header), alignRow(b.align), ...b.rows.map(row)].join('\n');
    case 'code': {
      const longest = Math.max(2, ...[...b.value.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${b.lang ?? ''}\n${b.value}\n${fence}`;
    }
    case 'rule':
      return '---';
    case 'figure':
      return figure(b.chart);
    default:
      return unreachable(b);
  }
}

function blocks(list: readonly Block[], tight: boolean, figure: FigureLink): string {
  return list.map((b) => block(b, figure)).join(tight ? '\n' : '\n\n');
}

/** A note definition: its first block after the label, the rest indented under it. */
function note(n: number, children: readonly Block[], figure: FigureLink): string {
  const label = `[^${n}]: `;
  return indent(blocks(children, false, figure), '    ', label);
}
