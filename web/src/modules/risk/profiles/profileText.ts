import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import type { ProfileAction } from './api';

/** A profile's action in words: "Red, 25 % of hits" or "Score +15". */
export function useActionText() {
  const { t } = useTranslation();
  const f = useFormat();
  return useCallback(
    (action: ProfileAction) =>
      'channel' in action
        ? t('risk.profiles.actionChannelText', {
            channel: t(`channel.${action.channel}`),
            percent: f.percent((action.percent ?? 100) / 100),
          })
        : t('risk.profiles.actionScoreText', {
            weight: `${action.scoreWeight > 0 ? '+' : ''}${f.number(action.scoreWeight)}`,
          }),
    [t, f],
  );
}
