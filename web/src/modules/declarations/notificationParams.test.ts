import { describe, expect, it } from 'vitest';
import {
  filterNotifications,
  notificationFiltersFromSearch,
  notificationFiltersToSearch,
} from './notificationParams';

describe('notification filters in the URL', () => {
  it('reads a kind and an LRN, and writes them back the same', () => {
    const f = notificationFiltersFromSearch(new URLSearchParams('kind=documentsRequested&lrn=GT-2026'));
    expect(f).toEqual({ kind: 'documentsRequested', lrn: 'GT-2026' });
    expect(notificationFiltersToSearch(f).toString()).toBe('kind=documentsRequested&lrn=GT-2026');
  });

  it('drops a kind that cannot be one and leaves empty filters out', () => {
    expect(notificationFiltersFromSearch(new URLSearchParams('kind=%3Cscript%3E')).kind).toBe('');
    expect(notificationFiltersToSearch({ kind: '', lrn: '  ' }).toString()).toBe('');
  });

  it('keeps the notifications of the kind whose LRN holds the text, case and accents ignored', () => {
    const rows = [
      { kind: 'released', declaration: { lrn: 'GT-2026-0001' } },
      { kind: 'accepted', declaration: { lrn: 'GT-2026-0001' } },
      { kind: 'released', declaration: { lrn: 'JM-2026-0002' } },
      { kind: 'released', declaration: { lrn: 'PANAMÁ-3' } },
    ];
    expect(filterNotifications(rows, { kind: 'released', lrn: 'gt-' })).toEqual([rows[0]]);
    expect(filterNotifications(rows, { kind: '', lrn: 'panama' })).toEqual([rows[3]]);
    expect(filterNotifications(rows, { kind: '', lrn: '' })).toEqual(rows);
  });
});
