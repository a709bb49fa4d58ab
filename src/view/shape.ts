/**
 * The view's shape, for checking templates before they run: every field a
 * template can name, so that a misspelt field is found even in a section the
 * current dataset does not fill. Mirrors the View type in build.ts; a test
 * checks the two agree on a real view.
 *
 * A shape is '' for a value (text, number, boolean, or null), an object of
 * shapes, or a one-element array holding the shape of the list's items.
 */
export type Shape = '' | { [field: string]: Shape } | [Shape];

const V = '' as const;
const ids: Shape = [V];
const delegation = { level: V, level_word: V, group: V, leader_name: V, leader_title: V, remote: V, sources: ids };
const actor = { id: V, name: V, the_name: V, the_names: V, short_name: V, the_short_name: V, kind: V, iso: V, role: V, role_word: V, note: V, delegation, native_name: V };
const person = {
  id: V, name: V, native_name: V, role: V, actor, attended: V, remote: V, sources: ids,
  variants: [{ spelling: V, kind: V, sources: ids, sentence: V }] as [Shape], title: V, described: V, name_order: V,
  native_name_sources: ids, sort_as: V, short_reference: V, after_first: V,
};
const category = { id: V, label: V, symbol: V, meaning: V, text: V, stance: V, own_words: V };
const source = {
  id: V, file: V, title: V, has_headline: V, kind: V, outlet: V, byline: V, date: V, date_text: V, date_basis: V, dateline: V, url: V,
  link: V, reliability: V, notes: [V] as [Shape], citation: V, lang: V,
};
const change = { section: V, section_label: V, id: V, kind: V, kind_word: V, subject: V, fields: [{ field: V, was: V, now: V, text: V }] as [Shape], text: V, sources: ids };
const place = { venue: V, city: V, country: V, country_name: V, description: V, text: V, where: V };
const count = { value: V, qualifier: V, unit: V, text: V, sources: ids };
const quote = {
  id: V, speaker: person, text: V, context: V, medium: V, sources: ids, long: V, number: V,
  speaker_is_actor: V, translation: V, translation_by: V, translation_source: V, gloss: V, date_text: V,
};
const claim = { id: V, kind: V, kind_label: V, topic: V, text: V, speaker: person, actor, sources: ids };
const claims: Shape = [claim];
const cell = {
  dimension: { id: V, label: V, short_label: V }, category, stated: V, condition: V, condition_note: V, speaker: person, sources: ids,
  changed: V, was: category, was_note: V,
};
const actorCell: Shape = [{ actor, cell, sources: ids }];
const event: Shape = [{
  id: V, name: V, when: V, when_text: V, when_note: V, relation: V, day_text: V, time: V, time_text: V, place, chairs: [actor], convener: person,
  attendance: count, summary: V, notes: [V], claims, sources: ids, outcome: V, past: V, pending: V,
}];
const discrepancy: Shape = [{
  id: V, topic: V, kind: V, differ: V, variants: [{ value: V, sources: ids, reports: V, text: V }], resolution: V, status: V, resolved: V,
  person, claims, sources: ids,
}];
/** Claims by topic: the topic ids are the dataset's, so any key is a field ('*'). */
const topics = { '*': claims };
const topicSection: Shape = [{ id: V, heading: V, question: V, claims, sources: ids }];

export const VIEW_SHAPE: Shape = {
  brief: {
    title: V, short_title: V, subject: V, to: V, from: V, as_of: V, author: V, language: V, keywords: [V],
    summary: [{ text: V, claims, sources: ids }],
  },
  meeting: {
    name: V, fictional: V, date: V, date_text: V, start: V, end: V, days: V, time: V, time_zone: V, time_text: V, place, format: V, level: V, level_label: V, first_at_level: V, first_at_level_sources: ids,
    hosts: [actor], chairs: [person], participants: count, purpose: V, absent: [actor], absent_sources: ids, attendees: [person], sources: ids,
    delegations: { total: V, levels: [{ id: V, group: V, count: V, count_text: V, actors: [actor] }], remote: [actor], text: V, sources: ids },
  },
  marking: V,
  changes: {
    since: V, none: V, count: V, count_text: V, breakdown_text: V, added: V, removed: V, changed: V,
    items: [change] as [Shape], sections: [{ id: V, heading: V, items: [change] as [Shape] }], cells_changed: V,
    old_sources: [source] as [Shape],
  },
  control: {
    version: V, status: V, status_word: V, as_of: V, as_of_date: V, as_of_text: V, time_zone: V, author: V, reviewer: V, approver: V, superseded_by: V,
    history: [{ version: V, date: V, change: V, current: V }], band: V, watermark: V,
  },
  sources: [source],
  actors: [actor],
  people: [person],
  dimensions: [{ id: V, label: V, short_label: V, question: V, categories: [category], meanings: [category], groups: [{ category, actors: [actor], conditions: [V], sources: ids }] }],
  positions: [{ actor, summary: V, key_quote: quote, cells: [cell], stated_cells: [cell], sources: ids }],
  matrix_dimensions: [{ id: V, label: V, short_label: V, question: V, categories: [category], meanings: [category], groups: [{ category, actors: [actor], conditions: [V], sources: ids }] }],
  taking_part: [actor],
  no_questions: { text: V, taking_part: V },
  no_positions: V,
  long_quotes: [quote],
  has_key_quotes: V,
  quotes: [quote],
  statements: [quote],
  remarks: [quote],
  claims,
  key_points: claims,
  topics,
  topic_labels: { '*': V },
  topic_sections: topicSection,
  faq_topics: topicSection,
  open_questions: [{ id: V, topic: V, question: V, detail: V, raised_by: [actor], claims, sources: ids }],
  events: event,
  preceding_events: event,
  following_events: event,
  since_events: event,
  next_events: event,
  next_step_claims: claims,
  during_events: event,
  discrepancies: discrepancy,
  unresolved_discrepancies: discrepancy,
  resolved_discrepancies: discrepancy,
  declined: actorCell,
  hesitant: actorCell,
  declined_by_actor: [{ actor, cells: [cell], sources: ids }],
  hesitant_by_actor: [{ actor, cells: [cell], sources: ids }],
  answers_by_question: [{ id: V, label: V, short_label: V, question: V, categories: [category], meanings: [category], groups: [{ category, actors: [actor], conditions: [V], sources: ids }], sources: ids }],
  legend: [category],
  legend_by_question: [{ id: V, label: V, short_label: V, categories: [category] }],
  vocabulary: { categories: { '*': category }, topics: [{ id: V, heading: V, question: V }], roles: { '*': V } },
  counts: { sources: V, claims: V, quotes: V, actors: V, people: V, positions: V },
};
