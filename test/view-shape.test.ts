// The view's shape (src/view/shape.ts), the list of every field a template
// may name that `brief check` holds templates against, and a language span
// (src/view/language.ts), called in this process so that the mutation run
// (npm run test:mutation) sees them. The shape is compared, both ways, with
// real views built from datasets that fill its fields: the Tokyo trilateral
// fixture with delegations, native names, a meeting time, a question's own
// word for a category and an earlier version added here, and the bundled meeting with its second version
// (test/fixtures/changes). A field in the view that the shape lacks, or one
// the shape declares that the view has not, fails; so does a list declared as
// a value, a value as an object. The expected structure is the view's own
// (src/view/view.ts), never the shape's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Dataset } from '../src/data/types.js';
import { englishLabels } from '../src/shared/labels.js';
import { DEFAULT_TEMPLATES } from '../src/shared/paths.js';
import { loadTheme } from '../src/shared/theme.js';
import { inLanguage } from '../src/view/language.js';
import { VIEW_SHAPE } from '../src/view/shape.js';
import { buildView } from '../src/view/view.js';
import { BUNDLED, ROOT } from './helpers.js';

const read = (path: string): Dataset => parseYamlText(readFileSync(path, 'utf8')) as Dataset;
const TRILATERAL = join(ROOT, 'test', 'fixtures', 'shapes', 'trilateral-tokyo-2025-03-22.yaml');
const BUNDLED_V2 = join(ROOT, 'test', 'fixtures', 'changes', 'coalition-of-the-willing-2025-04-10.yaml');

/** The trilateral fixture with what it leaves out filled in: delegations, native names, a meeting time, a short title. */
function fuller(): Dataset {
  const d = read(TRILATERAL);
  d.brief.short_title = 'Tokyo trilateral';
  Object.assign(d.meeting, { time: '10:00', time_zone: 'Asia/Tokyo' });
  d.meeting.place = { ...d.meeting.place!, description: 'a state guest house' };
  const leaders: Record<string, string> = { japan: 'iwaya', china: 'wang', korea: 'cho' };
  for (const a of d.actors) {
    if (leaders[a.id])
      Object.assign(a, {
        delegation: { level: 'minister', led_by: leaders[a.id], remote: a.id === 'korea', sources: ['t1'] },
      });
  }
  // A question's own word for a category an answer uses: the legend by question.
  d.dimensions[0]!.categories = ['supports', { id: 'reserved', word: 'Holds back' }, 'not_stated'];
  Object.assign(
    d.actors.find((a) => a.id === 'japan')!,
    { native_name: '日本', native_lang: 'ja' },
  );
  Object.assign(
    d.people.find((p) => p.id === 'iwaya')!,
    { native_name: '岩屋毅', native_lang: 'ja', native_name_sources: ['t1'] },
  );
  return d;
}

/** Each place where the view and the shape disagree, by path. Null and empty lists say nothing and pass. */
function mismatches(value: unknown, shape: unknown, path = 'view', out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    if (!Array.isArray(shape) || shape.length !== 1)
      out.push(`${path}: a list, declared ${JSON.stringify(shape)?.slice(0, 40)}`);
    else value.forEach((v, i) => mismatches(v, shape[0], `${path}[${i}]`, out));
    return out;
  }
  if (typeof value === 'object') {
    if (!shape || typeof shape !== 'object' || Array.isArray(shape))
      return (out.push(`${path}: an object, declared ${JSON.stringify(shape)?.slice(0, 40)}`), out);
    // A map declared with '*' takes any key, each of the map's shape.
    if ('*' in shape) {
      for (const [k, v] of Object.entries(value))
        mismatches(v, (shape as Record<string, unknown>)['*'], `${path}.${k}`, out);
      return out;
    }
    for (const k of new Set([...Object.keys(value), ...Object.keys(shape)])) {
      if (!(k in shape)) out.push(`${path}.${k}: in the view, not declared`);
      else if (!(k in value)) out.push(`${path}.${k}: declared, not in the view`);
      else
        mismatches((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
    return out;
  }
  if (shape !== '') out.push(`${path}: a value, declared ${JSON.stringify(shape)?.slice(0, 40)}`);
  return out;
}

describe('the view shape templates are checked against (src/view/shape.ts)', () => {
  it('the comparison itself fails on a field missing either way, a list taken for a value and a value for a list', () => {
    expect(mismatches({ a: '', b: [1], c: { d: 1 } }, { a: '', b: [''], c: { d: '' } })).toEqual([]);
    expect(mismatches({ a: 1, x: 2 }, { a: '', y: '' })).toEqual([
      'view.x: in the view, not declared',
      'view.y: declared, not in the view',
    ]);
    expect(mismatches({ a: [1], b: 2, c: 'x' }, { a: '', b: [''], c: {} })).toEqual([
      'view.a: a list, declared ""',
      'view.b: a value, declared [""]',
      'view.c: a value, declared {}',
    ]);
  });

  it('agrees with the view of the trilateral fixture, filled out, since an earlier version', async () => {
    const theme = await loadTheme(join(DEFAULT_TEMPLATES, 'theme.yaml'));
    const old = read(TRILATERAL);
    old.claims[1]!.text = 'The talks lasted three hours.';
    old.sources.push({
      id: 't9',
      file: 'tri-9.txt',
      title: 'Withdrawn report',
      kind: 'news_report',
      date: '2025-03-21',
    });
    const view = buildView(fuller(), theme, englishLabels(), { data: old, label: 'old.yaml' });
    // The view fills what the shape must declare: delegations, native names, changes with fields.
    expect(view.meeting.delegations?.levels.length).toBeGreaterThan(0);
    expect(view.legend_by_question.map((d) => [d.id, d.categories.map((c) => c.label)])).toEqual([
      ['denuclearisation', ['Holds back']],
    ]);
    expect(view.changes?.items.filter((i) => i.fields.length > 0).length).toBeGreaterThan(0);
    expect(view.changes?.items.map((i) => i.kind)).toContain('removed');
    expect(mismatches(view, VIEW_SHAPE)).toEqual([]);
  });

  it('agrees with the view of the bundled meeting since its earlier version, and of the other fixtures', async () => {
    const theme = await loadTheme(join(DEFAULT_TEMPLATES, 'theme.yaml'));
    const views = [
      buildView(read(BUNDLED_V2), theme, englishLabels(), { data: read(BUNDLED), label: 'v1' }),
      ...['bilateral-talks-2025-03-03.yaml', 'subsea-cables-ministerial-2025-09-18.yaml'].map((f) =>
        buildView(read(join(ROOT, 'test', 'fixtures', 'shapes', f)), theme, englishLabels()),
      ),
      buildView(read(join(ROOT, 'test', 'fixtures', 'fictional-roundtable-2024-11-05.yaml')), theme, englishLabels()),
    ];
    for (const view of views) expect(mismatches(view, VIEW_SHAPE)).toEqual([]);
  });
});

describe('text in a language the data names (src/view/language.ts)', () => {
  it('a span with the language tag; none without a language', () => {
    expect(inLanguage('岩屋毅', 'ja')).toBe('<span lang="ja">岩屋毅</span>');
    expect(inLanguage('Iwaya', undefined)).toBe('Iwaya');
    expect(inLanguage('Iwaya', '')).toBe('Iwaya');
  });
});
