/**
 * Synthetic datasets for the benchmark: the bundled dataset with its actors,
 * people, positions, quotes and claims (and the references between them)
 * repeated k times under new ids, so that 10x and 100x datasets have the same
 * shape as the real one. Sources stay the same five.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { Dataset } from '../src/data/types.js';

export function scaled(datasetFile: string, k: number): string {
  const base = parse(readFileSync(datasetFile, 'utf8')) as Dataset;
  if (k === 1) return stringify(base, { aliasDuplicateObjects: false });
  const d: Dataset = structuredClone(base);
  const suffix = (id: string, i: number) => (i === 0 ? id : `${id}-x${i}`);
  d.actors = [];
  d.people = [];
  d.positions = [];
  d.quotes = [];
  d.claims = [];
  for (let i = 0; i < k; i++) {
    d.actors.push(
      ...base.actors.map((a) => ({ ...a, id: suffix(a.id, i), name: i === 0 ? a.name : `${a.name} ${i}` })),
    );
    d.people.push(
      ...base.people.map((p) => ({
        ...p,
        id: suffix(p.id, i),
        actor: suffix(p.actor, i),
        name: i === 0 ? p.name : `${p.name} ${i}`,
      })),
    );
    d.quotes.push(...base.quotes.map((q) => ({ ...q, id: suffix(q.id, i), speaker: suffix(q.speaker, i) })));
    d.claims.push(
      ...base.claims.map((c) => {
        const out = { ...c, id: suffix(c.id, i) };
        if (c.speaker) out.speaker = suffix(c.speaker, i);
        if (c.actor) out.actor = suffix(c.actor, i);
        return out;
      }),
    );
    d.positions.push(
      ...base.positions.map((p) => {
        const stances = Object.fromEntries(
          Object.entries(p.stances).map(([dim, s]) => [dim, s.speaker ? { ...s, speaker: suffix(s.speaker, i) } : s]),
        );
        const out = { ...p, actor: suffix(p.actor, i), stances };
        if (p.key_quote) out.key_quote = suffix(p.key_quote, i);
        return out;
      }),
    );
  }
  return stringify(d, { aliasDuplicateObjects: false });
}
