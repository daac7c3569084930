import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, onApi, requests } from '../../test/fetch';
import { OFFICER, renderAs } from '../../test/render';
import FleetPage from './FleetPage';
import { eventStream, fleetContainer } from './test-fixtures';

function Where() {
  return <output data-testid="where">{useLocation().search}</output>;
}

const FLEET = {
  containers: [
    fleetContainer('MSKU9070323', { activeAlarms: 2, worstSeverity: 'CRITICAL' }),
    fleetContainer('TGHU1234567', {
      profileId: 'FROZEN',
      latestReading: { ...fleetContainer('x').latestReading!, temperatureC: -19 },
    }),
    fleetContainer('CMAU7654321', {
      latestReading: { ...fleetContainer('x').latestReading!, receivedAt: '2026-01-01T00:00:00.000Z' },
    }),
  ],
};
const fleetCalls = () => requests.filter((r) => new URL(r.url).pathname === '/api/v1/iot/fleet').length;
const markers = () => document.querySelectorAll('.iot-marker');
const marker = (n: string) => document.querySelector(`.iot-marker[data-container="${n}"]`);

function serve(stream: Response | (() => Response)) {
  onApi((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/iot/fleet') return json(FLEET);
    if (path === '/api/v1/iot/stream') return typeof stream === 'function' ? stream() : stream;
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}

describe('the fleet map', () => {
  it('puts each container on the map coloured by its state, and lists them beside it', async () => {
    serve(json({ code: 'INTERNAL_ERROR' }, 503));
    renderAs(OFFICER, <FleetPage />);
    await screen.findByRole('link', { name: 'MSKU9070323' });
    expect(markers()).toHaveLength(3);
    expect(marker('MSKU9070323')?.getAttribute('class')).toContain('iot-critical');
    expect(marker('TGHU1234567')?.getAttribute('class')).toContain('iot-ok');
    expect(marker('CMAU7654321')?.getAttribute('class')).toContain('iot-silent');
    expect(screen.getByRole('button', { name: 'MSKU9070323: Critical' })).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('Silent')).toBeTruthy();
    expect(within(table).getByText('-19°C')).toBeTruthy();
  });

  it('filters by alarm state and profile, keeping the filters in the URL', async () => {
    serve(json({ code: 'INTERNAL_ERROR' }, 503));
    const user = userEvent.setup();
    renderAs(
      OFFICER,
      <>
        <FleetPage />
        <Where />
      </>,
      { url: '/?profile=PHARMA_2_8' },
    );
    await screen.findByRole('link', { name: 'MSKU9070323' });
    expect(markers()).toHaveLength(2);
    await user.selectOptions(screen.getByLabelText('State'), 'alarm');
    await waitFor(() => expect(markers()).toHaveLength(1));
    expect(screen.getByTestId('where').textContent).toBe('?state=alarm&profile=PHARMA_2_8');
    expect(screen.queryByRole('link', { name: 'CMAU7654321' })).toBeNull();
    await user.selectOptions(screen.getByLabelText('State'), '');
    await user.type(screen.getByLabelText('Container number'), 'cmau');
    await waitFor(() => expect(markers()).toHaveLength(1));
    expect(marker('CMAU7654321')).toBeTruthy();
  });

  it('moves markers with the live stream and refreshes on an alarm, without reloading the page', async () => {
    const stream = eventStream();
    serve(stream.response);
    renderAs(OFFICER, <FleetPage />);
    await screen.findByText('Live');
    await screen.findByRole('link', { name: 'TGHU1234567' });
    const before = marker('TGHU1234567')!.getAttribute('transform');
    const calls = fleetCalls();
    stream.send('telemetry', {
      containerNumber: 'TGHU1234567',
      kind: 'READING',
      at: new Date().toISOString(),
      deviceId: 'TRK-TGHU1234567',
      position: [-75.2, 17.9],
      temperatureC: -14.5,
    });
    await waitFor(() => expect(marker('TGHU1234567')!.getAttribute('transform')).not.toBe(before));
    expect(within(screen.getByRole('table')).getByText('-14.5°C')).toBeTruthy();
    expect(fleetCalls()).toBe(calls);
    stream.send('alarm', { containerNumber: 'TGHU1234567', operation: 'raise', alarmId: 'ALM-9' });
    await waitFor(() => expect(fleetCalls()).toBe(calls + 1));
  });

  it('says live updates are interrupted and polls when the stream cannot be opened', async () => {
    serve(() => json({ code: 'INTERNAL_ERROR' }, 503));
    renderAs(OFFICER, <FleetPage />);
    expect(await screen.findByText('Live updates interrupted: refreshing every 15 s')).toBeTruthy();
    const stream = requests.find((r) => new URL(r.url).pathname === '/api/v1/iot/stream')!;
    expect(stream.headers.get('accept')).toBe('text/event-stream');
  });

  it('reopens the stream after a failure and fetches what it missed once', async () => {
    const stream = eventStream();
    let attempts = 0;
    serve(() => (++attempts === 1 ? json({ code: 'INTERNAL_ERROR' }, 503) : stream.response));
    renderAs(OFFICER, <FleetPage />);
    await screen.findByText('Live updates interrupted: refreshing every 15 s');
    await screen.findByRole('link', { name: 'MSKU9070323' });
    const calls = fleetCalls();
    // The first retry comes two seconds after the failure.
    await screen.findByText('Live', {}, { timeout: 4_000 });
    expect(attempts).toBe(2);
    await waitFor(() => expect(fleetCalls()).toBe(calls + 1));
  });
});
