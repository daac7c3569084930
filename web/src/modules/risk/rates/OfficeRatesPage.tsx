import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '../../../auth/roles';
import { usePrincipal } from '../../../auth/AuthProvider';
import { useFormat } from '../../../i18n/format';
import { Alert, Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable, type Column } from '../../../kit/DataTable';
import { Dialog } from '../../../kit/Dialog';
import { Panel } from '../../../kit/Panel';
import { useOffices } from '../../declarations/api';
import { useOfficeRates, type OfficeRates } from './api';
import { RatesForm } from './RatesForm';
import './rates.css';

const CHANNELS = ['green', 'yellow', 'red', 'blue'] as const;

/**
 * Office budgets: the expected share of each channel, the random minimum and the exploration share per office, with
 * today's decisions beside them. Offices without their own rates use the defaults. Analysts edit; supervisors read.
 */
export default function OfficeRatesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const analyst = hasAnyRole(usePrincipal(), ['risk_analyst']);
  const view = useOfficeRates();
  const offices = useOffices();
  const [editing, setEditing] = useState<OfficeRates | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const data = view.data;
  const configured = new Set(data?.offices.map((o) => o.office));
  const rows: (OfficeRates & { own: boolean })[] = data
    ? [
        ...data.offices.map((o) => ({ ...o, own: true })),
        ...(offices.data ?? [])
          .filter((o) => !configured.has(o.code))
          .map((o) => ({
            office: o.code,
            ...data.defaults,
            rates: { ...data.defaults.rates },
            today: { decided: 0, byChannel: {} },
            updatedAt: null,
            updatedBy: null,
            own: false,
          })),
      ].sort((a, b) => a.office.localeCompare(b.office))
    : [];
  const name = (code: string) => offices.data?.find((o) => o.code === code)?.name;
  const pct = (v: number) => f.percent(v / 100);
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: 'office',
      header: t('risk.rates.office'),
      cell: (o) => (name(o.office) ? `${o.office} · ${name(o.office)}` : o.office),
    },
    ...CHANNELS.map((c): Column<(typeof rows)[number]> => ({
      key: c,
      header: t(`channel.${c}`),
      align: 'end',
      cell: (o) => pct(o.rates[c]),
    })),
    { key: 'random', header: t('risk.rates.randomMinimum'), align: 'end', cell: (o) => pct(o.randomMinimum) },
    {
      key: 'exploration',
      header: t('risk.rates.explorationShare'),
      align: 'end',
      optional: true,
      cell: (o) => pct(o.explorationShare),
    },
    {
      key: 'today',
      header: t('risk.rates.today'),
      align: 'end',
      cell: (o) => f.integer(o.today.decided),
    },
    {
      key: 'updated',
      header: t('risk.rates.updated'),
      optional: true,
      cell: (o) =>
        o.own && o.updatedAt
          ? t('risk.rates.updatedBy', { date: f.dateTime(o.updatedAt), by: o.updatedBy ?? '—' })
          : t('risk.rates.defaults'),
    },
    ...(analyst
      ? [
          {
            key: 'edit',
            header: t('risk.rates.actions'),
            cell: (o: OfficeRates) => (
              <Button
                aria-label={t('risk.rates.editLabel', { office: o.office })}
                onClick={() => setEditing(o)}
              >
                {t('risk.rates.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="page risk-rates">
      <div className="page-header">
        <h1>{t('risk.rates.title')}</h1>
        {data ? (
          <p className="subtitle">
            {t('risk.rates.defaultsAre', {
              green: pct(data.defaults.rates.green),
              yellow: pct(data.defaults.rates.yellow),
              red: pct(data.defaults.rates.red),
              blue: pct(data.defaults.rates.blue),
              random: pct(data.defaults.randomMinimum),
            })}
          </p>
        ) : null}
      </div>
      <ProblemAlert error={view.error} />
      {saved ? <Alert tone="success">{t('risk.rates.saved', { office: saved })}</Alert> : null}
      {!data ? (
        view.error ? null : (
          <Loading />
        )
      ) : (
        <Panel title={t('risk.rates.offices')}>
          <DataTable
            caption={t('risk.rates.offices')}
            columns={columns}
            rows={rows}
            rowKey={(o) => o.office}
            empty={t('risk.rates.empty')}
            filter={{ label: t('risk.rates.filter'), text: (o) => `${o.office} ${name(o.office) ?? ''}` }}
          />
        </Panel>
      )}
      {editing ? (
        <Dialog
          title={t('risk.rates.editTitle', { office: editing.office })}
          onClose={() => setEditing(null)}
        >
          <RatesForm
            office={editing}
            onDone={() => setEditing(null)}
            onSaved={() => {
              setSaved(editing.office);
              setEditing(null);
            }}
          />
        </Dialog>
      ) : null}
    </div>
  );
}
