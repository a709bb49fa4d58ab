/** Words the documents use for the dataset's fixed categories (English). */
import type { Category, ClaimKind, Topic } from '../data/types.js';

export const CATEGORY_LABELS: Record<Category, { label: string; meaning: string }> = {
  leading: { label: 'Leading', meaning: 'leads or co-leads this effort' },
  yes: { label: 'Yes', meaning: 'says it will' },
  open: { label: 'Open', meaning: 'does not rule it out' },
  no: { label: 'No', meaning: 'says it will not' },
  required: { label: 'Required', meaning: 'makes it a condition' },
  important: { label: 'Important', meaning: 'wants it, short of a condition' },
  depends: { label: 'Depends', meaning: 'depends on the mission' },
  not_required: { label: 'Not required', meaning: 'does not need it' },
  deterrence: { label: 'Deterrence', meaning: 'wants a force to deter attack' },
  monitoring: { label: 'Monitoring', meaning: 'wants a force to monitor a ceasefire' },
  peacekeeping: { label: 'Peacekeeping', meaning: 'wants a peacekeeping force' },
  undecided: { label: 'Undecided', meaning: 'wants the mission defined first' },
  not_stated: { label: 'Not stated', meaning: 'the sources do not say' },
  not_applicable: { label: 'n/a', meaning: 'does not apply to this actor' },
};

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  fact: 'Reported fact',
  attributed: 'Attributed statement',
  estimate: 'Estimate',
  official_position: 'Official position',
};

export const TOPIC_LABELS: Record<Topic, string> = {
  meeting: 'The meeting',
  planning: 'Planning',
  force: 'The force',
  positions: 'Positions',
  us_role: 'The US role',
  context: 'Context',
  next_steps: 'Next steps',
};

export const LEVEL_LABELS: Record<string, string> = {
  heads_of_state_or_government: 'heads of state or government',
  foreign_ministers: 'foreign ministers',
  defence_ministers: 'defence ministers',
  other_ministers: 'ministers',
  officials: 'senior officials',
  military_planners: 'military planners',
  mixed: 'ministers and officials',
};

export const QUALIFIER_WORDS: Record<string, string> = {
  exact: '',
  about: 'about',
  at_least: 'at least',
  up_to: 'up to',
};

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "10 April 2025" from 2025-04-10, "March 2025" from 2025-03. */
export function ukDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}
