import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, onApi } from '../../../test/fetch';
import { renderAs } from '../../../test/render';
import ProfileNewPage from './ProfileNewPage';
import ProfilePage from './ProfilePage';
import {
  ANALYST,
  dryRunResult,
  PROFILE_ID,
  profileBody,
  profileDetail,
  refusal,
  SUPERVISOR,
} from './test-fixtures';

type Sent = { method: string; path: string; body: unknown };

/** The profile API: GET the profile, PUT/POST answer `write`, the dry run answers `dryRun`. */
function serve({ write = () => json(profileDetail({ version: 3 })) }: { write?: () => Response } = {}) {
  const sent: Sent[] = [];
  onApi(async (req) => {
    const path = new URL(req.url).pathname;
    if (req.method !== 'GET') {
      const text = await req.text();
      sent.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined });
    }
    if (path === '/api/v1/risk/dry-run') return json(dryRunResult());
    if (path === `/api/v1/risk/profiles/${PROFILE_ID}`)
      return req.method === 'PUT' ? write() : json(profileDetail());
    if (path === '/api/v1/risk/profiles' && req.method === 'POST') return write();
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
  return sent;
}
const at = { path: '/risk/profiles/:id', url: `/risk/profiles/${PROFILE_ID}` };

describe('a risk profile', () => {
  it('shows its criteria in words and every version', async () => {
    serve();
    const user = userEvent.setup();
    renderAs(SUPERVISOR, <ProfilePage />, at);
    await screen.findByRole('heading', { name: 'Cigarettes under value', level: 1 });
    expect(screen.getByText('All of:')).toBeTruthy();
    expect(screen.getByText('HS code starts with 2402')).toBeTruthy();
    expect(screen.getByText('Importer is in the list watch-importers')).toBeTruthy();
    expect(screen.getByText('Red, 25% of hits')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Version 1' }));
    expect(screen.getByText('Showing version 1 of 2')).toBeTruthy();
    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull();
  });

  it('saves an edit as a new version over the version it was read at, with the changed action', async () => {
    const sent = serve();
    const user = userEvent.setup();
    renderAs(ANALYST, <ProfilePage />, at);
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const percent = screen.getByLabelText('Share of hits sent (%)');
    await user.clear(percent);
    await user.type(percent, '40');
    await user.type(screen.getByLabelText('Note on this version'), 'more tobacco seizures');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: `/api/v1/risk/profiles/${PROFILE_ID}`,
      body: {
        baseVersion: 2,
        note: 'more tobacco seizures',
        profile: { ...profileBody(), action: { channel: 'red', percent: 40 } },
      },
    });
  });

  it('shows the API’s field error at the criteria, in the API’s words', async () => {
    serve({
      write: () => json(refusal('/profile/criteria/all/1', 'the list watch-importers does not exist'), 422),
    });
    const user = userEvent.setup();
    renderAs(ANALYST, <ProfilePage />, at);
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }));
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    const criteria = screen.getByLabelText('Criteria');
    await waitFor(() => expect(criteria.getAttribute('aria-invalid')).toBe('true'));
    const errorsId = criteria
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('-errors'))!;
    expect(document.getElementById(errorsId)!.textContent).toBe('the list watch-importers does not exist');
    expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBeNull();
  });

  it('runs the saved profile through the dry run and lists the declarations it would select', async () => {
    const sent = serve();
    const user = userEvent.setup();
    renderAs(SUPERVISOR, <ProfilePage />, at);
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    expect(await screen.findByText('Would select 3 declarations')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      path: '/api/v1/risk/dry-run',
      body: { profileId: PROFILE_ID, days: 30 },
    });
    const table = screen.getByRole('table', { name: 'Declarations it would select' });
    expect(within(table).getByRole('link', { name: 'LRN-2026-0001' }).getAttribute('href')).toBe(
      '/declarations/d-1',
    );
    expect(within(table).getByText('Green')).toBeTruthy();
    expect(within(table).getByText('Red')).toBeTruthy();
  });
});

describe('a new risk profile', () => {
  it('dry-runs the draft as typed, then creates it with the body the form holds', async () => {
    const sent = serve({ write: () => json(profileDetail({ version: 1 }), 201) });
    const user = userEvent.setup();
    renderAs(ANALYST, <ProfileNewPage />);
    await user.type(screen.getByLabelText(/^Name/), 'Perfume from free zones');
    await user.type(screen.getByLabelText(/^Why the profile exists/), 'Perfume undervalued');
    await user.selectOptions(screen.getByLabelText('When it hits'), 'score');
    await user.clear(screen.getByLabelText('Score points'));
    await user.type(screen.getByLabelText('Score points'), '-5');
    await user.click(screen.getByRole('button', { name: 'Dry run this draft' }));
    expect(await screen.findByText('Would select 3 declarations')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    const profile = {
      name: 'Perfume from free zones',
      reason: 'Perfume undervalued',
      status: 'draft',
      offices: [],
      criteria: { all: [{ field: 'hsCode', op: 'prefix', value: '2402' }] },
      action: { scoreWeight: -5 },
    };
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v1/risk/dry-run',
      body: { profile, days: 30, sampleSize: 50 },
    });
    expect(sent[1]).toEqual({ method: 'POST', path: '/api/v1/risk/profiles', body: { profile } });
    expect(await screen.findByText('elsewhere')).toBeTruthy();
  });

  it('says at the criteria when they are not JSON, and sends nothing', async () => {
    const sent = serve();
    const user = userEvent.setup();
    renderAs(ANALYST, <ProfileNewPage />);
    const criteria = screen.getByLabelText(/^Criteria/);
    await user.clear(criteria);
    await user.type(criteria, 'all of them');
    await user.click(screen.getByRole('button', { name: 'Create profile' }));
    expect(await screen.findByText('The criteria are not valid JSON.')).toBeTruthy();
    expect(criteria.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
  });
});
