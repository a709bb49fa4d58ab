/**
 * Who a quotation is by and how it is glossed, for the view: an actor (a
 * ministry, a joint statement) shown where a person would be, and the
 * translation as printed after the speaker.
 */
import type { Dataset, Quote } from '../data/types.js';
import { fill, type Labels } from '../shared/labels.js';
import { md } from '../shared/markdown.js';
import type { ActorView, PersonView } from './types.js';

/** An actor as a quotation's speaker: its short name where a person's name would go; no role, no variants. */
export function actorAsSpeaker(a: ActorView): PersonView {
  return {
    id: a.id,
    name: a.short_name,
    native_name: null,
    role: '',
    actor: a,
    attended: false,
    remote: false,
    sources: [],
    variants: [],
    native_name_sources: [],
    sort_as: a.short_name,
    short_reference: null,
    after_first: a.short_name,
    title: a.short_name,
    described: a.the_name,
    name_order: 'given_first',
  };
}

/** A quotation's gloss as printed after its speaker: "our translation: “…”", "translated by Reuters: “…”". */
export function glossOf(q: Quote, data: Dataset, labels: Labels): string {
  const by = q.translation_source ? data.sources.find((s) => s.id === q.translation_source) : undefined;
  if (q.translation_by === 'source' && by)
    return fill(labels.translations.source, { text: md(q.translation!), source: md(by.outlet ?? by.title) });
  return fill(labels.translations.curator, { text: md(q.translation!) });
}
