import type { Principal } from '../../../api/types';
import { OFFICER } from '../../../test/render';
import type { DryRunResult, ListDetail, ProfileBody, ProfileDetail } from './api';

export const ANALYST: Principal = { ...OFFICER, id: 'u-analyst', name: 'analyst', roles: ['risk_analyst'] };
export const SUPERVISOR: Principal = {
  ...OFFICER,
  id: 'u-supervisor',
  name: 'supervisor',
  roles: ['supervisor'],
};

export const PROFILE_ID = '0b6f3c1e-58d4-4c55-9a57-0c2f4f1d9a11';

export function profileBody(over: Partial<ProfileBody> = {}): ProfileBody {
  return {
    name: 'Cigarettes under value',
    status: 'active',
    offices: ['JMKIN01'],
    criteria: {
      all: [
        { field: 'hsCode', op: 'prefix', value: '2402' },
        { field: 'importer', op: 'inList', list: 'watch-importers' },
      ],
    },
    action: { channel: 'red', percent: 25 },
    validFrom: '2026-01-01',
    reason: 'Tobacco undervaluation seen in 2025',
    ...over,
  };
}

export function profileDetail(over: Partial<ProfileDetail> = {}, body = profileBody()): ProfileDetail {
  return {
    id: PROFILE_ID,
    version: 2,
    profile: body,
    note: null,
    createdBy: 'analyst',
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    versions: [
      {
        version: 1,
        profile: { ...body, name: 'Cigarettes', status: 'draft' },
        note: null,
        createdBy: 'analyst',
        createdAt: '2026-02-01T10:00:00.000Z',
      },
      {
        version: 2,
        profile: body,
        note: 'activated',
        createdBy: 'analyst',
        createdAt: '2026-03-01T10:00:00.000Z',
      },
    ],
    ...over,
  };
}

export function dryRunResult(over: Partial<DryRunResult> = {}): DryRunResult {
  return {
    period: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', days: 30 },
    scanned: 480,
    matched: 12,
    wouldSelect: 3,
    matchRate: 0.025,
    overlap: { alreadySelected: 1, newSelections: 2, byThisProfile: 0 },
    byCurrentChannel: { green: 2, red: 1 },
    byOffice: [{ office: 'JMKIN01', scanned: 480, matched: 12 }],
    lists: [{ name: 'watch-importers', version: 1 }],
    sample: [
      {
        declarationId: 'd-1',
        lrn: 'LRN-2026-0001',
        office: 'JMKIN01',
        lodgedAt: '2026-02-10T09:00:00.000Z',
        items: [1],
        currentChannel: 'green',
        currentSource: 'model',
        wouldBe: 'red',
      },
    ],
    ...over,
  };
}

export function listDetail(over: Partial<ListDetail> = {}): ListDetail {
  const list = {
    kind: 'parties',
    description: 'Importers under watch',
    entries: ['JM-IMP-0001', 'JM-IMP-0002'],
  };
  return {
    id: '4a1f3c1e-58d4-4c55-9a57-0c2f4f1d9a22',
    name: 'watch-importers',
    kind: 'parties',
    version: 1,
    description: list.description,
    entryCount: 2,
    updatedAt: '2026-02-01T10:00:00.000Z',
    updatedBy: 'analyst',
    list,
    versions: [{ version: 1, list, note: null, createdBy: 'analyst', createdAt: '2026-02-01T10:00:00.000Z' }],
    ...over,
  };
}

/** A 422 refusal as the API words it, with one field error. */
export function refusal(pointer: string, message: string) {
  return {
    code: 'VALIDATION_FAILED',
    status: 422,
    errors: [
      { code: 'FIELD_INVALID_VALUE', pointer, messages: { en: message, es: `ES ${message}` }, message },
    ],
  };
}
