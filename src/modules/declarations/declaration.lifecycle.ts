import { DomainError } from '../../platform/errors.js';
import type { DeclarationStatus } from './declaration.schema.js';

/**
 * The declaration lifecycle as a transition table: lodged → accepted | rejected → risk_assessed → channel_assigned →
 * under_control → released | held | seized; invalidation before control; amendments while the goods are not yet
 * released. Anything else is an `ILLEGAL_TRANSITION`.
 */
export const TRANSITIONS: Readonly<Record<DeclarationStatus, readonly DeclarationStatus[]>> = {
  lodged: ['accepted', 'rejected', 'invalidated'],
  accepted: ['risk_assessed', 'invalidated'],
  rejected: [],
  risk_assessed: ['channel_assigned', 'invalidated'],
  channel_assigned: ['released', 'under_control', 'held', 'invalidated'],
  under_control: ['released', 'held', 'seized'],
  held: ['under_control', 'released', 'seized'],
  released: [],
  seized: [],
  invalidated: [],
};

/** Statuses in which the declarant may still amend the declaration. */
export const AMENDABLE: readonly DeclarationStatus[] = [
  'accepted',
  'risk_assessed',
  'channel_assigned',
  'under_control',
  'held',
];

/** Statuses in which the goods are still under customs control (open work). */
export const OPEN: readonly DeclarationStatus[] = [
  'lodged',
  'accepted',
  'risk_assessed',
  'channel_assigned',
  'under_control',
  'held',
];

export function canTransition(from: DeclarationStatus, to: DeclarationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `ILLEGAL_TRANSITION` (409) naming both states when the move is not in the table. */
export function assertTransition(from: DeclarationStatus, to: DeclarationStatus): void {
  if (!canTransition(from, to))
    throw new DomainError('ILLEGAL_TRANSITION', `${from} → ${to}`, { params: { from, to } });
}

/** The path of statuses from `from` to `to`, passing through intermediate states (e.g. channel_assigned → under_control → seized). */
export function pathTo(from: DeclarationStatus, to: DeclarationStatus): DeclarationStatus[] {
  if (canTransition(from, to)) return [to];
  if (from === 'channel_assigned' && canTransition('under_control', to)) return ['under_control', to];
  throw new DomainError('ILLEGAL_TRANSITION', `${from} → ${to}`, { params: { from, to } });
}
