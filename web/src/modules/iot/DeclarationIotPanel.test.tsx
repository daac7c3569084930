import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../api/types';
import { json, onApi, requests } from '../../test/fetch';
import { renderAs, TRADER } from '../../test/render';
import { declarationPanelsFor } from '../../app/registry';
import DeclarationIotPanel from './DeclarationIotPanel';
import { alarm, containerState, DECLARATION_ID } from './test-fixtures';

const declaration = { id: DECLARATION_ID } as DeclarationDetail;
const shipment = containerState().shipment!;

describe('the smart-containers panel on a declaration', () => {
  it('is offered on the declaration page to customs and traders through the registry', () => {
    expect(declarationPanelsFor(TRADER).map((p) => p.id)).toContain('iot-containers');
  });

  it('lists the bound containers with their alarms, active first, and links to each container', async () => {
    onApi((req) =>
      new URL(req.url).pathname === `/api/v1/iot/declarations/${DECLARATION_ID}`
        ? json({
            declarationId: DECLARATION_ID,
            shipments: [shipment],
            alarms: [
              alarm({
                alarmId: 'ALM-0',
                type: 'DEVICE_SILENT',
                status: 'CLEARED_ACK',
                startedAt: '2026-11-26T11:00:00Z',
              }),
              alarm(),
            ],
          })
        : json({ code: 'ROUTE_NOT_FOUND' }, 404),
    );
    renderAs(TRADER, <DeclarationIotPanel declaration={declaration} principal={TRADER} />);
    const link = await screen.findByRole('link', { name: 'Open container MSKU9070323' });
    expect(link.getAttribute('href')).toBe('/iot/containers/MSKU9070323');
    const items = within(screen.getByRole('list', { name: 'Alarms' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Temperature excursion',
      'Device silent',
    ]);
    expect(within(items[0]!).getByText('Active, not acknowledged')).toBeTruthy();
    expect(screen.getByText('Pharmaceutical 2–8 °C')).toBeTruthy();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      `/api/v1/iot/declarations/${DECLARATION_ID}`,
    ]);
  });

  it('says when no container of the declaration is under watch', async () => {
    onApi(() => json({ declarationId: DECLARATION_ID, shipments: [], alarms: [] }));
    renderAs(TRADER, <DeclarationIotPanel declaration={declaration} principal={TRADER} />);
    expect(await screen.findByText('No container of this declaration is under watch.')).toBeTruthy();
  });
});
