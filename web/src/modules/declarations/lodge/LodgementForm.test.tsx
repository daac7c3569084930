import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../../i18n';
import { json, onApi, requests } from '../../../test/fetch';
import { renderAs, TRADER } from '../../../test/render';
import { newDraft } from './formModel';
import { LodgementForm } from './LodgementForm';

const OFFICES = [
  {
    code: 'JMKIN01',
    name: 'Kingston Container Terminal',
    country: 'JM',
    unlocode: 'JMKIN',
    timezone: 'America/Jamaica',
    coordinates: [-76.8, 17.97],
  },
];
const COUNTRIES = [
  { code: 'JM', nameEn: 'Jamaica', nameEs: 'Jamaica' },
  { code: 'US', nameEn: 'United States of America', nameEs: 'Estados Unidos de América' },
];
const CURRENCIES = [{ code: 'USD', name: 'US Dollar', minorUnits: 2 }];

function serve(checkErrors: unknown[] = []) {
  onApi((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/reference/offices') return json(OFFICES);
    if (path === '/api/v1/reference/countries') return json(COUNTRIES);
    if (path === '/api/v1/reference/currencies') return json(CURRENCIES);
    if (path === '/api/v1/reference/hs')
      return json([{ code: '080810', level: 'subheading', description: 'Fresh apples', section: 'II' }]);
    if (path === '/api/v1/declaration-checks') return json({ errors: checkErrors });
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}

const draft = () => {
  const d = newDraft({ tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', country: 'JM' });
  d.office = 'JMKIN01';
  d.parties.importer = { tin: 'JM-IMP-1001', name: 'Blue Mountain Foods Ltd', country: 'JM' };
  d.containers = ['MSCU1234565'];
  d.items[0] = {
    ...d.items[0]!,
    hsCode: '080810',
    description: 'Fresh apples',
    originCountry: 'US',
    netMassKg: '1000',
    grossMassKg: '1100',
    customsValue: '1400',
  };
  d.invoiceAmount = '1400';
  return d;
};

describe('the lodgement form', () => {
  it('shows a field error as soon as the field is left, with the API message', async () => {
    serve();
    const user = userEvent.setup();
    renderAs(TRADER, <LodgementForm initial={draft()} onLodged={vi.fn()} />);
    const hs = await screen.findByLabelText(/HS code \(item 1\)/);
    await user.clear(hs);
    await user.type(hs, '0808');
    await user.tab();
    const field = hs.closest('.field') as HTMLElement;
    expect(
      within(field).getByText('HS code (item 1) is not in the expected format: HS code: 6, 8 or 10 digits'),
    ).toBeTruthy();
    expect(hs.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows business-rule errors from the API dry run at their field, in Spanish', async () => {
    await changeLanguage('es');
    serve([
      {
        code: 'CONTAINER_CHECK_DIGIT',
        pointer: '/transport/containers/0/number',
        value: 'MSCU1234567',
        params: { expected: 5 },
      },
    ]);
    const user = userEvent.setup();
    renderAs(TRADER, <LodgementForm initial={draft()} onLodged={vi.fn()} />);
    const container = await screen.findByLabelText(/Contenedor 1/);
    await user.clear(container);
    await user.type(container, 'MSCU1234567');
    await user.tab();
    await screen.findByText(
      'El dígito de control del contenedor MSCU1234567 es incorrecto (debería ser 5); verifique el número en el contenedor',
    );
    expect(requests.some((r) => new URL(r.url).pathname === '/api/v1/declaration-checks')).toBe(true);
  });

  it('lists every problem in a summary on submit and does not lodge an invalid document', async () => {
    serve();
    const user = userEvent.setup();
    const d = draft();
    d.office = '';
    d.items[0]!.description = '';
    renderAs(TRADER, <LodgementForm initial={d} onLodged={vi.fn()} />);
    await user.click(await screen.findByRole('button', { name: 'Lodge declaration' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Customs office')).toBeTruthy();
    expect(within(summary).getByText('Description (item 1)')).toBeTruthy();
    expect(
      requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/declarations'),
    ).toBe(false);
  });

  it('lodges a valid declaration and hands over the result', async () => {
    serve();
    const onLodged = vi.fn();
    onApi((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/declarations') return json({ id: 'new-id', lrn: 'x' }, 201);
      if (path === '/api/v1/declaration-checks') return json({ errors: [] });
      return json([]);
    });
    const user = userEvent.setup();
    renderAs(TRADER, <LodgementForm initial={draft()} onLodged={onLodged} />);
    await waitFor(() => expect(screen.getByText('No problem found so far.')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Lodge declaration' }));
    await waitFor(() => expect(onLodged).toHaveBeenCalledWith({ id: 'new-id', lrn: 'x' }));
    const sent = requests.find(
      (r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/declarations',
    )!;
    expect((await sent.json()).goodsItems[0]).toMatchObject({
      hsCode: '080810',
      netMassKg: 1000,
      grossMassKg: 1100,
    });
  });
});
