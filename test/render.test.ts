import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText, stringify } from 'yaml';
import { checkFile } from '../src/run/pipeline.js';

import type { Block, Cell, Chart, Doc, Inline } from '../src/doc/tree.js';
import { blocksText, textOf } from '../src/doc/walk.js';
import { renderDocuments, type RenderedDocument } from '../src/render/render.js';
import { loadTemplates } from '../src/render/templates.js';
import { buildView } from '../src/view/view.js';
import { md } from '../src/shared/markdown.js';
import { BUNDLED, FIXTURE, parse, ROOT, runCli, tempDir, tool, writeTemp } from './helpers.js';
import { builtCopy } from './support/build-cache.js';

async function render(file: string, templatesDir = join(ROOT, 'templates')): Promise<Map<string, RenderedDocument>> {
  const set = await loadTemplates(templatesDir);
  const dataset = await checkFile(file);
  return new Map(renderDocuments(set, buildView(dataset.data, set.theme)).map((d) => [d.name, d]));
}

/**
 * The document's shape: every node type and structure, with text values
 * blanked. GFM's autolinks (a bare address made a link to itself, text
 * unchanged) count as text.
 */
function shape(doc: Doc): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const flat = v.map((x) =>
        x?.type === 'link' && textOf(x.children) === x.url.replace(/^mailto:|^http:\/\/(?=www\.)/, '')
          ? { type: 'text' }
          : x,
      );
      return flat.filter((x, i) => !(x?.type === 'text' && flat[i - 1]?.type === 'text')).map(strip);
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'text') return { type: 'text' };
      // A figure's words are text too: its shape is its segments' categories and counts, and how many actors each names.
      if (o.type === 'figure') {
        const c = o.chart as Chart;
        return { type: 'figure', segments: c.segments.map((g) => [g.category, g.count, g.actors.length]) };
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, k === 'url' ? '' : strip(x)]));
    }
    return v;
  };
  return strip(doc);
}

function allText(doc: Pick<Doc, 'blocks' | 'notes'>): string {
  return blocksText([...doc.blocks, ...doc.notes.flatMap((n) => n.children)]);
}

/** A table cell's text. */
const cellText = (c: Cell) => textOf(c.children);

function headings(doc: Doc, depth: number): string[] {
  return doc.blocks
    .filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.depth === depth)
    .map((b) => textOf(b.children));
}

function refs(inlines: Inline[]): number[] {
  return inlines.flatMap((i) => (i.type === 'noteRef' ? [i.n] : 'children' in i ? refs(i.children) : []));
}

/** Brief's neutral category words, as the README documents them (a dataset's vocabulary overrides them). */
const NEUTRAL_WORDS: Record<string, string> = {
  leading: 'Leading',
  yes: 'Yes',
  open: 'Open',
  no: 'No',
  required: 'Required',
  important: 'Important',
  depends: 'Depends',
  not_required: 'Not required',
  undecided: 'Undecided',
  not_stated: 'Not stated',
  not_applicable: 'n/a',
};

const HOSTILE = '*star* _under_ |pipe| <b>bold</b> [x](http://e.example) `tick` ~~del~~ [^1] &amp; \\back';
const LINE_STARTS = ['# hash', '- dash', '1. one', '> quote', '+ plus', '=== ', '| cell |'];

/** Keys whose string values are free text (not ids, enums, dates or file names). */
const FREE_TEXT = new Set([
  'title',
  'subject',
  'to',
  'from',
  'author',
  'name',
  'short_name',
  'native_name',
  'format',
  'purpose',
  'venue',
  'city',
  'note',
  'role',
  'label',
  'question',
  'summary',
  'condition',
  'text',
  'context',
  'topic',
  'detail',
  'resolution',
  'byline',
  'outlet',
  'dateline',
  'when_note',
  'unit',
  'spelling',
  'keywords',
  'notes',
]);

