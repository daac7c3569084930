import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, onApi } from '../../../test/fetch';
import { renderAs } from '../../../test/render';
import ListPage from './ListPage';
import ListsPage from './ListsPage';
import { ANALYST, listDetail, refusal, SUPERVISOR } from './test-fixtures';

type Sent = { method: string; path: string; body: unknown };

function serve(write: () => Response = () => json(listDetail({ version: 2 }))) {
  const sent: Sent[] = [];
  const watch = listDetail();
  const routes = listDetail({
    id: '4a1f3c1e-58d4-4c55-9a57-0c2f4f1d9a33',
    name: 'transit-routes',
    kind: 'routes',
    description: 'Transit through free zones',
    entryCount: 3,
  });
  onApi(async (req) => {
    const path = new URL(req.url).pathname;
    if (req.method !== 'GET') {
      const text = await req.text();
      sent.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined });
      return write();
    }
    if (path === '/api/v1/risk/lists') return json({ items: [watch, routes] });
    if (path === '/api/v1/risk/lists/watch-importers') return json(watch);
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
  return sent;
}

describe('the risk lists page', () => {
  it('lists each list with its kind and entry count, and narrows them to the text typed', async () => {
    serve();
    const user = userEvent.setup();
    renderAs(SUPERVISOR, <ListsPage />);
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('link', { name: 'watch-importers' }).closest('tr')!;
    expect(within(row).getByText('Parties')).toBeTruthy();
    expect(within(row).getByText('2')).toBeTruthy();
    expect(within(table).getByText('Routes')).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Find a list' }), 'routes');
    expect(screen.queryByRole('link', { name: 'watch-importers' })).toBeNull();
    expect(screen.getByRole('link', { name: 'transit-routes' }).getAttribute('href')).toBe(
      '/risk/lists/transit-routes',
    );
    expect(screen.queryByRole('button', { name: 'New list' })).toBeNull();
  });

  it('creates a list of the kind chosen with one entry per line', async () => {
    const sent = serve(() => json(listDetail({ name: 'hs-tobacco', kind: 'hs' }), 201));
    const user = userEvent.setup();
    renderAs(ANALYST, <ListsPage />);
    await user.click(await screen.findByRole('button', { name: 'New list' }));
    await user.type(screen.getByLabelText(/^Name/), 'hs-tobacco');
    await user.selectOptions(screen.getByLabelText('Kind'), 'hs');
    await user.type(screen.getByLabelText('Description'), 'Tobacco');
    await user.type(screen.getByLabelText('Entries'), '2402{Enter}  2403 {Enter}{Enter}8703-8705');
    await user.click(screen.getByRole('button', { name: 'Create list' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v1/risk/lists',
      body: {
        name: 'hs-tobacco',
        list: { kind: 'hs', description: 'Tobacco', entries: ['2402', '2403', '8703-8705'] },
      },
    });
    expect(await screen.findByText('elsewhere')).toBeTruthy();
  });

  it('shows the API’s refusal of an entry at the entries, in its words', async () => {
    serve(() => json(refusal('/list/entries/1', 'a route: departure>destination, * for any'), 422));
    const user = userEvent.setup();
    renderAs(ANALYST, <ListsPage />);
    await user.click(await screen.findByRole('button', { name: 'New list' }));
    await user.type(screen.getByLabelText(/^Name/), 'transit');
    await user.click(screen.getByRole('button', { name: 'Create list' }));
    const entries = screen.getByLabelText('Entries');
    await waitFor(() => expect(entries.getAttribute('aria-invalid')).toBe('true'));
    const errorsId = entries
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('-errors'))!;
    expect(document.getElementById(errorsId)!.textContent).toBe('a route: departure>destination, * for any');
  });
});

describe('a risk list', () => {
  it('shows its entries and saves edited entries as a new version over the one read', async () => {
    const sent = serve();
    const user = userEvent.setup();
    renderAs(ANALYST, <ListPage />, { path: '/risk/lists/:name', url: '/risk/lists/watch-importers' });
    expect(await screen.findByText('JM-IMP-0002')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit entries' }));
    await user.type(screen.getByRole('textbox', { name: 'Entries' }), '{Enter}JM-IMP-0003');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: '/api/v1/risk/lists/watch-importers',
      body: {
        baseVersion: 1,
        list: {
          kind: 'parties',
          description: 'Importers under watch',
          entries: ['JM-IMP-0001', 'JM-IMP-0002', 'JM-IMP-0003'],
        },
      },
    });
  });
});
