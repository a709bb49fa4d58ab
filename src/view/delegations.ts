/**
 * Who came and how: each actor's delegation in the document's words (its
 * level, who led it, by video or not), and the delegations counted by level
 * for the memo's sentence ("31 delegations: 18 at head of state or government
 * level, ten at minister level and three at senior official level; one took
 * part by video: Russia's President, Vladimir Putin"); who took part, which
 * a matrix with no questions lists.
 */
import type { Actor, Dataset } from '../data/types.js';
import { md } from '../shared/markdown.js';
import { countIn, fill, type Labels } from '../shared/labels.js';

/** A count of delegations in words: the labels' own numbers where the word is of another gender (French "une"). */
const counted = (labels: Labels, n: number) =>
  countIn(labels.delegations.numbers ? { ...labels, numbers: labels.delegations.numbers } : labels, n);
import type { Vocabulary } from '../data/vocabulary.js';
import type { ActorView, DelegationView, DelegationsView, View } from './types.js';

/** The delegation level an actor without one is counted at: the meeting's level, where it names one. */
const MEETING_LEVEL: Record<string, string> = {
  heads_of_state_or_government: 'head_of_state',
  foreign_ministers: 'minister',
  defence_ministers: 'minister',
  other_ministers: 'minister',
  officials: 'official',
  military_planners: 'official',
};

/** Roles whose actors send a delegation though the dataset gives them none. */
const DELEGATION_ROLES = new Set(['host', 'participant']);

/** One actor's delegation, or null when the dataset gives it none. */
export function delegationView(data: Dataset, vocabulary: Vocabulary, a: Actor): DelegationView | null {
  const d = a.delegation;
  if (!d) return null;
  const level = vocabulary.levels.get(d.level)!;
  const leader = d.led_by ? data.people.find((p) => p.id === d.led_by) : undefined;
  return {
    level: d.level,
    level_word: md(level.word),
    group: md(level.group),
    leader_name: leader ? md(leader.name) : null,
    leader_title: leader ? `${md(leader.role)} ${md(leader.name)}` : null,
    remote: d.remote === true || leader?.attended === 'remote',
    sources: leader ? [...leader.sources] : [],
  };
}

/** The delegations counted by level, or null when no actor has a delegation (a dataset written before them reads as it did). */
export function delegationsView(
  data: Dataset,
  vocabulary: Vocabulary,
  labels: Labels,
  actors: ActorView[],
): DelegationsView | null {
  if (!data.actors.some((a) => a.delegation)) return null;
  const fallback = MEETING_LEVEL[data.meeting.level];
  const delegations = actors.filter((a) => a.delegation || (DELEGATION_ROLES.has(a.role) && a.kind !== 'document'));
  const groups = new Map<string, { id: string; group: string; actors: ActorView[] }>();
  // Groups in the vocabulary's order, so that equal counts keep a stable order.
  for (const l of vocabulary.levels.values())
    if (!groups.has(l.group)) groups.set(l.group, { id: l.id, group: md(l.group), actors: [] });
  for (const a of delegations) {
    const id = a.delegation?.level ?? fallback;
    const level = id ? vocabulary.levels.get(id) : undefined;
    if (level) groups.get(level.group)!.actors.push(a);
  }
  const levels = [...groups.values()]
    .filter((g) => g.actors.length > 0)
    .sort((x, y) => y.actors.length - x.actors.length)
    .map((g) => ({ ...g, count: g.actors.length, count_text: counted(labels, g.actors.length) }));
  const remote = delegations.filter((a) => a.delegation?.remote);
  const words = levels.map((g) => fill(labels.delegations.at_level, { count: g.count_text, group: g.group }));
  const names = listText(
    remote.map((a) =>
      a.delegation!.leader_title
        ? fill(labels.described, {
            owner: a.the_names,
            actor: a.short_name,
            role: roleOf(data, a),
            name: a.delegation!.leader_name!,
          })
        : a.the_short_name,
    ),
    labels,
  );
  const remoteText =
    remote.length === 0
      ? ''
      : fill(remote.length === 1 ? labels.delegations.remote_one : labels.delegations.remote_many, {
          count: counted(labels, remote.length),
          names,
        });
  return {
    total: delegations.length,
    levels,
    remote,
    text: capitalFirst(
      fill(labels.delegations.sentence, {
        total: counted(labels, delegations.length),
        levels: listText(words, labels),
        remote: remoteText,
      }),
    ),
    sources: [...new Set(delegations.flatMap((a) => a.delegation?.sources ?? []))],
  };
}

/** Roles whose actors were not at the meeting: what it was about, where it was held, who it mentions, who stayed away. */
const NOT_THERE = new Set(['subject', 'absent', 'venue', 'mentioned']);

/**
 * Who took part: every state or organisation with a delegation, or whose role puts it at the meeting (host,
 * participant, or a role of the vocabulary's own, an observer or a guest), less the absent (meeting.absent).
 */
export function takingPart(data: Dataset, actors: ActorView[]): ActorView[] {
  const absent = new Set(data.meeting.absent ?? []);
  return actors.filter(
    (a) => a.kind !== 'document' && !absent.has(a.id) && (a.delegation !== null || !NOT_THERE.has(a.role)),
  );
}

/**
 * What a matrix with nothing to compare says, in the labels' words: with no questions (dimensions: []), that the
 * sources record none, and who took part; with questions but no positions, that none is recorded yet.
 */
export function matrixWords(
  data: Dataset,
  labels: Labels,
  taking: ActorView[],
): Pick<View, 'no_questions' | 'no_positions'> {
  const names = listText(
    taking.map((a) => a.the_short_name),
    labels,
  );
  return {
    no_questions: data.dimensions.length
      ? null
      : {
          text: labels.matrix.no_questions,
          taking_part: names ? capitalFirst(fill(labels.matrix.taking_part, { names })) : null,
        },
    no_positions: data.dimensions.length && !data.positions.length ? labels.matrix.no_positions : null,
  };
}

function roleOf(data: Dataset, a: ActorView): string {
  const id = data.actors.find((x) => x.id === a.id)!.delegation!.led_by;
  return md(data.people.find((p) => p.id === id)!.role);
}

/** "a, b and c" in the document's language. */
function listText(items: string[], labels: Labels): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${labels.and} ${items[items.length - 1]}`;
}

/** The first letter upper-case, inside a language span if the text opens with one (view/language.ts). */
export function capitalFirst(s: string): string {
  return s.replace(/^((?:<span lang="[^"<>]*">)*)(.)/su, (_m, tags: string, c: string) => tags + c.toLocaleUpperCase());
}
