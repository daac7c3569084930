import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePrincipal } from '../../auth/AuthProvider';
import { isCustoms } from '../../auth/roles';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { DataTable } from '../../kit/DataTable';
import { Facts, Panel } from '../../kit/Panel';
import { useFormat } from '../../i18n/format';
import { POLL_MS, useAlarms, useContainerState, useEquipmentEvents, useSeries, useTrack } from './api';
import { AlarmTable } from './AlarmTable';
import { StateBadge } from './Badges';
import { containerState } from './fleetState';
import { useIotFormat } from './format';
import { useIotLive } from './live';
import { LiveIndicator } from './LiveIndicator';
import { chartPoints } from './seriesPoints';
import { TimeSeriesChart } from './TimeSeriesChart';
import { TrackMap } from './TrackMap';
import { ALARM_SEVERITIES, type EquipmentEvent } from './types';
import './iot.css';

const WEEK_MS = 7 * 86_400_000;

/** "PAONX → HNPCR" from the plan's UN/LOCODEs. */
function routeOf(plan: Record<string, unknown>): string {
  const code = (v: unknown) => (typeof v === 'string' ? v : '—');
  return `${code(plan.origin)} → ${code(plan.destination)}`;
}

/** Where the charts and track start: when the watch began, at most a week back. */
function sinceOf(view: { shipment: { boundAt: string } | null } | undefined): string | undefined {
  const bound = view?.shipment?.boundAt;
  if (!bound) return undefined;
  return new Date(Math.max(Date.parse(bound), Date.now() - WEEK_MS)).toISOString();
}

/**
 * One container: its state, the track over the planned corridor, temperature and humidity against the profile band,
 * its alarms and the customs equipment events. Updated live from the container's own stream.
 */
