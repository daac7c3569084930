import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { officerActionsFor, traderActionsFor } from './availableActions';

const times = {
  lodgedAt: '2026-01-01T00:00:00Z',
  acceptedAt: null,
  channelAt: null,
  arrivedAt: null,
  controlAt: null,
  releasedAt: null,
};
const decl = (patch: Partial<DeclarationDetail>): DeclarationDetail =>
  ({
    status: 'channel_assigned',
    channel: 'red',
    control: null,
    documentsRequested: null,
    times,
    ...patch,
  }) as DeclarationDetail;

describe('actions offered on a declaration', () => {
  it('offers arrival first and no release before the goods arrive', () => {
    const a = officerActionsFor(decl({}));
    expect(a).toContain('arrival');
    expect(a).not.toContain('release');
    expect(a).not.toContain('control-result');
  });

  it('requires a control result before releasing a red declaration', () => {
    const arrived = { ...times, arrivedAt: '2026-01-02T00:00:00Z' };
    expect(officerActionsFor(decl({ times: arrived }))).not.toContain('release');
    expect(officerActionsFor(decl({ times: arrived, control: { outcome: 'compliant' } }))).toContain(
      'release',
    );
  });

  it('lets a yellow declaration be checked on documents before arrival', () => {
    expect(officerActionsFor(decl({ channel: 'yellow' }))).toContain('control-result');
  });

  it('offers nothing once released, seized or invalidated', () => {
    for (const status of ['released', 'seized', 'invalidated'] as const)
      expect(officerActionsFor(decl({ status }))).toEqual([]);
  });

  it('lets the trader answer an open document request, once', () => {
    expect(
      traderActionsFor(decl({ status: 'under_control', documentsRequested: { documents: ['x'] } })),
    ).toContain('documents');
    expect(
      traderActionsFor(
        decl({ status: 'under_control', documentsRequested: { documents: ['x'], answeredAt: 'now' } }),
      ),
    ).not.toContain('documents');
  });
});
