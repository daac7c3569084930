import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, unwrap, type FieldIssue } from '../../../api/client';
import type { DeclarationDetail } from '../../../api/types';
import { Alert, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { declarationKeys } from '../api';
import type { DeclarationSubmission } from '../platform-model.js';
import { toSubmission, type LodgementDraft } from './formModel';
import { FormIssuesProvider } from './FormIssues';
import { errorsFirst, isWarning, useFieldLabel, useIssueText } from './issueText';
import {
  DocumentsSection,
  GeneralSection,
  InvoiceSection,
  ItemsSection,
  PartiesSection,
  TransportSection,
  type Update,
} from './LodgementSections';
import { useDeclarationCheck } from './useDeclarationCheck';
import { byPointer, structuralIssues } from './validation';

/**
 * The lodgement form. Each keystroke is checked in the browser against the API's own schema; when the structure
 * is valid, the API's dry run adds the business rules. Errors appear at their field once it was touched, and all at
 * once in a summary after a submit attempt. The API's answer to the lodgement itself is shown the same way.
 */
export function LodgementForm({
  initial,
  onLodged,
}: {
  initial: LodgementDraft;
  onLodged: (d: DeclarationDetail) => void;
}) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const fieldLabel = useFieldLabel();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ for: string; issues: FieldIssue[] } | null>(null);

  const submission = useMemo(() => toSubmission(draft), [draft]);
  const key = useMemo(() => JSON.stringify(submission), [submission]);
  const structural = useMemo(() => structuralIssues(submission), [submission]);
  const rules = useDeclarationCheck(submission, structural.length === 0);
  const lodged = serverIssues && serverIssues.for === key ? serverIssues.issues : [];
  const issues = structural.length ? structural : [...rules.issues, ...lodged];
  const grouped = useMemo(() => byPointer(issues), [issues]);

  const lodge = useMutation({
    mutationFn: async (body: DeclarationSubmission) =>
      unwrap(await api.POST('/api/v1/declarations', { body: body as never })),
    onSuccess: async (d) => {
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
      onLodged(d);
    },
    onError: (err) => {
      if (err instanceof ApiProblem && err.errors.length) setServerIssues({ for: key, issues: err.errors });
    },
  });

  const update: Update = (change) => setDraft((d) => change(d));
  const touchPointer = (pointer: string) => setTouched((s) => (s.has(pointer) ? s : new Set(s).add(pointer)));
  const visible = (pointer: string) => attempted || touched.has(pointer);
  const issuesValue = {
    messagesFor: (pointer: string) => {
      const list = grouped.get(pointer);
      return list && visible(pointer)
        ? list.map((i) => (isWarning(i) ? `${t('issue.warning')}: ${issueText(i)}` : issueText(i)))
        : undefined;
    },
    touch: touchPointer,
  };

  return (
    <FormIssuesProvider value={issuesValue}>
      <form
        className="lodge-form"
        noValidate
        aria-describedby={attempted && issues.length ? 'lodge-summary' : undefined}
        onSubmit={(e) => {
          e.preventDefault();
          setAttempted(true);
          if (structural.length === 0 && !rules.checking) lodge.mutate(submission);
        }}
      >
        {attempted && issues.length ? (
          <div id="lodge-summary" className="error-summary" role="alert" tabIndex={-1}>
            <h2>{t('lodge.fixErrors', { count: issues.length })}</h2>
            <ul>
              {errorsFirst(issues).map((i, n) => (
                <li
                  key={`${i.pointer}-${i.code}-${n}`}
                  className={isWarning(i) ? 'issue-warning' : undefined}
                >
                  {isWarning(i) ? <span className="issue-tag">{t('issue.warning')}</span> : null}
                  <strong>{fieldLabel(i.pointer)}</strong>
                  {i.wcoPath ? <span className="mono wco">{i.wcoPath}</span> : null}
                  <span>{issueText(i)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <GeneralSection draft={draft} update={update} />
        <PartiesSection draft={draft} update={update} />
        <TransportSection draft={draft} update={update} />
        <ItemsSection draft={draft} update={update} />
        <InvoiceSection draft={draft} update={update} />
        <DocumentsSection draft={draft} update={update} />
        {lodge.error && !(lodge.error instanceof ApiProblem && lodge.error.errors.length) ? (
          <ProblemAlert error={lodge.error} />
        ) : null}
        <div className="form-actions sticky">
          <p className="check-state" aria-live="polite">
            {rules.checking
              ? t('lodge.checking')
              : issues.length
                ? t('lodge.issueCount', { count: issues.length })
                : t('lodge.noIssues')}
          </p>
          {lodge.isSuccess ? <Alert tone="success">{t('lodge.lodged')}</Alert> : null}
          <Button type="submit" tone="primary" busy={lodge.isPending}>
            {t('lodge.submit')}
          </Button>
        </div>
      </form>
    </FormIssuesProvider>
  );
}
