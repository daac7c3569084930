import type { CHANNELS, PROFILE_STATUSES } from './api';
import { type ProfileBody } from './api';

/** A profile as the form holds it: every field as typed, the criteria as JSON text. */
export interface ProfileDraft {
  name: string;
  reason: string;
  status: (typeof PROFILE_STATUSES)[number];
  offices: string;
  actionKind: 'channel' | 'score';
  channel: (typeof CHANNELS)[number];
  percent: string;
  scoreWeight: string;
  validFrom: string;
  validTo: string;
  criteria: string;
}

export const EMPTY_CRITERIA = { all: [{ field: 'hsCode', op: 'prefix', value: '2402' }] };

export function draftOf(body?: ProfileBody): ProfileDraft {
  const action = body?.action;
  return {
    name: body?.name ?? '',
    reason: body?.reason ?? '',
    status: body?.status ?? 'draft',
    offices: (body?.offices ?? []).join(', '),
    actionKind: action && 'scoreWeight' in action ? 'score' : 'channel',
    channel: action && 'channel' in action ? action.channel : 'yellow',
    percent: action && 'channel' in action ? String(action.percent ?? 100) : '100',
    scoreWeight: action && 'scoreWeight' in action ? String(action.scoreWeight) : '10',
    validFrom: body?.validFrom ?? '',
    validTo: body?.validTo ?? '',
    criteria: JSON.stringify(body?.criteria ?? EMPTY_CRITERIA, null, 2),
  };
}

/** A number as typed; text that is not one goes to the API as it is, so the API names the field it refuses. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The body the API takes, or `null` when the criteria are not JSON (the API could not say where: the form says so
 * at the criteria). Everything else is left for the API to judge.
 */
export function bodyOf(d: ProfileDraft): ProfileBody | null {
  let criteria: ProfileBody['criteria'];
  try {
    criteria = JSON.parse(d.criteria) as ProfileBody['criteria'];
  } catch {
    return null;
  }
  const offices = d.offices
    .split(/[\s,;]+/)
    .map((o) => o.trim().toUpperCase())
    .filter(Boolean);
  const percent = numberOf(d.percent);
  const weight = numberOf(d.scoreWeight);
  return {
    name: d.name,
    reason: d.reason,
    status: d.status,
    offices,
    criteria,
    action:
      d.actionKind === 'channel'
        ? { channel: d.channel, percent: Number.isNaN(percent) ? (d.percent as unknown as number) : percent }
        : { scoreWeight: Number.isNaN(weight) ? (d.scoreWeight as unknown as number) : weight },
    ...(d.validFrom ? { validFrom: d.validFrom } : {}),
    ...(d.validTo ? { validTo: d.validTo } : {}),
  };
}

/** The form field a field error of the API belongs to (`criteria/all/0` → `criteria`). */
export function placeProfileIssue(path: string): string {
  const [head, sub] = path.split('/');
  if (head === 'action')
    return sub === 'percent' || sub === 'scoreWeight' || sub === 'channel' ? sub : 'action';
  return ['name', 'reason', 'status', 'offices', 'criteria', 'validFrom', 'validTo'].includes(head ?? '')
    ? head!
    : '';
}
