/**
 * --check: what the dataset holds that no document of the templates folder
 * prints. Each fact the view hands out is printed when a template read its
 * words (view/coverage.ts); a fact no document read is reported at its place
 * in the dataset, so that a template author who drops a section learns what
 * it cost.
 */
import type { CheckedDataset } from '../data/check.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import { FACT_KINDS, type FactKind } from '../view/coverage.js';

const WORDS: Record<FactKind, [string, string]> = {
  quotes: ['quotation', 'quotations'],
  events: ['event', 'events'],
  people: ['person', 'people'],
  actors: ['actor', 'actors'],
  open_questions: ['open question', 'open questions'],
  discrepancies: ['discrepancy', 'discrepancies'],
  claims: ['claim', 'claims'],
  absent: ['absentee', 'absentees'],
};

/** Where a kind's items are in the dataset, and each item's id: a top-level list of records, or meeting.absent's actor ids. */
function itemsOf(dataset: CheckedDataset, kind: FactKind): { ids: (string | undefined)[]; at: (string | number)[] } {
  if (kind === 'absent') return { ids: dataset.data.meeting.absent ?? [], at: ['meeting', 'absent'] };
  const items = (dataset.data[kind] ?? []) as { id?: unknown }[];
  return { ids: items.map((i) => (typeof i.id === 'string' ? i.id : undefined)), at: [kind] };
}

/** Warnings for the facts no document printed: one that counts them, then one at each fact's place. */
export function coverageWarnings(
  dataset: CheckedDataset,
  read: ReadonlySet<string>,
  templatesDir: string,
): Diagnostic[] {
  // A printed event tells the claims it cites (the FAQ does not print them again after it).
  const printed = new Set(read);
  for (const e of dataset.data.events ?? [])
    if (read.has(`events:${e.id}`)) for (const c of e.claims ?? []) printed.add(`claims:${c}`);
  const missing: { kind: FactKind; id: string; path: (string | number)[] }[] = [];
  for (const kind of Object.keys(FACT_KINDS) as FactKind[]) {
    const { ids, at } = itemsOf(dataset, kind);
    ids.forEach((id, index) => {
      if (id !== undefined && !printed.has(`${kind}:${id}`)) missing.push({ kind, id, path: [...at, index] });
    });
  }
  if (!missing.length) return [];
  const folder = `${templatesDir.replace(/\/+$/, '')}/`;
  const counts = (Object.keys(WORDS) as FactKind[])
    .map((k) => [k, missing.filter((m) => m.kind === k).length] as const)
    .filter(([, n]) => n > 0);
  const parts = counts.map(([k, n]) => `${n} ${WORDS[k][n === 1 ? 0 : 1]}`);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
  const hint = 'add them to a template (the FAQ gives every kind a section), or accept that no reader sees them';
  const at = (m: (typeof missing)[number], message: string): Diagnostic => ({
    ...dataset.map.at(m.path, 'template/unprinted', message, { hint }),
    severity: 'warning',
  });
  return [
    at(
      missing[0]!,
      `${listed} appear${missing.length === 1 ? 's' : ''} in no document of ${folder}: ${missing.map((m) => m.id).join(', ')}`,
    ),
    ...missing.map((m) => at(m, `${WORDS[m.kind][0]} ${m.id} appears in no document of ${folder}`)),
  ];
}
