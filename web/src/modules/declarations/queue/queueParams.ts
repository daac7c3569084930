import type { Channel, QueueQuery, Status } from '../../../api/types';

export const SORTS = ['-lodgedAt', 'lodgedAt', '-value', 'value', 'status'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

/** The queue's filters as the page keeps them (in the URL, so a filtered queue can be bookmarked and shared). */
export interface QueueFilters {
  status: Status[];
  channel: Channel[];
  office: string;
  party: string;
  hs: string;
  lrn: string;
  container: string;
  from: string;
  to: string;
  sort: Sort;
  limit: number;
  offset: number;
}

const STATUS_VALUES: readonly Status[] = [
  'lodged',
  'accepted',
  'rejected',
  'risk_assessed',
  'channel_assigned',
  'under_control',
  'released',
  'held',
  'seized',
  'invalidated',
];
const CHANNEL_VALUES: readonly Channel[] = ['green', 'yellow', 'red', 'blue'];
export { CHANNEL_VALUES, STATUS_VALUES };

const list = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));

/** Reads filters from the URL, dropping anything the API would refuse. */
export function filtersFromSearch(params: URLSearchParams): QueueFilters {
  const sort = params.get('sort');
  const limit = Number(params.get('limit'));
  const offset = Number(params.get('offset'));
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return {
    status: list(params.get('status'), STATUS_VALUES),
    channel: list(params.get('channel'), CHANNEL_VALUES),
    office: params.get('office') ?? '',
    party: params.get('party') ?? '',
    hs: (params.get('hs') ?? '').replace(/\D/g, ''),
    lrn: params.get('lrn') ?? '',
    container: params.get('container') ?? '',
    from: date(params.get('from')),
    to: date(params.get('to')),
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : '-lodgedAt',
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : 50,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** Writes filters to the URL, leaving defaults out so URLs stay short. */
export function filtersToSearch(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.channel.length) p.set('channel', f.channel.join(','));
  for (const key of ['office', 'party', 'hs', 'lrn', 'container', 'from', 'to'] as const)
    if (f[key].trim()) p.set(key, f[key].trim());
  if (f.sort !== '-lodgedAt') p.set('sort', f.sort);
  if (f.limit !== 50) p.set('limit', String(f.limit));
  if (f.offset) p.set('offset', String(f.offset));
  return p;
}

/** The API query for the filters. `to` is inclusive for the user, so it becomes the next day's start. */
export function toApiQuery(f: QueueFilters): QueueQuery {
  const q: QueueQuery = { sort: f.sort, limit: f.limit, offset: f.offset };
  if (f.status.length) q.status = f.status.join(',');
  if (f.channel.length) q.channel = f.channel.join(',');
  if (f.office) q.office = f.office;
  if (f.party.trim()) q.party = f.party.trim().toUpperCase();
  if (/^\d{2,10}$/.test(f.hs)) q.hs = f.hs;
  if (f.lrn.trim()) q.lrn = f.lrn.trim();
  if (f.container.trim()) q.container = f.container.trim().toUpperCase();
  if (f.from) q.from = f.from;
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    q.to = next.toISOString().slice(0, 10);
  }
  return q;
}
