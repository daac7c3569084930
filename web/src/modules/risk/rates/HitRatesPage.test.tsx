import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../api/types';
import { json, onApi, requests } from '../../../test/fetch';
import { OFFICER, renderAs } from '../../../test/render';
import HitRatesPage from './HitRatesPage';

const ANALYST: Principal = { ...OFFICER, id: 'u-analyst', name: 'analyst', roles: ['risk_analyst'] };

const row = (period: string, source: string, controlled: number, hits: number) => ({
  period: `${period}T00:00:00.000Z`,
  source,
  decided: controlled * 10,
  selected: controlled,
  controlled,
  hits,
  revenue: hits * 1000,
  hitRate: controlled === 0 ? null : hits / controlled,
});
const series = [
  row('2026-11-01', 'rule', 10, 4),
  row('2026-11-02', 'rule', 8, 2),
  row('2026-11-01', 'model', 20, 9),
  row('2026-11-02', 'model', 25, 10),
  row('2026-11-01', 'random', 5, 0),
  row('2026-11-02', 'random', 0, 0),
];
const totals = ['rule', 'model', 'random'].map((source) => {
  const rows = series.filter((r) => r.source === source);
  const sum = (k: 'decided' | 'selected' | 'controlled' | 'hits' | 'revenue') =>
    rows.reduce((a, r) => a + r[k], 0);
  const controlled = sum('controlled');
  return {
    source,
    decided: sum('decided'),
    selected: sum('selected'),
    controlled,
    hits: sum('hits'),
    revenue: sum('revenue'),
    hitRate: sum('hits') / controlled,
  };
});

function serveHitRates() {
  onApi((req) => {
    const url = new URL(req.url);
    if (url.pathname === '/api/v1/reference/offices')
      return json([{ code: 'JMKIN01', name: 'Kingston', coordinates: null }]);
    if (url.pathname === '/api/v1/risk/hit-rates')
      return json({
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-03T00:00:00.000Z',
        interval: url.searchParams.get('interval') ?? 'day',
        series,
        totals,
      });
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}
const hitRateQueries = () =>
  requests
    .filter((r) => new URL(r.url).pathname === '/api/v1/risk/hit-rates')
    .map((r) => new URL(r.url).searchParams);

describe('hit rates', () => {
  it('draws one line per selection source, each through its periods with controls', async () => {
    serveHitRates();
    const { container } = renderAs(ANALYST, <HitRatesPage />);
    await screen.findAllByText(/Hit rate by selection source, /);
    const lines = [...container.querySelectorAll('.hit-rate-chart [data-source]')];
    expect(lines.map((g) => g.getAttribute('data-source'))).toEqual(['rule', 'model', 'random']);
    const points = (source: string) =>
      container.querySelectorAll(`.hit-rate-chart [data-source="${source}"] circle`).length;
    expect([points('rule'), points('model'), points('random')]).toEqual([2, 2, 1]);
    const legend = container.querySelector('.hit-rate-chart .legend')!;
    expect(legend.textContent).toBe('Risk profileRisk modelRandom selection');
  });

  it('gives the figures per source as a table', async () => {
    serveHitRates();
    renderAs(ANALYST, <HitRatesPage />);
    const table = await screen.findByRole('table', { name: 'Totals for the period' });
    const model = within(table).getByText('Risk model').closest('tr')!;
    expect([...model.cells].map((c) => c.textContent)).toEqual([
      'Risk model',
      '450',
      '45',
      '45',
      '19',
      '42.2%',
      '19,000',
    ]);
  });

  it('asks the API for the interval and office chosen', async () => {
    serveHitRates();
    const user = userEvent.setup();
    renderAs(ANALYST, <HitRatesPage />);
    await screen.findByRole('table', { name: 'Totals for the period' });
    expect(hitRateQueries()[0]!.get('interval')).toBe('day');
    await user.selectOptions(screen.getByLabelText('Interval'), 'week');
    await screen.findByRole('option', { name: 'JMKIN01 · Kingston' });
    await user.selectOptions(screen.getByLabelText('Office'), 'JMKIN01');
    await waitFor(() => {
      const last = hitRateQueries().at(-1)!;
      expect([last.get('interval'), last.get('office')]).toEqual(['week', 'JMKIN01']);
    });
    expect(hitRateQueries().at(-1)!.get('from')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
