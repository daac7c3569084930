import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { TextField } from '../../../kit/Field';
import { useDebounced } from '../queue/useDebounced';

/** An HS code input that suggests HS 2022 subheadings by code or words as the trader types. */
export function HsCodeInput({
  label,
  value,
  onChange,
  errors,
  onBlur,
}: {
  label: string;
  value: string;
  onChange: (code: string, description?: string) => void;
  errors?: string[] | undefined;
  onBlur?: () => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const q = useDebounced(value.trim(), 250);
  const suggestions = useQuery({
    queryKey: ['reference', 'hs', q],
    enabled: q.length >= 2 && !/^\d{6}$/.test(q),
    staleTime: Infinity,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/reference/hs', { params: { query: { q, limit: 8 } }, signal })),
  });
  const options = (suggestions.data ?? []).filter((e) => e.level === 'subheading');
  return (
    <>
      <TextField
        label={label}
        value={value}
        list={listId}
        autoComplete="off"
        required
        hint={t('lodge.hsHint')}
        errors={errors}
        onBlur={onBlur}
        onChange={(e) => {
          const typed = e.target.value;
          const match = options.find((o) => o.code === typed);
          onChange(typed, match?.description);
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {`${o.code} — ${o.description}`}
          </option>
        ))}
      </datalist>
    </>
  );
}
