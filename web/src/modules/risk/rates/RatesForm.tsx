import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldIssue } from '../../../api/client';
import { Alert, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { TextAreaField, TextField } from '../../../kit/Field';
import { useSetOfficeRates, type OfficeRates } from './api';

const CHANNELS = ['green', 'yellow', 'red', 'blue'] as const;
type Draft = Record<(typeof CHANNELS)[number] | 'randomMinimum' | 'explorationShare', string>;

/** An offending value as the API writes it into messages. */
function displayValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : JSON.stringify(v);
}

/**
 * Edits one office's rates. The API is the judge: its field errors are shown at the field they point to
 * (`/rates/green`, `/rates` for the sum, `/randomMinimum`…), worded from the platform's catalogue.
 */
export function RatesForm({
  office,
  onDone,
  onSaved,
}: {
  office: OfficeRates;
  onDone: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSetOfficeRates();
  const [draft, setDraft] = useState<Draft>({
    green: String(office.rates.green),
    yellow: String(office.rates.yellow),
    red: String(office.rates.red),
    blue: String(office.rates.blue),
    randomMinimum: String(office.randomMinimum),
    explorationShare: String(office.explorationShare),
  });
  const [reason, setReason] = useState('');
  const issues: FieldIssue[] = save.error instanceof ApiProblem ? save.error.errors : [];
  // A random minimum above the control channels is refused as a whole (no field); it belongs to that field.
  const randomAbove =
    save.error instanceof ApiProblem && save.error.code === 'RISK_RANDOM_ABOVE_BUDGET'
      ? t('api:problem.RISK_RANDOM_ABOVE_BUDGET', { ...save.error.params, defaultValue: save.error.code })
      : null;
  const messagesAt = (pointer: string) => {
    const found = issues
      .filter((i) => i.pointer === pointer)
      .map((i) =>
        t(`api:error.${i.code}`, {
          ...(i.params ?? {}),
          pointer: t(`risk.rates.field.${pointer.split('/').filter(Boolean).join('_') || 'body'}`, {
            defaultValue: pointer,
          }),
          value: displayValue(i.value),
          defaultValue: i.messages?.[i18n.language] ?? i.code,
        }),
      );
    if (pointer === '/randomMinimum' && randomAbove) found.push(randomAbove);
    return found.length ? found : undefined;
  };
  const placed = new Set([
    ...CHANNELS.map((c) => `/rates/${c}`),
    '/rates',
    '/randomMinimum',
    '/explorationShare',
    '/reason',
  ]);
  const elsewhere = issues.filter((i) => !placed.has(i.pointer));
  const field = (key: keyof Draft, pointer: string) => (
    <TextField
      key={key}
      label={t(`risk.rates.field.${pointer.split('/').filter(Boolean).join('_')}`)}
      type="number"
      inputMode="decimal"
      step="any"
      value={draft[key]}
      onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
      errors={messagesAt(pointer)}
      required
    />
  );
  const numberOf = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return (
    <form
      className="rates-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            office: office.office,
            body: {
              rates: {
                green: numberOf(draft.green),
                yellow: numberOf(draft.yellow),
                red: numberOf(draft.red),
                blue: numberOf(draft.blue),
              },
              randomMinimum: numberOf(draft.randomMinimum),
              explorationShare: numberOf(draft.explorationShare),
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            },
          },
          { onSuccess: onSaved },
        );
      }}
    >
      <fieldset>
        <legend>{t('risk.rates.channelRates')}</legend>
        {CHANNELS.map((c) => field(c, `/rates/${c}`))}
        {messagesAt('/rates') ? (
          <ul className="field-errors" aria-live="polite">
            {messagesAt('/rates')!.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      {field('randomMinimum', '/randomMinimum')}
      {field('explorationShare', '/explorationShare')}
      <TextAreaField
        label={t('risk.rates.field.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={messagesAt('/reason')}
        maxLength={2000}
      />
      {elsewhere.length ? (
        <Alert tone="error">
          {elsewhere
            .map((i) => t(`api:error.${i.code}`, { ...(i.params ?? {}), defaultValue: i.code }))
            .join(' ')}
        </Alert>
      ) : issues.length === 0 && !randomAbove ? (
        <ProblemAlert error={save.error} />
      ) : null}
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" tone="primary" busy={save.isPending}>
          {t('risk.rates.save')}
        </Button>
      </div>
    </form>
  );
}