function poison(value: unknown, key: string | undefined, counter: { n: number }): unknown {
  if (typeof value === 'string') {
    if (!key || !FREE_TEXT.has(key)) return value;
    // The same prefix for every value of a key and the value last, so that sorting (actors by name,
    // people by the last word of theirs) is unchanged.
    counter.n++;
    const start = LINE_STARTS[[...key].reduce((h, c) => h + c.charCodeAt(0), 0) % LINE_STARTS.length];
    return `${start} ${HOSTILE}\n${value}`;
  }
  if (Array.isArray(value))
    return value.map((v) => poison(v, key === 'keywords' || key === 'notes' ? key : undefined, counter));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (k === 'value' && typeof v === 'string' && key === 'variants') return [k, poison(v, 'text', counter)];
        if (k === 'role' && !('actor' in value)) return [k, v]; // an actor's role is an enum; a person's is free text
        if (k === 'topic' && 'kind' in value) return [k, v]; // a claim's topic is an enum; an open question's is free text
        return [k, poison(v, k, counter)];
      }),
    );
  }
  return value;
}

describe('Markdown escaping', () => {
  it('escapes what has Markdown meaning and nothing else', () => {
    expect(md('Kaja Kallas')).toBe('Kaja Kallas');
    expect(md('Macron\'s "force"')).toBe('Macron\'s "force"');
    expect(md('a|b')).toBe('a\\|b');
    expect(md('# not a heading')).toBe('\\# not a heading');
    expect(md('1. not a list')).toBe('1\\. not a list');
    expect(md('line\nbreak')).toBe('line break');
    expect(md('&amp; &')).toBe('\\&amp; &');
  });

  it("hostile strings in every free-text field never change any document's shape", async () => {
    const plain = await render(FIXTURE);
    const data = parseYamlText(readFileSync(FIXTURE, 'utf8')) as object;
    (data as { variants?: unknown }).variants = undefined;
    const hostileFile = writeTemp('fictional-roundtable-2024-11-05.yaml', stringify(poison(data, undefined, { n: 0 })));
    const hostile = await render(hostileFile);
    for (const name of ['memo', 'faq', 'matrix']) {
      const a = parse(plain.get(name)!.markdown);
      const b = parse(hostile.get(name)!.markdown);
      expect(shape(b), name).toEqual(shape(a));
      const text = allText(b);
      expect(text, name).toContain(
        '*star* _under_ |pipe| <b>bold</b> [x](http://e.example) `tick` ~~del~~ [^1] &amp; \\back',
      );
      // Values that start like a heading, list item, quote or table row stay text.
      expect(LINE_STARTS.filter((start) => text.includes(start + ' ')).length, name).toBeGreaterThanOrEqual(3);
    }
  });

  it('never HTML-escapes', async () => {
    const docs = await render(BUNDLED);
    for (const d of docs.values()) {
      expect(d.markdown).not.toMatch(/&(amp|#x27|#39|quot|lt|gt);/);
    }
    expect(docs.get('memo')!.markdown).toContain("Macron's");
  });
});

describe('the bundled documents', () => {
  it('memo: header block, the sections in order, 3-5 BLUF points, every bullet cited', async () => {
    const memo = (await render(BUNDLED)).get('memo')!;
    const doc = parse(memo.markdown);
    expect(memo.settings).toEqual({
      title: 'Coalition of the Willing: defence ministers on a reassurance force for Ukraine',
      kind: 'Briefing memo',
      orientation: 'portrait',
      pages: 2,
      running: 'Coalition of the Willing',
    });
    expect(headings(doc, 2)).toEqual([
      'Bottom line up front',
      'Background',
      'Key points',
      'Positions in brief',
      'Divergences and uncertainties',
      'Outlook and next events',
      'Sources',
    ]);
    const header = textOf((doc.blocks[1] as Extract<Block, { type: 'paragraph' }>).children);
    expect(header).toBe(
      "TO: Minister; Political Director\nFROM: Europe and Security Policy Unit\nDATE: 10 April 2025\nSUBJECT: Outcome of the coalition defence ministers' meeting, NATO HQ, 10 April 2025",
    );
    const lists = doc.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    expect(lists[0]!.items.length).toBeGreaterThanOrEqual(3);
    expect(lists[0]!.items.length).toBeLessThanOrEqual(5);
    for (const list of lists) {
      for (const item of list.items) {
        const p = item[0] as Extract<Block, { type: 'paragraph' }>;
        expect(refs(p.children).length, textOf(p.children)).toBeGreaterThan(0);
      }
    }
    // Every paragraph of prose outside the header and the sources note cites a source.
    for (const b of doc.blocks) {
      if (b.type !== 'paragraph' || b === doc.blocks[1]) continue;
      const text = textOf(b.children);
      if (/^(Stated positions by question|As of |The FAQ lists )/.test(text)) continue;
      expect(refs(b.children).length, text).toBeGreaterThan(0);
    }
    // The endnotes name the five sources by their titles, never by the files they were curated from.
    const notes = doc.notes.map((f) => allText({ blocks: f.children, notes: [] }));
    const sources = (parseYamlText(readFileSync(BUNDLED, 'utf8')) as { sources: { title: string; file: string }[] })
      .sources;
    expect(notes.length).toBe(sources.length);
    sources.forEach((s, i) => {
      expect(notes[i]).toContain(s.title.replace(/^\[|\]$/g, ''));
      expect(notes.join('\n')).not.toContain(s.file);
    });
    expect(allText(doc)).toContain('Whether Pete Hegseth joins the Contact Group meeting: reports differ.');
  });

  it('FAQ: 8-14 questions, each opening with a one-sentence answer that cites', async () => {
    const faq = parse((await render(BUNDLED)).get('faq')!.markdown);
    const questions = headings(faq, 2).filter((h) => h !== 'Sources');
    expect(questions.length).toBeGreaterThanOrEqual(8);
    expect(questions.length).toBeLessThanOrEqual(14);
    for (const q of questions) expect(q.endsWith('?'), q).toBe(true);
    expect(questions).toEqual(
      expect.arrayContaining([
        'What happened?',
        'Who hosted it, and who took part?',
        'What will the United States do?',
        'Who has declined, and why?',
        'What happens next?',
      ]),
    );
    expect(allText(faq)).toMatch(/^As of 10 April 2025\./m);
    faq.blocks.forEach((b, i) => {
      if (b.type !== 'heading' || b.depth !== 2 || textOf(b.children) === 'Sources') return;
      const first = faq.blocks[i + 1]!;
      expect(first.type, textOf(b.children)).toBe('paragraph');
      expect(
        refs((first as Extract<Block, { type: 'paragraph' }>).children).length,
        textOf(b.children),
      ).toBeGreaterThan(0);
    });
    expect(allText(faq)).toContain('Greece, Poland and the United States have said no');
  });

  it('matrix: one row per actor with a position, a labelled category in every cell, legend and method', async () => {
    const rendered = (await render(BUNDLED)).get('matrix')!;
    expect(rendered.settings.orientation).toBe('landscape');
    const doc = parse(rendered.markdown);
    const dataset = await checkFile(BUNDLED);
    const [table, legend] = doc.blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
    expect(table!.header.map(cellText)).toEqual(['Actor', ...dataset.data.dimensions.map((d) => d.label), 'Key quote']);
    expect(table!.rows.length).toBe(dataset.data.positions.length);
    const theme = (await loadTemplates(join(ROOT, 'templates'))).theme;
    // The expected words are read from the YAML itself, not through the code that prints them.
    const raw = parseYamlText(readFileSync(BUNDLED, 'utf8')) as {
      vocabulary?: { categories?: Record<string, { word?: string; like?: string }> };
      dimensions: { id: string; categories: (string | { id: string; word?: string })[] }[];
    };
    const rawVocabulary = raw.vocabulary?.categories ?? {};
    const dimWord = (dim: string, id: string) => {
      const c = raw.dimensions.find((d) => d.id === dim)!.categories.find((x) => typeof x !== 'string' && x.id === id);
      return typeof c === 'object' ? c.word : undefined;
    };
    for (const row of table!.rows) {
      const actorName = cellText(row[0]!);
      const actor = dataset.data.actors.find((a) => (a.short_name ?? a.name) === actorName)!;
      expect(actor, actorName).toBeDefined();
      const position = dataset.data.positions.find((p) => p.actor === actor.id)!;
      dataset.data.dimensions.forEach((dim, i) => {
        const stance = position.stances[dim.id]!;
        const cell = cellText(row[i + 1]!).replace(/\[\d+\]/g, '');
        // The cell carries its category as an attribute: no writer reads it from the symbol.
        expect(row[i + 1]!.attrs.category, `${actorName} ${dim.id}`).toBe(stance.value);
        // Symbol and word, joined by no-break spaces so they never wrap apart;
        // the word is the dataset's own, else Brief's neutral one (README, "vocabulary").
        const like = rawVocabulary[stance.value]?.like;
        const symbol = theme.categories[stance.value]?.symbol ?? theme.categories[like!]!.symbol;
        const word = dimWord(dim.id, stance.value) ?? rawVocabulary[stance.value]?.word ?? NEUTRAL_WORDS[stance.value];
        expect(word, `no word for ${stance.value}`).toBeDefined();
        expect(cell, `${actorName} ${dim.id}`).toBe(`${symbol}\u00a0${word!.replace(/ /g, '\u00a0')}`);
        // One note per source, and one more for a condition.
        expect(refs(row[i + 1]!.children).length, `${actorName} ${dim.id}`).toBe(
          new Set(stance.sources ?? []).size + (stance.condition ? 1 : 0),
        );
      });
    }
    expect(legend!.header.map(cellText)).toEqual(['Symbol', 'Category', 'Meaning']);
    expect(legend!.rows.map((r) => r[0]!.attrs.category)).toEqual(
      legend!.rows.map((r) =>
        Object.keys(theme.categories).find((k) => theme.categories[k]!.symbol === cellText(r[0]!)),
      ),
    );
    expect(headings(doc, 2)).toEqual(['Legend', 'Method', 'Notes']);
    expect(allText(doc)).toContain('Needs a clear picture of the mission, then a national decision.');
    // Every footnote reference resolves to a note.
    expect(rendered.markdown.match(/\[\^\d+\]:/g)!.length).toBe(doc.notes.length);
    expect(allText(doc)).not.toContain('[^');
  });

  it('names every person in the data exactly as the data spells them, in the FAQ or memo', async () => {
    const docs = await render(BUNDLED);
    const text = [...docs.values()].map((d) => allText(parse(d.markdown))).join('\n');
    // Every person the YAML lists, in Latin and in their own script, read from the file itself (and the names the earlier version of this test checked by hand).
    const people = (
      parseYamlText(readFileSync(BUNDLED, 'utf8')) as { people: { name: string; native_name?: string }[] }
    ).people.flatMap((p) => [p.name, ...(p.native_name ? [p.native_name] : [])]);
    expect(people).toEqual(
      expect.arrayContaining([
        'Pål Jonson',
        'Antti Häkkänen',
        'Andris Sprūds',
        'Kaja Kallas',
        'Sébastien Lecornu',
        'Рустем Умєров',
      ]),
    );
    for (const name of people) expect(text, name).toContain(name);
  });
});

describe('the view shape templates are checked against', () => {
  it('agrees with a real view: the same fields, lists and objects', async () => {
    const { VIEW_SHAPE } = await import('../src/view/shape.js');
    const set = await loadTemplates(join(ROOT, 'templates'));
    const view = buildView((await checkFile(BUNDLED)).data, set.theme);
    const mismatches: string[] = [];
    // Compares a value with its declared shape; null and empty lists say nothing and pass.
    const compare = (value: unknown, shape: unknown, path: string) => {
      if (value === null || value === undefined) return;
      if (Array.isArray(value)) {
        if (!Array.isArray(shape)) return void mismatches.push(`${path}: a list, declared ${JSON.stringify(shape)}`);
        value.forEach((v, i) => compare(v, shape[0], `${path}[${i}]`));
        return;
      }
      if (typeof value === 'object') {
        if (!shape || typeof shape !== 'object' || Array.isArray(shape))
          return void mismatches.push(`${path}: an object, declared otherwise`);
        // A map declared with '*' takes any key, each of the map's shape.
        if ('*' in shape) {
          for (const [k, v] of Object.entries(value))
            compare(v, (shape as Record<string, unknown>)['*'], `${path}.${k}`);
          return;
        }
        const keys = new Set([...Object.keys(value), ...Object.keys(shape)]);
        for (const k of keys) {
          if (!(k in shape)) mismatches.push(`${path}.${k}: in the view, not declared`);
          else if (!(k in value)) mismatches.push(`${path}.${k}: declared, not in the view`);
          else compare((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k], `${path}.${k}`);
        }
        return;
      }
      if (shape !== '') mismatches.push(`${path}: a value, declared ${JSON.stringify(shape).slice(0, 40)}`);
    };
    compare(view, VIEW_SHAPE, 'view');
    expect(mismatches).toEqual([]);
  });
});

describe('generality: the fictional dataset', () => {
  it('renders through the same templates, with absent sections gone', async () => {
    const docs = await render(FIXTURE);
    const memo = parse(docs.get('memo')!.markdown);
    expect(headings(memo, 2)).toEqual([
      'Bottom line up front',
      'Background',
      'Key points',
      'Positions in brief',
      'Outlook and next events',
      'Sources',
    ]);
    expect(allText(memo)).toContain('Fictional.');
    for (const d of docs.values()) {
      const doc = parse(d.markdown);
      doc.blocks.forEach((b, i) => {
        if (b.type === 'heading' && b.depth > 1) {
          const next = doc.blocks[i + 1];
          expect(next && next.type !== 'heading', `${d.name}: heading "${textOf(b.children)}" has no content`).toBe(
            true,
          );
        }
      });
    }
    const matrix = parse(docs.get('matrix')!.markdown);
    const table = matrix.blocks.find((b) => b.type === 'table') as Extract<Block, { type: 'table' }>;
    expect(table.header.map(cellText)).toEqual(['Actor', 'Patrol vessels', 'Funding', 'Key quote']);
  });
});

/** Copies the templates to a temp folder, applies an edit, and runs brief on the fixture with a prefilled out/. */
async function withBrokenTemplates(file: string, edit: (text: string) => string, data = FIXTURE) {
  const dir = tempDir();
  const templates = join(dir, 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  // The prefilled out/: the shipped templates' build, from the run's shared build cache (a copy, since the next build goes into it).
  const first = await builtCopy(['--data', data, '--format', 'md']);
  expect(first.code, first.stderr).toBe(0);
  const out = first.out;
  const folder = join(out, basename(data, '.yaml'));
  const hash = () =>
    Object.fromEntries(
      readdirSync(folder).map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(folder, f)))
          .digest('hex'),
      ]),
    );
  const before = hash();
  const target = join(templates, file);
  const text = edit(readFileSync(target, 'utf8'));
  writeFileSync(target, text);
  const r = await runCli(['--data', data, '--templates', templates, '--out', out, '--format', 'md']);
  // Three Markdown files (and the figures' SVG files beside them).
  expect(Object.keys(before).filter((f) => f.endsWith('.md')).length).toBe(3);
  expect(hash()).toEqual(before);
  return { ...r, text, shownFile: target };
}

