/** Words the documents use for the dataset's fixed fields (English). Categories and topics are the vocabulary's (data/vocabulary.ts). */
import type { ClaimKind } from '../data/types.js';

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  fact: 'Reported fact',
  attributed: 'Attributed statement',
  estimate: 'Estimate',
  official_position: 'Official position',
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
