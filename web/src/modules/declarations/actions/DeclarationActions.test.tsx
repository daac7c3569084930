import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { json, onApi, requests } from '../../../test/fetch';
import { OFFICER, renderAs, TRADER } from '../../../test/render';
import { DeclarationActions } from './DeclarationActions';

const declaration = {
  id: '00000000-0000-4000-8000-000000000001',
  lrn: 'LRN-1',
  status: 'under_control',
  channel: 'red',
  currency: 'USD',
  itemCount: 1,
  control: { outcome: 'compliant' },
  documentsRequested: null,
  times: {
    lodgedAt: '2026-03-01T10:00:00Z',
    acceptedAt: null,
    channelAt: null,
    arrivedAt: '2026-03-02T10:00:00Z',
    controlAt: null,
    releasedAt: null,
  },
} as unknown as DeclarationDetail;

describe('actions on a declaration', () => {
  it('offers the officer release, hold and seize once the control is recorded', () => {
    renderAs(OFFICER, <DeclarationActions declaration={declaration} principal={OFFICER} />);
    for (const name of ['Release', 'Hold', 'Seize', 'Record control result', 'Request documents'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record arrival' })).toBeNull();
  });

  it('offers a trader none of the officer actions', () => {
    renderAs(TRADER, <DeclarationActions declaration={declaration} principal={TRADER} />);
    expect(screen.queryByRole('button', { name: 'Release' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Actions on this declaration' })).toBeNull();
  });

  it('asks for a reason before releasing, then posts it and confirms', async () => {
    onApi((req) =>
      new URL(req.url).pathname.endsWith('/release')
        ? json({ ...declaration, status: 'released' })
        : json([], 200),
    );
    const user = userEvent.setup();
    renderAs(OFFICER, <DeclarationActions declaration={declaration} principal={OFFICER} />);
    await user.click(screen.getByRole('button', { name: 'Release' }));
    const dialog = screen.getByRole('dialog', { name: 'Release' });
    expect(document.activeElement).toBe(screen.getByLabelText(/Reason/));
    await user.type(screen.getByLabelText(/Reason/), 'ok');
    await user.click(screen.getAllByRole('button', { name: 'Release' }).at(-1)!);
    expect(screen.getByText('Give a reason of at least 3 characters.')).toBeTruthy();
    expect(requests.some((r) => r.url.endsWith('/release'))).toBe(false);
    await user.type(screen.getByLabelText(/Reason/), ' — control completed');
    await user.click(screen.getAllByRole('button', { name: 'Release' }).at(-1)!);
    await screen.findByText('Goods released; the declarant has been notified.');
    const sent = requests.find((r) => r.url.endsWith('/release'))!;
    expect(await sent.json()).toEqual({ reason: 'ok — control completed' });
    expect(dialog.isConnected).toBe(false);
  });

  it('shows the API refusal in the dialog, in the language chosen', async () => {
    onApi(() => json({ code: 'CONTROL_RESULT_REQUIRED', status: 409 }, 409));
    const user = userEvent.setup();
    renderAs(OFFICER, <DeclarationActions declaration={declaration} principal={OFFICER} />);
    await user.click(screen.getByRole('button', { name: 'Hold' }));
    await user.type(screen.getByLabelText(/Reason/), 'Awaiting lab results');
    await user.click(screen.getAllByRole('button', { name: 'Hold' }).at(-1)!);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Record the control result before releasing goods selected for control',
      ),
    );
  });
});
