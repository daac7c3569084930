import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../i18n';
import { OFFICER, renderAs } from '../test/render';
import { DataTable, foldForSearch, matchesSearch } from './DataTable';

interface Office {
  code: string;
  name: string;
}

const OFFICES: Office[] = [
  { code: 'GTPQ01', name: 'Aduána Puerto Quetzal' },
  { code: 'GTSTO1', name: 'Aduana Santo Tomás de Castilla' },
  { code: 'JMKIN01', name: 'Kingston Container Terminal' },
  { code: 'MXNLD1', name: 'Nuevo Laredo' },
  { code: 'PAPTY1', name: 'Panamá Pacífico' },
  { code: 'CRSJO1', name: 'Peñas Blancas' },
];

function renderOffices(filtered = true) {
  return renderAs(
    OFFICER,
    <DataTable<Office>
      caption="offices"
      rows={OFFICES}
      rowKey={(o) => o.code}
      empty="no offices"
      columns={[
        { key: 'code', header: 'code', cell: (o) => o.code },
        { key: 'name', header: 'name', cell: (o) => o.name },
      ]}
      filter={filtered ? { label: 'Find offices', text: (o) => `${o.code} ${o.name}` } : undefined}
    />,
  );
}
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const shownNames = () => bodyRows().map((r) => within(r).getAllByRole('cell')[1]?.textContent);

describe('searching a table', () => {
  it('folds case and diacritics away', () => {
    expect(foldForSearch('Aduána PEÑAS')).toBe('aduana penas');
    expect(matchesSearch('Aduána Puerto Quetzal', 'aduana')).toBe(true);
    expect(matchesSearch('Aduána Puerto Quetzal', 'ADUÁNA quetzal')).toBe(true);
    expect(matchesSearch('Aduána Puerto Quetzal', 'aduana tomas')).toBe(false);
    expect(matchesSearch('anything', '   ')).toBe(true);
  });

  it('offers a labelled search box in a search landmark and says how many rows are shown', () => {
    renderOffices();
    const search = screen.getByRole('search', { name: 'Find offices' });
    expect(within(search).getByRole('searchbox', { name: 'Find offices' })).toBeTruthy();
    expect(within(search).getByText('6 of 6')).toBeTruthy();
    expect(bodyRows()).toHaveLength(6);
  });

  it('narrows the rows as the user types, ignoring case and accents', async () => {
    const user = userEvent.setup();
    renderOffices();
    await user.type(screen.getByRole('searchbox', { name: 'Find offices' }), 'aduana');
    expect(shownNames()).toEqual(['Aduána Puerto Quetzal', 'Aduana Santo Tomás de Castilla']);
    expect(screen.getByText('2 of 6')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'PENAS');
    expect(shownNames()).toEqual(['Peñas Blancas']);
    expect(screen.getByText('1 of 6')).toBeTruthy();
  });

  it('says that nothing matches, naming the search, rather than the table being empty', async () => {
    const user = userEvent.setup();
    renderOffices();
    await user.type(screen.getByRole('searchbox'), 'Lima');
    expect(bodyRows()).toHaveLength(1);
    expect(screen.getByRole('cell').textContent).toBe('Nothing matches “Lima”.');
    expect(screen.queryByText('no offices')).toBeNull();
    expect(screen.getByText('0 of 6')).toBeTruthy();
  });

  it('keeps the search box, with the caller’s empty text, when the table has no rows at all', () => {
    renderAs(
      OFFICER,
      <DataTable<Office>
        caption="offices"
        rows={[]}
        rowKey={(o) => o.code}
        empty="no offices"
        columns={[{ key: 'code', header: 'code', cell: (o) => o.code }]}
        filter={{ label: 'Find offices', text: (o) => o.code }}
      />,
    );
    expect(screen.getByRole('searchbox', { name: 'Find offices' })).toBeTruthy();
    expect(screen.getByRole('cell').textContent).toBe('no offices');
  });

  it('speaks Spanish', async () => {
    await changeLanguage('es');
    const user = userEvent.setup();
    renderOffices();
    await user.type(screen.getByRole('searchbox'), 'Lima');
    expect(screen.getByText('0 de 6')).toBeTruthy();
    expect(screen.getByRole('cell').textContent).toBe('Nada coincide con «Lima».');
  });

  it('draws no search box when the caller asks for none', () => {
    renderOffices(false);
    expect(screen.queryByRole('search')).toBeNull();
    expect(bodyRows()).toHaveLength(6);
  });
});
