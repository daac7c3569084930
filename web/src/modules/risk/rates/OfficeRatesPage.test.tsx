import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../api/types';
import { json, onApi } from '../../../test/fetch';
import { OFFICER, renderAs } from '../../../test/render';
import OfficeRatesPage from './OfficeRatesPage';

const ANALYST: Principal = { ...OFFICER, id: 'u-analyst', name: 'analyst', roles: ['risk_analyst'] };

const defaults = { rates: { green: 80, yellow: 10, red: 8, blue: 2 }, randomMinimum: 2, explorationShare: 1 };
const kingston = {
  office: 'JMKIN',
  rates: { green: 70, yellow: 15, red: 12, blue: 3 },
  randomMinimum: 3,
  explorationShare: 1,
  updatedBy: 'analyst',
  updatedAt: '2026-11-20T09:00:00.000Z',
  today: { decided: 42, byChannel: { green: 30, yellow: 6, red: 5, blue: 1 } },
};

function serveRates(put: (body: unknown) => Response) {
  const sent: unknown[] = [];
  onApi(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/reference/offices')
      return json([
        { code: 'JMKIN', name: 'Kingston', coordinates: null },
        { code: 'JMMBJ', name: 'Montego Bay', coordinates: null },
      ]);
    if (path === '/api/v1/risk/office-rates') return json({ defaults, offices: [kingston] });
    if (path === '/api/v1/risk/office-rates/JMKIN' && req.method === 'PUT') {
      const body: unknown = JSON.parse(await req.text());
      sent.push(body);
      return put(body);
    }
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
  return sent;
}

describe('office rates', () => {
  it('lists each office with its channel rates and random minimum, defaults for offices without their own', async () => {
    serveRates(() => json({}, 500));
    renderAs(ANALYST, <OfficeRatesPage />);
    const table = await screen.findByRole('table', { name: 'Rates per office' });
    const kin = within(table).getByText('JMKIN · Kingston').closest('tr')!;
    expect(within(kin).getByText('70%')).toBeTruthy();
    expect(within(kin).getByText('42')).toBeTruthy();
    const mbj = (await within(table).findByText('JMMBJ · Montego Bay')).closest('tr')!;
    expect(within(mbj).getByText('80%')).toBeTruthy();
    expect(within(mbj).getByText('Defaults')).toBeTruthy();
  });

  it('shows the API’s field errors at their fields when an edit is refused', async () => {
    const sent = serveRates(() =>
      json(
        {
          code: 'VALIDATION_FAILED',
          errors: [
            { code: 'FIELD_TOO_BIG', pointer: '/rates/red', value: 120, params: { detail: 'at most 100' } },
            {
              code: 'FIELD_INVALID_VALUE',
              pointer: '/rates',
              params: { detail: 'channel rates must add up to 100' },
            },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderAs(ANALYST, <OfficeRatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit the rates of JMKIN' }));
    const dialog = screen.getByRole('dialog', { name: 'Rates of JMKIN' });
    const red = within(dialog).getByLabelText(/Red/);
    await user.clear(red);
    await user.type(red, '120');
    await user.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    await waitFor(() => expect(red.getAttribute('aria-invalid')).toBe('true'));
    expect(sent).toEqual([
      { rates: { green: 70, yellow: 15, red: 120, blue: 3 }, randomMinimum: 3, explorationShare: 1 },
    ]);
    const redErrors = document.getElementById(red.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(redErrors.textContent).toBe('Red (%) is too large or too long: at most 100');
    expect(
      within(dialog).getByText(
        'Channel rates has a value that is not allowed: channel rates must add up to 100',
      ),
    ).toBeTruthy();
    expect(within(dialog).getByLabelText(/Green/).getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a random minimum above the control channels at the random minimum', async () => {
    serveRates(() => json({ code: 'RISK_RANDOM_ABOVE_BUDGET', random: 30, control: 20 }, 422));
    const user = userEvent.setup();
    renderAs(ANALYST, <OfficeRatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit the rates of JMKIN' }));
    const dialog = screen.getByRole('dialog');
    const random = within(dialog).getByLabelText(/Random minimum/);
    await user.clear(random);
    await user.type(random, '30');
    await user.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    await waitFor(() => expect(random.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText(/cannot exceed the control channels \(20 %\)/)).toBeTruthy();
  });

  it('saves an edit and says so', async () => {
    serveRates((body) => json({ ...kingston, ...(body as object) }));
    const user = userEvent.setup();
    renderAs(ANALYST, <OfficeRatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit the rates of JMKIN' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Save rates' }));
    expect(await screen.findByText('The rates of JMKIN are saved.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
