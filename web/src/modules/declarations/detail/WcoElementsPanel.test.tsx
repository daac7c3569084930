import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { OFFICER, renderAs } from '../../../test/render';
import { readablePath, WcoElementsPanel } from './WcoElementsPanel';

const lodgedAsDms = (elements: { path: string; value: string }[]) =>
  ({ declaration: { wco: { elements } } }) as unknown as DeclarationDetail;

// The account of a final supplementary declaration (HMRC TT_IM061a), carried as DMS elements.
const FSD = [
  {
    path: 'Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalInformation/StatementCode',
    value: 'FINSY',
  },
  {
    path: 'Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalInformation/StatementDescription',
    value: 'SDY=8/10',
  },
  {
    path: 'Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalInformation[1]/StatementCode',
    value: 'FINSL',
  },
  { path: 'Declaration/AcceptanceDateTime/DateTimeString/@formatCode', value: '304' },
];

describe('the WCO message elements of a declaration lodged as DEC-DMS', () => {
  it('names each element by its steps, numbering repeated ones from 1', () => {
    expect(readablePath(FSD[2]!.path)).toBe(
      'GoodsShipment › GovernmentAgencyGoodsItem › AdditionalInformation 2 › StatementCode',
    );
    expect(readablePath(FSD[3]!.path)).toBe('AcceptanceDateTime › DateTimeString › @ formatCode');
  });

  it('lists them folded, and finds one by name or value', async () => {
    renderAs(OFFICER, <WcoElementsPanel declaration={lodgedAsDms(FSD)} />);
    const summary = screen.getByText('4 more elements of the lodged message');
    await userEvent.click(summary);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find an element (name or value)' }), 'sdy');
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('SDY=8/10');
  });

  it('shows nothing for a declaration lodged as JSON', () => {
    const { container } = renderAs(
      OFFICER,
      <WcoElementsPanel declaration={{ declaration: {} } as DeclarationDetail} />,
    );
    expect(container.textContent).toBe('');
  });
});
