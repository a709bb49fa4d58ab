/**
 * Who came and how (actors[].delegation): each delegation's level is one the
 * vocabulary has, its leader is a person of that actor, and a delegation
 * said to have taken part by video is not led by someone recorded as there in
 * person. The person reference itself (an id that exists) is checked with the
 * other references (references.ts).
 */
import { quoted } from '../shared/show.js';
import { closest, type Diagnostic } from '../shared/diagnostics.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Dataset } from './types.js';
import { vocabularyOf } from './vocabulary.js';

export function checkDelegations(data: Dataset, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const levels = vocabularyOf(data).levels;
  const people = new Map(data.people.map((p, i) => [p.id, { person: p, index: i }]));
  data.actors.forEach((a, i) => {
    const d = a.delegation;
    if (!d) return;
    const at = ['actors', i, 'delegation'];
    if (!levels.has(d.level)) {
      const guess = closest(d.level, levels.keys());
      out.push(
        map.at(
          [...at, 'level'],
          'ref/unknown-level',
          `unknown delegation level ${quoted(d.level)}: the vocabulary has ${[...levels.keys()].join(', ')}`,
          {
            hint: guess ? `did you mean ${quoted(guess)}?` : 'declare it under vocabulary.levels (schema_version 2)',
          },
        ),
      );
    }
    const leader = d.led_by ? people.get(d.led_by) : undefined;
    if (!leader) return; // an unknown id: references.ts reports it
    if (leader.person.actor !== a.id) {
      const own = data.people.filter((p) => p.actor === a.id).map((p) => p.id);
      const guess = closest(d.led_by!, own) ?? (own.length === 1 ? own[0] : undefined);
      out.push(
        map.at(
          [...at, 'led_by'],
          'ref/leader-actor',
          `${leader.person.name} (${quoted(d.led_by)}) speaks for ${quoted(leader.person.actor)}, not for ${quoted(a.id)}: a delegation is led by one of its own`,
          {
            hint: guess ? `did you mean ${quoted(guess)}?` : `add the leader to people with actor: ${a.id}`,
          },
        ),
      );
    }
    if (d.remote && leader.person.attended === true) {
      const { line } = map.locate(['people', leader.index, 'attended']);
      out.push(
        map.at(
          [...at, 'remote'],
          'ref/remote-in-person',
          `the delegation took part by video, but its leader ${leader.person.name} is recorded at the meeting in person`,
          {
            hint: `write attended: remote for ${quoted(d.led_by)} (line ${line}), or drop remote: true`,
          },
        ),
      );
    }
  });
  return out;
}
