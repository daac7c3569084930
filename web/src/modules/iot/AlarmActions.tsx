import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ProblemAlert } from '../../kit/Alert';
import { Button } from '../../kit/Button';
import { Dialog } from '../../kit/Dialog';
import { TextAreaField } from '../../kit/Field';
import { useAlarmAction, type AlarmAction } from './api';
import type { Alarm } from './types';

type Asking = 'comment' | 'clear' | null;

/**
 * An officer's actions on one alarm: acknowledge (while unacknowledged), comment, clear (while active). Rendered
 * only for the roles the API lets act; the API checks again.
 */
export function AlarmActions({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const action = useAlarmAction();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<AlarmAction['kind'] | null>(null);
  const what = { type: t(`iot.alarmType.${alarm.type}`), container: alarm.containerNumber };
  const run = (a: AlarmAction) =>
    action.mutate(
      { alarmId: alarm.alarmId, action: a },
      {
        onSuccess: () => {
          setDone(a.kind);
          setAsking(null);
          setText('');
        },
      },
    );
  const unacknowledged = alarm.status === 'ACTIVE_UNACK' || alarm.status === 'CLEARED_UNACK';
  const active = alarm.status === 'ACTIVE_UNACK' || alarm.status === 'ACTIVE_ACK';
  return (
    <div className="alarm-actions">
      {unacknowledged ? (
        <Button
          tone="primary"
          busy={action.isPending && !asking}
          aria-label={t('iot.action.acknowledgeLabel', what)}
          onClick={() => run({ kind: 'acknowledge' })}
        >
          {t('iot.action.acknowledge')}
        </Button>
      ) : null}
      <Button aria-label={t('iot.action.commentLabel', what)} onClick={() => setAsking('comment')}>
        {t('iot.action.comment')}
      </Button>
      {active ? (
        <Button
          tone="danger"
          aria-label={t('iot.action.clearLabel', what)}
          onClick={() => setAsking('clear')}
        >
          {t('iot.action.clear')}
        </Button>
      ) : null}
      {done && !asking ? <Alert tone="success">{t(`iot.action.done.${done}`)}</Alert> : null}
      {!asking ? <ProblemAlert error={action.error} /> : null}
      {asking ? (
        <Dialog
          title={t(asking === 'comment' ? 'iot.action.commentTitle' : 'iot.action.clearTitle')}
          onClose={() => {
            setAsking(null);
            action.reset();
          }}
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(
                asking === 'comment'
                  ? { kind: 'comment', text: text.trim() }
                  : { kind: 'clear', reason: text.trim() },
              );
            }}
          >
            <p className="dialog-subject">{`${what.type} · ${what.container}`}</p>
            <TextAreaField
              label={t(asking === 'comment' ? 'iot.action.commentText' : 'iot.action.reason')}
              hint={asking === 'clear' ? t('iot.action.clearHint') : undefined}
              value={text}
              onChange={(e) => setText(e.target.value)}
              required
              minLength={asking === 'clear' ? 3 : 1}
              maxLength={2000}
            />
            <ProblemAlert error={action.error} />
            <div className="form-actions">
              <Button onClick={() => setAsking(null)}>{t('common.cancel')}</Button>
              <Button type="submit" tone={asking === 'clear' ? 'danger' : 'primary'} busy={action.isPending}>
                {t(asking === 'comment' ? 'iot.action.comment' : 'iot.action.clear')}
              </Button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
