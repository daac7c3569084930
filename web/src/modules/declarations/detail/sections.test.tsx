import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DeclarationDetail, Notification } from '../../../api/types';
import { changeLanguage } from '../../../i18n';
import { OFFICER, renderAs, TRADER } from '../../../test/render';
import { AuditPanel, DocumentsPanel, ItemsPanel, NotificationsPanel } from './sections';

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

const goods = (sequence: number, hsCode: string, description: string, originCountry: string) => ({
  sequence,
  hsCode,
  description,
  originCountry,
  procedureCode: '4000',
  documents: [],
});
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const firstCells = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0]?.textContent);

describe('finding goods items and documents', () => {
  it('finds goods items by HS code, description or origin', async () => {
    const user = userEvent.setup();
    renderAs(
      OFFICER,
      <ItemsPanel
        declaration={declaration([
          goods(1, '61091000', 'Camisetas de algodón', 'GT'),
          goods(2, '09011100', 'Café sin tostar', 'HN'),
          goods(3, '61091000', 'Camisetas de poliéster', 'CN'),
        ])}
      />,
    );
    const box = screen.getByRole('searchbox', { name: 'Find goods items (HS code, description, origin)' });
    await user.type(box, '6109');
    expect(firstCells()).toEqual(['1', '3']);
    await user.clear(box);
    await user.type(box, 'cafe');
    expect(firstCells()).toEqual(['2']);
    await user.clear(box);
    await user.type(box, 'camisetas cn');
    expect(firstCells()).toEqual(['3']);
    expect(screen.getByText('1 of 3')).toBeTruthy();
  });

  it('finds documents by their translated kind or reference', async () => {
    const user = userEvent.setup();
    const documents = [
      { kind: 'invoice', reference: 'F-2026-001' },
      { kind: 'certificate_of_origin', reference: 'CO-77' },
    ];
    renderAs(
      OFFICER,
      <DocumentsPanel
        declaration={
          {
            declaration: {
              documents,
              goodsItems: [{ documents: [{ kind: 'invoice', reference: 'F-2026-002' }] }],
            },
          } as unknown as DeclarationDetail
        }
      />,
    );
    const box = screen.getByRole('searchbox', { name: 'Find documents (kind, reference)' });
    await user.type(box, 'f-2026');
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      'F-2026-001',
      'F-2026-002',
    ]);
    await user.clear(box);
    await user.type(box, 'certificate of origin');
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual(['CO-77']);
    expect(screen.getByText('1 of 3')).toBeTruthy();
  });
});

const note = (
  id: number,
  kind: string,
  functionCode: string,
  data: Record<string, unknown> = {},
): Notification => ({
  id,
  kind,
  functionCode,
  issuedAt: `2026-03-0${id}T10:00:00Z`,
  title: {},
  data,
});
const NOTES = [
  note(1, 'received', '9'),
  note(2, 'accepted', '11'),
  note(3, 'documentsRequested', '34', { reason: 'Factura ilegible', documents: ['invoice'] }),
  note(4, 'documentsRequested', '34', {
    reason: 'Certificado de origen',
    documents: ['certificate_of_origin'],
  }),
];
const titles = () => screen.queryAllByRole('listitem').map((li) => li.querySelector('.title')?.textContent);

