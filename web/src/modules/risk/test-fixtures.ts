import type { DeclarationDetail, Principal } from '../../api/types';
import { OFFICER } from '../../test/render';
import type { DeclarationRisk } from './explanation';

export const DECLARATION_ID = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
export const DECLARATION = { id: DECLARATION_ID, currency: 'USD' } as DeclarationDetail;
export const RISK_PATH = `/api/v1/risk/declarations/${DECLARATION_ID}`;
export const ANALYST: Principal = { ...OFFICER, id: 'u-analyst', name: 'analyst', roles: ['risk_analyst'] };

/** A red declaration selected by a profile, with a model score, signals since lodgement and a control result. */
export function redByRule(overrides: Partial<DeclarationRisk> = {}): DeclarationRisk {
  return {
    declarationId: DECLARATION_ID,
    office: 'JMKIN',
    status: 'held',
    channel: 'red',
    source: 'rule',
    strategy: 'risk@1;model=3;ruleset=12',
    score: 0.83,
    probability: 0.412,
    revenueAtStake: 1234.5,
    modelVersion: 3,
    ruleset: { id: 12, profiles: [], lists: [] },
    ruleHits: [
      {
        profileId: 'p-1',
        name: 'Undervalued footwear from listed origins',
        version: 4,
        action: { channel: 'red', percent: 100 },
        reason: 'Unit value under the reference price',
        items: [2],
        lists: [{ name: 'listed-origins', version: 7 }],
        applied: true,
      },
      {
        profileId: 'p-2',
        name: 'New importer',
        version: 1,
        action: { channel: 'yellow', percent: 25 },
        reason: 'First declarations of an importer',
        items: [1, 2],
        lists: [],
        applied: false,
      },
    ],
    topFeatures: [
      {
        source: 'unitValue',
        contribution: 1.25,
        features: [{ name: 'unitValueVsHs6', value: -1.2, contribution: 1.25 }],
      },
      {
        source: 'importerId×hs6',
        contribution: -0.5,
        features: [{ name: 'fraudRate:importerId×hs6', value: 0.01, contribution: -0.5 }],
      },
      { source: 'originCountry', contribution: 0.3, features: [] },
    ],
    drivingItem: 2,
    items: [
      { sequence: 1, hs6: '640399', probability: 0.05, revenueAtStake: 12.5 },
      { sequence: 2, hs6: '640411', probability: 0.412, revenueAtStake: 1222 },
    ],
    budget: { office: 'JMKIN', day: '2026-11-26', index: 41, rates: {} },
    signals: [
      {
        kind: 'iot-alarm',
        detail: {
          severity: 'CRITICAL',
          type: 'SEAL_BREACH',
          containerNumber: 'MSKU9070323',
          channel: 'red',
          hold: true,
        },
        effect: 'escalated+held',
        receivedAt: '2026-11-26T10:15:00Z',
      },
      {
        kind: 'origin',
        detail: { outcome: 'qualifies', reason: null, agreement: 'CARICOM', channel: null, hold: false },
        effect: 'recorded',
        receivedAt: '2026-11-26T09:00:00Z',
      },
    ],
    label: null,
    ...overrides,
  };
}
