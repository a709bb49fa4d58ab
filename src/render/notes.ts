/**
 * Footnotes for one rendered document: source citations and notes share one
 * sequence, numbered in order of first use, so the Markdown labels match the
 * numbers a reader sees.
 */
import type { SourceView } from '../view/view.js';
import { HelperError } from './errors.js';
import { countIn, englishLabels, fill, type Labels } from '../shared/labels.js';

const PLACEHOLDER = '\u0000ENDNOTES\u0000';
const COUNT = '\u0000SOURCESCITED\u0000';

export class Notes {
  private readonly numbers = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly sources: Map<string, SourceView>;

  constructor(
    sources: readonly SourceView[],
    private readonly labels: Labels = englishLabels(),
  ) {
    this.sources = new Map(sources.map((s) => [s.id, s]));
  }

  /** The number of a source's citation, given on first use. */
  source(id: string): number {
    const s = this.sources.get(id);
    if (!s) throw new HelperError('cite', `unknown source id ${JSON.stringify(id)}`);
    return this.number(`source:${id}`, s.citation);
  }

  /** Whether the document cites the source already. */
  cites(id: string): boolean {
    return this.numbers.has(`source:${id}`);
  }

  /** A note of its own, with its sources cited inside it. */
  note(text: string, sourceIds: string[]): number {
    const key = `note:${text}:${sourceIds.join(',')}`;
    const existing = this.numbers.get(key);
    if (existing !== undefined) return existing;
    const n = this.number(key, '');
    const refs = this.refs(sourceIds.map((id) => this.source(id)));
    this.texts[n - 1] = `${text}${refs ? ' ' + refs : ''}`;
    return n;
  }

  refs(numbers: number[]): string {
    return [...new Set(numbers)]
      .sort((a, b) => a - b)
      .map((n) => `[^${n}]`)
      .join('');
  }

  placeholder(): string {
    return PLACEHOLDER;
  }

  /** Where {{sources_cited}} stood: replaced by the number of sources the document cites, once it is known. */
  countPlaceholder(): string {
    return COUNT;
  }

  /** Puts the definitions where {{endnotes}} stood, or at the end when it was not used. */
  finish(markdown: string): string {
    const cited = [...this.numbers.keys()].filter((k) => k.startsWith('source:')).length;
    markdown = markdown
      .split(COUNT)
      .join(cited === 1 ? this.labels.sources.one : fill(this.labels.sources.many, { n: countIn(this.labels, cited) }));
    const defs = this.texts.map((t, i) => `[^${i + 1}]: ${t}`).join('\n');
    if (markdown.includes(PLACEHOLDER)) return markdown.split(PLACEHOLDER).join(defs);
    return defs ? `${markdown.trimEnd()}\n\n${defs}\n` : markdown;
  }

  private number(key: string, text: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      this.texts.push(text);
      n = this.texts.length;
      this.numbers.set(key, n);
    }
    return n;
  }
}
