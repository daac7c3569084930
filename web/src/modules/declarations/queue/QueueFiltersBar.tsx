import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../kit/Button';
import { SelectField, TextField } from '../../../kit/Field';
import { useOffices } from '../api';
import { CHANNEL_VALUES, PAGE_SIZES, SORTS, STATUS_VALUES, type QueueFilters } from './queueParams';
import { useDebounced } from './useDebounced';

type TextKey = 'party' | 'hs' | 'lrn' | 'container';
const TEXT_KEYS: TextKey[] = ['lrn', 'container', 'hs', 'party'];

/**
 * The queue's filters. Selects apply at once; typed filters apply when typing pauses, so each keystroke does not
 * send a query.
 */
export function QueueFiltersBar({
  filters,
  onChange,
  showParty,
}: {
  filters: QueueFilters;
  onChange: (next: Partial<QueueFilters>) => void;
  showParty: boolean;
}) {
  const { t } = useTranslation();
  const offices = useOffices();
  const [draft, setDraft] = useState<Record<TextKey, string>>(() => pickText(filters));
  const settled = useDebounced(draft, 300);
  useEffect(() => {
    const changed = TEXT_KEYS.filter((k) => settled[k] !== filters[k]);
    if (changed.length) onChange(Object.fromEntries(changed.map((k) => [k, settled[k]])));
    // Only typed text drives this effect; the URL drives the draft below.
  }, [settled]);
  useEffect(() => setDraft(pickText(filters)), [filters.lrn, filters.container, filters.hs, filters.party]);

  const toggle = <K extends 'status' | 'channel'>(key: K, value: QueueFilters[K][number]) => {
    const current = filters[key] as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    onChange({ [key]: next });
  };

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('queue.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="chips">
        <legend>{t('queue.channel')}</legend>
        {CHANNEL_VALUES.map((c) => (
          <label key={c} className={`chip channel-${c}`}>
            <input
              type="checkbox"
              checked={filters.channel.includes(c)}
              onChange={() => toggle('channel', c)}
            />
            {t(`channel.${c}`)}
          </label>
        ))}
      </fieldset>
      <SelectField
        label={t('queue.status')}
        value={filters.status.length === 1 ? filters.status[0] : ''}
        emptyLabel={t('queue.anyStatus')}
        options={STATUS_VALUES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onChange={(e) =>
          onChange({ status: e.target.value ? [e.target.value as QueueFilters['status'][number]] : [] })
        }
      />
      <SelectField
        label={t('queue.office')}
        value={filters.office}
        emptyLabel={t('queue.anyOffice')}
        options={(offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
        onChange={(e) => onChange({ office: e.target.value })}
      />
      {TEXT_KEYS.filter((k) => k !== 'party' || showParty).map((k) => (
        <TextField
          key={k}
          label={t(`queue.${k}`)}
          value={draft[k]}
          inputMode={k === 'hs' ? 'numeric' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
        />
      ))}
      <TextField
        label={t('queue.from')}
        type="date"
        value={filters.from}
        onChange={(e) => onChange({ from: e.target.value })}
      />
      <TextField
        label={t('queue.to')}
        type="date"
        value={filters.to}
        onChange={(e) => onChange({ to: e.target.value })}
      />
      <SelectField
        label={t('queue.sort')}
        value={filters.sort}
        options={SORTS.map((s) => ({ value: s, label: t(`queue.sorts.${s}`) }))}
        onChange={(e) => onChange({ sort: e.target.value as QueueFilters['sort'] })}
      />
      <SelectField
        label={t('queue.pageSize')}
        value={String(filters.limit)}
        options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
        onChange={(e) => onChange({ limit: Number(e.target.value) })}
      />
      <Button
        tone="quiet"
        onClick={() =>
          onChange({
            status: [],
            channel: [],
            office: '',
            party: '',
            hs: '',
            lrn: '',
            container: '',
            from: '',
            to: '',
          })
        }
      >
        {t('queue.clear')}
      </Button>
    </form>
  );
}

function pickText(f: QueueFilters): Record<TextKey, string> {
  return { party: f.party, hs: f.hs, lrn: f.lrn, container: f.container };
}
