import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OFFICER, renderAs } from '../../test/render';
import { ContributionChart } from './ContributionChart';

const rects = (c: HTMLElement) =>
  [...c.querySelectorAll('g[data-field] rect')].map((r) => ({
    x: Number(r.getAttribute('x')),
    width: Number(r.getAttribute('width')),
  }));

describe('the contribution chart', () => {
  it('gives no room to a side without bars: when every field raises the risk, zero is at the left', () => {
    const { container } = renderAs(
      OFFICER,
      <ContributionChart
        item={1}
        contributions={[
          { source: 'hs6×itemPrice', contribution: 2, features: [] },
          { source: 'taxRate', contribution: 0.5, features: [] },
        ]}
      />,
    );
    const zero = Number(container.querySelector('line.risk-zero')!.getAttribute('x1'));
    const [big, small] = rects(container);
    expect(big!.x).toBe(zero);
    expect(small!.x).toBe(zero);
    expect(big!.width).toBeCloseTo(small!.width * 4);
    // The right end of the largest bar reaches the plot's edge, leaving room for its value only.
    expect(zero + big!.width).toBeCloseTo(640 - 56);
    expect(screen.getByText('HS subheading × Item price', { selector: 'th' })).toBeTruthy();
  });

  it('puts lowering fields left of zero and raising ones right of it', () => {
    const { container } = renderAs(
      OFFICER,
      <ContributionChart
        item={2}
        contributions={[
          { source: 'importerId', contribution: -1, features: [] },
          { source: 'originCountry', contribution: 1, features: [] },
        ]}
      />,
    );
    const zero = Number(container.querySelector('line.risk-zero')!.getAttribute('x1'));
    const [lowers, raises] = rects(container);
    expect(lowers!.x + lowers!.width).toBeCloseTo(zero);
    expect(raises!.x).toBe(zero);
    expect(lowers!.width).toBeCloseTo(raises!.width);
  });
});
