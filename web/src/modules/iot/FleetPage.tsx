import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { DataTable } from '../../kit/DataTable';
import { SelectField, TextField } from '../../kit/Field';
import { Panel } from '../../kit/Panel';
import { useFormat } from '../../i18n/format';
import { POLL_MS, useFleet } from './api';
import { StateBadge } from './Badges';
import { FleetMap } from './FleetMap';
import {
  containerState,
  fleetFiltersFromSearch,
  fleetFiltersToSearch,
  matchesFleetFilters,
  STATE_FILTERS,
  type FleetFilters,
} from './fleetState';
import { useIotFormat } from './format';
import { useIotLive } from './live';
import { LiveIndicator } from './LiveIndicator';
import { PROFILES, type FleetContainer } from './types';
import './iot.css';

const FLEET_KINDS = ['telemetry', 'alarm'] as const;

/** Ticks every `ms` so states that depend on time (silent) move on without new data. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/**
 * The fleet under watch: containers on the offline map coloured by state, with the list beside it. Filters live in
 * the URL; markers and states follow the live stream (polling while it is down). Traders get their own fleet (the
 * API filters).
 */
export default function FleetPage() {
  const { t } = useTranslation();
  const fmt = useIotFormat();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => fleetFiltersFromSearch(params), [params]);
  const live = useIotLive({ kinds: FLEET_KINDS, throttleMs: 5_000 });
  const fleet = useFleet(live === 'live' ? false : POLL_MS);
  const now = useNow();
  // The clock moves with each fleet update too, so a fresh reading is never shown as silent.
  const at = Math.max(now, fleet.dataUpdatedAt);
  const update = (next: Partial<FleetFilters>) =>
    setParams(fleetFiltersToSearch({ ...filters, ...next }), { replace: true });
  const rows = (fleet.data?.containers ?? []).filter((c) => matchesFleetFilters(c, filters, at));
  const unplaced = rows.filter((c) => !c.latestReading?.position).map((c) => c.containerNumber);

  return (
    <div className="page iot-fleet">
      <div className="page-header">
        <h1>{t('iot.fleet.title')}</h1>
        {fleet.data ? (
          <p className="count" aria-live="polite">
            {t('iot.fleet.total', { count: rows.length, formatted: f.integer(rows.length) })}
          </p>
        ) : null}
        <LiveIndicator status={live} />
      </div>
      <form
        className="filters iot-filters"
        role="search"
        aria-label={t('iot.fleet.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextField
          label={t('iot.fleet.container')}
          value={filters.container}
          onChange={(e) => update({ container: e.target.value.toUpperCase() })}
        />
        <SelectField
          label={t('iot.fleet.state')}
          value={filters.state}
          emptyLabel={t('iot.fleet.anyState')}
          options={STATE_FILTERS.map((s) => ({
            value: s,
            label:
              s === 'ok' || s === 'silent' || s === 'alarm' ? t(`iot.state.${s}`) : t(`iot.severity.${s}`),
          }))}
          onChange={(e) => update({ state: e.target.value as FleetFilters['state'] })}
        />
        <SelectField
          label={t('iot.fleet.profile')}
          value={filters.profile}
          emptyLabel={t('iot.fleet.anyProfile')}
          options={PROFILES.map((p) => ({ value: p, label: t(`iot.profileName.${p}`) }))}
          onChange={(e) => update({ profile: e.target.value })}
        />
      </form>
      <ProblemAlert error={fleet.error} />
      {!fleet.data ? (
        fleet.isPending ? (
          <Loading />
        ) : null
      ) : (
        <div className="iot-fleet-grid">
          <Panel title={t('iot.fleet.mapTitle')}>
            <FleetMap
              containers={rows}
              selected={filters.selected}
              now={at}
              onSelect={(n) => update({ selected: filters.selected === n ? '' : n })}
            />
            {unplaced.length ? (
              <p className="hint">{t('iot.fleet.noPosition', { containers: unplaced.join(', ') })}</p>
            ) : null}
          </Panel>
          <Panel title={t('iot.fleet.list')}>
            <DataTable<FleetContainer>
              caption={t('iot.fleet.list')}
              rows={rows}
              rowKey={(c) => c.containerNumber}
              empty={t('iot.fleet.empty')}
              busy={fleet.isFetching}
              columns={[
                {
                  key: 'container',
                  header: t('iot.alarms.container'),
                  cell: (c) => (
                    <span className="fleet-container-cell">
                      <Link
                        to={`/iot/containers/${c.containerNumber}`}
                        className={`mono${c.containerNumber === filters.selected ? ' selected-row' : ''}`}
                        aria-current={c.containerNumber === filters.selected ? 'true' : undefined}
                      >
                        {c.containerNumber}
                      </Link>
                      {c.profileId ? (
                        <span className="hint">
                          {t(`iot.profileName.${c.profileId}`, { defaultValue: c.profileId })}
                        </span>
                      ) : null}
                    </span>
                  ),
                },
                {
                  key: 'state',
                  header: t('iot.fleet.state'),
                  cell: (c) => <StateBadge state={containerState(c, at)} />,
                },
                {
                  key: 'temperature',
                  header: t('iot.container.temperature'),
                  align: 'end',
                  cell: (c) => fmt.temperature(c.latestReading?.temperatureC),
                },
                {
                  key: 'route',
                  header: t('iot.container.route'),
                  optional: true,
                  cell: (c) => <span className="mono">{`${c.origin ?? '—'} → ${c.destination ?? '—'}`}</span>,
                },
                {
                  key: 'alarms',
                  header: t('iot.alarms.title'),
                  align: 'end',
                  cell: (c) =>
                    c.activeAlarms ? (
                      <Link to={`/iot/alarms?container=${c.containerNumber}&status=ACTIVE_UNACK,ACTIVE_ACK`}>
                        {f.integer(c.activeAlarms)}
                      </Link>
                    ) : (
                      f.integer(0)
                    ),
                },
                {
                  key: 'heard',
                  header: t('iot.container.lastReading'),
                  optional: true,
                  cell: (c) => (c.latestReading ? fmt.moment(c.latestReading.at) : '—'),
                },
              ]}
            />
          </Panel>
        </div>
      )}
    </div>
  );
}
