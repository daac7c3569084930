import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { OFFICER, renderAs } from '../../../test/render';
import { ItemsPanel } from './sections';

const declaration = (goodsItems: Record<string, unknown>[]) =>
  ({ declaration: { goodsItems } }) as unknown as DeclarationDetail;

describe('goods items of a declaration', () => {
  it('shows a dash for what a reduced data set does not declare, and the declared values otherwise', () => {
    renderAs(
      OFFICER,
      <ItemsPanel
        declaration={declaration([
          { sequence: 1, procedureCode: '0019', documents: [] },
          {
            sequence: 2,
            hsCode: '61091000',
            description: 'T-shirts',
            originCountry: 'GT',
            netMassKg: 100,
            grossMassKg: 110,
            customsValue: 2500,
            currency: 'USD',
            procedureCode: '4000',
            documents: [],
          },
        ])}
      />,
    );
    const [, first, second] = screen.getAllByRole('row');
    expect(within(first!).getAllByText('—').length).toBe(6);
    expect(within(second!).queryByText('—')).toBeNull();
    expect(within(second!).getByText('GT')).toBeTruthy();
    expect(within(second!).getByText('61091000')).toBeTruthy();
  });
});
