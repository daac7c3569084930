import { matchesSearch } from '../../kit/DataTable';

/** The notifications page's filters as it keeps them in the URL (`?kind=released&lrn=GT-2026`). */
export interface NotificationFilters {
  /** A notification kind (`released`, `documentsRequested`, …); empty for any. */
  kind: string;
  /** Text the declaration's LRN must hold (case and accents ignored); empty for any. */
  lrn: string;
}

const KIND = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/** Reads the filters from the URL, dropping a kind that cannot be one. */
export function notificationFiltersFromSearch(params: URLSearchParams): NotificationFilters {
  const kind = params.get('kind') ?? '';
  return { kind: KIND.test(kind) ? kind : '', lrn: params.get('lrn') ?? '' };
}

/** Writes the filters to the URL, leaving empty ones out. The LRN is kept as typed, so the box does not jump. */
export function notificationFiltersToSearch(f: NotificationFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.kind) p.set('kind', f.kind);
  if (f.lrn.trim()) p.set('lrn', f.lrn);
  return p;
}

/** The notifications that pass the filters, in their order. */
export function filterNotifications<N extends { kind: string; declaration: { lrn: string } }>(
  rows: N[],
  f: NotificationFilters,
): N[] {
  return rows.filter((n) => (!f.kind || n.kind === f.kind) && matchesSearch(n.declaration.lrn, f.lrn));
}
