import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DeclarationDetail, Notification } from '../../../api/types';
import { json, onApi } from '../../../test/fetch';
import { OFFICER, renderAs } from '../../../test/render';
import DeclarationPage from './DeclarationPage';

const ID = '00000000-0000-4000-8000-000000000007';

const detail = {
  id: ID,
  lrn: 'GT-2026-0007',
  type: 'import',
  office: 'GTPQ01',
  status: 'under_control',
  channel: 'red',
  totalValue: 2500,
  currency: 'USD',
  version: 3,
  warnings: [],
  itemCount: 1,
  channelDecision: null,
  control: null,
  documentsRequested: null,
  times: {
    lodgedAt: '2026-03-01T10:00:00Z',
    acceptedAt: '2026-03-01T10:01:00Z',
    channelAt: '2026-03-01T10:02:00Z',
    arrivedAt: null,
    controlAt: null,
    releasedAt: null,
  },
  declaration: {
    type: 'import',
    parties: { declarant: { name: 'Agencia Núñez', tin: 'GT-BRK-0001' } },
    transport: {
      mode: 'sea',
      meansName: 'MSC Aurora',
      containers: [],
      loadingLocation: 'CNSHA',
      goodsLocation: 'GTPQ',
    },
    invoice: { number: 'F-1', amount: 2500, currency: 'USD' },
    documents: [],
    goodsItems: [
      { sequence: 1, hsCode: '61091000', description: 'Camisetas', originCountry: 'CN', documents: [] },
    ],
  },
} as unknown as DeclarationDetail;

const entry = (seq: number, name: string, action: string, reason: string | null): AuditEntry => ({
  seq,
  action,
  actor: { id: `u-${seq}`, name },
  data: {},
  hash: `hash${seq}`.padEnd(64, '0'),
  occurredAt: `2026-03-01T10:0${seq}:00Z`,
  reason,
});
const AUDIT = [
  entry(1, 'trader.gt', 'lodged', null),
  entry(2, 'system', 'channel_assigned', null),
  entry(3, 'José Pérez', 'documents_requested', 'Certificado de origen ilegible'),
  entry(4, 'Ana Gómez', 'held', 'Revisión física en curso'),
];
const NOTIFICATIONS: Notification[] = [];

function serveDeclaration() {
  onApi((req) => {
    const path = new URL(req.url).pathname;
    if (path === `/api/v1/declarations/${ID}`) return json(detail);
    if (path === `/api/v1/declarations/${ID}/audit`) return json(AUDIT);
    if (path === `/api/v1/declarations/${ID}/notifications`) return json(NOTIFICATIONS);
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
}

describe('the declaration page', () => {
  it('lets an officer find audit entries by who, what and why, without minding accents', async () => {
    serveDeclaration();
    const user = userEvent.setup();
    renderAs(OFFICER, <DeclarationPage />, { path: '/declarations/:id', url: `/declarations/${ID}` });
    const audit = await screen.findByRole('region', { name: 'Audit trail' });
    const box = within(audit).getByRole('searchbox', { name: 'Find in the audit trail (who, what, why)' });
    const rows = () => within(within(audit).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(4);
    expect(within(audit).getByText('4 of 4')).toBeTruthy();

    await user.type(box, 'jose perez');
    expect(rows()).toHaveLength(1);
    expect(within(rows()[0]!).getByText('Documents requested')).toBeTruthy();
    expect(within(audit).getByText('1 of 4')).toBeTruthy();

    await user.clear(box);
    await user.type(box, 'revision');
    expect(rows().map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual(['Ana Gómez']);

    await user.clear(box);
    await user.type(box, 'channel assigned');
    expect(rows().map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual(['system']);

    await user.clear(box);
    await user.type(box, 'seized');
    expect(within(audit).getByRole('cell').textContent).toBe('Nothing matches “seized”.');
    // The other tables keep their own search: the audit filter narrows nothing else.
    const items = screen.getByRole('region', { name: '1 goods item' });
    expect(within(items).getByText('1 of 1')).toBeTruthy();
  });
});