describe('the notifications panel', () => {
  it('offers the kinds present and narrows the list to one', async () => {
    const user = userEvent.setup();
    renderAs(TRADER, <NotificationsPanel notifications={NOTES} />);
    const kind = screen.getByRole('combobox', { name: 'Kind' });
    expect(
      within(kind)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Any kind', 'Declaration accepted', 'Declaration received', 'Documents requested']);
    await user.selectOptions(kind, 'documentsRequested');
    expect(titles()).toEqual(['Documents requested', 'Documents requested']);
    expect(screen.getByText('2 of 4')).toBeTruthy();
  });

  it('finds notifications by the reason given, ignoring accents, and says when none is left', async () => {
    const user = userEvent.setup();
    renderAs(TRADER, <NotificationsPanel notifications={NOTES} />);
    const text = screen.getByRole('searchbox', { name: 'Code, title or reason' });
    await user.type(text, 'ILEGIBLE');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText('Reason: Factura ilegible')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'accepted');
    expect(titles()).toEqual([]);
    expect(screen.getByText('No notification matches these filters.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(titles()).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('labels kinds in Spanish from the platform catalogue', async () => {
    await changeLanguage('es');
    renderAs(TRADER, <NotificationsPanel notifications={[note(1, 'released', '29')]} />);
    const kind = screen.getByRole('combobox', { name: 'Tipo' });
    expect(
      within(kind)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Cualquier tipo', 'Levante de mercancías']);
  });
});

/** Every action the declaration service writes to a declaration's audit trail. */
const AUDIT_ACTIONS = [
  'lodged',
  'accepted',
  'risk_assessed',
  'channel_assigned',
  'channel_escalated',
  'arrived',
  'documents_requested',
  'documents_submitted',
  'control_recorded',
  'released',
  'held',
  'invalidated',
  'amended',
  'amendment_rejected',
  'status:held',
];
const auditEntry = (action: string, seq: number): AuditEntry => ({
  seq,
  action,
  actor: { id: 'system', name: 'Aduana' },
  data: {},
  hash: `hash${seq}`.padEnd(64, '0'),
  occurredAt: '2026-03-01T10:00:00Z',
  reason: null,
});

describe('the audit trail', () => {
  it.each(['en', 'es'] as const)('names every action the platform records in words, in %s', async (lang) => {
    await changeLanguage(lang);
    renderAs(OFFICER, <AuditPanel entries={AUDIT_ACTIONS.map(auditEntry)} />);
    const what = bodyRows().map((r) => within(r).getAllByRole('cell')[2]?.textContent ?? '');
    expect(what).toHaveLength(AUDIT_ACTIONS.length);
    expect(what.filter((w) => /^[a-z]+([_:][a-z]+)+$/.test(w))).toEqual([]);
    expect(what[AUDIT_ACTIONS.indexOf('channel_escalated')]).toBe(
      lang === 'en' ? 'Channel escalated' : 'Canal elevado',
    );
  });
});

describe('why the platform acted, in the audit trail', () => {
  const system = (data: Record<string, unknown>, reason: string, seq: number): AuditEntry => ({
    ...auditEntry('channel_escalated', seq),
    data,
    reason,
  });

  it.each([
    [
      'en',
      [
        'IoT alarm Temperature excursion (Major)',
        'The preferential origin claim does not qualify',
        'Amendment (version 3) re-assessed; profiles that now select it: Cheap cigarettes',
        'Goods seen at the wrong berth',
      ],
    ],
    [
      'es',
      [
        'Alarma IoT Excursión de temperatura (Mayor)',
        'La solicitud de origen preferencial no cumple las condiciones',
        'Modificación (versión 3) reevaluada; perfiles que ahora la seleccionan: Cheap cigarettes',
        'Goods seen at the wrong berth',
      ],
    ],
  ] as const)(
    'words a system reason in the reader’s language and keeps an officer’s as written (%s)',
    async (lang, expected) => {
      await changeLanguage(lang);
      renderAs(
        OFFICER,
        <AuditPanel
          entries={[
            system(
              { reasonCode: 'iot_alarm', reasonParams: { type: 'TEMPERATURE_EXCURSION', severity: 'MAJOR' } },
              'IoT alarm TEMPERATURE_EXCURSION (MAJOR)',
              1,
            ),
            system(
              { reasonCode: 'origin_claim', reasonParams: { outcome: 'does_not_qualify', detail: '' } },
              'origin claim does_not_qualify',
              2,
            ),
            system(
              {
                reasonCode: 'amendment_reassessed',
                reasonParams: { version: 3, profiles: 'Cheap cigarettes' },
              },
              'amendment (version 3) re-assessed: Cheap cigarettes',
              3,
            ),
            { ...auditEntry('held', 4), reason: 'Goods seen at the wrong berth' },
          ]}
        />,
      );
      const why = bodyRows().map((r) => within(r).getAllByRole('cell')[3]?.textContent ?? '');
      expect(why).toEqual(expected);
    },
  );
});
