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

/** A validity date (`2026-01-01`) as that day where the analyst is, not as UTC midnight (a day early west of UTC). */
export const calendarDay = (isoDate: string) => new Date(`${isoDate}T00:00:00`);
