import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, onApi } from '../../../test/fetch';
import { renderAs } from '../../../test/render';
import ProfilesPage from './ProfilesPage';
import { ANALYST, profileBody, profileDetail, SUPERVISOR } from './test-fixtures';

function serveProfiles() {
  const tobacco = profileDetail();
  const perfume = profileDetail(
    { id: '0b6f3c1e-58d4-4c55-9a57-0c2f4f1d9a12', version: 1 },
    profileBody({
      name: 'Perfume from free zones',
      status: 'draft',
      offices: [],
      action: { scoreWeight: 15 },
      validFrom: undefined,
    }),
  );
  onApi((req) =>
    new URL(req.url).pathname === '/api/v1/risk/profiles'
      ? json({ items: [tobacco, perfume] })
      : json({ code: 'ROUTE_NOT_FOUND' }, 404),
  );
}

describe('the risk profiles page', () => {
  it('lists each profile with its action, validity, version and status, linking to it', async () => {
    serveProfiles();
    renderAs(ANALYST, <ProfilesPage />);
    const table = await screen.findByRole('table');
    const tobacco = within(table).getByRole('link', { name: 'Cigarettes under value' });
    expect(tobacco.getAttribute('href')).toBe('/risk/profiles/0b6f3c1e-58d4-4c55-9a57-0c2f4f1d9a11');
    const row = tobacco.closest('tr')!;
    expect(within(row).getByText('Red, 25% of hits')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    // The day the analyst wrote, wherever the console runs (not UTC midnight shown as the day before).
    expect(within(row).getByText('Jan 1, 2026 – …')).toBeTruthy();
    const perfume = within(table).getByRole('link', { name: 'Perfume from free zones' }).closest('tr')!;
    expect(within(perfume).getByText('Score +15')).toBeTruthy();
    expect(within(perfume).getByText('Always')).toBeTruthy();
    expect(within(perfume).getByText('Draft')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New profile' }).getAttribute('href')).toBe('/risk/profiles/new');
  });

  it('narrows the table to the profiles matching the text typed (name, status, channel)', async () => {
    serveProfiles();
    const user = userEvent.setup();
    renderAs(ANALYST, <ProfilesPage />);
    await screen.findByRole('link', { name: 'Perfume from free zones' });
    await user.type(screen.getByRole('searchbox', { name: 'Find a profile' }), 'red');
    expect(screen.queryByRole('link', { name: 'Perfume from free zones' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Cigarettes under value' })).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Find a profile' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find a profile' }), 'draft');
    expect(screen.queryByRole('link', { name: 'Cigarettes under value' })).toBeNull();
    expect(screen.getByText('1 of 2')).toBeTruthy();
  });

  it('offers no new profile to a supervisor (only analysts write profiles)', async () => {
    serveProfiles();
    renderAs(SUPERVISOR, <ProfilesPage />);
    await screen.findByRole('link', { name: 'Cigarettes under value' });
    expect(screen.queryByRole('link', { name: 'New profile' })).toBeNull();
  });
});
