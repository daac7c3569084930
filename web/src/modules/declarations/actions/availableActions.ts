import type { DeclarationDetail } from '../../../api/types';

export type OfficerAction = 'arrival' | 'documents-request' | 'control-result' | 'release' | 'hold' | 'seize';
export type TraderAction = 'documents' | 'invalidation';

const OPEN_FOR_CONTROL = ['channel_assigned', 'under_control', 'held'];

/**
 * The officer actions the lifecycle allows now, so the page offers only what the API would accept: arrival once,
 * controls while the goods are under customs control, release only after arrival and (red, yellow) a recorded
 * control result.
 */
export function officerActionsFor(d: DeclarationDetail): OfficerAction[] {
  const open = OPEN_FOR_CONTROL.includes(d.status);
  if (!open) return [];
  const out: OfficerAction[] = [];
  const arrived = !!d.times.arrivedAt;
  if (!arrived) out.push('arrival');
  if (d.status !== 'held') out.push('documents-request');
  if (arrived || d.channel === 'yellow') out.push('control-result');
  const controlled = d.channel === 'red' || d.channel === 'yellow';
  if (arrived && (!controlled || d.control)) out.push('release');
  if (d.status !== 'held') out.push('hold');
  out.push('seize');
  return out;
}

/** What the declarant may do: answer an open document request; cancel before any control started. */
export function traderActionsFor(d: DeclarationDetail): TraderAction[] {
  const out: TraderAction[] = [];
  const request = d.documentsRequested as { answeredAt?: string } | null;
  if (request && !request.answeredAt && OPEN_FOR_CONTROL.includes(d.status)) out.push('documents');
  if (['lodged', 'accepted', 'risk_assessed', 'channel_assigned'].includes(d.status) && !d.times.arrivedAt)
    out.push('invalidation');
  return out;
}
