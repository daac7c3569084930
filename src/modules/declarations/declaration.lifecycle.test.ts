import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { assertTransition, canTransition, pathTo, TRANSITIONS } from './declaration.lifecycle.js';
import { STATUSES } from './declaration.schema.js';

describe('declaration lifecycle', () => {
  it('covers every status, and final states lead nowhere', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    for (const end of ['released', 'seized', 'invalidated', 'rejected'] as const)
      expect(TRANSITIONS[end]).toEqual([]);
  });

  it('follows lodged → accepted → risk_assessed → channel_assigned → under_control → released', () => {
    expect(canTransition('lodged', 'accepted')).toBe(true);
    expect(canTransition('accepted', 'risk_assessed')).toBe(true);
    expect(canTransition('risk_assessed', 'channel_assigned')).toBe(true);
    expect(canTransition('channel_assigned', 'under_control')).toBe(true);
    expect(canTransition('under_control', 'released')).toBe(true);
  });

  it('refuses an illegal move with ILLEGAL_TRANSITION naming both states', () => {
    try {
      assertTransition('released', 'held');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('ILLEGAL_TRANSITION');
      expect((err as DomainError).details.params).toEqual({ from: 'released', to: 'held' });
    }
  });

  it('does not allow invalidation once goods are under control', () => {
    expect(canTransition('channel_assigned', 'invalidated')).toBe(true);
    expect(canTransition('under_control', 'invalidated')).toBe(false);
  });

  it('passes through under_control to seize a declaration that only has its channel', () => {
    expect(pathTo('channel_assigned', 'seized')).toEqual(['under_control', 'seized']);
    expect(pathTo('under_control', 'seized')).toEqual(['seized']);
    expect(() => pathTo('released', 'seized')).toThrow(DomainError);
  });
});
