import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../kit/Alert';
import { SelectField, TextField } from '../../kit/Field';
import { Pagination } from '../../kit/Pagination';
import { useFormat } from '../../i18n/format';
import {
  alarmFiltersFromSearch,
  alarmFiltersToSearch,
  ALARM_PAGE_SIZE,
  STATUS_CHOICES,
  toAlarmQuery,
  type AlarmFilters,
} from './alarmParams';
import { POLL_MS, useAlarms } from './api';
import { AlarmTable } from './AlarmTable';
import { useIotLive } from './live';
import { LiveIndicator } from './LiveIndicator';
import { ALARM_SEVERITIES, ALARM_TYPES } from './types';
import './iot.css';

const ALARM_ONLY = ['alarm'] as const;

/** Status choice → its label key (a pair reads as "active" or "cleared"). */
const statusLabel = (s: (typeof STATUS_CHOICES)[number]) =>
  s === 'ACTIVE_UNACK,ACTIVE_ACK'
    ? 'iot.alarms.active'
    : s === 'CLEARED_UNACK,CLEARED_ACK'
      ? 'iot.alarms.cleared'
      : `iot.alarmStatus.${s}`;

/**
 * The alarm board: every alarm the user may see (a trader, its own containers'), filtered in the URL, updated live.
 * Officers acknowledge, comment and clear from here.
 */
export default function AlarmBoardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => alarmFiltersFromSearch(params), [params]);
  const live = useIotLive({ kinds: ALARM_ONLY });
  const alarms = useAlarms(toAlarmQuery(filters), live === 'live' ? false : POLL_MS);
  const update = (next: Partial<AlarmFilters>) =>
    setParams(alarmFiltersToSearch({ ...filters, offset: 0, ...next }), { replace: true });
  // The container number is typed: the query waits for typing to pause.
  const [container, setContainer] = useState(filters.container);
  useEffect(() => setContainer(filters.container), [filters.container]);
  useEffect(() => {
    if (container === filters.container) return;
    const id = setTimeout(() => update({ container }), 300);
    return () => clearTimeout(id);
  });

  return (
    <div className="page iot-alarms">
      <div className="page-header">
        <h1>{t('iot.alarms.title')}</h1>
        {alarms.data ? (
          <p className="count" aria-live="polite">
            {t('iot.alarms.total', { count: alarms.data.total, formatted: f.integer(alarms.data.total) })}
          </p>
        ) : null}
        <LiveIndicator status={live} />
      </div>
      <form
        className="filters iot-filters"
        role="search"
        aria-label={t('iot.alarms.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label={t('iot.alarms.severity')}
          value={filters.severity}
          emptyLabel={t('iot.alarms.anySeverity')}
          options={ALARM_SEVERITIES.map((s) => ({ value: s, label: t(`iot.severity.${s}`) }))}
          onChange={(e) => update({ severity: e.target.value as AlarmFilters['severity'] })}
        />
        <SelectField
          label={t('iot.alarms.status')}
          value={filters.status}
          emptyLabel={t('iot.alarms.anyStatus')}
          options={STATUS_CHOICES.map((s) => ({ value: s, label: t(statusLabel(s)) }))}
          onChange={(e) => update({ status: e.target.value as AlarmFilters['status'] })}
        />
        <SelectField
          label={t('iot.alarms.type')}
          value={filters.type}
          emptyLabel={t('iot.alarms.anyType')}
          options={ALARM_TYPES.map((s) => ({ value: s, label: t(`iot.alarmType.${s}`) }))}
          onChange={(e) => update({ type: e.target.value as AlarmFilters['type'] })}
        />
        <TextField
          label={t('iot.alarms.container')}
          value={container}
          maxLength={11}
          onChange={(e) => setContainer(e.target.value.trim().toUpperCase())}
        />
      </form>
      <ProblemAlert error={alarms.error} />
      <AlarmTable
        alarms={alarms.data?.items ?? []}
        busy={alarms.isFetching}
        caption={t('iot.alarms.caption')}
      />
      {alarms.data ? (
        <Pagination
          offset={filters.offset}
          limit={ALARM_PAGE_SIZE}
          total={alarms.data.total}
          onOffset={(offset) => update({ offset })}
        />
      ) : null}
    </div>
  );
}
