import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { Dialog } from '../../../kit/Dialog';
import { TextAreaField } from '../../../kit/Field';
import { useRegistryAction, useRetraining } from './api';

/** What the analyst is confirming: serving a version, going back to the previous one, or retraining. */
export type Asking = { kind: 'promote'; modelId: number } | { kind: 'rollback' } | { kind: 'retrain' };

/** Confirms a registry change with the reason the API records in the serving history. */
export function RegistryActionDialog({
  asking,
  onClose,
  onDone,
}: {
  asking: Asking;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const action = useRegistryAction();
  const retraining = useRetraining();
  const [reason, setReason] = useState('');
  const [promote, setPromote] = useState(false);
  const pending = action.isPending || retraining.isPending;
  const title =
    asking.kind === 'promote'
      ? t('risk.models.promoteTitle', { id: asking.modelId })
      : t(`risk.models.${asking.kind}Title`);
  const submit = () => {
    const text = reason.trim();
    if (asking.kind === 'retrain')
      retraining.mutate(
        { reason: text, promote },
        { onSuccess: (job) => onDone(t('risk.models.retrainStarted', { id: job.id })) },
      );
    else
      action.mutate(
        asking.kind === 'promote' ? { ...asking, reason: text } : { kind: 'rollback', reason: text },
        {
          onSuccess: (registry) => onDone(t('risk.models.nowServing', { id: registry.activeModelId ?? '—' })),
        },
      );
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p>{t(`risk.models.${asking.kind}Explain`)}</p>
        <TextAreaField
          label={t('risk.models.reason')}
          hint={t('risk.models.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={2000}
        />
        {asking.kind === 'retrain' ? (
          <div className="field checkbox">
            <label>
              <input type="checkbox" checked={promote} onChange={(e) => setPromote(e.target.checked)} />{' '}
              {t('risk.models.promoteWhenDone')}
            </label>
          </div>
        ) : null}
        <ProblemAlert error={action.error ?? retraining.error} />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" tone={asking.kind === 'rollback' ? 'danger' : 'primary'} busy={pending}>
            {t(`risk.models.${asking.kind}Confirm`)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
