import { useTranslation } from 'react-i18next';
import type { Channel, Status } from '../api/types';

/** The declaration's status as a labelled pill (text, not colour alone). */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** The control channel, with its colour and its name. */
export function ChannelBadge({ channel }: { channel: Channel | null }) {
  const { t } = useTranslation();
  if (!channel) return <span className="badge channel-none">{t('channel.none')}</span>;
  return (
    <span className={`badge channel-${channel}`}>
      <span className="swatch" aria-hidden="true" />
      {t(`channel.${channel}`)}
    </span>
  );
}
