import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../api/types';
import { json, onApi } from '../../test/fetch';
import { renderAs, TRADER } from '../../test/render';
import NotificationsPage from './NotificationsPage';

const declarationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const summary = (n: number, lrn: string) => ({
  id: declarationId(n),
  lrn,
  type: 'import',
  office: 'GTPQ01',
  status: 'channel_assigned',
  channel: 'yellow',
  declarantTin: 'JM-BRK-0001',
  importerTin: 'JM-IMP-1001',
  exporterTin: null,
  hsCodes: ['610910'],
  containers: [],
  totalValue: 1000,
  currency: 'USD',
  itemCount: 1,
  lodgedAt: '2026-03-01T10:00:00.000Z',
  arrivedAt: null,
  releasedAt: null,
});
const note = (id: number, kind: string, day: number): Notification => ({
  id,
  kind,
  functionCode: '9',
  issuedAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`,
  title: {},
  data: {},
});
const FEED: Record<string, Notification[]> = {
  [declarationId(1)]: [note(1, 'received', 1), note(2, 'accepted', 2), note(3, 'released', 5)],
  [declarationId(2)]: [note(4, 'received', 3), note(5, 'documentsRequested', 4)],
};

function serveFeed() {
  onApi((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/declarations')
      return json({
        items: [summary(1, 'GT-2026-0001'), summary(2, 'JM-2026-0002')],
        total: 2,
        limit: 15,
        offset: 0,
      });
    const m = /^\/api\/v1\/declarations\/([^/]+)\/notifications$/.exec(path);
    if (m) return json(FEED[m[1]!] ?? []);
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}

/** Shows the page's query string, as the address bar would. */
function Address() {
  return <output data-testid="address">{useLocation().search}</output>;
}
const address = () => screen.getByTestId('address').textContent;
const feed = () =>
  screen
    .queryAllByRole('listitem')
    .map((li) => `${li.querySelector('.title')?.textContent} ${li.querySelector('a')?.textContent}`);

function renderPage(url = '/notifications') {
  return renderAs(
    TRADER,
    <>
      <NotificationsPage />
      <Address />
    </>,
    { path: '/notifications', url },
  );
}

describe('the notifications page', () => {
  it('filters by a kind present and keeps it in the URL', async () => {
    serveFeed();
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(5));
    const kind = screen.getByRole('combobox', { name: 'Kind' });
    expect(
      within(kind)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Any kind',
      'Declaration accepted',
      'Declaration received',
      'Documents requested',
      'Goods released',
    ]);
    await user.selectOptions(kind, 'received');
    expect(feed()).toEqual(['Declaration received JM-2026-0002', 'Declaration received GT-2026-0001']);
    expect(screen.getByText('2 of 5')).toBeTruthy();
    expect(address()).toBe('?kind=received');
  });

  it('filters by LRN as the trader types, ignoring case, and keeps it in the URL with the kind', async () => {
    serveFeed();
    const user = userEvent.setup();
    renderPage('/notifications?kind=received');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    await user.type(screen.getByRole('searchbox', { name: 'LRN' }), 'gt-2026');
    expect(feed()).toEqual(['Declaration received GT-2026-0001']);
    expect(address()).toBe('?kind=received&lrn=gt-2026');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(address()).toBe('');
  });

  it('opens filtered from a shared link, and says when nothing matches', async () => {
    serveFeed();
    renderPage('/notifications?kind=released&lrn=JM');
    await screen.findByText('No notification matches these filters.');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Kind' }).value).toBe('released');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'LRN' }).value).toBe('JM');
    expect(screen.getByText('0 of 5')).toBeTruthy();
  });
});
