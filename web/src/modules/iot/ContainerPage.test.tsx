import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, onApi } from '../../test/fetch';
import { OFFICER, renderAs, TRADER } from '../../test/render';
import ContainerPage from './ContainerPage';
import { alarm, containerState, series } from './test-fixtures';

function serveContainer() {
  onApi((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/iot/stream') return json({}, 503);
    if (path === '/api/v1/iot/containers/MSKU9070323') return json(containerState());
    if (path === '/api/v1/iot/containers/MSKU9070323/series') return json(series([5, 6, 9.8, 10.5, 7, 5]));
    if (path === '/api/v1/iot/containers/MSKU9070323/track')
      return json({
        containerNumber: 'MSKU9070323',
        points: [
          { at: '2026-11-26T10:00:00Z', longitude: -79.9, latitude: 9.4, temperatureC: 5, speedKmh: 20 },
          { at: '2026-11-26T11:00:00Z', longitude: -81.2, latitude: 11.0, temperatureC: 9.8, speedKmh: 22 },
        ],
      });
    if (path === '/api/v1/iot/equipment-events')
      return json({
        items: [
          {
            metadata: {
              eventID: 'EV-1',
              eventCreatedDateTime: '2026-11-26T12:00:00Z',
              eventType: 'EQUIPMENT',
            },
            payload: {
              eventClassifierCode: 'ACT',
              eventDateTime: '2026-11-26T12:00:00Z',
              equipmentEventTypeCode: 'CUSI',
              equipmentReference: 'MSKU9070323',
              emptyIndicatorCode: 'LADEN',
              documentReferences: [{ type: 'CUSTOMS_DECLARATION', reference: 'x' }],
            },
          },
        ],
      });
    if (path === '/api/v1/iot/alarms') return json({ items: [alarm()], total: 1 });
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}

const page = (
  <Routes>
    <Route path="/iot/containers/:containerNumber" element={<ContainerPage />} />
  </Routes>
);

describe('a container’s page', () => {
  it('draws the track over the planned corridor and the temperature against the PHARMA 2–8 °C band', async () => {
    serveContainer();
    renderAs(OFFICER, page, { path: '*', url: '/iot/containers/MSKU9070323' });
    await screen.findByRole('heading', { name: 'Container MSKU9070323' });
    await screen.findByRole('img', { name: 'Track of MSKU9070323 over the planned corridor' });
    expect(document.querySelector('path.iot-corridor')?.getAttribute('d')).toMatch(/^M.*L.*L/);
    expect(document.querySelector('path.iot-track')?.getAttribute('d')).toMatch(/^M.*L/);
    await screen.findAllByText('Temperature against the profile band (Pharmaceutical 2–8 °C: 2°C to 8°C)');
    const band = document.querySelector('.temperature-chart rect.chart-band');
    expect([band?.getAttribute('data-min'), band?.getAttribute('data-max')]).toEqual(['2', '8']);
    expect(document.querySelectorAll('.temperature-chart circle.chart-outside')).toHaveLength(2);
    expect(document.querySelector('.humidity-chart rect.chart-band')).toBeNull();
    expect(screen.getByText('Selected by customs for inspection')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Acknowledge the Temperature excursion alarm/ })).toBeTruthy();
  });

  it('shows the trader its container’s alarm and state without any officer action or the owner', async () => {
    serveContainer();
    renderAs(TRADER, page, { path: '*', url: '/iot/containers/MSKU9070323' });
    await screen.findByRole('heading', { name: 'Container MSKU9070323' });
    const alarms = screen.getByRole('region', { name: 'Alarms' });
    await within(alarms).findByText('Temperature excursion');
    expect(within(alarms).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByText('Owner (TIN)')).toBeNull();
    expect(screen.getAllByText('Major').length).toBeGreaterThan(0);
  });
});
