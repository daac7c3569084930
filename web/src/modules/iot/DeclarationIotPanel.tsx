import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeclarationDetail, Principal } from '../../api/types';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { useFormat } from '../../i18n/format';
import { useDeclarationWatch } from './api';
import { AlarmStatusBadge, SeverityBadge } from './Badges';
import { useAlarmText } from './AlarmTable';
import './iot.css';

/**
 * The declaration page's IoT panel: each container of the declaration under watch, its profile, and its alarms
 * (active first), with a link to the container page. Shown through the module registry's declaration panels.
 */
export default function DeclarationIotPanel({
  declaration,
}: {
  declaration: DeclarationDetail;
  principal: Principal;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useAlarmText();
  const watch = useDeclarationWatch(declaration.id);
  if (watch.isPending) return <Loading />;
  if (!watch.data) return <ProblemAlert error={watch.error} />;
  const { shipments, alarms } = watch.data;
  if (!shipments.length) return <p>{t('iot.panel.none')}</p>;
  const rank = (s: string) => (s.startsWith('ACTIVE') ? 0 : 1);
  return (
    <ul className="iot-panel">
      {shipments.map((s) => {
        const own = alarms
          .filter((a) => a.shipmentId === s.shipmentId)
          .sort((a, b) => rank(a.status) - rank(b.status) || b.startedAt.localeCompare(a.startedAt));
        const profileId = (s.plan.temperatureProfile as { profileId?: string } | undefined)?.profileId;
        return (
          <li key={s.shipmentId} className="iot-panel-container">
            <div className="iot-panel-head">
              <Link
                className="mono"
                to={`/iot/containers/${s.containerNumber}`}
                aria-label={t('iot.panel.open', { container: s.containerNumber })}
              >
                {s.containerNumber}
              </Link>
              {profileId ? (
                <span>{t(`iot.profileName.${profileId}`, { defaultValue: profileId })}</span>
              ) : null}
              <span className="hint">
                {s.status === 'ACTIVE'
                  ? t('iot.panel.watchedSince', { date: f.dateTime(s.boundAt) })
                  : t('iot.panel.closed')}
              </span>
            </div>
            {own.length ? (
              <ul className="iot-panel-alarms" aria-label={t('iot.container.alarms')}>
                {own.map((a) => (
                  <li key={a.alarmId}>
                    <SeverityBadge severity={a.severity} /> <strong>{t(`iot.alarmType.${a.type}`)}</strong>{' '}
                    <AlarmStatusBadge status={a.status} />
                    <span className="alarm-text">{text(a)}</span>
                    <span className="hint">{f.dateTime(a.startedAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('iot.panel.noAlarms')}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
