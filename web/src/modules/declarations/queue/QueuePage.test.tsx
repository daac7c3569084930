import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeclarationSummary } from '../../../api/types';
import { json, onApi, requests } from '../../../test/fetch';
import { OFFICER, renderAs, TRADER } from '../../../test/render';
import { changeLanguage } from '../../../i18n';
import QueuePage from './QueuePage';

const row = (n: number, patch: Partial<DeclarationSummary> = {}): DeclarationSummary => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  lrn: `LRN-${n}`,
  type: 'import',
  office: 'JMKIN01',
  status: 'channel_assigned',
  channel: 'red',
  declarantTin: 'JM-BRK-0001',
  importerTin: 'JM-IMP-1001',
  exporterTin: null,
  hsCodes: ['080810'],
  containers: ['MSCU1234565'],
  totalValue: 12345.5,
  currency: 'USD',
  itemCount: 1,
  lodgedAt: '2026-03-01T10:00:00.000Z',
  arrivedAt: null,
  releasedAt: null,
  ...patch,
});

function serveQueue(total = 120) {
  onApi((req) => {
    const url = new URL(req.url);
    if (url.pathname === '/api/v1/declarations') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const items = Array.from({ length: Math.min(limit, total - offset) }, (_, i) => row(offset + i + 1));
      return json({ items, total, limit, offset });
    }
    if (url.pathname === '/api/v1/reference/offices') return json([]);
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}
const queueCalls = () =>
  requests
    .filter((r) => new URL(r.url).pathname === '/api/v1/declarations')
    .map((r) => new URL(r.url).searchParams);

describe('the work queue', () => {
  it('lists a page of declarations with translated status and channel, and links to each', async () => {
    serveQueue();
    renderAs(OFFICER, <QueuePage />);
    const table = await screen.findByRole('table');
    await within(table).findByRole('link', { name: 'LRN-1' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(within(table).getAllByText('Channel assigned')).toHaveLength(50);
    expect(within(table).getByRole('link', { name: 'LRN-1' }).getAttribute('href')).toBe(
      '/declarations/00000000-0000-4000-8000-000000000001',
    );
    expect(screen.getByText('120 declarations')).toBeTruthy();
    expect(screen.getByText('1–50 of 120')).toBeTruthy();
  });

  it('asks the API for the next page and for a channel when filtered', async () => {
    serveQueue();
    const user = userEvent.setup();
    renderAs(OFFICER, <QueuePage />);
    await screen.findByRole('link', { name: 'LRN-1' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('link', { name: 'LRN-51' });
    await user.click(screen.getByRole('checkbox', { name: 'Red' }));
    await waitFor(() => expect(queueCalls().at(-1)?.get('channel')).toBe('red'));
    expect(queueCalls().at(-1)?.get('offset')).toBe('0');
  });

  it('waits for typing to pause before filtering by LRN', async () => {
    serveQueue();
    const user = userEvent.setup();
    renderAs(OFFICER, <QueuePage />);
    await screen.findByRole('link', { name: 'LRN-1' });
    const before = queueCalls().length;
    await user.type(screen.getByLabelText('LRN'), 'ABC-9');
    await waitFor(() => expect(queueCalls().at(-1)?.get('lrn')).toBe('ABC-9'));
    expect(queueCalls().length - before).toBe(1);
  });

  it("shows a trader's own list in Spanish, without the party filter", async () => {
    await changeLanguage('es');
    serveQueue(1);
    renderAs(TRADER, <QueuePage />);
    await screen.findByRole('link', { name: 'LRN-1' });
    expect(screen.getByRole('heading', { name: 'Mis declaraciones' })).toBeTruthy();
    expect(screen.queryByLabelText('Parte (NIT)')).toBeNull();
    expect(within(screen.getByRole('table')).getByText('Canal asignado')).toBeTruthy();
    expect(screen.getByText('1 declaración')).toBeTruthy();
  });
});
