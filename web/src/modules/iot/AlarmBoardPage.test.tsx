import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, onApi, requests } from '../../test/fetch';
import { OFFICER, renderAs, TRADER } from '../../test/render';
import { changeLanguage } from '../../i18n';
import AlarmBoardPage from './AlarmBoardPage';
import { alarm, eventStream } from './test-fixtures';
import type { Alarm } from './types';

function serveBoard(items: Alarm[], stream: () => Response = () => json({}, 503)) {
  const posted: { path: string; body: unknown }[] = [];
  onApi(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/iot/stream') return stream();
    if (path === '/api/v1/iot/alarms') return json({ items, total: items.length });
    const action = /^\/api\/v1\/iot\/alarms\/([^/]+)\/(acknowledge|comments|clear)$/.exec(path);
    if (action && req.method === 'POST') {
      const text = await req.text();
      posted.push({ path, body: text ? JSON.parse(text) : undefined });
      const status =
        action[2] === 'acknowledge' ? 'ACTIVE_ACK' : action[2] === 'clear' ? 'CLEARED_ACK' : items[0]!.status;
      return json({ ...items[0]!, status });
    }
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
  return posted;
}
const boardQueries = () =>
  requests
    .filter((r) => new URL(r.url).pathname === '/api/v1/iot/alarms')
    .map((r) => new URL(r.url).searchParams);

describe('the alarm board', () => {
  it('lists alarms with severity, type, what happened, container and status', async () => {
    serveBoard([
      alarm(),
      alarm({
        alarmId: 'ALM-2',
        type: 'SEAL_BREACH',
        severity: 'CRITICAL',
        status: 'CLEARED_ACK',
        messages: { en: 'E-seal SL-1 opened', es: 'Precinto SL-1 abierto' },
      }),
    ]);
    renderAs(OFFICER, <AlarmBoardPage />);
    const table = await screen.findByRole('table');
    await within(table).findByText('Temperature excursion');
    expect(within(table).getByText('Out of 2–8 °C for 34 min, peak 11.4 °C')).toBeTruthy();
    expect(within(table).getByText('Seal breach')).toBeTruthy();
    expect(within(table).getAllByRole('link', { name: 'MSKU9070323' })[0]!.getAttribute('href')).toBe(
      '/iot/containers/MSKU9070323',
    );
    expect(screen.getByText('2 alarms')).toBeTruthy();
  });

  it('asks the API for the severity, status, type and container chosen', async () => {
    serveBoard([alarm()]);
    const user = userEvent.setup();
    renderAs(OFFICER, <AlarmBoardPage />, { url: '/?severity=MAJOR' });
    await screen.findByText('Temperature excursion', { selector: 'strong' });
    expect(boardQueries().at(-1)?.get('severity')).toBe('MAJOR');
    await user.selectOptions(screen.getByLabelText('Status'), 'ACTIVE_UNACK,ACTIVE_ACK');
    await waitFor(() => expect(boardQueries().at(-1)?.get('status')).toBe('ACTIVE_UNACK,ACTIVE_ACK'));
    await user.selectOptions(screen.getByLabelText('Alarm'), 'TEMPERATURE_EXCURSION');
    await waitFor(() => expect(boardQueries().at(-1)?.get('type')).toBe('TEMPERATURE_EXCURSION'));
    await user.type(screen.getByLabelText('Container'), 'msku9070323');
    await waitFor(() => expect(boardQueries().at(-1)?.get('container')).toBe('MSKU9070323'));
    expect(boardQueries().at(-1)?.get('severity')).toBe('MAJOR');
  });

  it('lets an officer acknowledge an alarm through the API', async () => {
    const posted = serveBoard([alarm()]);
    const user = userEvent.setup();
    renderAs(OFFICER, <AlarmBoardPage />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Acknowledge the Temperature excursion alarm on MSKU9070323',
      }),
    );
    await screen.findByText('Alarm acknowledged.');
    expect(posted).toEqual([{ path: '/api/v1/iot/alarms/ALM-1/acknowledge', body: undefined }]);
  });

  it('asks for a reason before clearing, and sends it; comments likewise', async () => {
    const posted = serveBoard([alarm({ status: 'ACTIVE_ACK' })]);
    const user = userEvent.setup();
    renderAs(OFFICER, <AlarmBoardPage />);
    await screen.findByText('Temperature excursion', { selector: 'strong' });
    // Already acknowledged: nothing to acknowledge.
    expect(screen.queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
    await user.click(
      screen.getByRole('button', { name: 'Clear the Temperature excursion alarm on MSKU9070323' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(
      within(dialog).getByLabelText(/Reason for clearing/),
      'Reefer reset at Colón under supervision',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Clear' }));
    await screen.findByText('Alarm cleared.');
    await user.click(
      screen.getByRole('button', { name: 'Comment on the Temperature excursion alarm on MSKU9070323' }),
    );
    await user.type(within(screen.getByRole('dialog')).getByLabelText(/Comment/), 'Pharmacist informed');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Comment' }));
    await screen.findByText('Comment added.');
    expect(posted).toEqual([
      { path: '/api/v1/iot/alarms/ALM-1/clear', body: { reason: 'Reefer reset at Colón under supervision' } },
      { path: '/api/v1/iot/alarms/ALM-1/comments', body: { text: 'Pharmacist informed' } },
    ]);
  });

  it('shows a trader its alarms without any action, in Spanish', async () => {
    await changeLanguage('es');
    serveBoard([alarm()]);
    renderAs(TRADER, <AlarmBoardPage />);
    const table = await screen.findByRole('table');
    await within(table).findByText('Excursión de temperatura');
    expect(within(table).getByText('Fuera de 2–8 °C durante 34 min, pico 11,4 °C')).toBeTruthy();
    expect(within(table).queryAllByRole('button')).toEqual([]);
    expect(within(table).queryByRole('columnheader', { name: 'Acciones' })).toBeNull();
  });

  it('refreshes when the stream announces an alarm', async () => {
    const stream = eventStream();
    serveBoard([alarm()], () => stream.response);
    renderAs(OFFICER, <AlarmBoardPage />);
    await screen.findByText('Live');
    const before = boardQueries().length;
    expect(new URL(requests.find((r) => r.url.includes('/iot/stream'))!.url).searchParams.get('kinds')).toBe(
      'alarm',
    );
    stream.send('alarm', { containerNumber: 'MSKU9070323', operation: 'escalate', alarmId: 'ALM-1' });
    await waitFor(() => expect(boardQueries().length).toBe(before + 1));
  });
});