function expectTemplateError(
  r: { code: number; stderr: string; text: string; shownFile: string },
  needle: string,
  offset: number,
  message: RegExp,
) {
  expect(r.code).toBe(1);
  const at = r.text.indexOf(needle) + offset;
  const before = r.text.slice(0, at);
  const line = before.split('\n').length;
  const col = at - before.lastIndexOf('\n');
  const prefix = `${r.shownFile}:${line}:${col}: `;
  const found = r.stderr.split('\n').find((l) => l.startsWith(prefix));
  expect(found, `expected ${prefix} in\n${r.stderr}`).toBeDefined();
  expect(found!.slice(prefix.length)).toMatch(message);
}

describe('template errors: reported at their position, nothing written', () => {
  it('a block closed by the wrong name: at the closer, naming the opener and the closer it found', async () => {
    const cite = '{{cite this keep=2 order=10}}';
    const r = await withBrokenTemplates('memo.md.hbs', (t) =>
      t.replace(`${cite}\n{{/each}}\n{{/if}}`, `${cite}\n{{/if}}\n{{/if}}`),
    );
    const opener = r.text.indexOf('{{#each brief.summary}}');
    const openLine = r.text.slice(0, opener).split('\n').length;
    expectTemplateError(
      r,
      `${cite}\n{{/if}}`,
      `${cite}\n`.length,
      new RegExp(
        `^\\{\\{/if\\}\\} closes \\{\\{#each\\}\\} \\(opened at line ${openLine}, column 1\\): the block names must match$`,
      ),
    );
  });

  it('printing a mapping or a list is an error at its place, with the fields it has', async () => {
    const r = await withBrokenTemplates('faq.md.hbs', (t) =>
      t.replace('## What happened?', '## What happened? {{meeting}} {{people}}'),
    );
    expectTemplateError(
      r,
      '{{meeting}}',
      0,
      /^\{\{meeting\}\} is a mapping, not text: it would print as "\[object Object\]"$/,
    );
    expect(r.stderr).toContain('hint: did you mean {{meeting.name}}?');
    expectTemplateError(r, '{{people}}', 0, /^\{\{people\}\} is a list: it would print as "\[object Object\]"$/);
    expect(r.stderr).toMatch(
      /hint: loop over it with \{\{#each people\}\}…\{\{\/each\}\}, printing a field of each: [a-z_, ]*\bname\b/,
    );
  });

  it('a block never closed', async () => {
    const r = await withBrokenTemplates('memo.md.hbs', (t) =>
      t.replace('{{/if}}\n\n{{#if changes}}', '\n{{#if changes}}'),
    );
    expectTemplateError(r, '{{#if brief.summary}}', 0, /^\{\{#if\}\} is never closed/);
  });

  it('a malformed tag', async () => {
    const r = await withBrokenTemplates('faq.md.hbs', (t) => t.replace('{{date brief.as_of}}', '{{date brief.as_of}'));
    expectTemplateError(r, '{{date brief.as_of}', 18, /^syntax error/);
  });

  it('a misspelt field', async () => {
    const r = await withBrokenTemplates(
      'memo.md.hbs',
      (t) => t.replace('- **{{label}}:** {{#each groups}}', '- **{{lable}}:** {{#each groups}}'),
      BUNDLED,
    );
    expectTemplateError(r, '{{lable}}', 2, /^unknown field "lable"/);
    expect(r.stderr).toContain('hint: did you mean "label"?');
  });

  it('a misspelt field given to a helper or an #if', async () => {
    // Topic ids are the dataset's own: a misspelt one is found when the template runs, at its place, with the topics there are.
    const r = await withBrokenTemplates('faq.md.hbs', (t) =>
      t.replace('{{#if topics.meeting}}', '{{#if topics.meetng}}'),
    );
    expectTemplateError(r, 'topics.meetng}}', 0, /^unknown field "meetng"/);
    expect(r.stderr).toContain('did you mean "meeting"?');
    const r2 = await withBrokenTemplates('matrix.md.hbs', (t) =>
      t.replace('{{date meeting.date}}', '{{date meeting.dat}}'),
    );
    expectTemplateError(r2, 'meeting.dat}', 0, /^unknown field "dat"/);
  });

  it('a misspelt field in a section this dataset leaves empty is still reported, before anything runs', async () => {
    // The fictional dataset has no discrepancies: the section never runs for it.
    const r = await withBrokenTemplates('faq.md.hbs', (t) =>
      t.replace('{{/each}} {{resolution}}', '{{/each}} {{resolutoin}}'),
    );
    expectTemplateError(r, '{{resolutoin}}', 2, /^unknown field "resolutoin"/);
    expect(r.stderr).toContain('hint: did you mean "resolution"?');
    const r2 = await withBrokenTemplates('memo.md.hbs', (t) =>
      t.replace('- **{{label}}:** {{#each groups}}', '- **{{label}}:** {{#each grups}}'),
    );
    expectTemplateError(r2, 'grups', 0, /^unknown field "grups"/);
  });

  it('reports every misspelt field at once', async () => {
    const r = await withBrokenTemplates('matrix.md.hbs', (t) =>
      t.replace('{{short_label}} | {{/each}}', '{{short_lable}} | {{/each}}').replace('{{meaning}} |', '{{meanign}} |'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown field "short_lable"/);
    expect(r.stderr).toMatch(/unknown field "meanign"/);
  });

  it('a misspelt field in a partial is reported in the partial', async () => {
    const r = await withBrokenTemplates('partials/memo-header.md.hbs', (t) =>
      t.replace('{{brief.from}}', '{{brief.fro}}'),
    );
    expectTemplateError(r, '{{brief.fro}}', 2, /^unknown field "fro"/);
  });

  it('an unknown helper', async () => {
    const r = await withBrokenTemplates('memo.md.hbs', (t) =>
      t.replace('{{date brief.as_of}}', '{{datum brief.as_of}}'),
    );
    expectTemplateError(r, '{{datum', 0, /^unknown helper "datum"/);
    expect(r.stderr).toContain('did you mean "date"?');
  });

  it('a missing partial', async () => {
    const r = await withBrokenTemplates('memo.md.hbs', (t) => t.replace('{{> memo-header}}', '{{> memo-heder}}'));
    expectTemplateError(r, '{{> memo-heder}}', 0, /^no partial named "memo-heder"/);
  });

  it('bad front matter', async () => {
    const r = await withBrokenTemplates('matrix.md.hbs', (t) =>
      t.replace('orientation: landscape', 'orientation: sideways'),
    );
    expectTemplateError(
      r,
      'sideways',
      0,
      /^orientation: "sideways" is not one of the allowed values: "portrait", "landscape"/,
    );
  });

  it('a bad theme value', async () => {
    const r = await withBrokenTemplates('theme.yaml', (t) => t.replace('text: "#1a1a1a"', 'text: "dark grey"'));
    expectTemplateError(r, '"dark grey"', 0, /^colours\.text: "dark grey" has the wrong form: a colour as #rrggbb/);
  });
});

describe('writing Markdown', () => {
  it('--format md --only memo,matrix writes exactly those files, framed by the marking', async () => {
    const out = tempDir();
    const r = await runCli(['--data', BUNDLED, '--out', out, '--format', 'md', '--only', 'memo,matrix']);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(out, 'coalition-of-the-willing-2025-04-10');
    // The matrix's figures are SVG files beside it, one per question.
    expect(readdirSync(dir).sort()).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => `matrix-figure-${n}.svg`),
      'matrix.md',
      'memo.md',
    ]);
    const memo = readFileSync(join(dir, 'memo.md'), 'utf8');
    expect(memo.startsWith('**OFFICIAL**\n\n# Coalition of the Willing')).toBe(true);
    expect(memo.trimEnd().endsWith('**OFFICIAL**')).toBe(true);
    expect(r.stdout).toMatch(/memo\.md\s+\d+\.\d kB\s+\d+ ms/);
    expect(r.stdout).toMatch(/^7 files \(.*\) for 1 dataset in \d+ ms$/m);
    expect(existsSync(join(dir, 'faq.md'))).toBe(false);
  });

  it('rejects unknown documents and formats with exit 2', async () => {
    expect((await runCli(['--only', 'memo,brochure'])).code).toBe(2);
    const r = await runCli(['--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format: unknown value "html"');
  });
});

describe('a dataset without positions', () => {
  it('renders every document; the matrix says so instead of an empty table', async () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(
      /\npositions:\n[\s\S]*?\n\nquotes:/,
      '\npositions: []\n\nquotes:',
    );
    const file = writeTemp('no-positions.yaml', text);
    const docs = await render(file);
    const matrix = parse(docs.get('matrix')!.markdown);
    expect(matrix.blocks.some((b) => b.type === 'table')).toBe(false);
    expect(allText(matrix)).toContain('No positions are recorded for this meeting yet.');
    expect(headings(parse(docs.get('memo')!.markdown), 2)).not.toContain('Positions in brief');
  });
});

describe('the theme', () => {
  it('Letter paper gives Letter pages in PDF and DOCX', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    const theme = join(dir, 'templates', 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('size: A4 ', 'size: Letter '));
    const out = join(dir, 'out');
    const r = await runCli([
      '--data',
      FIXTURE,
      '--templates',
      join(dir, 'templates'),
      '--out',
      out,
      '--format',
      'pdf,docx',
      '--only',
      'memo,matrix',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const folder = join(out, 'fictional-roundtable-2024-11-05');
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(tool('pdfinfo'), [join(folder, 'memo.pdf')], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792 pts \(letter\)/,
    );
    expect(execFileSync(tool('pdfinfo'), [join(folder, 'matrix.pdf')], { encoding: 'utf8' })).toMatch(
      /Page size:\s+792 x 612 pts/,
    );
    const { unzipSync, strFromU8 } = await import('fflate');
    const doc = strFromU8(unzipSync(readFileSync(join(folder, 'memo.docx')))['word/document.xml']!);
    expect(doc).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
  });
});
