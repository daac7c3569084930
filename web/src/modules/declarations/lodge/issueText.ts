import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../api/client';

/** A readable name for a JSON pointer into a declaration: `/goodsItems/0/hsCode` → "HS code (item 1)". */
export function useFieldLabel() {
  const { t } = useTranslation();
  return useCallback(
    (pointer: string) => {
      const parts = pointer.split('/').filter(Boolean);
      const index = parts.find((p) => /^\d+$/.test(p));
      const key = parts.filter((p) => !/^\d+$/.test(p)).join('_');
      if (!key) return t('field.document');
      const n = index === undefined ? undefined : Number(index) + 1;
      return t(`field.${key}`, { n, defaultValue: pointer });
    },
    [t],
  );
}

/** An offending value as the API writes it into messages. */
function displayValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The message for a field error, from the platform's catalogue (`api:error.CODE`), as the API renders it — with the
 * field's name in place of the raw pointer.
 */
export function useIssueText() {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return useCallback(
    (issue: FieldIssue) => {
      const value = displayValue(issue.value);
      return t(`api:error.${issue.code}`, {
        ...(issue.params ?? {}),
        pointer: label(issue.pointer),
        value,
        defaultValue: issue.code,
      });
    },
    [t, label],
  );
}

/** A finding the rules keep with the declaration without refusing it. */
export const isWarning = (issue: FieldIssue) => issue.severity === 'warning';

/** What refuses the declaration first, then what only warns. */
export function errorsFirst(issues: FieldIssue[]): FieldIssue[] {
  return [...issues.filter((i) => !isWarning(i)), ...issues.filter(isWarning)];
}