export default function ContainerPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const fmt = useIotFormat();
  const principal = usePrincipal();
  const containerNumber = (useParams().containerNumber ?? '').toUpperCase();
  const live = useIotLive({ container: containerNumber, throttleMs: 5_000 });
  const poll = live === 'live' ? false : POLL_MS;
  const state = useContainerState(containerNumber, poll);
  const since = sinceOf(state.data);
  const enabled = !!state.data;
  const track = useTrack(containerNumber, since, enabled ? poll : false);
  const series = useSeries(containerNumber, since, enabled ? poll : false);
  const events = useEquipmentEvents(containerNumber);
  const alarms = useAlarms({ container: containerNumber, limit: 100, offset: 0 }, poll);
  const v = state.data;
  const trackPoints = useMemo(
    () => (track.data?.points ?? []).map((p): [number, number] => [p.longitude, p.latitude]),
    [track.data],
  );
  const corridor = useMemo(
    () => v?.corridor?.path.map((p): [number, number] => [p[0] ?? 0, p[1] ?? 0]) ?? null,
    [v?.corridor],
  );
  const temperature = useMemo(() => chartPoints(series.data?.points ?? [], 'temperature'), [series.data]);
  const humidity = useMemo(() => chartPoints(series.data?.points ?? [], 'humidity'), [series.data]);

  const formatTime = useMemo(() => {
    const times = temperature.length ? temperature : humidity;
    const span = times.length > 1 ? times.at(-1)!.at.getTime() - times[0]!.at.getTime() : 0;
    return fmt.axisTime(span);
  }, [temperature, humidity, fmt]);

  if (state.isPending) return <Loading />;
  if (!v)
    return (
      <div className="page">
        <ProblemAlert error={state.error} />
        <Link to="/iot/fleet">{t('nav.fleet')}</Link>
      </div>
    );
  const worst = ALARM_SEVERITIES.find((s) => v.activeAlarms.some((a) => a.severity === s)) ?? null;
  const current = containerState(
    { activeAlarms: v.activeAlarms.length, worstSeverity: worst, latestReading: v.latestReading },
    Math.max(Date.now(), state.dataUpdatedAt),
  );
  const profile = v.profile;
  const bandText = profile
    ? t('iot.container.profileBand', {
        profile: t(`iot.profileName.${profile.profileId}`, { defaultValue: profile.profileId }),
        min: fmt.temperature(profile.band.minC),
        max: fmt.temperature(profile.band.maxC),
      })
    : '';
  const r = v.latestReading;
  return (
    <div className="page iot-container">
      <nav aria-label={t('declaration.breadcrumb')} className="breadcrumb">
        <Link to="/iot/fleet">{t('nav.fleet')}</Link>
      </nav>
      <div className="page-header">
        <h1>{t('iot.container.title', { container: v.containerNumber })}</h1>
        <div className="header-badges" aria-live="polite">
          <StateBadge state={current} />
        </div>
        <LiveIndicator status={live} />
      </div>
      {!v.shipment ? <p>{t('iot.container.notWatched')}</p> : null}
      <div className="declaration-grid">
        <div className="col-main">
          <Panel title={t('iot.container.track')}>
            {trackPoints.length ? (
              <TrackMap containerNumber={v.containerNumber} track={trackPoints} corridor={corridor} />
            ) : (
              <p>{t('iot.container.noTrack')}</p>
            )}
          </Panel>
          <Panel title={t('iot.container.charts')}>
            <ProblemAlert error={series.error} />
            {temperature.length ? (
              <TimeSeriesChart
                title={
                  profile
                    ? t('iot.container.temperatureChart', { band: bandText })
                    : t('iot.container.temperature')
                }
                className="temperature-chart"
                points={temperature}
                band={profile ? { min: profile.band.minC, max: profile.band.maxC } : null}
                limits={profile ? { min: profile.hardLimits.minC, max: profile.hardLimits.maxC } : null}
                format={fmt.temperature}
                formatTime={formatTime}
                labels={{ time: t('iot.chart.time'), value: t('iot.container.temperature'), band: bandText }}
              />
            ) : (
              <p>{t('iot.container.noSeries')}</p>
            )}
            {humidity.length ? (
              <TimeSeriesChart
                title={t('iot.container.humidityChart')}
                className="humidity-chart"
                points={humidity}
                format={fmt.humidity}
                formatTime={formatTime}
                labels={{ time: t('iot.chart.time'), value: t('iot.container.humidity'), band: '' }}
              />
            ) : null}
            {series.data?.resolution === '15m' ? (
              <p className="hint">{t('iot.container.resolution15m')}</p>
            ) : null}
          </Panel>
        </div>
        <div className="col-side">
          <Panel title={t('iot.container.state')}>
            <Facts
              items={[
                ...(v.shipment
                  ? [
                      {
                        key: 'declaration',
                        label: t('iot.container.declaration'),
                        value: (
                          <Link to={`/declarations/${v.shipment.declarationId}`}>
                            {t('iot.alarms.openDeclaration')}
                          </Link>
                        ),
                      },
                      { key: 'shipment', label: t('iot.container.shipment'), value: v.shipment.shipmentId },
                      {
                        key: 'route',
                        label: t('iot.container.route'),
                        value: routeOf(v.shipment.plan),
                      },
                      {
                        key: 'since',
                        label: t('iot.container.since'),
                        value: f.dateTime(v.shipment.boundAt),
                      },
                      ...(isCustoms(principal)
                        ? [{ key: 'owner', label: t('iot.container.owner'), value: v.shipment.ownerTin }]
                        : []),
                      {
                        key: 'devices',
                        label: t('iot.container.devices'),
                        value: v.shipment.deviceIds.join(', '),
                      },
                    ]
                  : []),
                ...(profile ? [{ key: 'profile', label: t('iot.container.profile'), value: bandText }] : []),
                {
                  key: 'reading',
                  label: t('iot.container.lastReading'),
                  value: r ? fmt.moment(r.at) : '—',
                },
                {
                  key: 'temperature',
                  label: t('iot.container.temperature'),
                  value: fmt.temperature(r?.temperatureC),
                },
                { key: 'humidity', label: t('iot.container.humidity'), value: fmt.humidity(r?.humidityPct) },
                { key: 'speed', label: t('iot.container.speed'), value: fmt.speed(r?.speedKmh) },
                {
                  key: 'event',
                  label: t('iot.container.lastEvent'),
                  value: v.latestEvent
                    ? `${t(`iot.eventKind.${v.latestEvent.kind}`, { defaultValue: v.latestEvent.kind })} · ${fmt.moment(v.latestEvent.at)}`
                    : '—',
                },
              ]}
            />
          </Panel>
          <Panel title={t('iot.container.events')}>
            <ProblemAlert error={events.error} />
            <DataTable<EquipmentEvent>
              caption={t('iot.container.events')}
              rows={events.data?.items ?? []}
              rowKey={(e) => e.metadata.eventID}
              empty={t('iot.container.noEvents')}
              filter={{
                label: t('iot.container.eventsFilter'),
                text: (e) =>
                  `${e.payload.equipmentEventTypeCode} ${t(
                    `iot.eventCode.${e.payload.equipmentEventTypeCode}`,
                    {
                      defaultValue: e.payload.equipmentEventTypeCode,
                    },
                  )}`,
              }}
              columns={[
                {
                  key: 'at',
                  header: t('iot.container.at'),
                  cell: (e) => f.dateTime(e.payload.eventDateTime),
                },
                {
                  key: 'event',
                  header: t('iot.container.event'),
                  cell: (e) => (
                    <>
                      <span className="mono">{e.payload.equipmentEventTypeCode}</span>{' '}
                      {t(`iot.eventCode.${e.payload.equipmentEventTypeCode}`, {
                        defaultValue: e.payload.equipmentEventTypeCode,
                      })}
                    </>
                  ),
                },
              ]}
            />
          </Panel>
        </div>
      </div>
      <Panel title={t('iot.container.alarms')}>
        <ProblemAlert error={alarms.error} />
        <AlarmTable
          alarms={alarms.data?.items ?? []}
          busy={alarms.isFetching}
          showContainer={false}
          caption={t('iot.container.alarms')}
        />
      </Panel>
    </div>
  );
}
