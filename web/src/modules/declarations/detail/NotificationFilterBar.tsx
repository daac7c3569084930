import { useTranslation } from 'react-i18next';
import { Button } from '../../../kit/Button';
import { SelectField, TextField } from '../../../kit/Field';
import { useFormat } from '../../../i18n/format';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A notification's title in the console's language, from the platform's catalogue (`api:notification.*`). */
export function notificationTitle(t: Translate, kind: string): string {
  return t(`api:notification.${kind}`, { defaultValue: t('api:notification.unknown') });
}

/** The kinds to offer: those present, and the chosen one even when none of it is left, in title order. */
export function kindOptions(t: Translate, present: Iterable<string>, chosen: string, language: string) {
  const kinds = new Set(present);
  if (chosen) kinds.add(chosen);
  return [...kinds]
    .map((kind) => ({ value: kind, label: notificationTitle(t, kind) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}

/**
 * Filters over a list of notifications: by kind (the kinds present) and by typed text, with how many are shown.
 * The caller owns the values, so a page can keep them in its URL and a panel in its state.
 */
export function NotificationFilterBar({
  label,
  kinds,
  kind,
  onKind,
  textLabel,
  text,
  onText,
  onClear,
  shown,
  total,
}: {
  label: string;
  kinds: Iterable<string>;
  kind: string;
  onKind: (kind: string) => void;
  textLabel: string;
  text: string;
  onText: (text: string) => void;
  onClear: () => void;
  shown: number;
  total: number;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  return (
    <form
      className="table-filter notification-filters"
      role="search"
      aria-label={label}
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label={t('notifications.kind')}
        value={kind}
        emptyLabel={t('notifications.anyKind')}
        options={kindOptions(t, kinds, kind, i18n.language)}
        onChange={(e) => onKind(e.target.value)}
      />
      <TextField
        label={textLabel}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      <p className="table-filter-count" aria-live="polite">
        {t('tableFilter.shown', { shown: f.integer(shown), total: f.integer(total) })}
      </p>
      {kind || text ? (
        <Button tone="quiet" onClick={onClear}>
          {t('notifications.clear')}
        </Button>
      ) : null}
    </form>
  );
}
