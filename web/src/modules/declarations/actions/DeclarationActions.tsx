import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationDetail, Principal } from '../../../api/types';
import { hasAnyRole, OFFICER_ROLES, TRADER_ROLES } from '../../../auth/roles';
import { Alert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { Dialog } from '../../../kit/Dialog';
import { useDeclarationAction, type DeclarationAction } from '../api';
import {
  ArrivalForm,
  ControlResultForm,
  DocumentsAnswerForm,
  DocumentsRequestForm,
  ReasonForm,
  type ActionFormProps,
} from './ActionForms';
import {
  officerActionsFor,
  traderActionsFor,
  type OfficerAction,
  type TraderAction,
} from './availableActions';

type Kind = OfficerAction | TraderAction;
const DANGER: Kind[] = ['seize', 'hold', 'invalidation'];

/** The action bar: what this user's role may do to the declaration in its current state, each in a dialog. */
export function DeclarationActions({
  declaration,
  principal,
}: {
  declaration: DeclarationDetail;
  principal: Principal;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Kind | null>(null);
  const [done, setDone] = useState<Kind | null>(null);
  const mutation = useDeclarationAction(declaration.id);
  const kinds: Kind[] = [
    ...(hasAnyRole(principal, OFFICER_ROLES) ? officerActionsFor(declaration) : []),
    ...(hasAnyRole(principal, TRADER_ROLES) ? traderActionsFor(declaration) : []),
  ];
  if (kinds.length === 0 && !done) return null;

  const submit = (action: DeclarationAction) =>
    mutation.mutate(action, {
      onSuccess: () => {
        setDone(action.kind);
        setOpen(null);
      },
    });
  const close = () => {
    setOpen(null);
    mutation.reset();
  };
  const props: ActionFormProps = {
    declaration,
    busy: mutation.isPending,
    error: mutation.error,
    onSubmit: submit,
    onCancel: close,
  };

  return (
    <div className="action-bar" role="group" aria-label={t('actions.label')}>
      {kinds.map((k) => (
        <Button
          key={k}
          tone={DANGER.includes(k) ? 'danger' : k === 'release' ? 'primary' : 'secondary'}
          onClick={() => {
            mutation.reset();
            setDone(null);
            setOpen(k);
          }}
        >
          {t(`actions.${k}`)}
        </Button>
      ))}
      {done ? <Alert tone="success">{t(`actions.done.${done}`)}</Alert> : null}
      {open ? (
        <Dialog title={t(`actions.${open}`)} onClose={close}>
          {open === 'arrival' ? <ArrivalForm {...props} /> : null}
          {open === 'documents-request' ? <DocumentsRequestForm {...props} /> : null}
          {open === 'control-result' ? <ControlResultForm {...props} /> : null}
          {open === 'documents' ? <DocumentsAnswerForm {...props} /> : null}
          {open === 'release' || open === 'hold' || open === 'seize' || open === 'invalidation' ? (
            <ReasonForm kind={open} {...props} />
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
