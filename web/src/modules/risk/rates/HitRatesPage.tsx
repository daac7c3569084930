import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { DataTable, type Column } from '../../../kit/DataTable';
import { SelectField, TextField } from '../../../kit/Field';
import { Panel } from '../../../kit/Panel';
import { useOffices } from '../../declarations/api';
import { useHitRates, type Interval } from './api';
import { HitRateChart, type HitRateSeries } from './HitRateChart';
import { lastDays, periodOf } from './period';
import './rates.css';

interface Outcome {
  controlled: number;
  hits: number;
  hitRate: number | null;
}

const INTERVALS: Interval[] = ['day', 'week', 'month'];
/** Sources in a stable order, so a source keeps its colour and place from one period to the next. */
const SOURCE_ORDER = ['rule', 'model', 'random', 'exploration', 'signal', 'criteria', 'none'];
const bySourceOrder = (a: string, b: string) =>
  (SOURCE_ORDER.indexOf(a) + 1 || 99) - (SOURCE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

/**
 * Hit rates: of the declarations each selection source sent to control, the share found irregular, by day, week
 * or month, for a period and an office — a chart and the figures behind it.
 */
export default function HitRatesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const offices = useOffices();
  const [days, setDays] = useState(() => lastDays(30));
  const [interval, setPeriodInterval] = useState<Interval>('day');
  const [office, setOffice] = useState('');
  const period = useMemo(() => (days.from && days.to ? periodOf(days.from, days.to) : null), [days]);
  const query = useHitRates({ ...(period ?? lastDaysPeriod()), interval, office });
  const data = query.data;
  const sourceLabel = (s: string) => t(`risk.sources.${s}`, { defaultValue: s });
  const series: HitRateSeries[] = useMemo(() => {
    const bySource = new Map<string, HitRateSeries['points']>();
    for (const row of data?.series ?? []) {
      const points = bySource.get(row.source) ?? [];
      bySource.set(row.source, points);
      if (row.hitRate !== null) points.push({ at: new Date(row.period), rate: row.hitRate });
    }
    return [...bySource]
      .sort(([a], [b]) => bySourceOrder(a, b))
      .map(([source, points]) => ({
        source,
        label: t(`risk.sources.${source}`, { defaultValue: source }),
        points: points.sort((a, b) => a.at.getTime() - b.at.getTime()),
      }));
  }, [data, t]);
  const rate = (v: number | null) => (v === null ? '—' : f.percent(v));
  /** What the controls found, as both tables show it: controlled, hits and the hit rate. */
  const outcomeColumns = <R extends Outcome>(): Column<R>[] => [
    {
      key: 'controlled',
      header: t('risk.hitRates.controlled'),
      align: 'end',
      cell: (r) => f.integer(r.controlled),
    },
    { key: 'hits', header: t('risk.hitRates.hits'), align: 'end', cell: (r) => f.integer(r.hits) },
    { key: 'rate', header: t('risk.hitRates.hitRate'), align: 'end', cell: (r) => rate(r.hitRate) },
  ];
  return (
    <div className="page risk-hit-rates">
      <div className="page-header">
        <h1>{t('risk.hitRates.title')}</h1>
        <p className="subtitle">{t('risk.hitRates.subtitle')}</p>
      </div>
      <div className="risk-filters" role="search" aria-label={t('risk.hitRates.filters')}>
        <TextField
          label={t('risk.hitRates.from')}
          type="date"
          value={days.from}
          max={days.to}
          onChange={(e) => setDays((d) => ({ ...d, from: e.target.value }))}
          className="inline"
        />
        <TextField
          label={t('risk.hitRates.to')}
          type="date"
          value={days.to}
          min={days.from}
          onChange={(e) => setDays((d) => ({ ...d, to: e.target.value }))}
          className="inline"
        />
        <SelectField
          label={t('risk.hitRates.interval')}
          value={interval}
          options={INTERVALS.map((i) => ({ value: i, label: t(`risk.hitRates.intervals.${i}`) }))}
          onChange={(e) => setPeriodInterval(e.target.value as Interval)}
          className="inline"
        />
        <SelectField
          label={t('risk.hitRates.office')}
          value={office}
          emptyLabel={t('risk.hitRates.allOffices')}
          options={(offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
          onChange={(e) => setOffice(e.target.value)}
          className="inline"
        />
      </div>
      <ProblemAlert error={query.error} />
      {!data ? (
        query.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <Panel title={t('risk.hitRates.chart')}>
            {series.some((s) => s.points.length > 0) ? (
              <HitRateChart
                title={t('risk.hitRates.chartCaption', {
                  from: f.date(data.from),
                  // The API's `to` is the instant after the last day asked for.
                  to: f.date(new Date(Date.parse(data.to) - 1)),
                  interval: t(`risk.hitRates.per.${interval}`),
                })}
                series={series}
                formatRate={f.percent}
                formatTime={f.date}
                periodLabel={t('risk.hitRates.period')}
              />
            ) : (
              <p>{t('risk.hitRates.noControls')}</p>
            )}
          </Panel>
          <Panel title={t('risk.hitRates.totals')}>
            <DataTable
              caption={t('risk.hitRates.totals')}
              columns={[
                { key: 'source', header: t('risk.hitRates.source'), cell: (r) => sourceLabel(r.source) },
                {
                  key: 'decided',
                  header: t('risk.hitRates.decided'),
                  align: 'end',
                  cell: (r) => f.integer(r.decided),
                },
                {
                  key: 'selected',
                  header: t('risk.hitRates.selected'),
                  align: 'end',
                  cell: (r) => f.integer(r.selected),
                },
                ...outcomeColumns(),
                {
                  key: 'revenue',
                  header: t('risk.hitRates.revenue'),
                  align: 'end',
                  cell: (r) => f.number(r.revenue),
                },
              ]}
              rows={[...data.totals].sort((a, b) => bySourceOrder(a.source, b.source))}
              rowKey={(r) => r.source}
              empty={t('risk.hitRates.empty')}
            />
          </Panel>
          <Panel title={t('risk.hitRates.byPeriod')}>
            <DataTable
              caption={t('risk.hitRates.byPeriod')}
              columns={[
                { key: 'period', header: t('risk.hitRates.period'), cell: (r) => f.date(r.period) },
                { key: 'source', header: t('risk.hitRates.source'), cell: (r) => sourceLabel(r.source) },
                ...outcomeColumns(),
              ]}
              rows={data.series}
              rowKey={(r) => `${r.period}-${r.source}`}
              empty={t('risk.hitRates.empty')}
              filter={{
                label: t('risk.hitRates.filter'),
                text: (r) => `${sourceLabel(r.source)} ${f.date(r.period)}`,
              }}
            />
          </Panel>
        </>
      )}
    </div>
  );
}

function lastDaysPeriod() {
  const d = lastDays(30);
  return periodOf(d.from, d.to);
}
