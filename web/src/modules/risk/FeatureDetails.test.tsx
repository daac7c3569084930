import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OFFICER, renderAs } from '../../test/render';
import { useFormat } from '../../i18n/format';
import { FeatureDetails } from './FeatureDetails';
import type { FieldContribution } from './explanation';

const CONTRIBUTIONS: FieldContribution[] = [
  {
    source: 'unitValue',
    contribution: 1.1,
    features: [
      { name: 'logUnitValue', value: Math.log(8), contribution: 0.4 },
      { name: 'unitValueVsHs6', value: Math.log(0.25), contribution: 0.7 },
    ],
  },
  {
    source: 'importerId×hs6',
    contribution: -0.3,
    features: [
      { name: 'fraudRate:importerId×hs6', value: 0.015, contribution: -0.2 },
      { name: 'declarations:importerId×hs6', value: 42, contribution: -0.1 },
    ],
  },
  {
    source: 'date',
    contribution: 0.1,
    features: [
      { name: 'month', value: 11, contribution: 0.06 },
      { name: 'weekday', value: 3, contribution: 0.04 },
    ],
  },
  {
    source: 'taxRate',
    contribution: 0.2,
    features: [
      { name: 'taxRate', value: 20, contribution: 0.15 },
      { name: 'taxRateVsHs6', value: null, contribution: 0.05 },
    ],
  },
];

function Details() {
  const f = useFormat();
  return <FeatureDetails contributions={CONTRIBUTIONS} currency="USD" f={f} />;
}

const line = (feature: string) => document.querySelector(`dd[data-feature="${feature}"]`)!.textContent;

describe('the model features behind the bars', () => {
  it('names each feature in words with the value the model read, back from its log scale', () => {
    renderAs(OFFICER, <Details />);
    expect(screen.getByText('Model features behind the bars')).toBeTruthy();
    expect(line('logUnitValue')).toBe('Unit value $8.00 per kg +0.4');
    expect(line('unitValueVsHs6')).toBe(
      'Unit value against the usual 0.25 × the usual for the subheading +0.7',
    );
    expect(line('fraudRate:importerId×hs6')).toBe(
      'Fraud rate of earlier declarations with the same Importer × HS subheading 1.5% -0.2',
    );
    expect(line('declarations:importerId×hs6')).toBe(
      'Earlier declarations with the same Importer × HS subheading 42 -0.1',
    );
    expect(line('taxRate')).toBe('Duty rate 20% +0.15');
    expect(line('taxRateVsHs6')).toBe('Duty rate against the usual missing +0.05');
    expect(line('month')).toBe('Month of lodgement November +0.06');
    expect(line('weekday')).toBe('Day of the week of lodgement Wednesday +0.04');
  });
});
