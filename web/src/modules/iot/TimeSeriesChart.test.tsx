import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TimeSeriesChart, type ChartPoint } from './TimeSeriesChart';

const start = Date.parse('2026-11-26T10:00:00Z');
const points = (values: number[]): ChartPoint[] =>
  values.map((value, i) => ({ at: new Date(start + i * 60_000), value }));
const draw = (values: number[], band: { min: number | null; max: number | null } | null) =>
  render(
    <TimeSeriesChart
      title="t"
      points={points(values)}
      band={band}
      limits={{ min: 0, max: 15 }}
      format={(v) => `${v}`}
      formatTime={(d) => d.toISOString()}
      labels={{ time: 'time', value: 'value', band: 'band' }}
    />,
  ).container;

const num = (el: Element | null, attr: string) => Number(el?.getAttribute(attr));

describe('a chart against the profile band', () => {
  it('draws the band from the profile, with readings outside it marked outside the strip', () => {
    const svg = draw([5, 5.5, 6, 9.5, 11.4, 7, 1.2, 4], { min: 2, max: 8 });
    const band = svg.querySelector('rect.chart-band');
    expect(band?.getAttribute('data-min')).toBe('2');
    expect(band?.getAttribute('data-max')).toBe('8');
    const top = num(band, 'y');
    const bottom = top + num(band, 'height');
    expect(bottom).toBeGreaterThan(top);
    const outside = [...svg.querySelectorAll('circle.chart-outside')].map((c) => num(c, 'cy'));
    // 9.5 and 11.4 above the band (smaller y), 1.2 below it.
    expect(outside).toHaveLength(3);
    expect(outside.filter((y) => y < top)).toHaveLength(2);
    expect(outside.filter((y) => y > bottom)).toHaveLength(1);
  });

  it('scales the band with the profile: a frozen band open below reaches the bottom of the plot', () => {
    const frozen = draw([-19, -17.5, -20, -16], { min: null, max: -18 });
    const band = frozen.querySelector('rect.chart-band');
    const top = num(band, 'y');
    // 220 high with a 24 px bottom margin: the open side runs to the axis.
    expect(top + num(band, 'height')).toBe(196);
    expect(frozen.querySelectorAll('circle.chart-outside')).toHaveLength(2);
  });

  it('draws no band when the series has no profile, and still lists the figures for screen readers', () => {
    const plain = draw([60, 61, 62], null);
    expect(plain.querySelector('rect.chart-band')).toBeNull();
    expect(plain.querySelectorAll('table tbody tr')).toHaveLength(3);
  });
});
