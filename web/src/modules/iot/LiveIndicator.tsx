import { useTranslation } from 'react-i18next';
import { POLL_MS } from './api';
import type { LiveStatus } from './live';

/** Says whether the page updates live or, the stream being down, by polling. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <p className={`live-status live-${status}`} role="status">
      <span className="swatch" aria-hidden="true" />
      {status === 'polling' ? t('iot.live.polling', { seconds: POLL_MS / 1000 }) : t(`iot.live.${status}`)}
    </p>
  );
}
