import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePrincipal } from '../../auth/AuthProvider';
import { hasAnyRole, OFFICER_ROLES } from '../../auth/roles';
import { DataTable, type Column } from '../../kit/DataTable';
import { useFormat } from '../../i18n/format';
import { AlarmActions } from './AlarmActions';
import { AlarmStatusBadge, SeverityBadge } from './Badges';
import type { Alarm } from './types';

/** The alarm in the console's language (the API words it in English and Spanish), else its type. */
export function useAlarmText() {
  const { t, i18n } = useTranslation();
  return (a: Alarm) => a.messages[i18n.language] ?? a.messages.en ?? t(`iot.alarmType.${a.type}`);
}

/**
 * Alarms as a table: severity, type and what happened, container, declaration, times, status, comments, and —
 * for officers only — the actions. Traders read; they are never offered an action.
 */
export function AlarmTable({
  alarms,
  busy = false,
  /** Off on a container's own page: the container and its declaration are the page's. */
  showContainer = true,
  caption,
}: {
  alarms: Alarm[];
  busy?: boolean;
  showContainer?: boolean;
  caption: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const principal = usePrincipal();
  const officer = hasAnyRole(principal, OFFICER_ROLES);
  const text = useAlarmText();
  const columns: Column<Alarm>[] = [
    {
      key: 'severity',
      header: t('iot.alarms.severity'),
      cell: (a) => <SeverityBadge severity={a.severity} />,
    },
    {
      key: 'type',
      header: t('iot.alarms.type'),
      cell: (a) => (
        <div className="alarm-what">
          <strong>{t(`iot.alarmType.${a.type}`)}</strong>
          <span className="alarm-text">{text(a)}</span>
          {a.comments.length ? (
            <ul className="alarm-comments" aria-label={t('iot.alarms.comments')}>
              {a.comments.map((c) => (
                <li key={`${c.at}-${c.by}`}>
                  {t('iot.alarms.comment', { by: c.by, at: f.dateTime(c.at), text: c.text })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ),
    },
    ...(showContainer
      ? [
          {
            key: 'container',
            header: t('iot.alarms.container'),
            cell: (a: Alarm) => (
              <Link className="mono" to={`/iot/containers/${a.containerNumber}`}>
                {a.containerNumber}
              </Link>
            ),
          },
        ]
      : []),
    ...(showContainer
      ? [
          {
            key: 'declaration',
            header: t('iot.alarms.declaration'),
            optional: true,
            cell: (a: Alarm) => (
              <Link to={`/declarations/${a.declarationId}`}>{t('iot.alarms.openDeclaration')}</Link>
            ),
          },
        ]
      : []),
    { key: 'started', header: t('iot.alarms.started'), cell: (a) => f.dateTime(a.startedAt) },
    {
      key: 'status',
      header: t('iot.alarms.status'),
      cell: (a) => (
        <div className="alarm-status-cell">
          <AlarmStatusBadge status={a.status} />
          {a.acknowledgedBy && a.acknowledgedAt ? (
            <span className="hint">
              {t('iot.alarms.acknowledgedBy', { by: a.acknowledgedBy, at: f.dateTime(a.acknowledgedAt) })}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(officer
      ? [{ key: 'actions', header: t('iot.alarms.actions'), cell: (a: Alarm) => <AlarmActions alarm={a} /> }]
      : []),
  ];
  return (
    <DataTable<Alarm>
      caption={caption}
      columns={columns}
      rows={alarms}
      rowKey={(a) => a.alarmId}
      empty={t('iot.alarms.empty')}
      busy={busy}
    />
  );
}
