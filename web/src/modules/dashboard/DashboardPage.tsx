import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Channel } from '../../api/types';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { BarChart } from '../../kit/BarChart';
import { SelectField } from '../../kit/Field';
import { Panel } from '../../kit/Panel';
import { WorldMap } from '../../kit/WorldMap';
import { useFormat } from '../../i18n/format';
import { useOffices } from '../declarations/api';

const CHANNELS: Channel[] = ['green', 'yellow', 'red', 'blue'];

/** Today in the browser's own time zone: local midnight to the next. */
export function localToday(now = new Date()): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The supervisor's day: lodgements by channel and status, clearance times per channel, pending controls, offices. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [office, setOffice] = useState('');
  const offices = useOffices();
  const period = useMemo(() => localToday(), []);
  const day = useQuery({
    queryKey: ['dashboard', 'office-day', office, period.from],
    refetchInterval: 60_000,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/dashboard/office-day', {
          params: { query: { ...period, ...(office ? { office } : {}) } },
        }),
      ),
  });
  const d = day.data;
  const released = d?.clearance.reduce((s, c) => s + c.released, 0) ?? 0;
  return (
    <div className="page dashboard">
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="subtitle">{t('dashboard.today', { date: f.date(period.from) })}</p>
        <SelectField
          label={t('queue.office')}
          value={office}
          emptyLabel={t('dashboard.allOffices')}
          options={(offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
          onChange={(e) => setOffice(e.target.value)}
          className="inline"
        />
      </div>
      <ProblemAlert error={day.error} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <div className="kpis">
            <Kpi label={t('dashboard.lodgedToday')} value={f.integer(d.lodged.total)} />
            <Kpi label={t('dashboard.releasedToday')} value={f.integer(released)} />
            <Kpi
              label={t('dashboard.pendingControls')}
              value={f.integer(d.pendingControls.total)}
              note={t('dashboard.pendingArrived', {
                count: d.pendingControls.arrived,
                formatted: f.integer(d.pendingControls.arrived),
              })}
              to={`/queue?channel=red,yellow&status=channel_assigned${office ? `&office=${office}` : ''}`}
            />
            <Kpi
              label={t('dashboard.oldestPending')}
              value={
                d.pendingControls.oldestLodgedAt
                  ? f.duration((Date.now() - Date.parse(d.pendingControls.oldestLodgedAt)) / 1000)
                  : '—'
              }
            />
          </div>
          <div className="dashboard-grid">
            <Panel title={t('dashboard.byChannel')}>
              <BarChart
                title={t('dashboard.byChannelCaption')}
                format={f.integer}
                series={[{ key: 'count', label: t('dashboard.declarations'), className: 'fill-accent' }]}
                data={d.lodged.byChannel.map((c) => ({
                  key: c.channel,
                  label: t(`channel.${c.channel}`),
                  values: { count: c.count },
                  className: `fill-${c.channel}`,
                }))}
              />
            </Panel>
            <Panel title={t('dashboard.byStatus')}>
              {d.lodged.byStatus.length ? (
                <BarChart
                  title={t('dashboard.byStatusCaption')}
                  format={f.integer}
                  series={[{ key: 'count', label: t('dashboard.declarations'), className: 'fill-accent' }]}
                  data={d.lodged.byStatus.map((s) => ({
                    key: s.status,
                    label: t(`status.${s.status}`),
                    values: { count: s.count },
                  }))}
                />
              ) : (
                <p>{t('dashboard.nothingToday')}</p>
              )}
            </Panel>
            <Panel title={t('dashboard.clearance')}>
              {d.clearance.length ? (
                <BarChart
                  title={t('dashboard.clearanceCaption')}
                  format={f.duration}
                  series={[
                    { key: 'median', label: t('dashboard.median'), className: 'fill-accent' },
                    { key: 'p90', label: t('dashboard.p90'), className: 'fill-muted' },
                  ]}
                  data={CHANNELS.flatMap((c) => {
                    const row = d.clearance.find((x) => x.channel === c);
                    return row
                      ? [
                          {
                            key: c,
                            label: `${t(`channel.${c}`)} (${f.integer(row.released)})`,
                            values: { median: row.medianSeconds, p90: row.p90Seconds },
                          },
                        ]
                      : [];
                  })}
                />
              ) : (
                <p>{t('dashboard.noReleases')}</p>
              )}
            </Panel>
            <Panel title={t('dashboard.offices')}>
              <WorldMap
                title={t('dashboard.officesMap')}
                attribution={t('map.attribution')}
                markers={(offices.data ?? []).flatMap((o) =>
                  o.coordinates
                    ? [
                        {
                          id: o.code,
                          coordinates: [o.coordinates[0] ?? 0, o.coordinates[1] ?? 0] as [number, number],
                          label: `${o.code} · ${o.name}`,
                          weight: office === o.code ? 1 : 0.3,
                          selected: office === o.code,
                        },
                      ]
                    : [],
                )}
                onSelect={(code) => setOffice((current) => (current === code ? '' : code))}
              />
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}

function Kpi({ label, value, note, to }: { label: string; value: string; note?: string; to?: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{to ? <Link to={to}>{value}</Link> : value}</span>
      {note ? <span className="kpi-note">{note}</span> : null}
    </div>
  );
}
